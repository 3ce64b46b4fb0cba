/** Typed access to the catalogues built from five municipal ШНОР programmes. */
import indicatorsJson from "../catalogues/target-indicators.json";
import activitiesJson from "../catalogues/activities.json";
import sourcesJson from "../catalogues/sources.json";

export type ComputeKey =
  | "shareShnor"
  | "countShnor"
  | "shareRisk"
  | "sharePositiveDynamicsVpr"
  | "shareLowProcedures"
  | "shareGiaFail"
  /** Schools that left the ШНОР list in the last year of the history. */
  | "countLeftShnor"
  | "shareLeftShnor";

export interface Indicator {
  id: string;
  wording: string;
  unit: "%" | "ед." | "чел.";
  /** «up»: больше — лучше; «down»: меньше — лучше. */
  direction: "up" | "down";
  kind: "computed" | "input";
  compute: ComputeKey | null;
  numerator: string;
  denominator: string | null;
  dataSource: string;
  typical: boolean;
  sources: string[];
  quote: string;
}

export type Role = "uo" | "imc" | "oo" | "workgroup" | "psych" | "rc";
export type Level = "municipal" | "school" | "both";

export const ACTIVITY_AREAS = [
  "мониторинг и аналитика",
  "методическое сопровождение",
  "повышение квалификации",
  "сетевое взаимодействие и наставничество",
  "работа с родителями",
  "психолого-педагогическое сопровождение",
  "материально-техническая база",
] as const;

export interface Activity {
  id: string;
  area: (typeof ACTIVITY_AREAS)[number];
  /** May hold {schools} and {subject}. */
  text: string;
  level: Level;
  /** Months in school-year order (September first). */
  months: number[];
  /** Done in the August before the school year starts (the ШНОР list is approved before 1 September). */
  beforeYear?: boolean;
  timing: string | null;
  responsible: Role[];
  expectedResult: string;
  indicators: string[];
  sources: string[];
  quote: string;
}

export interface Source {
  id: string;
  municipality: string;
  title: string;
  years: string;
  order: string | null;
}

export const INDICATORS = indicatorsJson as unknown as Indicator[];
export const ACTIVITIES = activitiesJson as unknown as Activity[];
export const SOURCES = sourcesJson as unknown as Source[];

const INDICATOR_BY_ID = new Map(INDICATORS.map((i) => [i.id, i]));

export function indicatorById(id: string): Indicator | undefined {
  return INDICATOR_BY_ID.get(id);
}
