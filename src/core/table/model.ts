import { Procedure } from "../procedures";
import { Measure } from "../vocabulary";

export type Layout = "wide" | "long" | "fisoko";

export const LAYOUT_NAMES: Record<Layout, string> = {
  wide: "широкая таблица (строка на школу, столбцы по процедурам)",
  long: "длинная таблица (строка на школу и процедуру)",
  fisoko: "отчёт ФИС ОКО «Статистика по отметкам» (одна процедура на лист)",
};

/** What the engine took a column as. Long tables name the procedure in cells, not in headers. */
export type ColumnRole =
  | { kind: "name" }
  | { kind: "login" }
  | { kind: "territory" }
  | { kind: "number" }
  | { kind: "measure"; procedure: Procedure; measure: Measure }
  | { kind: "procedure" }
  | { kind: "subject" }
  | { kind: "grade" }
  | { kind: "year" }
  | { kind: "longMeasure"; measure: Measure }
  | { kind: "ignored"; reason: string };

export interface ColumnPlan {
  /** 0-based column index in the sheet. */
  column: number;
  /** The header text as read, rows joined with « / ». */
  header: string;
  role: ColumnRole;
  /** Set when the user corrected this column. */
  overridden?: boolean;
  /** Set when the engine assumed something the header did not say. */
  note?: string;
  /** Most numbers in the column are fractions shown through a % format (0.35 as 35 %). */
  fraction?: boolean;
}

/** The shape of a results table, found from the first rows of a sheet. */
export interface TableShape {
  layout: Layout;
  sheetName: string;
  /** 0-based sheet rows of the header block, inclusive. */
  headerTop: number;
  headerBottom: number;
  /** 0-based sheet column of the first cell of each row handed to the builder. */
  firstColumn: number;
  columns: ColumnPlan[];
  /** ФИС ОКО: the one procedure of the sheet. */
  procedure?: Procedure;
  /** Header texts, normalized, so a repeated header row inside the data is skipped. */
  headerTexts: Set<string>;
}

export interface ProcedureResult {
  procedure: Procedure;
  key: string;
  /** % «2» or % below the minimum, 0–100, exact when counts gave it. */
  failPercent: number | null;
  highPercent: number | null;
  participants: number | null;
  failCount: number | null;
}

export interface SchoolRecord {
  name: string;
  login: string | null;
  territory: string | null;
  /** 0-based sheet row of the school's (first) row. */
  row: number;
  results: ProcedureResult[];
}

export interface SkippedRow {
  row: number;
  text: string;
  reason: string;
}

export interface ResultsTable {
  layout: Layout;
  sheetName: string;
  headerTop: number;
  headerBottom: number;
  /** 0-based sheet row of the last row read as part of the table. */
  lastRow: number;
  columns: ColumnPlan[];
  procedures: Procedure[];
  schools: SchoolRecord[];
  skippedRows: SkippedRow[];
  warnings: string[];
}
