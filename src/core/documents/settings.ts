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
/** Which schools: the annex's, and the forms' (`--schools` of `shnor report` and `shnor forms`). */
export const ANNEX_SCHOOLS: readonly AnnexSchools[] = ["shnor", "risk", "all"];

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

/** Checks these choices on their own, the defaults filling the rest: a bad one is its Russian message. */
export function checkDocumentSettings(partial: DocumentSettingsInput): void {
  checkedDocumentSettings(partial.schoolYear ?? new Date().getFullYear(), partial);
}

/** Whether these choices would be accepted on their own, the defaults filling the rest (stored settings are checked so). */
export function acceptsDocumentSettings(partial: DocumentSettingsInput): boolean {
  try {
    checkDocumentSettings(partial);
    return true;
  } catch (e) {
    if (e instanceof ShnorError) return false;
    throw e;
  }
}

/** How the order's date is written, for messages and the page's empty field. */
export const ORDER_DATE_FORMAT = "ДД.ММ.ГГГГ";

/**
 * The order's date as the annex prints it: a real day in «ДД.ММ.ГГГГ» («1.9.2025» is
 * written 01.09.2025); empty stays empty (a blank to fill in by hand).
 */
export function orderDate(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return "";
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(trimmed);
  const [day, month, year] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = m !== null && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < 2000 || year > 2100)
    throw new ShnorError(
      "bad-setting",
      `Дата приказа — день, месяц и год в виде ${ORDER_DATE_FORMAT}, например 26.08.2025, а не «${trimmed}»${m ? ": такой даты нет" : ""}.`,
    );
  return `${String(day).padStart(2, "0")}.${String(month).padStart(2, "0")}.${year}`;
}

/** The order's number without the «№» the annex prints before it: «№ 512-о» → «512-о». */
export function orderNumber(text: string): string {
  return text.replace(/^\s*№[\s№]*/, "").trim();
}

function checkedDocumentSettings(schoolYear: number, partial: DocumentSettingsInput): DocumentSettings {
  const order = { number: "", date: "", issuer: "", ...partial.order };
  const s: DocumentSettings = {
    schoolYear,
    targetYears: partial.targetYears ?? 3,
    order: { number: orderNumber(order.number), date: orderDate(order.date), issuer: order.issuer.trim() },
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
  if (!ANNEX_SCHOOLS.includes(s.annexSchools))
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
