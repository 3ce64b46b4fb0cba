/**
 * The words officials write in headers: procedure types, subjects, grades,
 * years and the measures under them. Matching works on tokens of normalized
 * text, because JavaScript's \b does not see Cyrillic letters.
 */
import { Cell, normalizeText } from "./cells";

export const PROCEDURE_TYPES = ["ВПР", "ОГЭ", "ЕГЭ", "ГВЭ", "РКР", "МКР", "НИКО"] as const;
export type ProcedureType = (typeof PROCEDURE_TYPES)[number];

/** ГИА, the state final exams: no grade in the rule (ОГЭ is after grade 9, ЕГЭ after 11), participants counted by the exam. */
export const GIA_TYPES: ReadonlySet<ProcedureType> = new Set<ProcedureType>(["ОГЭ", "ЕГЭ", "ГВЭ"]);

/** The federal rule counts these by default. */
export const DEFAULT_COUNTED_TYPES: ProcedureType[] = ["ВПР", "ОГЭ", "ЕГЭ"];
export const DEFAULT_COUNTED_SUBJECTS: string[] = ["математика", "русский язык"];

export type ExamLevel = "базовый" | "профильный";

interface SubjectEntry {
  name: string;
  /** The two-letter code of the annex headers: «МА», «РУ». */
  short: string;
  /** Whole token sequences, e.g. ["рус", "яз"]. */
  aliases: string[][];
  /** A token starting with one of these names the subject. */
  prefixes: string[];
}

const SUBJECTS: SubjectEntry[] = [
  { name: "математика", short: "МА", aliases: [["ма"], ["мат"], ["матем"], ["мт"]], prefixes: ["математ"] },
  { name: "русский язык", short: "РУ", aliases: [["ру"], ["ря"], ["рус"], ["рус", "яз"], ["русск"]], prefixes: ["русск"] },
  { name: "окружающий мир", short: "ОМ", aliases: [["ом"], ["окр", "мир"], ["окр"]], prefixes: ["окружающ"] },
  { name: "история", short: "ИС", aliases: [["ис"], ["ист"]], prefixes: ["истори"] },
  { name: "обществознание", short: "ОБ", aliases: [["об"], ["общ"], ["обществ"]], prefixes: ["обществозн"] },
  { name: "биология", short: "БИ", aliases: [["би"], ["био"], ["биол"]], prefixes: ["биолог"] },
  { name: "география", short: "ГГ", aliases: [["гг"], ["гео"], ["геогр"], ["гр"]], prefixes: ["географ"] },
  { name: "физика", short: "ФИ", aliases: [["фи"], ["физ"]], prefixes: ["физик"] },
  { name: "химия", short: "ХИ", aliases: [["хи"], ["хим"]], prefixes: ["хими"] },
  { name: "информатика", short: "ИН", aliases: [["ин"], ["инф"], ["информ"]], prefixes: ["информат"] },
  { name: "литература", short: "ЛИ", aliases: [["ли"], ["лит"], ["литер"]], prefixes: ["литератур"] },
  { name: "английский язык", short: "АЯ", aliases: [["ая"], ["англ"], ["англ", "яз"]], prefixes: ["английск"] },
  { name: "немецкий язык", short: "НЯ", aliases: [["ня"], ["нем"], ["нем", "яз"]], prefixes: ["немецк"] },
  { name: "французский язык", short: "ФЯ", aliases: [["фя"], ["франц"], ["фр", "яз"]], prefixes: ["французск"] },
  { name: "иностранный язык", short: "ИЯ", aliases: [["ин", "яз"], ["иняз"]], prefixes: ["иностранн"] },
];

export const KNOWN_SUBJECTS: string[] = SUBJECTS.map((s) => s.name);

const SHORT = new Map(SUBJECTS.map((s) => [s.name, s.short]));

/** «МА» for математика; a subject without a code stays as written. */
export function subjectShort(subject: string): string {
  return SHORT.get(subject) ?? subject;
}

/** Splits "5кл." into "5 кл" and keeps %: the tokens every matcher uses. */
export function tokenize(text: string): string[] {
  return text
    .replace(/(\d)([а-яa-z])/g, "$1 $2")
    .replace(/([а-яa-z])(\d)/g, "$1 $2")
    .split(/[^а-яa-z0-9%]+/)
    .filter((t) => t.length > 0);
}

function hasSequence(tokens: string[], seq: string[]): number {
  outer: for (let i = 0; i + seq.length <= tokens.length; i++) {
    for (let j = 0; j < seq.length; j++) if (tokens[i + j] !== seq[j]) continue outer;
    return i;
  }
  return -1;
}

/** The types by their capitals: tokens come in lower case, and a type may be written in mixed case («ВсОШ»). */
const TYPE_BY_CAPITALS = new Map<string, ProcedureType>(PROCEDURE_TYPES.map((t) => [t.toUpperCase(), t]));

export function findType(tokens: string[]): ProcedureType | null {
  for (const t of tokens) {
    const type = procedureTypeOf(t);
    if (type) return type;
  }
  return null;
}

/** A type as a user types it, in any case («всош», «огэ»), as PROCEDURE_TYPES writes it; null for none. */
export function procedureTypeOf(text: string): ProcedureType | null {
  return TYPE_BY_CAPITALS.get(text.trim().toUpperCase()) ?? null;
}

export function findSubject(tokens: string[]): string | null {
  // Longer aliases first, so «рус яз» beats «ру» and «ин яз» beats «ин».
  let best: { name: string; length: number } | null = null;
  for (const entry of SUBJECTS) {
    for (const alias of entry.aliases) {
      if (hasSequence(tokens, alias) >= 0 && (!best || alias.length > best.length)) best = { name: entry.name, length: alias.length };
    }
    if (tokens.some((t) => entry.prefixes.some((p) => t.startsWith(p)))) {
      if (!best || best.length < 2) best = { name: entry.name, length: 2 };
    }
  }
  return best?.name ?? null;
}

/** The full subject name for what a user typed ("мат.", "Русский язык"), or null. */
export function subjectFromText(text: Cell): string | null {
  return findSubject(tokenize(normalizeText(text)));
}

export function findLevel(tokens: string[]): ExamLevel | null {
  if (tokens.some((t) => t.startsWith("баз"))) return "базовый";
  if (tokens.some((t) => t.startsWith("проф"))) return "профильный";
  return null;
}

/**
 * The year a school year ends in: "2022-2023", "2022/23" → 2023; "2021 весна" → 2021.
 * Returns the last year mentioned, since a school year is named by its end.
 */
export function findYear(text: string): number | null {
  const range = /(20\d\d)\s*[-/–—]\s*(20\d\d|\d\d)(?!\d)/.exec(text);
  if (range) {
    const start = Number(range[1]);
    const endDigits = range[2];
    const end = endDigits.length === 2 ? Math.floor(start / 100) * 100 + Number(endDigits) : Number(endDigits);
    if (end === start + 1) return end;
  }
  const years = text.match(/(?<!\d)20\d\d(?!\d)/g);
  if (!years) return null;
  return Number(years[years.length - 1]);
}

/** A grade 1–11 written as «5 кл.», «5 класс», «класс 5» or a bare number beside a subject («ВПР МА 5 2019»). */
export function findGrade(tokens: string[]): number | null {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!/^\d{1,2}$/.test(t)) continue;
    const n = Number(t);
    if (n < 1 || n > 11) continue;
    if (tokens[i - 1]?.endsWith("%")) continue;
    return n;
  }
  return null;
}

/** What a column under a procedure holds. */
export type Measure =
  | "failPercent" // % «2» or % not passing the minimum
  | "highPercent" // % «4» и «5», % высоких результатов, качество
  | "passPercent" // успеваемость = 100 − % «2»
  | "participants"
  | "failCount"
  | "mark2"
  | "mark3"
  | "mark4"
  | "mark5";

export interface MeasureMatch {
  measure: Measure;
  /** The text that named the measure, removed before the procedure is read. */
  rest: string;
}

const PERCENT_WORDS = /%|доля|процент/;
const COUNT_WORDS = /(^|[^а-я])(кол-?во|количество|число|чел)/;

/** Reads the measure a header names: «% 2», «%«2»», «доля «2», %», «% не преодолевших минимальный порог», «% выс. рез.». */
export function findMeasure(text: string): MeasureMatch | null {
  const t = text;
  if (/^[2-5]$/.test(t)) return { measure: `mark${t}` as Measure, rest: "" };
  // «Код участника» names a pupil, not a count of participants.
  if (/^код( |$)/.test(t)) return null;
  if (/^(отметка|оценка) [2-5]$/.test(t)) return { measure: `mark${t.slice(-1)}` as Measure, rest: "" };
  const isPercent = PERCENT_WORDS.test(t);
  const isCount = COUNT_WORDS.test(t);
  const rules: { re: RegExp; percent: Measure | null; count: Measure | null }[] = [
    { re: /(%|доля|процент)?\s*(отметк\S*|оценк\S*)?\s*4\s*(и|,|\+)\s*5/, percent: "highPercent", count: null },
    { re: /выс\S*\s*(рез\S*)?|высок\S*|качеств\S*( знаний)?/, percent: "highPercent", count: null },
    { re: /успеваем\S*/, percent: "passPercent", count: null },
    {
      re: /(не\s*)?преодоле\S*( мин\S*)?( порог\S*)?|ниже (мин\S* )?порог\S*|не сдал\S*|неудовл\S*|двоек|двойк\S*|неуспеваю\S*/,
      percent: "failPercent",
      count: "failCount",
    },
    { re: /(%|доля|процент)\s*(отметк\S*|оценк\S*|получивших|получили)?\s*2(?!\d)/, percent: "failPercent", count: null },
    {
      re: /(получил\S*|отметк\S*|оценк\S*|кол-?во|количество|число)\s*(отметк\S*|оценк\S*)?\s*2(?!\d)/,
      percent: "failPercent",
      count: "failCount",
    },
    {
      re: /участник\S*|писавш\S*|писали|выполнявш\S*|выполняли|кол-?во уч\S*|количество уч\S*|число уч\S*/,
      percent: null,
      count: "participants",
    },
  ];
  for (const rule of rules) {
    const m = rule.re.exec(t);
    if (!m) continue;
    const wantsCount = isCount && !isPercent;
    const measure = (wantsCount && rule.count) || rule.percent || rule.count;
    if (measure) return { measure, rest: strip(t, m) };
  }
  return null;
}

function strip(text: string, m: RegExpExecArray): string {
  return (text.slice(0, m.index) + " " + text.slice(m.index + m[0].length))
    .replace(/%|доля|процент/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The measures as users call them, in every report and in the pane. */
export const MEASURE_TEXT: Record<Measure, string> = {
  failPercent: "% «2» / не преодолели порог",
  highPercent: "% высоких результатов («4» и «5»)",
  passPercent: "успеваемость, %",
  participants: "число участников",
  failCount: "число «2» / не преодолевших порог",
  mark2: "% «2»",
  mark3: "% «3»",
  mark4: "% «4»",
  mark5: "% «5»",
};
