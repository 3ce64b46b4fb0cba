/**
 * A book as three readers see it, in one comparable shape: this project's
 * streaming reader, exceljs (non-streaming `load`) and SheetJS
 * (`XLSX.read(bytes, {type: "array"})`). Values as the engine gets them;
 * for numbers, whether their format makes them a fraction (a % format).
 */
import ExcelJS from "exceljs";
import * as XLSX from "@e965/xlsx";
import { isPercentFormat } from "../../src/core";
import { bytesSource } from "../../src/io/bytes";
import { openBook } from "../../src/io/open";
import { colName } from "./books";

export type Value = string | number | boolean;
export interface Grid {
  name: string;
  /** "A1" → value; a number under a % format is marked as a fraction. */
  cells: Map<string, { value: Value; fraction: boolean }>;
  merges: string[];
}

const range = (m: { top: number; left: number; bottom: number; right: number }) =>
  `${colName(m.left)}${m.top + 1}:${colName(m.right)}${m.bottom + 1}`;

export async function ourGrids(bytes: Uint8Array, name = "book.xlsx"): Promise<Grid[]> {
  const book = await openBook(bytesSource(bytes, name));
  const grids: Grid[] = [];
  for await (const sheet of book.sheets()) {
    const cells = new Map<string, { value: Value; fraction: boolean }>();
    for await (const row of sheet.rows()) {
      row.values.forEach((value, c) => {
        if (value === null || value === undefined) return;
        cells.set(`${colName(c)}${row.index + 1}`, { value, fraction: typeof value === "number" && isPercentFormat(row.formats[c]) });
      });
    }
    grids.push({ name: sheet.name, cells, merges: sheet.merges().map(range).sort() });
  }
  return grids;
}

function excelJsValue(value: ExcelJS.CellValue): Value | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("error" in value) return String(value.error);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("result" in value) return excelJsValue((value.result ?? null) as ExcelJS.CellValue);
  if ("formula" in value || "sharedFormula" in value) return null;
  if ("text" in value) return String((value as { text: unknown }).text);
  return String(value);
}

export async function excelJsGrids(bytes: Uint8Array): Promise<Grid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const cells = new Map<string, { value: Value; fraction: boolean }>();
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const value = excelJsValue(cell.value);
        if (value === null) return;
        cells.set(`${colName(c - 1)}${r}`, { value, fraction: typeof value === "number" && isPercentFormat(cell.numFmt) });
      }),
    );
    const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).slice().sort();
    return { name: ws.name, cells, merges };
  });
}

export function sheetJsGrids(bytes: Uint8Array): Grid[] {
  const wb = XLSX.read(bytes, { type: "array", cellNF: true });
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  return wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name];
    const cells = new Map<string, { value: Value; fraction: boolean }>();
    for (const [address, cell] of Object.entries(ws)) {
      if (address.startsWith("!")) continue;
      const c = cell as XLSX.CellObject;
      if (c.t === "z" || c.v === undefined) continue;
      if (c.t === "e") cells.set(address, { value: String(c.w), fraction: false });
      else if (c.t === "n" && c.z && XLSX.SSF.is_date(String(c.z))) {
        const d = XLSX.SSF.parse_date_code(c.v as number, { date1904 });
        const iso = `${String(d.y).padStart(4, "0")}-${String(d.m).padStart(2, "0")}-${String(d.d).padStart(2, "0")}`;
        cells.set(address, { value: iso, fraction: false });
      } else if (c.t === "n") cells.set(address, { value: c.v as number, fraction: isPercentFormat(c.z ? String(c.z) : null) });
      else cells.set(address, { value: c.v as Value, fraction: false });
    }
    const merges = (ws["!merges"] ?? []).map((m) => range({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c })).sort();
    return { name, cells, merges };
  });
}

/**
 * A grid as plain data for toEqual, so a difference prints readably. SheetJS
 * turns a decoded `_x000D_` + line feed into a line feed alone (exceljs and
 * this reader keep both), so `crlf` folds them for the comparison with it.
 */
export function plain(grids: Grid[], crlf = false): { name: string; cells: Record<string, [Value, boolean]>; merges: string[] }[] {
  const fold = (v: Value) => (crlf && typeof v === "string" ? v.replace(/\r\n/g, "\n") : v);
  return grids.map((g) => ({
    name: g.name,
    cells: Object.fromEntries([...g.cells].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [fold(v.value), v.fraction]])),
    merges: g.merges,
  }));
}
