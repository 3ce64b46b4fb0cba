/**
 * The streaming side of the exceljs writer, for the command only: it reaches
 * into exceljs's Node build (its workbook part writer), which the browser
 * bundle of the page must not pull in.
 */
import ExcelJS from "exceljs";
import type { StyledSheet } from "../io/types";
import { copyRowsAsXml } from "./copy-xml";
import { type CopiedSheet, copyInto, ReportSink } from "./report-book";
import { beforeRows, PreparedSheet, prepareSheet, renderRows, rowsOf } from "./sheet-writer";
import { SheetXmlWriter } from "./sheet-xml";

// exceljs's streaming writer hard-codes empty calculation properties; its own workbook part writer is reused with ours.
const WorkbookXform = require("exceljs/lib/xlsx/xform/book/workbook-xform") as new () => {
  prepare(model: unknown): void;
  toXml(model: unknown): string;
};

/**
 * Formulas are written without cached results; this asks every program to compute
 * them all on opening (calcPr fullCalcOnLoad), which the streaming writer cannot say itself.
 */
export function computeOnOpening(wb: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const writer = wb as unknown as {
    _worksheets: unknown[];
    _definedNames: { model: unknown };
    views: unknown[];
    zip: { append(data: string, options: { name: string }): void };
    addWorkbook(): Promise<void>;
  };
  writer.addWorkbook = async () => {
    const model = {
      worksheets: writer._worksheets.filter(Boolean),
      definedNames: writer._definedNames.model,
      views: writer.views,
      properties: {},
      calcProperties: { fullCalcOnLoad: true },
    };
    const xform = new WorkbookXform();
    xform.prepare(model);
    writer.zip.append(xform.toXml(model), { name: "/xl/workbook.xml" });
  };
}

/** A streaming workbook's worksheet, typed as the subset both kinds share. */
export function addStreamSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  options: Partial<ExcelJS.AddWorksheetOptions> = {},
): ExcelJS.Worksheet {
  return wb.addWorksheet(name, options) as unknown as ExcelJS.Worksheet;
}

/**
 * Renders a described sheet into a streaming worksheet, its rows written as
 * SpreadsheetML directly (sheet-xml.ts: the same bytes as exceljs's rendering,
 * without a Row and a Cell object a cell), every few hundred kilobytes waiting
 * until the zip has taken what was written. Rendering outruns the compressor,
 * and without the wait a region's sheet would queue whole in memory as XML in
 * front of it.
 */
export async function streamSheetSpec(ws: ExcelJS.Worksheet, prepared: PreparedSheet): Promise<void> {
  const { spec, fit } = prepared;
  beforeRows(ws, prepared);
  const writer = new SheetXmlWriter(ws, spec.merges);
  for (const { row, cells } of rowsOf(spec, true)) {
    writer.mergeUpTo(row);
    writer.row(row, cells, fit.rowHeights.get(row));
    if (writer.pendingBytes >= WRITE_BYTES) {
      writer.flush();
      await zipCaughtUp(ws);
    }
  }
  writer.finish();
}

/** The same sheet rendered by exceljs's own row and cell objects (renderRows): what sheet-xml.ts is held equal to. */
export async function streamSheetSpecWithExcelJs(ws: ExcelJS.Worksheet, prepared: PreparedSheet): Promise<void> {
  let rows = 0;
  for (const _ of renderRows(ws, prepared)) {
    void _;
    if (++rows % PAUSE_ROWS === 0) {
      forgetFormulas(ws);
      await zipCaughtUp(ws);
    }
  }
  forgetFormulas(ws);
}

/**
 * exceljs's streaming sheet keeps every written formula cell (its model, by address) for the
 * rest of the sheet, in case a later cell shares its formula. A described sheet shares none, and
 * a region's «Динамика» writes two formulas a row for a million rows: that list was most of the
 * report's memory. It is emptied as the rows go (the user's own sheets, which may share formulas,
 * are copied elsewhere and keep it).
 */
function forgetFormulas(ws: ExcelJS.Worksheet): void {
  const writer = ws as unknown as { _formulae?: Record<string, unknown> };
  if (writer._formulae && typeof writer._formulae === "object") writer._formulae = {};
}

const PAUSE_ROWS = 2000;
/** Rows are handed to the zip in pieces of about this many bytes. */
const WRITE_BYTES = 256 * 1024;
/** What may wait in front of the compressor. */
const QUEUED_BYTES = 4 * 1024 * 1024;

/**
 * exceljs pipes a streaming sheet into the zip (archiver) without heeding
 * backpressure, so the queue is read where the two libraries keep it. If their
 * insides change, this only yields once, as an ordinary pause would.
 */
async function zipCaughtUp(ws: ExcelJS.Worksheet): Promise<void> {
  type Queue = { _writableState?: { length: number }; _readableState?: { length: number } };
  const zipEntry = (ws as unknown as { stream?: { pipes?: Queue[] } }).stream?.pipes?.[0];
  const queued = () => (zipEntry?._writableState?.length ?? 0) + (zipEntry?._readableState?.length ?? 0);
  do await new Promise<void>((resolve) => setTimeout(resolve, 1));
  while (queued() > QUEUED_BYTES);
}

/**
 * The user's sheet copied into a streaming worksheet, its rows written as SpreadsheetML directly
 * (copy-xml.ts: the same bytes as exceljs's rows), every few hundred rows waiting for the zip.
 */
export async function streamCopy(
  create: (options: Partial<ExcelJS.AddWorksheetOptions>) => ExcelJS.Worksheet,
  sheet: CopiedSheet,
  source: StyledSheet,
): Promise<ExcelJS.Worksheet> {
  let rows: ReturnType<typeof copyRowsAsXml> | undefined;
  const pause = async (ws: ExcelJS.Worksheet) => {
    rows?.flush();
    await zipCaughtUp(ws);
  };
  return copyInto(create, sheet, source, pause, (ws) => (rows = copyRowsAsXml(ws)));
}

/** The command's sink: exceljs's streaming writer, each sheet committed (and freed) once written. */
export function streamingSink(book: ExcelJS.stream.xlsx.WorkbookWriter): ReportSink {
  const commit = (ws: ExcelJS.Worksheet) => (ws as unknown as { commit(): void }).commit();
  return {
    async copy(sheet, source) {
      commit(await streamCopy((options) => addStreamSheet(book, sheet.name, options), sheet, source));
    },
    async spec(spec) {
      const prepared = prepareSheet(spec);
      const ws = addStreamSheet(book, spec.name, prepared.options);
      await streamSheetSpec(ws, prepared);
      commit(ws);
    },
  };
}
