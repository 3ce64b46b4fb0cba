/**
 * The statistics of ФИОКО's objectivity signs, with conventions fixed so that
 * every implementation gives the same marks: s with n − 1, a 95 %
 * interval of ±1.96·s/√n, Spearman over average ranks, quartiles as Excel's
 * QUARTILE.INC.
 */

export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n − 1); null under two values. */
export function sampleSd(values: number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return Math.sqrt(ss / (values.length - 1));
}

export interface Interval {
  mean: number;
  lower: number;
  upper: number;
  n: number;
}

/** mean ± 1.96·s/√n; null under two values. */
export function confidence95(values: number[]): Interval | null {
  const m = mean(values);
  const s = sampleSd(values);
  if (m === null || s === null) return null;
  const half = (1.96 * s) / Math.sqrt(values.length);
  return { mean: m, lower: m - half, upper: m + half, n: values.length };
}

/** Ranks from 1, ties sharing the average of the ranks they span: [10, 20, 20, 30] → [1, 2.5, 2.5, 4]. */
export function averageRanks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Pearson's r; null when either side is constant or under two pairs. */
export function pearson(x: number[], y: number[]): number | null {
  if (x.length !== y.length || x.length < 2) return null;
  const mx = mean(x) as number;
  const my = mean(y) as number;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** Spearman's ρ: Pearson's r of the average ranks. Null when either side is constant: no correlation, no sign. */
export function spearman(x: number[], y: number[]): number | null {
  if (x.length !== y.length || x.length < 2) return null;
  return pearson(averageRanks(x), averageRanks(y));
}

/** Excel's QUARTILE.INC / PERCENTILE.INC: position (n − 1)·p, linear between order statistics. */
export function quantileInc(values: number[], p: number): number | null {
  if (values.length === 0 || p < 0 || p > 1) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
