/**
 * Where the documents' formulas find the results: the status column the marks
 * add to the user's sheet and, when the sheet has one row a school, the cell
 * of each counted result. Formulas built from this keep working without the add-in.
 */
import { Procedure, procedureKey } from "../procedures";
import { Analysis, isCounted } from "../rule";
import { a1, sheetRef } from "../sheets/spec";
import { MarkSpec } from "../sheets/marks";
import { ResultsTable } from "../table/model";

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
  /** Per verdict, in analysis order: its counted results' cells. Null when a school's results are not on one row. */
  schools: ResultCell[][] | null;
}

/** The absolute range of the status column, quoted for another sheet: 'Результаты'!$X$5:$X$40. */
export function statusRange(ref: ResultsRef): string {
  return `${sheetRef(ref.sheetName)}!${a1(ref.firstRow, ref.statusColumn, true)}:${a1(ref.lastRow, ref.statusColumn, true)}`;
}

/** The results sheet as the marks leave it. Cell references only for wide tables (one row a school). */
export function resultsRefFromMarks(table: ResultsTable, analysis: Analysis, marks: MarkSpec, sheetName: string): ResultsRef {
  const firstRow = table.headerBottom + 1;
  const ref: ResultsRef = {
    sheetName,
    statusColumn: marks.columns[0],
    firstRow,
    lastRow: Math.max(marks.lastRow, firstRow),
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
  const prefix = sheetRef(sheetName);
  const min = Math.max(1, analysis.settings.minParticipants);
  ref.schools = analysis.verdicts.map((v) => {
    const cell = (column: number) => `${prefix}!${a1(v.school.row, column, true)}`;
    const cells: ResultCell[] = [];
    for (const [key, plan] of plans) {
      const procedure = procedures.get(key) as Procedure;
      const n = plan.participants !== undefined ? cell(plan.participants) : null;
      // A result with too few participants does not count; an unknown number does.
      const enough = n ? `OR(NOT(ISNUMBER(${n})),${n}>=${min})` : null;
      let has: string;
      let percent: string;
      if (plan.fail) {
        const c = cell(plan.fail.column);
        const value = plan.fail.fraction ? `${c}*100` : c;
        percent = plan.fail.pass ? `(100-${value})` : value;
        has = enough ? `AND(ISNUMBER(${c}),${enough})` : `ISNUMBER(${c})`;
      } else if (n && plan.failCount !== undefined) {
        const f = cell(plan.failCount);
        percent = `${f}/${n}*100`;
        has = `AND(ISNUMBER(${f}),ISNUMBER(${n}),${n}>=${min})`;
      } else continue;
      // N() reads «-» in a count column as 0 instead of failing the sum.
      const failing = n ? (plan.failCount !== undefined ? `N(${cell(plan.failCount)})` : `${n}*${percent}/100`) : null;
      cells.push({ procedure, has, percent, participants: n, failing });
    }
    return cells;
  });
  return ref;
}
