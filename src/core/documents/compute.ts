/**
 * The computed indicators worked out by the engine: the baseline written into
 * «Показатели», the value where the layout gives formulas nothing to point at,
 * and what tests hold the sheet formulas to.
 */
import { schoolHistory } from "../dynamics/history";
import { Analysis, isCountedResult, isLowResult, SchoolVerdict } from "../rule";
import { ProcedureResult } from "../table/model";
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

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** `only`: the figures over some of the school's results (those of some procedures). */
export function schoolFigures(verdict: SchoolVerdict, analysis: Analysis, only?: (r: ProcedureResult) => boolean): SchoolFigures {
  const [before, previous] = analysis.years;
  const results = verdict.school.results.filter((r) => isCountedResult(r, analysis.settings) && (!only || only(r)));
  const vpr = (year: number | null) =>
    mean(results.filter((r) => r.procedure.type === "ВПР" && r.procedure.year === year).map((r) => r.failPercent as number));
  const vprBefore = before === null ? null : vpr(before);
  const vprPrevious = previous === null ? null : vpr(previous);
  const dynamics = vprBefore === null || vprPrevious === null ? null : vprPrevious < vprBefore ? 1 : 0;
  const last = results.filter((r) => r.procedure.year === previous);
  const gia = last.filter((r) => GIA_TYPES.has(r.procedure.type) && r.participants !== null);
  return {
    vprBefore,
    vprPrevious,
    dynamics,
    procedures: last.length,
    low: last.filter((r) => isLowResult(r, analysis.settings.threshold)).length,
    giaParticipants: gia.reduce((s, r) => s + (r.participants as number), 0),
    giaFailing: gia.reduce((s, r) => s + (r.failCount ?? ((r.participants as number) * (r.failPercent as number)) / 100), 0),
  };
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
      const figures = analysis.verdicts.map((v) => schoolFigures(v, analysis));
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
