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

/** The first batch: the sheet, its used range, the selection, the records; the caller syncs. */
function queueReadChecks(context: Excel.RequestContext, request: ReadRequest) {
  const sheet = request.sheet ? context.workbook.worksheets.getItem(request.sheet) : context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  const selection = request.source === "selection" && !request.sheet ? context.workbook.getSelectedRange() : null;
  if (selection) selection.load("rowIndex,columnIndex,rowCount,columnCount");
  const records = queueRecords(context);
  return { sheet, used, selection, records };
}

/** What to read: the used range, or its part the selection covers; refused when empty or too large. */
function rectToRead(sheetName: string, used: Excel.Range, selection: Excel.Range | null): { rect: Rect; source: TableSource } {
  if (used.isNullObject) throw noTable(sheetName, explainNoTable({ values: [], sheetName }));
  let rect: Rect = { row: used.rowIndex, column: used.columnIndex, rows: used.rowCount, columns: used.columnCount };
  let source: TableSource = "sheet";
  // One selected cell means «the table around here»: read the whole sheet.
  if (selection && selection.rowCount * selection.columnCount > 1) {
    const selected = { row: selection.rowIndex, column: selection.columnIndex, rows: selection.rowCount, columns: selection.columnCount };
    const both = intersectRects(rect, selected);
    if (!both) throw new ShnorError("no-table", `В выделенном диапазоне листа «${sheetName}» нет данных. Выделите таблицу результатов.`);
    rect = both;
    source = "selection";
  }
  if (rect.rows * rect.columns > PAYLOAD.maxCells) {
    throw new ExcelHostError("too-large", HOST_MESSAGES.tooManyCells(rect.rows, rect.columns));
  }
  return { rect, source };
}

/** The first rows, read for detection: values, formats and merged areas. */
interface Head {
  rows: number;
  values: Cell[][];
  formats: Formats[];
  merges: MergeArea[];
}

/** Queues the first rows in one range (and their merged areas where asked); the caller syncs. */
function queueHead(sheet: Excel.Worksheet, rect: Rect, rows: number, readMerges: boolean | undefined) {
  const range = sheet.getRangeByIndexes(rect.row, rect.column, rows, rect.columns);
  range.load("values,numberFormat");
  const merged = readMerges ? range.getMergedAreasOrNullObject() : null;
  if (merged) merged.load("address");
  return { range, merged };
}

function takeHead(head: Head, loaded: ReturnType<typeof queueHead>, rect: Rect): void {
  pushAll(head.values, loaded.range.values as Cell[][]);
  pushAll(head.formats, loaded.range.numberFormat as Formats[]);
  if (loaded.merged && !loaded.merged.isNullObject) head.merges = mergesOf(loaded.merged.address, rect);
}

/** The first rows in blocks, when they do not fit one response. */
async function streamHead(context: Excel.RequestContext, sheet: Excel.Worksheet, rect: Rect, head: Head): Promise<void> {
  await streamRows(context, {
    sheet,
    from: rect.row,
    to: rect.row + head.rows,
    column: rect.column,
    columns: rect.columns,
    bytesPerRow: rect.columns * PAYLOAD.guessCellBytes,
    onRows: (_row, values, formats) => {
      pushAll(head.values, values);
      pushAll(head.formats, formats);
    },
  });
}

/** The tables the first rows show, without the add-in's own status columns; none says why. */
function detectTables(head: Head, rect: Rect, sheetName: string, request: ReadRequest, own: Rect | null): SheetTables {
  const tables = SheetTables.detect(
    {
      values: head.values.slice(0, DETECT_ROWS),
      numberFormats: head.formats.slice(0, DETECT_ROWS),
      merges: head.merges,
      firstRow: rect.row,
      firstColumn: rect.column,
      sheetName,
    },
    request.overrides ?? overridesForSheet(request.overridesBySheet, sheetName),
    (shape) => (own ? { ...shape, columns: shape.columns.filter((c) => !rectContains(own, own.row, c.column)) } : shape),
  );
  if (!tables) {
    // Why, from the same first rows (the rest of the used range counted, not read).
    const first = { values: head.values, numberFormats: head.formats, merges: head.merges, sheetName };
    const why = explainNoTable(first, { rowsBelow: rect.rows - head.values.length });
    throw noTable(sheetName, why);
  }
  return tables;
}

/** The rows below the first ones, in blocks sized by the data rows seen so far (the header rows when detection saw no data). */
async function streamRest(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  rect: Rect,
  head: Head,
  tables: SheetTables,
  request: ReadRequest,
) {
  const width = Math.min(rect.columns, tables.lastNeededColumn(rect.column) - rect.column + 1);
  const dataStart = tables.firstDataRow - rect.row;
  const sample = dataStart >= 0 && dataStart < head.values.length ? dataStart : 0;
  const sampleValues = head.values.slice(sample).map((r) => r.slice(0, width));
  const sampleFormats = head.formats.slice(sample).map((r) => r.slice(0, width));
  const bytesPerRow = (jsonBytes(sampleValues) + jsonBytes(sampleFormats)) / Math.max(1, sampleValues.length);
  await streamRows(context, {
    sheet,
    from: rect.row + head.rows,
    to: rect.row + rect.rows,
    column: rect.column,
    columns: width,
    bytesPerRow,
    onRows: (firstRow, values, formats) => values.forEach((v, i) => tables.addRow(firstRow + i, v, formats[i])),
    onSync: (done) => request.onProgress?.(head.rows + done, rect.rows),
  });
}

export async function readActiveTable(context: Excel.RequestContext, request: ReadRequest): Promise<ReadResult> {
  const { sheet, used, selection, records } = queueReadChecks(context, request);
  await context.sync();

  const { rect, source } = rectToRead(sheet.name, used, selection);
  const marks = records.read().marks.find((m) => sameSheet(m.sheet, sheet.name) && m.rect !== null);

  // Detection: the first rows, values and formats (and merged areas where Excel can say).
  // A table whose whole guessed size fits one response is read whole right away.
  const fitsWhole = rect.rows * rect.columns * PAYLOAD.guessCellBytes <= PAYLOAD.response;
  const head: Head = { rows: fitsWhole ? rect.rows : Math.min(DETECT_ROWS, rect.rows), values: [], formats: [], merges: [] };
  if (head.rows * rect.columns * PAYLOAD.guessCellBytes <= PAYLOAD.response) {
    const loaded = queueHead(sheet, rect, head.rows, request.readMerges);
    await context.sync();
    takeHead(head, loaded, rect);
  } else {
    await streamHead(context, sheet, rect, head);
  }

  // The add-in's own status columns are not part of the user's table.
  const tables = detectTables(head, rect, sheet.name, request, marks?.rect ?? null);
  head.values.forEach((values, i) => tables.addRow(rect.row + i, values, head.formats[i]));
  request.onProgress?.(head.rows, rect.rows);

  if (rect.rows > head.rows) await streamRest(context, sheet, rect, head, tables, request);
  return {
    table: tables.finish(),
    sheet: sheet.name,
    address: refA1(rect),
    rows: rect.rows,
    columns: rect.columns,
    source,
  };
}
