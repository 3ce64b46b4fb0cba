/**
 * What hosts show of an analysis: the public JSON of `shnor analyze --json`
 * and the Russian lines of the recognition report.
 */
import { pushAll } from "./arrays";
import { columnLetter, formatPercent } from "./cells";
import { Dynamics, dynamicsInputOf, dynamicsOf, HistoryYear } from "./dynamics";
import { Procedure, procedureLabel } from "./procedures";
import { Analysis, isCounted, reasonText } from "./rule";
import { LAYOUT_NAMES } from "./table/layouts";
import { ColumnPlan, JournalShare, PupilField, ResultsTable } from "./table/model";
import { IdRole, LongRole } from "./table/headers";
import { taskAnalysis, TaskAnalysis, TaskLine, TASKS_METHOD } from "./tasks";
import { MEASURE_TEXT } from "./vocabulary";

export interface JsonLow {
  procedure: string;
  subject: string;
  grade: number | null;
  level: string | null;
  year: number;
  percent: number;
}

export interface JsonSchool {
  name: string;
  login: string | null;
  row: number;
  status: string;
  criteria: number[];
  low: JsonLow[];
  reason: string;
  /** The status as of each year of the top-level `history`. */
  history: { year: number; status: string; change: string | null }[];
}

/** One year of the ШНОР list: the rule as of that year; entered/left against the year before (null for the first). */
export type JsonHistoryYear = HistoryYear;

/** A change of % «2» in one school's series (type, subject, grade) between two years with data. */
export interface JsonDynamics {
  school: string;
  login: string | null;
  procedure: string;
  subject: string;
  grade: number | null;
  level: string | null;
  from: number;
  to: number;
  fromPercent: number;
  toPercent: number;
  /** to − from, percentage points. */
  change: number;
  verdict: "positive" | "stable" | "negative";
}

/** A sign of possibly non-objective results: a signal for attention with its numbers, never a verdict. */
export interface JsonSignal {
  school: string;
  login: string | null;
  sign: string;
  procedure: string;
  subject: string;
  grade: number | null;
  year: number;
  n: number;
  values: Record<string, number | string>;
  /** The sample-size note: «выборка мала, вывод ограничен», «ориентировочно», «выборка достаточна». */
  sample: string;
  note: string;
}

/** One task's completion for one school and procedure, or for all the schools together (login and name null). */
export interface JsonTask {
  login: string | null;
  name: string | null;
  subject: string;
  grade: number | null;
  year: number;
  /** As the header names it: «1», «9.1», «11К1». */
  task: string;
  max: number | null;
  /** «Б», «П», «В» or null when unknown. */
  level: string | null;
  participants: number;
  /** %, two decimals; null without a maximum or participants. */
  completion: number | null;
  /** «red», «yellow», «green» by ФИОКО's 2026 thresholds; null for an unknown level. */
  zone: string | null;
}

/** The same within the pupils of one mark (groups of at least 10). */
export interface JsonTaskGroup extends JsonTask {
  mark: number;
}

/** A school's (or all the schools') primary scores: counts[s] pupils scored s. */
export interface JsonScoreDistribution {
  login: string | null;
  name: string | null;
  subject: string;
  grade: number | null;
  year: number;
  participants: number;
  counts: number[];
  /** The lowest score seen with «3», «4», «5» among all the pupils of the procedure. */
  boundaries: { 3: number | null; 4: number | null; 5: number | null };
}

/** A peak of a school's score distribution at a mark boundary: a signal for attention with its numbers. */
export interface JsonScoreSignal {
  school: string;
  login: string | null;
  subject: string;
  grade: number | null;
  year: number;
  mark: number;
  boundary: number;
  atBoundary: number;
  below: number;
  above: number;
  expected: number;
  n: number;
  sample: string;
  note: string;
}

export interface JsonMarkComparison {
  school: string;
  login: string | null;
  procedure: string;
  subject: string;
  grade: number | null;
  year: number;
  participants: number | null;
  lowered: number;
  confirmed: number;
  raised: number;
  municipality: { lowered: number; confirmed: number; raised: number } | null;
  region: { lowered: number; confirmed: number; raised: number } | null;
}

export interface JsonSheet {
  sheet: string;
  taken: boolean;
  layout: string | null;
  what: string;
  schools: number;
  comparisons: number;
  procedures: string[];
}

export interface JsonFile {
  file: string;
  format: string;
  sheets: JsonSheet[];
  /** A document that is no table, left out among several files: why. */
  skipped?: string;
}

export interface JsonComparison {
  name: string;
  code: string | null;
  kind: string;
  results: { procedure: string; failPercent: number | null; highPercent: number | null; participants: number | null }[];
}

export interface JsonConflict {
  school: string;
  login: string | null;
  procedure: string;
  sources: { source: string; row: number; failPercent: number | null; highPercent: number | null; participants: number | null }[];
}

export interface JsonReport {
  file: string;
  sheet: string;
  layout: string;
  threshold: number;
  years: [number | null, number | null];
  schools: JsonSchool[];
  summary: { schools: number; shnor: number; risk: number };
  history: JsonHistoryYear[];
  /** The margin of the % «2» dynamics, p.p. (ФИОКО, 2026: 10). */
  dynamicsMargin: number;
  dynamics: JsonDynamics[];
  signals: JsonSignal[];
  /** What the signals' reference interval is over, and what could not be worked out. */
  signalNotes: string[];
  markComparison: JsonMarkComparison[];
  /** ВПР tasks' completion per school and procedure and for all the schools together (pupil-level data with task columns). */
  tasks: JsonTask[];
  taskGroups: JsonTaskGroup[];
  scoreDistribution: JsonScoreDistribution[];
  scoreSignals: JsonScoreSignal[];
  /** How completion and zones are worked out, and what was not counted. */
  taskNotes: string[];
  recognition: {
    columns: { column: string; header: string; role: string }[];
    skippedRows: { row: number; text: string; reason: string; source?: string }[];
    warnings: string[];
  };
  /** The files read, each with its sheets and what was taken (many inputs). */
  files?: JsonFile[];
  /** Rows kept for comparison: «Вся выборка», the region, the municipality, totals. */
  comparisons?: JsonComparison[];
  /** The same school and procedure with different values in two sources: not counted. */
  conflicts?: JsonConflict[];
}

interface JoinFacts {
  conflicts?: {
    school: string;
    login: string | null;
    procedure: Procedure;
    first: JsonConflict["sources"][number];
    second: JsonConflict["sources"][number];
  }[];
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const shares = (m: { lowered: number; confirmed: number; raised: number }) => ({
  lowered: r2(m.lowered),
  confirmed: r2(m.confirmed),
  raised: r2(m.raised),
});

/**
 * An array of the JSON report made element by element as it is written
 * (`writeJson`), never held whole: a school, a change of % «2». Its `toJSON`
 * gives the array, so `JSON.stringify` of a report writes the same text.
 */
export class LazyJsonArray<T> {
  constructor(
    readonly length: number,
    readonly at: (i: number) => T,
  ) {}

  toJSON(): T[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }
}

/** The report as `--json` writes it: the two long lists (a row per school, a row per school and series) made as written. */
export type JsonReportStream = Omit<JsonReport, "schools" | "dynamics"> & {
  schools: LazyJsonArray<JsonSchool>;
  dynamics: LazyJsonArray<JsonDynamics>;
};

/** The contract of `--json`: published keys stay; new ones are only added. */
export function jsonReport(...args: Parameters<typeof jsonReportStream>): JsonReport {
  // The arguments and their defaults are jsonReportStream's: one list, not two to keep in step.
  const report = jsonReportStream(...args);
  // The same keys in the same places: a spread keeps each key where it was.
  return { ...report, schools: report.schools.toJSON(), dynamics: report.dynamics.toJSON() };
}

/** Characters gathered before a piece of the JSON is handed on. */
const JSON_CHUNK = 1 << 16;

/**
 * Writes a value as JSON.stringify would, but a LazyJsonArray at its top
 * level element by element, in pieces of about 64 K characters; `write` may
 * return a promise (the output's backpressure), which is awaited.
 */
export async function writeJson(value: Record<string, unknown>, write: (chunk: string) => void | Promise<void>): Promise<void> {
  let buffer = "{";
  const flush = async () => {
    const chunk = buffer;
    buffer = "";
    if (chunk.length > 0) await write(chunk);
  };
  let first = true;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v instanceof LazyJsonArray) {
      buffer += `${first ? "" : ","}${JSON.stringify(key)}:[`;
      for (let i = 0; i < v.length; i++) {
        buffer += (i > 0 ? "," : "") + (JSON.stringify(v.at(i)) ?? "null");
        if (buffer.length >= JSON_CHUNK) await flush();
      }
      buffer += "]";
      first = false;
      continue;
    }
    const text = JSON.stringify(v);
    // As JSON.stringify: a key whose value has no JSON form (undefined, a function) is left out.
    if (text === undefined) continue;
    buffer += `${first ? "" : ","}${JSON.stringify(key)}:${text}`;
    first = false;
    if (buffer.length >= JSON_CHUNK) await flush();
  }
  buffer += "}";
  await flush();
}

/** A school's row of `schools`: its verdict, why, and its status year by year. */
function jsonSchool(analysis: Analysis, history: Dynamics["history"], i: number): JsonSchool {
  const v = analysis.verdicts[i];
  return {
    name: v.school.name,
    login: v.school.login,
    row: v.school.row + 1,
    status: v.status,
    criteria: v.criteria,
    low: v.low.map((l) => ({
      procedure: l.procedure.type,
      subject: l.procedure.subject,
      grade: l.procedure.grade,
      level: l.procedure.level,
      year: l.procedure.year,
      percent: Math.round(l.percent * 100) / 100,
    })),
    reason: reasonText(v),
    history: history.schools[i].entries.map((e) => ({ year: e.year, status: e.status, change: e.change })),
  };
}

/** A row of `dynamics`: one change of a school's series. */
function jsonDynamics(analysis: Analysis, series: Dynamics["series"], i: number): JsonDynamics {
  const school = analysis.verdicts[series.verdictIndex[i]].school;
  const procedure = series.procedure(i);
  return {
    school: school.name,
    login: school.login,
    procedure: procedure.type,
    subject: procedure.subject,
    grade: procedure.grade,
    level: procedure.level,
    from: series.from[i],
    to: series.to[i],
    fromPercent: r2(series.fromPercent[i]),
    toPercent: r2(series.toPercent[i]),
    change: r2(series.change[i]),
    verdict: series.verdict(i),
  };
}

function jsonSignals(dynamics: Dynamics): JsonReport["signals"] {
  return (dynamics.signals?.signals ?? []).map((s) => ({
    school: s.school,
    login: s.login,
    sign: s.sign,
    procedure: s.procedure.type,
    subject: s.procedure.subject,
    grade: s.procedure.grade,
    year: s.procedure.year,
    n: s.n,
    values: s.values,
    sample: s.sample,
    note: s.note,
  }));
}

function jsonMarkComparison(dynamics: Dynamics): JsonReport["markComparison"] {
  return dynamics.comparisons.map((c) => ({
    school: c.school,
    login: c.login,
    procedure: c.procedure.type,
    subject: c.procedure.subject,
    grade: c.procedure.grade,
    year: c.procedure.year,
    participants: c.participants,
    lowered: r2(c.lowered),
    confirmed: r2(c.confirmed),
    raised: r2(c.raised),
    municipality: c.municipality && shares(c.municipality),
    region: c.region && shares(c.region),
  }));
}

function jsonRecognition(table: ResultsTable): JsonReport["recognition"] {
  return {
    columns: table.columns.map((c) => ({ column: columnLetter(c.column), header: c.header, role: roleText(c) })),
    skippedRows: table.skippedRows.map((s) => ({
      row: s.row + 1,
      text: s.text,
      reason: s.reason,
      ...(s.source ? { source: s.source } : {}),
    })),
    warnings: table.warnings,
  };
}

function jsonComparisons(comparisons: NonNullable<ResultsTable["comparisons"]>): NonNullable<JsonReport["comparisons"]> {
  return comparisons.map((c) => ({
    name: c.name,
    code: c.code,
    kind: c.kind,
    results: c.results.map((r) => ({
      procedure: procedureLabel(r.procedure),
      failPercent: r.failPercent,
      highPercent: r.highPercent,
      participants: r.participants,
    })),
  }));
}

function jsonConflicts(conflicts: NonNullable<JoinFacts["conflicts"]>): NonNullable<JsonReport["conflicts"]> {
  return conflicts.map((c) => ({
    school: c.school,
    login: c.login,
    procedure: procedureLabel(c.procedure),
    sources: [c.first, c.second].map((x) => ({ ...x, row: x.row + 1 })),
  }));
}

/**
 * The `--json` report with its long lists made as they are written (writeJson). The keys stay in this one
 * literal, in the order the contract publishes them; each value is made by a function of its own.
 */
export function jsonReportStream(
  file: string,
  table: ResultsTable & JoinFacts,
  analysis: Analysis,
  files?: JsonFile[],
  dynamics: Dynamics = dynamicsOf(analysis, dynamicsInputOf(table)),
  tasks: TaskAnalysis = taskAnalysis(table.pupils ?? []),
): JsonReportStream {
  const { history } = dynamics;
  const { series } = dynamics;
  const report: JsonReportStream = {
    file,
    sheet: table.sheetName,
    layout: table.layout,
    threshold: analysis.settings.threshold,
    years: analysis.years,
    schools: new LazyJsonArray(analysis.verdicts.length, (i) => jsonSchool(analysis, history, i)),
    summary: { schools: analysis.summary.schools, shnor: analysis.summary.shnor, risk: analysis.summary.risk },
    history: history.years.map((y) => ({ ...y, years: [...y.years] as [number, number] })),
    dynamicsMargin: dynamics.margin,
    dynamics: new LazyJsonArray(series.length, (i) => jsonDynamics(analysis, series, i)),
    signals: jsonSignals(dynamics),
    signalNotes: dynamics.signals ? [`Опорный интервал: ${dynamics.signals.reference}.`, ...dynamics.signals.warnings] : [],
    markComparison: jsonMarkComparison(dynamics),
    ...jsonTasks(tasks),
    recognition: jsonRecognition(table),
  };
  if (files) report.files = files;
  if (table.comparisons && table.comparisons.length > 0) report.comparisons = jsonComparisons(table.comparisons);
  if (table.conflicts) report.conflicts = jsonConflicts(table.conflicts);
  return report;
}

type JsonTaskKeys = "tasks" | "taskGroups" | "scoreDistribution" | "scoreSignals" | "taskNotes";

/** The per-task analysis as `--json` gives it. */
export function jsonTasks(analysis: TaskAnalysis): Pick<JsonReport, JsonTaskKeys> {
  const out: Pick<JsonReport, JsonTaskKeys> = {
    tasks: [],
    taskGroups: [],
    scoreDistribution: [],
    scoreSignals: [],
    taskNotes: analysis.procedures.length > 0 ? [TASKS_METHOD, ...analysis.warnings] : analysis.warnings,
  };
  for (const p of analysis.procedures) {
    const where = { subject: p.procedure.subject, grade: p.procedure.grade, year: p.procedure.year };
    const rows = (line: TaskLine) =>
      p.tasks.map((t, i) => {
        const f = line.figures[i];
        return {
          login: line.login,
          name: line.name,
          ...where,
          task: t.label,
          max: t.max,
          level: t.level,
          participants: f.participants,
          completion: f.completion === null ? null : r2(f.completion),
          zone: f.zone,
        };
      });
    // Row by row, never spread into push(): a region has hundreds of thousands.
    for (const line of [...p.schools, p.all]) for (const row of rows(line)) out.tasks.push(row);
    for (const g of p.groups) for (const row of rows(g)) out.taskGroups.push({ ...row, mark: g.mark });
    for (const d of p.distributions)
      out.scoreDistribution.push({
        login: d.login,
        name: d.name,
        ...where,
        participants: d.participants,
        counts: d.counts,
        boundaries: p.boundaries,
      });
    for (const x of p.peaks)
      out.scoreSignals.push({
        school: x.name,
        login: x.login,
        ...where,
        mark: x.mark,
        boundary: x.boundary,
        atBoundary: x.atBoundary,
        below: x.below,
        above: x.above,
        expected: r2(x.expected),
        n: x.n,
        sample: x.sample,
        note: x.note,
      });
  }
  return out;
}

/** Whether a sheet went into the answer, as the recognition report words it (the command, «Распознавание», the page and the pane). */
export const SHEET_TAKEN_TEXT = { taken: "взят", notTaken: "не взят" } as const;

/** A sheet's line in every recognition report: «лист «Маркеры»: не взят — это признаки необъективности…». */
export function sheetReadLine(sheet: string, taken: boolean, what: string): string {
  return `лист «${sheet}»: ${taken ? SHEET_TAKEN_TEXT.taken : SHEET_TAKEN_TEXT.notTaken} — ${what}`;
}

/** The id and long-table columns as users call them. */
export const ID_TEXT: Record<IdRole | LongRole, string> = {
  name: "название ОО",
  login: "логин ОО",
  territory: "территория",
  number: "номер",
  procedure: "процедура",
  subject: "предмет",
  grade: "класс",
  year: "год",
};

const JOURNAL_TEXT: Record<JournalShare, string> = {
  total: "всего участников",
  lowered: "понизили",
  confirmed: "подтвердили",
  raised: "повысили",
};

const PUPIL_TEXT: Record<PupilField, string> = {
  code: "код",
  grade: "класс",
  variant: "вариант",
  task: "балл за задание",
  primary: "первичный балл",
  mark: "отметка",
  journal: "отметка по журналу",
  person: "фамилия, имя (не выводятся)",
  passed: "минимальный порог пройден",
};

export function roleText(plan: ColumnPlan): string {
  const role = plan.role;
  let text: string;
  if (role.kind === "measure") text = `${procedureLabel(role.procedure)}: ${MEASURE_TEXT[role.measure]}`;
  else if (role.kind === "longMeasure") text = MEASURE_TEXT[role.measure];
  else if (role.kind === "ignored") text = `не используется (${role.reason})`;
  else if (role.kind === "journal") text = `сравнение с журналом: ${JOURNAL_TEXT[role.share]}${role.unit === "percent" ? ", %" : ", чел."}`;
  else if (role.kind === "pupil") {
    const details = [role.max ? `макс. ${role.max}` : "", role.level ? `уровень ${role.level}` : ""].filter((x) => x);
    text = `участник: ${PUPIL_TEXT[role.field]}${details.length > 0 ? ` (${details.join(", ")})` : ""}`;
  } else text = ID_TEXT[role.kind];
  if (plan.note) text += ` — ${plan.note}`;
  if (plan.overridden) text += " — задано пользователем";
  return text;
}

/** The head of the recognition report, the numbers each host words its own way. */
export interface RecognitionSummary {
  sheet: string;
  /** How the table is laid out, in Russian. */
  layout: string;
  /** 1-based sheet rows of the header. */
  headerRows: [number, number];
  schools: number;
  procedures: number;
  /** Procedures the rule counts. */
  counted: number;
  /** Every year in the table, ascending. */
  years: number[];
  /** The rule's previous year and the year before it with data. */
  previous: number | null;
  before: number | null;
  countedTypes: string[];
  countedSubjects: string[];
  /** The threshold as Russian text: «30», «12,5». */
  threshold: string;
}

/** Every year the table's procedures name, ascending. */
export function tableYears(table: ResultsTable): number[] {
  return [...new Set(table.procedures.map((p) => p.year))].sort((a, b) => a - b);
}

export function recognitionSummary(table: ResultsTable, analysis: Analysis): RecognitionSummary {
  const { settings } = analysis;
  return {
    sheet: table.sheetName,
    layout: LAYOUT_NAMES[table.layout],
    headerRows: [table.headerTop + 1, table.headerBottom + 1],
    schools: table.schools.length,
    procedures: table.procedures.length,
    counted: table.procedures.filter((p) => isCounted(p, settings)).length,
    years: tableYears(table),
    previous: analysis.years[1],
    before: analysis.years[0],
    countedTypes: [...settings.countedTypes],
    countedSubjects: [...settings.countedSubjects],
    threshold: formatPercent(settings.threshold),
  };
}

/** The recognition report as Russian lines: what was read, what was counted, what was skipped. */
export function recognitionLines(table: ResultsTable, analysis: Analysis): string[] {
  const r = recognitionSummary(table, analysis);
  return [
    `Лист «${r.sheet}», ${r.layout}; заголовок в строках ${r.headerRows[0]}–${r.headerRows[1]}.`,
    `Школ: ${r.schools}; процедур: ${r.procedures}, из них учитываются правилом: ${r.counted}; годы в таблице: ${r.years.join(", ") || "—"}.`,
    `Учитываются: ${r.countedTypes.join(", ")} по предметам: ${r.countedSubjects.join(", ")}; порог ${r.threshold} %.`,
    ...detailLines(table, ["Столбцы:", "Пропущенные строки:", "Предупреждения:"]),
  ];
}

/** One sheet's columns, skipped rows and warnings (the part of the recognition report that is per sheet). */
export function sheetRecognitionLines(table: ResultsTable): string[] {
  const head = `заголовок в строках ${table.headerTop + 1}–${table.headerBottom + 1}; столбцы:`;
  return detailLines(table, [head, "пропущенные строки:", "предупреждения:"]);
}

/** The columns, then the skipped rows and the warnings where there are any, each under its title. */
function detailLines(table: ResultsTable, [columns, skipped, warnings]: [string, string, string]): string[] {
  const lines = [columns, ...table.columns.map((c) => `  ${columnLetter(c.column)} «${c.header}» → ${roleText(c)}`)];
  if (table.skippedRows.length > 0)
    pushAll(lines, [skipped].concat(table.skippedRows.map((s) => `  строка ${s.row + 1} «${s.text}»: ${s.reason}`)));
  if (table.warnings.length > 0) pushAll(lines, [warnings].concat(table.warnings.map((w) => `  ${w}`)));
  return lines;
}
