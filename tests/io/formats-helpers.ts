/**
 * Shared by the .xls/.ods and .csv reader tests: drains a BookSource into the
 * engine's grid, runs the engine, and gives the sample's answer through the
 * .xlsx path to compare with. Also LibreOffice headless and a cp1251 encoder.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ExcelJS from "exceljs";
import { analyzeTable, Cell, MergeArea, readTable, reasonText, ResultsTable, SheetGrid } from "../../src/core";
import { readWorkbookTable } from "../../src/io/node";

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
import { PATIENCE } from "../fixtures/patience";

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

export const SOFFICE = process.env.SOFFICE ?? "soffice";

export function hasSoffice(): boolean {
  const r = spawnSync(SOFFICE, ["--version"], { encoding: "utf8", timeout: PATIENCE });
  return !r.error && r.status === 0;
}

/**
 * Converts a file with LibreOffice headless in a temp dir, with its own fresh
 * profile; returns the converted file's bytes. `filter` as after --convert-to.
 */
export function convertWithLibreOffice(source: string, filter: string, extension: string): Uint8Array {
  const key = `${source}\n${filter}`;
  const done = converted.get(key);
  if (done) return done.slice();
  const bytes = convertNow(source, filter, extension);
  converted.set(key, bytes);
  return bytes.slice();
}

/** Each conversion costs LibreOffice's start-up: a test file converts a source to a format once. */
const converted = new Map<string, Uint8Array>();

function convertNow(source: string, filter: string, extension: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "shnor-formats-"));
  const profile = mkdtempSync(join(tmpdir(), "shnor-formats-profile-"));
  const input = join(dir, basename(source));
  copyFileSync(source, input);
  const outDir = join(dir, "out");
  const r = spawnSync(
    SOFFICE,
    ["--headless", "--norestore", `-env:UserInstallation=file://${profile}`, "--convert-to", filter, "--outdir", outDir, input],
    { encoding: "utf8", timeout: PATIENCE },
  );
  if (r.error) throw new Error(`soffice не запускается: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`soffice завершился с кодом ${r.status}: ${r.stderr}`);
  const made = readdirSync(outDir).find((f) => f.endsWith(`.${extension}`));
  if (!made) throw new Error(`soffice не создал файл .${extension}: ${r.stdout} ${r.stderr}`);
  return new Uint8Array(readFileSync(join(outDir, made)));
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
