/**
 * Collects a sheet cell by cell and hands it over as a SheetSpec: one block
 * per written row, so the builders read like the sheet they describe.
 */
import { emptySheet, LazyBlock, Rect, SheetSpec, SpecBlock, SpecValue, StyleName, StyleRange, text } from "../render-contract/spec";

export class SheetBuilder {
  readonly spec: SheetSpec;
  /** Cells by row and column; a hole is a cell not written (null is an empty cell that was). */
  private rows: (SpecValue | undefined)[][] = [];
  /** Long runs of rows made as they are written; nothing else is written into their rows. */
  private lazyBlocks: LazyBlock[] = [];

  constructor(name: string, kind: string) {
    this.spec = emptySheet(name, kind);
  }

  set(row: number, column: number, value: SpecValue): this {
    // A caller's undefined is an empty cell, as null is: only a hole means "not written".
    (this.rows[row] ??= [])[column] = value ?? null;
    return this;
  }

  /** Writes values left to right from (row, column). */
  row(row: number, column: number, values: SpecValue[]): this {
    values.forEach((v, i) => this.set(row, column + i, v));
    return this;
  }

  /** A run of `rowCount` rows from (row, column) whose values `rowAt(i)` makes when a writer asks: never held whole. */
  lazy(block: LazyBlock): this {
    if (block.rowCount > 0) this.lazyBlocks.push(block);
    return this;
  }

  style(rect: Rect, style: StyleName, extra: Omit<StyleRange, keyof Rect | "style"> = {}): this {
    if (rect.rows > 0 && rect.columns > 0) this.spec.styles.push({ ...rect, style, ...extra });
    return this;
  }

  merge(rect: Rect): this {
    if (rect.rows * rect.columns > 1) this.spec.merges.push(rect);
    return this;
  }

  finish(): SheetSpec {
    const blocks: SpecBlock[] = [];
    // forEach visits the written rows in order and skips the rest.
    this.rows.forEach((cells, row) => {
      let first = 0;
      while (first < cells.length - 1 && cells[first] === undefined) first++;
      const values: SpecValue[] = new Array<SpecValue>(cells.length - first);
      for (let c = first; c < cells.length; c++) values[c - first] = cells[c] ?? null;
      blocks.push({ row, column: first, values: [values] });
    });
    this.rows = [];
    // In row order (a stable sort keeps the written rows' order).
    this.spec.blocks = this.lazyBlocks.length === 0 ? blocks : [...blocks, ...this.lazyBlocks].sort((a, b) => a.row - b.row);
    this.lazyBlocks = [];
    return this.spec;
  }
}

export function rect(row: number, column: number, rows = 1, columns = 1): Rect {
  return { row, column, rows, columns };
}

/** A document written top to bottom: lines across the page and section titles; `row` is the next free row. */
export class Prose {
  row = 0;

  constructor(
    private readonly b: SheetBuilder,
    private readonly width: number,
  ) {}

  line = (value: string, style: "title" | "subtitle" | "cell" | "note" = "cell"): void => {
    const across = rect(this.row, 0, 1, this.width);
    this.b.set(this.row, 0, text(value));
    this.b.style(across, style, { wrap: true }).merge(across);
    this.row++;
  };

  /** A section title, after an empty row. */
  section = (title: string): void => {
    this.row++;
    const across = rect(this.row, 0, 1, this.width);
    this.b.set(this.row, 0, text(title));
    this.b.style(across, "header", { align: "left" }).merge(across);
    this.row++;
  };
}
