/**
 * The sheet description's data: cells, blocks, styles by name, merges, validation,
 * conditional formats and print setup, plain data with 0-based coordinates. The
 * modules beside it (address, styles, fit, print…) build on this one and never
 * on spec.ts, which gathers them for the rest of the engine.
 */
/** A cell to write. Text is always written as text, never parsed as a formula. */
export type SpecValue =
  | null
  | { text: string }
  | { number: number }
  | { bool: boolean }
  /** An English-invariant formula without the leading «=», as range.formulas and exceljs take it. */
  | { formula: string };

/** Excel holds at most this many characters in a cell, and repairs or refuses a book with more. */
export const MAX_CELL_TEXT = 32_767;

/**
 * A text that fits a cell: one over Excel's limit is cut, and says so in the cell
 * («… (текст сокращён: ещё N симв.)»). Every text a SheetSpec describes passes
 * here (`text`, grids), so no writer can make a cell Excel refuses.
 */
export function cellText(value: string): string {
  if (value.length <= MAX_CELL_TEXT) return value;
  const tail = (left: number) => `… (текст сокращён: ещё ${left} симв.)`;
  // The count is shorter once the kept part is known: a second pass fills the cell to the limit.
  let keep = MAX_CELL_TEXT - tail(value.length).length;
  keep = MAX_CELL_TEXT - tail(value.length - keep).length;
  // A surrogate pair is not cut in half.
  if (/[\uD800-\uDBFF]/.test(value[keep - 1] ?? "")) keep--;
  return value.slice(0, keep) + tail(value.length - keep);
}

/** How long a list written into one cell may grow before the rest is counted: a cell is read, not searched. */
export const LIST_TEXT_BUDGET = 2_000;

/**
 * Items joined into one cell's text, cut with «и ещё N» (and `more`, where the
 * full list is) once the text passes `budget` characters; at least one item is shown.
 */
export function listText(items: readonly string[], separator: string, more = "", budget = LIST_TEXT_BUDGET): string {
  let out = "";
  let shown = 0;
  for (const item of items) {
    const next = shown === 0 ? item : `${out}${separator}${item}`;
    if (shown > 0 && next.length > budget) break;
    out = next;
    shown++;
  }
  return shown < items.length ? `${out} и ещё ${items.length - shown}${more}` : out;
}

export const text = (value: string): SpecValue => ({ text: cellText(value) });
export const num = (value: number): SpecValue => ({ number: value });
export const formula = (value: string): SpecValue => ({ formula: value });

/** Named styles; what each looks like is data, in STYLES (./styles.ts). */
export type StyleName =
  | "title" // bold, larger
  | "subtitle" // italic, grey
  | "header" // bold, grey fill, wrapped, bordered
  | "cell" // bordered, wrapped
  | "input" // bordered, light yellow fill: a methodist types here
  | "computed" // bordered, light grey: a formula
  | "low" // red fill: a low result
  | "shnor" // tinted row
  | "risk" // lighter tint
  | "note"; // small grey text

export interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface StyleRange extends Rect {
  style: StyleName;
  /** Excel number format («0.0», «0%», «@»); applies to the whole rect. */
  numberFormat?: string;
  bold?: boolean;
  wrap?: boolean;
  align?: "left" | "center" | "right";
}

/** A rectangular block of values, written with one 2-D call. */
export interface Block {
  row: number;
  column: number;
  values: SpecValue[][];
}

/**
 * A long uniform run of rows described without holding them: a row per school and
 * series is a million rows at a region's size. `rowAt(i)` makes the values of row
 * `row + i` afresh (at most `columns` of them), as often and in whatever order a writer
 * or fitSheet asks; the rows are never all in memory. No other block writes into its rows.
 */
export interface LazyBlock {
  row: number;
  column: number;
  rowCount: number;
  columns: number;
  rowAt(i: number): SpecValue[];
  /**
   * The value of row `i`'s cell `j` alone, the same as `rowAt(i)[j]`, for a reader that needs a few
   * columns of every row (fitSheet: the wrapped texts, not the formulas beside them).
   */
  valueAt?(i: number, j: number): SpecValue;
  /** With `valueAt`: the only columns (0-based within the block) where a row may hold text. */
  textColumns?: readonly number[];
}

/** What a sheet's cells are described by: plain blocks, and lazy ones for long runs of rows. */
export type SpecBlock = Block | LazyBlock;

export function isLazy(block: SpecBlock): block is LazyBlock {
  return "rowAt" in block;
}

/** How many rows a block covers. */
export function blockHeight(block: SpecBlock): number {
  return isLazy(block) ? block.rowCount : block.values.length;
}

/** How many columns a block covers (its widest row). */
export function blockWidth(block: SpecBlock): number {
  return isLazy(block) ? block.columns : block.values.reduce((w, row) => Math.max(w, row.length), 0);
}

/** The values of the block's row `i` (0-based within the block); a lazy block makes them now. */
export function blockRow(block: SpecBlock, i: number): SpecValue[] {
  return isLazy(block) ? block.rowAt(i) : block.values[i];
}

/** Every row of every block, in the blocks' order, one at a time: what writers, fitSheet and tests read. */
export function* specRows(spec: Pick<SheetSpec, "blocks">): Generator<{ row: number; column: number; values: SpecValue[] }> {
  for (const block of spec.blocks) {
    const height = blockHeight(block);
    for (let i = 0; i < height; i++) yield { row: block.row + i, column: block.column, values: blockRow(block, i) };
  }
}

/** A lazy block's rows made once, as a plain block (for tests and small sheets only). */
export function plainBlock(block: SpecBlock): Block {
  if (!isLazy(block)) return block;
  return { row: block.row, column: block.column, values: Array.from({ length: block.rowCount }, (_, i) => block.rowAt(i)) };
}

export interface ValidationSpec extends Rect {
  /** A drop-down of fixed items, or a number check with a message. */
  rule:
    | { kind: "list"; items: string[] }
    | { kind: "decimal"; min: number; max?: number; maxFormula?: string }
    | { kind: "wholeNumber"; min: number; max?: number; maxFormula?: string };
  /** Shown when the input is refused, in Russian. */
  errorMessage: string;
  prompt?: string;
}

/** A native conditional format: it works without the add-in and follows the data. */
export interface ConditionalFormatSpec extends Rect {
  /** An English-invariant formula relative to the rect's top-left cell, without «=». */
  formula: string;
  fill: string;
  fontColor?: string;
  /** Lower runs first; the writers keep this order. */
  priority: number;
  stopIfTrue?: boolean;
}

/** What a sheet asks of its print; the scale is worked out from the widths it ends up with (print.ts). */
export interface PrintSpec {
  orientation: "portrait" | "landscape";
  paper: "A4";
  /** 0-based rows repeated at the top of each printed page, inclusive. */
  repeatRows?: { first: number; last: number };
  /** 0-based columns repeated at the left of each printed page when the columns run onto further pages, inclusive. */
  repeatColumns?: { first: number; last: number };
  /** 0-based rows that start a new printed page: between blocks. */
  breaks?: number[];
}

/** A4 landscape: how the documents print. */
export function landscapeA4(repeatRows?: { first: number; last: number }, extra: Partial<PrintSpec> = {}): PrintSpec {
  return { orientation: "landscape", paper: "A4", ...(repeatRows ? { repeatRows } : {}), ...extra };
}

export interface ChartSpec {
  title: string;
  type: "columnClustered" | "barClustered";
  /** The category labels and the series, as rects on this sheet. */
  categories: Rect;
  series: { name: string; values: Rect }[];
  /** Where the chart's top-left corner sits. */
  anchor: { row: number; column: number };
  /** An empty row kept for a writer that cannot draw charts: it writes a line there instead (one row, across these columns). */
  fallback: Rect;
}

export interface SheetSpec {
  /** The sheet's name, ≤ 31 characters, no []:*?/\ . */
  name: string;
  /** Marks the sheet as the add-in's, so a re-run updates it and «Снять отметки» finds it. */
  kind: string;
  columnWidths: number[];
  blocks: SpecBlock[];
  styles: StyleRange[];
  merges: Rect[];
  validations: ValidationSpec[];
  conditionalFormats: ConditionalFormatSpec[];
  print?: PrintSpec;
  charts: ChartSpec[];
  /** Rows frozen at the top. */
  freezeRows?: number;
  /** Columns frozen at the left (the ids of a wide table). */
  freezeColumns?: number;
  /**
   * Cells a user fills in (inputs, «Отметка о выполнении»): on regeneration a writer
   * reads them first and writes them back where the same key lands — but never over
   * a cell the new spec fills with a formula (a kept column may hold formulas on
   * some rows, e.g. computed indicators' numerators on «Показатели»).
   */
  keptInputs?: KeptInputs;
}

export interface KeptInputs {
  /** Column (0-based) whose text identifies a row across regenerations (e.g. the indicator id or activity text). */
  keyColumn: number;
  /** Columns (0-based) whose user values survive. */
  columns: number[];
  firstRow: number;
}

export function emptySheet(name: string, kind: string): SheetSpec {
  return { name, kind, columnWidths: [], blocks: [], styles: [], merges: [], validations: [], conditionalFormats: [], charts: [] };
}
