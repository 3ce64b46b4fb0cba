/**
 * The computed indicators worked out by the engine: the baseline written into
 * «Показатели», the value where the layout gives formulas nothing to point at,
 * and what tests hold the sheet formulas to.
 */
import { schoolHistory } from "../dynamics/history";
import { Analysis, isCountedResult, isLowResult, SchoolVerdict } from "../rule";
import { ProcedureResult } from "../table/model";
import { eachResult } from "../table/stored";
import { ComputeKey } from "./catalogue";
import { GIA_TYPES } from "../vocabulary";

export interface IndicatorNumbers {
  numerator: number | null;
  denominator: number | null;
  /** Percent (0–100) for shares, the count for counts; null: no data. */
  value: number | null;
}

/** One school's part of the computed indicators: its helper row on «Показатели» (the means) and its share of the column counts. */
export interface SchoolFigures {
  /** Mean % «2» of the counted ВПР in the year before and in the previous year; null: none. */
  vprBefore: number | null;
  vprPrevious: number | null;
  /** 1: the mean fell; 0: it did not; null: a year is missing. */
  dynamics: 0 | 1 | null;
  /** Counted results of the previous year, and how many of them are low. */
  procedures: number;
  low: number;
  /** ОГЭ/ЕГЭ of the previous year with a number of participants: participants and those below the minimum. */
  giaParticipants: number;
  giaFailing: number;
}

/** `only`: the figures over some of the school's results (those of some procedures). One pass, no result made an object. */
export function schoolFigures(verdict: SchoolVerdict, analysis: Analysis, only?: (r: ProcedureResult) => boolean): SchoolFigures {
  const [before, previous] = analysis.years;
  const { settings } = analysis;
  // Sums in the order of the results, from 0, as a mean over a list of them adds.
  let vprBeforeSum = 0;
  let vprBeforeCount = 0;
  let vprPreviousSum = 0;
  let vprPreviousCount = 0;
  let procedures = 0;
  let low = 0;
  let giaParticipants = 0;
  let giaFailing = 0;
  eachResult(verdict.school, (r) => {
    if (!isCountedResult(r, settings) || (only && !only(r))) return;
    const { type, year } = r.procedure;
    const percent = r.failPercent as number;
    if (type === "ВПР" && year === before) ((vprBeforeSum += percent), vprBeforeCount++);
    if (type === "ВПР" && year === previous) ((vprPreviousSum += percent), vprPreviousCount++);
    if (year !== previous) return;
    procedures++;
    if (isLowResult(r, settings.threshold)) low++;
    if (GIA_TYPES.has(type) && r.participants !== null) {
      giaParticipants += r.participants;
      giaFailing += r.failCount ?? (r.participants * percent) / 100;
    }
  });
  const vprBefore = before === null || vprBeforeCount === 0 ? null : vprBeforeSum / vprBeforeCount;
  const vprPrevious = previous === null || vprPreviousCount === 0 ? null : vprPreviousSum / vprPreviousCount;
  const dynamics = vprBefore === null || vprPrevious === null ? null : vprPrevious < vprBefore ? 1 : 0;
  return { vprBefore, vprPrevious, dynamics, procedures, low, giaParticipants, giaFailing };
}

/** Every school's figures over all its results, worked out once an analysis (each indicator and the helper rows ask). */
const allFigures = new WeakMap<Analysis, SchoolFigures[]>();
export function figuresOf(analysis: Analysis): SchoolFigures[] {
  let figures = allFigures.get(analysis);
  if (!figures) allFigures.set(analysis, (figures = analysis.verdicts.map((v) => schoolFigures(v, analysis))));
  return figures;
}

function share(numerator: number, denominator: number): IndicatorNumbers {
  return { numerator, denominator, value: denominator > 0 ? (numerator / denominator) * 100 : null };
}

export function computeIndicator(key: ComputeKey, analysis: Analysis): IndicatorNumbers {
  const { summary } = analysis;
  switch (key) {
    case "countShnor":
      return { numerator: summary.shnor, denominator: null, value: summary.shnor };
    case "shareShnor":
      return share(summary.shnor, summary.schools);
    case "shareRisk":
      return share(summary.risk, summary.schools);
    case "countLeftShnor":
    case "shareLeftShnor": {
      // The last year of the history against the year before it; without two years of history, no data.
      const years = schoolHistory(analysis).years;
      const last = years[years.length - 1];
      if (years.length < 2 || last.left === null) return { numerator: null, denominator: null, value: null };
      if (key === "countLeftShnor") return { numerator: last.left, denominator: null, value: last.left };
      return share(last.left, years[years.length - 2].shnor);
    }
    default: {
      const figures = figuresOf(analysis);
      const sum = (f: (x: SchoolFigures) => number) => figures.reduce((s, x) => s + f(x), 0);
      if (key === "sharePositiveDynamicsVpr")
        return share(
          sum((x) => x.dynamics ?? 0),
          sum((x) => (x.dynamics === null ? 0 : 1)),
        );
      if (key === "shareLowProcedures")
        return share(
          sum((x) => x.low),
          sum((x) => x.procedures),
        );
      const participants = sum((x) => x.giaParticipants);
      if (participants === 0) return { numerator: null, denominator: null, value: null };
      // The sheet rounds the number failing to whole participants; so does this.
      return share(Math.round(sum((x) => x.giaFailing)), participants);
    }
  }
}
