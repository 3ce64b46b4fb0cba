/**
 * The file layer's contract: a book is a list of sheets, a sheet streams its
 * rows. Every format (.xlsx/.xlsm, .xls, .ods, .csv, and markup saved as «.xls») is read into this one
 * shape, in Node and in the browser alike, so the engine never knows which
 * format or host it came from. No Office, DOM-only or Node-only imports here.
 */
import type { Cell, MergeArea, SourceFormat } from "../core";

/** Random access to the bytes of a file: a Node file handle, a browser Blob, or memory. */
export interface ByteSource {
  /** The name the user knows the file by (for messages and reports), not a path to open. */
  readonly name: string;
  readonly size: number;
  /** Up to `length` bytes from `offset`; fewer only at the end of the file. */
  read(offset: number, length: number): Promise<Uint8Array>;
  close?(): Promise<void>;
}

/** The format a book was read as, by its content (core's list: the report decides by it). */
export type BookFormat = SourceFormat;

/** One row of a sheet as the engine reads it. */
export interface SheetRow {
  /** 0-based sheet row. */
  index: number;
  /** From column A; `null` where the cell is empty. Formulas give their saved value. */
  values: Cell[];
  /**
   * Number format per cell, where the value is a number (a % format makes it a fraction); else null or
   * missing: the array may be shorter than `values`, or empty, where the rest of the row has none.
   */
  formats: (string | null)[];
  hidden?: boolean;
  /** Cells holding a formula without a saved value (never calculated): their value is `null` above. */
  unsavedFormulas?: UnsavedFormula[];
}

/** A formula the writing program never calculated, so the file holds no value for it. */
export interface UnsavedFormula {
  /** 0-based column of the cell in its row. */
  column: number;
  /** The formula text as written (empty for a shared formula's dependent cells). */
  formula: string;
}

export interface SheetSource {
  /** The name as the workbook lists it (the tab's name), never a part file's name. */
  readonly name: string;
  /** A hidden or very hidden sheet (where the format says so). */
  readonly hidden?: boolean;
  /** Streams the rows in order. May be called once. */
  rows(): AsyncIterable<SheetRow>;
  /** Merged areas (0-based, inclusive, sheet coordinates); complete once rows() is exhausted. */
  merges(): MergeArea[];
  /** The sheet with its look, to copy it (an .xlsx sheet); instead of rows(), not with it. */
  styled?(): StyledSheet;
}

/**
 * A cell's look in the shape exceljs's Style has (its writers take it as is):
 * number format, font, fill, borders, alignment, protection.
 */
export interface CellStyle {
  numFmt?: string;
  font?: Record<string, unknown>;
  fill?: Record<string, unknown>;
  border?: Record<string, unknown>;
  alignment?: Record<string, unknown>;
  protection?: Record<string, unknown>;
}

/** A copied cell's value: formulas give their saved value, errors stay errors, dates stay serial numbers. */
export type CopyValue = string | number | boolean | { error: string } | null;

export interface CopyCell {
  /** 0-based column. */
  column: number;
  value: CopyValue;
  /** Index into the sheet's styles (0 is the default look). */
  style: number;
}

/** A row as the copy of a sheet takes it: every cell with a value or a look of its own. */
export interface CopyRow {
  /** 0-based sheet row. */
  index: number;
  cells: CopyCell[];
  /** In points, where the row has a height of its own. */
  height?: number;
  hidden?: boolean;
}

export interface ColumnLayout {
  /** 0-based, inclusive. */
  first: number;
  last: number;
  /** In Excel's character units, as the file stores them. */
  width?: number;
  hidden?: boolean;
}

export interface SheetLayout {
  columns: ColumnLayout[];
  /** Frozen panes: rows above and columns left of the split. */
  frozen: { rows: number; columns: number } | null;
}

/** A sheet read to be copied with its look, one row at a time. */
export interface StyledSheet {
  readonly name: string;
  /** Streams the rows in order. May be called once. */
  rows(): AsyncIterable<CopyRow>;
  /** The look of a style index; the same object each time for one index. */
  style(index: number): CellStyle;
  /** Column widths and frozen panes: complete once the first row has come (or rows() has ended). */
  layout(): SheetLayout;
  /** Merged areas; complete once rows() is exhausted. */
  merges(): MergeArea[];
}

export interface BookSource {
  readonly name: string;
  readonly format: BookFormat;
  /** Sheet names in tab order, known before any sheet is read. */
  readonly sheetNames: string[];
  /** The sheets in tab order; each must be read (or skipped) before the next is asked for. */
  sheets(): AsyncIterable<SheetSource>;
  /** The add-in's settings part (its XML), or null: only an .xlsx package can hold one. */
  storedSettings(): Promise<string | null>;
}
