/**
 * «Отметить в таблице» and «Снять отметки» on the user's own sheet: the
 * status and reasons columns of core's MarkSpec, written into empty columns
 * right of the table (or inserted ones), updated in place on a re-run, and
 * removed exactly — never a user's cell.
 */
import { Analysis, MarkSpec, markSpec, Rect, ResultsTable, tableRightEdge } from "../core";
import { columnsA1, quoteSheet } from "./address";
import { ExcelHostError, HOST_MESSAGES } from "./errors";
import { Action, blockChunks, CellChunk, chunkAction, conditionalFormatsAction, queueColumnWidth, runActions, styleAction } from "./render";
import { isTaggedFormula, MarksRecord, marksComment, nextRecordName, queueRecords, Records, sameSheet, SheetRecord } from "./record";

export interface MarkRequest {
  table: ResultsTable;
  analysis: Analysis;
  /** Write =SHNOR.STATUS() formulas instead of values. */
  statusFormulas: boolean;
  /** Columns right of the table hold data: report back («ask»), or insert two new columns. */
  whenOccupied: "ask" | "insert";
  onProgress?: (done: number, total: number) => void;
}

export type MarkOutcome =
  | {
      kind: "marked";
      sheet: string;
      columns: string;
      /** 0-based column of the status column: documents count statuses there. */
      statusColumn: number;
      schools: number;
      inserted: boolean;
      updated: boolean;
    }
  | { kind: "occupied"; sheet: string; columns: string };

/** Rows of `next` not covered by `old` (same columns): where a grown table needs fresh, empty cells. */
function rowsOutside(next: Rect, old: Rect): Rect[] {
  const out: Rect[] = [];
  if (next.row < old.row) out.push({ ...next, rows: Math.min(next.rows, old.row - next.row) });
  const oldEnd = old.row + old.rows;
  const nextEnd = next.row + next.rows;
  if (nextEnd > oldEnd) {
    const start = Math.max(oldEnd, next.row);
    out.push({ ...next, row: start, rows: nextEnd - start });
  }
  return out;
}

function loadTaggedFormats(sheet: Excel.Worksheet): Excel.ConditionalFormatCollection {
  const formats = sheet.getRange().conditionalFormats;
  formats.load("items/type,items/customOrNullObject/rule/formula");
  return formats;
}

function taggedItems(formats: Excel.ConditionalFormatCollection): Excel.ConditionalFormat[] {
  return formats.items.filter((cf) => !cf.customOrNullObject.isNullObject && isTaggedFormula(cf.customOrNullObject.rule.formula));
}

/** The first batch's checks: protection, records, the columns right of the table and their widths, tagged formats. */
interface MarkChecks {
  sheet: Excel.Worksheet;
  records: ReturnType<typeof queueRecords>;
  firstRow: number;
  height: number;
  defaultAt: number;
  defaultUsed: Excel.Range;
  widths: Excel.Range[];
  formats: Excel.ConditionalFormatCollection;
}

/** Where the marks go: their column, whether two columns are inserted, and the widths to give back on removal. */
interface MarkPlace {
  at: number;
  insert: boolean;
  inserted: number;
  oldWidths: number[] | undefined;
}

/** Queues the first batch's checks; the caller syncs. */
function queueMarkChecks(context: Excel.RequestContext, table: ResultsTable): MarkChecks {
  const sheet = context.workbook.worksheets.getItem(table.sheetName);
  sheet.load("name,protection/protected");
  const records = queueRecords(context);
  const firstRow = table.headerTop;
  const height = Math.max(table.lastRow, table.headerBottom) - firstRow + 1;
  const defaultAt = tableRightEdge(table);
  // Checked in the same batch: are the two columns right of the table empty, and how wide are they now.
  const defaultUsed = sheet.getRangeByIndexes(firstRow, defaultAt, height, 2).getUsedRangeOrNullObject(true);
  defaultUsed.load("address");
  const widths = [0, 1].map((i) => {
    const cell = sheet.getRangeByIndexes(0, defaultAt + i, 1, 1);
    cell.load("format/columnWidth");
    return cell;
  });
  const formats = loadTaggedFormats(sheet);
  return { sheet, records, firstRow, height, defaultAt, defaultUsed, widths, formats };
}

/** Queues the checks of the rows a grown table adds next to the marks already there; the caller syncs. */
function queueGrownRows(sheet: Excel.Worksheet, next: Rect, old: Rect): Excel.Range[] {
  return rowsOutside(next, old).map((r) => {
    const used = sheet.getRangeByIndexes(r.row, r.column, r.rows, r.columns).getUsedRangeOrNullObject(true);
    used.load("address");
    return used;
  });
}

function throwIfGrownRowsUsed(sheetName: string, at: number, extra: Excel.Range[]): void {
  if (extra.some((u) => !u.isNullObject)) {
    throw new ExcelHostError(
      "occupied",
      `Таблица на листе «${sheetName}» стала длиннее, а в столбцах ${columnsA1(at, 2)} рядом с новыми строками есть данные. Снимите отметки и отметьте заново.`,
    );
  }
}

interface MarkWrite {
  mine: MarksRecord[];
  formats: Excel.ConditionalFormatCollection;
  place: MarkPlace;
  spec: MarkSpec;
  chunks: CellChunk[];
  recordName: string;
  newRect: Rect;
  statusFormulas: boolean;
}

/**
 * Queues the first batch's structure — old marks out while their recorded addresses still hold, then any
 * insertion, the record and the widths — and returns the styles, formats and values as actions.
 */
function queueMarkStructure(context: Excel.RequestContext, sheet: Excel.Worksheet, w: MarkWrite): Action[] {
  const { spec, newRect, place } = w;
  context.workbook.application.suspendApiCalculationUntilNextSync();
  for (const cf of taggedItems(w.formats)) cf.delete();
  for (const m of w.mine) {
    if (m.rect) sheet.getRangeByIndexes(m.rect.row, m.rect.column, m.rect.rows, m.rect.columns).clear("All");
    context.workbook.names.getItem(m.name).delete();
  }
  if (place.insert) sheet.getRange(columnsA1(place.at, 2)).insert("Right");
  const record = context.workbook.names.add(
    w.recordName,
    sheet.getRangeByIndexes(newRect.row, newRect.column, newRect.rows, newRect.columns),
    marksComment({ inserted: place.inserted, formulas: w.statusFormulas, widths: place.oldWidths }),
  );
  record.visible = false;
  for (const c of spec.columnWidths) queueColumnWidth(sheet, c.column, c.width);
  return [
    ...spec.styles.map((s) => styleAction(sheet, s, [spec.block])),
    conditionalFormatsAction(sheet, spec.conditionalFormats),
    ...w.chunks.map((c) => chunkAction(sheet, c)),
  ];
}

export async function markTable(context: Excel.RequestContext, request: MarkRequest): Promise<MarkOutcome> {
  const { table, analysis } = request;
  const checks = queueMarkChecks(context, table);
  const { sheet, firstRow, height } = checks;
  await context.sync();

  if (sheet.protection.protected) throw new ExcelHostError("protected", HOST_MESSAGES.protectedSheet(sheet.name));
  const recs = checks.records.read();
  const mine = recs.marks.filter((m) => sameSheet(m.sheet, sheet.name));
  const existing = mine.find((m) => m.rect !== null && m.rect.columns === 2) ?? null;
  let place: MarkPlace;
  if (existing?.rect) {
    place = { at: existing.rect.column, insert: false, inserted: existing.inserted, oldWidths: existing.widths };
    const extra = queueGrownRows(sheet, { row: firstRow, column: place.at, rows: height, columns: 2 }, existing.rect);
    if (extra.length > 0) {
      await context.sync();
      throwIfGrownRowsUsed(sheet.name, place.at, extra);
    }
  } else if (!checks.defaultUsed.isNullObject) {
    if (request.whenOccupied === "ask") return { kind: "occupied", sheet: sheet.name, columns: columnsA1(checks.defaultAt, 2) };
    place = { at: checks.defaultAt, insert: true, inserted: 2, oldWidths: undefined };
  } else {
    place = { at: checks.defaultAt, insert: false, inserted: 0, oldWidths: checks.widths.map((cell) => cell.format.columnWidth) };
  }

  const { at } = place;
  const spec = markSpec(table, analysis, { at, statusFormulas: request.statusFormulas });
  const chunks = blockChunks(spec.block, spec.styles);
  const recordName = nextRecordName(recs, "marks");
  const newRect: Rect = { row: spec.firstRow, column: at, rows: spec.lastRow - spec.firstRow + 1, columns: 2 };
  try {
    // First batch: structure, record and formats, then values as the budget allows.
    const write = { mine, formats: checks.formats, place, spec, chunks, recordName, newRect, statusFormulas: request.statusFormulas };
    const actions = queueMarkStructure(context, sheet, write);
    await runActions(context, actions, (done, all) => request.onProgress?.(done, all));
    // Calculation was suspended: formulas that read the status column (and =SHNOR.STATUS) catch up now.
    context.workbook.application.calculate("Recalculate");
    await context.sync();
  } catch (error) {
    await rollbackMarks(context, sheet.name, newRect, place.insert, recordName).catch(() => undefined);
    throw error;
  }
  return {
    kind: "marked",
    sheet: sheet.name,
    columns: columnsA1(at, 2),
    statusColumn: at,
    schools: analysis.verdicts.length,
    inserted: place.inserted > 0,
    updated: existing !== null,
  };
}

/** After a failed write: the half-written marks go, so nothing is left half-done. */
async function rollbackMarks(context: Excel.RequestContext, sheetName: string, rect: Rect, inserted: boolean, recordName: string) {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const record = context.workbook.names.getItemOrNullObject(recordName);
  record.load("name");
  const formats = loadTaggedFormats(sheet);
  await context.sync();
  for (const cf of taggedItems(formats)) cf.delete();
  if (inserted) sheet.getRange(columnsA1(rect.column, 2)).delete("Left");
  else sheet.getRangeByIndexes(rect.row, rect.column, rect.rows, rect.columns).clear("All");
  if (!record.isNullObject) record.delete();
  await context.sync();
}

export interface AddedItems {
  marks: { sheet: string; columns: string }[];
  sheets: { sheet: string; kind: string }[];
  /** Every sheet of the workbook, in order: generated names must not clash with them. */
  workbookSheets: string[];
}

export function describeRecords(recs: Records, workbookSheets: string[] = []): AddedItems {
  return {
    workbookSheets,
    marks: recs.marks.filter((m) => m.sheet && m.rect).map((m) => ({ sheet: m.sheet as string, columns: columnsA1(m.rect!.column, 2) })),
    sheets: recs.sheets.filter((s) => s.sheet).map((s) => ({ sheet: s.sheet as string, kind: s.kind })),
  };
}

export async function listAdded(context: Excel.RequestContext): Promise<AddedItems> {
  const records = queueRecords(context);
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();
  return describeRecords(
    records.read(),
    worksheets.items.map((ws) => ws.name),
  );
}

export interface ClearOutcome {
  /** «Лист1!H:I» for each marked area removed. */
  marks: string[];
  sheets: string[];
}

/**
 * Removes what the record says the add-in added: its columns (deleted if it
 * inserted them and nothing else landed there, else emptied), its tagged
 * conditional formats on every sheet, its names, and — with `sheets` — the
 * sheets it generated.
 */
export async function clearAdded(context: Excel.RequestContext, options: { sheets: boolean }): Promise<ClearOutcome> {
  const records = queueRecords(context);
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/visibility");
  const structure = context.workbook.protection;
  structure.load("protected");
  await context.sync();

  const recs = records.read();
  const generated = new Set(recs.sheets.filter((s) => s.sheet).map((s) => (s.sheet as string).toLowerCase()));
  const byName = new Map(worksheets.items.map((ws) => [ws.name.toLowerCase(), ws]));
  // Every sheet but the generated ones may carry tagged formats, even where the record broke.
  const scans = worksheets.items
    .filter((ws) => !generated.has(ws.name.toLowerCase()))
    .map((ws) => {
      const protection = ws.protection;
      protection.load("protected");
      return { ws, protection, formats: loadTaggedFormats(ws) };
    });
  const plans = recs.marks.map((m) => {
    const ws = m.sheet ? byName.get(m.sheet.toLowerCase()) : undefined;
    if (!ws || !m.rect) return { m, ws: null, columnUse: null };
    const columnUse = m.inserted > 0 ? ws.getRange(columnsA1(m.rect.column, m.rect.columns)).getUsedRangeOrNullObject(true) : null;
    if (columnUse) columnUse.load("rowIndex,rowCount");
    return { m, ws, columnUse };
  });
  await context.sync();

  const touched = scans.filter((s) => taggedItems(s.formats).length > 0 || plans.some((p) => p.ws === s.ws));
  const locked = touched.find((s) => s.protection.protected);
  if (locked) throw new ExcelHostError("protected", HOST_MESSAGES.protectedSheet(locked.ws.name));
  const deletesSheets = options.sheets && recs.sheets.some((s) => s.sheet);
  if (deletesSheets && structure.protected) throw new ExcelHostError("protected", HOST_MESSAGES.protectedWorkbook);

  const outcome: ClearOutcome = { marks: [], sheets: [] };
  for (const s of scans) for (const cf of taggedItems(s.formats)) cf.delete();
  for (const { m, ws, columnUse } of plans) {
    context.workbook.names.getItem(m.name).delete();
    if (!ws || !m.rect) continue;
    const r = m.rect;
    const onlyOurs =
      columnUse !== null &&
      (columnUse.isNullObject || (columnUse.rowIndex >= r.row && columnUse.rowIndex + columnUse.rowCount <= r.row + r.rows));
    if (m.inserted > 0 && onlyOurs) ws.getRange(columnsA1(r.column, m.inserted)).delete("Left");
    else {
      ws.getRangeByIndexes(r.row, r.column, r.rows, r.columns).clear("All");
      m.widths?.forEach((w, i) => {
        if (w > 0) ws.getRangeByIndexes(0, r.column + i, 1, 1).format.columnWidth = w;
      });
    }
    outcome.marks.push(`${quoteSheet(ws.name)}!${columnsA1(r.column, r.columns)}`);
  }
  if (options.sheets) removeGeneratedSheets(context, recs.sheets, worksheets.items, outcome);
  await context.sync();
  return outcome;
}

function removeGeneratedSheets(context: Excel.RequestContext, sheets: SheetRecord[], all: Excel.Worksheet[], outcome: ClearOutcome): void {
  const doomed = new Set(sheets.filter((s) => s.sheet).map((s) => (s.sheet as string).toLowerCase()));
  // Excel keeps at least one visible sheet: if only generated ones are left, they stay (their records go).
  const survivors = all.filter((ws) => ws.visibility === "Visible" && !doomed.has(ws.name.toLowerCase()));
  for (const s of sheets) {
    context.workbook.names.getItem(s.name).delete();
    const ws = s.sheet ? all.find((w) => w.name.toLowerCase() === (s.sheet as string).toLowerCase()) : undefined;
    if (!ws || survivors.length === 0) continue;
    ws.delete();
    outcome.sheets.push(ws.name);
  }
}
