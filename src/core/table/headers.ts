/**
 * Header words of id and long-table columns, and the test for a row that
 * names a school rather than a section, a total or a note.
 */
import { Cell } from "../cells";

export type IdRole = "name" | "login" | "territory" | "number";
export type LongRole = "procedure" | "subject" | "grade" | "year";

const ID_HEADERS: [IdRole, RegExp][] = [
  ["login", /^(логин|логин оо|код оо|login|идентификатор оо)$/],
  [
    "name",
    /^((полное |краткое )?(название|наименование)( оо| оу| школы| образовательн\S*( организаци\S*| учреждени\S*)?| организаци\S*| учреждени\S*)?|оо|оу|школа|образовательная организация|общеобразовательная организация|учреждение|ou)$/,
  ],
  [
    "territory",
    /^(территория|муниципалитет|муниципальное образование|муниципальный район|мо|ато|ате|район|округ|городской округ|наименование мо)$/,
  ],
  ["number", /^(№|n|no|№ п\/п|n п\/п|п\/п|номер|№ оо)$/],
];

const LONG_HEADERS: [LongRole, RegExp][] = [
  ["procedure", /^(процедура|оценочная процедура|вид процедуры|вид оценочной процедуры|тип процедуры|вид|тип|форма|экзамен|работа)$/],
  ["subject", /^(предмет|учебный предмет)$/],
  ["grade", /^(класс|параллель|кл)$/],
  ["year", /^(год|учебный год|год проведения|период|уч год)$/],
];

function stripDots(text: string): string {
  return text.replace(/[.:]+$/g, "").trim();
}

export function idRoleOf(text: string): IdRole | null {
  const t = stripDots(text);
  for (const [role, re] of ID_HEADERS) if (re.test(t)) return role;
  return null;
}

export function longRoleOf(text: string): LongRole | null {
  const t = stripDots(text);
  for (const [role, re] of LONG_HEADERS) if (re.test(t)) return role;
  return null;
}

const TOTAL =
  /^(итого|итог|всего|в среднем|среднее|средний|по мо|по му|по району|по округу|по городу|по региону|по области|по краю|по рф|россия|российская федерация|рф|вся выборка|муниципалитет|регион)(\s|$|[:.,])/;
const TOTAL_ANYWHERE = /(итого|всего по|среднее по|в среднем по)/;
const NOTE = /^(примечание|прим\.|\*|источник|составил|исполнитель|подготовил|ответственный)/;
const SCHOOL_MARKER =
  /(мбоу|мкоу|маоу|моу|гбоу|гоу|гкоу|мбнoу|чоу|ноу|аноо|сош|оош|нош|сош|гимнази|лице[йя]|школа|интернат|кадетск|центр образования|образовательн|(^|\s)оо(\s|$)|№\s*\d)/;

export type RowKind = "school" | "total" | "note" | "section";

/** Tells a school from a total, a note or a section heading; `normalized` is the name through normalizeText. */
export function rowKind(normalized: string, hasValues: boolean, hasLogin: boolean): RowKind {
  const t = normalized;
  if (NOTE.test(t)) return "note";
  if (TOTAL.test(t) || TOTAL_ANYWHERE.test(t)) return "total";
  if (hasValues || hasLogin) return "school";
  return SCHOOL_MARKER.test(t) ? "school" : "section";
}

export function looksLikeLogin(value: Cell): boolean {
  return /^sch\d{3,}$/i.test(String(value ?? "").trim());
}
