/**
 * How a school year is written and read: one format for the documents, the
 * command's lines and the pane, and one reading of what a user types.
 */

/** «2025/2026»: the school year starting in September of startYear. */
export function schoolYearText(startYear: number): string {
  return `${startYear}/${startYear + 1}`;
}

/** «2018/2019 уч. г.» for the school year ending in endYear (results are named by the year they end in). */
export function endYearText(endYear: number): string {
  return `${schoolYearText(endYear - 1)} уч. г.`;
}

/** A school year the documents accept, by the calendar year it starts in. */
export function isSchoolYearStart(year: number): boolean {
  return Number.isInteger(year) && year >= 2000 && year <= 2100;
}

/** What a user may type for the previous school year (the results' year), for messages. */
export const END_YEAR_EXAMPLE = "например 2025 (год окончания) или 2024/2025";

/**
 * The school year the results belong to, named by the year it ends in: «2025» is the year
 * ending in 2025, and «2024/2025» (also «2024/25», «2024-2025») is the same year written whole.
 * Null when the text is neither.
 */
export function parseEndYear(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d{4}$/.test(trimmed)) {
    const end = Number(trimmed);
    return isSchoolYearStart(end - 1) ? end : null;
  }
  if (!/[/-]/.test(trimmed)) return null;
  const start = parseSchoolYear(trimmed);
  return start === null ? null : start + 1;
}

/** What a user may type for a school year, for messages. */
export const SCHOOL_YEAR_EXAMPLE = "например 2025/2026 или 2025 (год начала)";

/** «2025» or «2025/2026» (also «2025/26», «2025-2026») → 2025; null when the text is not a school year. */
export function parseSchoolYear(text: string): number | null {
  const m = /^(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?$/.exec(text.trim());
  if (!m) return null;
  const start = Number(m[1]);
  if (!isSchoolYearStart(start)) return null;
  if (m[2] !== undefined) {
    const end = m[2].length === 2 ? Math.floor(start / 100) * 100 + Number(m[2]) : Number(m[2]);
    if (end !== start + 1) return null;
  }
  return start;
}
