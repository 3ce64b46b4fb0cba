/**
 * What the page does with the user's files, apart from the screen: read them
 * through the file layer (src/io: every format, several files joined, exactly
 * as `shnor analyze` and `shnor report` read them), and build the report book.
 * It runs in the page's Web Worker (worker.ts), or in the page itself where a
 * browser refuses a worker (a page opened from a folder). No DOM, no network:
 * Blobs in, an ArrayBuffer out.
 */
import { maxOf } from "../core/arrays";
import ExcelJS from "exceljs";
import {
  BookSettings,
  collectedSettings,
  ColumnOverride,
  columnLetter,
  NO_BOOK_SETTINGS,
  overridesForSheet,
  PAGE_REPORT_MAX_SCHOOLS,
  planReport,
  planWord,
  ReportPlan,
  resolveSettings,
  ResultsTable,
  sameSheetName,
  ShnorError,
  usedSettings,
  withoutDropped,
  tooManySchoolsForPage,
  withoutYearLackingData,
} from "../core";
import { blobSource } from "../io/blob";
import { bookSettings, newReportId, reportWithSettings } from "../io/book-settings";
import { formsManifest, FormsManifest, ReadForm } from "../core/forms";
import { bytesSource } from "../io/bytes";
import { collectIntoReport, readFormFile, readFormsManifest } from "../io/forms";
import { formsZip } from "../writers/forms";
import { droppedCorrections, filesSummary, InputsReading, readInputs, sourceTables } from "../io/inputs";
import type { ByteSource } from "../io/types";
import { memoryBook, memorySink, reportBookLines, sheetOpener, writeReportBook } from "../writers/report-book";
import { collectBook, collectLines } from "../writers/collect-book";
import { wordZip } from "../writers/word";
import type { DownloadRequest, FilesRead, NamedFile } from "../taskpane/host";
import { STRINGS } from "../taskpane/strings";

export type Progress = (value: number, label: string) => void;

/** A download the page asks for: what the worker and the page's own engine run, through `PageEngine.file`. */
export type FileJob =
  | { kind: "report" | "collect" | "word"; request: Omit<DownloadRequest, "onProgress"> }
  /** «Формы для школ» and «Собрать формы» (the returned files). */
  | { kind: "forms" }
  | { kind: "collectForms"; files: Blob[] };

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

/** The report with the forms collected: «x-otchet.xlsx» → «x-otchet-sobrano.xlsx» (collected again: the same name). */
export function collectedFormsName(report: string): string {
  const stem = report.replace(/\.[^.]+$/, "").replace(/-sobrano$/, "") || "shnor-otchet";
  return `${stem}-sobrano.xlsx`;
}

/** «results.xlsx» → «results-svod.xlsx»; several files → «shnor-svod.xlsx». */
export function collectName(files: string[]): string {
  return reportName(files).replace(/-otchet\.xlsx$/, "-svod.xlsx");
}

/** «results.xlsx» → «results-dokumenty.zip»: the Word documents; several files → «shnor-dokumenty.zip». */
export function wordName(files: string[]): string {
  return reportName(files).replace(/-otchet\.xlsx$/, "-dokumenty.zip");
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

/**
 * The corrections by sheet for reading again. A table joined from several
 * sheets is shown (and corrected) under their joined name: its corrections
 * go to each of those sheets.
 */
function perSheet(
  bySheet: Record<string, ColumnOverride[]>,
  shown: string | null,
  last: InputsReading | null,
): Record<string, ColumnOverride[]> {
  if (shown === null || !last || last.inputs.length < 2) return bySheet;
  const joined = overridesForSheet(bySheet, shown);
  if (joined.length === 0) return bySheet;
  const out: Record<string, ColumnOverride[]> = {};
  for (const [sheet, list] of Object.entries(bySheet)) if (!sameSheetName(sheet, shown)) out[sheet] = list;
  for (const input of last.inputs) {
    const sheet = input.table.sheetName;
    const own = overridesForSheet(out, sheet);
    for (const key of Object.keys(out)) if (sameSheetName(key, sheet)) delete out[key];
    out[sheet] = [...own, ...joined.filter((o) => !own.some((x) => x.column === o.column))];
  }
  return out;
}

/** The used range the table came from, as the recognition report names it. */
function extent(table: ResultsTable): { address: string; rows: number; columns: number } {
  const rows = Math.max(table.headerBottom ?? 0, maxOf(table.schools.map((s) => s.row)), maxOf(table.skippedRows.map((r) => r.row))) + 1;
  const columns =
    maxOf(
      table.columns.map((c) => c.column),
      0,
    ) + 1;
  return { address: `A1:${columnLetter(columns - 1)}${rows}`, rows, columns };
}

/** A Blob read under its own name, or a file with the name the user knows it by. */
const named = (f: Blob | NamedFile): NamedFile =>
  f instanceof Blob ? { file: f, name: blobSource(f).name } : { file: f.file, name: f.name };

export class PageEngine {
  private files: NamedFile[] = [];
  private sheet: string | null = null;
  private reading: InputsReading | null = null;
  /** The settings stored in the files read (applied only when one book was read). */
  private book: BookSettings = NO_BOOK_SETTINGS;
  /** The corrections the files were last read with, by sheet. */
  private overrides: Record<string, ColumnOverride[]> = {};
  /** The last report downloaded since the files were chosen: forms are made from it and collected into it. */
  private lastReport: { name: string; bytes: Uint8Array } | null = null;

  /** `reportMaxSchools`: the most schools a report book is built for in the tab (a smaller one in tests). */
  constructor(private readonly reportMaxSchools = PAGE_REPORT_MAX_SCHOOLS) {}

  /**
   * Reads a new list of files (the page's whole list, replacing the one read before), or with no files the same
   * ones again with new corrections. A new list is read with the corrections saved in it (one book only, as the
   * command reads them) under the ones given (the user's, kept from the list before), and the answer says what
   * the books hold.
   */
  async read(
    files: (Blob | NamedFile)[] | undefined,
    overridesBySheet: Record<string, ColumnOverride[]>,
    progress: Progress,
  ): Promise<FilesRead> {
    const s = STRINGS.page;
    let last = 0;
    const tick = (value: number, label: string, force = false) => {
      const now = Date.now();
      if (!force && now - last < PROGRESS_EVERY) return;
      last = now;
      progress(Math.min(1, Math.max(0, value)), label);
    };
    let book: BookSettings | null = null;
    let bySheet: Record<string, ColumnOverride[]>;
    if (files) {
      if (files.length === 0) throw new ShnorError("unreadable-file", "Не выбрано ни одного файла.");
      const list = files.map(named);
      book = await bookSettings(
        list.map((f) => ({ name: f.name, open: () => blobSource(f.file, f.name) })),
        false,
        s.book.wording,
      );
      // The user's corrections of the list before, by the sheets they were made on, over the book's own.
      const mine = perSheet(overridesBySheet, this.sheet, this.reading);
      this.files = list;
      this.lastReport = null;
      this.sheet = null;
      this.reading = null;
      this.book = book;
      bySheet = { ...(book.stored?.overrides ?? {}), ...mine };
    } else bySheet = perSheet(overridesBySheet, this.sheet, this.reading);
    if (this.files.length === 0) throw new ShnorError("unreadable-file", "Сначала выберите файлы с результатами.");
    const total = this.files.length;
    const sources = this.files.map((f, i) => {
      const source = blobSource(f.file, f.name);
      return counting(source, (fraction) => tick((i + fraction) / total, s.rows(source.name, fraction)));
    });
    const reading = await readInputs(sources, {
      overridesBySheet: bySheet,
      onProgress: (done, _all, name) => name && tick(done / total, s.opening(name), true),
    });
    this.reading = reading;
    this.sheet = reading.table.sheetName;
    // Stored corrections that met nothing (an empty column) are named and left out, as the command does;
    // so is a stored year the table has no counted results for (the form, the book's values, shows the default).
    const dropped = droppedCorrections(reading);
    if (book) this.book = book = withoutYearLackingData(withoutDropped(book, dropped), reading.table.schools, {});
    const gone = new Set(dropped.map((d) => d.override));
    this.overrides = Object.fromEntries(Object.entries(bySheet).map(([sheet, list]) => [sheet, list.filter((o) => !gone.has(o))]));
    return {
      table: reading.table,
      sheet: reading.table.sheetName,
      ...extent(reading.table),
      source: "sheet",
      files: reading.files.map((f) => f.file),
      perFile: filesSummary(reading),
      ...(book
        ? { book: { ...book, sheets: reading.files.flatMap((f) => f.sheets.map((sh) => sh.sheet)), overridesBySheet: this.overrides } }
        : {}),
    };
  }

  /** The file a download asks for: the one dispatch of the worker and of the page without one. */
  file(job: FileJob, progress: Progress): Promise<ReportFile> {
    switch (job.kind) {
      case "report":
        return this.report(job.request, progress);
      case "word":
        return this.word(job.request, progress);
      case "collect":
        return this.collect(job.request, progress);
      case "forms":
        return this.forms(progress);
      case "collectForms":
        return this.collectForms(job.files, progress);
    }
  }

  /** The report book `shnor report` writes, from the files read, with the settings and corrections shown. */
  async report(request: Omit<DownloadRequest, "onProgress">, progress: Progress): Promise<ReportFile> {
    // Past the limit the tab would run out of memory and close, the answer shown lost with it: said first.
    const schools = this.reading?.table.schools.length ?? 0;
    if (schools > this.reportMaxSchools) throw tooManySchoolsForPage(schools, this.reportMaxSchools);
    progress(0.05, STRINGS.page.reportStart);
    // The same plan as the command's, rendered by the same code into a book held in memory.
    const { files, plan } = await this.plan(request);
    const lines = reportBookLines(plan);
    // The settings used go into the book as `shnor report` stores them: the add-in opening it sees them,
    // and a reader of the book leaves the document sheets out.
    const used = usedSettings({
      settings: plan.analysis.settings,
      documents: plan.documents.settings,
      overrides: this.overrides,
      statusFormulas: this.book.stored?.statusFormulas,
      generatedSheets: plan.documents.sheets.map((sheet) => sheet.name),
    });
    // Where forms for schools put their figures, from the plan as the command makes it.
    const forms = formsManifest(plan, newReportId());
    progress(0.3, STRINGS.page.reportStart);
    const book = memoryBook();
    const file = this.files[0];
    await writeReportBook(
      plan.sheets,
      memorySink(book),
      sheetOpener(() => blobSource(file.file, file.name)),
    );
    progress(0.6, STRINGS.page.writing);
    const bytes = reportWithSettings(await bookBytes(book), used, forms);
    progress(1, STRINGS.page.writing);
    const fileName = reportName(files);
    // A copy: the bytes given back are handed over to the page.
    this.lastReport = { name: fileName, bytes: bytes.slice() };
    return { fileName, bytes, lines };
  }

  /** The files read again with the corrections shown, and the command's plan of the report from them. */
  private async plan(request: Omit<DownloadRequest, "onProgress">): Promise<{ files: string[]; plan: ReportPlan }> {
    if (!this.reading) throw new ShnorError("unreadable-file", "Сначала выберите файлы с результатами.");
    const fresh = await this.read(undefined, request.overridesBySheet, () => undefined);
    const reading = this.reading as InputsReading;
    const plan = planReport({
      table: reading.table,
      sources: sourceTables(reading),
      files: reading.files.length,
      settings: request.settings,
      documents: request.documents,
    });
    return { files: fresh.files, plan };
  }

  /** «Скачать документы Word»: the documents `shnor report --word` writes, in one .zip, from the same plan. */
  async word(request: Omit<DownloadRequest, "onProgress">, progress: Progress): Promise<ReportFile> {
    progress(0.05, STRINGS.page.wordStart);
    const { files, plan } = await this.plan(request);
    const docs = planWord(plan);
    progress(0.5, STRINGS.page.wordStart);
    const bytes = await wordZip(docs, plan.documents.settings.font);
    progress(1, STRINGS.page.wordStart);
    return { fileName: wordName(files), bytes, lines: [STRINGS.page.wordFiles(docs.map((d) => d.fileName))] };
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
    // The settings shown go into the «Свод» as `shnor collect` stores a book's: analysing it gives this answer.
    const kept = collectedSettings({
      settings: resolveSettings(request.settings),
      documents: request.documents,
      statusFormulas: this.book.stored?.statusFormulas,
    });
    const bytes = reportWithSettings(await bookBytes(book), kept);
    progress(1, STRINGS.page.writing);
    return { fileName: collectName(fresh.files), bytes, lines: collectLines(reading) };
  }

  /**
   * The report forms are made from and collected into: the one downloaded here since the files were
   * chosen, else the one file chosen that is a report (it holds the forms' manifest).
   */
  private async formsReport(): Promise<{ name: string; bytes: Uint8Array; manifest: FormsManifest }> {
    if (this.lastReport) {
      const { name, bytes } = this.lastReport;
      return { name, bytes, manifest: await readFormsManifest(bytesSource(bytes, name)) };
    }
    const found: { file: Blob; name: string; manifest: FormsManifest }[] = [];
    let damaged: ShnorError | null = null;
    for (const { file, name } of this.files) {
      try {
        found.push({ file, name, manifest: await readFormsManifest(blobSource(file, name)) });
      } catch (e) {
        if (!(e instanceof ShnorError)) throw e;
        // A book without the manifest is not a report; a damaged manifest is said if no report is found.
        if (e.code === "unreadable-file") damaged ??= e;
      }
    }
    if (found.length > 1) throw new ShnorError("bad-setting", STRINGS.forms.severalReports(found.map((f) => f.name)));
    if (found.length === 0) throw damaged ?? new ShnorError("bad-setting", STRINGS.forms.noReport);
    const [{ file, name, manifest }] = found;
    return { name, bytes: new Uint8Array(await file.arrayBuffer()), manifest };
  }

  /** «Формы для школ»: every ШНОР's form in one .zip, from the report (as `shnor forms` makes them). */
  async forms(progress: Progress): Promise<ReportFile> {
    progress(0.1, STRINGS.forms.making);
    const report = await this.formsReport();
    const zip = await formsZip(report.manifest, "shnor");
    progress(1, STRINGS.forms.making);
    return { fileName: zip.fileName, bytes: zip.bytes, lines: [STRINGS.forms.made(zip.count, zip.fileName, report.name)] };
  }

  /** «Собрать формы»: the returned files checked and summed into a copy of the report (as `shnor collect-forms` writes it). */
  async collectForms(files: Blob[], progress: Progress): Promise<ReportFile> {
    if (files.length === 0) throw new ShnorError("unreadable-file", STRINGS.forms.noFiles);
    const report = await this.formsReport();
    const forms: ReadForm[] = [];
    for (const [i, file] of files.entries()) {
      const source = blobSource(file);
      progress((0.8 * i) / files.length, STRINGS.page.opening(source.name));
      forms.push(await readFormFile(source));
    }
    progress(0.85, STRINGS.page.writing);
    const { bytes, plan } = await collectIntoReport(report, forms);
    progress(1, STRINGS.page.writing);
    return { fileName: collectedFormsName(report.name), bytes, lines: [plan.summary] };
  }
}
