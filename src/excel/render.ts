/**
 * The pieces both Office.js writers share: a Block as 2-D arrays (each text
 * cell formatted «@» before its value, so «=HYPERLINK(…)» or «+7…» stays
 * text), named styles as Excel formats, native conditional formats.
 */
import {
  Block,
  blockHeight,
  blockRow,
  blockWidth,
  cellFormat,
  CellStyle,
  COLORS,
  ConditionalFormatSpec,
  isLazy,
  Rect,
  SpecBlock,
  SpecValue,
  StyleIndex,
  StyleRange,
  styleOf,
} from "../core";
import { chunkRows, jsonBytes, PAYLOAD, utf8Length } from "./budget";
import { tagFormula } from "./record";

export type OfficeCell = string | number | boolean;

export interface CellChunk {
  row: number;
  column: number;
  /** For range.formulas: invariant formulas with «=», constants as they are, "" for an empty cell. */
  formulas: OfficeCell[][];
  formats: string[][];
  bytes: number;
}

/** A chunk whose rows and size are known and whose cells are made when it is queued (a lazy block's). */
export interface PlannedChunk {
  row: number;
  column: number;
  rows: number;
  bytes: number;
  make(): CellChunk;
}

function formulaOf(value: SpecValue): OfficeCell {
  if (value === null) return "";
  if ("text" in value) return value.text;
  if ("number" in value) return Number.isFinite(value.number) ? value.number : "";
  if ("bool" in value) return value.bool;
  return `=${value.formula.replace(/^=/, "")}`;
}

/**
 * Consecutive one-row blocks (a sheet described row by row) as one rectangle,
 * so they go to Excel as one 2-D write instead of a range per row. The gaps
 * are nulls, written as empty cells: the writer fills new or cleared sheets only.
 * A lazy block stays as it is (its rows are made chunk by chunk as they are written).
 */
export function mergeRows(blocks: SpecBlock[]): SpecBlock[] {
  const sorted = [...blocks].sort((a, b) => a.row - b.row || a.column - b.column);
  const out: SpecBlock[] = [];
  let run: Block[] = [];
  // The run's extent, kept as it grows: recomputing it per block made 40,000 rows quadratic.
  let left = 0;
  let right = 0;
  let end = -1;
  const flush = () => {
    if (run.length === 0) return;
    const top = run[0].row;
    const values: SpecValue[][] = Array.from({ length: end - top }, () => Array.from({ length: right - left }, () => null));
    for (const b of run) b.values.forEach((row, i) => row.forEach((v, j) => (values[b.row - top + i][b.column - left + j] = v)));
    out.push({ row: top, column: left, values });
    run = [];
  };
  for (const b of sorted) {
    if (isLazy(b)) {
      flush();
      out.push(b);
      continue;
    }
    if (run.length > 0 && b.row !== end) flush();
    const width = blockWidth(b);
    if (run.length === 0) {
      left = b.column;
      right = b.column + width;
      end = b.row + b.values.length;
    } else {
      left = Math.min(left, b.column);
      right = Math.max(right, b.column + width);
      end = Math.max(end, b.row + b.values.length);
    }
    run.push(b);
  }
  flush();
  return out;
}

/**
 * The block as chunks whose request stays under the budget, one sync each. Every
 * row is measured first; a plain block's cells are kept from that pass, a lazy
 * block's are made again when its chunk is queued, so only one chunk of them is
 * in memory at a time. Both cut the rows in the same places.
 */
export function planChunks(block: SpecBlock, styles: StyleRange[], budget = PAYLOAD.request): PlannedChunk[] {
  const width = blockWidth(block);
  const height = blockHeight(block);
  if (width === 0) return [];
  // The number format a cell's style sets: the last range over it that names one.
  const index = new StyleIndex(styles);
  const cellsOf = (i: number) => {
    const row = blockRow(block, i);
    const r = block.row + i;
    const f: OfficeCell[] = [];
    const n: string[] = [];
    for (let j = 0; j < width; j++) {
      const value = row[j] ?? null;
      f.push(formulaOf(value));
      n.push(cellFormat(value, index.at(r, block.column + j).numberFormat));
    }
    return { f, n };
  };
  const lazy = isLazy(block);
  const formulas: OfficeCell[][] = [];
  const formats: string[][] = [];
  const rowBytes: number[] = new Array<number>(height);
  for (let i = 0; i < height; i++) {
    const { f, n } = cellsOf(i);
    rowBytes[i] = jsonBytes(f) + jsonBytes(n);
    if (!lazy) {
      formulas.push(f);
      formats.push(n);
    }
  }
  return chunkRows(rowBytes, budget).map(({ start, count }) => {
    let bytes = 0;
    for (let i = start; i < start + count; i++) bytes += rowBytes[i];
    const make = (): CellChunk => {
      if (!lazy)
        return {
          row: block.row + start,
          column: block.column,
          formulas: formulas.slice(start, start + count),
          formats: formats.slice(start, start + count),
          bytes,
        };
      const chunk: CellChunk = { row: block.row + start, column: block.column, formulas: [], formats: [], bytes };
      for (let i = start; i < start + count; i++) {
        const { f, n } = cellsOf(i);
        chunk.formulas.push(f);
        chunk.formats.push(n);
      }
      return chunk;
    };
    return { row: block.row + start, column: block.column, rows: count, bytes, make };
  });
}

/** The block as chunks whose request stays under the budget, one sync each, with their cells made. */
export function blockChunks(block: SpecBlock, styles: StyleRange[], budget = PAYLOAD.request): CellChunk[] {
  return planChunks(block, styles, budget).map((c) => c.make());
}

/** Number formats first, then values: the order Excel needs to keep text as text. */
export function queueChunk(sheet: Excel.Worksheet, chunk: CellChunk): void {
  const range = sheet.getRangeByIndexes(chunk.row, chunk.column, chunk.formulas.length, chunk.formulas[0].length);
  range.numberFormat = chunk.formats;
  range.formulas = chunk.formulas;
}

const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const;

function isCoveredByBlock(s: Rect, blocks: SpecBlock[]): boolean {
  return blocks.some(
    (b) =>
      s.row >= b.row &&
      s.column >= b.column &&
      s.row + s.rows <= b.row + blockHeight(b) &&
      s.column + s.columns <= b.column + blockWidth(b),
  );
}

/** What queueStyle puts in a request: its property sets, each an action, and any number-format matrix. */
export function styleBytes(s: StyleRange, blocks: SpecBlock[], numberFormat = true): number {
  const p = styleOf(s);
  const sets =
    Object.keys(p).filter((k) => k !== "border" && k !== "numberFormat" && p[k as keyof CellStyle] !== undefined).length +
    (p.border ? 12 : 0);
  return (sets + 1) * ACTION_BYTES + (numberFormat ? formatBytes(s, blocks) : 0);
}

function formatBytes(s: StyleRange, blocks: SpecBlock[]): number {
  return s.numberFormat !== undefined && !isCoveredByBlock(s, blocks) ? s.rows * s.columns * (s.numberFormat.length + 3) : 0;
}

function ownsFormat(s: StyleRange, blocks: SpecBlock[]): boolean {
  return s.numberFormat !== undefined && s.rows > 0 && s.columns > 0 && !isCoveredByBlock(s, blocks);
}

function queueStyleFormat(sheet: Excel.Worksheet, s: StyleRange): void {
  const range = sheet.getRangeByIndexes(s.row, s.column, s.rows, s.columns);
  range.numberFormat = Array.from({ length: s.rows }, () => Array.from({ length: s.columns }, () => s.numberFormat as string));
}

/**
 * A style's number format over a rect no one block covers, to queue before the values: where a
 * block writes cells inside it, their own formats (a text cell's «@») are written after and win,
 * as in the exceljs writer, whichever way the blocks are cut. Null when the blocks set it all.
 */
export function styleFormatAction(sheet: Excel.Worksheet, s: StyleRange, blocks: SpecBlock[]): Action | null {
  if (!ownsFormat(s, blocks)) return null;
  return { bytes: ACTION_BYTES + formatBytes(s, blocks), queue: () => queueStyleFormat(sheet, s) };
}

const ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const VERTICAL = { top: "Top", middle: "Center" } as const;

/** A resolved style as Office.js format properties: only what the style sets, so later ranges lay over earlier ones. */
function queueFormat(range: Excel.Range, p: CellStyle, rows: number, columns: number): void {
  if (p.fill) range.format.fill.color = `#${p.fill}`;
  if (p.bold !== undefined) range.format.font.bold = p.bold;
  if (p.italic !== undefined) range.format.font.italic = p.italic;
  if (p.size !== undefined) range.format.font.size = p.size;
  if (p.fontColor) range.format.font.color = `#${p.fontColor}`;
  if (p.wrap !== undefined) range.format.wrapText = p.wrap;
  if (p.horizontal) range.format.horizontalAlignment = ALIGN[p.horizontal];
  if (p.vertical) range.format.verticalAlignment = VERTICAL[p.vertical];
  if (p.border) {
    for (const edge of EDGES) {
      if ((edge === "InsideVertical" && columns < 2) || (edge === "InsideHorizontal" && rows < 2)) continue;
      range.format.borders.getItem(edge).style = "Continuous";
      range.format.borders.getItem(edge).color = `#${COLORS.border}`;
    }
  }
}

/**
 * A named style on its rect; its number format only where no block sets formats cell by cell
 * (unless `numberFormat` is false: the writer queued it before the values, see styleFormatAction).
 */
export function queueStyle(sheet: Excel.Worksheet, s: StyleRange, blocks: SpecBlock[], numberFormat = true): void {
  if (s.rows <= 0 || s.columns <= 0) return;
  const range = sheet.getRangeByIndexes(s.row, s.column, s.rows, s.columns);
  queueFormat(range, styleOf(s), s.rows, s.columns);
  if (numberFormat && ownsFormat(s, blocks)) queueStyleFormat(sheet, s);
}

/** Excel widths are in points; the description's are in characters of the default font. */
export function widthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

export function queueColumnWidth(sheet: Excel.Worksheet, column: number, characters: number): void {
  sheet.getRangeByIndexes(0, column, 1, 1).format.columnWidth = widthPoints(characters);
}

/** Rows of one height, as runs of consecutive rows: one action a run, not a row. */
export function heightRuns(heights: Map<number, number>): { row: number; rows: number; height: number }[] {
  const runs: { row: number; rows: number; height: number }[] = [];
  for (const row of [...heights.keys()].sort((a, b) => a - b)) {
    const height = heights.get(row) as number;
    const last = runs[runs.length - 1];
    if (last && last.row + last.rows === row && last.height === height) last.rows++;
    else runs.push({ row, rows: 1, height });
  }
  return runs;
}

export function queueRowHeight(sheet: Excel.Worksheet, row: number, rows: number, points: number): void {
  sheet.getRangeByIndexes(row, 0, rows, 1).format.rowHeight = points;
}

/**
 * Native conditional formats, each tagged as the add-in's. Excel puts a new
 * format on top, so they are added lowest priority first.
 */
export function queueConditionalFormats(sheet: Excel.Worksheet, formats: ConditionalFormatSpec[]): void {
  const ordered = formats.map((f, i) => ({ f, i })).sort((a, b) => b.f.priority - a.f.priority || b.i - a.i);
  for (const { f } of ordered) {
    if (f.rows <= 0 || f.columns <= 0) continue;
    const cf = sheet.getRangeByIndexes(f.row, f.column, f.rows, f.columns).conditionalFormats.add("Custom");
    cf.custom.rule.formula = tagFormula(f.formula);
    cf.custom.format.fill.color = `#${f.fill}`;
    if (f.fontColor) cf.custom.format.font.color = `#${f.fontColor}`;
    if (f.stopIfTrue) cf.stopIfTrue = true;
  }
}

/** What one queued Office.js action (an object path, a property or method, its value) costs in a request, as JSON. */
export const ACTION_BYTES = 200;

/** Something to queue, with what it will cost in the request. */
export interface Action {
  bytes: number;
  queue: () => void;
}

/** A chunk to write; a planned one makes its cells only when it is queued, and they go with the sync. */
export function chunkAction(sheet: Excel.Worksheet, chunk: CellChunk | PlannedChunk): Action {
  return { bytes: chunk.bytes + 3 * ACTION_BYTES, queue: () => queueChunk(sheet, "make" in chunk ? chunk.make() : chunk) };
}

export function styleAction(sheet: Excel.Worksheet, s: StyleRange, blocks: SpecBlock[], numberFormat = true): Action {
  return { bytes: styleBytes(s, blocks, numberFormat), queue: () => queueStyle(sheet, s, blocks, numberFormat) };
}

export function conditionalFormatsAction(sheet: Excel.Worksheet, formats: ConditionalFormatSpec[]): Action {
  const bytes = formats.reduce((n, f) => n + 6 * ACTION_BYTES + 2 * utf8Length(f.formula), 0);
  return { bytes, queue: () => queueConditionalFormats(sheet, formats) };
}

/**
 * Queues actions with calculation suspended, as many a sync as the request
 * budget allows (styles, formats and values of a national file do not fit
 * one request); recursion keeps the syncs out of loops over rows.
 */
export async function runActions(
  context: Excel.RequestContext,
  actions: Action[],
  onDone?: (done: number, total: number) => void,
  budget = PAYLOAD.request,
): Promise<void> {
  const step = async (i: number): Promise<void> => {
    if (i >= actions.length) return;
    context.workbook.application.suspendApiCalculationUntilNextSync();
    let bytes = 0;
    let j = i;
    while (j < actions.length && (j === i || bytes + actions[j].bytes <= budget)) {
      actions[j].queue();
      bytes += actions[j].bytes;
      j++;
    }
    await context.sync();
    onDone?.(j, actions.length);
    return step(j);
  };
  await step(0);
}
