/**
 * Copies a sheet of the user's book into the report book: values (a formula
 * gives its cached result), cell styles with number formats, column widths,
 * row heights, hidden rows and columns, merges and frozen panes, and the print
 * the report gives it (A4, its header rows and names column repeated).
 * Formulas are not copied: the report is a snapshot that must not point back
 * into a book it does not contain. The user's sheet streams from src/io row by
 * row into exceljs: its streaming writer (the command), so a region's sheet is
 * never held whole, or its in-memory workbook (the page), by the same code.
 */
import { escapeOoxml } from "../io/formats";
import ExcelJS from "exceljs";
import { cellText, DEFAULT_FONT, MergeArea, pagePrint, PrintSpec } from "../core";
import type { CopyRow, SheetLayout, StyledSheet } from "../io/types";
import { addRowBreaks, pageSetup } from "./sheet-writer";

// The streaming writer's merges are written at the end; they are only known once the rows have been read.
const Range = require("exceljs/lib/doc/range") as new (top: number, left: number, bottom: number, right: number) => object;

export interface RowHook {
  /** Called once, before any row is written (a streaming sheet takes widths and formats first). */
  before?(target: ExcelJS.Worksheet): void;
  /** Called on each row before it is committed. */
  row(target: ExcelJS.Row): void;
  /** The last 0-based row the hook writes to. */
  lastRow: number;
  /** Whether the hook has something for a row the source does not have. */
  marks?(row: number): boolean;
  /** The widths the hook gives its columns, by 0-based column. */
  widths?: number[];
}

/** Merges that overlap one already taken are left out (the first stays), as Excel would refuse the book. */
function separateMerges(merges: MergeArea[]): MergeArea[] {
  const byRow = new Map<number, MergeArea[]>();
  const out: MergeArea[] = [];
  for (const m of merges) {
    if (m.top === m.bottom && m.left === m.right) continue;
    let free = true;
    for (let r = m.top; r <= m.bottom && free; r++)
      for (const o of byRow.get(r) ?? []) if (o.left <= m.right && m.left <= o.right) free = false;
    if (!free) continue;
    for (let r = m.top; r <= m.bottom; r++) {
      const list = byRow.get(r);
      if (list) list.push(m);
      else byRow.set(r, [m]);
    }
    out.push(m);
  }
  return out;
}

/**
 * A row of a streaming sheet. exceljs keeps the uncommitted rows in a list from
 * the last committed one and, on a commit, shifts it one place a row: a row far
 * below (a stray cell at row 1 048 576) would cost a million shifts of a
 * million-slot list. When nothing is pending, the list starts at the new row.
 */
function rowAt(ws: ExcelJS.Worksheet, n: number): ExcelJS.Row {
  const pending = ws as unknown as { _rows?: unknown[]; _rowZero?: number };
  if (pending._rows?.length === 0 && pending._rowZero !== undefined && n > pending._rowZero) pending._rowZero = n;
  return ws.getRow(n);
}

/** A streaming worksheet keeps its merges in a list (an ordinary one in a map by master cell). */
const streaming = (ws: ExcelJS.Worksheet) => Array.isArray((ws as unknown as { _merges: unknown })._merges);

/**
 * Commits a row. The streaming writer leaves out a row none of whose cells holds a value (unless it has
 * a height): a row of empty cells with a look of their own (a fill, borders, the empty master of a merged
 * header) would lose it, and a hidden empty row would show. Such a row is marked as having values; the
 * writer still writes only its styled cells.
 */
export function commitRow(row: ExcelJS.Row): void {
  if (!row.hasValues && (row.hidden || hasLook(row))) {
    Object.defineProperty(row, "hasValues", { value: true });
    // A row with no cells and no height has no model to write.
    if (row.cellCount === 0) row.getCell(1);
  }
  row.commit();
}

function hasLook(row: ExcelJS.Row): boolean {
  let styled = false;
  row.eachCell({ includeEmpty: true }, (cell) => {
    if (!styled && Object.keys(cell.style ?? {}).length > 0) styled = true;
  });
  return styled;
}

/**
 * Where the copy's rows are made and committed: exceljs's rows (the page's book, and the reference),
 * or rows of plain cells with the same few members, written as SpreadsheetML directly (the command's,
 * stream-book.ts). The copy and the marks set each row through these members only.
 */
export interface CopyRows {
  row(ws: ExcelJS.Worksheet, n: number): ExcelJS.Row;
  commit(row: ExcelJS.Row): void;
  /** Called once the last row is committed, before the merges. */
  finish?(): void;
}

const EXCELJS_ROWS: CopyRows = { row: rowAt, commit: commitRow };

/** Rows copied between two waits for the zip. */
const PAUSE_ROWS = 500;

/** The widest a copied sheet's columns are counted for its print (a range to the sheet's end would count thousands). */
const LAST_COLUMN = 1023;

/** The last column a layout range counts to: a range to the sheet's end (as some programs write) would make thousands of columns. */
const lastCounted = (column: SheetLayout["columns"][number]) => Math.min(column.last, Math.max(column.first, LAST_COLUMN));

/** The copy's column widths, and the columns widened for their texts (the user's book is left as it is). */
function copyWidths(layout: SheetLayout, minWidths: { column: number; width: number }[], hook?: RowHook) {
  const widths: number[] = [];
  for (const column of layout.columns) {
    const last = lastCounted(column);
    for (let c = column.first; c <= last; c++) if (column.width !== undefined && !column.hidden) widths[c] = column.width;
  }
  const widened = new Map<number, number>();
  for (const { column, width } of minWidths)
    if (!layout.columns.some((c) => c.hidden && c.first <= column && column <= c.last) && (widths[column] ?? 8.43) < width) {
      widths[column] = width;
      widened.set(column, width);
    }
  hook?.widths?.forEach((w, c) => (widths[c] = w));
  return { widths, widened };
}

/** The new sheet's frozen panes and print setup, scaled for the book's default font. */
function sheetOptions(source: StyledSheet, layout: SheetLayout, widths: number[], print?: PrintSpec): Partial<ExcelJS.AddWorksheetOptions> {
  const frozen = layout.frozen;
  const options: Partial<ExcelJS.AddWorksheetOptions> = frozen
    ? { views: [{ state: "frozen", xSplit: frozen.columns, ySplit: frozen.rows }] }
    : {};
  if (print) {
    const font = (source.style(0).font as { size?: number } | undefined)?.size ?? DEFAULT_FONT.size;
    options.pageSetup = pageSetup(pagePrint(print, widths, widths.length, font));
  }
  return options;
}

/** The source's column widths and hidden columns, then the widened ones. */
function copyColumns(ws: ExcelJS.Worksheet, layout: SheetLayout, widened: Map<number, number>): void {
  for (const column of layout.columns) {
    const last = lastCounted(column);
    for (let c = column.first; c <= last; c++) {
      const to = ws.getColumn(c + 1);
      if (column.width !== undefined) to.width = column.width;
      if (column.hidden) to.hidden = true;
    }
  }
  for (const [column, width] of widened) ws.getColumn(column + 1).width = width;
}

/** One source row's height, hidden state, values and styles into the copy's row. */
function copyRow(to: ExcelJS.Row, row: CopyRow, source: StyledSheet, plainDefault: boolean): void {
  if (row.height !== undefined) to.height = row.height;
  if (row.hidden) to.hidden = true;
  for (const cell of row.cells) {
    const copy = to.getCell(cell.column + 1);
    // Text exactly as read (control characters and a written «_x0041_» escaped as Excel writes them), within
    // Excel's cell limit: another program's longer cell is cut and says so, or Excel would refuse the report.
    if (cell.value !== null)
      copy.value = (typeof cell.value === "string" ? escapeOoxml(cellText(cell.value)) : cell.value) as ExcelJS.CellValue;
    if (cell.style !== 0 || !plainDefault) copy.style = source.style(cell.style) as Partial<ExcelJS.Style>;
  }
}

/** The source's merges, those that overlap one already taken left out. */
function addMerges(ws: ExcelJS.Worksheet, source: StyledSheet): void {
  const merges = separateMerges(source.merges());
  if (streaming(ws)) {
    const list = (ws as unknown as { _merges: object[] })._merges;
    for (const m of merges) list.push(new Range(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1));
  } else for (const m of merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
}

/**
 * Streams `source` into a new sheet, row by row; `hook` (the marks) adds its
 * cells to each row before the row is committed. The sheet is created by
 * `create` when the first row arrives: its frozen panes, print setup and
 * widths come before the rows in the file, and the streaming writer wants
 * them first. The print is scaled for the book's default font, which the
 * copy's cells mostly have (the other fonts are known only once every row is read).
 */
export async function copyStyledSheet(
  create: (options: Partial<ExcelJS.AddWorksheetOptions>) => ExcelJS.Worksheet,
  source: StyledSheet,
  hook?: RowHook,
  print?: PrintSpec,
  minWidths: { column: number; width: number }[] = [],
  pause?: (ws: ExcelJS.Worksheet) => Promise<void>,
  rowsOf: (ws: ExcelJS.Worksheet) => CopyRows = () => EXCELJS_ROWS,
): Promise<ExcelJS.Worksheet> {
  const sourceRows = source.rows()[Symbol.asyncIterator]();
  let next = await sourceRows.next();
  const layout = source.layout();
  // A book whose default look is not plain (another font) gives it to unstyled cells too.
  const plainDefault = Object.keys(source.style(0)).length === 0;
  const { widths, widened } = copyWidths(layout, minWidths, hook);
  const ws = create(sheetOptions(source, layout, widths, print));
  copyColumns(ws, layout, widened);
  if (print) addRowBreaks(ws, print.breaks);
  hook?.before?.(ws);
  const target = rowsOf(ws);
  let written = -1;
  let copied = 0;
  const hookRows = (until: number) => {
    if (!hook) return;
    for (let r = written + 1; r < until && r <= hook.lastRow; r++) {
      if (hook.marks && !hook.marks(r)) continue;
      const row = target.row(ws, r + 1);
      hook.row(row);
      target.commit(row);
    }
  };
  for (; !next.done; next = await sourceRows.next()) {
    const row = next.value;
    // Rows out of order (a damaged file) cannot go back into rows already committed.
    if (row.index <= written) continue;
    hookRows(row.index);
    const to = target.row(ws, row.index + 1);
    copyRow(to, row, source, plainDefault);
    hook?.row(to);
    target.commit(to);
    written = row.index;
    // A streaming sheet waits now and then for the zip to take what was written (see stream-book.ts).
    if (pause && ++copied % PAUSE_ROWS === 0) await pause(ws);
  }
  hookRows(Number.MAX_SAFE_INTEGER);
  target.finish?.();
  addMerges(ws, source);
  return ws;
}
