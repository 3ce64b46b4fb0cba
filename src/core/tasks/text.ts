/**
 * The words of the per-task analysis, shared by the roadmaps, the note, the
 * command's readable report and the pane: red tasks per procedure, the
 * thresholds with their source, the sample notes. Never a rank.
 */
import { dec } from "../dynamics/signals";
import { loginKey, nameKey } from "../table/identity";
import { procedureLabel } from "../procedures";
import { LIST_TEXT_BUDGET, listText } from "../render-contract/spec";
import { procedureShort, ProcedureTasks, TaskAnalysis, TaskLine, taskSampleNote, tasksInZone } from "./analysis";
import { ZONE_SOURCE, zoneLegend } from "./levels";

/** How completion is worked out and coloured, in one paragraph. */
export const TASKS_METHOD =
  "Выполнение задания — сумма баллов участников за задание ÷ (число участников × максимальный балл задания) × 100 %. " +
  "Участники — писавшие работу: отсутствовавшие («отсутствовал», все задания «X») не учитываются; «X» у писавшего работу — 0 баллов. " +
  `Зоны (${ZONE_SOURCE}): ${zoneLegend((x) => dec(x, x % 1 === 0 ? 0 : 1))}. ` +
  "Меньше 20 участников — выборка мала, вывод ограничен. ОО — в порядке чтения файлов, не по результатам: это не рейтинг.";

export const NO_TASKS =
  "Баллы участников за задания ВПР не загружены («Индивидуальные результаты» ФИС ОКО или протокол с заданиями «1 (2б)»): выполнение заданий не рассчитано.";

/**
 * The lines of one school across the procedures, in the analysis' order: by login where both have one
 * (sch… and edu… of the same digits are one school), else by name as the join compares names.
 */
function schoolLines(analysis: TaskAnalysis, login: string | null, name: string): { p: ProcedureTasks; line: TaskLine }[] {
  const same = (l: TaskLine) => (login && l.login ? loginKey(login) === loginKey(l.login) : nameKey(l.name ?? "") === nameKey(name));
  const out: { p: ProcedureTasks; line: TaskLine }[] = [];
  for (const p of analysis.procedures) {
    const line = p.schools.find(same);
    if (line) out.push({ p, line });
  }
  return out;
}

/**
 * A school's tasks in the red zone per procedure, as its roadmap names them:
 * «Задания ВПР в красной зоне (пороги ФИОКО, 2026): РУ 4 — 5, 9.2; МА 4 — 3.»
 * Long lists (a work of hundreds of task columns, years of procedures) are cut with «и ещё N», and then the
 * line ends with `more`, where the whole list is, so it fits the roadmap's cell. Null without task data.
 */
export function schoolRedTasksLine(analysis: TaskAnalysis, login: string | null, name: string, more = ""): string | null {
  const lines = schoolLines(analysis, login, name);
  if (lines.length === 0) return null;
  const years = new Set(lines.map(({ p }) => p.procedure.year)).size > 1;
  const short = (p: ProcedureTasks) => `${procedureShort(p.procedure)}${years ? ` (${p.procedure.year})` : ""}`;
  const red = lines.map(({ p, line }) => ({ p, tasks: tasksInZone(p, line, "red") })).filter((x) => x.tasks.length > 0);
  const procedures = lines.map(({ p }) => short(p));
  if (red.length === 0) return `Заданий ВПР в красной зоне нет (${listText(procedures, ", ")}).`;
  // Each procedure gets its share of the cell's budget (less its name and «и ещё N»), so one long work does
  // not hide the others.
  const budget = Math.max(PROCEDURE_BUDGET, Math.floor(LIST_TEXT_BUDGET / red.length) - PART_MARGIN);
  let cut = false;
  const parts = red.map(({ p, tasks }) => {
    const labels = tasks.map((t) => t.label);
    const shown = listText(labels, ", ", "", budget);
    cut ||= shown !== labels.join(", ");
    return `${short(p)} — ${shown}`;
  });
  const listed = listText(parts, "; ");
  cut ||= listed !== parts.join("; ");
  return `Задания ВПР в красной зоне (пороги ФИОКО, 2026): ${listed}${cut ? more : ""}.`;
}

/** The least a procedure's red tasks are given in a school's line, however many procedures it has. */
const PROCEDURE_BUDGET = 200;
/** Room in a procedure's share for its name («РУ 4 (2026) — »), «и ещё N» and the separator. */
const PART_MARGIN = 40;

/** «5 (Б, 48,2 %)»: a task with its level and completion. */
function taskText(p: ProcedureTasks, line: TaskLine, i: number): string {
  const t = p.tasks[i];
  const c = line.figures[i].completion;
  return `${t.label} (${t.level ?? "уровень не указан"}, ${c === null ? "—" : `${dec(c, 1)} %`})`;
}

/**
 * For each procedure, the tasks in the red (and yellow) zone for all the schools together: the note's and the
 * command's lines. A zone's list is cut with «и ещё N» once long, so a line fits a cell.
 */
export function municipalityTaskLines(analysis: TaskAnalysis): string[] {
  return analysis.procedures.map((p) => {
    const all = p.all;
    const indexes = (zone: "red" | "yellow") => p.tasks.map((_, i) => i).filter((i) => all.figures[i].zone === zone);
    const red = indexes("red");
    const yellow = indexes("yellow");
    const sample = taskSampleNote(all.participants);
    let text = `${procedureLabel(p.procedure)} (все ОО вместе, участников: ${all.participants}${sample ? `, ${sample}` : ""}): `;
    // The note says where each task's figures are; a long list is cut with «и ещё N».
    const named = (zone: number[]) =>
      listText(
        zone.map((i) => taskText(p, all, i)),
        ", ",
      );
    text += red.length === 0 ? "заданий в красной зоне нет" : `в красной зоне — ${named(red)}`;
    if (yellow.length > 0) text += `; в жёлтой — ${named(yellow)}`;
    return `${text}.`;
  });
}
