/**
 * The file layer's contract: a book is a list of sheets, a sheet streams its
 * rows. Every format (.xlsx/.xlsm, .xls, .ods, .csv) is read into this one
 * shape, in Node and in the browser alike, so the engine never knows which
 * format or host it came from. No Office, DOM-only or Node-only imports here.
 */
import type { Cell, MergeArea } from "../core";

/** Random access to the bytes of a file: a Node file handle, a browser Blob, or memory. */
export interface ByteSource {
  /** The name the user knows the file by (for messages and reports), not a path to open. */
  readonly name: string;
  readonly size: number;
  /** Up to `length` bytes from `offset`; fewer only at the end of the file. */
  read(offset: number, length: number): Promise<Uint8Array>;
  close?(): Promise<void>;
}

export type BookFormat = "xlsx" | "xls" | "ods" | "csv";

/** One row of a sheet as the engine reads it. */
export interface SheetRow {
  /** 0-based sheet row. */
  index: number;
  /** From column A; `null` where the cell is empty. Formulas give their saved value. */
  values: Cell[];
  /** Number format per cell, where the value is a number (a % format makes it a fraction); else null. */
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
