/**
 * A1 addresses as Excel returns them ('Лист 1'!$A$1:$B$3, Лист1!A:B, #REF!)
 * turned into 0-based rectangles and back. Pure: no Office.js here.
 */
import { columnIndex, Rect, SHEET_COLUMNS, SHEET_ROWS } from "../core";

// The one set of address helpers is core's; these are re-exported for the Office.js layer.
export { columnsA1, quoteSheet } from "../core";

export const MAX_ROWS = SHEET_ROWS;
export const MAX_COLUMNS = SHEET_COLUMNS;

export interface SheetRect {
  sheet: string;
  rect: Rect;
}

/** Splits «'It''s'!A1» into the sheet and the rest; a bare address has no sheet. */
export function splitSheet(address: string): { sheet: string | null; ref: string } {
  const text = address.trim().replace(/^=/, "");
  if (text.startsWith("'")) {
    // Doubled quotes inside the name: skip them while looking for the closing one.
    let i = 1;
    let name = "";
    while (i < text.length) {
      if (text[i] === "'" && text[i + 1] === "'") {
        name += "'";
        i += 2;
      } else if (text[i] === "'") break;
      else name += text[i++];
    }
    if (text[i] !== "'" || text[i + 1] !== "!") return { sheet: null, ref: text };
    return { sheet: name, ref: text.slice(i + 2) };
  }
  const bang = text.lastIndexOf("!");
  if (bang < 0) return { sheet: null, ref: text };
  return { sheet: text.slice(0, bang), ref: text.slice(bang + 1) };
}

/** A1, A1:B2, A:B or 3:5 (absolute or not) → a rectangle; null for #REF! and anything else. */
export function parseRef(ref: string): Rect | null {
  const clean = ref.replace(/\$/g, "").toUpperCase();
  const [first, second = first] = clean.split(":");
  const cell = /^([A-Z]{1,3})(\d+)$/;
  const col = /^([A-Z]{1,3})$/;
  const row = /^(\d+)$/;
  let m1 = cell.exec(first);
  let m2 = cell.exec(second);
  if (m1 && m2) {
    const top = Math.min(Number(m1[2]), Number(m2[2])) - 1;
    const bottom = Math.max(Number(m1[2]), Number(m2[2])) - 1;
    const left = Math.min(columnIndex(m1[1]), columnIndex(m2[1]));
    const right = Math.max(columnIndex(m1[1]), columnIndex(m2[1]));
    return { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }
  m1 = col.exec(first);
  m2 = col.exec(second);
  if (m1 && m2) {
    const left = Math.min(columnIndex(m1[1]), columnIndex(m2[1]));
    const right = Math.max(columnIndex(m1[1]), columnIndex(m2[1]));
    return { row: 0, column: left, rows: MAX_ROWS, columns: right - left + 1 };
  }
  m1 = row.exec(first);
  m2 = row.exec(second);
  if (m1 && m2) {
    const top = Math.min(Number(m1[1]), Number(m2[1])) - 1;
    const bottom = Math.max(Number(m1[1]), Number(m2[1])) - 1;
    return { row: top, column: 0, rows: bottom - top + 1, columns: MAX_COLUMNS };
  }
  return null;
}

/** A sheet-qualified address; null when the reference is broken (#REF!) or not a range. */
export function parseAddress(address: string): SheetRect | null {
  const { sheet, ref } = splitSheet(address);
  if (sheet === null) return null;
  const rect = parseRef(ref);
  return rect ? { sheet, rect } : null;
}

export function rectContains(outer: Rect, row: number, column: number): boolean {
  return row >= outer.row && row < outer.row + outer.rows && column >= outer.column && column < outer.column + outer.columns;
}

export function intersectRects(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const bottom = Math.min(a.row + a.rows, b.row + b.rows);
  const right = Math.min(a.column + a.columns, b.column + b.columns);
  if (bottom <= row || right <= column) return null;
  return { row, column, rows: bottom - row, columns: right - column };
}

/** Splits a multi-area address («Лист1!A1:B2, Лист1!D4:E5») at commas outside quotes. */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      out.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
