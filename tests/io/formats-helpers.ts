/**
 * Shared by the .xls/.ods and .csv reader tests (and tests/office's, which read
 * LibreOffice's files): drains a BookSource into the engine's grid, runs the
 * engine, and gives the sample's answer through the .xlsx path to compare with;
 * the sample and a sheet of every kind of cell as books; cut files; a cp1251 encoder.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import ExcelJS from "exceljs";
import { analyzeTable, Cell, MergeArea, readTable, reasonText, ResultsTable, ShnorError, SheetGrid } from "../../src/core";
import { readWorkbookTable } from "../../src/io/node";
import { openSheetJsBook } from "../../src/io/sheetjs";

/** exceljs cell values as the engine's cells (dates as ISO days, formulas as their saved result): the reference reading. */
function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("error" in value) return String(value.error);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("result" in value) return toCell((value.result ?? null) as ExcelJS.CellValue);
  if ("formula" in value || "sharedFormula" in value) return null;
  if ("text" in value) return String((value as { text: unknown }).text);
  return String(value);
}
import type { BookSource, SheetRow } from "../../src/io/types";

export const SAMPLE = join(__dirname, "..", "..", "samples", "prilozhenie-1.xlsx");

export interface DrainedSheet {
  name: string;
  rows: SheetRow[];
  grid: SheetGrid;
}

/** Reads every sheet of a book into grids, checking the contract on the way (rows in order, widths agree). */
export async function drain(book: BookSource): Promise<DrainedSheet[]> {
  const out: DrainedSheet[] = [];
  for await (const sheet of book.sheets()) {
    const rows: SheetRow[] = [];
    let last = -1;
    for await (const row of sheet.rows()) {
      if (row.index <= last) throw new Error(`rows out of order: ${row.index} after ${last}`);
      if (row.values.length !== row.formats.length) throw new Error(`row ${row.index}: values and formats differ in length`);
      last = row.index;
      rows.push(row);
    }
    const values: Cell[][] = [];
    const numberFormats: (string | null)[][] = [];
    for (let i = 0; i <= last; i++) {
      values.push([]);
      numberFormats.push([]);
    }
    for (const row of rows) {
      values[row.index] = row.values;
      numberFormats[row.index] = row.formats;
    }
    out.push({ name: sheet.name, rows, grid: { values, numberFormats, merges: sheet.merges(), sheetName: sheet.name } });
  }
  expect(out.map((s) => s.name)).toEqual(book.sheetNames);
  return out;
}

/** What a reader's answer is compared by: each school's name as written, status, reason, row; the skipped rows. */
export interface Answer {
  schools: { name: string; status: string; reason: string; row: number }[];
  skipped: { row: number; reason: string }[];
  procedures: number;
}

export function answerOf(table: ResultsTable): Answer {
  const analysis = analyzeTable(table);
  return {
    schools: analysis.verdicts.map((v) => ({ name: v.school.name, status: v.status, reason: reasonText(v), row: v.school.row })),
    skipped: table.skippedRows.map((r) => ({ row: r.row, reason: r.reason })),
    procedures: table.procedures.length,
  };
}

export async function bookAnswer(book: BookSource): Promise<Answer> {
  const [sheet] = await drain(book);
  return answerOf(readTable(sheet.grid));
}

/** The sample's answer through the .xlsx reader the command uses today. */
export async function sampleAnswer(): Promise<Answer> {
  return answerOf(await readWorkbookTable(SAMPLE));
}

/** The sample's first sheet as cells (exceljs, not the reader under test), with its merges. */
export async function sampleCells(): Promise<{ name: string; values: Cell[][]; merges: MergeArea[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  const ws = wb.worksheets[0];
  const values: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      cells[c - 1] = toCell(cell.value);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    values[r - 1] = cells;
  });
  for (let i = 0; i < values.length; i++) if (!values[i]) values[i] = [];
  const merges: MergeArea[] = [];
  for (const range of (ws.model as { merges?: string[] }).merges ?? []) {
    const [a, b] = range.split(":");
    const at = (ref: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
      const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      return { r: Number(m[2]) - 1, c: col };
    };
    const s = at(a);
    const e = at(b);
    merges.push({ top: s.r, left: s.c, bottom: e.r, right: e.c });
  }
  return { name: ws.name, values, merges };
}

/**
 * Windows-1251 written out as a literal table (not through TextDecoder, which
 * the reader under test uses): ASCII, the Cyrillic alphabet and the
 * punctuation Russian tables use. Null where a character has no cp1251 byte here.
 */
export function encodeCp1251(text: string): Uint8Array | null {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (code >= 0x410 && code <= 0x44f) out.push(code - 0x410 + 0xc0);
    else if (ch in CP1251_EXTRA) out.push(CP1251_EXTRA[ch]);
    else return null;
  }
  return Uint8Array.from(out);
}

const CP1251_EXTRA: Record<string, number> = {
  Ё: 0xa8,
  ё: 0xb8,
  "«": 0xab,
  "»": 0xbb,
  "№": 0xb9,
  "—": 0x97,
  "–": 0x96,
  "\u00a0": 0xa0,
  "“": 0x93,
  "”": 0x94,
  "„": 0x84,
  "…": 0x85,
  "€": 0x88,
  "°": 0xb0,
  "±": 0xb1,
  "§": 0xa7,
};

export function utf8(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

/** RFC 4180 writing: a field is quoted when it holds a delimiter candidate, a quote or a line break. */
export function writeCsv(rows: (string | number | null)[][], delimiter: string, newline = "\r\n"): string {
  const field = (v: string | number | null) => {
    if (v === null) return "";
    const s = String(v);
    return /[;,\t"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(field).join(delimiter)).join(newline) + newline;
}

/** The sample's cells and merges as a SheetJS book, written by SheetJS in the given format. */
export async function sampleBySheetJs(bookType: "biff8" | "ods" | "biff5"): Promise<Uint8Array> {
  const { name, values, merges } = await sampleCells();
  const ws = XLSX.utils.aoa_to_sheet(values.map((r) => r.map((v) => (v === null ? undefined : v))));
  ws["!merges"] = merges.map((m) => ({ s: { r: m.top, c: m.left }, e: { r: m.bottom, c: m.right } }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, name);
  return new Uint8Array(XLSX.write(wb, { type: "array", bookType }) as ArrayBuffer);
}

/** The same cells as an .xlsx written by exceljs, for LibreOffice to convert. */
export async function kindsXlsx(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Виды");
  const row = ws.getRow(1);
  row.values = ["Текст", 0.35, new Date(Date.UTC(2021, 4, 20)), true, { error: "#N/A" }, "  МБОУ  «СОШ № 1»  ", '=HYPERLINK("x")', 12.5];
  row.getCell(2).numFmt = "0%";
  row.getCell(3).numFmt = "dd.mm.yyyy";
  row.getCell(8).numFmt = "0.0";
  ws.getCell("A2").value = "скрытая строка";
  ws.getRow(2).hidden = true;
  ws.getCell("A4").value = "объединено";
  ws.mergeCells("A4:B4");
  ws.getCell("C6").value = { formula: "3+4", result: 7 };
  wb.addWorksheet("Второй лист").getCell("A1").value = "второй";
  const file = join(mkdtempSync(join(tmpdir(), "shnor-kinds-")), "kinds.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

/** What a writer could not express: SheetJS's writers keep no hidden rows (and its .ods writer no error cells); LibreOffice saves TRUE in .ods as 1. */
export interface Losses {
  hidden?: false;
  error?: false;
  boolean?: 1;
}

export async function expectKinds(bytes: Uint8Array, format: "xls" | "ods", losses: Losses = {}): Promise<void> {
  const book = openSheetJsBook(bytes, `kinds.${format}`, format);
  expect(book.sheetNames).toEqual(["Виды", "Второй лист"]);
  const [kinds, second] = await drain(book);
  const [first] = kinds.rows;
  expect(first.index).toBe(0);
  const bool = losses.boolean ?? true;
  const error = losses.error === false ? null : "#N/A";
  expect(first.values).toEqual(["Текст", 0.35, "2021-05-20", bool, error, "  МБОУ  «СОШ № 1»  ", '=HYPERLINK("x")', 12.5]);
  expect(first.formats[0]).toBeNull();
  expect(first.formats[1]).toMatch(/%/);
  expect(first.formats[2]).toBeNull();
  expect(first.formats[7]).toMatch(/0[.,]0/);
  expect(kinds.rows.map((r) => r.index)).toEqual([0, 1, 3, 5]);
  expect(kinds.rows[1].values).toEqual(["скрытая строка"]);
  if (losses.hidden !== false) expect(kinds.rows[1].hidden).toBe(true);
  expect(kinds.rows[0].hidden).toBeFalsy();
  expect(kinds.rows[3].values).toEqual([null, null, 7]);
  expect(kinds.grid.merges).toEqual([{ top: 3, left: 0, bottom: 3, right: 1 }]);
  expect(second.rows).toEqual([{ index: 0, values: ["второй"], formats: [null] }]);
}

/** Offsets across the whole file, denser near both ends where headers and directories sit. */
export function offsets(length: number, count: number): number[] {
  const set = new Set<number>();
  for (let i = 1; i < count; i++) set.add(Math.floor((length * i) / count));
  for (let i = 1; i <= 16; i++) {
    set.add(i * 8);
    set.add(length - i * 7);
  }
  return [...set].filter((n) => n > 0 && n < length).sort((a, b) => a - b);
}

export async function truncations(bytes: Uint8Array, format: "xls" | "ods"): Promise<Record<string, number>> {
  const expected = await sampleAnswer();
  const outcomes: Record<string, number> = { error: 0, same: 0 };
  for (const at of offsets(bytes.length, 80)) {
    let answer;
    try {
      answer = await bookAnswer(openSheetJsBook(bytes.slice(0, at), `обрезана.${format}`, format));
    } catch (e) {
      if (!(e instanceof ShnorError)) throw new Error(`cut at ${at} of ${bytes.length}: not a ShnorError: ${String(e)}`);
      expect(e.message).toMatch(/[А-Яа-я]/);
      outcomes.error++;
      continue;
    }
    // A cut that SheetJS reads past must still give the whole answer, never part of it.
    expect({ at, answer }).toEqual({ at, answer: expected });
    outcomes.same++;
  }
  return outcomes;
}
