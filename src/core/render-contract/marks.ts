/**
 * The marks the add-in leaves on the user's own results sheet: a status and
 * a reasons column right of the table, and native conditional formats (low
 * «% 2» cells red, ШНОР rows tinted, risk rows lighter) that keep working
 * without the add-in. Rendered by the add-in's marker (src/excel) and by `shnor report`.
 */
import { completeProcedure, parseProcedureParts, procedureKey } from "../procedures";
import { Analysis, isCounted, reasonText, STATUS_TEXT } from "../rule";
import { MAX_HEADER_ROWS } from "../table/head";
import { ColumnPlan, ResultsTable } from "../table/model";
import { a1, columnName } from "./address";
import { Block, ConditionalFormatSpec, formula, SheetSpec, SpecValue, StyleRange, text } from "./sheet";
import { COLORS } from "./styles";

export const STATUS_HEADER = "Статус ШНОР";
export const REASON_HEADER = "Основание (ШНОР-монитор)";

export interface MarkOptions {
  /** 0-based sheet column of the status column; the reasons column follows it. Default: right of the table. */
  at?: number;
  /** Write =SHNOR.STATUS() formulas instead of values (live, but #NAME? without the add-in). */
  statusFormulas?: boolean;
}

export interface MarkSpec {
  /** 0-based sheet columns the marks occupy: [status, reasons]. */
  columns: [number, number];
  /** Sheet rows the block covers: the header block through the last table row. */
  firstRow: number;
  lastRow: number;
  block: Block;
  styles: StyleRange[];
  conditionalFormats: ConditionalFormatSpec[];
  columnWidths: { column: number; width: number }[];
}

/** The first column right of everything the engine read as the table. */
export function tableRightEdge(table: ResultsTable): number {
  return table.columns.reduce((max, c) => Math.max(max, c.column), 0) + 1;
}

export function markSpec(table: ResultsTable, analysis: Analysis, options: MarkOptions = {}): MarkSpec {
  const statusCol = options.at ?? tableRightEdge(table);
  const reasonCol = statusCol + 1;
  const firstRow = table.headerTop;
  const lastRow = Math.max(table.lastRow, table.headerBottom);
  const height = lastRow - firstRow + 1;
  const values: SpecValue[][] = Array.from({ length: height }, () => [null, null]);
  values[0] = [text(STATUS_HEADER), text(REASON_HEADER)];

  const measureColumns = table.columns.filter((c) => c.role.kind === "measure");
  const firstMeasure = measureColumns.reduce((m, c) => Math.min(m, c.column), Number.POSITIVE_INFINITY);
  const lastMeasure = measureColumns.reduce((m, c) => Math.max(m, c.column), -1);
  const headerRange = formulaHeaders(table, measureColumns) ? headerRangeText(table, firstMeasure, lastMeasure) : null;
  for (const v of analysis.verdicts) {
    const i = v.school.row - firstRow;
    if (i <= 0 || i >= height) continue;
    // Long tables repeat a school on many rows; the status goes on its first.
    const status: SpecValue =
      options.statusFormulas && headerRange
        ? formula(
            `SHNOR.STATUS(${a1(v.school.row, firstMeasure)}:${a1(v.school.row, lastMeasure)},${headerRange},${analysis.years[1] ?? ""},${analysis.settings.threshold})`,
          )
        : text(STATUS_TEXT[v.status]);
    values[i] = [status, text(reasonText(v))];
  }

  const dataTop = table.headerBottom + 1;
  const dataRows = lastRow - dataTop + 1;
  const conditionalFormats: ConditionalFormatSpec[] = [];
  if (dataRows > 0) {
    const leftmost = table.columns.reduce((m, c) => Math.min(m, c.column), statusCol);
    const statusRef = `$${columnName(statusCol)}${dataTop + 1}`;
    const rowRect = { row: dataTop, column: leftmost, rows: dataRows, columns: reasonCol - leftmost + 1 };
    conditionalFormats.push({ ...rowRect, formula: `${statusRef}="${STATUS_TEXT.shnor}"`, fill: COLORS.shnor, priority: 3 });
    conditionalFormats.push({ ...rowRect, formula: `${statusRef}="${STATUS_TEXT.risk}"`, fill: COLORS.risk, priority: 4 });
    lowCellFormats(table, analysis, dataTop, dataRows).forEach((f) => conditionalFormats.push(f));
  }

  const styles: StyleRange[] = [{ row: firstRow, column: statusCol, rows: table.headerBottom - firstRow + 1, columns: 2, style: "header" }];
  if (dataRows > 0)
    styles.push({ row: dataTop, column: statusCol, rows: dataRows, columns: 2, style: "cell", numberFormat: "@", wrap: true });
  return {
    columns: [statusCol, reasonCol],
    firstRow,
    lastRow,
    block: { row: firstRow, column: statusCol, values },
    styles,
    conditionalFormats,
    columnWidths: [
      { column: statusCol, width: 12 },
      { column: reasonCol, width: 60 },
    ],
  };
}

/**
 * =SHNOR.STATUS() sees only the header rows it is given: it can stand in
 * for the value only when those rows alone name every procedure, not a title above.
 */
function formulaHeaders(table: ResultsTable, measureColumns: ColumnPlan[]): boolean {
  if (table.layout !== "wide" || measureColumns.length === 0) return false;
  if (table.headerBottom - table.headerTop + 1 > MAX_HEADER_ROWS) return false;
  return measureColumns.every((c) => completeProcedure(parseProcedureParts(c.header)) !== null);
}

function headerRangeText(table: ResultsTable, first: number, last: number): string {
  return `${a1(table.headerTop, first, true)}:${a1(table.headerBottom, last, true)}`;
}

/**
 * A red fill on each counted result at or above the threshold. The formula reads the
 * cell as stored, so a column of fractions under a % format compares with 0.3, not 30.
 */
function lowCellFormats(table: ResultsTable, analysis: Analysis, dataTop: number, dataRows: number): ConditionalFormatSpec[] {
  const t = analysis.settings.threshold;
  const out: ConditionalFormatSpec[] = [];
  const participantsOf = new Map<string, ColumnPlan>();
  for (const c of table.columns)
    if (c.role.kind === "measure" && c.role.measure === "participants") participantsOf.set(procedureKey(c.role.procedure), c);
  for (const c of table.columns) {
    const role = c.role;
    const measure = role.kind === "measure" || role.kind === "longMeasure" ? role.measure : null;
    if (!measure) continue;
    if (role.kind === "measure" && !isCounted(role.procedure, analysis.settings)) continue;
    const cell = `${columnName(c.column)}${dataTop + 1}`;
    const scaled = (percent: number) => (c.fraction ? percent / 100 : percent);
    let condition: string | null = null;
    if (measure === "failPercent" || measure === "mark2") condition = `${cell}>=${scaled(t)}`;
    else if (measure === "passPercent") condition = `${cell}<=${scaled(100 - t)}`;
    else if (measure === "failCount" && role.kind === "measure") {
      const p = participantsOf.get(procedureKey(role.procedure));
      if (p) {
        const pc = `${columnName(p.column)}${dataTop + 1}`;
        condition = `ISNUMBER(${pc}),${pc}>0,${cell}*100>=${t}*${pc}`;
      }
    }
    if (!condition) continue;
    out.push({
      row: dataTop,
      column: c.column,
      rows: dataRows,
      columns: 1,
      formula: `AND(ISNUMBER(${cell}),${condition})`,
      fill: COLORS.low,
      fontColor: COLORS.lowFont,
      priority: 1,
    });
  }
  return out;
}

/**
 * A sheet the report describes whole (the «Свод») with the marks on it: one
 * description, so every writer renders the marks as it renders the sheet.
 */
export function withMarks(spec: SheetSpec, marks: MarkSpec): SheetSpec {
  const columnWidths = [...spec.columnWidths];
  for (const { column, width } of marks.columnWidths) columnWidths[column] = width;
  return {
    ...spec,
    columnWidths,
    blocks: [...spec.blocks, marks.block],
    styles: [...spec.styles, ...marks.styles],
    conditionalFormats: [...spec.conditionalFormats, ...marks.conditionalFormats],
  };
}
