/**
 * Per-task analysis of ВПР from pupil-level results (ФИС ОКО «Индивидуальные
 * результаты», a school's or the regional centre's protocol with task
 * columns), as ФИОКО's 2026 recommendations ask:
 * - completion of each task per school and for all the schools read together,
 *   with its zone (levels.ts holds the thresholds);
 * - completion within each mark group «2»…«5» (direction 7);
 * - each school's distribution of primary scores, where a peak right at a mark
 *   boundary is a signal for attention with its sample note (direction 4).
 * Absent pupils did not write the work and are not participants. Schools stay
 * in the order read: nothing here ranks them.
 */
import { Procedure, procedureKey, procedureLabel } from "../procedures";
import { NOT_ATTEMPTED, PupilGroup, PupilResult, TaskColumn } from "../pupils/model";
import { ATTENTION, dec, sampleNote } from "../dynamics/signals";
import { schoolIdentity } from "../table/identity";
import { subjectShort } from "../vocabulary";
import { TaskZone, taskZone } from "./levels";

/** The marks whose groups are analysed. */
export const MARK_GROUPS = [2, 3, 4, 5] as const;
/** The marks with a lower boundary, recovered from the data. */
export const BOUNDARY_MARKS = [3, 4, 5] as const;
export type BoundaryMark = (typeof BOUNDARY_MARKS)[number];

/** A mark group is shown from this many pupils (ФИОКО, direction 7). */
export const MIN_MARK_GROUP = 10;
/** Under this many participants a figure carries ФИОКО's sample note. */
export const SMALL_SAMPLE = 20;
/** A school's score distribution is looked at from this many pupils with a score. */
export const MIN_DISTRIBUTION_N = 10;
/** The highest primary score a histogram takes when the tasks' maxima are not all known (ВПР works have under 100). */
const MAX_PRIMARY_SCORE = 1000;
/** A peak needs at least this many pupils exactly at the boundary. */
export const MIN_PEAK = 3;
/** How unlikely a count at the boundary must be, given its neighbours, to be a signal (a one-sided Poisson tail). */
export const PEAK_P = 0.001;
/** The expected count is never taken below this: a sparse small school is not a peak by one pupil. */
const MIN_EXPECTED = 0.5;

export interface TaskFigure {
  /** Pupils who wrote the work and have this task's cell (a score, «X» or blank). */
  participants: number;
  /** Σ points. */
  points: number;
  /** Σ points ÷ (participants × the task's maximum) × 100; null without a maximum or participants. */
  completion: number | null;
  zone: TaskZone | null;
}

/** One school's figures for every task of a procedure, or all the schools' together (login and name null). */
export interface TaskLine {
  login: string | null;
  name: string | null;
  /** Pupils who wrote the work. */
  participants: number;
  /** Parallel to the procedure's tasks. */
  figures: TaskFigure[];
}

export interface MarkGroupLine extends TaskLine {
  mark: number;
}

/** Pupils by primary score: counts[s] pupils scored s. */
export interface ScoreDistribution {
  login: string | null;
  name: string | null;
  /** Pupils who wrote the work with a whole primary score. */
  participants: number;
  counts: number[];
}

/** A peak of a school's distribution right at a mark boundary: a signal for attention, never a verdict. */
export interface BoundaryPeak {
  login: string | null;
  name: string;
  procedure: Procedure;
  mark: BoundaryMark;
  /** The lowest score seen with the mark. */
  boundary: number;
  atBoundary: number;
  /** Pupils one point below and above. */
  below: number;
  above: number;
  /** The mean count of the two scores either side: what a smooth distribution would put at the boundary. */
  expected: number;
  /** P(X ≥ atBoundary) for a Poisson count with that mean. */
  p: number;
  n: number;
  sample: string;
  note: string;
}

export interface ProcedureTasks {
  procedure: Procedure;
  tasks: TaskColumn[];
  /** In the order read. */
  schools: TaskLine[];
  all: TaskLine;
  /** Each school's groups, then all the schools' (login null); only groups of at least MIN_MARK_GROUP. */
  groups: MarkGroupLine[];
  /** Each school's, then all the schools' (login null). */
  distributions: ScoreDistribution[];
  /** The lowest score seen with each mark among all the pupils of the procedure; null where it cannot be told. */
  boundaries: Record<BoundaryMark, number | null>;
  peaks: BoundaryPeak[];
}

export interface TaskAnalysis {
  /** ВПР procedures with task columns, by year, subject and grade. */
  procedures: ProcedureTasks[];
  /** Russian lines: what was not counted and why. */
  warnings: string[];
}

/** The sample note a figure over `n` participants carries: ФИОКО's words under 20, none from 20. */
export function taskSampleNote(n: number): string | null {
  return n < SMALL_SAMPLE ? sampleNote(n) : null;
}

/** «РУ 4»: the short name of a ВПР procedure, as the roadmap lists red tasks. */
export function procedureShort(p: Procedure): string {
  return p.grade === null ? subjectShort(p.subject) : `${subjectShort(p.subject)} ${p.grade}`;
}

/** The tasks of a line in a zone, in the procedure's order. */
export function tasksInZone(p: ProcedureTasks, line: TaskLine, zone: TaskZone): TaskColumn[] {
  return p.tasks.filter((_, i) => line.figures[i]?.zone === zone);
}

/** A running sum per task. */
class Tally {
  participants = 0;
  readonly points: number[] = [];
  readonly counted: number[] = [];

  /** Makes room for `size` tasks (files of one procedure may bring more), once a group rather than once a cell. */
  ensure(size: number): this {
    while (this.points.length < size) {
      this.points.push(0);
      this.counted.push(0);
    }
    return this;
  }

  line(login: string | null, name: string | null, tasks: TaskColumn[]): TaskLine {
    const figures = tasks.map((t, i): TaskFigure => {
      const participants = this.counted[i] ?? 0;
      const points = this.points[i] ?? 0;
      // ×100 before dividing: 57 made of whole points stays 57.
      const completion = t.max !== null && t.max > 0 && participants > 0 ? (points * 100) / (participants * t.max) : null;
      return { participants, points, completion, zone: taskZone(t.level, completion) };
    });
    return { login, name, participants: this.participants, figures };
  }
}

class Histogram {
  participants = 0;
  readonly counts: number[] = [];

  add(score: number): void {
    while (this.counts.length <= score) this.counts.push(0);
    this.counts[score]++;
    this.participants++;
  }
}

interface SchoolDraft {
  login: string | null;
  name: string;
  tally: Tally;
  byMark: Map<number, Tally>;
  histogram: Histogram;
}

interface ProcedureDraft {
  procedure: Procedure;
  tasks: TaskColumn[];
  byLabel: Map<string, number>;
  schools: Map<string, SchoolDraft>;
  all: Tally;
  allByMark: Map<number, Tally>;
  allHistogram: Histogram;
  lowest: Map<number, number>;
  /** Cells of pupils who wrote the work: blank or not a number (counted 0), out of 0…max (not counted). */
  blanks: number;
  outOfRange: number;
  /** Pupils with a mark or a score but no task score at all; primary scores that are not a whole number within the work's maximum. */
  withoutTasks: number;
  badScores: number;
}

/** The task columns of a group; older readers gave only the maxima. */
function columnsOf(g: PupilGroup): TaskColumn[] {
  return g.tasks ?? g.taskMax.map((max, i) => ({ label: String(i + 1), max, level: null }));
}

const tallyOf = (map: Map<number, Tally>, mark: number): Tally => {
  let t = map.get(mark);
  if (!t) map.set(mark, (t = new Tally()));
  return t;
};

/** Whether the pupil wrote the work: not absent, with at least one task score (all «X» or blank is not having written). */
function wrote(p: PupilResult): boolean {
  if (p.absent) return false;
  for (const s of p.taskScores) if (typeof s === "number") return true;
  return false;
}

export function taskAnalysis(groups: PupilGroup[]): TaskAnalysis {
  const warnings: string[] = [];
  const drafts = new Map<string, ProcedureDraft>();
  let otherTypes = 0;
  for (const g of groups) {
    const columns = columnsOf(g);
    if (columns.length === 0) continue;
    if (g.procedure.type !== "ВПР") {
      otherTypes++;
      continue;
    }
    const key = procedureKey(g.procedure);
    let draft = drafts.get(key);
    if (!draft) {
      draft = {
        procedure: g.procedure,
        tasks: [],
        byLabel: new Map(),
        schools: new Map(),
        all: new Tally(),
        allByMark: new Map(),
        allHistogram: new Histogram(),
        lowest: new Map(),
        blanks: 0,
        outOfRange: 0,
        withoutTasks: 0,
        badScores: 0,
      };
      drafts.set(key, draft);
    }
    addGroup(draft, g, columns, warnings);
  }
  if (otherTypes > 0) warnings.push("Баллы за задания ОГЭ и ЕГЭ не анализируются: пороги выполнения заданий ФИОКО (2026) даны для ВПР.");
  const procedures = [...drafts.values()]
    .sort(
      (a, b) =>
        a.procedure.year - b.procedure.year ||
        a.procedure.subject.localeCompare(b.procedure.subject, "ru") ||
        (a.procedure.grade ?? 0) - (b.procedure.grade ?? 0),
    )
    .map((d) => finish(d, warnings));
  return { procedures, warnings };
}

/**
 * The group's task i is the procedure's task index[i]: files of one procedure are matched by task label; a new
 * label is a new task, a known one keeps its maximum and level (a different one is a warning).
 */
function matchTasks(draft: ProcedureDraft, columns: TaskColumn[], warnings: string[]): number[] {
  const label = procedureLabel(draft.procedure);
  return columns.map((c) => {
    let i = draft.byLabel.get(c.label);
    if (i === undefined) {
      i = draft.tasks.length;
      draft.byLabel.set(c.label, i);
      draft.tasks.push({ ...c });
      return i;
    }
    const known = draft.tasks[i];
    if (c.max !== null && known.max !== null && c.max !== known.max)
      warnings.push(`${label}, задание ${c.label}: максимальный балл в разных файлах ${known.max} и ${c.max}; взят ${known.max}.`);
    known.max ??= c.max;
    if (c.level !== null && known.level !== null && c.level !== known.level)
      warnings.push(`${label}, задание ${c.label}: уровень в разных файлах «${known.level}» и «${c.level}»; взят «${known.level}».`);
    known.level ??= c.level;
    return i;
  });
}

/** The group's school in the procedure, made the first time it is met. */
function schoolDraftOf(draft: ProcedureDraft, g: PupilGroup): SchoolDraft {
  const key = schoolIdentity(g.school, g.login);
  let school = draft.schools.get(key);
  if (!school) {
    school = { login: g.login, name: g.school, tally: new Tally(), byMark: new Map(), histogram: new Histogram() };
    draft.schools.set(key, school);
  }
  return school;
}

/** A group's pupils added to the procedure's running sums: per task, per mark group, and the histograms of scores. */
function addGroup(draft: ProcedureDraft, g: PupilGroup, columns: TaskColumn[], warnings: string[]): void {
  const index = matchTasks(draft, columns, warnings);
  const school = schoolDraftOf(draft, g);
  const size = draft.tasks.length;
  const maxima = index.map((j) => draft.tasks[j].max ?? Infinity);
  // A primary score past the work's maximum is damage, not a histogram bar (nor a million empty ones).
  const workMax = draft.tasks.every((t) => t.max !== null) ? draft.tasks.reduce((a, t) => a + (t.max as number), 0) : MAX_PRIMARY_SCORE;
  const own = school.tally.ensure(size);
  const all = draft.all.ensure(size);
  for (const p of g.pupils) {
    if (!wrote(p)) {
      if (!p.absent && (p.mark !== null || p.primaryScore !== null)) draft.withoutTasks++;
      continue;
    }
    const mark = p.mark !== null && p.mark >= 2 && p.mark <= 5 ? p.mark : null;
    const ownMark = mark === null ? null : tallyOf(school.byMark, mark).ensure(size);
    const allMark = mark === null ? null : tallyOf(draft.allByMark, mark).ensure(size);
    own.participants++;
    all.participants++;
    if (ownMark && allMark) {
      ownMark.participants++;
      allMark.participants++;
    }
    let sum = 0;
    for (let i = 0; i < columns.length; i++) {
      const s = p.taskScores[i];
      let points = 0;
      if (typeof s === "number") {
        if (s < 0 || s > maxima[i]) {
          draft.outOfRange++;
          continue;
        }
        points = s;
      } else if (s !== NOT_ATTEMPTED) draft.blanks++;
      sum += points;
      // Four running sums a cell: the school's, all the schools', and the same within the pupil's mark.
      const j = index[i];
      own.points[j] += points;
      own.counted[j]++;
      all.points[j] += points;
      all.counted[j]++;
      if (ownMark && allMark) {
        ownMark.points[j] += points;
        ownMark.counted[j]++;
        allMark.points[j] += points;
        allMark.counted[j]++;
      }
    }
    const score = p.primaryScore ?? sum;
    if (!Number.isInteger(score) || score < 0 || score > workMax) {
      draft.badScores++;
      continue;
    }
    school.histogram.add(score);
    draft.allHistogram.add(score);
    if (mark !== null && mark >= 3) draft.lowest.set(mark, Math.min(draft.lowest.get(mark) ?? Infinity, score));
  }
}

/** What in the procedure's cells was not counted, or could not be, as Russian lines. */
function draftWarnings(d: ProcedureDraft, label: string, warnings: string[]): void {
  const { tasks } = d;
  const noMax = tasks.filter((t) => t.max === null).map((t) => t.label);
  if (noMax.length > 0)
    warnings.push(`${label}: у заданий ${noMax.join(", ")} не указан максимальный балл («1 (2б)»): их выполнение не рассчитано.`);
  const noLevel = tasks.filter((t) => t.level === null).map((t) => t.label);
  if (noLevel.length > 0)
    warnings.push(
      `${label}: ${noLevel.length === tasks.length ? "уровень заданий не указан" : `не указан уровень заданий ${noLevel.join(", ")}`} ` +
        "(строка «Уровень сложности задания»: Б, П или В): зона выполнения не определяется.",
    );
  if (d.blanks > 0)
    warnings.push(`${label}: пустых или нечисловых ячеек заданий у писавших работу — ${d.blanks}; засчитаны как 0 баллов (как «X»).`);
  if (d.outOfRange > 0) warnings.push(`${label}: баллов меньше 0 или больше максимума задания — ${d.outOfRange}; эти ячейки не учтены.`);
  if (d.withoutTasks > 0)
    warnings.push(
      `${label}: у ${d.withoutTasks} ${ofPupils(d.withoutTasks)} с отметкой или баллом нет баллов за задания; в выполнении заданий не учтены.`,
    );
  if (d.badScores > 0)
    warnings.push(
      `${label}: первичный балл не целое число от 0 до максимума работы у ${d.badScores} ${ofPupils(d.badScores)}; в распределении баллов не учтены.`,
    );
}

/** Each school's line, mark groups and distribution, then all the schools' groups and distribution. */
function draftLines(d: ProcedureDraft): Pick<ProcedureTasks, "schools" | "groups" | "distributions"> {
  const { tasks } = d;
  const schools: TaskLine[] = [];
  const groups: MarkGroupLine[] = [];
  const distributions: ScoreDistribution[] = [];
  const markLines = (login: string | null, name: string | null, byMark: Map<number, Tally>) => {
    for (const mark of MARK_GROUPS) {
      const t = byMark.get(mark);
      if (t && t.participants >= MIN_MARK_GROUP) groups.push({ mark, ...t.line(login, name, tasks) });
    }
  };
  for (const s of d.schools.values()) {
    schools.push(s.tally.line(s.login, s.name, tasks));
    markLines(s.login, s.name, s.byMark);
    distributions.push({ login: s.login, name: s.name, participants: s.histogram.participants, counts: s.histogram.counts });
  }
  markLines(null, null, d.allByMark);
  distributions.push({ login: null, name: null, participants: d.allHistogram.participants, counts: d.allHistogram.counts });
  return { schools, groups, distributions };
}

/** The lowest score seen with each mark, where it rises with the mark; else a warning and no boundary. */
function markBoundaries(d: ProcedureDraft, label: string, warnings: string[]): Record<BoundaryMark, number | null> {
  const boundaries = { 3: null, 4: null, 5: null } as Record<BoundaryMark, number | null>;
  let previous = -1;
  for (const mark of BOUNDARY_MARKS) {
    const b = d.lowest.get(mark);
    if (b === undefined) continue;
    if (b <= previous) {
      warnings.push(
        `${label}: наименьший балл с отметкой «${mark}» (${b}) не выше, чем у более низкой отметки; граница «${mark}» не определена.`,
      );
      continue;
    }
    boundaries[mark] = b;
    previous = b;
  }
  return boundaries;
}

/** Each school's peaks right at a mark boundary, far above what its neighbouring scores would put there. */
function boundaryPeaks(d: ProcedureDraft, boundaries: Record<BoundaryMark, number | null>, label: string): BoundaryPeak[] {
  const peaks: BoundaryPeak[] = [];
  for (const s of d.schools.values()) {
    const h = s.histogram;
    if (h.participants < MIN_DISTRIBUTION_N) continue;
    for (const mark of BOUNDARY_MARKS) {
      const b = boundaries[mark];
      if (b === null || b < 1) continue;
      const count = (score: number) => (score < 0 ? null : (h.counts[score] ?? 0));
      const at = count(b) as number;
      if (at < MIN_PEAK) continue;
      // What a smooth distribution would put at the boundary: the mean of the two scores either side.
      const around = [b - 2, b - 1, b + 1, b + 2].map(count).filter((c): c is number => c !== null);
      const expected = around.reduce((a, c) => a + c, 0) / around.length;
      const p = poissonTail(at, Math.max(expected, MIN_EXPECTED));
      if (!(p < PEAK_P)) continue;
      const below = count(b - 1) as number;
      const above = count(b + 1) as number;
      const n = h.participants;
      const sample = sampleNote(n);
      peaks.push({
        login: s.login,
        name: s.name,
        procedure: d.procedure,
        mark,
        boundary: b,
        atBoundary: at,
        below,
        above,
        expected,
        p,
        n,
        sample,
        note:
          `${label}: признак пика на границе отметки «${mark}» для внимания — ${at} ${pupils(at)} набрали ровно ${b} ${points(b)} ` +
          `(наименьший балл с отметкой «${mark}» среди всех загруженных участников), ${below} — ${b - 1} ${points(b - 1)}, ` +
          `${above} — ${b + 1} ${points(b + 1)}; по соседним баллам (±2) ожидалось около ${dec(expected, 1)}, ` +
          `при гладком распределении баллов такой пик бывает случайно реже, чем в 1 случае из 1000; n = ${n}, ${sample}. Это ${ATTENTION}.`,
      });
    }
  }
  return peaks;
}

function finish(d: ProcedureDraft, warnings: string[]): ProcedureTasks {
  const label = procedureLabel(d.procedure);
  const { tasks } = d;
  draftWarnings(d, label, warnings);
  const { schools, groups, distributions } = draftLines(d);
  const boundaries = markBoundaries(d, label, warnings);
  const peaks = boundaryPeaks(d, boundaries, label);
  return { procedure: d.procedure, tasks, schools, all: d.all.line(null, null, tasks), groups, distributions, boundaries, peaks };
}

/** P(X ≥ k) for X ~ Poisson(λ). */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  let term = Math.exp(-lambda);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}

/** «1 участник», «3 участника», «5 участников». */
function pupils(n: number): string {
  return plural(n, "участник", "участника", "участников");
}

/** «у 1 участника», «у 5 участников». */
function ofPupils(n: number): string {
  return plural(n, "участника", "участников", "участников");
}

function points(n: number): string {
  return plural(n, "балл", "балла", "баллов");
}

function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}
