/**
 * The dynamics of one analysis: the ШНОР list through the years, % «2» per school
 * and series, and the signs of possibly non-objective ВПР results.
 */
import { PupilGroup } from "../pupils/model";
import { Analysis } from "../rule";
import { MarkComparison, markComparisonLines, MarkComparisonLine } from "./comparison";
import { History, schoolHistory } from "./history";
import { DEFAULT_DYNAMICS_MARGIN, SeriesChanges, seriesDynamics } from "./series";
import { objectivitySignals, SignalOptions, SignalsResult, signalProcedure } from "./signals";

export interface DynamicsInput {
  /** Pupil-level «Индивидуальные результаты», when loaded. */
  pupils?: PupilGroup[];
  /** «Сравнение отметок с отметками по журналу», when loaded. */
  comparisons?: MarkComparison[];
  /** ФИОКО's margin of the % «2» dynamics, p.p. (10). */
  margin?: number;
  /** Only the series changes to this year (the text report shows no others); all of them without it. */
  seriesTo?: number | null;
  signalOptions?: SignalOptions;
}

export interface Dynamics {
  history: History;
  margin: number;
  series: SeriesChanges;
  /** Null when no pupil-level data is loaded. */
  signals: SignalsResult | null;
  comparisons: MarkComparisonLine[];
}

export function dynamicsOf(analysis: Analysis, input: DynamicsInput = {}): Dynamics {
  const margin = input.margin ?? DEFAULT_DYNAMICS_MARGIN;
  return {
    history: schoolHistory(analysis),
    margin,
    series: seriesDynamics(analysis, margin, input.seriesTo ?? null),
    // The signals are ВПР methodology: ОГЭ/ЕГЭ pupils of a РЦОИ protocol alone are no pupil data for them.
    signals: input.pupils?.some((g) => signalProcedure(g.procedure)) ? objectivitySignals(input.pupils, input.signalOptions) : null,
    comparisons: markComparisonLines(input.comparisons ?? []),
  };
}
