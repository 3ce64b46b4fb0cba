/**
 * Dynamics of % «2» per school and procedure series (the same type, subject,
 * level and grade across years): the change in percentage points between two
 * consecutive years of the series with data, and ФИОКО's 2026 reading of it —
 * +10 p.p. or more is negative, −10 p.p. or less positive, stable between.
 */
import { cleanFloat } from "../cells";
import { ShnorError } from "../errors";
import { Procedure, procedureSeriesKey } from "../procedures";
import { Analysis, isCountedResult } from "../rule";
import { ProcedureResult } from "../table/model";

/** ФИОКО's margin for a change of % «2», in percentage points. */
export const DEFAULT_DYNAMICS_MARGIN = 10;

export type DynamicsVerdict = "positive" | "stable" | "negative";

export const DYNAMICS_TEXT: Record<DynamicsVerdict, string> = {
  positive: "положительная",
  stable: "стабильная",
  negative: "отрицательная",
};

export interface SeriesChange {
  verdictIndex: number;
  /** The later year's procedure. */
  procedure: Procedure;
  from: number;
  to: number;
  fromPercent: number;
  toPercent: number;
  /** to − from, p.p. */
  change: number;
  verdict: DynamicsVerdict;
}

export function checkMargin(margin: number): number {
  if (!Number.isFinite(margin) || margin <= 0 || margin > 100)
    throw new ShnorError("bad-setting", `Порог динамики должен быть числом процентных пунктов от 0 до 100, а не «${margin}».`);
  return margin;
}

/** +margin or more: negative (more «2»); −margin or less: positive; between: stable. */
export function dynamicsVerdict(change: number, margin = DEFAULT_DYNAMICS_MARGIN): DynamicsVerdict {
  const c = cleanFloat(change);
  if (c >= margin) return "negative";
  if (c <= -margin) return "positive";
  return "stable";
}

/** Every school's series, each pair of consecutive years with data in the series, up to the analysis' previous year. */
export function seriesDynamics(analysis: Analysis, margin = DEFAULT_DYNAMICS_MARGIN): SeriesChange[] {
  checkMargin(margin);
  const last = analysis.years[1];
  const out: SeriesChange[] = [];
  analysis.verdicts.forEach((v, verdictIndex) => {
    const series = new Map<string, ProcedureResult[]>();
    for (const r of v.school.results) {
      if (!isCountedResult(r, analysis.settings) || (last !== null && r.procedure.year > last)) continue;
      const key = procedureSeriesKey(r.procedure);
      const list = series.get(key) ?? [];
      series.set(key, list);
      list.push(r);
    }
    for (const list of series.values()) {
      list.sort((a, b) => a.procedure.year - b.procedure.year);
      for (let i = 1; i < list.length; i++) {
        const a = list[i - 1];
        const b = list[i];
        if (a.procedure.year === b.procedure.year) continue;
        const change = cleanFloat((b.failPercent as number) - (a.failPercent as number));
        out.push({
          verdictIndex,
          procedure: b.procedure,
          from: a.procedure.year,
          to: b.procedure.year,
          fromPercent: a.failPercent as number,
          toPercent: b.failPercent as number,
          change,
          verdict: dynamicsVerdict(change, margin),
        });
      }
    }
  });
  return out;
}
