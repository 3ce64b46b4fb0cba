/**
 * The report workbook that `shnor report` writes and the web page offers as
 * «Скачать отчёт»: the results sheet copied from the user's book (values,
 * formats, widths, merges) with the status columns and conditional formats,
 * and the generated documents. One code path for both: it takes exceljs
 * objects and never touches files, so it runs in Node and in a browser worker.
 */
import ExcelJS from "exceljs";
import { Analysis, markSpec, ResultsTable, schoolYearText } from "../core";
import { buildDocuments, Documents, DocumentSettingsInput } from "../core/documents";
import { copyWorksheet } from "./copy-sheet";
import { writeMarks, writeSheetSpec } from "./sheet-writer";

export interface ReportInput {
  /** The sheets of the user's books that hold the table, in order (one for a wide or long table). */
  sources: ExcelJS.Worksheet[];
  table: ResultsTable;
  analysis: Analysis;
  documents: DocumentSettingsInput;
}

export interface ReportBook {
  book: ExcelJS.Workbook;
  /** Every sheet of the new book in tab order. */
  sheets: string[];
  documents: Documents;
  /** Whether a chart was left out (exceljs cannot draw one; the add-in does). */
  chartsLeftOut: boolean;
}

/** A name not yet taken (case-insensitively), at most 31 characters as Excel allows. */
function freeName(wanted: string, taken: Set<string>): string {
  let name = wanted.slice(0, 31);
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = `${wanted.slice(0, 31 - suffix.length)}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** Copies the user's sheets into the new book (values, styles, widths, merges), under free names. */
export function copySheets(book: ExcelJS.Workbook, sources: ExcelJS.Worksheet[]): ExcelJS.Worksheet[] {
  const taken = new Set(book.worksheets.map((w) => w.name.toLowerCase()));
  return sources.map((ws) => {
    const copy = book.addWorksheet(freeName(ws.name, taken));
    copyWorksheet(ws, copy);
    return copy;
  });
}

export interface FinishInput {
  book: ExcelJS.Workbook;
  /** The results sheets already in `book`: the user's copied sheets, or the joined table written out. */
  results: ExcelJS.Worksheet[];
  table: ResultsTable;
  analysis: Analysis;
  documents: DocumentSettingsInput;
  /** Names the documents must not take. */
  existingSheetNames: string[];
}

/** Marks the results sheet and adds the documents: the part of the report the command and the page share. */
export function finishReport({ book, results: sheets, table, analysis, documents: settings, existingSheetNames }: FinishInput): ReportBook {
  // ФИС ОКО puts one procedure on a sheet (and several books make several sheets):
  // statuses then go to a list of their own instead of columns on one results sheet.
  let results: { sheetName: string; marks: ReturnType<typeof markSpec> } | null = null;
  if ((table.layout === "wide" || table.layout === "long") && sheets.length === 1) {
    const marks = markSpec(table, analysis);
    writeMarks(sheets[0], marks);
    results = { sheetName: sheets[0].name, marks };
  }
  const documents = buildDocuments({ table, analysis, settings, results, existingSheetNames });
  for (const spec of documents.sheets) writeSheetSpec(book, spec);
  // No cached results are written, and this asks programs to compute everything on opening.
  book.calcProperties = { fullCalcOnLoad: true };
  return {
    book,
    sheets: book.worksheets.map((w) => w.name),
    documents,
    chartsLeftOut: documents.sheets.some((s) => s.charts.length > 0),
  };
}

/** The whole report from the user's sheets (the page's case: one or more .xlsx books). */
export function assembleReport({ sources, table, analysis, documents }: ReportInput): ReportBook {
  const book = new ExcelJS.Workbook();
  book.creator = "ШНОР-монитор";
  const results = copySheets(book, sources);
  return finishReport({ book, results, table, analysis, documents, existingSheetNames: results.map((w) => w.name) });
}

/** What the report says it did, in Russian: the same lines from the command and the page. */
export function reportLines(report: ReportBook, analysis: Analysis): string[] {
  const { summary } = analysis;
  const year = report.documents.settings.schoolYear;
  const lines = [
    `Листы: ${report.sheets.map((n) => `«${n}»`).join(", ")}.`,
    `ШНОР: ${summary.shnor} из ${summary.schools}; в зоне риска: ${summary.risk}. Учебный год дорожной карты: ${schoolYearText(year)}.`,
    ...report.documents.notes,
  ];
  if (report.chartsLeftOut) lines.push("Диаграмма «Аналитической справки» не построена (её строит надстройка); на её месте — пояснение.");
  return lines;
}
