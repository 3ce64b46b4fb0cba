/**
 * The words of the dynamics and the signs, shared by the CLI's readable
 * report, the analytical note and the sheet: what changed in the ШНОР list,
 * how % «2» moved, and the signs with their numbers — never a verdict or a rank.
 */
import { procedureLabel } from "../procedures";
import { Analysis } from "../rule";
import { formatPercent } from "../cells";
import { SchoolRecord } from "../table/model";
import type { Dynamics } from "./dynamics";
import { DYNAMICS_TEXT, DynamicsVerdict } from "./series";

/** Why the tool names no school «необъективная» and ranks none. */
export const NO_RATING =
  "Признаки — сигналы для внимания, а не вывод об объективности результатов ОО. " +
  "Результаты ВПР не используются для рейтингов школ и учителей (письмо Рособрнадзора от 18.04.2025 № 02-86).";

export const NO_PUPILS = "Данные по участникам («Индивидуальные результаты» ФИС ОКО) не загружены: признаки необъективности не рассчитаны.";

export interface ListChange {
  year: number;
  before: number;
  entered: SchoolRecord[];
  left: SchoolRecord[];
  stayed: SchoolRecord[];
}

/** Who entered, left and stayed in the ШНОР list in the last year of the history; null without two years. */
export function lastListChange(dynamics: Dynamics): ListChange | null {
  const years = dynamics.history.years;
  if (years.length < 2) return null;
  const k = years.length - 1;
  const pick = (c: string) => dynamics.history.schools.filter((s) => s.entries[k].change === c).map((s) => s.school);
  return { year: years[k].year, before: years[k - 1].year, entered: pick("entered"), left: pick("left"), stayed: pick("stayed") };
}

const names = (list: SchoolRecord[]) => (list.length === 0 ? "нет" : list.map((s) => s.name).join("; "));

export function listChangeLines(dynamics: Dynamics): string[] {
  const years = dynamics.history.years;
  if (years.length === 0) return ["Данных за два учебных года нет: историю перечня ШНОР построить нельзя."];
  const lines = [`Перечень ШНОР по годам: ${years.map((y) => `${y.year} — ${y.shnor} из ${y.schools}`).join("; ")}.`];
  const change = lastListChange(dynamics);
  if (change) {
    lines.push(
      `С ${change.before} по ${change.year} г. вошли в перечень ШНОР: ${change.entered.length} (${names(change.entered)}); ` +
        `вышли из статуса ШНОР: ${change.left.length} (${names(change.left)}); остались: ${change.stayed.length}.`,
    );
  }
  return lines;
}

export function dynamicsCounts(dynamics: Dynamics, year: number | null): Record<DynamicsVerdict, number> {
  const tally = [0, 0, 0];
  const { series } = dynamics;
  for (let i = 0; i < series.length; i++) if (year === null || series.to[i] === year) tally[series.verdicts[i]]++;
  return { positive: tally[0], stable: tally[1], negative: tally[2] };
}

/** Short lines for the readable report: the list by year, the % «2» dynamics of the last year, the signs; made as they are read. */
export function* dynamicsLines(analysis: Analysis, dynamics: Dynamics): Generator<string> {
  yield* listChangeLines(dynamics);
  const last = analysis.years[1];
  const counts = dynamicsCounts(dynamics, last);
  const total = counts.positive + counts.stable + counts.negative;
  if (total > 0) {
    yield (
      `Динамика доли «2» к ${last} г. по ОО и процедурам (порог ±${formatPercent(dynamics.margin)} п. п., ФИОКО): ` +
      `${DYNAMICS_TEXT.positive} — ${counts.positive}, ${DYNAMICS_TEXT.stable} — ${counts.stable}, ${DYNAMICS_TEXT.negative} — ${counts.negative}.`
    );
    const { series } = dynamics;
    for (let i = 0; i < series.length; i++) {
      if (series.to[i] !== last || series.verdict(i) !== "negative") continue;
      yield (
        `  ${analysis.verdicts[series.verdictIndex[i]].school.name}: ${procedureLabel(series.procedure(i))} — ` +
        `${formatPercent(series.fromPercent[i])} → ${formatPercent(series.toPercent[i])} % (+${formatPercent(series.change[i])} п. п.)`
      );
    }
  }
  if (!dynamics.signals) yield NO_PUPILS;
  else if (dynamics.signals.signals.length === 0) yield "Признаков необъективности результатов ВПР по загруженным данным нет.";
  else {
    yield `Признаки необъективности результатов ВПР: ${dynamics.signals.signals.length}. ${NO_RATING}`;
    for (const s of dynamics.signals.signals) yield `  ${s.school}: ${s.note}`;
  }
  if (dynamics.signals) for (const w of dynamics.signals.warnings) yield `  ${w}`;
}
