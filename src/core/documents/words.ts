/** Russian words the documents share: months of a school year, short procedure labels. */
import { Procedure } from "../procedures";
import { subjectShort } from "../vocabulary";

export const MONTHS = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];

/** The calendar year of a month in the school year starting in September of startYear. */
export function calendarYear(month: number, startYear: number): number {
  return month >= 9 ? startYear : startYear + 1;
}

/** School-year order: September 0 … August 11. */
function position(month: number): number {
  return (month + 3) % 12;
}

/**
 * «октябрь 2025 г.», «октябрь–ноябрь 2025 г.», «декабрь 2025 г., май 2026 г.»;
 * runs of consecutive months join with a dash, the year is written once per run end.
 */
export function monthsText(months: number[], startYear: number): string {
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
      const y1 = calendarYear(first, startYear);
      const y2 = calendarYear(last, startYear);
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
