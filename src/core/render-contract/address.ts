/**
 * Cell addresses, the one set of helpers: column letters both ways, A1 cells and
 * ranges, whole columns, and sheet names quoted for a formula. 0-based coordinates.
 */
import { columnLetter } from "../cells";
import type { Rect } from "./sheet";

/** The size of a sheet in Excel (and in LibreOffice since 7.4). */
export const SHEET_ROWS = 1_048_576;
export const SHEET_COLUMNS = 16_384;

/** Column letters for invariant formulas: 0 → A, 27 → AB. */
export const columnName = columnLetter;

/** «AB» → 27; case does not matter. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A1 address of a 0-based cell, optionally absolute. */
export function a1(row: number, column: number, absolute = false): string {
  const d = absolute ? "$" : "";
  return `${d}${columnName(column)}${d}${row + 1}`;
}

/** «A1:C3» for any rect, also one cell («A1:A1»). */
export function rectA1(r: Rect, absolute = false): string {
  return `${a1(r.row, r.column, absolute)}:${a1(r.row + r.rows - 1, r.column + r.columns - 1, absolute)}`;
}

/** «D10» for one cell, «D10:E12» for more: Excel's own form (sqref, range.address). */
export function refA1(r: Rect): string {
  return r.rows === 1 && r.columns === 1 ? a1(r.row, r.column) : rectA1(r);
}

/** «X:Y» for whole columns. */
export function columnsA1(first: number, count: number): string {
  return `${columnName(first)}:${columnName(first + count - 1)}`;
}

/** A sheet name always quoted, as generated formulas write it: 'Показатели'!A1. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The sheet name as Excel shows it in an address: quoted unless it is plain letters and digits. */
export function quoteSheet(name: string): string {
  return /^[A-Za-zА-Яа-яЁё_][A-Za-zА-Яа-яЁё0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : sheetRef(name);
}
