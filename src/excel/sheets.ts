/**
 * The Office.js writer of a SheetSpec (core's one description of a generated
 * sheet): creates the sheet, or regenerates it in place keeping what users
 * typed into its input cells, and records it as the add-in's.
 */
import { pushAll } from "../core/arrays";
import { ChartSpec, columnName, fitSheet, Rect, SHEET_MARGINS, SheetSpec, sheetPrint, SpecValue, specRows, ValidationSpec } from "../core";
import { SheetNames } from "../core/documents/names";
import { ExcelHostError, HOST_MESSAGES } from "./errors";
import { jsonBytes, PAYLOAD, utf8Length } from "./budget";
import {
  Action,
  ACTION_BYTES,
  blockChunks,
  chunkAction,
  planChunks,
  conditionalFormatsAction,
  mergeRows,
  heightRuns,
  queueColumnWidth,
  queueRowHeight,
  runActions,
  styleAction,
  styleFormatAction,
} from "./render";
import { nextRecordName, queueRecords, Records, sameSheet, sheetComment, SheetRecord } from "./record";

export interface WriteSheetOptions {
  /** An earlier run made this sheet: «ask» returns without writing, «replace» regenerates it in place. */
  regenerate: "ask" | "replace";
  /** Print setup needs ExcelApi 1.9; without it the sheet is written and printing left as is. */
  print: boolean;
  activate?: boolean;
  /**
   * false: the sheets become the user's (the joined table of «Собрать из выгрузок»): always new,
   * under a free name, not recorded, so no re-run replaces them and «Снять отметки» leaves them.
   */
  record?: boolean;
}

export type WriteSheetOutcome =
  { kind: "written"; sheet: string; created: boolean; keptInputs: number; printSetup: boolean } | { kind: "exists"; sheet: string };

/** A sheet name no other sheet has (Excel compares them ignoring case), at most 31 characters. */
export function freeSheetName(wanted: string, taken: string[]): string {
  return new SheetNames(taken).take(wanted);
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
  for (const { row: r, column: left, values } of specRows(spec)) {
    const keyCell = values[kept.keyColumn - left];
    if (r < kept.firstRow || !keyCell) continue;
    const key = ("text" in keyCell ? keyCell.text : "number" in keyCell ? String(keyCell.number) : "").trim();
    const cells = byKey.get(key);
    if (!cells || seen.has(key)) continue;
    seen.add(key);
    for (const [column, value] of cells) out.push({ row: r, column, value });
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

/** Everything but values, as actions: widths, styles, merges, validation, conditional formats, frozen rows, charts, print setup. */
function layoutActions(sheet: Excel.Worksheet, spec: SheetSpec, print: boolean): { actions: Action[]; printed: boolean } {
  const actions: Action[] = [];
  const one = (queue: () => void, count = 1): void => void actions.push({ bytes: count * ACTION_BYTES, queue });
  const fit = fitSheet(spec);
  fit.columnWidths.forEach((w, column) => {
    if (w > 0) one(() => queueColumnWidth(sheet, column, w));
  });
  for (const run of heightRuns(fit.rowHeights)) one(() => queueRowHeight(sheet, run.row, run.rows, run.height));
  // The styles' own number formats go before the values (see styleFormatAction).
  for (const s of spec.styles) actions.push(styleAction(sheet, s, spec.blocks, false));
  for (const m of spec.merges) one(() => rangeOf(sheet, m).merge(false), 2);
  for (const v of spec.validations)
    actions.push({
      bytes: 4 * ACTION_BYTES + jsonBytes(v.rule) + utf8Length(v.errorMessage + (v.prompt ?? "")),
      queue: () => queueValidation(sheet, v),
    });
  actions.push(conditionalFormatsAction(sheet, spec.conditionalFormats));
  // Rows and columns at once need freezeAt (freezeRows and freezeColumns each replace the panes).
  const [frozenRows, frozenColumns] = [spec.freezeRows ?? 0, spec.freezeColumns ?? 0];
  if (frozenRows > 0 && frozenColumns > 0) one(() => sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, frozenRows, frozenColumns)));
  else if (frozenRows > 0) one(() => sheet.freezePanes.freezeRows(frozenRows));
  else if (frozenColumns > 0) one(() => sheet.freezePanes.freezeColumns(frozenColumns));
  for (const c of spec.charts) one(() => queueChart(sheet, c), 8 + 3 * c.series.length);
  const setup = sheetPrint(spec, fit.columnWidths);
  if (!setup || !print) return { actions, printed: false };
  one(() => {
    const layout = sheet.pageLayout;
    layout.orientation = setup.orientation === "landscape" ? "Landscape" : "Portrait";
    layout.paperSize = "A4";
    // Office.js takes margins in points; the description gives them in inches, as the files store them.
    const points = (inches: number) => Math.round(inches * 7200) / 100;
    layout.leftMargin = points(SHEET_MARGINS.left);
    layout.rightMargin = points(SHEET_MARGINS.right);
    layout.topMargin = points(SHEET_MARGINS.top);
    layout.bottomMargin = points(SHEET_MARGINS.bottom);
    layout.headerMargin = points(SHEET_MARGINS.header);
    layout.footerMargin = points(SHEET_MARGINS.footer);
    layout.zoom = setup.scale === "fitWidth" ? { horizontalFitToPages: 1, verticalFitToPages: 0 } : { scale: setup.scale };
    if (setup.repeatRows) layout.setPrintTitleRows(`$${setup.repeatRows.first + 1}:$${setup.repeatRows.last + 1}`);
    if (setup.repeatColumns)
      layout.setPrintTitleColumns(`$${columnName(setup.repeatColumns.first)}:$${columnName(setup.repeatColumns.last)}`);
    for (const row of setup.breaks ?? []) if (row > 0) sheet.horizontalPageBreaks.add(`A${row + 1}`);
  }, 12);
  return { actions, printed: true };
}

function loadCharts(sheet: Excel.Worksheet): Excel.ChartCollection {
  const charts = sheet.charts;
  charts.load("items/name");
  return charts;
}

interface Planned {
  spec: SheetSpec;
  record: SheetRecord | undefined;
}

/** The earlier record of this sheet: same kind, made under the same name, its sheet still there. */
function recordOf(spec: SheetSpec, records: SheetRecord[], names: string[]): SheetRecord | undefined {
  return records.find(
    (s) => s.kind === spec.kind && (s.made === undefined || sameSheet(s.made, spec.name)) && names.some((n) => sameSheet(n, s.sheet)),
  );
}

type Todo = Planned & { i: number };

interface Probe {
  p: Todo;
  sheet: Excel.Worksheet;
  used: Excel.Range;
  charts: Excel.ChartCollection;
}

/** Earlier versions: protection, what users typed, charts to drop — queued for one sync by the caller. */
function queueProbes(worksheets: Excel.WorksheetCollection, todo: Todo[]): Probe[] {
  return todo
    .filter((p) => p.record)
    .map((p) => {
      const sheet = worksheets.getItem(p.record?.sheet as string);
      sheet.load("protection/protected");
      const used = sheet.getUsedRangeOrNullObject(true);
      if (p.spec.keptInputs) used.load("values,formulas,rowIndex,columnIndex");
      return { p, sheet, used, charts: loadCharts(sheet) };
    });
}

/** Queues the emptying of an earlier version, in place, and returns what users had typed into it. */
function queueClearEarlier(probe: Probe, record: SheetRecord, spec: SheetSpec, taken: string[]): KeptCell[] {
  const { sheet, used, charts } = probe;
  let kept: KeptCell[] = [];
  if (spec.keptInputs && !used.isNullObject) kept = keptCells(spec, used.values, used.formulas, used.rowIndex, used.columnIndex);
  // In place, so formulas elsewhere that point at this sheet keep working.
  for (const chart of charts.items) chart.delete();
  sheet.getRange().conditionalFormats.clearAll();
  sheet.getRange().dataValidation.clear();
  sheet.getRange().unmerge();
  sheet.freezePanes.unfreeze();
  sheet.getRange().clear("All");
  // Formulas of other generated sheets name this one as described: a renamed sheet takes its name back.
  if (!sameSheet(record.sheet, spec.name) && !taken.some((n) => sameSheet(n, spec.name))) sheet.name = spec.name;
  return kept;
}

interface Created {
  sheet: Excel.Worksheet;
  record: Excel.NamedItem | null;
}

/** Queues a new sheet under a free name and, when the sheets are recorded, its record in place of stale ones. */
function queueNewSheet(
  context: Excel.RequestContext,
  worksheets: Excel.WorksheetCollection,
  spec: SheetSpec,
  taken: string[],
  recs: Records,
  recorded: boolean,
): Created {
  const name = freeSheetName(spec.name, taken);
  taken.push(name);
  const sheet = worksheets.add(name);
  if (!recorded) return { sheet, record: null };
  // Records of this sheet whose sheet is gone (deleted by the user) are dropped.
  for (const stale of recs.sheets.filter((s) => s.kind === spec.kind && (s.made === undefined || sameSheet(s.made, spec.name))))
    context.workbook.names.getItem(stale.name).delete();
  const recordName = nextRecordName(recs, "sheet");
  recs.names.push(recordName);
  const record = context.workbook.names.add(recordName, sheet.getRange("A1"), sheetComment(spec.kind, spec.name));
  record.visible = false;
  return { sheet, record };
}

/**
 * One sheet's actions: number formats of styles no block covers, then values, then layout (a merge keeps
 * the value of its first cell), then what users had typed.
 */
function sheetActions(sheet: Excel.Worksheet, spec: SheetSpec, kept: KeptCell[], print: boolean): { actions: Action[]; printed: boolean } {
  const blocks = mergeRows(spec.blocks);
  const { actions: layout, printed } = layoutActions(sheet, { ...spec, blocks }, print);
  // Chunks of a quarter of the budget pack the syncs full: a chunk of nearly a whole budget leaves the rest of its sync empty.
  // A lazy block's chunks make their cells as they are queued: the sheet's rows are never all in memory.
  const cells = blocks.flatMap((b) => planChunks(b, spec.styles, PAYLOAD.request / 4));
  const keptCellsChunks = kept.flatMap((k) => blockChunks({ row: k.row, column: k.column, values: [[k.value]] }, spec.styles));
  const formats = spec.styles.flatMap((s) => styleFormatAction(sheet, s, blocks) ?? []);
  const actions: Action[] = [];
  for (const group of [formats, cells.map((c) => chunkAction(sheet, c)), layout, keptCellsChunks.map((c) => chunkAction(sheet, c))])
    pushAll(actions, group);
  return { actions, printed };
}

/**
 * Writes several sheets in one Excel.run: one sync to find earlier versions, one to read
 * what users typed into them, then all cells and formats in as few syncs as the request
 * budget allows, and one to recalculate. With regenerate «ask», sheets made earlier are
 * left alone and reported as «exists»; the others are written.
 */
export async function writeSheets(
  context: Excel.RequestContext,
  specs: SheetSpec[],
  options: WriteSheetOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<WriteSheetOutcome[]> {
  const records = queueRecords(context);
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();

  const recs = records.read();
  const names = worksheets.items.map((ws) => ws.name);
  const recorded = options.record !== false;
  const plans: Planned[] = specs.map((spec) => ({ spec, record: recorded ? recordOf(spec, recs.sheets, names) : undefined }));
  const outcomes: (WriteSheetOutcome | null)[] = plans.map((p) =>
    p.record && options.regenerate === "ask" ? { kind: "exists", sheet: p.record.sheet as string } : null,
  );
  const todo = plans.map((p, i) => ({ ...p, i })).filter((p) => outcomes[p.i] === null);

  const probes = queueProbes(worksheets, todo);
  if (probes.length > 0) await context.sync();
  const locked = probes.find((x) => x.sheet.protection.protected);
  if (locked) throw new ExcelHostError("protected", HOST_MESSAGES.protectedSheet(locked.p.record?.sheet as string));

  const taken = [...names];
  const created: Created[] = [];
  const written: { i: number; sheet: Excel.Worksheet; kept: number; printed: boolean; created: boolean }[] = [];
  const actions: Action[] = [];
  for (const p of todo) {
    const probe = probes.find((x) => x.p === p);
    let sheet: Excel.Worksheet;
    let kept: KeptCell[] = [];
    if (probe && p.record) {
      sheet = probe.sheet;
      kept = queueClearEarlier(probe, p.record, p.spec, taken);
    } else {
      const made = queueNewSheet(context, worksheets, p.spec, taken, recs, recorded);
      sheet = made.sheet;
      created.push(made);
    }
    sheet.load("name");
    const { actions: own, printed } = sheetActions(sheet, p.spec, kept, options.print);
    pushAll(actions, own);
    written.push({ i: p.i, sheet, kept: kept.length, printed, created: !probe });
  }
  try {
    await runActions(context, actions, onProgress);
    if (options.activate && written.length > 0) written[0].sheet.activate();
    context.workbook.application.calculate("Recalculate");
    await context.sync();
  } catch (error) {
    // New sheets that failed half-way are removed; regenerated ones are rewritten by the next attempt.
    for (const c of created) {
      c.record?.delete();
      c.sheet.delete();
    }
    await context.sync().catch(() => undefined);
    throw error;
  }
  for (const w of written)
    outcomes[w.i] = { kind: "written", sheet: w.sheet.name, created: w.created, keptInputs: w.kept, printSetup: w.printed };
  return outcomes as WriteSheetOutcome[];
}

export async function writeSheet(context: Excel.RequestContext, spec: SheetSpec, options: WriteSheetOptions): Promise<WriteSheetOutcome> {
  const [outcome] = await writeSheets(context, [spec], options);
  return outcome;
}
