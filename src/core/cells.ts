/**
 * Cell values as both hosts deliver them: the Excel JS API gives numbers, strings
 * and booleans (errors as "#N/A" strings); the file reader is mapped to the
 * same shape. Everything else in the engine reads cells through here.
 */
export type Cell = string | number | boolean | null | undefined;

/** A rectangular block of a sheet, with optional number formats and merged areas. */
export interface SheetGrid {
  values: Cell[][];
  /** Same shape as values where known; a "%" in a format means the number is a fraction. */
  numberFormats?: (string | null | undefined)[][];
  /** Zero-based, inclusive, relative to values[0][0]. */
  merges?: MergeArea[];
  /** Index of values[0] in the sheet (0-based), so reports can name real rows. */
  firstRow?: number;
  /** Index of values[x][0] in the sheet (0-based). */
  firstColumn?: number;
  sheetName?: string;
}

export interface MergeArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The quotes a name is compared without (one list for normalizeText and the join's name keys). */
const QUOTE_CHARS = "«»\"“”„'`’";
const QUOTES = new RegExp(`[${QUOTE_CHARS}]`, "g");
/** Every space and quote: a name key drops both. */
const SPACES_AND_QUOTES = new RegExp(`[\\s${QUOTE_CHARS}]`, "g");

/** normalizeText with every space dropped, in two passes instead of six (the join keys every school's name). */
export function compactText(text: string): string {
  const lower = text.replace(SPACES_AND_QUOTES, "").toLowerCase();
  return lower.includes("ё") ? lower.replace(/ё/g, "е") : lower;
}

/** Spaces that are not one plain space: a run, or a tab, a line break, a no-break space. */
const SPACES_TO_COLLAPSE = /\s{2,}|[^\S ]/;

/**
 * Lower case, ё→е, no quotes, single spaces: the form every matcher compares. A pass that would change
 * nothing is not made (the table builder normalises every school's name: 40,000 a region).
 */
export function normalizeText(value: Cell): string {
  if (value === null || value === undefined || typeof value === "boolean") return "";
  let text = String(value).replace(QUOTES, "").toLowerCase();
  if (text.includes("ё")) text = text.replace(/ё/g, "е");
  // \s takes the no-break space too: it becomes a plain one here.
  if (SPACES_TO_COLLAPSE.test(text)) text = text.replace(/\s+/g, " ");
  return text.trim();
}

/** The cell as a user would read it, trimmed with single spaces (names of schools). */
export function displayText(value: Cell): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  // Most names need no cleaning: one test instead of two replaces.
  if (!NEEDS_CLEANING.test(text)) return text;
  return text
    .replace(/\u00a0/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The text changes under the replaces above exactly when it has a space other than U+0020 (a tab, a
 * vertical tab, a form feed, a no-break space, an em space…), a space at either end, or two in a row.
 */
const NEEDS_CLEANING = /[^\S ]|^ | $| {2}/;

export function isBlank(value: Cell): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

const MISSING = new Set(["-", "–", "—", "н/д", "нд", "нет данных", "x", "х", "*", "н/у", "не писали", "отсутствует"]);
const ERROR_TEXT =
  /^#(n\/a|н\/д|div\/0!|дел\/0!|value!|знач!|ref!|ссылка!|name\?|имя\?|num!|число!|null!|пусто!|spill!|calc!|getting_data)/i;

export function isErrorText(value: Cell): boolean {
  return typeof value === "string" && ERROR_TEXT.test(value.trim());
}

/** What a numeric cell says: a number, no data, or text we could not read. */
export type NumberReading =
  | { kind: "number"; value: number; /** shown through a % format, so 0.35 means 35 % */ fraction: boolean }
  | { kind: "missing" }
  | { kind: "invalid"; text: string };

/** One object for every cell without a number («-», «н/д», blank: a region's book has millions). */
const MISSING_READING: NumberReading = Object.freeze({ kind: "missing" });

const NUMBER_TEXT = /^[-+]?(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)?(?:[.,](\d+))?$/;

/** Reads a number from a cell: 12.5, "12,5", "35%", "35 %"; "-", "н/д", errors and blanks are missing. */
export function readNumber(value: Cell, numberFormat?: string | null): NumberReading {
  if (value === null || value === undefined || value === "") return MISSING_READING;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return MISSING_READING;
    return { kind: "number", value, fraction: isPercentFormat(numberFormat) };
  }
  if (typeof value === "boolean") return { kind: "invalid", text: String(value) };
  // «-» as written (the commonest text in a results table), before the text is cleaned.
  if (MISSING.has(value)) return MISSING_READING;
  const raw = value.replace(/\u00a0/g, " ").trim();
  if (raw === "") return MISSING_READING;
  if (isErrorText(raw)) return MISSING_READING;
  const lower = raw.toLowerCase();
  if (MISSING.has(lower)) return MISSING_READING;
  let text = raw;
  if (text.endsWith("%")) text = text.slice(0, -1).trim();
  if (!NUMBER_TEXT.test(text) || text === "" || /^[-+]?$/.test(text)) return { kind: "invalid", text: raw };
  const parsed = Number(text.replace(/[ \u00a0]/g, "").replace(",", "."));
  if (!Number.isFinite(parsed)) return { kind: "invalid", text: raw };
  // "35%" typed as text is already in percent; only a % number format implies a fraction.
  return { kind: "number", value: parsed, fraction: false };
}

export function isPercentFormat(format: string | null | undefined): boolean {
  if (!format) return false;
  // A % outside quoted literals and escapes scales the value by 100.
  return /%/.test(format.replace(/"[^"]*"/g, "").replace(/\\./g, ""));
}

/** A number as the typed-array columns hold it, NaN for none, back as a number or null. */
export const orNull = (v: number): number | null => (v !== v ? null : v);

/** Clears float noise (0.35 * 100 = 35.00000000000001) without rounding real decimals. */
export function cleanFloat(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/**
 * A single percent as a function or a user gives it: strictly between 0 and 1 it is a
 * share (0.35 → 35), as a cell under a % format holds it; otherwise it is already percent.
 * The custom functions, the command's --threshold and the pane's field all read it so.
 */
export function percentFromValue(value: number): number {
  return value > 0 && value < 1 ? cleanFloat(value * 100) : value;
}

/**
 * A percentage from a cell: numbers in a % format are fractions (0.35 shown
 * as 35 % is 35); anything outside 0..100 is invalid rather than guessed.
 */
export function readPercent(value: Cell, numberFormat?: string | null): NumberReading {
  const reading = readNumber(value, numberFormat);
  if (reading.kind !== "number") return reading;
  const percent = cleanFloat(reading.fraction ? reading.value * 100 : reading.value);
  if (percent < 0 || percent > 100) return { kind: "invalid", text: displayText(value) };
  return { kind: "number", value: percent, fraction: false };
}

/** A head count: a whole number ≥ 0. */
export function readCount(value: Cell, numberFormat?: string | null): NumberReading {
  const reading = readNumber(value, numberFormat);
  if (reading.kind !== "number") return reading;
  if (reading.value < 0 || !Number.isInteger(reading.value)) return { kind: "invalid", text: displayText(value) };
  return { kind: "number", value: reading.value, fraction: false };
}

/** Excel's column letters for a 0-based index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A percent as the documents show it: at most two places, as ФИС ОКО gives them. */
export function roundPercent(percent: number): number {
  return Math.round(percent * 100) / 100;
}

/** Percents and their changes, −100…100 in hundredths: 20,001 texts, each made once (a region's report writes millions). */
const PERCENT_TEXTS = 10_000;
const percentTexts: (string | undefined)[] = new Array(2 * PERCENT_TEXTS + 1);

/** «33» or «12,5»: Russian decimals, at most two places. */
export function formatPercent(percent: number): string {
  const hundredths = Math.round(percent * 100);
  if (hundredths >= -PERCENT_TEXTS && hundredths <= PERCENT_TEXTS)
    return (percentTexts[hundredths + PERCENT_TEXTS] ??= String(hundredths / 100).replace(".", ","));
  return String(roundPercent(percent)).replace(".", ",");
}
