/**
 * What Excel hands a custom function, turned into the engine's cells, and the
 * engine's failures turned into Excel errors with a Russian message.
 */
import { Cell, DEFAULT_SETTINGS, Outcome, readNumber, ShnorError, ShnorErrorCode } from "../core";

export type ExcelFailure = "value" | "div0" | "na";

/** Excel shows the message in the error tooltip; long ones are cut there anyway. */
const MAX_MESSAGE = 250;

/** Read at call time: CustomFunctions exists only once the runtime has loaded. */
function codeOf(failure: ExcelFailure): CustomFunctions.ErrorCode {
  const codes = CustomFunctions.ErrorCode;
  return failure === "div0" ? codes.divisionByZero : failure === "na" ? codes.notAvailable : codes.invalidValue;
}

/** A missing table or procedure is «not available»; anything the user typed wrong is «wrong value». */
const SHNOR_FAILURES: Record<ShnorErrorCode, ExcelFailure> = {
  "no-table": "na",
  "no-procedure": "na",
  "bad-setting": "value",
  "bad-override": "value",
  "unreadable-file": "value",
  "too-large": "value",
  host: "value",
};

/** #DIV/0! takes no custom message in Excel (CustomFunctionsRuntime 1.3), so it goes without one. */
export function fail(failure: ExcelFailure, message: string): never {
  if (failure === "div0") throw new CustomFunctions.Error(codeOf(failure));
  const text = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
  throw new CustomFunctions.Error(codeOf(failure), text);
}

export function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) fail(outcome.failure, outcome.message);
  return outcome.value;
}

/** Runs a function body: engine errors become Excel errors; nothing escapes as a JavaScript exception. */
export function guard<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof CustomFunctions.Error) throw e;
    if (e instanceof ShnorError) fail(SHNOR_FAILURES[e.code], e.message);
    fail("value", `Внутренняя ошибка ШНОР-монитора: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** One cell as the engine reads it; an error value from Excel reads as «no data». */
export function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return "#N/A";
}

/** A range as rows of cells; a single value is a 1×1 range. */
export function matrixOf(value: unknown): Cell[][] {
  if (!Array.isArray(value)) return [[cellOf(value)]];
  return value.map((row: unknown) => (Array.isArray(row) ? row.map(cellOf) : [cellOf(row)]));
}

export function cellsOf(value: unknown): Cell[] {
  return matrixOf(value).flat();
}

/** A range that must be one row, such as one school's results. */
export function rowOf(value: unknown, what: string): Cell[] {
  const rows = matrixOf(value);
  if (rows.length !== 1) fail("value", `${what}: нужна одна строка, а передано строк: ${rows.length}.`);
  return rows[0];
}

/** One cell: a range of more than one cell is an error rather than its first value. */
export function scalarOf(value: unknown, what: string): Cell {
  const rows = matrixOf(value);
  if (rows.length !== 1 || rows[0].length !== 1) fail("value", `${what}: нужна одна ячейка, а не диапазон.`);
  return rows[0][0];
}

function isEmptyArgument(value: Cell): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** An optional number: omitted or empty is undefined; text that is not a number is #VALUE!. */
export function optionalNumber(value: unknown, what: string): number | undefined {
  const cell = scalarOf(value, what);
  if (isEmptyArgument(cell)) return undefined;
  if (typeof cell === "boolean") fail("value", `${what}: нужно число, а не «${cell ? "ИСТИНА" : "ЛОЖЬ"}».`);
  const reading = readNumber(cell);
  if (reading.kind !== "number") fail("value", `${what}: нужно число, а не «${String(cell)}».`);
  return reading.value;
}

const TRUE_WORDS = new Set(["истина", "true", "да"]);
const FALSE_WORDS = new Set(["ложь", "false", "нет"]);

/** An optional TRUE/FALSE; 1 and 0 are accepted as Excel accepts them. */
export function optionalBoolean(value: unknown, what: string, fallback: boolean): boolean {
  const cell = scalarOf(value, what);
  if (isEmptyArgument(cell)) return fallback;
  if (typeof cell === "boolean") return cell;
  if (typeof cell === "number") return cell !== 0;
  const word = String(cell).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return fail("value", `${what}: нужно ИСТИНА или ЛОЖЬ, а не «${String(cell)}».`);
}

/** The low-result threshold as given; a value between 0 and 1 is a fraction from a % cell (0,3 → 30), which the rule's settings read. */
export function thresholdOf(value: unknown): number {
  const t = optionalNumber(value, "Порог");
  return t === undefined ? DEFAULT_SETTINGS.threshold : t;
}
