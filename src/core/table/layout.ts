/**
 * One shape for every layout a results table may come in: a detector that
 * finds its header in the first rows of a sheet, and a reader for each data
 * row below it. The registry (layouts/index.ts) lists them in the order they
 * are tried.
 */
import type { Cell, SheetGrid } from "../cells";
import type { TableBuilder } from "./build";
import type { RowSurvey } from "./head";
import type { TableShape } from "./model";

/** The first rows of a sheet (at most DETECT_ROWS), as every detector gets them. */
export interface Head {
  grid: SheetGrid;
  /** The first rows' values. */
  rows: Cell[][];
  /** What each of `rows` holds. */
  surveys: RowSurvey[];
  /** The sheet row of `rows[0]`. */
  offset: number;
  /** The sheet column of each row's first cell. */
  colOffset: number;
  sheetName: string;
}

/** Number formats of a row's cells, where the host gives them. */
export type RowFormats = (string | null | undefined)[];

export interface TableLayout<Name extends string = string> {
  /** The key a shape and a table carry (`layout`). */
  name: Name;
  /** How the recognition report names the layout. */
  title: string;
  /** This layout's table in the first rows, or null when they hold another. */
  detect(head: Head): TableShape | null;
  /** Reads one data row (a 0-based sheet row; `values` start at the shape's first column) into the table being built. */
  readRow(builder: TableBuilder, row: number, values: Cell[], formats?: RowFormats): void;
}

/** The row reader of every layout with a row per school (wide, long, ФИС ОКО, the journal comparison). */
export const readSchoolRow: TableLayout["readRow"] = (builder, row, values, formats) => builder.addSchoolRow(row, values, formats);
