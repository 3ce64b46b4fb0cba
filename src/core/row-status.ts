/**
 * The ШНОР rule on one row of a wide table read with its header rows alone:
 * =SHNOR.STATUS(D5:AI5; D$3:AI$4). It sits above the reader and the rule,
 * which know nothing of each other's answers.
 */
import { Cell } from "./cells";
import { ShnorError } from "./errors";
import { classifySchool, isCounted, resolveSettings, SchoolVerdict, Settings } from "./rule";
import { readWideRow } from "./table/row";

export interface RowAnalysis {
  verdict: SchoolVerdict;
  settings: Settings;
  /** [year before, previous year], from the headers. */
  years: [number | null, number | null];
  fractions: boolean;
}

/**
 * The ШНОР rule on one row. With one row there is no table to choose years
 * from, so the previous year is settings.year or else the latest year of a
 * counted procedure in the headers, and the year before is the latest earlier
 * counted year in the headers.
 */
export function analyzeWideRow(headers: Cell[][], row: Cell[], partial: Partial<Settings> = {}): RowAnalysis {
  const settings = resolveSettings(partial);
  const read = readWideRow(headers, row);
  const years = [...new Set(read.procedures.filter((p) => isCounted(p, settings)).map((p) => p.year))].sort((a, b) => b - a);
  if (years.length === 0) {
    throw new ShnorError(
      "no-procedure",
      `В заголовках нет процедур, которые учитывает правило (${settings.countedTypes.join(", ")} по предметам: ${settings.countedSubjects.join(", ")}).`,
    );
  }
  if (settings.year !== null && !years.includes(settings.year)) {
    throw new ShnorError("no-procedure", `В заголовках нет учитываемых процедур ${settings.year} года; есть годы: ${years.join(", ")}.`);
  }
  if (read.school.results.length === 0)
    throw new ShnorError("no-procedure", "В строке нет результатов: ячейки пусты или отмечены как «нет данных».");
  const previous = settings.year ?? years[0];
  const before = years.find((y) => y < previous) ?? null;
  const pair: [number | null, number | null] = [before, previous];
  return { verdict: classifySchool(read.school, pair, settings), settings, years: pair, fractions: read.fractions };
}
