/**
 * The ШНОР rule: a low result is ≥ threshold % of
 * participants with «2» or below the minimum; a school is ШНОР with low
 * results in two procedures of the previous year (criterion 1) or in one
 * procedure in each of the two previous years (criterion 2).
 */
import { cleanFloat, formatPercent, orNull, percentFromValue } from "./cells";
import { ShnorError } from "./errors";
import { Procedure, procedureLabel, procedureSeriesKey } from "./procedures";
import { endYearText } from "./school-year";
import { ProcedureResult, ResultsTable, SchoolRecord } from "./table/model";
import { byPlace, hasResults, ResultColumns, ResultCursor, StoredSchool } from "./table/stored";
import { DEFAULT_COUNTED_SUBJECTS, DEFAULT_COUNTED_TYPES, KNOWN_SUBJECTS, PROCEDURE_TYPES, ProcedureType } from "./vocabulary";

export type Criterion2Variant = "any" | "same";

export interface Settings {
  /** Percent of «2» at or above which a result is low. */
  threshold: number;
  /** The previous school year (by its end); null: the latest year with data. */
  year: number | null;
  countedTypes: ProcedureType[];
  countedSubjects: string[];
  /** A result with fewer participants does not count (only where counts are given). */
  minParticipants: number;
  /** «any»: any procedure in each year (as the municipal orders read it); «same»: the same procedure in both years. */
  criterion2: Criterion2Variant;
}

export const DEFAULT_SETTINGS: Settings = {
  threshold: 30,
  year: null,
  countedTypes: DEFAULT_COUNTED_TYPES,
  countedSubjects: DEFAULT_COUNTED_SUBJECTS,
  minParticipants: 1,
  criterion2: "any",
};

export type Status = "shnor" | "risk" | "ok";

export const STATUS_TEXT: Record<Status, string> = { shnor: "ШНОР", risk: "риск", ok: "нет" };

export interface LowResult {
  procedure: Procedure;
  percent: number;
  participants: number | null;
}

export interface SchoolVerdict {
  school: SchoolRecord;
  status: Status;
  criteria: (1 | 2)[];
  /** Counted low results of the two years, the previous year first. */
  low: LowResult[];
}

export interface Analysis {
  settings: Settings;
  /** [year before, previous year]; null where the table has no counted data. */
  years: [number | null, number | null];
  verdicts: SchoolVerdict[];
  summary: { schools: number; shnor: number; risk: number; ok: number };
}

/**
 * Checks and completes settings; a bad value is a Russian message, not a silent default.
 * A threshold strictly between 0 and 1 is a share (0,3 is 30 %), as the custom functions read it.
 * Resolving resolved settings changes nothing.
 */
export function resolveSettings(partial: Partial<Settings> = {}): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, ...stripUndefined(partial) };
  // Below 1 % no result would be «not low»; and a share read twice must not grow again (0,001 → 0,1 → 10).
  const threshold = Number.isFinite(s.threshold) ? percentFromValue(s.threshold) : Number.NaN;
  if (!(threshold >= 1 && threshold <= 100)) {
    throw new ShnorError(
      "bad-setting",
      `Порог должен быть числом от 1 до 100 (процент «2», например 30) или долей от 0,01 до 1 (0,3 — это 30 %), а не «${s.threshold}».`,
    );
  }
  s.threshold = threshold;
  if (s.year !== null && (!Number.isInteger(s.year) || s.year < 2000 || s.year > 2100)) {
    throw new ShnorError("bad-setting", `Год должен быть четырёхзначным, например 2024 (год окончания учебного года), а не «${s.year}».`);
  }
  if (!Number.isInteger(s.minParticipants) || s.minParticipants < 0) {
    throw new ShnorError("bad-setting", `Минимальное число участников должно быть целым числом не меньше 0, а не «${s.minParticipants}».`);
  }
  // A list given as anything else (a stored «""», a number) is refused, never iterated as characters.
  if (!Array.isArray(s.countedTypes) || s.countedTypes.some((t) => typeof t !== "string"))
    throw new ShnorError(
      "bad-setting",
      `Учитываемые процедуры — список видов (${PROCEDURE_TYPES.join(", ")}), а не «${String(s.countedTypes)}».`,
    );
  if (!Array.isArray(s.countedSubjects) || s.countedSubjects.some((t) => typeof t !== "string"))
    throw new ShnorError("bad-setting", `Учитываемые предметы — список предметов, а не «${String(s.countedSubjects)}».`);
  for (const t of s.countedTypes) {
    if (!(PROCEDURE_TYPES as readonly string[]).includes(t))
      throw new ShnorError("bad-setting", `Неизвестный вид процедуры «${t}». Возможные: ${PROCEDURE_TYPES.join(", ")}.`);
  }
  for (const subject of s.countedSubjects) {
    if (!KNOWN_SUBJECTS.includes(subject))
      throw new ShnorError("bad-setting", `Неизвестный предмет «${subject}». Возможные: ${KNOWN_SUBJECTS.join(", ")}.`);
  }
  if (s.criterion2 !== "any" && s.criterion2 !== "same")
    throw new ShnorError("bad-setting", "Вариант критерия 2: «any» (любая процедура) или «same» (та же процедура).");
  return s;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Sets behind each settings object's counted lists: one lookup per result, not a scan. */
interface CountedSets {
  types: Set<string>;
  subjects: Set<string>;
  /** The answer per procedure object (a table shares one among its schools): one lookup instead of two. */
  known: WeakMap<Procedure, boolean>;
}
const countedSets = new WeakMap<Settings, CountedSets>();
/** The last settings asked about: the rule asks millions of times with one settings object. */
let lastSettings: Settings | null = null;
let lastSets: CountedSets | null = null;

export function isCounted(procedure: Procedure, settings: Settings): boolean {
  let sets = settings === lastSettings ? lastSets : countedSets.get(settings);
  if (!sets) {
    sets = { types: new Set(settings.countedTypes), subjects: new Set(settings.countedSubjects), known: new WeakMap() };
    countedSets.set(settings, sets);
  }
  lastSettings = settings;
  lastSets = sets;
  let counted = sets.known.get(procedure);
  if (counted === undefined) sets.known.set(procedure, (counted = sets.types.has(procedure.type) && sets.subjects.has(procedure.subject)));
  return counted;
}

/**
 * The fewest participants a result counts with. A result over nobody is no result whatever the
 * setting (the table keeps no percent for it), and the sheet formulas compare with this number.
 */
export function leastParticipants(settings: Settings): number {
  return Math.max(1, settings.minParticipants);
}

/**
 * A result the rule counts: a counted procedure, a percent, and enough participants where their
 * number is known. Every figure that speaks of "counted results" takes them through this.
 */
export function isCountedResult(result: ProcedureResult, settings: Settings): boolean {
  return isCountedNumbers(isCounted(result.procedure, settings), result.failPercent ?? NaN, result.participants ?? NaN, settings);
}

/** isCountedResult of a result read as numbers (NaN: none), as a ResultCursor gives them, with its procedure's isCounted. */
export function isCountedNumbers(counted: boolean, fail: number, participants: number, settings: Settings): boolean {
  return counted && fail === fail && (participants !== participants || participants >= leastParticipants(settings));
}

/** isCounted by a result's place in its school's listing (ResultCursor.place), for a pass over many schools. */
export function countedByPlace(settings: Settings): (procedure: Procedure, place: number) => boolean {
  return byPlace((procedure) => isCounted(procedure, settings));
}

/** Years with data per list of schools and what counts (not the year asked for): the history asks once a year. */
const knownYears = new WeakMap<SchoolRecord[], Map<string, number[]>>();

/** The years with counted results, ascending. */
export function yearsWithData(schools: SchoolRecord[], settings: Settings): number[] {
  const counted = `${settings.countedTypes.join("|")}/${settings.countedSubjects.join("|")}/${leastParticipants(settings)}`;
  let known = knownYears.get(schools);
  if (!known) knownYears.set(schools, (known = new Map()));
  const cached = known.get(counted);
  if (cached) return [...cached];
  const years = new Set<number>();
  const c = new ResultCursor();
  const countedAt = countedByPlace(settings);
  // Stored schools listing procedures of years all found already cannot add one: they are passed over
  // (a region's 40,000 schools, once its first few have shown every year).
  let found: ResultColumns | null = null;
  for (const school of schools) {
    const columns = school instanceof StoredSchool ? school.columns : null;
    if (columns !== null && columns === found) continue;
    const known = years.size;
    for (c.of(school); c.next();) {
      // A year already found needs no second look: the check is by year first.
      const year = c.procedure.year;
      if (!years.has(year) && isCountedNumbers(countedAt(c.procedure, c.place), c.fail, c.participants, settings)) years.add(year);
    }
    if (columns !== null && years.size > known && columns.procedures.every((p) => years.has(p.year))) found = columns;
  }
  const sorted = [...years].sort((a, b) => a - b);
  known.set(counted, sorted);
  return [...sorted];
}

/** Inclusive: 30.0 is low, 29.9 is not; with counts the comparison is exact. */
export function isLowResult(result: ProcedureResult, threshold: number): boolean {
  return lowNumbers(result.failPercent ?? NaN, result.failCount ?? NaN, result.participants ?? NaN, threshold);
}

/** isLowResult of a result read as numbers (NaN: none). */
function lowNumbers(fail: number, failCount: number, participants: number, threshold: number): boolean {
  if (failCount === failCount && participants === participants && participants > 0) return failCount * 100 >= threshold * participants;
  return fail === fail && isLowPercent(fail, threshold);
}

export function isLowPercent(percent: number, threshold: number): boolean {
  return cleanFloat(percent) >= threshold;
}

/**
 * A previous year the user named must have counted results: otherwise every school would
 * come out «нет» with nothing said. The message names the years that have them.
 */
function requireYearWithData(schools: SchoolRecord[], settings: Settings, year: number): void {
  const years = yearsWithData(schools, settings);
  if (years.includes(year)) return;
  const have = years.length > 0 ? `они есть за ${years.join(", ")}` : "в таблице их нет ни за один год";
  throw new ShnorError("bad-setting", `Нет учитываемых результатов за ${year} год (${endYearText(year)}); ${have}.`);
}

/** The previous year (named, or the latest with counted data) and the latest earlier year with data. */
export function chooseYears(schools: SchoolRecord[], settings: Settings): [number | null, number | null] {
  const sorted = yearsWithData(schools, settings).reverse();
  const previous = settings.year ?? sorted[0] ?? null;
  if (previous === null) return [null, null];
  const before = sorted.find((y) => y < previous) ?? null;
  return [before, previous];
}

export function classifySchool(
  school: SchoolRecord,
  years: [number | null, number | null],
  settings: Settings,
  // A pass over many schools shares these.
  counted = countedByPlace(settings),
  cursor = new ResultCursor(),
): SchoolVerdict {
  const before = years[0];
  const previous = years[1];
  // Most schools have no low result: their lists are made only when one comes.
  let lowPrevious: LowResult[] | null = null;
  let lowBefore: LowResult[] | null = null;
  for (const c = cursor.of(school); c.next();) {
    const year = c.procedure.year;
    if (year !== previous && year !== before) continue;
    if (!isCountedNumbers(counted(c.procedure, c.place), c.fail, c.participants, settings)) continue;
    if (!lowNumbers(c.fail, c.failCount, c.participants, settings.threshold)) continue;
    const low = { procedure: c.procedure, percent: c.fail, participants: orNull(c.participants) };
    if (year === previous) (lowPrevious ??= []).push(low);
    else if (before !== null && year === before) (lowBefore ??= []).push(low);
  }
  if (lowPrevious === null && lowBefore === null) return { school, status: "ok", criteria: [], low: [] };
  const criteria: (1 | 2)[] = [];
  if (lowPrevious !== null && lowPrevious.length >= 2) criteria.push(1);
  if (lowPrevious !== null && lowBefore !== null && meetsCriterion2(lowPrevious, lowBefore, settings.criterion2)) criteria.push(2);
  const low = lowPrevious === null ? (lowBefore as LowResult[]) : lowBefore === null ? lowPrevious : lowPrevious.concat(lowBefore);
  return { school, status: criteria.length > 0 ? "shnor" : "risk", criteria, low };
}

function meetsCriterion2(previous: LowResult[], before: LowResult[], variant: Criterion2Variant): boolean {
  if (previous.length === 0 || before.length === 0) return false;
  if (variant === "any") return true;
  const earlier = new Set(before.map((l) => procedureSeriesKey(l.procedure)));
  return previous.some((l) => earlier.has(procedureSeriesKey(l.procedure)));
}

/** The list of schools each analysis was made of (its verdicts' schools), so what asks again of the same list finds it known. */
const analysedSchools = new WeakMap<Analysis, SchoolRecord[]>();

/** The schools of an analysis, as the list it was made of (the same schools as its verdicts', in their order). */
export function schoolsOf(analysis: Analysis): SchoolRecord[] {
  const schools = analysedSchools.get(analysis);
  // A list grown since (a table read on) is not the analysis' any more.
  return schools && schools.length === analysis.verdicts.length ? schools : analysis.verdicts.map((v) => v.school);
}

export function analyzeSchools(schools: SchoolRecord[], partial: Partial<Settings> = {}): Analysis {
  const settings = resolveSettings(partial);
  if (settings.year !== null) requireYearWithData(schools, settings, settings.year);
  const years = chooseYears(schools, settings);
  const counted = countedByPlace(settings);
  const cursor = new ResultCursor();
  const verdicts = schools.map((s) => classifySchool(s, years, settings, counted, cursor));
  const summary = { schools: verdicts.length, shnor: 0, risk: 0, ok: 0 };
  for (const v of verdicts) summary[v.status]++;
  const analysis: Analysis = { settings, years, verdicts, summary };
  analysedSchools.set(analysis, schools);
  return analysis;
}

export function analyzeTable(table: ResultsTable, partial: Partial<Settings> = {}): Analysis {
  return analyzeSchools(table.schools, partial);
}

/** The reason of a school listed without a single result (a Ф1 school without pupils, a row of blanks). */
export const NO_DATA_REASON = "нет данных";

/** «критерий 2: ВПР математика 5 кл. 2018 — 33 %; …», «нет низких результатов», or «нет данных» for a school without results. */
export function reasonText(
  verdict: Pick<SchoolVerdict, "criteria" | "low" | "status"> & { school?: Pick<SchoolRecord, "results"> },
): string {
  if (verdict.low.length === 0) return verdict.school && !hasResults(verdict.school) ? NO_DATA_REASON : "нет низких результатов";
  const list = verdict.low.map((l) => `${procedureLabel(l.procedure)} — ${formatPercent(l.percent)} %`).join("; ");
  if (verdict.criteria.length === 0) return `риск: ${list}`;
  const head = verdict.criteria.length === 1 ? `критерий ${verdict.criteria[0]}` : `критерии ${verdict.criteria.join(" и ")}`;
  return `${head}: ${list}`;
}
