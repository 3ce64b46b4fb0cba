/**
 * Tables that stand side by side on one sheet (a ВПР table, an empty column,
 * then an ОГЭ table with its own «№ | Название ОО») are two tables: read as
 * one, the second table's results would be lent to the first table's schools
 * row by row. A sheet is split at columns that are empty in every row looked
 * at, and only when each part on its own is a table with its own names.
 */
import { Cell, isBlank, MergeArea, SheetGrid } from "../cells";
import { detectTable, DETECT_ROWS } from "./detect";
import { TableShape } from "./model";

/** A table found on a sheet, with the columns of the grid (0-based, inclusive) its rows are taken from. */
export interface PlacedShape {
  shape: TableShape;
  left: number;
  right: number;
}

/** Runs of columns that hold something in the rows looked at, split by empty columns. */
function occupiedRuns(rows: Cell[][]): { left: number; right: number }[] {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const occupied = new Uint8Array(width);
  for (const row of rows) for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) occupied[c] = 1;
  const runs: { left: number; right: number }[] = [];
  for (let c = 0; c < width; c++) {
    if (!occupied[c]) continue;
    const left = c;
    while (c + 1 < width && occupied[c + 1]) c++;
    runs.push({ left, right: c });
  }
  return runs;
}

function clipMerges(merges: MergeArea[] | undefined, left: number, right: number): MergeArea[] | undefined {
  if (!merges) return undefined;
  return merges.filter((m) => m.left >= left && m.right <= right).map((m) => ({ ...m, left: m.left - left, right: m.right - left }));
}

const hasNames = (shape: TableShape) => shape.columns.some((c) => c.role.kind === "name" || c.role.kind === "login");

/** The tables of a grid's first rows: one, several side by side, or none. */
export function detectTables(grid: SheetGrid): PlacedShape[] {
  const rows = grid.values.slice(0, DETECT_ROWS);
  const runs = occupiedRuns(rows);
  if (runs.length > 1) {
    const placed: PlacedShape[] = [];
    for (const { left, right } of runs) {
      const shape = detectTable({
        ...grid,
        values: rows.map((r) => r.slice(left, right + 1)),
        numberFormats: grid.numberFormats?.slice(0, DETECT_ROWS).map((r) => r?.slice(left, right + 1) ?? []),
        merges: clipMerges(grid.merges, left, right),
        firstColumn: (grid.firstColumn ?? 0) + left,
      });
      if (shape && hasNames(shape)) placed.push({ shape, left, right });
    }
    if (placed.length > 1) return placed;
  }
  const shape = detectTable(grid);
  return shape ? [{ shape, left: 0, right: Number.MAX_SAFE_INTEGER }] : [];
}
