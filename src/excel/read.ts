/**
 * Reads the results table of the active sheet (or the selection) in row
 * blocks: first its size, then the first rows for detection, then the rest,
 * as many blocks a sync as the payload budget allows, straight into the
 * engine's TableBuilder. Syncs grow with blocks, never with rows.
 */
import { pushAll } from "../core/arrays";
import {
  Cell,
  ColumnOverride,
  DETECT_ROWS,
  MergeArea,
  explainNoTable,
  noTable,
  overridesForSheet,
  Rect,
  ResultsTable,
  SheetTables,
  ShnorError,
  refA1,
} from "../core";
import { intersectRects, parseAddress, rectContains, splitAreas } from "./address";
import { jsonBytes, nextReadGroup, PAYLOAD } from "./budget";
import { ExcelHostError, HOST_MESSAGES, isPayloadError } from "./errors";
import { queueRecords, sameSheet } from "./record";
import { TableSource } from "./settingsStore";

export interface ReadRequest {
  source: TableSource;
  /** This sheet rather than the active one (the sheet just written by «Собрать из выгрузок»); source «sheet» only. */
  sheet?: string;
  overrides?: ColumnOverride[];
  /** Corrections by sheet name, for when the caller does not know yet which sheet is active. */
  overridesBySheet?: Record<string, ColumnOverride[]>;
  /** Rows read so far of all rows; called after each sync. */
  onProgress?: (rowsRead: number, rowsTotal: number) => void;
  /** Merged header cells help detection; needs ExcelApi 1.13. */
  readMerges?: boolean;
}

export interface ReadResult {
  table: ResultsTable;
  sheet: string;
  /** What was read, e.g. «A1:AH42». */
  address: string;
  rows: number;
  columns: number;
  source: TableSource;
}

type Formats = (string | null | undefined)[];

interface StreamJob {
  sheet: Excel.Worksheet;
  from: number;
  to: number;
  column: number;
  columns: number;
  bytesPerRow: number;
  onRows: (firstRow: number, values: Cell[][], formats: Formats[]) => void;
  onSync?: (rowsDone: number) => void;
}

/** The smallest response budget worth retrying with after Excel refused a payload. */
const MIN_BUDGET = 200_000;

/**
 * Streams rows [from, to) of columns [column, column + columns) to onRows, one
 * sync per group of blocks; a refused payload is retried with half the budget.
 */
async function streamRows(context: Excel.RequestContext, job: StreamJob): Promise<void> {
  let start = job.from;
  let estimate = job.bytesPerRow;
  let budget = PAYLOAD.response;
  const step = async (): Promise<void> => {
    if (start >= job.to) return;
    const blocks = nextReadGroup(start, job.to, estimate, job.columns, budget);
    const loads = blocks.map((block) => {
      const range = job.sheet.getRangeByIndexes(block.row, job.column, block.rows, job.columns);
      range.load("values,numberFormat");
      return { block, range };
    });
    try {
      await context.sync();
    } catch (error) {
      if (isPayloadError(error) && budget / 2 >= MIN_BUDGET) {
        budget /= 2;
        return step();
      }
      throw error;
    }
    let bytes = 0;
    let rows = 0;
    for (const { block, range } of loads) {
      const values = range.values as Cell[][];
      const formats = range.numberFormat as Formats[];
      bytes += jsonBytes(values) + jsonBytes(formats);
      rows += block.rows;
      job.onRows(block.row, values, formats);
    }
    // Damped: a short, sparse last block must not make the next group too large.
    estimate = Math.max(bytes / rows, estimate / 2);
    start += rows;
    job.onSync?.(start - job.from);
    return step();
  };
  await step();
}

function mergesOf(address: string, origin: Rect): MergeArea[] {
  const areas: MergeArea[] = [];
  for (const part of splitAreas(address)) {
    const parsed = parseAddress(part);
    if (!parsed) continue;
    const r = parsed.rect;
    areas.push({
      top: r.row - origin.row,
      left: r.column - origin.column,
      bottom: r.row + r.rows - 1 - origin.row,
      right: r.column + r.columns - 1 - origin.column,
    });
  }
  return areas;
}

export async function readActiveTable(context: Excel.RequestContext, request: ReadRequest): Promise<ReadResult> {
  const sheet = request.sheet ? context.workbook.worksheets.getItem(request.sheet) : context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  const selection = request.source === "selection" && !request.sheet ? context.workbook.getSelectedRange() : null;
  if (selection) selection.load("rowIndex,columnIndex,rowCount,columnCount");
  const records = queueRecords(context);
  await context.sync();

  if (used.isNullObject) throw noTable(sheet.name, explainNoTable({ values: [], sheetName: sheet.name }));
  let rect: Rect = { row: used.rowIndex, column: used.columnIndex, rows: used.rowCount, columns: used.columnCount };
  let source: TableSource = "sheet";
  // One selected cell means «the table around here»: read the whole sheet.
  if (selection && selection.rowCount * selection.columnCount > 1) {
    const selected = { row: selection.rowIndex, column: selection.columnIndex, rows: selection.rowCount, columns: selection.columnCount };
    const both = intersectRects(rect, selected);
    if (!both) throw new ShnorError("no-table", `В выделенном диапазоне листа «${sheet.name}» нет данных. Выделите таблицу результатов.`);
    rect = both;
    source = "selection";
  }
  if (rect.rows * rect.columns > PAYLOAD.maxCells) {
    throw new ExcelHostError("too-large", HOST_MESSAGES.tooManyCells(rect.rows, rect.columns));
  }
  const marks = records.read().marks.find((m) => sameSheet(m.sheet, sheet.name) && m.rect !== null);

  // Detection: the first rows, values and formats (and merged areas where Excel can say).
  // A table whose whole guessed size fits one response is read whole right away.
  const fitsWhole = rect.rows * rect.columns * PAYLOAD.guessCellBytes <= PAYLOAD.response;
  const headRows = fitsWhole ? rect.rows : Math.min(DETECT_ROWS, rect.rows);
  const headValues: Cell[][] = [];
  const headFormats: Formats[] = [];
  let merges: MergeArea[] = [];
  const headFits = headRows * rect.columns * PAYLOAD.guessCellBytes <= PAYLOAD.response;
  if (headFits) {
    const head = sheet.getRangeByIndexes(rect.row, rect.column, headRows, rect.columns);
    head.load("values,numberFormat");
    const merged = request.readMerges ? head.getMergedAreasOrNullObject() : null;
    if (merged) merged.load("address");
    await context.sync();
    pushAll(headValues, head.values as Cell[][]);
    pushAll(headFormats, head.numberFormat as Formats[]);
    if (merged && !merged.isNullObject) merges = mergesOf(merged.address, rect);
  } else {
    await streamRows(context, {
      sheet,
      from: rect.row,
      to: rect.row + headRows,
      column: rect.column,
      columns: rect.columns,
      bytesPerRow: rect.columns * PAYLOAD.guessCellBytes,
      onRows: (_row, values, formats) => {
        pushAll(headValues, values);
        pushAll(headFormats, formats);
      },
    });
  }

  // The add-in's own status columns are not part of the user's table.
  const own = marks?.rect ?? null;
  const tables = SheetTables.detect(
    {
      values: headValues.slice(0, DETECT_ROWS),
      numberFormats: headFormats.slice(0, DETECT_ROWS),
      merges,
      firstRow: rect.row,
      firstColumn: rect.column,
      sheetName: sheet.name,
    },
    request.overrides ?? overridesForSheet(request.overridesBySheet, sheet.name),
    (shape) => (own ? { ...shape, columns: shape.columns.filter((c) => !rectContains(own, own.row, c.column)) } : shape),
  );
  if (!tables) {
    // Why, from the same first rows (the rest of the used range counted, not read).
    const head = { values: headValues, numberFormats: headFormats, merges, sheetName: sheet.name };
    const why = explainNoTable(head, { rowsBelow: rect.rows - headValues.length });
    throw noTable(sheet.name, why);
  }
  headValues.forEach((values, i) => tables.addRow(rect.row + i, values, headFormats[i]));
  request.onProgress?.(headRows, rect.rows);

  const width = Math.min(rect.columns, tables.lastNeededColumn(rect.column) - rect.column + 1);
  if (rect.rows > headRows) {
    // Size blocks by the data rows seen so far (the header rows when detection saw no data).
    const dataStart = tables.firstDataRow - rect.row;
    const sample = dataStart >= 0 && dataStart < headValues.length ? dataStart : 0;
    const sampleValues = headValues.slice(sample).map((r) => r.slice(0, width));
    const sampleFormats = headFormats.slice(sample).map((r) => r.slice(0, width));
    const bytesPerRow = (jsonBytes(sampleValues) + jsonBytes(sampleFormats)) / Math.max(1, sampleValues.length);
    await streamRows(context, {
      sheet,
      from: rect.row + headRows,
      to: rect.row + rect.rows,
      column: rect.column,
      columns: width,
      bytesPerRow,
      onRows: (firstRow, values, formats) => values.forEach((v, i) => tables.addRow(firstRow + i, v, formats[i])),
      onSync: (done) => request.onProgress?.(headRows + done, rect.rows),
    });
  }
  return {
    table: tables.finish(),
    sheet: sheet.name,
    address: refA1(rect),
    rows: rect.rows,
    columns: rect.columns,
    source,
  };
}
