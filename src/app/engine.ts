/**
 * What the page does with the user's files, apart from the screen: read them,
 * find and join their results tables, and build the report book. It runs in
 * the page's Web Worker (worker.ts), or in the page itself where a browser
 * refuses a worker (a page opened from a folder). No DOM, no network: Blobs in,
 * an ArrayBuffer out.
 */
import ExcelJS from "exceljs";
import { analyzeTable, ColumnOverride, mergeTables, resolveSettings, ShnorError } from "../core";
import { assembleReport, reportLines } from "../report/book";
import type { DownloadRequest, FilesRead } from "../taskpane/host";
import { STRINGS } from "../taskpane/strings";
import { BookTable, bookSource, loadWorkbook, readBookTable } from "./exceljs-book";

export type Progress = (value: number, label: string) => void;

/** A file as the page gets it: a browser File, or any Blob with a name. */
export interface NamedBlob {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

interface OpenBook {
  name: string;
  book: ExcelJS.Workbook;
}

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

export class PageEngine {
  private books: OpenBook[] = [];
  private tables: { file: string; read: BookTable }[] = [];

  /** Reads new files (replacing those read before), or with no files the same ones again with new corrections. */
  async read(files: NamedBlob[] | undefined, overridesBySheet: Record<string, ColumnOverride[]>, progress: Progress): Promise<FilesRead> {
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
      const books: OpenBook[] = [];
      for (const [i, file] of files.entries()) {
        tick(i / files.length, s.opening(file.name), true);
        const bytes = new Uint8Array(await file.arrayBuffer());
        tick((i + 0.1) / files.length, s.parsing(file.name), true);
        books.push({ name: file.name, book: await loadWorkbook(bytes, file.name) });
      }
      this.books = books;
    }
    if (this.books.length === 0) throw new ShnorError("unreadable-file", "Сначала выберите файлы с результатами.");
    const tables: { file: string; read: BookTable }[] = [];
    for (const [i, { name, book }] of this.books.entries()) {
      const total = Math.max(1, ...book.worksheets.map((w) => w.rowCount));
      const read = await readBookTable(bookSource(book, name), overridesBySheet, (_sheet, row) =>
        // Reading the book took the first half of a file's share, its rows the second.
        tick((i + 0.5 + (0.5 * (row + 1)) / total) / this.books.length, s.rows(name, row + 1, total)),
      );
      tables.push({ file: name, read });
    }
    this.tables = tables;
    const first = tables[0].read;
    return {
      table: tables.length === 1 ? first.table : mergeTables(tables.map((t) => t.read.table)),
      sheet: first.table.sheetName,
      address: first.address,
      rows: first.rows,
      columns: first.columns,
      source: "sheet",
      files: this.books.map((b) => b.name),
    };
  }

  /** The report book `shnor report` writes, from the files read, with the settings and corrections shown. */
  async report(request: Omit<DownloadRequest, "onProgress">, progress: Progress): Promise<ReportFile> {
    if (this.tables.length === 0) throw new ShnorError("unreadable-file", "Сначала выберите файлы с результатами.");
    progress(0.1, STRINGS.page.reportStart);
    const fresh = await this.read(undefined, request.overridesBySheet, () => undefined);
    const analysis = analyzeTable(fresh.table, resolveSettings(request.settings));
    const sources = this.tables.flatMap(({ file, read }) => {
      const book = this.books.find((b) => b.name === file)!.book;
      return read.sheets.map((name) => book.getWorksheet(name)).filter((ws): ws is ExcelJS.Worksheet => ws !== undefined);
    });
    const report = assembleReport({ sources, table: fresh.table, analysis, documents: request.documents });
    progress(0.6, STRINGS.page.writing);
    const written = (await report.book.xlsx.writeBuffer()) as ArrayBuffer | Uint8Array;
    // In Node and in the browser build exceljs gives a Buffer; a plain copy crosses to the page.
    const bytes = written instanceof Uint8Array ? new Uint8Array(written) : new Uint8Array(written);
    progress(1, STRINGS.page.writing);
    return { fileName: reportName(fresh.files), bytes, lines: reportLines(report, analysis) };
  }
}
