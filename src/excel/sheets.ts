/**
 * The Office.js writer of a SheetSpec (core's one description of a generated
 * sheet): creates the sheet, or regenerates it in place keeping what users
 * typed into its input cells, and records it as the add-in's.
 */
import { ChartSpec, Rect, SheetSpec, SpecValue, ValidationSpec } from "../core";
import { quoteSheet } from "./address";
import { ExcelHostError, HOST_MESSAGES } from "./errors";
import { blockChunks, queueColumnWidth, queueConditionalFormats, queueStyle, writeChunks } from "./render";
import { nextRecordName, queueRecords, sameSheet, sheetComment } from "./record";

export interface WriteSheetOptions {
  /** An earlier run made this sheet: «ask» returns without writing, «replace» regenerates it in place. */
  regenerate: "ask" | "replace";
  /** Print setup needs ExcelApi 1.9; without it the sheet is written and printing left as is. */
  print: boolean;
  activate?: boolean;
}

export type WriteSheetOutcome =
  { kind: "written"; sheet: string; created: boolean; keptInputs: number; printSetup: boolean } | { kind: "exists"; sheet: string };

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/g;

/** A sheet name no other sheet has (Excel compares them ignoring case), at most 31 characters. */
export function freeSheetName(wanted: string, taken: string[]): string {
  const base =
    wanted
      .replace(INVALID_SHEET_CHARS, " ")
      .replace(/^'+|'+$/g, "")
      .slice(0, 31)
      .trim() || "ШНОР";
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

export interface KeptCell {
  row: number;
  column: number;
  value: SpecValue;
}

/**
 * What users typed into the kept columns of the old sheet, moved to the rows
 * where the same key lands in the new description.
 */
export function keptCells(spec: SheetSpec, oldValues: unknown[][], oldFormulas: unknown[][], oldTop: number, oldLeft: number): KeptCell[] {
  const kept = spec.keptInputs;
  if (!kept) return [];
  const at = (grid: unknown[][], row: number, column: number) => grid[row - oldTop]?.[column - oldLeft];
  const byKey = new Map<string, Map<number, SpecValue>>();
  for (let row = Math.max(kept.firstRow, oldTop); row < oldTop + oldValues.length; row++) {
    const key = String(at(oldValues, row, kept.keyColumn) ?? "").trim();
    if (!key || byKey.has(key)) continue;
    const cells = new Map<number, SpecValue>();
    for (const column of kept.columns) {
      const value = at(oldValues, row, column);
      const formula = at(oldFormulas, row, column);
      if (typeof formula === "string" && formula.startsWith("=") && formula !== value) cells.set(column, { formula: formula.slice(1) });
      else if (typeof value === "number") cells.set(column, { number: value });
      else if (typeof value === "boolean") cells.set(column, { bool: value });
      else if (typeof value === "string" && value !== "") cells.set(column, { text: value });
    }
    if (cells.size > 0) byKey.set(key, cells);
  }
  const out: KeptCell[] = [];
  const seen = new Set<string>();
  for (const block of spec.blocks) {
    block.values.forEach((row, i) => {
      const r = block.row + i;
      const keyCell = row[kept.keyColumn - block.column];
      if (r < kept.firstRow || !keyCell) return;
      const key = ("text" in keyCell ? keyCell.text : "number" in keyCell ? String(keyCell.number) : "").trim();
      const cells = byKey.get(key);
      if (!cells || seen.has(key)) return;
      seen.add(key);
      for (const [column, value] of cells) out.push({ row: r, column, value });
    });
  }
  return out;
}

function queueValidation(sheet: Excel.Worksheet, v: ValidationSpec): void {
  const dv = sheet.getRangeByIndexes(v.row, v.column, v.rows, v.columns).dataValidation;
  const rule = v.rule;
  if (rule.kind === "list") dv.rule = { list: { inCellDropDown: true, source: rule.items.join(",") } };
  else {
    const max = rule.maxFormula !== undefined ? `=${rule.maxFormula.replace(/^=/, "")}` : rule.max;
    const basic: Excel.BasicDataValidation =
      max === undefined
        ? { formula1: rule.min, operator: "GreaterThanOrEqualTo" }
        : { formula1: rule.min, formula2: max, operator: "Between" };
    dv.rule = rule.kind === "decimal" ? { decimal: basic } : { wholeNumber: basic };
  }
  dv.errorAlert = { message: v.errorMessage, showAlert: true, style: "Stop", title: "ШНОР-монитор" };
  if (v.prompt) dv.prompt = { message: v.prompt, showPrompt: true, title: "" };
}

function rangeOf(sheet: Excel.Worksheet, r: Rect): Excel.Range {
  return sheet.getRangeByIndexes(r.row, r.column, r.rows, r.columns);
}

function queueChart(sheet: Excel.Worksheet, c: ChartSpec): void {
  if (c.series.length === 0) return;
  const chart = sheet.charts.add(
    c.type === "barClustered" ? "BarClustered" : "ColumnClustered",
    rangeOf(sheet, c.series[0].values),
    "Columns",
  );
  chart.title.text = c.title;
  const first = chart.series.getItemAt(0);
  first.name = c.series[0].name;
  first.setXAxisValues(rangeOf(sheet, c.categories));
  for (const s of c.series.slice(1)) {
    const series = chart.series.add(s.name);
    series.setValues(rangeOf(sheet, s.values));
    series.setXAxisValues(rangeOf(sheet, c.categories));
  }
  chart.setPosition(rangeOf(sheet, { row: c.anchor.row, column: c.anchor.column, rows: 1, columns: 1 }));
}

/** Everything but values: merges, validation, conditional formats, print setup, charts, frozen rows. */
function queueLayout(sheet: Excel.Worksheet, spec: SheetSpec, print: boolean): boolean {
  spec.columnWidths.forEach((w, column) => {
    if (w > 0) queueColumnWidth(sheet, column, w);
  });
  for (const s of spec.styles) queueStyle(sheet, s, spec.blocks);
  for (const m of spec.merges) rangeOf(sheet, m).merge(false);
  for (const v of spec.validations) queueValidation(sheet, v);
  queueConditionalFormats(sheet, spec.conditionalFormats);
  if (spec.freezeRows) sheet.freezePanes.freezeRows(spec.freezeRows);
  for (const c of spec.charts) queueChart(sheet, c);
  if (!spec.print || !print) return false;
  const layout = sheet.pageLayout;
  layout.orientation = spec.print.orientation === "landscape" ? "Landscape" : "Portrait";
  layout.paperSize = "A4";
  layout.zoom = { horizontalFitToPages: spec.print.fitToWidth, verticalFitToPages: spec.print.fitToHeight };
  if (spec.print.repeatRows) layout.setPrintTitleRows(`$${spec.print.repeatRows.first + 1}:$${spec.print.repeatRows.last + 1}`);
  return true;
}

function loadCharts(sheet: Excel.Worksheet): Excel.ChartCollection {
  const charts = sheet.charts;
  charts.load("items/name");
  return charts;
}

export async function writeSheet(context: Excel.RequestContext, spec: SheetSpec, options: WriteSheetOptions): Promise<WriteSheetOutcome> {
  const records = queueRecords(context);
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();

  const recs = records.read();
  const names = worksheets.items.map((ws) => ws.name);
  const record = recs.sheets.find(
    (s) => s.kind === spec.kind && (s.made === undefined || sameSheet(s.made, spec.name)) && names.some((n) => sameSheet(n, s.sheet)),
  );
  if (record && options.regenerate === "ask") return { kind: "exists", sheet: record.sheet as string };

  let kept: ReturnType<typeof keptCells> = [];
  let sheet: Excel.Worksheet;
  let created = false;
  let recordItem: Excel.NamedItem | null = null;
  if (record) {
    sheet = worksheets.getItem(record.sheet as string);
    sheet.load("protection/protected");
    const used = sheet.getUsedRangeOrNullObject(true);
    if (spec.keptInputs) used.load("values,formulas,rowIndex,columnIndex");
    const charts = loadCharts(sheet);
    await context.sync();
    if (sheet.protection.protected) throw new ExcelHostError("protected", HOST_MESSAGES.protectedSheet(record.sheet as string));
    if (spec.keptInputs && !used.isNullObject) kept = keptCells(spec, used.values, used.formulas, used.rowIndex, used.columnIndex);
    // In place, so formulas elsewhere that point at this sheet keep working.
    for (const chart of charts.items) chart.delete();
    sheet.getRange().conditionalFormats.clearAll();
    sheet.getRange().dataValidation.clear();
    sheet.getRange().unmerge();
    sheet.freezePanes.unfreeze();
    sheet.getRange().clear("All");
    // Formulas of other generated sheets name this one as described: a renamed sheet takes its name back.
    if (!sameSheet(record.sheet, spec.name) && !names.some((n) => sameSheet(n, spec.name))) sheet.name = spec.name;
  } else {
    sheet = worksheets.add(freeSheetName(spec.name, names));
    created = true;
    // Records of this sheet whose sheet is gone (deleted by the user) are dropped.
    for (const stale of recs.sheets.filter((s) => s.kind === spec.kind && (s.made === undefined || sameSheet(s.made, spec.name))))
      context.workbook.names.getItem(stale.name).delete();
    recordItem = context.workbook.names.add(nextRecordName(recs, "sheet"), sheet.getRange("A1"), sheetComment(spec.kind, spec.name));
    recordItem.visible = false;
  }
  sheet.load("name");

  const chunks = spec.blocks.flatMap((b) => blockChunks(b, spec.styles));
  const keptChunks = kept.flatMap((k) => blockChunks({ row: k.row, column: k.column, values: [[k.value]] }, spec.styles));
  try {
    context.workbook.application.suspendApiCalculationUntilNextSync();
    const printed = queueLayout(sheet, spec, options.print);
    await writeChunks(context, sheet, [...chunks, ...keptChunks]);
    if (options.activate) sheet.activate();
    context.workbook.application.calculate("Recalculate");
    await context.sync();
    return { kind: "written", sheet: sheet.name, created, keptInputs: kept.length, printSetup: printed };
  } catch (error) {
    // A new sheet that failed half-way is removed; a regenerated one is rewritten by the next attempt.
    if (created) {
      recordItem?.delete();
      sheet.delete();
      await context.sync().catch(() => undefined);
    }
    throw error;
  }
}

/** For messages: «'Показатели'!A1». */
export function sheetLink(name: string): string {
  return `${quoteSheet(name)}!A1`;
}
