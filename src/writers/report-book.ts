/**
 * The report workbook that `shnor report` writes and the web page offers as
 * «Скачать отчёт», rendered from its one description (core's planReport):
 * sheet by sheet, in the plan's order, into a sink. The command's sink is
 * exceljs's streaming writer (stream-book.ts, Node only), the page's an
 * in-memory workbook (below); both render a sheet with the same code, so the
 * two books are equal cell for cell. A sink may render some sheets another
 * way (a sheet written as SpreadsheetML directly) without the plan knowing.
 */
import ExcelJS from "exceljs";
import { planLines, plannedNames, type PlannedSheet, type ReportPlan, type SheetSpec } from "../core";
import { openBook } from "../io/open";
import { styledSheet } from "../io/styled";
import type { ByteSource, StyledSheet } from "../io/types";
import { copyStyledSheet, type CopyRows } from "./copy-sheet";
import { CAPABILITIES, marksWriter, prepareSheet, renderRows } from "./sheet-writer";

/** The user's sheet copied into the report, as the plan gives it. */
export type CopiedSheet = Extract<PlannedSheet, { kind: "copy" }>;

/** Where the report's sheets go, one at a time, in order. */
export interface ReportSink {
  /** The user's sheet, streamed from its file, the marks added to its rows. */
  copy(sheet: CopiedSheet, source: StyledSheet): Promise<void>;
  /** A sheet the report describes whole. */
  spec(spec: SheetSpec): Promise<void>;
}

/** Opens the user's sheet of that name for copying; `close` lets its file go. */
export type SheetOpener = (name: string) => Promise<{ sheet: StyledSheet; close(): Promise<void> }>;

/** The sheet `name` of the book in `source`, with its look; the book's earlier sheets are passed over unread. */
export function sheetOpener(open: () => Promise<ByteSource> | ByteSource): SheetOpener {
  return async (name) => {
    const source = await open();
    const close = async () => void (await source.close?.());
    try {
      for await (const sheet of (await openBook(source)).sheets()) if (sheet.name === name) return { sheet: styledSheet(sheet), close };
    } catch (e) {
      await close();
      throw e;
    }
    await close();
    throw new Error(`sheet «${name}» is not in the book any more`);
  };
}

/**
 * Renders the plan into the sink. Each sheet's description is let go once
 * written (a region's «Динамика» alone holds hundreds of megabytes).
 */
export async function writeReportBook(sheets: PlannedSheet[], sink: ReportSink, open: SheetOpener): Promise<void> {
  for (let sheet = sheets.shift(); sheet; sheet = sheets.shift()) {
    if (sheet.kind === "spec") await sink.spec(sheet.spec);
    else {
      const source = await open(sheet.name);
      try {
        await sink.copy(sheet, source.sheet);
      } finally {
        await source.close();
      }
    }
  }
}

/** A copy's marks as a row hook, and the print the plan asks for it. */
export async function copyInto(
  create: (options: Partial<ExcelJS.AddWorksheetOptions>) => ExcelJS.Worksheet,
  sheet: CopiedSheet,
  source: StyledSheet,
  pause?: (ws: ExcelJS.Worksheet) => Promise<void>,
  rows?: (ws: ExcelJS.Worksheet) => CopyRows,
) {
  return copyStyledSheet(create, source, marksWriter(sheet.marks), sheet.print, sheet.minWidths, pause, rows);
}

/** The page's sink: an ordinary exceljs workbook, held in memory and written out once. */
export function memorySink(book: ExcelJS.Workbook): ReportSink {
  return {
    async copy(sheet, source) {
      await copyInto((options) => book.addWorksheet(sheet.name, options), sheet, source);
    },
    async spec(spec) {
      const prepared = prepareSheet(spec);
      const ws = book.addWorksheet(spec.name, prepared.options);
      for (const _ of renderRows(ws, prepared)) void _;
    },
  };
}

/** A new in-memory report book: formulas are written without results, and programs compute them all on opening. */
export function memoryBook(): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = "ШНОР-монитор";
  book.calcProperties = { fullCalcOnLoad: true };
  return book;
}

/** What the report book holds, in Russian, said before it is written (writing lets the plan's sheets go). */
export function reportBookLines(plan: ReportPlan): string[] {
  const lines = planLines(plan, plannedNames(plan.sheets));
  const charted = plan.documents.sheets.filter((s) => s.charts.length > 0).map((s) => `«${s.name}»`);
  if (!CAPABILITIES.charts && charted.length > 0)
    lines.push(`Диаграммы на листах ${charted.join(", ")} в книге не построены (их строит надстройка): на их месте — пояснение.`);
  return lines;
}
