/**
 * Task levels and completion zones of ВПР tasks: the one place the thresholds
 * are written. The engine, the JSON, the «Задания» sheet's conditional formats,
 * the note and the pane all take them from here.
 *
 * Source: ФИОКО's 2026 recommendations on analysing ВПР results, direction
 * «Выполнение заданий»: a task of the basic level is red under 57 %, yellow
 * from 57 % to under 60 %, green from 60 %; a task of the raised or high level
 * is red under 28.5 %, yellow from 28.5 % to under 30 %, green from 30 %.
 */
import { Cell, cleanFloat, normalizeText } from "../cells";

/** «Б» базовый, «П» повышенный, «В» высокий: as the level row of a Ф1 export writes them. */
export type TaskLevel = "Б" | "П" | "В";
export type TaskZone = "red" | "yellow" | "green";

export const TASK_LEVELS: readonly TaskLevel[] = ["Б", "П", "В"];

export const ZONE_TEXT: Record<TaskZone, string> = { red: "красная", yellow: "жёлтая", green: "зелёная" };

export const ZONE_SOURCE = "ФИОКО, рекомендации по анализу результатов ВПР (2026), направление «Выполнение заданий»";

export interface ZoneThresholds {
  /** From this completion, %, a task is yellow; below it, red. */
  yellow: number;
  /** From this completion, %, a task is green. */
  green: number;
}

/** The thresholds of a level group: «Б»; «П» and «В» share theirs. */
export const ZONE_THRESHOLDS: { basic: ZoneThresholds; higher: ZoneThresholds } = {
  basic: { yellow: 57, green: 60 },
  higher: { yellow: 28.5, green: 30 },
};

export function thresholdsOf(level: TaskLevel): ZoneThresholds {
  return level === "Б" ? ZONE_THRESHOLDS.basic : ZONE_THRESHOLDS.higher;
}

/**
 * The zone of a completion, %; none for an unknown level or no completion
 * (an unknown level is never red). Float noise is cleared first, so 57 made of
 * sums is yellow, not red.
 */
export function taskZone(level: TaskLevel | null, completion: number | null): TaskZone | null {
  if (level === null || completion === null || !Number.isFinite(completion)) return null;
  const t = thresholdsOf(level);
  const c = cleanFloat(completion);
  return c < t.yellow ? "red" : c < t.green ? "yellow" : "green";
}

/** «Б», «базовый», «Б (базовый)», «повышенный уровень» → the level; anything else → null. */
export function taskLevelOf(cell: Cell): TaskLevel | null {
  const t = normalizeText(cell).replace(/[.()]/g, " ").replace(/\s+/g, " ").trim();
  if (/^(б|баз|базовый)( базовый)?( уровень)?$/.test(t)) return "Б";
  if (/^(п|пов|повышенный)( повышенный)?( уровень)?$/.test(t)) return "П";
  if (/^(в|выс|высокий)( высокий)?( уровень)?$/.test(t)) return "В";
  return null;
}

/** A row label naming the tasks' levels: «Уровень сложности задания», «Уровень сложности», «Уровень». */
export function isLevelRowLabel(normalized: string): boolean {
  return /^уровень( сложности)?( заданий| задания)?[.:]*$/.test(normalized);
}

/** «Б: красная < 57 %, жёлтая 57–60 %, зелёная ≥ 60 %; П, В: …»: the thresholds in words. */
export function zoneLegend(format: (x: number) => string): string {
  const part = (t: ZoneThresholds) =>
    `${ZONE_TEXT.red} — ниже ${format(t.yellow)} %, ${ZONE_TEXT.yellow} — от ${format(t.yellow)} до ${format(t.green)} %, ${ZONE_TEXT.green} — от ${format(t.green)} %`;
  return (
    `задания базового уровня (Б): ${part(ZONE_THRESHOLDS.basic)}; повышенного (П) и высокого (В): ${part(ZONE_THRESHOLDS.higher)}; ` +
    "уровень не указан — без зоны"
  );
}
