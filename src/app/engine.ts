/**
 * What the page does with the user's files, apart from the screen: read them
 * through the file layer (src/io: every format, several files joined, exactly
 * as `shnor analyze` and `shnor report` read them), and build the report book.
 * It runs in the page's Web Worker (worker.ts), or in the page itself where a
 * browser refuses a worker (a page opened from a folder). No DOM, no network:
 * Blobs in, an ArrayBuffer out.
 */
import ExcelJS from "exceljs";
import { analyzeTable, ColumnOverride, columnLetter, resolveSettings, ResultsTable, ShnorError } from "../core";
import { blobSource } from "../io/blob";
import { InputsReading, readInputs } from "../io/inputs";
import type { ByteSource } from "../io/types";
import { assembleReport, reportLines } from "../report/book";
import { collectBook, collectLines } from "../report/collect-book";
import type { DownloadRequest, FilesRead } from "../taskpane/host";
import { STRINGS } from "../taskpane/strings";
import { loadWorkbook } from "./exceljs-book";

export type Progress = (value: number, label: string) => void;

export interface ReportFile {
  fileName: string;
  bytes: Uint8Array;
  lines: string[];
}

/** Progress is reported at most this often (ms): each report redraws the pane. */
const PROGRESS_EVERY = 250;

/** «results.xlsx» → «results-otchet.xlsx»; several files → «shnor-otchet.xlsx». */
export function reportName(files: string[]): string {
  if (files.length !== 1) return "shnor-otchet.xlsx";
  const stem = files[0].replace(/\.[^.]+$/, "") || "shnor";
  return `${stem}-otchet.xlsx`;
}

/** «results.xlsx» → «results-svod.xlsx»; several files → «shnor-svod.xlsx». */
export function collectName(files: string[]): string {
  return reportName(files).replace(/-otchet\.xlsx$/, "-svod.xlsx");
}

/** exceljs gives a Buffer in Node and in its browser build; a plain copy crosses to the page. */
async function bookBytes(book: ExcelJS.Workbook): Promise<Uint8Array> {
  const written = (await book.xlsx.writeBuffer()) as ArrayBuffer | Uint8Array;
  return new Uint8Array(written);
}

/** A byte source that reports how much of the file was read (a zip's parts are read about once). */
function counting(source: ByteSource, onRead: (fraction: number) => void): ByteSource {
  let read = 0;
  return {
    name: source.name,
    size: source.size,
    async read(offset, length) {
      const bytes = await source.read(offset, length);
      read += bytes.length;
      onRead(Math.min(0.99, read / Math.max(1, source.size)));
      return bytes;
    },
    close: source.close?.bind(source),
  };
}

/** The used range the table came from, as the recognition report names it. */
function extent(table: ResultsTable): { address: string; rows: number; columns: number } {
  const rows = Math.max(table.headerBottom ?? 0, ...table.schools.map((s) => s.row), ...table.skippedRows.map((r) => r.row)) + 1;
  const columns = Math.max(0, ...table.columns.map((c) => c.column)) + 1;
  return { address: `A1:${columnLetter(columns - 1)}${rows}`, rows, columns };
}

export class PageEngine {
  private files: Blob[] = [];
  private sheet: string | null = null;
  private reading: InputsReading | null = null;

  /** Reads new files (replacing those read before), or with no files the same ones again with new corrections. */
  async read(files: Blob[] | undefined, overridesBySheet: Record<string, ColumnOverride[]>, progress: Progress): Promise<FilesRead> {
    const s = STRINGS.page;
    let last = 0;
    const tick = (value: number, label: string, force = false) => {
      const now = Date.now();
      if (!force && now - last < PROGRESS_EVERY) return;
      last = now;
      progress(Math.min(1, Math.max(0, value)), label);
    };
    if (files) {
      if (files.length === 0) throw new ShnorError("unreadable-file", "Не выбрано ни одного файла.");
      this.files = files;
      this.sheet = null;
    }
    if (this.files.length === 0) throw new ShnorError("unreadable-file", "Сначала выберите файлы с результатами.");
    const total = this.files.length;
    const sources = this.files.map((file, i) => {
      const source = blobSource(file);
      return counting(source, (fraction) => tick((i + fraction) / total, s.rows(source.name, fraction)));
    });
    const overrides = this.sheet === null ? [] : (overridesBySheet[this.sheet] ?? []);
    const reading = await readInputs(sources, {
      overrides,
      onProgress: (done, _all, name) => name && tick(done / total, s.opening(name), true),
    });
    this.reading = reading;
    this.sheet = reading.table.sheetName;
    return {
      table: reading.table,
      sheet: reading.table.sheetName,
      ...extent(reading.table),
      source: "sheet",
      files: reading.files.map((f) => f.file),
    };
  }

  /** The report book `shnor report` writes, from the files read, with the settings and corrections shown. */
  async report(request: Omit<DownloadRequest, "onProgress">, progress: Progress): Promise<ReportFile> {
    if (!this.reading) throw new ShnorError("unreadable-file", "Сначала выберите файлы с результатами.");
    progress(0.05, STRINGS.page.reportStart);
    const fresh = await this.read(undefined, request.overridesBySheet, () => undefined);
    const reading = this.reading;
    const analysis = analyzeTable(fresh.table, resolveSettings(request.settings));
    // One .xlsx book: its sheets are copied with their styles and marked, as the command does.
    // Otherwise the statuses go to a list of their own beside the documents.
    let sources: ExcelJS.Worksheet[] = [];
    if (reading.files.length === 1 && reading.files[0].format === "xlsx") {
      const file = this.files[0];
      const book = await loadWorkbook(new Uint8Array(await file.arrayBuffer()), fresh.files[0]);
      sources = reading.inputs
        .map((input) => book.getWorksheet(input.table.sheetName))
        .filter((ws): ws is ExcelJS.Worksheet => ws !== undefined);
    }
    progress(0.3, STRINGS.page.reportStart);
    const report = assembleReport({ sources, table: fresh.table, analysis, documents: request.documents });
    progress(0.6, STRINGS.page.writing);
    const bytes = await bookBytes(report.book);
    progress(1, STRINGS.page.writing);
    return { fileName: reportName(fresh.files), bytes, lines: reportLines(report, analysis) };
  }

  /** The book `shnor collect` writes («Свод» and «Распознавание»), from the files read with the corrections shown. */
  async collect(request: Omit<DownloadRequest, "onProgress">, progress: Progress): Promise<ReportFile> {
    if (!this.reading) throw new ShnorError("unreadable-file", "Сначала выберите файлы с результатами.");
    progress(0.05, STRINGS.page.collectStart);
    const fresh = await this.read(undefined, request.overridesBySheet, () => undefined);
    const reading = this.reading;
    progress(0.3, STRINGS.page.collectStart);
    const book = collectBook(reading);
    progress(0.6, STRINGS.page.writing);
    const bytes = await bookBytes(book);
    progress(1, STRINGS.page.writing);
    return { fileName: collectName(fresh.files), bytes, lines: collectLines(reading) };
  }
}
