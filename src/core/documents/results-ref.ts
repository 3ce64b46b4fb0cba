/**
 * Where the documents' formulas find the results: the status column the marks
 * add to the user's sheet and, when the sheet has one row a school, the
 * columns of each counted result. Formulas built from this keep working without the add-in.
 */
import { Procedure, procedureKey } from "../procedures";
import { Analysis, isCounted } from "../rule";
import { a1, sheetRef } from "../render-contract/spec";
import { MarkSpec } from "../render-contract/marks";
import { ResultsTable } from "../table/model";

/** The columns of one counted result (a procedure), the same on every school's row. */
export interface ResultColumns {
  procedure: Procedure;
  /**
   * The % «2» column, or успеваемость when `pass`; a column of fractions under a % format holds
   * 0.35 for 35 %. Null: the result is worked out from the number failing and the participants.
   */
  percent: { column: number; fraction: boolean; pass: boolean } | null;
  participants: number | null;
  /** The number failing, when the table gives it. */
  failCount: number | null;
}

/** One counted result of one school as formula pieces: whether it has data, and its % «2» (0–100). */
export interface ResultCell {
  procedure: Procedure;
  /** A condition true when the result counts (a number, enough participants). */
  has: string;
  /** The % «2» or below the minimum, 0–100; evaluate only where `has` holds. */
  percent: string;
  /** The number of participants, when the table gives it. */
  participants: string | null;
  /** The number failing; from the count column, else participants × % / 100. */
  failing: string | null;
}

export interface ResultsRef {
  /** The sheet holding the status column. */
  sheetName: string;
  statusColumn: number;
  /** 0-based sheet rows of the data (the status is on each school's first row). */
  firstRow: number;
  lastRow: number;
  /** The counted results' columns. Null when a school's results are not on one row. */
  columns: ResultColumns[] | null;
  /** Per verdict, in analysis order: the sheet row of its results. Null when a school's results are not on one row. */
  schools: number[] | null;
}

/** The absolute range of the status column, quoted for another sheet: 'Результаты'!$X$5:$X$40. */
export function statusRange(ref: ResultsRef): string {
  return columnRange(ref, ref.statusColumn);
}

/** A column of the results sheet over the data rows: 'Результаты'!$D$5:$D$40. */
export function columnRange(ref: ResultsRef, column: number): string {
  return `${sheetRef(ref.sheetName)}!${a1(ref.firstRow, column, true)}:${a1(ref.lastRow, column, true)}`;
}

/** One cell of the results sheet: 'Результаты'!$D$7. */
export function resultRef(ref: ResultsRef, row: number, column: number): string {
  return `${sheetRef(ref.sheetName)}!${a1(row, column, true)}`;
}

/** One school's result as formula pieces, for the results no range formula covers. */
export function resultCell(ref: ResultsRef, columns: ResultColumns, row: number, min: number): ResultCell {
  const cell = (column: number) => resultRef(ref, row, column);
  const n = columns.participants !== null ? cell(columns.participants) : null;
  // A result with too few participants does not count; an unknown number does.
  const enough = n ? `OR(NOT(ISNUMBER(${n})),${n}>=${min})` : null;
  let has: string;
  let percent: string;
  if (columns.percent) {
    const c = cell(columns.percent.column);
    const value = columns.percent.fraction ? `${c}*100` : c;
    percent = columns.percent.pass ? `(100-${value})` : value;
    has = enough ? `AND(ISNUMBER(${c}),${enough})` : `ISNUMBER(${c})`;
  } else {
    const f = cell(columns.failCount as number);
    percent = `${f}/${n}*100`;
    has = `AND(ISNUMBER(${f}),ISNUMBER(${n}),${n}>=${min})`;
  }
  // N() reads «-» in a count column as 0 instead of failing the sum.
  const failing = n ? (columns.failCount !== null ? `N(${cell(columns.failCount)})` : `${n}*${percent}/100`) : null;
  return { procedure: columns.procedure, has, percent, participants: n, failing };
}

/** The results sheet as the marks leave it. Result columns only for wide tables (one row a school). */
export function resultsRefFromMarks(table: ResultsTable, analysis: Analysis, marks: MarkSpec, sheetName: string): ResultsRef {
  const firstRow = table.headerBottom + 1;
  const ref: ResultsRef = {
    sheetName,
    statusColumn: marks.columns[0],
    firstRow,
    lastRow: Math.max(marks.lastRow, firstRow),
    columns: null,
    schools: null,
  };
  if (table.layout !== "wide") return ref;
  interface Plan {
    fail?: { column: number; fraction: boolean; pass: boolean };
    participants?: number;
    failCount?: number;
  }
  const plans = new Map<string, Plan>();
  const procedures = new Map<string, Procedure>();
  for (const c of table.columns) {
    if (c.role.kind !== "measure" || !isCounted(c.role.procedure, analysis.settings)) continue;
    const key = procedureKey(c.role.procedure);
    procedures.set(key, c.role.procedure);
    const plan = plans.get(key) ?? {};
    plans.set(key, plan);
    const m = c.role.measure;
    // % «2» beats успеваемость, as in the engine; a column of fractions holds 0.35 for 35 %.
    if (m === "failPercent" || m === "mark2") {
      if (!plan.fail || plan.fail.pass) plan.fail = { column: c.column, fraction: c.fraction === true, pass: false };
    } else if (m === "passPercent" && !plan.fail) plan.fail = { column: c.column, fraction: c.fraction === true, pass: true };
    else if (m === "participants") plan.participants = c.column;
    else if (m === "failCount") plan.failCount = c.column;
  }
  const columns: ResultColumns[] = [];
  for (const [key, plan] of plans) {
    const participants = plan.participants ?? null;
    const failCount = plan.failCount ?? null;
    // Without a percent a result needs both counts.
    if (!plan.fail && (participants === null || failCount === null)) continue;
    columns.push({ procedure: procedures.get(key) as Procedure, percent: plan.fail ?? null, participants, failCount });
  }
  ref.columns = columns;
  ref.schools = analysis.verdicts.map((v) => v.school.row);
  return ref;
}
