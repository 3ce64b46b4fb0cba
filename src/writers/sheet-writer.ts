/**
 * The exceljs writer of SheetSpec and MarkSpec. What a sheet holds and how it
 * looks is decided in core (the spec, STYLES, fitSheet); this file only
 * translates it to exceljs: values, resolved cell styles, merges, validation,
 * conditional formats, print setup, frozen rows, widths and heights. The
 * same code renders into exceljs's streaming writer (the command) and its
 * in-memory workbook (the page): rows in order, each committed.
 *
 * It cannot draw charts: where a sheet has one, it writes the chart's
 * fallback line in the row the description keeps for it.
 */
import { escapeOoxml } from "../io/formats";
import { pushAll } from "../core/arrays";
import ExcelJS from "exceljs";
import {
  blockHeight,
  blockRow,
  CellStyle,
  cellFormat,
  ChartSpec,
  COLORS,
  ConditionalFormatSpec,
  DEFAULT_FONT,
  fitSheet,
  columnName,
  MarkSpec,
  PagePrint,
  refA1,
  SHEET_MARGINS,
  SheetFit,
  sheetPrint,
  SheetSpec,
  SpecValue,
  StyleIndex,
  StyleRange,
  ValidationSpec,
} from "../core";

/** What this writer can do: no charts (a line stands in their place). */
export const CAPABILITIES = { charts: false } as const;

/** The line written in the row a chart's description keeps for a writer that cannot draw it. */
export function chartFallbackText(chart: ChartSpec): string {
  return (
    `Диаграмма «${chart.title}» в этой книге не построена. Она есть в «Аналитической справке» Word; ` +
    "в Excel её строит надстройка ШНОР-монитор (раздел «Документы»), а вручную — Вставка → Диаграмма по таблице выше."
  );
}

const argb = (rgb: string) => ({ argb: `FF${rgb}` });
const thin: Partial<ExcelJS.Border> = { style: "thin", color: argb(COLORS.border) };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** A resolved style and number format as exceljs's cell style. */
export function excelStyle(s: CellStyle, numFmt: string): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  if (s.bold !== undefined || s.italic !== undefined || s.size !== undefined || s.fontColor !== undefined) {
    const font: Partial<ExcelJS.Font> = { name: DEFAULT_FONT.name, size: s.size ?? DEFAULT_FONT.size };
    if (s.bold) font.bold = true;
    if (s.italic) font.italic = true;
    if (s.fontColor) font.color = argb(s.fontColor);
    style.font = font;
  }
  if (s.fill) style.fill = { type: "pattern", pattern: "solid", fgColor: argb(s.fill), bgColor: argb(s.fill) };
  if (s.border) style.border = BORDER;
  if (s.wrap !== undefined || s.horizontal || s.vertical) {
    const alignment: Partial<ExcelJS.Alignment> = {};
    if (s.wrap) alignment.wrapText = true;
    if (s.horizontal) alignment.horizontal = s.horizontal;
    if (s.vertical) alignment.vertical = s.vertical;
    style.alignment = alignment;
  }
  if (numFmt !== "General") style.numFmt = numFmt;
  return style;
}

/** One exceljs style object a look: cells share it, as exceljs shares them when it writes. */
class StyleCache {
  private readonly cache = new Map<string, Partial<ExcelJS.Style>>();
  get(s: CellStyle, numFmt: string): Partial<ExcelJS.Style> {
    const key = JSON.stringify(s) + numFmt;
    let style = this.cache.get(key);
    if (!style) {
      style = excelStyle(s, numFmt);
      this.cache.set(key, style);
    }
    return style;
  }
}

/** Writes a value; text stays text even when it starts with «=», and exactly as written (escapeOoxml). */
export function cellValue(value: SpecValue): ExcelJS.CellValue | undefined {
  if (value === null) return undefined;
  if ("text" in value) return escapeOoxml(value.text);
  if ("number" in value) return value.number;
  if ("bool" in value) return value.bool;
  // No cached result: every spreadsheet program computes the formula when it opens the book. The
  // description's own value is given (exceljs copies what it takes; nothing changes it).
  return value as ExcelJS.CellFormulaValue;
}

export interface RowCell {
  /** 0-based. */
  column: number;
  value: ExcelJS.CellValue | undefined;
  style: Partial<ExcelJS.Style>;
}

/** The rows to write: every row of a block or a style range, as sorted spans (they may overlap). */
function rowSpans(blocks: { block: { row: number }; end: number }[], styles: StyleRange[]): number[][] {
  return [
    ...blocks.filter((b) => b.end > b.block.row).map((b) => [b.block.row, b.end - 1]),
    ...styles.filter((s) => s.rows > 0).map((s) => [s.row, s.row + s.rows - 1]),
  ].sort((a, b) => a[0] - b[0]);
}

/**
 * A cell's look depends only on the ranges over it: the ranges over a row are one array for a stretch of rows
 * (StyleIndex), so a look is worked out once per stretch, column and kind of value, not once per cell.
 */
class StretchLooks {
  private readonly cache = new StyleCache();
  private readonly looks = new Map<readonly StyleRange[], Map<number, Partial<ExcelJS.Style>>>();
  private readonly covered = new Map<readonly StyleRange[], number[]>();
  private readonly coveredSets = new Map<number[], Set<number>>();
  constructor(private readonly index: StyleIndex) {}

  styleAt(row: number, column: number, value: SpecValue, ranges: readonly StyleRange[]): Partial<ExcelJS.Style> {
    const kind = value === null ? 0 : "text" in value ? 1 : 2;
    let byColumn = this.looks.get(ranges);
    if (!byColumn) this.looks.set(ranges, (byColumn = new Map()));
    let style = byColumn.get(column * 3 + kind);
    if (!style) {
      const look = this.index.at(row, column);
      byColumn.set(column * 3 + kind, (style = this.cache.get(look, cellFormat(value, look.numberFormat))));
    }
    return style;
  }

  /** The columns the ranges of a stretch cover, in order. */
  coveredBy(ranges: readonly StyleRange[]): number[] {
    let columns = this.covered.get(ranges);
    if (!columns) {
      const set = new Set<number>();
      for (const r of ranges) for (let c = r.column; c < r.column + r.columns; c++) set.add(c);
      this.covered.set(ranges, (columns = [...set].sort((a, b) => a - b)));
      this.coveredSets.set(columns, set);
    }
    return columns;
  }

  /** Whether every one of `columns` is among the covered ones (`covered`, from coveredBy). */
  allCovered(covered: number[], columns: readonly number[]): boolean {
    const set = this.coveredSets.get(covered);
    if (!set) return false;
    for (const c of columns) if (!set.has(c)) return false;
    return true;
  }
}

/**
 * The sheet's rows in order, each with the cells that have a value or a style:
 * values read from the blocks as the rows are swept (never copied whole; a lazy
 * block, a region's million dynamics rows, makes each row only when it is reached), styles resolved through one
 * index of the style ranges. Where blocks overlap, the later block's cell wins.
 * With `reuse`, each row is given in the same array of the same cell objects, refilled for the
 * next row: for a reader that is done with a row before it asks for the next (the direct rows).
 */
export function* rowsOf(spec: Pick<SheetSpec, "blocks" | "styles">, reuse = false): Generator<{ row: number; cells: RowCell[] }> {
  const blocks = spec.blocks
    .map((block, order) => ({ block, order, end: block.row + blockHeight(block) }))
    .sort((a, b) => a.block.row - b.block.row || a.order - b.order);
  const spans = rowSpans(blocks, spec.styles);
  const index = new StyleIndex(spec.styles);
  const looks = new StretchLooks(index);
  const NONE: readonly StyleRange[] = [];
  // A row's values by column and the order of the block that set each (-1: none), kept across rows; only the columns a row set are cleared.
  const values: SpecValue[] = [];
  const orders: number[] = [];
  const set: number[] = [];
  // Columns with a value, and the row's cells when reused.
  const columns: number[] = [];
  const reused: RowCell[] = [];
  const given = { row: 0, cells: reused };
  let next = 0;
  let active: typeof blocks = [];
  let done = -1;
  for (const [from, to] of spans) {
    for (let row = Math.max(from, done + 1); row <= to; row++) {
      for (; next < blocks.length && blocks[next].block.row <= row; next++) active.push(blocks[next]);
      if (active.some(({ end }) => end <= row)) active = active.filter(({ end }) => end > row);
      for (const { block, order } of active) {
        // A lazy block makes the row now: it is never held whole.
        const line = blockRow(block, row - block.row);
        for (let j = 0; j < line.length; j++) {
          const column = block.column + j;
          const held = orders[column] ?? -1;
          if (held < 0) set.push(column);
          else if (held >= order) continue;
          orders[column] = order;
          values[column] = line[j];
        }
      }
      const rangesOn = index.rangesOn(row);
      const ranges = rangesOn.length === 0 ? NONE : rangesOn;
      const styled = looks.coveredBy(ranges);
      // Columns with a value, and the columns a style range covers, in order.
      columns.length = 0;
      for (const c of set) if (values[c] !== null) columns.push(c);
      let merged: number[];
      if (styled.length === 0) merged = columns.sort((a, b) => a - b);
      else if (columns.length === 0 || looks.allCovered(styled, columns)) merged = styled;
      else merged = [...new Set([...columns, ...styled])].sort((a, b) => a - b);
      const cells: RowCell[] = reuse ? reused : [];
      cells.length = merged.length;
      for (let k = 0; k < merged.length; k++) {
        const column = merged[k];
        const value = (orders[column] ?? -1) < 0 ? null : values[column];
        const made = cellValue(value);
        const style = looks.styleAt(row, column, value, ranges);
        const cell = reuse ? cells[k] : undefined;
        if (cell) {
          cell.column = column;
          cell.value = made;
          cell.style = style;
        } else cells[k] = { column, value: made, style };
      }
      for (const c of set) orders[c] = -1;
      set.length = 0;
      if (!reuse) yield { row, cells };
      else {
        given.row = row;
        yield given;
      }
    }
    done = Math.max(done, to);
  }
}

function validation(v: ValidationSpec): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: "stop" as const,
    errorTitle: "ШНОР-монитор",
    error: v.errorMessage,
    ...(v.prompt ? { showInputMessage: true, prompt: v.prompt } : {}),
  };
  const rule = v.rule;
  if (rule.kind === "list") return { ...common, type: "list", formulae: [`"${rule.items.join(",")}"`] };
  const max = rule.maxFormula ?? (rule.max !== undefined ? rule.max : undefined);
  const type = rule.kind === "decimal" ? "decimal" : "whole";
  if (max === undefined) return { ...common, type, operator: "greaterThanOrEqual", formulae: [rule.min] };
  return { ...common, type, operator: "between", formulae: [rule.min, max] };
}

function conditionalFormat(f: ConditionalFormatSpec): ExcelJS.ConditionalFormattingOptions {
  const style: Partial<ExcelJS.Style> = { fill: { type: "pattern", pattern: "solid", bgColor: argb(f.fill) } };
  if (f.fontColor) style.font = { color: argb(f.fontColor) };
  return {
    ref: refA1(f),
    rules: [{ type: "expression", formulae: [f.formula], style, priority: f.priority, ...(f.stopIfTrue ? { stopIfTrue: true } : {}) }],
  };
}

/**
 * In priority order: Excel follows the priority numbers, but LibreOffice lets
 * the first overlapping range in the file win, so the order has to say the same.
 */
function addConditionalFormats(ws: ExcelJS.Worksheet, formats: ConditionalFormatSpec[]): void {
  const sorted = formats.map((f, i) => ({ f, i })).sort((a, b) => a.f.priority - b.f.priority || a.i - b.i);
  for (const { f } of sorted) ws.addConditionalFormatting(conditionalFormat(f));
}

/** A writer without charts writes each chart's line in the row kept for it, across the table. */
function withChartFallbacks(spec: SheetSpec): SheetSpec {
  if (CAPABILITIES.charts || spec.charts.length === 0) return spec;
  return {
    ...spec,
    blocks: [...spec.blocks, ...spec.charts.map((c) => ({ ...c.fallback, values: [[{ text: chartFallbackText(c) } as SpecValue]] }))],
    styles: [...spec.styles, ...spec.charts.map((c) => ({ ...c.fallback, rows: 1, style: "note" as const, wrap: true }))],
    merges: [...spec.merges, ...spec.charts.filter((c) => c.fallback.columns > 1).map((c) => ({ ...c.fallback, rows: 1 }))],
  };
}

/** exceljs takes a width of exactly 9 for its default and leaves the column out of the file (Excel then shows 8.43). */
function excelJsWidth(w: number): number {
  return w === 9 ? 9.01 : w;
}

/** The page setup of a sheet's print: A4, the margins, fit to width or a scale, the title rows and columns. */
export function pageSetup(print: PagePrint): Partial<ExcelJS.PageSetup> {
  const span = (r: { first: number; last: number }, name: (i: number) => string) => `${name(r.first)}:${name(r.last)}`;
  return {
    paperSize: 9, // A4
    orientation: print.orientation,
    margins: { ...SHEET_MARGINS },
    ...(print.scale === "fitWidth" ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : { fitToPage: false, scale: print.scale }),
    ...(print.repeatRows ? { printTitlesRow: span(print.repeatRows, (r) => String(r + 1)) } : {}),
    ...(print.repeatColumns ? { printTitlesColumn: span(print.repeatColumns, columnName) } : {}),
  };
}

/** Page breaks before these 0-based rows: exceljs keeps them in a list both kinds of worksheet write. */
export function addRowBreaks(ws: ExcelJS.Worksheet, rows: number[] = []): void {
  const breaks = (ws as unknown as { rowBreaks: { id: number; max: number; man: number }[] }).rowBreaks;
  // A break is stored after the row above the one that starts the new page.
  for (const row of rows) if (row > 0) breaks.push({ id: row, max: 16383, man: 1 });
}

/** A described sheet made ready for exceljs once: its line for a chart, widths, heights and print, and the options to create its worksheet with. */
export interface PreparedSheet {
  spec: SheetSpec;
  fit: SheetFit;
  print: PagePrint | undefined;
  /** Print setup and frozen panes: a streaming worksheet writes them when it is created, so they are options of its creation. */
  options: Partial<ExcelJS.AddWorksheetOptions>;
}

export function prepareSheet(spec: SheetSpec): PreparedSheet {
  const full = withChartFallbacks(spec);
  const fit = fitSheet(full);
  const print = sheetPrint(full, fit.columnWidths);
  const options: Partial<ExcelJS.AddWorksheetOptions> = {};
  if (print) options.pageSetup = pageSetup(print);
  if (spec.freezeRows || spec.freezeColumns)
    options.views = [{ state: "frozen", ySplit: spec.freezeRows ?? 0, xSplit: spec.freezeColumns ?? 0 }];
  return { spec: full, fit, print, options };
}

/** A streaming worksheet keeps its merges in a list (an ordinary one in a map by master cell). */
const streaming = (ws: ExcelJS.Worksheet) => Array.isArray((ws as unknown as { _merges: unknown })._merges);

/**
 * Merges one area of a streaming worksheet with its own mergeCells, shown an
 * empty list of earlier merges: it checks each new merge against all of them,
 * which made a sheet with a merge a row quadratic (the description's merges
 * never overlap).
 */
function mergeStreaming(ws: ExcelJS.Worksheet, m: SheetSpec["merges"][number]): void {
  const writer = ws as unknown as { _merges: object[] & { add?: () => void } };
  const all = writer._merges;
  const one: object[] & { add?: () => void } = [];
  one.add = all.add;
  writer._merges = one;
  try {
    ws.mergeCells(m.row + 1, m.column + 1, m.row + m.rows, m.column + m.columns);
  } finally {
    writer._merges = all;
    pushAll(all, one);
  }
}

/** Everything but the cells, print setup and frozen rows: widths, merges, validation, conditional formats. */
function writeLayout(ws: ExcelJS.Worksheet, spec: SheetSpec, columnWidths: number[]): void {
  columnWidths.forEach((w, i) => {
    if (w > 0) ws.getColumn(i + 1).width = excelJsWidth(w);
  });
  // A streaming sheet takes each merge just before its first row (see renderSheetSpec).
  if (!streaming(ws)) for (const m of spec.merges) ws.mergeCells(m.row + 1, m.column + 1, m.row + m.rows, m.column + m.columns);
  // exceljs takes a range here (its typings only know cell.dataValidation).
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  for (const v of spec.validations) validations.add(refA1(v), validation(v));
  addConditionalFormats(ws, spec.conditionalFormats);
}

/** What a streaming writer needs before the first row: widths, merges (an ordinary sheet's), page breaks, validation, conditional formats. */
export function beforeRows(ws: ExcelJS.Worksheet, prepared: PreparedSheet): void {
  writeLayout(ws, prepared.spec, prepared.fit.columnWidths);
  addRowBreaks(ws, prepared.print?.breaks);
}

/**
 * Renders a prepared sheet into the worksheet created with its options: first
 * everything a streaming writer needs before the first row (widths, merges,
 * page breaks, validation, conditional formats), then the rows in order, each
 * committed (a no-op in an ordinary workbook, written out and freed in a
 * streaming one), yielding after each (a streaming writer pauses there).
 */
export function* renderRows(ws: ExcelJS.Worksheet, prepared: PreparedSheet): Generator<void> {
  const { spec: full, fit } = prepared;
  beforeRows(ws, prepared);
  // Merged all at once, a streaming sheet would hold every merged row until its end and commit
  // each through a list as long as the sheet: merges are taken just before their first row instead.
  const pending = streaming(ws) ? [...full.merges].sort((a, b) => a.row - b.row) : [];
  let next = 0;
  const mergeUpTo = (row: number) => {
    for (; next < pending.length && pending[next].row <= row; next++) mergeStreaming(ws, pending[next]);
  };
  for (const { row, cells } of rowsOf(full)) {
    mergeUpTo(row);
    const r = ws.getRow(row + 1);
    for (const c of cells) {
      const cell = r.getCell(c.column + 1);
      if (c.value !== undefined) cell.value = c.value;
      cell.style = c.style;
    }
    const h = fit.rowHeights.get(row);
    if (h !== undefined) r.height = h;
    r.commit();
    yield;
  }
  mergeUpTo(Number.MAX_SAFE_INTEGER);
}

/** A new worksheet of an ordinary (in-memory) workbook with the sheet description rendered. */
export function writeSheetSpec(wb: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const prepared = prepareSheet(spec);
  const ws = wb.addWorksheet(spec.name, prepared.options);
  for (const _ of renderRows(ws, prepared)) void _;
  return ws;
}

/**
 * The status and reasons columns and the conditional formats, for the copy of the
 * user's sheet: `before` sets widths and formats (before any row is written),
 * `row` puts a row's mark cells on the copied row, with a height the reasons need.
 */
export function marksWriter(marks: MarkSpec): {
  before(ws: ExcelJS.Worksheet): void;
  row(r: ExcelJS.Row): void;
  lastRow: number;
  marks(row: number): boolean;
  widths: number[];
} {
  const widths: number[] = [];
  for (const { column, width } of marks.columnWidths) widths[column] = width;
  const fit = fitSheet({
    name: "",
    kind: "",
    columnWidths: widths,
    blocks: [marks.block],
    styles: marks.styles,
    merges: [],
    validations: [],
    conditionalFormats: [],
    charts: [],
  });
  const byRow = new Map<number, RowCell[]>();
  for (const { row, cells } of rowsOf({ blocks: [marks.block], styles: marks.styles })) byRow.set(row, cells);
  const columns = marks.block.values[0]?.length ?? 0;
  return {
    widths: fit.columnWidths,
    lastRow: marks.block.row + marks.block.values.length - 1,
    // A row the source does not have gets one only for a status or a reason (a stray cell at XFD1048576 stretches the table).
    marks: (row) => marks.block.values[row - marks.block.row]?.some((v) => v !== null) === true,
    before(ws) {
      fit.columnWidths.forEach((w, i) => {
        if (w > 0) ws.getColumn(i + 1).width = excelJsWidth(w);
      });
      addConditionalFormats(ws, marks.conditionalFormats);
    },
    row(r) {
      const row = r.number - 1;
      const i = row - marks.block.row;
      if (i < 0 || i >= marks.block.values.length) return;
      // Every cell of the block is written, so an old status of the user's sheet does not survive.
      for (let j = 0; j < columns; j++) r.getCell(marks.block.column + j + 1).value = null;
      for (const c of byRow.get(row) ?? []) {
        const cell = r.getCell(c.column + 1);
        if (c.value !== undefined) cell.value = c.value;
        cell.style = c.style;
      }
      const h = fit.rowHeights.get(row);
      // The user's rows keep their height unless the reasons need more.
      if (h !== undefined && (r.height === undefined || r.height < h)) r.height = h;
    },
  };
}
