/**
 * Who a row is: a school by its ФИС ОКО login (sch123456 until 2021, edu123456
 * since 2022: the same digits are one school), else by its name; a territory
 * by its code (reg42, reg42_m017). Written once, used by the table builder
 * and by the join of many tables.
 */
import { compactText, normalizeText } from "../cells";
import { ComparisonKind } from "./model";

const SCHOOL_LOGIN = /^(sch|edu)(\d{3,})$/i;
const TERRITORY_CODE = /^reg\d+(_m\d+)?$/i;
/** A login or code in brackets at the end of a name: «МБОУ «СОШ №1»(edu203389)», «…район(reg20_m012)». */
const BRACKETED = /^(.*?)\s*\(\s*((?:sch|edu)\d{3,}|reg\d+(?:_m\d+)?)\s*\)\s*$/i;

export function isSchoolLogin(text: string | null | undefined): boolean {
  return SCHOOL_LOGIN.test(String(text ?? "").trim());
}

export function isTerritoryCode(text: string | null | undefined): boolean {
  return TERRITORY_CODE.test(String(text ?? "").trim());
}

/**
 * Splits a trailing bracketed login or territory code off a name. The name
 * comes back without it and otherwise exactly as written.
 */
export function splitCode(text: string): { name: string; code: string | null } {
  const m = BRACKETED.exec(text);
  if (!m || m[1].trim() === "") return { name: text, code: null };
  return { name: m[1], code: m[2] };
}

/** A ФИС ОКО login as a key, whatever its length: sch12 and EDU12 are one school. */
const LOGIN_DIGITS = /^(?:sch|edu)(\d+)$/i;

/**
 * sch203389 and edu203389 are one school: the key is the digits (the canonical form, for a short
 * login like sch12 too); any other login is compared as written, in lower case.
 */
export function loginKey(login: string): string {
  const t = login.trim();
  const m = LOGIN_DIGITS.exec(t);
  return m ? m[1] : t.toLowerCase();
}

/** A name compared without case, quotes, spaces or the space after «№»: «МБОУ "СОШ № 1"» = «мбоу «сош №1»». */
export function nameKey(name: string): string {
  return compactText(name);
}

/**
 * The identity a school is joined by, everywhere (the reader, the join, the dynamics and the tasks):
 * its login when it has one, else its name.
 */
export function schoolIdentity(name: string, login: string | null): string {
  return login ? `login:${loginKey(login)}` : `name:${nameKey(name)}`;
}

const COUNTRY = /^(вся выборка|россия|российская федерация|рф|по рф|по россии)(\s|$|[:.,])/;
const REGION = /(республик|област|(^|\s)обл(\.|\s|$)|(^|\s)край|автономн|(^|\s)по региону|^регион|москва|санкт-петербург|севастополь)/;
const MUNICIPALITY = /(муниципал|район|округ|(^|\s)город|(^|\s)г\.|(^|\s)мо(\s|$)|(^|\s)по мо|(^|\s)по городу)/;
const TOTAL = /(итого|всего|в среднем|среднее)/;

/** What a comparison row stands for, from its code and name. */
export function comparisonKindOf(name: string, code: string | null): ComparisonKind {
  const t = normalizeText(name);
  if (code && /_m\d+$/i.test(code)) return "municipality";
  if (code && isTerritoryCode(code)) return "region";
  if (COUNTRY.test(t)) return "country";
  if (TOTAL.test(t)) return "total";
  if (MUNICIPALITY.test(t)) return "municipality";
  if (REGION.test(t)) return "region";
  return "group";
}

export const COMPARISON_TEXT: Record<ComparisonKind, string> = {
  country: "вся выборка",
  region: "регион",
  municipality: "муниципалитет",
  total: "итог",
  group: "группа участников",
};
