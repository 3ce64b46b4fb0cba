/**
 * Header words of id and long-table columns, and the test for a row that
 * names a school rather than a section, a total or a note.
 */
import { Cell } from "../cells";
import { JournalShare, PupilField } from "./model";

export type IdRole = "name" | "login" | "territory" | "number";
export type LongRole = "procedure" | "subject" | "grade" | "year";

const ID_HEADERS: [IdRole, RegExp][] = [
  ["login", /^(логин|логин оо|код оо|login|идентификатор оо)$/],
  [
    "name",
    /^(группы участников|группа участников|(полное |краткое )?(название|наименование)( оо| оу| школы| образовательн\S*( организаци\S*| учреждени\S*)?| организаци\S*| учреждени\S*)?|оо|оу|школа|образовательная организация|общеобразовательная организация|учреждение|ou)$/,
  ],
  [
    "territory",
    /^(территория|муниципалитет|муниципальное образование|муниципальный район|мо|ато|ате|район|округ|городской округ|наименование мо)$/,
  ],
  ["number", /^(№|n|no|№ п\/п|n п\/п|п\/п|номер|№ оо)$/],
];

const LONG_HEADERS: [LongRole, RegExp][] = [
  [
    "procedure",
    /^(процедура|оценочная процедура|вид процедуры|вид оценочной процедуры|тип процедуры|вид|тип|форма|экзамен|работа|вид экзамена|форма экзамена|форма гиа)$/,
  ],
  ["subject", /^(предмет|учебный предмет)$/],
  ["grade", /^(класс|параллель|кл)$/],
  ["year", /^(год|учебный год|год проведения|период|уч год|дата экзамена|дата проведения( экзамена)?)$/],
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
/** Words that say a row names a school: its kind (МБОУ, МБНОУ…) or a stem (гимнази…), in Cyrillic letters only. */
export const SCHOOL_WORDS = [
  "мбоу",
  "мкоу",
  "маоу",
  "моу",
  "гбоу",
  "гоу",
  "гкоу",
  "мбноу",
  "чоу",
  "ноу",
  "аноо",
  "сош",
  "оош",
  "нош",
  "гимнази",
  "лицей",
  "лицея",
  "школа",
  "интернат",
  "кадетск",
  "центр образования",
  "образовательн",
];
const SCHOOL_MARKER = new RegExp(`(${SCHOOL_WORDS.join("|")}|(^|\\s)оо(\\s|$)|№\\s*\\d)`);

export type RowKind = "school" | "total" | "note" | "section";

/** Tells a school from a total, a note or a section heading; `normalized` is the name through normalizeText. */
export function rowKind(normalized: string, hasValues: boolean, hasLogin: boolean): RowKind {
  const t = normalized;
  if (NOTE.test(t)) return "note";
  if (TOTAL.test(t) || TOTAL_ANYWHERE.test(t)) return "total";
  if (hasValues || hasLogin) return "school";
  return SCHOOL_MARKER.test(t) ? "school" : "section";
}

/** A name that says it is a school (МБОУ, СОШ, гимназия, лицей, школа, № 5…); `normalized` through normalizeText. */
export function looksLikeSchool(normalized: string): boolean {
  return SCHOOL_MARKER.test(normalized);
}

/** The first cell of the sheet `shnor collect` writes its recognition report on: never read as a table. */
export const RECOGNITION_TITLE = "Отчёт о распознавании (ШНОР-монитор)";

/** The row after which a joined table («свод») lists its comparison rows. */
export const COMPARISON_SECTION = "Строки для сравнения (не школы)";
export function isComparisonSection(normalized: string): boolean {
  return /^строки для сравнения/.test(normalized);
}

/** «Сравнение отметок с отметками по журналу»: понизили / подтвердили / повысили, in % or counts. */
export function journalRoleOf(text: string): { share: JournalShare; unit: "percent" | "count" } | null {
  const unit = /%|процент|доля/.test(text) ? "percent" : "count";
  if (/^понизил/.test(text)) return { share: "lowered", unit };
  if (/^подтвердил/.test(text)) return { share: "confirmed", unit };
  if (/^повысил/.test(text)) return { share: "raised", unit };
  if (/^(кол-?во|количество|число) участников\s*\(?всего\)?$/.test(text)) return { share: "total", unit: "count" };
  return null;
}

/**
 * A title line naming the one school of a protocol: «ОО: МБОУ «СОШ № 1»»,
 * «Образовательная организация: …», «Код ОО: 420101». The text after the colon
 * comes back as written. Null for any other line.
 */
export function titleSchoolOf(line: string): { name: string | null; login: string | null } | null {
  const m = /^\s*([^:]{1,40}?)\s*:\s*(.+?)\s*$/.exec(line);
  if (!m) return null;
  const role = idRoleOf(normalizeLabel(m[1]));
  if (role === "login") return { name: null, login: m[2] };
  if (role === "name" && !/^группы? участников/.test(normalizeLabel(m[1]))) return { name: m[2], login: null };
  return null;
}

const normalizeLabel = (text: string): string => text.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();

/** A pupil's name in a protocol: read to know a row is a pupil, never kept or quoted. */
const PERSON_HEADER = /^(ф\.? ?и\.? ?о\.?( участника)?|фамилия|имя|отчество|фамилия,? имя,? отчество( участника)?|фамилия и имя|участник)$/;
/** ЕГЭ protocols: whether the pupil passed the minimum threshold. */
const PASSED_HEADER =
  /^(минимальный порог( пройден| преодолен)?|порог( пройден| преодолен)?|(преодолел|прошел)( минимальный)? порог|преодоление (минимального )?порога|результат|зачет|зачет\/незачет)$/;

/**
 * A protocol's verdict on the minimum threshold: «да», «зачёт», «преодолел»
 * pass; «нет», «незачёт», «не преодолел минимальный порог» fail; anything else
 * (blank, «-») is no verdict. `normalized` through normalizeText.
 */
export function passedOf(normalized: string): boolean | null {
  const t = normalized.replace(/[.!]+$/, "").trim();
  if (
    /^(нет|незачет|не зачтено|не сдал|не сдано|не пройден|не преодолен|не преодолел\S*( минимальн\S*)?( порог\S*)?|ниже (минимального )?порога)$/.test(
      t,
    )
  )
    return false;
  if (/^(да|зачет|зачтено|сдал|сдано|пройден|преодолен|преодолел\S*( минимальн\S*)?( порог\S*)?)$/.test(t)) return true;
  return null;
}

/** A task cell «X» (Latin or Cyrillic): the task was not attempted. */
export function isNotAttempted(cell: Cell): boolean {
  return typeof cell === "string" && /^\s*[xх]\s*$/i.test(cell);
}

/** A mark cell that says the pupil did not write: «неявка», «отсутствовал», «н/я». */
export function isAbsence(normalized: string): boolean {
  return /^(отсутствовал|не явил|неявка|н\/я|не писал|не участвовал)/.test(normalized);
}

/**
 * A task header: the number, a sub-item («9.1») or a criterion («11К1», «11.3 k1»), then the maximum
 * «(2б)». Normalized text: К is lower case, Latin or Cyrillic.
 */
const TASK_HEADER = /^(?:(?:задание|зад\.)\s*№?\s*)?(\d+(?:\.\d+)?(?:\s*[kк]\s*\d+)?)\s*(\(\s*(\d+)\s*б(?:алл(?:а|ов)?)?\.?\s*\))?$/;

/** «Индивидуальные результаты» (Ф1): the pupil-level columns; task headers «1 (2б)», «5.1 (1б)», «11.3 k1 (2б)», «11К1 (2б)», «Задание 3». */
export function pupilRoleOf(text: string): { field: PupilField; max?: number | null } | null {
  const t = stripDots(text);
  if (/^код( участника)?$/.test(t)) return { field: "code" };
  if (/^(класс|класс №.*)$/.test(t)) return { field: "grade" };
  if (/^вариант/.test(t)) return { field: "variant" };
  if (/^(первичный балл|итого баллов|сумма баллов|балл)$/.test(t)) return { field: "primary" };
  if (/^(итоговая )?(отметка|оценка)( за работу| за экзамен| по пятибалльной шкале| по 5-?ти? ?балльной шкале)?$/.test(t))
    return { field: "mark" };
  if (/^(отметка|оценка) (по журналу|за предыдущ)/.test(t)) return { field: "journal" };
  if (PERSON_HEADER.test(t)) return { field: "person" };
  if (PASSED_HEADER.test(t)) return { field: "passed" };
  const task = TASK_HEADER.exec(t);
  if (task) return { field: "task", max: task[3] ? Number(task[3]) : null };
  return null;
}

/** A task header as written, without its maximum or the word «Задание»: «11К1 (2б)» → «11К1». */
export function taskLabel(header: string): string {
  return header
    .replace(/\u00a0/g, " ")
    .replace(/\s*\(\s*\d+\s*б[^)]*\)\s*$/i, "")
    .replace(/^\s*(задание|зад\.)\s*№?\s*/i, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** A header, title or sheet name about objectivity markers («Количество маркеров», «Признаки необъективности»): not results. */
export function isMarkerText(normalized: string): boolean {
  return /маркер|необъективн/.test(normalized);
}
