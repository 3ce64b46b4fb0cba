/**
 * The arithmetic of an official's indicator table: a share in percent, a
 * share of cells meeting a COUNTIF-style condition, the direction of change
 * and whether a target is met. Hosts turn a failure into their own error
 * (Excel: #VALUE!, #DIV/0!, #N/A); a wrong number is never returned.
 */
import { Cell, cleanFloat, displayText, isBlank, readNumber } from "./cells";

export type IndicatorFailure = "value" | "div0" | "na";
export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: IndicatorFailure; message: string };

function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

function fail<T>(failure: IndicatorFailure, message: string): Outcome<T> {
  return { ok: false, failure, message };
}

export const CHANGE_TEXT = { better: "положительная", worse: "отрицательная", same: "без изменений" } as const;
export type ChangeText = (typeof CHANGE_TEXT)[keyof typeof CHANGE_TEXT];

export const TARGET_STATUS_TEXT = { met: "достигнут", notMet: "не достигнут", noData: "нет данных" } as const;
export type TargetStatusText = (typeof TARGET_STATUS_TEXT)[keyof typeof TARGET_STATUS_TEXT];

/** Shares are given with one decimal (16.7) unless asked otherwise. */
export const DEFAULT_DIGITS = 1;
const MAX_DIGITS = 10;

/** Rounds half away from zero after clearing float noise, so 16.65 → 16.7 and not 16.6. */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  const scaled = cleanFloat(Math.abs(value) * scale);
  return (Math.sign(value) * Math.round(scaled)) / scale;
}

export function checkDigits(digits: number): Outcome<number> {
  if (!Number.isInteger(digits) || digits < 0 || digits > MAX_DIGITS) {
    return fail("value", `Число знаков после запятой должно быть целым от 0 до ${MAX_DIGITS}, а не «${digits}».`);
  }
  return ok(digits);
}

/**
 * The sum of a block of cells. Blanks and «no data» marks («-», «н/д») are
 * skipped; other text, TRUE/FALSE or a negative number is an error. Null when
 * no cell holds a number.
 */
export function sumCells(cells: Cell[], what: string): Outcome<number | null> {
  let sum: number | null = null;
  for (const cell of cells) {
    if (typeof cell === "boolean") return fail("value", `${what}: «${displayText(cell)}» — не число.`);
    const reading = readNumber(cell);
    if (reading.kind === "missing") continue;
    if (reading.kind === "invalid") return fail("value", `${what}: «${reading.text}» — не число.`);
    if (reading.value < 0)
      return fail("value", `${what}: отрицательное число ${displayText(cell)}; доля считается от количеств не меньше 0.`);
    sum = (sum ?? 0) + reading.value;
  }
  return ok(sum === null ? null : cleanFloat(sum));
}

/** part / whole × 100, rounded: 1 of 6 → 16.7. Ranges are summed first. */
export function share(part: Cell[], whole: Cell[], digits: number = DEFAULT_DIGITS): Outcome<number> {
  const d = checkDigits(digits);
  if (!d.ok) return d;
  const p = sumCells(part, "Часть");
  if (!p.ok) return p;
  const w = sumCells(whole, "Целое");
  if (!w.ok) return w;
  if (p.value === null) return fail("na", "Нет данных: в части нет чисел.");
  if (w.value === null) return fail("na", "Нет данных: в целом нет чисел.");
  if (w.value === 0) return fail("div0", "Целое равно 0: долю от нуля вычислить нельзя.");
  if (p.value > w.value) return fail("value", `Часть (${p.value}) больше целого (${w.value}): проверьте ссылки.`);
  return ok(roundTo((p.value * 100) / w.value, d.value));
}

export type CriterionOperator = "=" | "<>" | "<" | "<=" | ">" | ">=";

/** A COUNTIF condition: «ШНОР», 30, ">=30", "<>нет", "ВПР*". */
export interface Criterion {
  operator: CriterionOperator;
  kind: "number" | "boolean" | "text";
  number: number;
  boolean: boolean;
  /** Lower-case text; with = and <> it may hold the wildcards * and ? (~ escapes them). */
  text: string;
}

const OPERATORS: CriterionOperator[] = [">=", "<=", "<>", ">", "<", "="];
const TRUE_WORDS = new Set(["истина", "true"]);
const FALSE_WORDS = new Set(["ложь", "false"]);

export function parseCriterion(criterion: Cell): Outcome<Criterion> {
  const base = { operator: "=" as CriterionOperator, number: 0, boolean: false, text: "" };
  if (typeof criterion === "number") return ok({ ...base, kind: "number", number: criterion });
  if (typeof criterion === "boolean") return ok({ ...base, kind: "boolean", boolean: criterion });
  if (criterion === null || criterion === undefined || criterion === "")
    return fail("value", 'Условие не задано: укажите, например, «ШНОР», 30 или ">=30".');
  const raw = String(criterion);
  const operator = OPERATORS.find((op) => raw.startsWith(op)) ?? "=";
  const rest = raw.startsWith(operator) ? raw.slice(operator.length) : raw;
  const lower = rest.trim().toLowerCase();
  if (TRUE_WORDS.has(lower) || FALSE_WORDS.has(lower)) return ok({ ...base, operator, kind: "boolean", boolean: TRUE_WORDS.has(lower) });
  const reading = rest.trim() === "" ? null : readNumber(rest);
  if (reading?.kind === "number") {
    // ">=30%" means 0.3, as a cell in a % format holds it.
    const number = rest.trim().endsWith("%") ? cleanFloat(reading.value / 100) : reading.value;
    return ok({ ...base, operator, kind: "number", number });
  }
  return ok({ ...base, operator, kind: "text", text: rest.toLowerCase() });
}

function compare<T>(a: T, b: T, operator: CriterionOperator, order: (x: T, y: T) => number): boolean {
  const c = order(a, b);
  switch (operator) {
    case "=":
      return c === 0;
    case "<>":
      return c !== 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
  }
}

function wildcard(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "~" && i + 1 < pattern.length) re += escapeRegExp(pattern[++i]);
    else if (ch === "*") re += ".*";
    else if (ch === "?") re += ".";
    else re += escapeRegExp(ch);
  }
  return new RegExp(`^${re}$`, "s");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether a cell meets a condition, as COUNTIF decides it (case-insensitive, wildcards with = and <>). */
export function matchesCriterion(cell: Cell, criterion: Criterion): boolean {
  const { operator } = criterion;
  const differs = operator === "<>";
  if (criterion.kind === "boolean") {
    if (typeof cell !== "boolean") return differs;
    return compare(cell ? 1 : 0, criterion.boolean ? 1 : 0, operator, (a, b) => a - b);
  }
  if (criterion.kind === "number") {
    const reading = typeof cell === "boolean" ? null : readNumber(cell);
    if (!reading || reading.kind !== "number") return differs;
    return compare(cleanFloat(reading.value), cleanFloat(criterion.number), operator, (a, b) => a - b);
  }
  if (operator === "=" || operator === "<>") {
    const text = isBlank(cell) ? "" : String(cell).toLowerCase();
    return wildcard(criterion.text).test(text) !== differs;
  }
  // Ordering compares text with text only, as COUNTIF does.
  if (typeof cell !== "string") return false;
  return compare(cell.toLowerCase(), criterion.text, operator, (a, b) => a.localeCompare(b, "ru"));
}

/** The share, in percent, of the non-empty cells of a range that meet a COUNTIF condition. */
export function shareIf(range: Cell[], criterion: Cell, digits: number = DEFAULT_DIGITS): Outcome<number> {
  const d = checkDigits(digits);
  if (!d.ok) return d;
  const c = parseCriterion(criterion);
  if (!c.ok) return c;
  const filled = range.filter((cell) => !isBlank(cell));
  if (filled.length === 0) return fail("div0", "В диапазоне нет заполненных ячеек: долю от нуля вычислить нельзя.");
  const matched = filled.filter((cell) => matchesCriterion(cell, c.value)).length;
  return ok(roundTo((matched * 100) / filled.length, d.value));
}

function readValue(cell: Cell, what: string): Outcome<number | null> {
  if (typeof cell === "boolean") return fail("value", `${what}: «${displayText(cell)}» — не число.`);
  const reading = readNumber(cell);
  if (reading.kind === "missing") return ok(null);
  if (reading.kind === "invalid") return fail("value", `${what}: «${reading.text}» — не число.`);
  return ok(reading.value);
}

/**
 * The direction of change from `before` to `after`. By default a fall is
 * good (the share of «2» is better lower); a change within `tolerance` is none.
 */
export function changeDirection(before: Cell, after: Cell, lowerIsBetter = true, tolerance = 0): Outcome<ChangeText> {
  if (!Number.isFinite(tolerance) || tolerance < 0) return fail("value", `Допуск должен быть числом не меньше 0, а не «${tolerance}».`);
  const b = readValue(before, "Было");
  if (!b.ok) return b;
  const a = readValue(after, "Стало");
  if (!a.ok) return a;
  if (b.value === null || a.value === null)
    return fail("na", `Нет данных: не заполнено значение «${b.value === null ? "было" : "стало"}».`);
  const change = cleanFloat(a.value - b.value);
  if (Math.abs(change) <= cleanFloat(tolerance)) return ok(CHANGE_TEXT.same);
  const improved = lowerIsBetter ? change < 0 : change > 0;
  return ok(improved ? CHANGE_TEXT.better : CHANGE_TEXT.worse);
}

/** Whether the actual value meets the target: at least the target, or at most when lower is better. */
export function targetStatus(actual: Cell, target: Cell, lowerIsBetter = false): Outcome<TargetStatusText> {
  const a = readValue(actual, "Факт");
  if (!a.ok) return a;
  const t = readValue(target, "Цель");
  if (!t.ok) return t;
  if (a.value === null || t.value === null) return ok(TARGET_STATUS_TEXT.noData);
  const met = lowerIsBetter ? cleanFloat(a.value) <= cleanFloat(t.value) : cleanFloat(a.value) >= cleanFloat(t.value);
  return ok(met ? TARGET_STATUS_TEXT.met : TARGET_STATUS_TEXT.notMet);
}
