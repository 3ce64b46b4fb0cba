/**
 * One school's row of a wide table, read with its header rows alone: what a
 * worksheet formula such as =SHNOR.STATUS(D5:AI5; D$3:AI$4) hands over.
 * The row goes through the same detector and builder as a whole sheet, so it
 * reads exactly as `shnor analyze` reads that row.
 */
import { maxOf } from "../arrays";
import { Cell, displayText, readCount, readPercent, SheetGrid } from "../cells";
import { ShnorError } from "../errors";
import { GIA_PROCEDURE_EXAMPLE, Procedure, PROCEDURE_EXAMPLE } from "../procedures";
import { Measure } from "../vocabulary";
import { TableBuilder } from "./build";
import { detectTable } from "./detect";
import { MAX_HEADER_ROWS } from "./head";
import { ColumnPlan, SchoolRecord, TableShape } from "./model";

/** Measures given in percent, which a % format may show as fractions (0.35 as 35 %). */
const PERCENT_MEASURES: ReadonlySet<Measure> = new Set<Measure>([
  "failPercent",
  "highPercent",
  "passPercent",
  "mark2",
  "mark3",
  "mark4",
  "mark5",
]);
/** Measures that give % «2», the only ones that can make a year count. */
const FAIL_MEASURES: ReadonlySet<Measure> = new Set<Measure>(["failPercent", "failCount", "passPercent", "mark2"]);

// A synthetic name column: the builder drops rows without a school name.
const NAME_HEADER = "Название ОО";
const ROW_NAME = "Школа из строки";

export interface WideRow {
  school: SchoolRecord;
  /** Procedures the headers name in columns that give % «2», in column order. */
  procedures: Procedure[];
  /** The row's percents were read as fractions (see isFractionRow). */
  fractions: boolean;
}

/**
 * A function sees a cell's value, not its format, so 35 % may arrive as 0.35.
 * A row is read as fractions when every percent in it is ≤ 1 and at least one
 * lies strictly between 0 and 1; a row of only 0 and 1 stays in percent.
 */
export function isFractionRow(percents: number[]): boolean {
  return percents.length > 0 && percents.every((p) => p >= 0 && p <= 1) && percents.some((p) => p > 0 && p < 1);
}

/** Reads one results row under its header rows (up to MAX_HEADER_ROWS rows; a merged label may arrive followed by blanks). */
export function readWideRow(headers: Cell[][], row: Cell[]): WideRow {
  if (headers.length === 0 || headers.length > MAX_HEADER_ROWS) {
    throw new ShnorError("no-table", `Заголовки должны занимать от 1 до ${MAX_HEADER_ROWS} строк, а не ${headers.length}.`);
  }
  const width = Math.max(row.length, maxOf(headers.map((h) => h.length)));
  const pad = (cells: Cell[]): Cell[] => Array.from({ length: width }, (_, c) => cells[c] ?? null);
  const dataRow: Cell[] = [ROW_NAME, ...pad(row)];
  const shape = headerShape(headers, width, pad);
  if (!shape || shape.layout !== "wide") {
    throw new ShnorError(
      "no-table",
      `В заголовках не найдены процедуры: нужны подписи вроде «${PROCEDURE_EXAMPLE}» или «${GIA_PROCEDURE_EXAMPLE}» над столбцами «% 2».`,
    );
  }
  checkCells(shape.columns, dataRow);
  const formats = fractionFormats(shape.columns, dataRow);
  const builder = new TableBuilder(shape);
  builder.addRow(headers.length, dataRow, formats ?? undefined);
  const table = builder.finish();
  const school = table.schools[0];
  if (!school) throw new ShnorError("no-table", "Строка результатов не прочитана: проверьте, что она стоит под своими заголовками.");
  // A sheet reader warns and goes on; a formula must not answer from a row it could not read.
  if (table.warnings.length > 0) {
    const warning = table.warnings[0].replace(/^строка \d+: /, "").replace(`«${ROW_NAME}»`, "строка результатов");
    throw new ShnorError("bad-setting", warning);
  }
  const procedures: Procedure[] = [];
  for (const c of shape.columns) if (c.role.kind === "measure" && FAIL_MEASURES.has(c.role.measure)) procedures.push(c.role.procedure);
  return { school, procedures, fractions: formats !== null };
}

/**
 * Detected shapes by header content. A sheet holds one formula per school under
 * the same headers: reading them once, not once a school, keeps 5,000 formulas fast.
 */
const shapes = new Map<string, TableShape | null>();
const MAX_SHAPES = 32;

function headerShape(headers: Cell[][], width: number, pad: (cells: Cell[]) => Cell[]): TableShape | null {
  const key = `${width}\u0002${headers.map((h) => h.map((c) => (c === null || c === undefined ? "" : String(c))).join("\u0001")).join("\u0002")}`;
  if (shapes.has(key)) return shapes.get(key) ?? null;
  const headerRows = headers.map((h, i) => [i === 0 ? NAME_HEADER : null, ...pad(h)]);
  // A row of zeros stands in for the data, so the shape depends on the headers alone.
  const probe: Cell[] = [ROW_NAME, ...Array.from({ length: width }, () => 0)];
  const grid: SheetGrid = { values: [...headerRows, probe], sheetName: "" };
  const shape = detectTable(grid);
  if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value as string);
  shapes.set(key, shape);
  return shape;
}

/** Every measure cell must read as a percent (0–100) or a count, or be empty or a «no data» mark such as «-». */
function checkCells(columns: ColumnPlan[], dataRow: Cell[]): void {
  for (const c of columns) {
    if (c.role.kind !== "measure") continue;
    const cell = dataRow[c.column];
    const isCount = c.role.measure === "participants" || c.role.measure === "failCount";
    const reading = isCount ? readCount(cell) : readPercent(cell);
    if (reading.kind !== "invalid") continue;
    const what = isCount ? "не целое неотрицательное число" : "не процент от 0 до 100";
    throw new ShnorError("bad-setting", `Ячейка ${c.column} строки результатов («${c.header}»): «${displayText(cell)}» — ${what}.`);
  }
}

/** A "0%" format on each percent column when the row is fractions, so the builder scales them as it does for a sheet. */
function fractionFormats(columns: ColumnPlan[], dataRow: Cell[]): string[] | null {
  const percentColumns = columns.filter((c) => c.role.kind === "measure" && PERCENT_MEASURES.has(c.role.measure));
  const percents = percentColumns.map((c) => dataRow[c.column]).filter((v): v is number => typeof v === "number");
  if (!isFractionRow(percents)) return null;
  const formats = dataRow.map(() => "General");
  for (const c of percentColumns) formats[c.column] = "0%";
  return formats;
}
