/**
 * ФИС ОКО «Сравнение отметок с отметками по журналу»: per school the shares
 * of participants who lowered («понизили»: ВПР mark below the journal's),
 * confirmed and raised their mark, shown beside the municipality's. The
 * table reader recognises the sheet and fills this input; this module only
 * puts the numbers side by side — it draws no conclusion.
 */
import { Procedure } from "../procedures";

export interface MarkShares {
  /** Percent of participants, 0–100. */
  lowered: number;
  confirmed: number;
  raised: number;
}

export interface MarkComparisonRow extends MarkShares {
  login: string | null;
  /** The school's name exactly as written. */
  school: string;
  participants: number | null;
}

/** One sheet of «Сравнение отметок с отметками по журналу»: one procedure. */
export interface MarkComparison {
  procedure: Procedure;
  /** The municipality's row, when the sheet has it (`reg42_m017`). */
  municipality: MarkShares | null;
  schools: MarkComparisonRow[];
}

export interface MarkComparisonLine extends MarkShares {
  school: string;
  login: string | null;
  procedure: Procedure;
  participants: number | null;
  /** The municipality's shares: its own row, else the schools' weighted by participants; null when neither is known. */
  municipality: MarkShares | null;
}

function weighted(rows: MarkComparisonRow[]): MarkShares | null {
  if (rows.length === 0 || rows.some((r) => r.participants === null)) return null;
  const total = rows.reduce((s, r) => s + (r.participants as number), 0);
  if (total === 0) return null;
  const w = (f: (r: MarkComparisonRow) => number) => rows.reduce((s, r) => s + f(r) * (r.participants as number), 0) / total;
  return { lowered: w((r) => r.lowered), confirmed: w((r) => r.confirmed), raised: w((r) => r.raised) };
}

export function markComparisonLines(input: MarkComparison[]): MarkComparisonLine[] {
  return input.flatMap((c) => {
    const municipality = c.municipality ?? weighted(c.schools);
    return c.schools.map((r) => ({ ...r, procedure: c.procedure, municipality }));
  });
}
