import { Procedure, ProcedureParts } from "../procedures";
import { PupilGroup } from "../pupils/model";
import type { TaskLevel } from "../tasks/levels";
import type { Layout } from "./layouts";
import { Measure } from "../vocabulary";

/** The layouts a table may come in: their keys and titles are in the registry (layouts/index.ts). */
export type { Layout };

/** The ФИС ОКО reports that give school results, named where a sheet or a set of files holds something else. */
export const RESULT_REPORTS =
  "«Статистика по отметкам» ФИС ОКО или «Индивидуальные результаты» с отметками, или протокол участников со столбцами ОО («Код ОО», «Наименование ОО») и отметки";

/** A skipped row's reason when its procedure cannot be told (type, subject, year). */
export const NO_PROCEDURE_REASON = "не определена процедура (вид, предмет, год)";

/** A skipped row's reason when its procedure is a ВПР without a grade (see lacksGrade). */
export const NO_GRADE_REASON = "у ВПР не указан класс";

/** How to give a ВПР its grade, for every message that says one is missing. */
export const GRADE_HINT =
  "впишите класс в строку над таблицей (например «ВПР 2025 Математика 5 класс»), в название листа («МА 5») или в столбец «Класс»";

/** What a journal-comparison column holds: a share of pupils whose mark was lower, equal or higher than the journal's. */
export type JournalShare = "total" | "lowered" | "confirmed" | "raised";

/** What a pupil-level column holds. */
export type PupilField = "code" | "grade" | "variant" | "task" | "primary" | "mark" | "journal" | "person" | "passed";

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
  | { kind: "journal"; share: JournalShare; unit: "percent" | "count" }
  | {
      kind: "pupil";
      field: PupilField;
      /** task columns: «1 (2б)» → 2 */
      max?: number | null;
      /** task columns: the level from the row «Уровень сложности задания» above the header */
      level?: TaskLevel | null;
    }
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
  /** What the title lines and the sheet name say of the procedure (long and pupil tables fill gaps from it). */
  context?: ProcedureParts;
  /** ФИС ОКО: the «Кол-во ОО» column (sheet column): a row without a login that counts schools is a territory, not a school. */
  schoolCountColumn?: number;
  /** Protocols of one school: the school its title block names («ОО: МБОУ «СОШ № 1»», «Код ОО: 420101»), for rows without a school column. */
  titleSchool?: { name: string | null; login: string | null };
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

/** Where a row that is not a school stands: the country, the region, the municipality, a total. */
export type ComparisonKind = "country" | "region" | "municipality" | "total" | "group";

/**
 * A row kept for comparison, not a school: «Вся выборка», the region, the
 * municipality «…(reg42_m017)», «Итого по МО». Its results carry the percents as given.
 */
export interface ComparisonRow {
  /** The name as written, without a bracketed code at its end. */
  name: string;
  /** The code in brackets or a login column («reg42_m017»), if any. */
  code: string | null;
  kind: ComparisonKind;
  row: number;
  results: ProcedureResult[];
}

/** One row of «Сравнение отметок с отметками по журналу»: shares in percent of participants. */
export interface JournalRow {
  name: string;
  login: string | null;
  /** A school (true) or a comparison row (region, municipality). */
  school: boolean;
  row: number;
  procedure: Procedure | null;
  participants: number | null;
  lowered: number | null;
  confirmed: number | null;
  raised: number | null;
}

export interface SkippedRow {
  /** The file and sheet, when tables from many sources were joined. */
  source?: string;
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
  /** Rows that are not schools but are kept with their percents (country, region, municipality, totals). */
  comparisons?: ComparisonRow[];
  /** layout «journal»: the comparison with journal marks, per school and comparison row. */
  journal?: JournalRow[];
  /** layout «pupils»: the pupil-level facts, one group a school. */
  pupils?: PupilGroup[];
}
