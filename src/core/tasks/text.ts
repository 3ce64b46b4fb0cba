/**
 * The words of the per-task analysis, shared by the roadmaps, the note, the
 * command's readable report and the pane: red tasks per procedure, the
 * thresholds with their source, the sample notes. Never a rank.
 */
import { dec } from "../dynamics/signals";
import { loginKey, nameKey } from "../table/identity";
import { procedureLabel } from "../procedures";
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
 * Null when the school has no task data.
 */
export function schoolRedTasksLine(analysis: TaskAnalysis, login: string | null, name: string): string | null {
  const lines = schoolLines(analysis, login, name);
  if (lines.length === 0) return null;
  const years = new Set(lines.map(({ p }) => p.procedure.year)).size > 1;
  const short = (p: ProcedureTasks) => `${procedureShort(p.procedure)}${years ? ` (${p.procedure.year})` : ""}`;
  const red = lines
    .map(({ p, line }) => ({ p, tasks: tasksInZone(p, line, "red") }))
    .filter((x) => x.tasks.length > 0)
    .map(({ p, tasks }) => `${short(p)} — ${tasks.map((t) => t.label).join(", ")}`);
  if (red.length === 0) return `Заданий ВПР в красной зоне нет (${lines.map(({ p }) => short(p)).join(", ")}).`;
  return `Задания ВПР в красной зоне (пороги ФИОКО, 2026): ${red.join("; ")}.`;
}

/** «5 (Б, 48,2 %)»: a task with its level and completion. */
function taskText(p: ProcedureTasks, line: TaskLine, i: number): string {
  const t = p.tasks[i];
  const c = line.figures[i].completion;
  return `${t.label} (${t.level ?? "уровень не указан"}, ${c === null ? "—" : `${dec(c, 1)} %`})`;
}

/** For each procedure, the tasks in the red (and yellow) zone for all the schools together: the note's and the command's lines. */
export function municipalityTaskLines(analysis: TaskAnalysis): string[] {
  return analysis.procedures.map((p) => {
    const all = p.all;
    const indexes = (zone: "red" | "yellow") => p.tasks.map((_, i) => i).filter((i) => all.figures[i].zone === zone);
    const red = indexes("red");
    const yellow = indexes("yellow");
    const sample = taskSampleNote(all.participants);
    let text = `${procedureLabel(p.procedure)} (все ОО вместе, участников: ${all.participants}${sample ? `, ${sample}` : ""}): `;
    text += red.length === 0 ? "заданий в красной зоне нет" : `в красной зоне — ${red.map((i) => taskText(p, all, i)).join(", ")}`;
    if (yellow.length > 0) text += `; в жёлтой — ${yellow.map((i) => taskText(p, all, i)).join(", ")}`;
    return `${text}.`;
  });
}
