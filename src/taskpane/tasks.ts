/**
 * The «Задания» section's content without React: for each ВПР procedure a row
 * per school in the order read (never sorted by results: no rating) and one for
 * all the schools together, a cell per task with its completion and zone, the
 * red and yellow tasks of all the schools in words, and the peaks at mark
 * boundaries as signals. The figures are the «Задания» sheet's.
 */
import { dec, municipalityTaskLines, procedureLabel, TaskAnalysis, taskSampleNote, TaskLine, TaskZone, ZONE_TEXT } from "../core";
import { ALL_SCHOOLS } from "../core/documents/tasks-sheet";

export interface TaskCellView {
  text: string;
  zone: TaskZone | null;
  /** «9.2 (П, макс. 1): 21,0 %, жёлтая зона; участников 24». */
  title: string;
}

export interface TaskRowView {
  key: string;
  name: string;
  participants: number;
  sample: string | null;
  cells: TaskCellView[];
  all: boolean;
}

export interface ProcedureTasksView {
  key: string;
  title: string;
  tasks: { label: string; level: string; max: string }[];
  rows: TaskRowView[];
  /** Schools in the procedure (rows may show fewer). */
  schools: number;
  /** The red and yellow tasks of all the schools together. */
  summary: string;
  peaks: string[];
}

export interface TasksView {
  procedures: ProcedureTasksView[];
  warnings: string[];
}

/** Rows a procedure shows in the pane; the sheet has them all. */
export const MAX_TASK_ROWS = 100;

export function tasksView(analysis: TaskAnalysis, max = MAX_TASK_ROWS): TasksView {
  const summaries = municipalityTaskLines(analysis);
  const procedures = analysis.procedures.map((p, k): ProcedureTasksView => {
    const row = (line: TaskLine, i: number, all: boolean): TaskRowView => ({
      key: all ? "all" : `${i}`,
      name: all ? ALL_SCHOOLS : (line.name ?? ""),
      participants: line.participants,
      sample: taskSampleNote(line.participants),
      all,
      cells: line.figures.map((f, t) => {
        const task = p.tasks[t];
        const value = f.completion === null ? "—" : dec(f.completion, 1);
        const zone = f.zone ? `, ${ZONE_TEXT[f.zone]} зона` : "";
        return {
          text: value,
          zone: f.zone,
          title: `${task.label} (${task.level ?? "уровень не указан"}, макс. ${task.max ?? "—"}): ${value}${f.completion === null ? "" : " %"}${zone}; участников ${f.participants}`,
        };
      }),
    });
    return {
      key: `${k}`,
      title: procedureLabel(p.procedure),
      tasks: p.tasks.map((t) => ({ label: t.label, level: t.level ?? "—", max: t.max === null ? "—" : String(t.max) })),
      rows: [...p.schools.slice(0, max).map((l, i) => row(l, i, false)), row(p.all, 0, true)],
      schools: p.schools.length,
      summary: summaries[k],
      peaks: p.peaks.map((x) => `${x.name}: ${x.note}`),
    };
  });
  return { procedures, warnings: analysis.warnings };
}
