/** Russian words the documents share: months of a school year, short procedure labels. */
import { Procedure } from "../procedures";
import type { Settings } from "../rule";
import { KNOWN_SUBJECTS, PROCEDURE_TYPES, subjectShort } from "../vocabulary";

export const MONTHS = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];

/**
 * The calendar year of a month in the school year starting in September of startYear; with
 * `beforeYear`, August is the one before that September (where the list is approved), not the last.
 */
export function calendarYear(month: number, startYear: number, beforeYear = false): number {
  return month >= 9 || (beforeYear && month === 8) ? startYear : startYear + 1;
}

/** School-year order: September 0 … August 11. */
function position(month: number): number {
  return (month + 3) % 12;
}

/**
 * «октябрь 2025 г.», «октябрь–ноябрь 2025 г.», «декабрь 2025 г., май 2026 г.»;
 * runs of consecutive months join with a dash, the year is written once per run end.
 */
export function monthsText(months: number[], startYear: number, beforeYear = false): string {
  const sorted = [...new Set(months)].sort((a, b) => position(a) - position(b));
  const runs: number[][] = [];
  for (const m of sorted) {
    const run = runs[runs.length - 1];
    if (run && position(m) === position(run[run.length - 1]) + 1) run.push(m);
    else runs.push([m]);
  }
  return runs
    .map((run) => {
      const first = run[0];
      const last = run[run.length - 1];
      const y1 = calendarYear(first, startYear, beforeYear);
      const y2 = calendarYear(last, startYear, beforeYear);
      if (run.length === 1) return `${MONTHS[first - 1]} ${y1} г.`;
      if (y1 === y2) return `${MONTHS[first - 1]}–${MONTHS[last - 1]} ${y2} г.`;
      return `${MONTHS[first - 1]} ${y1} г. – ${MONTHS[last - 1]} ${y2} г.`;
    })
    .join(", ");
}

/** «ВПР МА 5 2019», «ЕГЭ МА проф. 2021»: the annex headers of the municipal orders. */
export function shortProcedureLabel(p: Procedure): string {
  const parts: string[] = [p.type, subjectShort(p.subject)];
  if (p.level) parts.push(p.level === "профильный" ? "проф." : "баз.");
  if (p.grade !== null) parts.push(String(p.grade));
  parts.push(String(p.year));
  return parts.join(" ");
}

/**
 * What the documents were made from, in the vocabulary's order: «ВПР» and «математика, русский язык»
 * for a table of ВПР only, never the types and subjects the rule would count but the table lacks;
 * the rule's own when nothing was counted.
 */
export function procedureKinds(procedures: Procedure[], rule: Settings): { types: string[]; subjects: string[] } {
  if (procedures.length === 0) return { types: rule.countedTypes, subjects: rule.countedSubjects };
  const types = new Set(procedures.map((p) => p.type as string));
  const subjects = new Set(procedures.map((p) => p.subject));
  return {
    types: PROCEDURE_TYPES.filter((t) => types.has(t)),
    subjects: [...KNOWN_SUBJECTS.filter((x) => subjects.has(x)), ...[...subjects].filter((x) => !KNOWN_SUBJECTS.includes(x))],
  };
}
