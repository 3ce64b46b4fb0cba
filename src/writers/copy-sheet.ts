/**
 * Copies a sheet of the user's book into the report book: values (a formula
 * gives its cached result), cell styles with number formats, column widths,
 * row heights, hidden rows and columns, merges and frozen panes. Formulas are
 * not copied: the report is a snapshot that must not point back into a book it
 * does not contain. The user's sheet streams from src/io into exceljs's
 * streaming writer row by row, so a region's sheet is never held whole.
 */
import ExcelJS from "exceljs";
import type { MergeArea } from "../core";
import type { StyledSheet } from "../io/types";

// The streaming writer's merges are written at the end; they are only known once the rows have been read.
const Range = require("exceljs/lib/doc/range") as new (top: number, left: number, bottom: number, right: number) => object;

function plainValue(value: ExcelJS.CellValue): ExcelJS.CellValue {
  if (value && typeof value === "object" && !(value instanceof Date)) {
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      return result === undefined ? null : plainValue(result as ExcelJS.CellValue);
    }
  }
  return value;
}

/** The frozen panes of the source: a streaming worksheet takes them when it is created. */
export function copyOptions(source: ExcelJS.Worksheet): Partial<ExcelJS.AddWorksheetOptions> {
  const frozen = source.views?.find((v) => v.state === "frozen");
  return frozen ? { views: [{ ...frozen }] } : {};
}

export interface RowHook {
  /** Called once, before any row is written (a streaming sheet takes widths and formats first). */
  before?(target: ExcelJS.Worksheet): void;
  /** Called on each row before it is committed. */
  row(target: ExcelJS.Row): void;
  /** The last 0-based row the hook writes to. */
  lastRow: number;
  /** Whether the hook has something for a row the source does not have. */
  marks?(row: number): boolean;
}

/**
 * Rows are written in order and each committed, so the target may be a
 * streaming worksheet; `hook` adds cells (the marks) to a row before that.
 */
export function copyWorksheet(source: ExcelJS.Worksheet, target: ExcelJS.Worksheet, hook?: RowHook): void {
  source.columns?.forEach((column, i) => {
    const to = target.getColumn(i + 1);
    if (column.width !== undefined) to.width = column.width;
    if (column.hidden) to.hidden = true;
  });
  hook?.before?.(target);
  // The merges themselves: worksheet.model would build a model of every row first.
  const merges = Object.values((source as unknown as { _merges: Record<string, { tl: string; br: string }> })._merges);
  for (const m of merges) target.mergeCells(`${m.tl}:${m.br}`);
  // exceljs shares style objects between cells; each copy gets its own, one per distinct source style.
  const styles = new Map<unknown, Partial<ExcelJS.Style>>();
  const styleOf = (style: Partial<ExcelJS.Style> | undefined) => {
    const key = style ?? null;
    let copy = styles.get(key);
    if (!copy) styles.set(key, (copy = JSON.parse(JSON.stringify(style ?? {})) as Partial<ExcelJS.Style>));
    return copy;
  };
  const last = Math.max(source.rowCount, hook ? hook.lastRow + 1 : 0);
  for (let r = 1; r <= last; r++) {
    const row = source.findRow(r);
    const to = target.getRow(r);
    if (row) {
      if (row.height !== undefined) to.height = row.height;
      if (row.hidden) to.hidden = true;
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const copy = to.getCell(c);
        const value = plainValue(cell.value);
        if (value !== null && value !== undefined) copy.value = value;
        copy.style = styleOf(cell.style);
      });
    }
    hook?.row(to);
    to.commit();
  }
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
 * Streams `source` into a new sheet `name` of the streaming book, row by row;
 * `hook` (the marks) adds its cells to each row before the row is committed.
 * The sheet is created when the first row arrives: its frozen panes and widths
 * come before the rows in the file, and the streaming writer wants them first.
 */
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

export async function streamCopy(
  book: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  source: StyledSheet,
  hook?: RowHook,
): Promise<void> {
  const rows = source.rows()[Symbol.asyncIterator]();
  let next = await rows.next();
  const layout = source.layout();
  const frozen = layout.frozen;
  // A book whose default look is not plain (another font) gives it to unstyled cells too.
  const plainDefault = Object.keys(source.style(0)).length === 0;
  // Typed as the subset both kinds of worksheet share (stream-book.ts is Node-only: the page bundles this file).
  const ws = book.addWorksheet(
    name,
    frozen ? { views: [{ state: "frozen", xSplit: frozen.columns, ySplit: frozen.rows }] } : {},
  ) as unknown as ExcelJS.Worksheet;
  for (const column of layout.columns) {
    // A range to the sheet's end (as some programs write) would make thousands of columns of one width.
    const last = Math.min(column.last, Math.max(column.first, 1023));
    for (let c = column.first; c <= last; c++) {
      const to = ws.getColumn(c + 1);
      if (column.width !== undefined) to.width = column.width;
      if (column.hidden) to.hidden = true;
    }
  }
  hook?.before?.(ws);
  let written = -1;
  const hookRows = (until: number) => {
    if (!hook) return;
    for (let r = written + 1; r < until && r <= hook.lastRow; r++) {
      if (hook.marks && !hook.marks(r)) continue;
      const row = rowAt(ws, r + 1);
      hook.row(row);
      row.commit();
    }
  };
  for (; !next.done; next = await rows.next()) {
    const row = next.value;
    // Rows out of order (a damaged file) cannot go back into rows already committed.
    if (row.index <= written) continue;
    hookRows(row.index);
    const to = rowAt(ws, row.index + 1);
    if (row.height !== undefined) to.height = row.height;
    if (row.hidden) to.hidden = true;
    for (const cell of row.cells) {
      const copy = to.getCell(cell.column + 1);
      if (cell.value !== null) copy.value = cell.value as ExcelJS.CellValue;
      if (cell.style !== 0 || !plainDefault) copy.style = source.style(cell.style) as Partial<ExcelJS.Style>;
    }
    hook?.row(to);
    to.commit();
    written = row.index;
  }
  hookRows(Number.MAX_SAFE_INTEGER);
  const merges = (ws as unknown as { _merges: object[] })._merges;
  for (const m of separateMerges(source.merges())) merges.push(new Range(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1));
  (ws as unknown as { commit(): void }).commit();
}
