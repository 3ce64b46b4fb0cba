/**
 * The exceljs writer of SheetSpec and MarkSpec: values, named styles, merges,
 * validation, conditional formats, print setup and frozen rows, as the
 * Office.js writer renders the same descriptions in Excel. Charts cannot be
 * drawn here: their fallback text is written at the anchor instead.
 */
import ExcelJS from "exceljs";
import { a1, COLORS, ConditionalFormatSpec, MarkSpec, rectA1, SheetSpec, SpecValue, StyleName, StyleRange, ValidationSpec } from "../core";

const GREY = "FF595959";
const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFA6A6A6" } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

function solid(rgb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb: `FF${rgb}` }, bgColor: { argb: `FF${rgb}` } };
}

interface NamedStyle {
  font?: Partial<ExcelJS.Font>;
  fill?: ExcelJS.Fill;
  border?: Partial<ExcelJS.Borders>;
  alignment?: Partial<ExcelJS.Alignment>;
}

export const NAMED_STYLES: Record<StyleName, NamedStyle> = {
  title: { font: { bold: true, size: 14 }, alignment: { vertical: "middle" } },
  subtitle: { font: { italic: true, color: { argb: GREY } }, alignment: { vertical: "top" } },
  header: { font: { bold: true }, fill: solid(COLORS.header), border: BORDER, alignment: { wrapText: true, vertical: "middle" } },
  cell: { border: BORDER, alignment: { vertical: "top" } },
  input: { border: BORDER, fill: solid(COLORS.input), alignment: { vertical: "top" } },
  computed: { border: BORDER, fill: solid(COLORS.computed), alignment: { vertical: "top" } },
  low: { border: BORDER, fill: solid(COLORS.low), font: { color: { argb: `FF${COLORS.lowFont}` } } },
  shnor: { fill: solid(COLORS.shnor) },
  risk: { fill: solid(COLORS.risk) },
  note: { font: { size: 9, color: { argb: GREY } } },
};

/** Writes a value; text stays text even when it starts with «=». */
export function cellValue(value: SpecValue): ExcelJS.CellValue | undefined {
  if (value === null) return undefined;
  if ("text" in value) return value.text;
  if ("number" in value) return value.number;
  if ("bool" in value) return value.bool;
  // No cached result: every spreadsheet program computes the formula when it opens the book.
  return { formula: value.formula } as ExcelJS.CellFormulaValue;
}

/** Lays one style range over what the cell has: fonts and alignments merge, fills and borders replace. */
function applyStyle(cell: ExcelJS.Cell, range: StyleRange): void {
  const named = NAMED_STYLES[range.style];
  if (named.font || range.bold !== undefined)
    cell.font = { ...cell.font, ...named.font, ...(range.bold !== undefined ? { bold: range.bold } : {}) };
  if (named.fill) cell.fill = { ...named.fill };
  if (named.border) cell.border = { ...named.border };
  const alignment: Partial<ExcelJS.Alignment> = { ...cell.alignment, ...named.alignment };
  if (range.wrap !== undefined) alignment.wrapText = range.wrap;
  if (range.align) alignment.horizontal = range.align;
  if (Object.keys(alignment).length > 0) cell.alignment = alignment;
  if (range.numberFormat) cell.numFmt = range.numberFormat;
}

function eachCell(
  ws: ExcelJS.Worksheet,
  r: { row: number; column: number; rows: number; columns: number },
  f: (cell: ExcelJS.Cell) => void,
) {
  for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.columns; j++) f(ws.getCell(r.row + i + 1, r.column + j + 1));
}

/** «D10» for one cell, «D10:E12» for more: Excel's own form in sqref. */
function ref(r: { row: number; column: number; rows: number; columns: number }): string {
  return r.rows === 1 && r.columns === 1 ? a1(r.row, r.column) : rectA1(r);
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
  const style: Partial<ExcelJS.Style> = { fill: { type: "pattern", pattern: "solid", bgColor: { argb: `FF${f.fill}` } } };
  if (f.fontColor) style.font = { color: { argb: `FF${f.fontColor}` } };
  return {
    ref: ref(f),
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

/** Renders a sheet description into a new worksheet of the book. */
export function writeSheetSpec(wb: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(spec.name);
  spec.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const block of spec.blocks)
    block.values.forEach((line, i) =>
      line.forEach((value, j) => {
        const v = cellValue(value);
        if (v !== undefined) ws.getCell(block.row + i + 1, block.column + j + 1).value = v;
      }),
    );
  for (const s of spec.styles) eachCell(ws, s, (cell) => applyStyle(cell, s));
  for (const m of spec.merges) ws.mergeCells(m.row + 1, m.column + 1, m.row + m.rows, m.column + m.columns);
  // exceljs takes a range here (its typings only know cell.dataValidation).
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  for (const v of spec.validations) validations.add(ref(v), validation(v));
  addConditionalFormats(ws, spec.conditionalFormats);
  for (const chart of spec.charts) {
    const cell = ws.getCell(chart.anchor.row + 1, chart.anchor.column + 1);
    cell.value = chart.fallbackText;
    applyStyle(cell, { ...chart.anchor, rows: 1, columns: 1, style: "note" });
  }
  if (spec.print) {
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9, // A4
      orientation: spec.print.orientation,
      fitToPage: true,
      fitToWidth: spec.print.fitToWidth,
      fitToHeight: spec.print.fitToHeight,
      ...(spec.print.repeatRows ? { printTitlesRow: `${spec.print.repeatRows.first + 1}:${spec.print.repeatRows.last + 1}` } : {}),
    };
  }
  if (spec.freezeRows) ws.views = [{ state: "frozen", ySplit: spec.freezeRows, xSplit: 0 }];
  fitRowHeights(ws, spec);
  return ws;
}

/**
 * Excel keeps the default height for rows a file gives none, so wrapped text
 * would show one line: estimate the lines from the column widths.
 */
function fitRowHeights(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  const widthOf = (row: number, column: number): number => {
    const merge = spec.merges.find((m) => row >= m.row && row < m.row + m.rows && column >= m.column && column < m.column + m.columns);
    if (merge && merge.rows > 1) return Number.POSITIVE_INFINITY; // tall merges have room
    const from = merge ? merge.column : column;
    const to = merge ? merge.column + merge.columns : column + 1;
    let w = 0;
    for (let c = from; c < to; c++) w += spec.columnWidths[c] ?? 9;
    return w;
  };
  /** Wrap and font size as the spec's styles leave a cell: later ranges win, as when writing. */
  const look = (row: number, column: number) => {
    let wrap = false;
    let size = 11;
    for (const s of spec.styles) {
      if (row < s.row || row >= s.row + s.rows || column < s.column || column >= s.column + s.columns) continue;
      const named = NAMED_STYLES[s.style];
      if (named.alignment?.wrapText !== undefined) wrap = named.alignment.wrapText;
      if (s.wrap !== undefined) wrap = s.wrap;
      if (named.font?.size) size = named.font.size;
    }
    return { wrap, size };
  };
  for (const block of spec.blocks)
    block.values.forEach((line, i) => {
      const row = block.row + i;
      let lines = 1;
      let size = 11;
      line.forEach((value, j) => {
        if (value === null || !("text" in value)) return;
        const style = look(row, block.column + j);
        size = Math.max(size, style.size);
        if (!style.wrap) return;
        const width = widthOf(row, block.column + j);
        if (!Number.isFinite(width)) return;
        const perLine = Math.max(1, Math.floor(width * 1.25));
        const count = value.text.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
        lines = Math.max(lines, count);
      });
      if (lines > 1 || size > 11) ws.getRow(row + 1).height = Math.min(409, Math.ceil(lines * size * 1.35));
    });
}

/** The status and reasons columns and the conditional formats, on the copy of the user's sheet. */
export function writeMarks(ws: ExcelJS.Worksheet, marks: MarkSpec): void {
  for (const { column, width } of marks.columnWidths) ws.getColumn(column + 1).width = width;
  marks.block.values.forEach((line, i) =>
    line.forEach((value, j) => {
      const cell = ws.getCell(marks.block.row + i + 1, marks.block.column + j + 1);
      const v = cellValue(value);
      cell.value = v === undefined ? null : v;
    }),
  );
  for (const s of marks.styles) eachCell(ws, s, (cell) => applyStyle(cell, s));
  addConditionalFormats(ws, marks.conditionalFormats);
}
