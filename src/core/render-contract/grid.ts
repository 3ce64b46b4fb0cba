/**
 * A grid of cell values (as the engine reads them and as core lays out the
 * joined table) as a SheetSpec, so the add-in's one sheet writer writes it:
 * one rectangular block (one 2-D write per chunk), its merges, bold header rows.
 */
import type { Cell, SheetGrid } from "../cells";
import { emptySheet, SheetSpec, SpecValue, text } from "./sheet";

export interface GridSpecOptions {
  /** 0-based rows shown as headers (bold, centred, wrapped). */
  headerRows?: number[];
  columnWidths?: number[];
  freezeRows?: number;
  freezeColumns?: number;
  /**
   * The rows from this one on are a lazy block: their values are made for a writer as it reaches
   * them, not held (a region's «Свод» is millions of cells).
   */
  lazyFrom?: number;
  /** With `lazyFrom`: the only columns where those rows may hold text (fitSheet measures no other). */
  textColumns?: readonly number[];
}

function specValue(cell: Cell): SpecValue {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "number") return Number.isFinite(cell) ? { number: cell } : null;
  if (typeof cell === "boolean") return { bool: cell };
  return cell === "" ? null : text(cell);
}

export function gridSpec(grid: SheetGrid, name: string, kind: string, options: GridSpecOptions = {}): SheetSpec {
  const spec = emptySheet(name, kind);
  const width = grid.values.reduce((w, row) => Math.max(w, row.length), 0);
  const rowOf = (row: Cell[]) => Array.from({ length: width }, (_, c) => specValue(row[c]));
  const lazyFrom = Math.min(options.lazyFrom ?? grid.values.length, grid.values.length);
  if (width > 0 && lazyFrom > 0) spec.blocks.push({ row: 0, column: 0, values: grid.values.slice(0, lazyFrom).map(rowOf) });
  if (width > 0 && lazyFrom < grid.values.length)
    spec.blocks.push({
      row: lazyFrom,
      column: 0,
      rowCount: grid.values.length - lazyFrom,
      columns: width,
      rowAt: (i) => rowOf(grid.values[lazyFrom + i]),
      valueAt: (i, j) => specValue(grid.values[lazyFrom + i][j]),
      ...(options.textColumns ? { textColumns: options.textColumns } : {}),
    });
  for (const m of grid.merges ?? [])
    spec.merges.push({ row: m.top, column: m.left, rows: m.bottom - m.top + 1, columns: m.right - m.left + 1 });
  for (const row of options.headerRows ?? [])
    if (width > 0) spec.styles.push({ row, column: 0, rows: 1, columns: width, style: "header", align: "center", wrap: true });
  spec.columnWidths = options.columnWidths ?? [];
  if (options.freezeRows) spec.freezeRows = options.freezeRows;
  if (options.freezeColumns) spec.freezeColumns = options.freezeColumns;
  return spec;
}
