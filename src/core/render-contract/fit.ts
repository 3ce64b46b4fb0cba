/**
 * How a generated sheet prints legibly: row heights computed from the text,
 * the column width and the font, and columns widened so no word is broken
 * inside (no «Знаменател ь»). A spreadsheet keeps the default height for rows a
 * file gives none, so without this wrapped text prints over the next row.
 *
 * Text is measured with widths of a plain sans-serif (Arial / Liberation Sans
 * metrics, a little wider than Calibri): a row is then rather a little too tall
 * than too short, in Excel with Calibri as in LibreOffice with a substitute.
 * Indexes of styles and merges are built once a sheet, so the work grows with
 * the cells, not cells × ranges.
 */
import { MergeIndex, StyleIndex, DEFAULT_FONT, type CellStyle } from "./styles";
import { blockHeight, blockRow, isLazy, type Rect, type SheetSpec, type SpecValue, type StyleRange } from "./sheet";

/** Excel's column width unit: the default font's digit, 7 px at 96 dpi; a width of w is w·7 + 5 px. */
export const DIGIT_PX = 7;
const COLUMN_PAD_PX = 5;
/** What a cell keeps free left and right of its text, px. */
const CELL_INSET_PX = 6;
/** The tallest row a spreadsheet allows, points. */
export const MAX_ROW_HEIGHT = 409;
/** The widest a column is made to fit a word, characters. */
const MAX_FIT_WIDTH = 60;
/** A line of text, as a share of the font size (ascent, descent and leading). */
const LINE_FACTOR = 1.3;
/** Room above and below the lines, points. */
const ROW_PAD_PT = 3;
/** The default row height of an 11-point font, points. */
export const DEFAULT_ROW_HEIGHT = 15;

/** Advance widths in em of a sans-serif like Arial / Liberation Sans. */
function charEm(ch: string): number {
  if (ch === " ") return 0.278;
  if (/[0-9]/.test(ch)) return 0.556;
  if (/[.,:;'!|il]/.test(ch)) return 0.278;
  if (/[«»()[\]/\\\-ftjr]/.test(ch)) return 0.333;
  if (/[—–%]/.test(ch)) return 0.89;
  if (/[мшщжюыМШЩЖЮЫmwMW]/.test(ch)) return 0.85;
  if (/[A-ZА-ЯЁ]/.test(ch)) return 0.7;
  return 0.556;
}

/**
 * Widths of the texts measured so far, em. A region's sheet repeats its school
 * names and words hundreds of thousands of times; the cache is emptied when it
 * grows past a bound, so it never holds a sheet's worth of text.
 */
const measured = new Map<string, number>();
const MEASURED_MAX = 50_000;

function emOf(text: string): number {
  let em = measured.get(text);
  if (em === undefined) {
    em = 0;
    for (const ch of text) em += charEm(ch);
    if (measured.size >= MEASURED_MAX) measured.clear();
    measured.set(text, em);
  }
  return em;
}

/** Width of a text in px at a font size in points; bold is wider. */
export function textWidthPx(text: string, size: number, bold = false): number {
  return emOf(text) * (size * (96 / 72)) * (bold ? 1.08 : 1);
}

/** A column width in characters as px. */
export function columnPx(width: number): number {
  return width * DIGIT_PX + COLUMN_PAD_PX;
}

/** How many lines a text takes in a cell this many px wide, broken between words as a spreadsheet does. */
export function lineCount(text: string, widthPx: number, size: number, bold = false): number {
  const room = Math.max(1, widthPx - CELL_INSET_PX);
  const space = textWidthPx(" ", size, bold);
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let count = 1;
    let used = 0;
    for (const word of paragraph.split(/ +/)) {
      if (word === "") continue;
      const w = textWidthPx(word, size, bold);
      if (used > 0 && used + space + w <= room) {
        used += space + w;
        continue;
      }
      if (used > 0) count++;
      // A word wider than the cell is broken where it overflows.
      count += Math.max(0, Math.ceil(w / room) - 1);
      used = w > room ? w % room || room : w;
    }
    lines += count;
  }
  return Math.max(1, lines);
}

/** The row height, points, of so many lines of a font size. */
export function heightOf(lines: number, size: number): number {
  if (lines <= 1 && size <= DEFAULT_FONT.size) return DEFAULT_ROW_HEIGHT;
  return Math.min(MAX_ROW_HEIGHT, Math.ceil(lines * size * LINE_FACTOR + ROW_PAD_PT));
}

export interface SheetFit {
  /** The spec's widths, widened where a word would not fit its cell. */
  columnWidths: number[];
  /** Rows (0-based) that need a height other than the default, points. */
  rowHeights: Map<number, number>;
}

/** A cell of a sheet, 0-based, with its value. */
type Visit = (row: number, column: number, value: NonNullable<SpecValue>, style: CellStyle) => void;

/**
 * Every non-empty cell of the blocks that can change the fit (`matters`: by its look and whether it
 * may hold text). A lazy block's rows under the same style ranges share which columns matter; where
 * it can give a cell alone (`valueAt`), only those cells are made, not the row (a region's
 * «Динамика»: the formulas beside its texts).
 */
function visitCells(spec: SheetSpec, styles: StyleIndex, matters: (style: CellStyle, text: boolean) => boolean, visit: Visit): void {
  for (const block of spec.blocks) {
    if (!isLazy(block) || !block.valueAt) {
      const height = blockHeight(block);
      for (let i = 0; i < height; i++)
        blockRow(block, i).forEach((value, j) => {
          if (value !== null) visit(block.row + i, block.column + j, value, styles.at(block.row + i, block.column + j));
        });
      continue;
    }
    // The columns that matter under a stretch's ranges, with their looks (a cell's look depends only on those).
    const columnsBy = new Map<readonly StyleRange[], { j: number; style: CellStyle }[]>();
    for (let i = 0; i < block.rowCount; i++) {
      const row = block.row + i;
      const ranges = styles.rangesOn(row);
      let columns = columnsBy.get(ranges);
      if (!columns) {
        columns = [];
        for (let j = 0; j < block.columns; j++) {
          const style = styles.at(row, block.column + j);
          if (matters(style, block.textColumns?.includes(j) ?? true)) columns.push({ j, style });
        }
        columnsBy.set(ranges, columns);
      }
      for (const { j, style } of columns) {
        const value = block.valueAt(i, j);
        if (value !== null && value !== undefined) visit(row, block.column + j, value, style);
      }
    }
  }
}

/**
 * Only wrapped text is measured; any other cell in the default font or smaller is one line of the
 * default height: it changes no width and no height.
 */
const wraps = (style: CellStyle, text: boolean) => text && style.wrap === true;
const heightens = (style: CellStyle, text: boolean) => wraps(style, text) || (style.size ?? DEFAULT_FONT.size) > DEFAULT_FONT.size;

/**
 * Measurements of a long table's texts, which repeat in the same columns: each text once per
 * look (and width). Looks are StyleIndex's own objects, one a stretch and column, so a cell finds
 * its measures without making a key.
 */
class Measures {
  private readonly byLook = new Map<CellStyle, Map<number, Map<string, number>>>();
  get(style: CellStyle, px: number, text: string, measure: () => number): number {
    let byPx = this.byLook.get(style);
    if (!byPx) this.byLook.set(style, (byPx = new Map()));
    let byText = byPx.get(px);
    if (!byText) byPx.set(px, (byText = new Map()));
    let n = byText.get(text);
    if (n === undefined) byText.set(text, (n = measure()));
    return n;
  }
}

/** Widths and heights for a sheet description, in two passes over its cells. */
export function fitSheet(spec: SheetSpec): SheetFit {
  const styles = new StyleIndex(spec.styles);
  const merges = new MergeIndex(spec.merges);
  const columnWidths = [...spec.columnWidths];
  const widthOf = (c: number) => columnWidths[c] ?? 8.43;
  const widest = new Measures();
  const lines = new Measures();

  // Words first: a column takes the widest word of its wrapped one-column cells. Every row is
  // measured, also of a lazy block (no sample): one row at a time, each text once per font.
  visitCells(spec, styles, wraps, (row, column, value, style) => {
    if (!("text" in value) || !style.wrap) return;
    const merge = merges.at(row, column);
    const size = style.size ?? DEFAULT_FONT.size;
    const word = widest.get(style, 0, value.text, () =>
      value.text.split(/\s+/).reduce((w, word) => Math.max(w, textWidthPx(word, size, style.bold)), 0),
    );
    const first = merge ? merge.column : column;
    const last = merge ? merge.column + merge.columns - 1 : column;
    let px = 0;
    for (let c = first; c <= last; c++) px += columnPx(widthOf(c));
    const short = word + CELL_INSET_PX - px;
    if (short <= 0) return;
    const wanted = widthOf(last) + Math.ceil((short / DIGIT_PX) * 10) / 10;
    if (wanted <= MAX_FIT_WIDTH) columnWidths[last] = wanted;
  });

  // Heights second, with the final widths: a second pass over the cells.
  const rowHeights = new Map<number, number>();
  /** Wrapped texts in merges over several rows, with the height they need: their last row grows if the rows fall short. */
  const tall: { merge: Rect; height: number }[] = [];
  visitCells(spec, styles, heightens, (row, column, value, style) => {
    const size = style.size ?? DEFAULT_FONT.size;
    let count = 1;
    if (style.wrap && "text" in value) {
      const merge = merges.at(row, column);
      const first = merge ? merge.column : column;
      const columns = merge ? merge.columns : 1;
      let px = 0;
      for (let c = first; c < first + columns; c++) px += columnPx(widthOf(c));
      count = lines.get(style, px, value.text, () => lineCount(value.text, px, size, style.bold));
      // A merge over several rows has their room: the rows are measured once all are known.
      if (merge && merge.rows > 1) return void tall.push({ merge, height: heightOf(count, size) });
    }
    const height = heightOf(count, size);
    if (height > DEFAULT_ROW_HEIGHT) rowHeights.set(row, Math.max(rowHeights.get(row) ?? 0, height));
  });
  for (const { merge, height } of tall) {
    let room = 0;
    for (let r = merge.row; r < merge.row + merge.rows; r++) room += rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT;
    const last = merge.row + merge.rows - 1;
    if (room < height) rowHeights.set(last, Math.min(MAX_ROW_HEIGHT, (rowHeights.get(last) ?? DEFAULT_ROW_HEIGHT) + height - room));
  }
  return { columnWidths, rowHeights };
}
