/**
 * A workbook the page loaded whole with exceljs (in the browser there is no
 * streaming zip reader), seen through the file layer's contract
 * (src/io/types.ts: BookSource → SheetSource → rows), and the results table
 * read from it the way the command reads one: the first rows to detection,
 * the rest to the builder, ФИС ОКО sheets joined.
 *
 * Provisional: once the file layer (src/io/open.ts, src/io/tables.ts) is on
 * main, readBookTable gives way to its table reader; the page keeps the exceljs
 * book only to copy the results sheet into the report.
 */
import ExcelJS from "exceljs";
import {
  applyOverrides,
  Cell,
  ColumnOverride,
  columnLetter,
  DETECT_ROWS,
  detectTable,
  MergeArea,
  mergeTables,
  ResultsTable,
  ShnorError,
  TableBuilder,
} from "../core";
import type { BookSource, SheetRow, SheetSource } from "../io/types";

/** exceljs cell values → the engine's cells; a formula gives its saved result. */
export function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("error" in value) return String(value.error);
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("result" in value) return toCell((value.result ?? null) as ExcelJS.CellValue);
    if ("formula" in value || "sharedFormula" in value) return null;
    if ("text" in value) return String((value as { text: unknown }).text);
  }
  return String(value);
}

function rowOf(row: ExcelJS.Row): SheetRow {
  const values: Cell[] = [];
  const formats: (string | null)[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const value = toCell(cell.value);
    values[col - 1] = value;
    formats[col - 1] = typeof value === "number" ? (cell.numFmt ?? null) : null;
  });
  for (let i = 0; i < values.length; i++) {
    if (values[i] === undefined) values[i] = null;
    if (formats[i] === undefined) formats[i] = null;
  }
  return { index: row.number - 1, values, formats, hidden: row.hidden || undefined };
}

/** "B2:D3" → a 0-based merge area. */
function mergeArea(range: string): MergeArea | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range.replace(/\$/g, ""));
  if (!m) return null;
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { top: Number(m[2]) - 1, left: col(m[1]), bottom: Number(m[4]) - 1, right: col(m[3]) };
}

export function sheetSource(ws: ExcelJS.Worksheet): SheetSource {
  return {
    name: ws.name,
    async *rows() {
      const rows: ExcelJS.Row[] = [];
      ws.eachRow({ includeEmpty: false }, (row) => void rows.push(row));
      for (const row of rows) yield rowOf(row);
    },
    merges: () => ((ws.model as unknown as { merges?: string[] }).merges ?? []).map(mergeArea).filter((m): m is MergeArea => m !== null),
  };
}

export function bookSource(wb: ExcelJS.Workbook, name: string): BookSource {
  return {
    name,
    format: "xlsx",
    sheetNames: wb.worksheets.map((w) => w.name),
    async *sheets() {
      for (const ws of wb.worksheets) yield sheetSource(ws);
    },
  };
}

/** Signs of a file that is not an .xlsx, checked before exceljs gives an English zip error. */
export function checkXlsxBytes(bytes: Uint8Array, name: string): void {
  if (bytes.length === 0) throw new ShnorError("unreadable-file", `Файл «${name}» пуст.`);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw new ShnorError(
      "unreadable-file",
      `Файл «${name}» защищён паролем или сохранён в старом формате .xls. Откройте его в Excel и сохраните как книгу .xlsx без пароля.`,
    );
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw new ShnorError("unreadable-file", `Файл «${name}» — не книга Excel .xlsx. Сохраните таблицу в формате .xlsx.`);
}

export async function loadWorkbook(bytes: Uint8Array, name: string): Promise<ExcelJS.Workbook> {
  checkXlsxBytes(bytes, name);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ShnorError("unreadable-file", `Не удалось прочитать книгу «${name}»: файл повреждён или это не .xlsx.`);
  }
  return wb;
}

export interface SheetTable {
  table: ResultsTable;
  /** The sheet's used range, e.g. «A1:AI12». */
  address: string;
  rows: number;
  columns: number;
}

/** Reads one sheet: its first rows to detection, then the rest to the builder. Null when it holds no table. */
export async function readSheetTable(
  sheet: SheetSource,
  overrides: ColumnOverride[],
  onRow?: (index: number) => void,
): Promise<SheetTable | null> {
  const prefix: Cell[][] = [];
  const prefixFormats: (string | null)[][] = [];
  let builder: TableBuilder | null = null;
  let decided = false;
  let lastRow = 0;
  let lastColumn = 0;
  const decide = () => {
    decided = true;
    for (let i = 0; i < prefix.length; i++) {
      prefix[i] ??= [];
      prefixFormats[i] ??= [];
    }
    const shape = detectTable({ values: prefix, numberFormats: prefixFormats, merges: sheet.merges(), sheetName: sheet.name });
    if (!shape) return;
    builder = new TableBuilder(applyOverrides(shape, overrides));
    for (let r = shape.headerBottom + 1; r < prefix.length; r++) builder.addRow(r, prefix[r], prefixFormats[r]);
  };
  for await (const row of sheet.rows()) {
    onRow?.(row.index);
    lastRow = Math.max(lastRow, row.index);
    lastColumn = Math.max(lastColumn, row.values.length - 1);
    if (!decided) {
      if (row.index < DETECT_ROWS) {
        prefix[row.index] = row.values;
        prefixFormats[row.index] = row.formats;
        continue;
      }
      decide();
    }
    if (builder) (builder as TableBuilder).addRow(row.index, row.values, row.formats);
  }
  if (!decided) decide();
  if (!builder) return null;
  return {
    table: (builder as TableBuilder).finish(),
    address: `A1:${columnLetter(lastColumn)}${lastRow + 1}`,
    rows: lastRow + 1,
    columns: lastColumn + 1,
  };
}

export interface BookTable extends SheetTable {
  /** The sheets the table was read from (several for ФИС ОКО). */
  sheets: string[];
}

/**
 * A sheet's corrections: its own, or those of the joined ФИС ОКО table it is part of
 * (named «sheet1, sheet2, …»; its sheets share one layout, so one correction fits all).
 */
function overridesOf(bySheet: Record<string, ColumnOverride[]>, sheet: string): ColumnOverride[] {
  if (bySheet[sheet]) return bySheet[sheet];
  const joined = Object.keys(bySheet).find((key) => key.split(", ").includes(sheet));
  return joined ? bySheet[joined] : [];
}

/** The book's results table: the first sheet with one; ФИС ОКО sheets (one procedure each) are joined. */
export async function readBookTable(
  book: BookSource,
  overridesBySheet: Record<string, ColumnOverride[]>,
  onRow?: (sheet: string, index: number) => void,
): Promise<BookTable> {
  const found: SheetTable[] = [];
  const sheets: string[] = [];
  for await (const sheet of book.sheets()) {
    const joinFisOko = found.length > 0 && found[0].table.layout === "fisoko";
    if (found.length > 0 && !joinFisOko) continue;
    const read = await readSheetTable(sheet, overridesOf(overridesBySheet, sheet.name), (i) => onRow?.(sheet.name, i));
    if (!read || (found.length > 0 && read.table.layout !== "fisoko")) continue;
    found.push(read);
    sheets.push(sheet.name);
  }
  if (book.sheetNames.length === 0) throw new ShnorError("no-table", `В книге «${book.name}» нет ни одного листа.`);
  if (found.length === 0)
    throw new ShnorError("no-table", `Ни на одном листе книги «${book.name}» не найдена таблица результатов ВПР, ОГЭ или ЕГЭ.`);
  return { ...found[0], table: mergeTables(found.map((f) => f.table)), sheets };
}
