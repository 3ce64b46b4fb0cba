/**
 * «Задания»: completion of each ВПР task, for each procedure a row per school
 * (in the order read, never sorted by results) and a row for all the schools
 * together, a column per task with its level and maximum in the header (a
 * work of more tasks than a landscape page holds in two or more such tables,
 * so every printed column sits beside its school's name). The
 * zones are native conditional formats over the level cell and the value, so
 * the colours work without the add-in and follow a corrected level. Below:
 * the groups by mark of all the schools, the mark boundaries recovered from the
 * data and the peaks at them, worded as signals with their numbers.
 */
import { maxOf } from "../arrays";
import { cleanFloat } from "../cells";
import { NO_RATING } from "../dynamics/text";
import { procedureLabel } from "../procedures";
import { pagePrint } from "../render-contract/print";
import { columnName, COLORS, ConditionalFormatSpec, landscapeA4, num, SheetSpec, SpecValue, text } from "../render-contract/spec";
import { DEFAULT_FONT } from "../render-contract/styles";
import { BOUNDARY_MARKS, ProcedureTasks, TaskAnalysis, TaskLine, taskSampleNote } from "../tasks/analysis";
import { TASK_LEVELS, TaskZone, ZONE_THRESHOLDS, ZoneThresholds } from "../tasks/levels";
import { TASKS_METHOD } from "../tasks/text";
import { Prose, rect, SheetBuilder } from "./builder";
import { SHEET_TITLES } from "./names";

export const TASKS_KIND = "shnor.tasks";

/** The row of all the schools together, as the sheet, the pane and the note name it. */
export const ALL_SCHOOLS = "Все ОО вместе";

/** Columns: school, login, participants, then one per task, then the sample note. */
const FIRST_TASK = 3;
const NO_LEVEL = "—";

/** The zones' fills: Excel's own bad / neutral / good. */
export const ZONE_FILL: Record<TaskZone, string> = { red: COLORS.notDone, yellow: COLORS.inWork, green: COLORS.done };

/** A zone's condition on value X under level cell L, as an invariant formula. */
function zoneFormula(zone: TaskZone, X: string, L: string): string {
  const basic = `${L}="${TASK_LEVELS[0]}"`;
  const higher = `OR(${TASK_LEVELS.slice(1)
    .map((l) => `${L}="${l}"`)
    .join(",")})`;
  const range = (t: ZoneThresholds) =>
    zone === "red" ? `${X}<${t.yellow}` : zone === "yellow" ? `${X}>=${t.yellow},${X}<${t.green}` : `${X}>=${t.green}`;
  return `AND(ISNUMBER(${X}),OR(AND(${basic},${range(ZONE_THRESHOLDS.basic)}),AND(${higher},${range(ZONE_THRESHOLDS.higher)})))`;
}

/** Column widths: the school's name, its login, participants, a task, the sample note. */
const WIDTHS = { name: 30, login: 11, participants: 11, task: 6, sample: 14 } as const;

const widthsFor = (tasks: number) => [
  WIDTHS.name,
  WIDTHS.login,
  WIDTHS.participants,
  ...Array.from({ length: tasks }, () => WIDTHS.task),
  WIDTHS.sample,
];

/**
 * The most task columns one landscape page holds, by the print rule (render-contract/print.ts): fitted to the
 * page's width with no text here under 11 pt printing under 8 pt.
 */
export const PAGE_TASKS = (() => {
  let n = 1;
  while (pagePrint(landscapeA4(), widthsFor(n + 1), FIRST_TASK + n + 2, DEFAULT_FONT.size).scale === "fitWidth") n++;
  return n;
})();

/** A procedure's tasks as tables of at most PAGE_TASKS columns, as even as they go: [from, to) each. */
export function taskParts(tasks: number): [number, number][] {
  const count = Math.max(1, Math.ceil(tasks / PAGE_TASKS));
  const size = Math.ceil(tasks / count);
  return Array.from({ length: count }, (_, k): [number, number] => [k * size, Math.min(tasks, (k + 1) * size)]).filter(([a, b]) => b > a);
}

/** The sheet being written: its builder and its prose (the next row). */
interface Page {
  b: SheetBuilder;
  doc: Prose;
}

export function tasksSheet(analysis: TaskAnalysis, name: string = SHEET_TITLES.tasks): SheetSpec {
  // A work with more tasks than a page holds is cut into tables of its tasks, each with the schools' names:
  // the sheet is one page wide, so no column runs onto another page away from its school.
  const widest = analysis.procedures.reduce((w, p) => Math.max(w, maxOf(taskParts(p.tasks.length).map(([a, b]) => b - a))), 1);
  const width = FIRST_TASK + widest + 1;
  // Landscape; each procedure after the first starts a printed page.
  const breaks: number[] = [];
  const b = new SheetBuilder(name, TASKS_KIND);
  const doc = new Prose(b, width);
  const { line, section } = doc;
  const formats: ConditionalFormatSpec[] = [];

  line("Выполнение заданий ВПР", "title");
  line(`${TASKS_METHOD} ${NO_RATING}`, "subtitle");

  analysis.procedures.forEach((p, k) => {
    if (k > 0) breaks.push(doc.row + 1);
    section(`${k + 1}. ${procedureLabel(p.procedure)}`);
    const parts = taskParts(p.tasks.length);
    parts.forEach(([from, to], i) => {
      if (parts.length > 1) line(`Задания ${p.tasks[from].label}–${p.tasks[to - 1].label} (часть ${i + 1} из ${parts.length})`, "subtitle");
      taskTable({ b, doc }, p, from, to, formats);
    });
    if (p.groups.some((g) => g.login === null))
      line(
        `Строки «отметка «2»»…«5»: выполнение заданий участниками с этой отметкой; группы меньше 10 участников не показаны.`,
        "subtitle",
      );
  });

  boundariesSection({ b, doc }, analysis, width);
  if (analysis.warnings.length > 0) {
    section(`${analysis.procedures.length + 2}. Что не учтено`);
    for (const w of analysis.warnings) line(w, "subtitle");
  }

  const spec = b.finish();
  spec.columnWidths = widthsFor(widest);
  spec.conditionalFormats = formats;
  spec.print = landscapeA4(undefined, { breaks });
  return spec;
}

/** The table of the procedure's tasks from `from` to before `to`: a row per school, one for all, the mark groups. */
function taskTable({ b, doc }: Page, p: ProcedureTasks, from: number, to: number, formats: ConditionalFormatSpec[]): void {
  const tasks = p.tasks.slice(from, to);
  const n = tasks.length;
  const last = FIRST_TASK + n;
  const top = doc.row;
  b.row(top, 0, [text("ОО"), text("Логин"), text("Участников"), ...tasks.map((t) => text(t.label)), text("Выборка")]);
  b.row(top + 1, 2, [text("Уровень"), ...tasks.map((t) => text(t.level ?? NO_LEVEL))]);
  b.row(top + 2, 2, [text("Макс. балл"), ...tasks.map((t) => (t.max === null ? text(NO_LEVEL) : num(t.max)))]);
  for (const c of [0, 1, last]) b.merge(rect(top, c, 3, 1));
  b.style(rect(top, 0, 3, last + 1), "header", { align: "center" });
  doc.row = top + 3;
  const first = doc.row;
  const put = (label: string, login: string | null, l: TaskLine) => {
    const values: SpecValue[] = [text(label), login ? text(login) : null, num(l.participants)];
    // The value the zone was decided on, so the sheet's colours and the engine's zones agree.
    for (const f of l.figures.slice(from, to)) values.push(f.completion === null ? null : num(cleanFloat(f.completion)));
    const sample = taskSampleNote(l.participants);
    values.push(sample ? text(sample) : null);
    b.row(doc.row, 0, values);
    doc.row++;
  };
  for (const s of p.schools) put(s.name ?? "", s.login, s);
  const allRow = doc.row;
  put(ALL_SCHOOLS, null, p.all);
  for (const g of p.groups.filter((x) => x.login === null)) put(`${ALL_SCHOOLS}: отметка «${g.mark}»`, null, g);
  const rows = doc.row - first;
  b.style(rect(first, 0, rows, 2), "cell", { wrap: true });
  b.style(rect(first, 1, rows, 1), "cell", { numberFormat: "@" });
  b.style(rect(first, 2, rows, 1), "cell", { align: "center" });
  b.style(rect(first, FIRST_TASK, rows, n), "cell", { align: "center", numberFormat: "0.0" });
  b.style(rect(first, last, rows, 1), "cell", { wrap: true });
  b.style(rect(allRow, 0, 1, last), "cell", { bold: true });
  const X = `${columnName(FIRST_TASK)}${first + 1}`;
  const L = `${columnName(FIRST_TASK)}$${top + 2}`;
  (["red", "yellow", "green"] as const).forEach((zone) =>
    formats.push({
      ...rect(first, FIRST_TASK, rows, n),
      formula: zoneFormula(zone, X, L),
      fill: ZONE_FILL[zone],
      priority: formats.length + 1,
    }),
  );
}

/** The marks' boundaries in primary scores, and the schools with a peak on one. */
function boundariesSection({ b, doc }: Page, analysis: TaskAnalysis, width: number): void {
  const { line, section } = doc;
  section(`${analysis.procedures.length + 1}. Распределение первичных баллов: границы отметок и пики на них`);
  line(
    "Граница отметки — наименьший первичный балл, с которым эта отметка встречается среди всех загруженных участников процедуры. " +
      "Пик — у ОО ровно на границе заметно больше участников, чем на соседних баллах (±2; при гладком распределении такое бывает " +
      "случайно реже, чем в 1 случае из 1000). ОО меньше 10 участников не оцениваются. n ≥ 50 — выборка достаточна, 20–49 — ориентировочно, " +
      "меньше 20 — выборка мала, вывод ограничен.",
    "subtitle",
  );
  for (const p of analysis.procedures) {
    const known = BOUNDARY_MARKS.filter((m) => p.boundaries[m] !== null).map((m) => `«${m}» — ${p.boundaries[m]}`);
    line(
      `${procedureLabel(p.procedure)}: ${known.length > 0 ? `наименьший балл с отметкой ${known.join(", ")}` : "отметок нет, границы не определены"}.`,
    );
  }
  const peaks = analysis.procedures.flatMap((p) => p.peaks);
  if (peaks.length === 0) line("Признаков пика на границе отметки по загруженным данным нет.");
  else {
    const top = doc.row;
    b.row(top, 0, [text("ОО"), text("Логин"), text("n"), text("Признак для внимания, с числами")]);
    b.merge(rect(top, FIRST_TASK, 1, width - FIRST_TASK));
    b.style(rect(top, 0, 1, width), "header", { align: "center" });
    doc.row++;
    for (const x of peaks) {
      b.row(doc.row, 0, [text(x.name), x.login ? text(x.login) : null, num(x.n), text(x.note)]);
      b.merge(rect(doc.row, FIRST_TASK, 1, width - FIRST_TASK));
      doc.row++;
    }
    b.style(rect(top + 1, 0, peaks.length, width), "cell", { wrap: true });
    b.style(rect(top + 1, 1, peaks.length, 1), "cell", { numberFormat: "@" });
    b.style(rect(top + 1, 2, peaks.length, 1), "cell", { align: "center" });
  }
}
