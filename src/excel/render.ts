/**
 * The pieces both Office.js writers share: a Block as 2-D arrays (each text
 * cell formatted «@» before its value, so «=HYPERLINK(…)» or «+7…» stays
 * text), named styles as Excel formats, native conditional formats.
 */
import { Block, cellFormat, CellStyle, COLORS, ConditionalFormatSpec, Rect, SpecValue, StyleRange, styleOf } from "../core";
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

function formulaOf(value: SpecValue): OfficeCell {
  if (value === null) return "";
  if ("text" in value) return value.text;
  if ("number" in value) return Number.isFinite(value.number) ? value.number : "";
  if ("bool" in value) return value.bool;
  return `=${value.formula.replace(/^=/, "")}`;
}

function coversCell(r: Rect, row: number, column: number): boolean {
  return row >= r.row && row < r.row + r.rows && column >= r.column && column < r.column + r.columns;
}

/** Styles that set a number format, by the rows they cover, so each cell looks at a few rather than all. */
function formatsByRow(styles: StyleRange[], first: number, last: number): Map<number, StyleRange[]> {
  const byRow = new Map<number, StyleRange[]>();
  for (const s of styles) {
    if (s.numberFormat === undefined) continue;
    for (let r = Math.max(first, s.row); r <= Math.min(last, s.row + s.rows - 1); r++) {
      const list = byRow.get(r);
      if (list) list.push(s);
      else byRow.set(r, [s]);
    }
  }
  return byRow;
}

/**
 * Consecutive one-row blocks (a sheet described row by row) as one rectangle,
 * so they go to Excel as one 2-D write instead of a range per row. The gaps
 * are nulls, written as empty cells: the writer fills new or cleared sheets only.
 */
export function mergeRows(blocks: Block[]): Block[] {
  const sorted = [...blocks].sort((a, b) => a.row - b.row || a.column - b.column);
  const out: Block[] = [];
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
    if (run.length > 0 && b.row !== end) flush();
    const width = b.values.reduce((w, r) => Math.max(w, r.length), 0);
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

/** The block as chunks whose request stays under the budget, one sync each. */
export function blockChunks(block: Block, styles: StyleRange[], budget = PAYLOAD.request): CellChunk[] {
  const width = block.values.reduce((w, row) => Math.max(w, row.length), 0);
  if (width === 0) return [];
  const byRow = formatsByRow(styles, block.row, block.row + block.values.length - 1);
  const formulas: OfficeCell[][] = [];
  const formats: string[][] = [];
  const rowBytes: number[] = [];
  block.values.forEach((row, i) => {
    const r = block.row + i;
    const f: OfficeCell[] = [];
    const n: string[] = [];
    const formatted = byRow.get(r) ?? [];
    for (let j = 0; j < width; j++) {
      const value = row[j] ?? null;
      const c = block.column + j;
      let styleFormat: string | undefined;
      for (const s of formatted) if (coversCell(s, r, c)) styleFormat = s.numberFormat;
      f.push(formulaOf(value));
      n.push(cellFormat(value, styleFormat));
    }
    formulas.push(f);
    formats.push(n);
    rowBytes.push(jsonBytes(f) + jsonBytes(n));
  });
  return chunkRows(rowBytes, budget).map(({ start, count }) => ({
    row: block.row + start,
    column: block.column,
    formulas: formulas.slice(start, start + count),
    formats: formats.slice(start, start + count),
    bytes: rowBytes.slice(start, start + count).reduce((a, b) => a + b, 0),
  }));
}

/** Number formats first, then values: the order Excel needs to keep text as text. */
export function queueChunk(sheet: Excel.Worksheet, chunk: CellChunk): void {
  const range = sheet.getRangeByIndexes(chunk.row, chunk.column, chunk.formulas.length, chunk.formulas[0].length);
  range.numberFormat = chunk.formats;
  range.formulas = chunk.formulas;
}

const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const;

function isCoveredByBlock(s: Rect, blocks: Block[]): boolean {
  return blocks.some((b) => {
    const width = b.values.reduce((w, row) => Math.max(w, row.length), 0);
    return s.row >= b.row && s.column >= b.column && s.row + s.rows <= b.row + b.values.length && s.column + s.columns <= b.column + width;
  });
}

/** What queueStyle puts in a request: its property sets, each an action, and any number-format matrix. */
export function styleBytes(s: StyleRange, blocks: Block[]): number {
  const p = styleOf(s);
  const sets =
    Object.keys(p).filter((k) => k !== "border" && k !== "numberFormat" && p[k as keyof CellStyle] !== undefined).length +
    (p.border ? 12 : 0);
  const formats = s.numberFormat !== undefined && !isCoveredByBlock(s, blocks) ? s.rows * s.columns * (s.numberFormat.length + 3) : 0;
  return (sets + 1) * ACTION_BYTES + formats;
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

/** A named style on its rect; its number format only where no block sets formats cell by cell. */
export function queueStyle(sheet: Excel.Worksheet, s: StyleRange, blocks: Block[]): void {
  if (s.rows <= 0 || s.columns <= 0) return;
  const range = sheet.getRangeByIndexes(s.row, s.column, s.rows, s.columns);
  queueFormat(range, styleOf(s), s.rows, s.columns);
  if (s.numberFormat !== undefined && !isCoveredByBlock(s, blocks)) {
    range.numberFormat = Array.from({ length: s.rows }, () => Array.from({ length: s.columns }, () => s.numberFormat as string));
  }
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

export function chunkAction(sheet: Excel.Worksheet, chunk: CellChunk): Action {
  return { bytes: chunk.bytes + 3 * ACTION_BYTES, queue: () => queueChunk(sheet, chunk) };
}

export function styleAction(sheet: Excel.Worksheet, s: StyleRange, blocks: Block[]): Action {
  return { bytes: styleBytes(s, blocks), queue: () => queueStyle(sheet, s, blocks) };
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
