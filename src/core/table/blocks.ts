/**
 * Tables that stand side by side on one sheet (a ВПР table, an empty column,
 * then an ОГЭ table with its own «№ | Название ОО») are two tables: read as
 * one, the second table's results would be lent to the first table's schools
 * row by row. A sheet is split at columns that are empty in every row looked
 * at, and only when each part on its own is a table with its own names.
 */
import { maxOf, minOf } from "../arrays";
import { Cell, columnLetter, isBlank, MergeArea, SheetGrid } from "../cells";
import { joinTables } from "./join";
import { TableBuilder } from "./build";
import { detectTable } from "./detect";
import { DETECT_ROWS } from "./head";
import { ResultsTable, TableShape } from "./model";
import { applyOverrides, ColumnOverride } from "./overrides";

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

/** Some cell of grid column `column` below sheet row `headerBottom` holds a value (in the rows looked at). */
function holdsData(head: SheetGrid, column: number, headerBottom: number): boolean {
  const first = headerBottom + 1 - (head.firstRow ?? 0);
  for (let r = Math.max(0, first); r < head.values.length; r++) if (!isBlank(head.values[r]?.[column])) return true;
  return false;
}

type Formats = (string | null | undefined)[];

interface Part {
  builder: TableBuilder;
  left: number;
  right: number;
}

/**
 * The tables of one sheet built row by row, for every reader (the file layer's
 * stream, the add-in's blocks, an in-memory grid): detected in the first rows,
 * then each fed its own columns, and joined at the end when there are several.
 */
export class SheetTables {
  private constructor(
    private readonly parts: Part[],
    private readonly sheetName: string | undefined,
    /** The sheet column of the head's first column. */
    private readonly base: number,
    /** The corrections that met nothing: a column empty below the header, or outside every table. */
    readonly dropped: ColumnOverride[],
  ) {}

  /**
   * Null when the first rows hold no table. Rows passed later start at the head's
   * first column; `adjust` changes a detected shape before the user's corrections.
   * A correction of a column that holds nothing under the table's header is left
   * out (`dropped`): read as the names, an empty column would lose every school.
   */
  static detect(head: SheetGrid, overrides: ColumnOverride[] = [], adjust = (shape: TableShape) => shape): SheetTables | null {
    const base = head.firstColumn ?? 0;
    const taken = new Set<ColumnOverride>();
    const parts = detectTables(head).map(({ shape, left, right }) => {
      const mine = overrides.filter(
        (o) => o.column >= base + left && o.column <= base + right && holdsData(head, o.column - base, shape.headerBottom),
      );
      for (const o of mine) taken.add(o);
      return { builder: new TableBuilder(applyOverrides(adjust(shape), mine)), left, right };
    });
    const dropped = overrides.filter((o) => !taken.has(o));
    return parts.length > 0 ? new SheetTables(parts, head.sheetName, base, dropped) : null;
  }

  /** Schools read so far, over the tables of the sheet. */
  get schoolsRead(): number {
    let n = 0;
    for (const part of this.parts) n += part.builder.schoolsRead;
    return n;
  }

  /** The first sheet row below every table's headers. */
  get firstDataRow(): number {
    return minOf(this.parts.map((p) => p.builder.shape.headerBottom + 1));
  }

  /** The last sheet column any table takes something from, or `fallback`. */
  lastNeededColumn(fallback: number): number {
    const used = this.parts.flatMap((p) => p.builder.shape.columns.filter((c) => c.role.kind !== "ignored").map((c) => c.column));
    return maxOf(used, fallback);
  }

  addRow(index: number, values: Cell[], formats?: Formats): void {
    for (const part of this.parts) {
      if (part.left === 0 && part.right >= values.length) part.builder.addRow(index, values, formats);
      else part.builder.addRow(index, values.slice(part.left, part.right + 1), formats?.slice(part.left, part.right + 1));
    }
  }

  /** One table, or the tables side by side joined per school, each named by its columns. */
  finish(): ResultsTable {
    const tables = this.parts.map((p) => p.builder.finish());
    if (tables.length === 1) return tables[0];
    const where = (part: Part, t: ResultsTable) => {
      const last = Math.min(this.base + part.right, maxOf(t.columns.map((c) => c.column)));
      return `столбцы ${columnLetter(this.base + part.left)}–${columnLetter(last)}`;
    };
    const inputs = tables.map((table, i) => ({ source: `${this.sheetName ?? "лист"}, ${where(this.parts[i], table)}`, table }));
    return { ...joinTables(inputs), sheetName: this.sheetName ?? tables[0].sheetName };
  }
}
