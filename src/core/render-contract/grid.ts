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
  if (width > 0 && grid.values.length > 0)
    spec.blocks.push({
      row: 0,
      column: 0,
      values: grid.values.map((row) => Array.from({ length: width }, (_, c) => specValue(row[c]))),
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
