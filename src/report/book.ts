/**
 * The report workbook that `shnor report` writes and the web page offers as
 * «Скачать отчёт»: the results sheet copied from the user's book (values,
 * formats, widths, merges) with the status columns and conditional formats,
 * and the generated documents. One code path for both: it takes exceljs
 * objects and never touches files, so it runs in Node and in a browser worker.
 */
import ExcelJS from "exceljs";
import { Analysis, markSpec, ResultsTable } from "../core";
import { buildDocuments, Documents, DocumentSettingsInput } from "../core/documents";
import { copyWorksheet } from "../cli/copy-sheet";
import { writeMarks, writeSheetSpec } from "../cli/sheet-writer";

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

export function assembleReport({ sources, table, analysis, documents: settings }: ReportInput): ReportBook {
  const book = new ExcelJS.Workbook();
  book.creator = "ШНОР-монитор";
  const taken = new Set<string>();
  const copied: ExcelJS.Worksheet[] = [];
  for (const ws of sources) {
    const copy = book.addWorksheet(freeName(ws.name, taken));
    copyWorksheet(ws, copy);
    copied.push(copy);
  }
  // ФИС ОКО puts one procedure on a sheet (and several books make several sheets):
  // statuses then go to a list of their own instead of columns on one results sheet.
  let results: { sheetName: string; marks: ReturnType<typeof markSpec> } | null = null;
  if (table.layout !== "fisoko" && copied.length === 1) {
    const marks = markSpec(table, analysis);
    writeMarks(copied[0], marks);
    results = { sheetName: copied[0].name, marks };
  }
  const documents = buildDocuments({ table, analysis, settings, results, existingSheetNames: copied.map((w) => w.name) });
  for (const spec of documents.sheets) writeSheetSpec(book, spec);
  // No cached results are written, and this asks programs to compute everything on opening.
  book.calcProperties = { fullCalcOnLoad: true };
  return {
    book,
    sheets: [...copied.map((w) => w.name), ...documents.sheets.map((s) => s.name)],
    documents,
    chartsLeftOut: documents.sheets.some((s) => s.charts.length > 0),
  };
}

/** What the report says it did, in Russian: the same lines from the command and the page. */
export function reportLines(report: ReportBook, analysis: Analysis): string[] {
  const { summary } = analysis;
  const year = report.documents.settings.schoolYear;
  const lines = [
    `Листы: ${report.sheets.map((n) => `«${n}»`).join(", ")}.`,
    `ШНОР: ${summary.shnor} из ${summary.schools}; в зоне риска: ${summary.risk}. Учебный год дорожной карты: ${year}/${year + 1}.`,
    ...report.documents.notes,
  ];
  if (report.chartsLeftOut) lines.push("Диаграмма «Аналитической справки» не построена (её строит надстройка); на её месте — пояснение.");
  return lines;
}
