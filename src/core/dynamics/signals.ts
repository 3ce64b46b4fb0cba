/**
 * Signs of possibly non-objective ВПР results from pupil-level data, after
 * ФИОКО's «Методика расчета показателя “Уровень объективности…”» and its
 * «Математический алгоритм маркировки ОО», with the conventions of stats.ts.
 * Each is a «признак» — a signal for attention with the numbers that raised
 * it and its sample size — never a verdict and never a rank: ВПР results are
 * not for rating schools or teachers (Rosobrnadzor, 18.04.2025 № 02-86).
 */
import { pushAll } from "../arrays";
import { cleanFloat } from "../cells";
import { Procedure, procedureKey, procedureLabel } from "../procedures";
import { PupilGroup, PupilResult } from "../pupils/model";
import { schoolIdentity } from "../table/identity";
import { confidence95, Interval, mean, quantileInc, spearman } from "./stats";

export type SignKind = "inflated-mean" | "journal-mismatch" | "cohort-fall" | "cohort-rise" | "journal-gap";

export const SIGN_ORDER: SignKind[] = ["inflated-mean", "journal-mismatch", "cohort-fall", "cohort-rise", "journal-gap"];

export const SIGN_TITLE: Record<SignKind, string> = {
  "inflated-mean": "признак завышенного среднего балла",
  "journal-mismatch": "признак несоответствия отметкам по журналу",
  "cohort-fall": "признак резкого снижения результатов параллели (4 → 5 класс)",
  "cohort-rise": "признак резкого повышения результатов параллели (4 → 5 класс)",
  "journal-gap": "расхождение отметки ВПР и отметки по журналу на 2 и более",
};

/** Groups under this many pupils get no signal. */
export const MIN_SIGNAL_N = 10;

export const SAMPLE_NOTE = {
  small: "выборка мала, вывод ограничен",
  indicative: "ориентировочно",
  enough: "выборка достаточна",
} as const;

/** n < 20: small; 20–49: indicative; ≥ 50: informative. */
export function sampleNote(n: number): string {
  if (n < 20) return SAMPLE_NOTE.small;
  if (n < 50) return SAMPLE_NOTE.indicative;
  return SAMPLE_NOTE.enough;
}

export const ATTENTION = "сигнал для внимания, не вывод об объективности";

export interface Signal {
  school: string;
  login: string | null;
  sign: SignKind;
  /** For cohort signs, the grade-5 procedure. */
  procedure: Procedure;
  n: number;
  values: Record<string, number | string>;
  /** The sample-size note. */
  sample: string;
  /** The whole Russian sentence with the numbers. */
  note: string;
}

/** The procedures signs are worked out for: ВПР русский язык and математика, grades 4 and 5. */
export const SIGNAL_SUBJECTS = ["русский язык", "математика"];
export const SIGNAL_GRADES = [4, 5];

export function signalProcedure(p: Procedure): boolean {
  return p.type === "ВПР" && SIGNAL_SUBJECTS.includes(p.subject) && p.grade !== null && SIGNAL_GRADES.includes(p.grade);
}

export interface SignalOptions {
  /** What «all pupils loaded» are, for the words: «муниципалитет» (default) or «регион» when the region's files are loaded. */
  reference?: "municipality" | "region";
}

const REFERENCE_TEXT = { municipality: "муниципалитета", region: "региона" } as const;

interface Group {
  key: string;
  school: string;
  login: string | null;
  procedure: Procedure;
  maxScore: number | null;
  /** Pupils with a score: absent pupils are not in the sample. */
  pupils: PupilResult[];
}

function maxOf(g: PupilGroup): number | null {
  if (g.maxScore !== null && g.maxScore > 0) return g.maxScore;
  if (g.taskMax.length > 0 && g.taskMax.every((m) => m !== null)) {
    const sum = (g.taskMax as number[]).reduce((a, b) => a + b, 0);
    return sum > 0 ? sum : null;
  }
  return null;
}

/** One group per school and procedure (files loaded twice or split are joined), absent pupils left out. */
function joinGroups(groups: PupilGroup[]): Group[] {
  const byKey = new Map<string, Group>();
  for (const g of groups) {
    if (!signalProcedure(g.procedure)) continue;
    const key = `${schoolIdentity(g.school, g.login)}|${procedureKey(g.procedure)}`;
    let joined = byKey.get(key);
    if (!joined) {
      joined = {
        key: schoolIdentity(g.school, g.login),
        school: g.school,
        login: g.login,
        procedure: g.procedure,
        maxScore: null,
        pupils: [],
      };
      byKey.set(key, joined);
    }
    joined.maxScore ??= maxOf(g);
    for (const p of g.pupils) if (p.primaryScore !== null && Number.isFinite(p.primaryScore)) joined.pupils.push(p);
  }
  return [...byKey.values()];
}

/** «12,35»: Russian decimals. */
export function dec(x: number, digits = 2): string {
  const scale = 10 ** digits;
  const r = Math.round(x * scale) / scale;
  return (Object.is(r, -0) ? 0 : r).toFixed(digits).replace(".", ",").replace("-", "−");
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

function finish(
  g: Group,
  sign: SignKind,
  n: number,
  values: Record<string, number | string>,
  what: string,
  procedure = g.procedure,
): Signal {
  const sample = sampleNote(n);
  return {
    school: g.school,
    login: g.login,
    sign,
    procedure,
    n,
    values,
    sample,
    note: `${procedureLabel(procedure)}: ${SIGN_TITLE[sign]} — ${what}; n = ${n}, ${sample}. Это ${ATTENTION}.`,
  };
}

function inflatedMean(g: Group, reference: Interval, referenceText: string, referenceName: string): Signal | null {
  const scores = g.pupils.map((p) => p.primaryScore as number);
  if (scores.length < MIN_SIGNAL_N) return null;
  const ci = confidence95(scores);
  if (!ci || !(cleanFloat(ci.lower) > cleanFloat(reference.upper))) return null;
  return finish(
    g,
    "inflated-mean",
    ci.n,
    {
      mean: round(ci.mean),
      lower: round(ci.lower),
      upper: round(ci.upper),
      referenceMean: round(reference.mean),
      referenceLower: round(reference.lower),
      referenceUpper: round(reference.upper),
      referenceN: reference.n,
      reference: referenceName,
    },
    `95 % интервал среднего первичного балла ОО ${dec(ci.lower)}–${dec(ci.upper)} (среднее ${dec(ci.mean)}) ` +
      `выше интервала ${referenceText} ${dec(reference.lower)}–${dec(reference.upper)} (среднее ${dec(reference.mean)}, n = ${reference.n})`,
  );
}

function journalMismatch(g: Group): Signal | null {
  const pairs = g.pupils.filter((p) => p.journalMark !== null);
  if (pairs.length < MIN_SIGNAL_N) return null;
  const rho = spearman(
    pairs.map((p) => p.journalMark as number),
    pairs.map((p) => p.primaryScore as number),
  );
  if (rho === null || !(rho < 0)) return null;
  return finish(
    g,
    "journal-mismatch",
    pairs.length,
    { rho: round(rho) },
    `корреляция Спирмена между отметкой по журналу и первичным баллом ρ = ${dec(rho)} (меньше 0)`,
  );
}

function journalGap(g: Group): Signal | null {
  const pairs = g.pupils.filter((p) => p.journalMark !== null && p.mark !== null);
  if (pairs.length < MIN_SIGNAL_N) return null;
  const gaps = pairs.filter((p) => Math.abs((p.mark as number) - (p.journalMark as number)) >= 2).length;
  if (gaps === 0) return null;
  const share = (gaps / pairs.length) * 100;
  return finish(
    g,
    "journal-gap",
    pairs.length,
    { count: gaps, share: round(share, 2) },
    `у ${gaps} из ${pairs.length} участников (${dec(share, 1)} %) отметка ВПР и отметка по журналу различаются на 2 балла и более`,
  );
}

export interface CohortRow {
  school: string;
  login: string | null;
  subject: string;
  /** The grade-4 year; the grade-5 procedure is a year later. */
  year: number;
  s4: number;
  s5: number;
  n4: number;
  n5: number;
  k: number;
}

/** K = S(4, y) / S(5, y + 1) for schools with ≥ 10 pupils in both grades; quartiles over those schools. */
function cohortSignals(groups: Group[]): { signals: Signal[]; rows: CohortRow[] } {
  const grade5 = new Map<string, Group>();
  for (const g of groups) if (g.procedure.grade === 5) grade5.set(`${g.key}|${g.procedure.subject}|${g.procedure.year}`, g);
  type Pair = { g4: Group; g5: Group; row: CohortRow };
  const sets = new Map<string, Pair[]>();
  for (const g4 of groups) {
    if (g4.procedure.grade !== 4) continue;
    const g5 = grade5.get(`${g4.key}|${g4.procedure.subject}|${g4.procedure.year + 1}`);
    if (!g5 || g4.pupils.length < MIN_SIGNAL_N || g5.pupils.length < MIN_SIGNAL_N) continue;
    if (g4.maxScore === null || g5.maxScore === null) continue;
    const s4 = mean(g4.pupils.map((p) => (p.primaryScore as number) / (g4.maxScore as number))) as number;
    const s5 = mean(g5.pupils.map((p) => (p.primaryScore as number) / (g5.maxScore as number))) as number;
    if (s5 === 0) continue;
    const set = `${g4.procedure.subject}|${g4.procedure.year}`;
    const list = sets.get(set) ?? [];
    sets.set(set, list);
    list.push({
      g4,
      g5,
      row: {
        school: g5.school,
        login: g5.login,
        subject: g4.procedure.subject,
        year: g4.procedure.year,
        s4,
        s5,
        n4: g4.pupils.length,
        n5: g5.pupils.length,
        k: s4 / s5,
      },
    });
  }
  const signals: Signal[] = [];
  const rows: CohortRow[] = [];
  for (const pairs of sets.values()) {
    // Float noise is cleared before comparing, so K at the fence itself is not past it.
    const ks = pairs.map((p) => cleanFloat(p.row.k));
    const q25 = quantileInc(ks, 0.25) as number;
    const q75 = quantileInc(ks, 0.75) as number;
    const iqr = cleanFloat(q75 - q25);
    const high = cleanFloat(q75 + 3 * iqr);
    const low = cleanFloat(q25 - 3 * iqr);
    for (const { g5, row } of pairs) {
      rows.push(row);
      const n = Math.min(row.n4, row.n5);
      const values = {
        k: round(row.k),
        s4: round(row.s4),
        s5: round(row.s5),
        n4: row.n4,
        n5: row.n5,
        q25: round(q25),
        q75: round(q75),
        iqr: round(iqr),
        schools: pairs.length,
      };
      const base = `K = S(4 кл., ${row.year}) / S(5 кл., ${row.year + 1}) = ${dec(row.s4, 3)} / ${dec(row.s5, 3)} = ${dec(row.k, 3)}`;
      const over = `по ${pairs.length} ОО с не менее чем ${MIN_SIGNAL_N} участниками в обоих классах; участников: 4 кл. ${row.n4}, 5 кл. ${row.n5}`;
      const k = cleanFloat(row.k);
      if (k > high)
        signals.push(finish(g5, "cohort-fall", n, { ...values, fence: round(high) }, `${base} > Q75 + 3·IQR = ${dec(high, 3)} (${over})`));
      else if (k < low)
        signals.push(finish(g5, "cohort-rise", n, { ...values, fence: round(low) }, `${base} < Q25 − 3·IQR = ${dec(low, 3)} (${over})`));
    }
  }
  return { signals, rows };
}

export interface SignalsResult {
  signals: Signal[];
  /** Every school's K, whether or not it raised a sign: what the quartiles were taken over. */
  cohorts: CohortRow[];
  /** Russian lines: what could not be worked out and why. */
  warnings: string[];
  /** Which pupils the reference interval is over. */
  reference: string;
}

export function objectivitySignals(input: PupilGroup[], options: SignalOptions = {}): SignalsResult {
  const referenceKind = options.reference ?? "municipality";
  const referenceText = `${REFERENCE_TEXT[referenceKind]} (все участники загруженных данных, включая эту ОО)`;
  const referenceName = referenceKind === "region" ? "регион" : "муниципалитет";
  const groups = joinGroups(input);
  const warnings: string[] = [];
  // The reference: every pupil with a score for the same procedure, the school included.
  const byProcedure = new Map<string, number[]>();
  for (const g of groups) {
    const k = procedureKey(g.procedure);
    const list = byProcedure.get(k) ?? [];
    byProcedure.set(k, list);
    for (const p of g.pupils) list.push(p.primaryScore as number);
  }
  const signals: Signal[] = [];
  // One reference interval a procedure, not one a school: a region's Ф1 has thousands of schools.
  const references = new Map<string, Interval | null>();
  for (const [key, scores] of byProcedure) references.set(key, confidence95(scores));
  for (const g of groups) {
    const reference = references.get(procedureKey(g.procedure)) ?? null;
    const found = [reference ? inflatedMean(g, reference, referenceText, referenceName) : null, journalMismatch(g), journalGap(g)];
    for (const s of found) if (s) signals.push(s);
  }
  const missingMax = groups.filter((g) => g.maxScore === null && g.pupils.length >= MIN_SIGNAL_N);
  for (const g of missingMax)
    warnings.push(`${g.school}, ${procedureLabel(g.procedure)}: максимальный балл не указан — коэффициент K (4 → 5 класс) не рассчитан.`);
  const cohorts = cohortSignals(groups);
  pushAll(signals, cohorts.signals);
  const order = new Map<string, number>();
  groups.forEach((g) => order.has(g.key) || order.set(g.key, order.size));
  signals.sort(
    (a, b) =>
      (order.get(schoolIdentity(a.school, a.login)) ?? 0) - (order.get(schoolIdentity(b.school, b.login)) ?? 0) ||
      a.procedure.year - b.procedure.year ||
      a.procedure.subject.localeCompare(b.procedure.subject, "ru") ||
      (a.procedure.grade ?? 0) - (b.procedure.grade ?? 0) ||
      SIGN_ORDER.indexOf(a.sign) - SIGN_ORDER.indexOf(b.sign),
  );
  return { signals, cohorts: cohorts.rows, warnings, reference: referenceText };
}
