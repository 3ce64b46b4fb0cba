/**
 * The «Динамика и объективность» section's content without React: per year
 * the ШНОР list, then the schools with something to show — a status in the
 * history, a non-stable % «2» series in the last year, a sign — in the
 * table's order (never sorted by results or signs: no rating).
 */
import { Analysis, Dynamics, procedureLabel, Status } from "../core";
import { STRINGS } from "./strings";

export interface DynamicsItem {
  key: string;
  name: string;
  /** The status in the last year of the history. */
  status: Status;
  /** «2023: ШНОР → 2024: риск (вышла)». */
  history: string;
  changes: string[];
  signals: string[];
}

export interface DynamicsView {
  years: string[];
  items: DynamicsItem[];
  total: number;
}

export const MAX_DYNAMICS_ITEMS = 100;

export function dynamicsView(analysis: Analysis, dynamics: Dynamics, max = MAX_DYNAMICS_ITEMS): DynamicsView {
  const s = STRINGS.dynamics;
  const years = dynamics.history.years.map((y) => s.year(y.year, y.shnor, y.schools, y.entered, y.left));
  const last = analysis.years[1];
  const signalsBySchool = new Map<number, string[]>();
  const all: DynamicsItem[] = [];
  analysis.verdicts.forEach((v, i) => {
    const entries = dynamics.history.schools[i]?.entries ?? [];
    // The school's changes are one run of the series (by school).
    const { series } = dynamics;
    const changes: string[] = [];
    for (let k = series.bySchool[i]; k < series.bySchool[i + 1]; k++) {
      const verdict = series.verdict(k);
      if (series.to[k] !== last || verdict === "stable") continue;
      changes.push(s.change(procedureLabel(series.procedure(k)), series.fromPercent[k], series.toPercent[k], series.change[k], verdict));
    }
    const signals = (dynamics.signals?.signals ?? [])
      .filter((x) => (x.login && v.school.login ? sameLogin(x.login, v.school.login) : x.school === v.school.name))
      .map((x) => x.note);
    signalsBySchool.set(i, signals);
    const inHistory = entries.some((e) => e.status !== "ok");
    if (!inHistory && changes.length === 0 && signals.length === 0) return;
    all.push({
      key: `${i}`,
      name: v.school.name,
      status: entries.length > 0 ? entries[entries.length - 1].status : v.status,
      history: entries.map((e) => s.entry(e.year, e.status, e.change)).join(" → "),
      changes,
      signals,
    });
  });
  return { years, items: all.slice(0, max), total: all.length };
}

/** sch203389 and edu203389 are one school. */
function sameLogin(a: string, b: string): boolean {
  const digits = (x: string) => /^(?:sch|edu)(\d+)$/i.exec(x.trim())?.[1] ?? x.trim().toLowerCase();
  return digits(a) === digits(b);
}
