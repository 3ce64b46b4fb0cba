/**
 * The report described once: which sheets it holds and in what order, how the
 * results are carried (the user's one sheet copied and marked, or a marked
 * «Свод»), and the documents. Pure data from the table read and the settings;
 * the command's streaming writer, the page's in-memory writer and the Word
 * writer render it and decide nothing (src/writers). The pane writes the same
 * documents through buildDocuments, its results being the open sheet itself.
 */
import { minOf } from "../arrays";
import { ShnorError } from "../errors";
import { collectGrid, collectSpec } from "../join-sheet";
import { DynamicsInput, dynamicsInputOf } from "../dynamics";
import { markSpec, MarkSpec, withMarks } from "../render-contract/marks";
import { DIGIT_PX, textWidthPx } from "../render-contract/fit";
import { landscapeA4, PrintSpec, SheetSpec } from "../render-contract/spec";
import { DEFAULT_FONT } from "../render-contract/styles";
import { Analysis, analyzeTable, Settings } from "../rule";
import { schoolYearText } from "../school-year";
import { readTable } from "../table/read";
import { Layout, ResultsTable } from "../table/model";
import type { WordDocument } from "../render-contract/word";
import { wordDocuments } from "./index";
import { buildDocuments, Documents } from "./sheets";
import { cleanSheetName } from "./names";
import { DocumentSettingsInput } from "./settings";

/**
 * A file's format as the file layer names it: the markup books web systems save
 * as «.xls» are `html` (a page's table), `xml` («Таблица XML 2003») and `fods`.
 */
export type SourceFormat = "xlsx" | "xls" | "ods" | "csv" | "html" | "xml" | "fods";

/**
 * Formats whose cells are text as the file wrote them (the engine reads «12,5» and
 * «35%» itself): they have no look to keep, and a copy would hold numbers as text
 * where its formulas need numbers; the note names the file only (a CSV's sheet and
 * a page's table are named after the file, not by the user).
 */
const TEXT_FORMATS: readonly SourceFormat[] = ["csv", "html"];

/** What the report needs to know of one table read: where it came from and what it is. */
export interface SourceTable {
  /** Index of its file in the reading. */
  file: number;
  /** The file's name as the user knows it. */
  fileName: string;
  format: SourceFormat;
  sheetName: string;
  layout: Layout;
  /** Tables side by side on the sheet, joined: no one table to mark. */
  joined: boolean;
}

/** How the results are carried into the report. */
export type Carry =
  /** The user's one sheet, copied with its look and marked: the sheet an official keeps. */
  | { kind: "copy"; sheetName: string }
  /** The joined table («Свод»), written and marked: several tables, a .csv, or pupils' rows. */
  | { kind: "svod" };

/**
 * Decided once for the command and the page. A sheet is copied only when it
 * is the whole answer and a sheet an official keeps: one book (not a .csv
 * or a page's table: TEXT_FORMATS), one table, a school a row (wide or long), under
 * a name a workbook accepts. A pupil-level source (Ф1, a РЦОИ protocol) is
 * never copied: pupils' rows must not reach an output. Everything else is
 * joined into the marked «Свод».
 */
export function carryOf(sources: SourceTable[], files: number): Carry {
  const results = sources.filter((s) => s.layout !== "journal");
  if (files !== 1 || results.length !== 1) return { kind: "svod" };
  const [only] = results;
  const copied =
    !TEXT_FORMATS.includes(only.format) &&
    !only.joined &&
    (only.layout === "wide" || only.layout === "long") &&
    cleanSheetName(only.sheetName) === only.sheetName;
  return copied ? { kind: "copy", sheetName: only.sheetName } : { kind: "svod" };
}

/** A sheet of the report, in tab order. */
export type PlannedSheet =
  /**
   * The user's sheet, streamed from its file with its look, the marks added to its rows;
   * `minWidths` widens a column (the names, repeated on every printed page) that would cut its texts.
   */
  | { kind: "copy"; name: string; marks: MarkSpec; print: PrintSpec; minWidths: { column: number; width: number }[] }
  /** A sheet the report describes whole: the marked «Свод» and the documents. */
  | { kind: "spec"; spec: SheetSpec };

export interface ReportPlan {
  carry: Carry;
  /** What was read, a line a file: what the note says it read. */
  read: string[];
  /** The table the marks and the formulas point at: the copied sheet's, or the «Свод» read back. */
  table: ResultsTable;
  analysis: Analysis;
  sheets: PlannedSheet[];
  documents: Documents;
}

export interface ReportPlanInput {
  /** Everything read, joined. */
  table: ResultsTable;
  sources: SourceTable[];
  /** How many files were read. */
  files: number;
  settings: Partial<Settings>;
  documents: DocumentSettingsInput;
  /** Pupils, the journal comparison and the margin for the signals; by default what `table` kept. */
  dynamics?: DynamicsInput;
}

/**
 * The most schools a report book is made for. Russia has about 40,000 schools; a
 * report holds its table, analysis and documents at once, and past this many it
 * would need more than the 1.5 GB a report may take. `analyze` has no such limit.
 */
export const REPORT_MAX_SCHOOLS = 50_000;

/**
 * A table past REPORT_MAX_SCHOOLS, as one Russian line: `what` says how many («в таблице 61 200 ОО»,
 * or, where a sheet is stopped as soon as it passes, «на листе «X» книги «y.xlsx» больше 50 000 ОО»).
 */
export function tooManySchoolsForReport(what: string): ShnorError {
  const limit = REPORT_MAX_SCHOOLS.toLocaleString("ru-RU");
  return new ShnorError(
    "too-large",
    `Отчёт не построен: ${what}, а книга отчёта строится не больше чем для ${limit} ОО (в России около 40 000 школ). Разделите таблицу по регионам или муниципалитетам; shnor analyze читает её целиком.`,
  );
}

/**
 * The most schools the page builds a report book for. The page holds the whole book in the tab's memory
 * (exceljs's book, then its zip): measured in Chromium, 1.4 GB at 5,000 schools, 3.2 GB at 10,000, 5.0 GB at
 * 20,000, and at 40,000 the tab ran out of memory and closed. The command writes the book in pieces and has
 * only REPORT_MAX_SCHOOLS.
 */
export const PAGE_REPORT_MAX_SCHOOLS = 20_000;

/** A table past the page's limit, as one Russian line: the command builds it. */
export function tooManySchoolsForPage(schools: number, limit = PAGE_REPORT_MAX_SCHOOLS): ShnorError {
  return new ShnorError(
    "too-large",
    `Отчёт не построен: в таблице ${schools.toLocaleString("ru-RU")} ОО, а страница собирает книгу отчёта в памяти вкладки браузера и строит её не больше чем для ${limit.toLocaleString("ru-RU")} ОО. Постройте отчёт командой shnor report (она пишет книгу по частям) или разделите таблицу по регионам.`,
  );
}

/** For the reader: a sheet is stopped as soon as it passes the report's limit («на листе «X» книги «y»» больше N ОО). */
export const REPORT_SCHOOLS_GUARD = {
  count: REPORT_MAX_SCHOOLS,
  onTooMany: (where: string): ShnorError => tooManySchoolsForReport(`${where} больше ${REPORT_MAX_SCHOOLS.toLocaleString("ru-RU")} ОО`),
};

export function planReport(input: ReportPlanInput): ReportPlan {
  if (input.table.schools.length > REPORT_MAX_SCHOOLS)
    throw tooManySchoolsForReport(`в таблице ${input.table.schools.length.toLocaleString("ru-RU")} ОО`);
  const carry = carryOf(input.sources, input.files);
  // The «Свод» is read back, so the marks and the formulas know its rows and columns.
  const grid = carry.kind === "svod" ? collectGrid(input.table) : null;
  const table = grid ? readTable(grid) : input.table;
  const analysis = analyzeTable(table, input.settings);
  const marks = markSpec(table, analysis);
  const results: PlannedSheet = grid
    ? { kind: "spec", spec: withMarks(collectSpec(grid), marks) }
    : { kind: "copy", name: table.sheetName, marks, print: copyPrint(table), minWidths: namesWidth(table) };
  const resultsName = results.kind === "copy" ? results.name : results.spec.name;
  const documents = buildDocuments({
    table,
    analysis,
    settings: input.documents,
    results: { sheetName: resultsName, marks },
    existingSheetNames: [resultsName],
    // The signals read the pupils and the journal from what was read, not from the «Свод» read back.
    dynamics: input.dynamics ?? dynamicsInputOf(input.table),
  });
  return {
    carry,
    read: readLines(input.sources),
    table,
    analysis,
    sheets: [results, ...documents.sheets.map((spec) => ({ kind: "spec" as const, spec }))],
    documents,
  };
}

/** The report's Word documents (core's one list, wordDocuments), from the plan. */
export function planWord(plan: Pick<ReportPlan, "table" | "analysis" | "documents" | "read">): WordDocument[] {
  const { table, analysis, documents, read } = plan;
  return wordDocuments({ table, analysis, settings: documents.settings, dynamics: documents.dynamics, tasks: documents.tasks, read });
}

/** «Файл «ВПР 2025.xlsx», листы «МА 5», «РУ 5»»: a line a file, its sheets that held a table. */
export function readLines(sources: SourceTable[]): string[] {
  const byFile = new Map<number, SourceTable[]>();
  for (const s of sources) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  return [...byFile.values()].map((list) => {
    const file = `файл «${list[0].fileName}»`;
    if (TEXT_FORMATS.includes(list[0].format)) return file;
    const sheets = list.map((s) => `«${s.sheetName}»`).join(", ");
    return `${file}, ${list.length === 1 ? "лист" : "листы"} ${sheets}`;
  });
}

/**
 * The copy of the user's sheet prints on A4 landscape with its header rows on
 * every page and, where its columns run onto further pages, the columns up to
 * the schools' names.
 */
export function copyPrint(table: ResultsTable): PrintSpec {
  const ids = table.columns.filter((c) => ["number", "territory", "login", "name"].includes(c.role.kind)).map((c) => c.column);
  const measures = table.columns.filter((c) => c.role.kind === "measure").map((c) => c.column);
  const name = table.columns.find((c) => c.role.kind === "name")?.column;
  const repeatColumns = name !== undefined && measures.length > 0 && name < minOf(measures) ? { first: minOf(ids), last: name } : undefined;
  return landscapeA4({ first: table.headerTop, last: table.headerBottom }, repeatColumns ? { repeatColumns } : {});
}

/** The widest a names column is made for its longest name, characters; longer names are cut as the user's sheet cuts them. */
const MAX_NAMES_WIDTH = 60;

/** The width the names column needs to show every school's name whole (at the default font), where it has one. */
export function namesWidth(table: ResultsTable): { column: number; width: number }[] {
  const column = table.columns.find((c) => c.role.kind === "name")?.column;
  if (column === undefined) return [];
  const px = table.schools.reduce((w, s) => Math.max(w, textWidthPx(s.name, DEFAULT_FONT.size)), 0);
  return [{ column, width: Math.min(MAX_NAMES_WIDTH, Math.ceil((px + 12) / DIGIT_PX)) }];
}

/** What the report says it wrote, in Russian: the same lines from the command and the page. */
export function planLines(plan: Pick<ReportPlan, "analysis" | "documents">, sheetNames: string[]): string[] {
  const { summary } = plan.analysis;
  return [
    `Листы: ${sheetNames.map((n) => `«${n}»`).join(", ")}.`,
    `ШНОР: ${summary.shnor} из ${summary.schools}; в зоне риска: ${summary.risk}. Учебный год дорожной карты: ${schoolYearText(plan.documents.settings.schoolYear)}.`,
    ...plan.documents.notes,
  ];
}

/** Every sheet's name in tab order. */
export function plannedNames(sheets: PlannedSheet[]): string[] {
  return sheets.map((s) => (s.kind === "copy" ? s.name : s.spec.name));
}
