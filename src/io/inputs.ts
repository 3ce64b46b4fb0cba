/**
 * Many files, one answer: every sheet of every book with a results table is
 * read and the tables are joined per school (src/core/join.ts). Works on
 * ByteSources, so the command, the pane and a web page share it; walking
 * folders is the command's (Node) business.
 */
import { pushAll } from "../core/arrays";
import {
  ColumnOverride,
  COMPARISON_TEXT,
  JoinedTable,
  JoinInput,
  joinTables,
  Layout,
  LAYOUT_NAMES,
  NO_TABLE_SENTENCE,
  noTable,
  overridesForSheet,
  procedureLabel,
  readSettingsXml,
  RECOGNITION_TITLE,
  requireSchools,
  ResultsTable,
  sheetReadLine,
  ShnorError,
  SourceTable,
} from "../core";
import type { ReaderLimits } from "./limits";
import { BOOK_EXTENSIONS_TEXT } from "./book-files";
import { NotASpreadsheet } from "./markup";
import { openBook } from "./open";
import { readSheet } from "./tables";
import type { BookFormat, BookSource, ByteSource } from "./types";

/** What was read from one sheet, for the recognition report and the JSON's `files`. */
export interface SheetReading {
  sheet: string;
  /** The sheet's table went into the answer (results, or the journal comparison kept aside). */
  taken: boolean;
  layout: Layout | null;
  /** In Russian: what the sheet was taken as, or why it was not. */
  what: string;
  schools: number;
  comparisons: number;
  procedures: string[];
  table: ResultsTable | null;
  /** Corrections given for the sheet that met nothing (an empty column): left out. */
  dropped?: ColumnOverride[];
}

export interface FileReading {
  file: string;
  format: BookFormat;
  sheets: SheetReading[];
  /** Left out, and why: a document that is no table (a Word XML, a page without a table) among several files. */
  skipped?: string;
}

export interface InputsReading {
  table: JoinedTable;
  files: FileReading[];
  inputs: JoinInput[];
}

export interface InputsOptions {
  /** Only sheets of this name. */
  sheet?: string;
  overrides?: ColumnOverride[];
  /** Corrections by sheet name, as the pane stores them; used where `overrides` is not given. */
  overridesBySheet?: Record<string, ColumnOverride[]>;
  limits?: Partial<ReaderLimits>;
  /** Stop reading a sheet as soon as it holds more schools than `count`, with `onTooMany`'s error for the sheet (a report's limit). */
  maxSchools?: { count: number; onTooMany: (what: string) => Error };
  /** Called before each file: «file k of n». */
  onProgress?: (done: number, total: number, name: string) => void;
}

/** How a table is described in the report. */
export function sheetWhat(table: ResultsTable): string {
  if (table.layout === "journal") return `${LAYOUT_NAMES.journal}; строк: ${table.journal?.length ?? 0}`;
  const comparisons = table.comparisons ?? [];
  const kinds = [...new Set(comparisons.map((c) => COMPARISON_TEXT[c.kind]))];
  const extra = comparisons.length > 0 ? `; строк для сравнения: ${comparisons.length} (${kinds.join(", ")})` : "";
  const pupils = table.pupils ? `; участников: ${table.pupils.reduce((n, g) => n + g.pupils.length, 0)}` : "";
  return `${LAYOUT_NAMES[table.layout]}; ОО: ${table.schools.length}${pupils}${extra}`;
}

/** A sheet's line in the recognition report: «лист «Титул»: не взят — на листе только строки текста…». */
export const sheetLine = (s: SheetReading, file?: string): string =>
  `${file ? `«${file}», ` : ""}${sheetReadLine(s.sheet, s.taken, s.what)}`;

/** One sheet as the page and the pane list it: a line, never the sheet's grid or table. */
export interface SheetSummary {
  sheet: string;
  taken: boolean;
  /** In Russian: what the sheet was taken as, or why it was not (`SheetReading.what`). */
  what: string;
  /** Taken sheets only: the schools read from it. */
  schools?: number;
}

/** One file's sheets as the page and the pane list them. */
export interface FileSummary {
  file: string;
  format: BookFormat;
  sheets: SheetSummary[];
  /** Left out, and why (`FileReading.skipped`). */
  skipped?: string;
}

/**
 * What was read, file by file and sheet by sheet, for the screen: the page's engine
 * and the pane's «Собрать из выгрузок» both map their InputsReading through this.
 */
export function filesSummary(read: Pick<InputsReading, "files">): FileSummary[] {
  return read.files.map((f) => ({
    file: f.file,
    format: f.format,
    sheets: f.sheets.map((s) =>
      s.taken ? { sheet: s.sheet, taken: true, what: s.what, schools: s.schools } : { sheet: s.sheet, taken: false, what: s.what },
    ),
    ...(f.skipped !== undefined ? { skipped: f.skipped } : {}),
  }));
}

/** Source label of a sheet in messages: «file.xlsx, лист «РУ 4»». */
export const sourceLabel = (file: string, sheet: string): string => `${file}, лист «${sheet}»`;

/** A sheet listed in the recognition report but not read into the answer. */
const notTaken = (sheet: string, what: string): SheetReading => ({
  sheet,
  what,
  taken: false,
  layout: null,
  schools: 0,
  comparisons: 0,
  procedures: [],
  table: null,
});

/** The sheets the book's settings part says `shnor report` wrote; none if the part is missing or unreadable (its reader says why). */
async function generatedSheets(book: BookSource): Promise<string[]> {
  try {
    return readSettingsXml(await book.storedSettings()).stored?.generatedSheets ?? [];
  } catch (e) {
    if (e instanceof ShnorError) return [];
    throw e;
  }
}

/** A sheet's own error (a ВПР without its grade) names the book too: «Книга «x.xlsx», лист «…»: …». */
function inBook(e: unknown, file: string): unknown {
  if (!(e instanceof ShnorError) || e.code !== "no-procedure") return e;
  return new ShnorError(e.code, `Книга «${file}», ${e.message[0].toLowerCase()}${e.message.slice(1)}`);
}

/** Reads one book's sheets into `reading` and `inputs`. */
async function readBook(book: BookSource, file: string, reading: FileReading, inputs: JoinInput[], options: InputsOptions): Promise<void> {
  // A report `shnor report` wrote names its document sheets in its settings part: they are not results.
  const generated = new Set(options.sheet === undefined ? await generatedSheets(book) : []);
  for await (const sheet of book.sheets()) {
    if (options.sheet !== undefined && sheet.name !== options.sheet) continue;
    if (generated.has(sheet.name)) {
      reading.sheets.push(notTaken(sheet.name, "лист документов ШНОР-монитора, не результаты"));
      continue;
    }
    const limit = options.maxSchools;
    const { table, why, dropped } = await readSheet(
      sheet,
      options.overrides ?? overridesForSheet(options.overridesBySheet, sheet.name),
      limit && { count: limit.count, onTooMany: () => limit.onTooMany(`на листе «${sheet.name}» книги «${file}»`) },
    ).catch((e: unknown) => {
      throw inBook(e, file);
    });
    if (!table) {
      reading.sheets.push(notTaken(sheet.name, why));
      continue;
    }
    reading.sheets.push({
      sheet: sheet.name,
      taken: true,
      layout: table.layout,
      what: sheetWhat(table),
      schools: table.schools.length,
      comparisons: table.comparisons?.length ?? 0,
      procedures: table.procedures.map(procedureLabel),
      table,
      ...(dropped.length > 0 ? { dropped } : {}),
    });
    inputs.push({ source: sourceLabel(file, sheet.name), table });
  }
}

/** Explanations in the «no table anywhere» message, each with its sheets; the sheets of the rest are counted. */
const LISTED_SHEETS = 5;

/**
 * No table in any book: what the sheets show instead (sheets that show the same — a book of class protocols —
 * share one explanation), then what a table needs.
 */
function noTableIn(names: string[], files: FileReading[]): ShnorError {
  const many = names.length > 1;
  // One line whatever a name holds: a line break in a sheet's or file's name is a space here.
  const line = (text: string) => text.replace(/\s+/g, " ");
  const groups = new Map<string, string[]>();
  for (const f of files) {
    if (f.skipped !== undefined) groups.set(f.skipped, [...(groups.get(f.skipped) ?? []), line(`«${f.file}»`)]);
    for (const s of f.sheets) {
      const label = line(many ? `«${f.file}», лист «${s.sheet}»` : `«${s.sheet}»`);
      const group = groups.get(s.what);
      if (group) group.push(label);
      else groups.set(s.what, [label]);
    }
  }
  const listed = [...groups].slice(0, LISTED_SHEETS);
  const left = [...groups].slice(LISTED_SHEETS).reduce((n, [, labels]) => n + labels.length, 0);
  // Several files: each label names its file and sheet; one book: «лист «A»» or «листы «A», «B»».
  const parts = listed.map(([what, labels]) =>
    line(`${many ? "" : labels.length > 1 ? "листы " : "лист "}${labels.join(many ? " и " : ", ")} — ${what}`),
  );
  const more = left > 0 ? `; и ещё листов: ${left}` : "";
  const list = parts.length > 0 ? `: ${parts.join("; ")}${more}` : "";
  const where = many ? `Ни в одном из файлов (${names.length})` : `Ни на одном листе книги «${line(names[0])}»`;
  return new ShnorError("no-table", `${where} не найдена таблица результатов ВПР, ОГЭ или ЕГЭ${list}. ${NO_TABLE_SENTENCE}`);
}

/**
 * Reads every book, every sheet with a table, and joins them. A file that
 * cannot be read is an error naming it; a sheet without a table is listed.
 * Each source is closed once its book has been read.
 */
export async function readInputs(sources: ByteSource[], options: InputsOptions = {}): Promise<InputsReading> {
  if (sources.length === 0) throw new ShnorError("bad-setting", `Не найдено ни одного файла книги (${BOOK_EXTENSIONS_TEXT}).`);
  const files: FileReading[] = [];
  const inputs: JoinInput[] = [];
  let sheetFound = options.sheet === undefined;
  const sheetNames: string[] = [];
  for (let k = 0; k < sources.length; k++) {
    const source = sources[k];
    options.onProgress?.(k, sources.length, source.name);
    try {
      const book = await openBook(source, options.limits);
      pushAll(sheetNames, book.sheetNames);
      const reading: FileReading = { file: source.name, format: book.format, sheets: [] };
      files.push(reading);
      await readBook(book, source.name, reading, inputs, options);
      if (reading.sheets.length > 0) sheetFound = true;
    } catch (e) {
      // A folder holds anything: a document that is no table is left out with its reason, the run goes on.
      if (!(e instanceof NotASpreadsheet) || sources.length === 1) throw e;
      files.push({ file: source.name, format: e.format, sheets: [], skipped: e.reason });
    } finally {
      // Done with this book: a lazily opened file is closed before the next is opened.
      await source.close?.();
    }
  }
  options.onProgress?.(sources.length, sources.length, "");
  const where = sources.length === 1 ? `Книга «${sources[0].name}»` : `Файлы (${sources.length})`;
  if (!sheetFound) {
    if (sources.length === 1)
      throw new ShnorError("no-table", `В книге нет листа «${options.sheet}». Листы: ${sheetNames.map((n) => `«${n}»`).join(", ")}.`);
    const names = files.map((f) => f.file).join(", ");
    throw new ShnorError("no-table", `Нет листа «${options.sheet}» ни в одной книге (${names}).`);
  }
  if (inputs.length === 0 && options.sheet !== undefined && sources.length === 1) throw noTable(options.sheet, files[0]?.sheets[0]?.what);
  if (inputs.length === 0)
    throw noTableIn(
      sources.map((s) => s.name),
      files,
    );
  const table = joinTables(inputs);
  requireSchools(table, where);
  return { table, files, inputs };
}

/** The corrections that met nothing, by the sheet they were given for (see SheetTables.detect). */
export function droppedCorrections(read: Pick<InputsReading, "files">): { sheet: string; override: ColumnOverride }[] {
  return read.files.flatMap((f) => f.sheets.flatMap((s) => (s.dropped ?? []).map((override) => ({ sheet: s.sheet, override }))));
}

/** The recognition report as lines: per file and sheet what was read, then the join's conflicts and renames. */
export function recognitionSheetLines(read: InputsReading): string[] {
  const lines = [RECOGNITION_TITLE, ""];
  for (const f of read.files) {
    if (f.skipped !== undefined) {
      lines.push(`Файл «${f.file}» (${f.format}): пропущен — ${f.skipped}.`);
      continue;
    }
    lines.push(`Файл «${f.file}» (${f.format}):`);
    for (const s of f.sheets) {
      lines.push(`  ${sheetLine(s)}`);
      for (const skipped of s.table?.skippedRows ?? []) lines.push(`    строка ${skipped.row + 1} «${skipped.text}»: ${skipped.reason}`);
      for (const w of s.table?.warnings ?? []) lines.push(`    ${w}`);
    }
  }
  const joined: JoinedTable = read.table;
  if (joined.joinWarnings.length > 0) pushAll(lines, ["", "Объединение:"].concat(joined.joinWarnings.map((w) => `  ${w}`)));
  return lines;
}

/** What the report needs to know of each table read (core's carryOf decides from it how the results are carried). */
export function sourceTables(read: InputsReading): SourceTable[] {
  return read.files.flatMap((f, file) =>
    f.sheets
      .filter((s) => s.taken && s.table !== null)
      .map((s) => ({
        file,
        fileName: f.file,
        format: f.format,
        sheetName: s.sheet,
        layout: (s.table as ResultsTable).layout,
        // Tables side by side on one sheet are read each on its own and joined.
        joined: "conflicts" in (s.table as ResultsTable),
      })),
  );
}
