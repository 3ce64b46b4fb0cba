/**
 * Pupil-level results, as ФИС ОКО «Индивидуальные результаты» (Ф1) and the
 * regional centre's protocols give them: read by the table readers, aggregated
 * to schools for the rule, and kept for the dynamics and objectivity signals
 * (ВПР only). Only participant codes, never names: a protocol's names stay in
 * the reader.
 */
import { Procedure } from "../procedures";
import type { TaskLevel } from "../tasks/levels";

/** «X» in a task cell: the pupil wrote the work but did not attempt the task (no points). */
export const NOT_ATTEMPTED = "X";

export interface PupilResult {
  /** Participant code as written («40001»). */
  code: string;
  variant: string | null;
  /** Primary score; null when the pupil was absent or has no result. */
  primaryScore: number | null;
  /** 2–5; null for «нет отметки», absent. */
  mark: number | null;
  /** «Отметка по журналу», 2–5 or null. */
  journalMark: number | null;
  /** Score per task in order; «X» where the cell says so, null where blank or not a number. */
  taskScores: (number | typeof NOT_ATTEMPTED | null)[];
  /** Sheet row (0-based) the pupil was read from. */
  row: number;
  /** «отсутствовал»: listed but did not write the work (not a participant). */
  absent?: boolean;
  /** Protocols (ЕГЭ): the minimum threshold passed (true) or not (false), when a column says so; it decides the fail. */
  passed?: boolean;
}

/** One school's pupils in one procedure. */
export interface PupilGroup {
  /** The school's login as written (edu203389 / sch203389), if known. */
  login: string | null;
  /** The school's name exactly as written. */
  school: string;
  procedure: Procedure;
  /** Maximum primary score of the work, when the file states it (title block or task headers). */
  maxScore: number | null;
  /** Task maxima in order, from headers like «1 (2б)». */
  taskMax: (number | null)[];
  /** The task columns in order (labels, maxima, levels), parallel to each pupil's taskScores. */
  tasks?: TaskColumn[];
  pupils: PupilResult[];
}

/** A task column of a pupil-level export: «9.1 (1б)» under a level row «Б». */
export interface TaskColumn {
  /** The task as its header names it, without the maximum: «1», «9.1», «11К1». */
  label: string;
  /** From «(2б)»; null when the header does not say. */
  max: number | null;
  /** From the row «Уровень сложности задания» above the header; null when unknown. */
  level: TaskLevel | null;
}
