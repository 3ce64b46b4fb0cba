import { normalizeText, Cell } from "./cells";
import {
  ExamLevel,
  findGrade,
  findLevel,
  findSubject,
  findType,
  findYear,
  GIA_TYPES,
  PROCEDURE_TYPES,
  ProcedureType,
  tokenize,
} from "./vocabulary";

/** How a user writes a procedure, for messages and hints: the short header form the reader takes. */
export const PROCEDURE_EXAMPLE = "ВПР МА 5 2019";
/** The same for a ГИА exam, which has no grade. */
export const GIA_PROCEDURE_EXAMPLE = "ОГЭ математика 2023";

/** One assessment: type, subject, grade (ВПР and other class tests), level (ЕГЭ математика), year. */
export interface Procedure {
  type: ProcedureType;
  subject: string;
  grade: number | null;
  level: ExamLevel | null;
  year: number;
}

export function procedureKey(p: Procedure): string {
  return `${p.type}|${p.subject}|${p.level ?? ""}|${p.grade ?? ""}|${p.year}`;
}

/** The same procedure in another year: what criterion 2 «same procedure» compares. */
export function procedureSeriesKey(p: Procedure): string {
  return `${p.type}|${p.subject}|${p.level ?? ""}|${p.grade ?? ""}`;
}

/** «ВПР математика 5 кл. 2018», «ЕГЭ математика (профильный уровень) 2021». */
export function procedureLabel(p: Procedure): string {
  let label = labels.get(p);
  if (label === undefined) labels.set(p, (label = `${seriesLabel(p)} ${p.year}`));
  return label;
}
/** A table shares one procedure object among its schools, and a region's report names it a million times. */
const labels = new WeakMap<Procedure, string>();

/** «ВПР математика 5 кл.»: the procedure of every year, as a series of results is named. */
export function seriesLabel(p: Omit<Procedure, "year">): string {
  const parts: string[] = [p.type, p.subject];
  if (p.level) parts.push(`(${p.level} уровень)`);
  if (p.grade !== null) parts.push(`${p.grade} кл.`);
  return parts.join(" ");
}

/** Parts of a procedure a header may give; rows above and the sheet title can fill the rest. */
export interface ProcedureParts {
  type: ProcedureType | null;
  subject: string | null;
  grade: number | null;
  level: ExamLevel | null;
  year: number | null;
}

export function parseProcedureParts(text: Cell): ProcedureParts {
  const normalized = normalizeText(text);
  const tokens = tokenize(normalized);
  // Years and grades both look like numbers; read the grade from tokens with the years taken out.
  const withoutYears = tokens.filter((t) => !isYearToken(t));
  const type = findType(tokens);
  return {
    type,
    subject: findSubject(tokens),
    grade: findGrade(withoutYears),
    level: findLevel(tokens),
    year: findYear(normalized),
  };
}

function isYearToken(token: string): boolean {
  return /^20\d\d$/.test(token) || (/^\d\d$/.test(token) && token !== "10" && token !== "11");
}

export function mergeParts(base: ProcedureParts, extra: ProcedureParts): ProcedureParts {
  return {
    type: base.type ?? extra.type,
    subject: base.subject ?? extra.subject,
    grade: base.grade ?? extra.grade,
    level: base.level ?? extra.level,
    year: base.year ?? extra.year,
  };
}

export function hasAnyPart(p: ProcedureParts): boolean {
  return p.type !== null || p.subject !== null || p.year !== null;
}

/**
 * A ВПР without its grade: ВПР математика 5 кл. and 6 кл. are two procedures, so a
 * result that names neither must never be merged with them (ФИС ОКО cuts sheet
 * names at 31 characters, and «… Математика 11 класс» loses its grade).
 */
export function lacksGrade(p: Procedure): boolean {
  return p.type === "ВПР" && p.grade === null;
}

/** A whole procedure, or null when type, subject or year is still unknown. */
export function completeProcedure(p: ProcedureParts): Procedure | null {
  if (!p.type || !p.subject || p.year === null) return null;
  const isGia = GIA_TYPES.has(p.type);
  return {
    type: p.type,
    subject: p.subject,
    grade: isGia ? null : p.grade,
    level: p.type === "ЕГЭ" && p.subject === "математика" ? p.level : null,
    year: p.year,
  };
}

const RU = new Intl.Collator("ru");

/** By year, then type (ВПР, ОГЭ, ЕГЭ…), subject, grade and level. */
export function compareProcedures(a: Procedure, b: Procedure): number {
  return (
    a.year - b.year ||
    PROCEDURE_TYPES.indexOf(a.type) - PROCEDURE_TYPES.indexOf(b.type) ||
    (a.subject === b.subject ? 0 : RU.compare(a.subject, b.subject)) ||
    (a.grade ?? 0) - (b.grade ?? 0) ||
    (a.level === b.level ? 0 : RU.compare(a.level ?? "", b.level ?? ""))
  );
}
