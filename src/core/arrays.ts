/**
 * Array helpers that never put a table's rows on the stack: `push(...rows)` and
 * `Math.max(...rows)` pass every item as an argument, and about 120,000 of them
 * overflow V8's stack («Maximum call stack size exceeded»). ESLint forbids the
 * spread forms in src/; these loops take any length.
 */

/** Appends every item of `items` to `target`; returns `target`. */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
  return target;
}

/** The largest number of `items`, or `empty` when there are none. */
export function maxOf(items: readonly number[], empty = -Infinity): number {
  let max = -Infinity;
  for (let i = 0; i < items.length; i++) if (items[i] > max) max = items[i];
  return items.length === 0 ? empty : max;
}

/** The smallest number of `items`, or `empty` when there are none. */
export function minOf(items: readonly number[], empty = Infinity): number {
  let min = Infinity;
  for (let i = 0; i < items.length; i++) if (items[i] < min) min = items[i];
  return items.length === 0 ? empty : min;
}
