/**
 * «Дорожная карта»: activities of the catalogue grouped by направление, for
 * one school year, with the ШНОР named, deadlines as months of that year,
 * the responsible bodies from the settings, and a drop-down «Отметка о
 * выполнении» whose share of «выполнено» a formula at the top counts.
 * One more roadmap per ШНОР stresses the subjects and grades where it is low.
 */
import { Procedure } from "../procedures";
import { Analysis, reasonText, SchoolVerdict } from "../rule";
import {
  a1,
  COLORS,
  ConditionalFormatSpec,
  formula,
  landscapeA4,
  listText,
  SheetSpec,
  text,
  ValidationSpec,
} from "../render-contract/spec";
import { rect, SheetBuilder } from "./builder";
import { Activity, ACTIVITIES, indicatorById, ACTIVITY_AREAS, Role } from "./catalogue";
import { selectedIndicators } from "./indicators-sheet";
import { DocumentSettings } from "./settings";
import { schoolYearText } from "../school-year";
import { monthsText } from "./words";
import { SHEET_TITLES } from "./names";
import { NO_SHNOR } from "./note";
import type { TaskAnalysis } from "../tasks/analysis";
import { schoolRedTasksLine } from "../tasks/text";

/** The column the user fills in; the pane's texts quote it. */
export const MARK_HEADER = "Отметка о выполнении";

export const ROADMAP_KIND = "shnor.roadmap";
export const SCHOOL_ROADMAP_KIND = "shnor.roadmap.school";

export const MARKS = ["выполнено", "в работе", "не выполнено", "перенесено"] as const;

const COL = { no: 0, text: 1, timing: 2, responsible: 3, result: 4, indicator: 5, mark: 6 } as const;
const WIDTH = 7;
const HEADER_ROW = 5;

/** The subjects (and what in them) a school is low in: «математика (ВПР 5, 6 кл.; ОГЭ)». */
export interface LowSubject {
  subject: string;
  detail: string;
}

export function lowSubjects(verdicts: SchoolVerdict[]): LowSubject[] {
  const bySubject = new Map<string, Procedure[]>();
  for (const v of verdicts)
    for (const l of v.low) {
      const list = bySubject.get(l.procedure.subject) ?? [];
      list.push(l.procedure);
      bySubject.set(l.procedure.subject, list);
    }
  return [...bySubject.entries()].map(([subject, procedures]) => ({ subject, detail: `${subject} (${procedureSummary(procedures)})` }));
}

/** «ВПР 5, 6 кл.; ОГЭ; ЕГЭ (профильный уровень)»: each type once, grades gathered. */
function procedureSummary(procedures: Procedure[]): string {
  const byType = new Map<string, Set<string>>();
  for (const p of procedures) {
    const set = byType.get(p.type) ?? new Set<string>();
    if (p.grade !== null) set.add(String(p.grade));
    if (p.level) set.add(`${p.level} уровень`);
    byType.set(p.type, set);
  }
  return [...byType.entries()]
    .map(([type, parts]) => {
      const grades = [...parts].filter((x) => /^\d+$/.test(x)).sort((a, b) => Number(a) - Number(b));
      const levels = [...parts].filter((x) => !/^\d+$/.test(x));
      let s = type;
      if (grades.length > 0) s += ` ${grades.join(", ")} кл.`;
      if (levels.length > 0) s += ` (${levels.join(", ")})`;
      return s;
    })
    .join("; ");
}

/** A roadmap per school stops being a help beyond this many (a region's file): the municipal roadmap still names them all. */
export const MAX_SCHOOL_ROADMAPS = 30;

/** The ШНОР that get a roadmap of their own, and the line saying why none do when there are too many. */
export function schoolRoadmapVerdicts(analysis: Analysis, settings: DocumentSettings): { verdicts: SchoolVerdict[]; note: string | null } {
  const shnor = analysis.verdicts.filter((x) => x.status === "shnor");
  if (!settings.schoolRoadmaps) return { verdicts: [], note: null };
  if (shnor.length > MAX_SCHOOL_ROADMAPS)
    return {
      verdicts: [],
      note: `Дорожные карты отдельных ШНОР не созданы: ШНОР ${shnor.length}, а отдельно их делается не больше ${MAX_SCHOOL_ROADMAPS}.`,
    };
  return { verdicts: shnor, note: null };
}

/** What a roadmap holds, for the sheet and the Word document alike. */
export interface Roadmap {
  title: string;
  subtitle: string[];
  activities: Activity[];
  schools: string;
  /** Each activity with {subject} is written once per entry. */
  subjects: string[];
  names: Record<Role, string>;
  schoolYear: number;
  /** Indicator id → its number on «Показатели». */
  indicatorNumbers: Map<string, number>;
}

/** The indicators on «Показатели» an activity serves, by number; else the catalogue's wording of its own. */
function indicatorText(activity: Activity, numbers: Map<string, number>): string {
  const onSheet = activity.indicators.filter((id) => numbers.has(id));
  const ids = onSheet.length > 0 ? onSheet : activity.indicators;
  return ids
    .map((id) => {
      const wording = indicatorById(id)?.wording ?? id;
      const n = numbers.get(id);
      return n === undefined ? wording : `${n}. ${wording}`;
    })
    .join(";\n");
}

function indicatorNumbers(settings: DocumentSettings): Map<string, number> {
  return new Map(selectedIndicators(settings).map((ind, i) => [ind.id, i + 1]));
}

/** Where a list cut with «и ещё N» is whole: the order's annex, a sheet of the book and a Word document alike. */
const ANNEX_HAS_ALL = " (все — в приложении к приказу)";
/** The ШНОР named in an activity's text before the rest are counted. */
const SCHOOLS_IN_ACTIVITY = 600;

/** Where a ШНОР's whole list of red tasks is, once its roadmap cuts it: the same words on the sheet and in Word. */
const TASKS_HAS_ALL = ` (все — на листе «${SHEET_TITLES.tasks}» отчёта)`;

/** The municipal roadmap: the municipal activities, naming the ШНОР and the subjects they are low in. */
export function municipalRoadmap(analysis: Analysis, settings: DocumentSettings): Roadmap {
  const shnor = analysis.verdicts.filter((v) => v.status === "shnor");
  const names = shnor.map((v) => v.school.name);
  const subjects = lowSubjects(shnor).map((s) => s.subject);
  const counted = analysis.settings.countedSubjects;
  return {
    title: `План мероприятий («дорожная карта») по повышению качества образования в ОО с низкими образовательными результатами на ${schoolYearText(settings.schoolYear)} учебный год`,
    subtitle: [names.length > 0 ? `ШНОР (${names.length}): ${listText(names, "; ", ANNEX_HAS_ALL)}.` : NO_SHNOR],
    activities: chosen(settings).filter((a) => a.level !== "school"),
    // A region's list would make an activity of tens of thousands of characters: the annex lists every ШНОР.
    schools: names.length > 0 ? listText(names, ", ", ANNEX_HAS_ALL, SCHOOLS_IN_ACTIVITY) : "ШНОР",
    subjects: [(subjects.length > 0 ? subjects : counted).join(", ")],
    names: settings.names,
    schoolYear: settings.schoolYear,
    indicatorNumbers: indicatorNumbers(settings),
  };
}

export function roadmapSheet(analysis: Analysis, settings: DocumentSettings, name: string = SHEET_TITLES.roadmap): SheetSpec {
  return buildRoadmap(municipalRoadmap(analysis, settings), name, ROADMAP_KIND);
}

/**
 * A ШНОР's own roadmap, for the sheet and the Word document alike: the school activities, stressing the
 * subjects and grades where it is low and, where its pupils' task scores were read, its ВПР tasks in the
 * red zone («Задания ВПР в красной зоне …: РУ 4 — 5, 9.2.»).
 */
export function schoolRoadmap(verdict: SchoolVerdict, analysis: Analysis, settings: DocumentSettings, tasks: TaskAnalysis): Roadmap {
  const subjects = lowSubjects([verdict]);
  const emphasis = subjects.length > 0 ? subjects.map((s) => s.detail).join(", ") : analysis.settings.countedSubjects.join(", ");
  const redTasks = schoolRedTasksLine(tasks, verdict.school.login, verdict.school.name, TASKS_HAS_ALL);
  // Two subtitle lines: the sheet's layout below them is fixed (the progress row, the header), so the red tasks join the second.
  const attention = `Особое внимание — предметы и классы с низкими результатами: ${emphasis}.${redTasks ? ` ${redTasks}` : ""}`;
  return {
    title: `Дорожная карта ОО на ${schoolYearText(settings.schoolYear)} учебный год: ${verdict.school.name}`,
    subtitle: [`Основание: ${reasonText(verdict)}.`, attention],
    activities: chosen(settings).filter((a) => a.level !== "municipal"),
    schools: verdict.school.name,
    subjects: subjects.length > 0 ? subjects.map((s) => s.detail) : [analysis.settings.countedSubjects.join(", ")],
    names: { ...settings.names, oo: verdict.school.name },
    schoolYear: settings.schoolYear,
    indicatorNumbers: indicatorNumbers(settings),
  };
}

export function schoolRoadmapSheet(
  verdict: SchoolVerdict,
  analysis: Analysis,
  settings: DocumentSettings,
  name: string,
  tasks: TaskAnalysis,
): SheetSpec {
  return buildRoadmap(schoolRoadmap(verdict, analysis, settings, tasks), name, SCHOOL_ROADMAP_KIND);
}

function chosen(settings: DocumentSettings): Activity[] {
  if (settings.activities === "all") return ACTIVITIES;
  const ids = new Set(settings.activities);
  return ACTIVITIES.filter((a) => ids.has(a.id));
}

/** The deadline in the school year: months as «октябрь 2025 г.», or the catalogue's wording. */
export function timingText(activity: Activity, startYear: number): string {
  const timing = activity.timing?.replace(/учебного года/, `${schoolYearText(startYear)} учебного года`) ?? null;
  if (activity.months.length === 0) return timing ?? "";
  const months = monthsText(activity.months, startYear, activity.beforeYear);
  return timing ? `${months} (${timing})` : months;
}

export function activityText(activity: Activity, schools: string, subject: string): string {
  return activity.text.replace(/\{schools\}/g, schools).replace(/\{subject\}/g, subject);
}

/** An activity's row: «1.2.», its text, deadline, who is responsible, the expected result and the indicators it serves. */
export interface RoadmapItem {
  no: string;
  text: string;
  timing: string;
  responsible: string;
  result: string;
  indicator: string;
}

/** The activities by направление, numbered «1.», «1.1.»…; an activity with {subject} once per subject. */
export function roadmapGroups(input: Roadmap): { title: string; items: RoadmapItem[] }[] {
  const groups: { title: string; items: RoadmapItem[] }[] = [];
  for (const area of ACTIVITY_AREAS) {
    const activities = input.activities.filter((a) => a.area === area);
    if (activities.length === 0) continue;
    const group = groups.length + 1;
    const items: RoadmapItem[] = [];
    for (const activity of activities) {
      const subjects = activity.text.includes("{subject}") ? input.subjects : [""];
      for (const subject of subjects)
        items.push({
          no: `${group}.${items.length + 1}.`,
          text: activityText(activity, input.schools, subject),
          timing: timingText(activity, input.schoolYear),
          responsible: activity.responsible.map((r) => input.names[r]).join(", "),
          result: activity.expectedResult,
          indicator: indicatorText(activity, input.indicatorNumbers),
        });
    }
    groups.push({ title: `${group}. ${area[0].toUpperCase()}${area.slice(1)}`, items });
  }
  return groups;
}

/** The roadmap table's headers, the sheet's last column («Отметка о выполнении») aside. */
export const ROADMAP_HEADERS = ["№ п/п", "Мероприятие", "Сроки", "Ответственные", "Ожидаемый результат", "Показатель"] as const;

/** The roadmap's rows from the top: the title, the subtitle lines and the table's header. */
function writeRoadmapHeading(b: SheetBuilder, input: Roadmap): void {
  b.set(0, 0, text(input.title));
  b.style(rect(0, 0, 1, WIDTH), "title", { wrap: true }).merge(rect(0, 0, 1, WIDTH));
  input.subtitle.forEach((line, i) => {
    b.set(1 + i, 0, text(line));
    b.style(rect(1 + i, 0, 1, WIDTH), "subtitle", { wrap: true }).merge(rect(1 + i, 0, 1, WIDTH));
  });

  b.row(HEADER_ROW, 0, [...ROADMAP_HEADERS, MARK_HEADER].map(text));
  b.style(rect(HEADER_ROW, 0, 1, WIDTH), "header", { align: "center" });
}

/** Where the activities went: their first and last row, and each group's block of marks. */
interface RoadmapRows {
  firstRow: number;
  lastRow: number;
  markRects: { row: number; rows: number }[];
}

/** The groups below the header: a title row each, then its activities with an empty mark to fill in. */
function writeRoadmapGroups(b: SheetBuilder, input: Roadmap): RoadmapRows {
  let row = HEADER_ROW + 1;
  const firstRow = row;
  const markRects: { row: number; rows: number }[] = [];
  for (const group of roadmapGroups(input)) {
    b.set(row, 0, text(group.title));
    b.style(rect(row, 0, 1, WIDTH), "header", { align: "left" }).merge(rect(row, 0, 1, WIDTH));
    row++;
    const start = row;
    for (const item of group.items) {
      b.row(row, 0, [
        text(item.no),
        text(item.text),
        text(item.timing),
        text(item.responsible),
        text(item.result),
        text(item.indicator),
        null,
      ]);
      row++;
    }
    b.style(rect(start, 0, row - start, WIDTH - 1), "cell", { wrap: true });
    b.style(rect(start, COL.no, row - start, 1), "cell", { align: "center" });
    b.style(rect(start, COL.mark, row - start, 1), "input", { align: "center" });
    markRects.push({ row: start, rows: row - start });
  }
  const lastRow = Math.max(row - 1, firstRow);
  return { firstRow, lastRow, markRects };
}

/** Progress: the share of activities marked «выполнено»; the expected-result column has text on activity rows only. */
function writeProgressRow(b: SheetBuilder, { firstRow, lastRow }: RoadmapRows): void {
  const progressRow = 3;
  const marks = `${a1(firstRow, COL.mark, true)}:${a1(lastRow, COL.mark, true)}`;
  const activities = `COUNTA(${a1(firstRow, COL.result, true)}:${a1(lastRow, COL.result, true)})`;
  const count = (word: string) => `COUNTIF(${marks},"${word}")`;
  b.set(progressRow, 0, text("Выполнено, %"));
  b.set(progressRow, COL.timing, formula(`IF(${activities}=0,0,${count(MARKS[0])}/${activities}*100)`));
  b.set(
    progressRow,
    COL.responsible,
    formula(
      `"выполнено: "&${count(MARKS[0])}&"; в работе: "&${count(MARKS[1])}&"; не выполнено: "&${count(MARKS[2])}` +
        `&"; перенесено: "&${count(MARKS[3])}&"; всего мероприятий: "&${activities}`,
    ),
  );
  b.style(rect(progressRow, 0, 1, 2), "header", { align: "right" }).merge(rect(progressRow, 0, 1, 2));
  b.style(rect(progressRow, COL.timing, 1, 1), "computed", { numberFormat: "0.0", bold: true, align: "center" });
  b.style(rect(progressRow, COL.responsible, 1, WIDTH - COL.responsible), "note").merge(
    rect(progressRow, COL.responsible, 1, WIDTH - COL.responsible),
  );
}

/** The drop-down of «Отметка о выполнении» on each group's marks. */
function markValidations(markRects: RoadmapRows["markRects"]): ValidationSpec[] {
  return markRects.map((r): ValidationSpec => ({
    row: r.row,
    column: COL.mark,
    rows: r.rows,
    columns: 1,
    rule: { kind: "list", items: [...MARKS] },
    errorMessage: `Выберите из списка: ${MARKS.join(", ")}.`,
    prompt: MARK_HEADER,
  }));
}

/** A fill per mark word, on each group's marks. */
function markFills(markRects: RoadmapRows["markRects"]): ConditionalFormatSpec[] {
  const fills = [COLORS.done, COLORS.inWork, COLORS.notDone, COLORS.postponed];
  return markRects.flatMap((r) =>
    MARKS.map((word, i): ConditionalFormatSpec => ({
      row: r.row,
      column: COL.mark,
      rows: r.rows,
      columns: 1,
      formula: `${a1(r.row, COL.mark)}="${word}"`,
      fill: fills[i],
      priority: i + 1,
    })),
  );
}

function buildRoadmap(input: Roadmap, name: string, kind: string): SheetSpec {
  const b = new SheetBuilder(name, kind);
  writeRoadmapHeading(b, input);
  const rows = writeRoadmapGroups(b, input);
  writeProgressRow(b, rows);

  const spec = b.finish();
  // One landscape page wide at 80 % or more, so the 10-pt notes print at 8 pt (render-contract/print.ts).
  spec.columnWidths = [6, 46, 16, 20, 30, 30, 14];
  spec.validations = markValidations(rows.markRects);
  spec.conditionalFormats = markFills(rows.markRects);
  spec.freezeRows = HEADER_ROW + 1;
  spec.print = landscapeA4({ first: HEADER_ROW, last: HEADER_ROW });
  spec.keptInputs = { keyColumn: COL.text, columns: [COL.mark], firstRow: rows.firstRow };
  return spec;
}
