/**
 * What the official chooses for the documents: the school year of the
 * roadmap, the order the annex is attached to, who is responsible, which
 * schools the annex lists and which indicators the programme tracks.
 */
import { ShnorError } from "../errors";
import { Analysis } from "../rule";
import { isSchoolYearStart } from "../school-year";
import { DEFAULT_WORD_FONT } from "../render-contract/word";
import { ACTIVITIES, INDICATORS, Role } from "./catalogue";

export type AnnexSchools = "shnor" | "risk" | "all";

export interface OrderInfo {
  /** «512»; empty: a blank to fill in by hand. */
  number: string;
  /** «26.11.2020»; empty: a blank. */
  date: string;
  /** Who issues the order, in the genitive: «Управления образования Администрации города Юрги». */
  issuer: string;
}

export interface DocumentSettings {
  /** The calendar year the roadmap's school year starts in: 2025 → 2025/2026. */
  schoolYear: number;
  /** How many school years of targets the indicator sheet offers, starting with schoolYear. */
  targetYears: number;
  order: OrderInfo;
  /** Names written for the roles of the activity catalogue. */
  names: Record<Role, string>;
  annexSchools: AnnexSchools;
  /** «typical» (the catalogue's типовой набор), «all», or indicator ids in the order wanted. */
  indicators: "typical" | "all" | string[];
  /** «all» or activity ids; the municipal roadmap takes municipal and «both» ones, a school's roadmap school and «both». */
  activities: "all" | string[];
  /** Targets typed in advance, by indicator id, one per target year (null: left to fill in). */
  targets: Record<string, (number | null)[]>;
  /** One roadmap sheet per ШНОР. */
  schoolRoadmaps: boolean;
  /** The font of the Word documents. */
  font: string;
}

/** What callers pass: any part of the settings, names and order details one by one. */
export type DocumentSettingsInput = Partial<Omit<DocumentSettings, "names" | "order">> & {
  names?: Partial<Record<Role, string>>;
  order?: Partial<OrderInfo>;
};

export const DEFAULT_NAMES: Record<Role, string> = {
  uo: "Управление образования",
  imc: "МБУ «ИМЦ»",
  oo: "ОО",
  workgroup: "Рабочая группа",
  psych: "Психологическая служба",
  rc: "Школы-партнёры (ресурсный центр)",
};

/**
 * The roadmap follows the results: ШНОР named on the results of the school
 * year ending in Y are worked with in Y/Y+1 (results of 2021, programme 2021–2022).
 */
export function defaultSchoolYear(analysis: Analysis, today: Date = new Date()): number {
  const previous = analysis.years[1];
  if (previous !== null) return previous;
  // No data: the school year running today (September starts a new one).
  return today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
}

export function resolveDocumentSettings(analysis: Analysis, partial: DocumentSettingsInput = {}): DocumentSettings {
  return checkedDocumentSettings(partial.schoolYear ?? defaultSchoolYear(analysis), partial);
}

/** Whether these choices would be accepted on their own, the defaults filling the rest (stored settings are checked so). */
export function acceptsDocumentSettings(partial: DocumentSettingsInput): boolean {
  try {
    checkedDocumentSettings(partial.schoolYear ?? new Date().getFullYear(), partial);
    return true;
  } catch (e) {
    if (e instanceof ShnorError) return false;
    throw e;
  }
}

function checkedDocumentSettings(schoolYear: number, partial: DocumentSettingsInput): DocumentSettings {
  const s: DocumentSettings = {
    schoolYear,
    targetYears: partial.targetYears ?? 3,
    order: { number: "", date: "", issuer: "", ...partial.order },
    names: { ...DEFAULT_NAMES, ...partial.names },
    annexSchools: partial.annexSchools ?? "shnor",
    indicators: partial.indicators ?? "typical",
    activities: partial.activities ?? "all",
    targets: partial.targets ?? {},
    schoolRoadmaps: partial.schoolRoadmaps ?? true,
    font: partial.font ?? DEFAULT_WORD_FONT,
  };
  if (!isSchoolYearStart(s.schoolYear))
    throw new ShnorError("bad-setting", `Учебный год должен начинаться в году от 2000 до 2100, а не «${s.schoolYear}».`);
  if (!Number.isInteger(s.targetYears) || s.targetYears < 1 || s.targetYears > 5)
    throw new ShnorError("bad-setting", `Целевые значения задаются на 1–5 учебных лет, а не на «${s.targetYears}».`);
  if (!["shnor", "risk", "all"].includes(s.annexSchools))
    throw new ShnorError("bad-setting", "Школы в приложении: shnor (только ШНОР), risk (ШНОР и зона риска) или all (все).");
  if (Array.isArray(s.indicators)) {
    const known = new Set(INDICATORS.map((i) => i.id));
    const unknown = s.indicators.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new ShnorError("bad-setting", `Неизвестные показатели: ${unknown.join(", ")}. Возможные: typical, all или коды из каталога.`);
    if (s.indicators.length === 0) throw new ShnorError("bad-setting", "Выберите хотя бы один показатель.");
  }
  if (Array.isArray(s.activities)) {
    const known = new Set(ACTIVITIES.map((a) => a.id));
    const unknown = s.activities.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new ShnorError("bad-setting", `Неизвестные мероприятия: ${unknown.join(", ")}.`);
  }
  if (typeof s.font !== "string" || !/^[\p{L}\p{N} .-]{1,64}$/u.test(s.font.trim()))
    throw new ShnorError("bad-setting", `Шрифт документов Word — название шрифта, например «${DEFAULT_WORD_FONT}», а не «${s.font}».`);
  s.font = s.font.trim();
  for (const [role, name] of Object.entries(s.names) as [Role, string][]) {
    // Users know a role by its usual name, not by its id.
    if (typeof name !== "string" || name.trim() === "")
      throw new ShnorError("bad-setting", `Не задано название ответственного «${DEFAULT_NAMES[role] ?? role}».`);
  }
  return s;
}
