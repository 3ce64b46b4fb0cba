/**
 * How the settings a workbook keeps (stored-settings.ts) meet the ones the
 * user gives: the merge rules and the Russian line that says which value came
 * from where. One implementation for `shnor analyze` / `shnor report` (the
 * user gives options) and the web page (the user changes the form): stored
 * values apply only when one book is read, and each value the user set
 * overrides its stored value alone.
 */
import { pushAll } from "./arrays";
import { orderDate, orderNumber, type DocumentSettings, type DocumentSettingsInput } from "./documents/settings";
import { columnLetter, formatPercent, percentFromValue } from "./cells";
import { ID_TEXT } from "./report";
import { MEASURE_TEXT } from "./vocabulary";
import { resolveSettings, Settings, yearsWithData } from "./rule";
import { endYearText, schoolYearText } from "./school-year";
import { overridesForSheet, StoredSettings } from "./stored-settings";
import type { SchoolRecord } from "./table/model";
import type { ColumnOverride } from "./table/overrides";

/** The stored settings found for a reading: those of its one book, or none (none stored, ignored, or several books). */
export interface BookSettings {
  /** The file the settings came from, or null. */
  book: string | null;
  stored: StoredSettings | null;
  notices: string[];
  /** The user chose not to apply them (--ignore-book-settings, or the page's checkbox). */
  ignored?: boolean;
  /** Stored rule settings set aside once the table was read (a notice says why): the default applies, not the book's value. */
  setAside?: (keyof Settings)[];
}

export const NO_BOOK_SETTINGS: BookSettings = { book: null, stored: null, notices: [] };

/** The words that differ between the command and the page; the rest of the line is the same. */
export interface SettingsWording {
  /** Where the user's own values came from: «из командной строки». */
  fromUser: string;
  /** A book's settings all overridden: «нет (всё задано в командной строке)». */
  allFromUser: string;
  /** Nothing stored and nothing given: «в книге не сохранены, в командной строке не заданы». */
  nothing: string;
  /** The stored settings were set aside by the user. */
  ignored: string;
  /** What applies when several books hold settings: «Действуют параметры командной строки и значения по умолчанию.» */
  severalApply: string;
  /** The pane's «Только выделение» stored in the book, or null where it does not matter. */
  selection: string | null;
}

export const CLI_WORDING: SettingsWording = {
  fromUser: "из командной строки",
  allFromUser: "нет (всё задано в командной строке)",
  nothing: "в книге не сохранены, в командной строке не заданы",
  ignored: "сохранённые в книге не применяются (--ignore-book-settings)",
  severalApply: "Действуют параметры командной строки и значения по умолчанию.",
  selection: "В книге сохранён выбор «Только выделение»: командная строка не знает, что было выделено, поэтому прочитаны листы целиком.",
};

/** A book's part that could not be read: a notice, and the defaults apply. */
export const unreadPartNotice = (name: string, why: string): string =>
  `Настройки, сохранённые в книге «${name}», не прочитаны (${why}): действуют настройки по умолчанию.`;

/** Several books read, some holding settings: none applied, and the books named. */
export const severalBooksNotice = (holding: string[], wording: SettingsWording): string =>
  `Настройки, сохранённые в книгах (${holding.map((n) => `«${n}»`).join(", ")}), не применены: прочитано несколько файлов, и какие из них главные, неизвестно. ${wording.severalApply}`;

/** What a correction says, for a notice: «J → название ОО», «E → ВПР математика 5 кл. 2019: % «2»». */
function correctionText(o: ColumnOverride): string {
  const role = o.as === "measure" ? `${o.procedure}: ${MEASURE_TEXT[o.measure]}` : o.as === "ignore" ? "не учитывать" : ID_TEXT[o.as];
  return `${columnLetter(o.column)} → ${role}`;
}

/**
 * The book's settings without the stored corrections that met nothing (a column
 * empty under the table's header): each is named in a notice, and none is counted
 * as applied or stored again.
 */
export function withoutDropped(book: BookSettings, dropped: { sheet: string; override: ColumnOverride }[]): BookSettings {
  if (!book.stored || dropped.length === 0) return book;
  const gone = new Set(dropped.map((d) => d.override));
  const overrides = Object.fromEntries(
    Object.entries(book.stored.overrides).map(([sheet, list]) => [sheet, list.filter((o) => !gone.has(o))]),
  );
  const notices = dropped.map(
    (d) =>
      `Исправление столбца листа «${d.sheet}», сохранённое в книге (${correctionText(d.override)}), не применено: в этом столбце под заголовком таблицы нет данных.`,
  );
  return { ...book, stored: { ...book.stored, overrides }, notices: [...book.notices, ...notices] };
}

/**
 * The book's settings without a stored previous year for which the table read has no counted
 * results under the settings in force (a report's settings, then a new year's data pasted in):
 * the default, the latest year with data, applies, and a notice names the years that have them.
 * A year the user gave (`--year`, the page's form) is theirs: the rule refuses it with its own line.
 */
export function withoutYearLackingData(book: BookSettings, schools: SchoolRecord[], options: Partial<Settings>): BookSettings {
  const year = book.stored?.settings.year ?? null;
  if (!book.stored || year === null || options.year !== undefined) return book;
  let settings: Settings;
  try {
    settings = resolveSettings(mergedSettings(book, options));
  } catch {
    return book; // a bad option is the rule's to refuse, in its own words
  }
  const years = yearsWithData(schools, settings);
  if (years.includes(year)) return book;
  const why =
    years.length > 0
      ? `в таблице нет учитываемых результатов за этот год (они есть за ${years.join(", ")}); взят последний год с данными`
      : "в таблице нет учитываемых результатов ни за один год";
  const notice = `Год, сохранённый в книге (${year}, ${endYearText(year)}), не применён: ${why}.`;
  return {
    ...book,
    stored: { ...book.stored, settings: { ...book.stored.settings, year: null } },
    setAside: [...(book.setAside ?? []), "year"],
    notices: [...book.notices, notice],
  };
}

/** The stored ones under the user's, key by key. */
export function mergedSettings(book: BookSettings, options: Partial<Settings>): Partial<Settings> {
  return { ...(book.stored?.settings ?? {}), ...options };
}

export function mergedDocuments(book: BookSettings, options: DocumentSettingsInput): DocumentSettingsInput {
  const stored = book.stored?.documents ?? {};
  // Order details and names merge field by field: «--order-number» keeps the stored date.
  return {
    ...stored,
    ...options,
    ...(options.order ? { order: { ...stored.order, ...options.order } } : {}),
    ...(options.names ? { names: { ...stored.names, ...options.names } } : {}),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What the user set, given the values in force and the book's: the keys whose
 * value differs from the stored one (the page's form starts from the stored
 * values, so a value the user left is the book's, and one they changed is theirs).
 */
export function changedFrom<T extends object>(values: T, stored: Partial<T> | undefined): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(values) as (keyof T)[]) {
    const v = values[key];
    if (v === undefined) continue;
    const s = stored?.[key];
    const norm = (x: unknown) => (Array.isArray(x) ? [...x].map(String).sort() : x);
    if (s === undefined || !same(norm(v), norm(s))) out[key] = v;
  }
  return out;
}

const CRITERION2: Record<Settings["criterion2"], string> = {
  any: "критерий 2 — любая процедура в каждом году",
  same: "критерий 2 — та же процедура в обоих годах",
};

const SETTING_TEXT: { [K in keyof Settings]: (v: Settings[K]) => string } = {
  threshold: (v) => `порог ${formatPercent(percentFromValue(v))} %`,
  year: (v) => (v === null ? "предыдущий год — последний с данными" : `предыдущий год ${v}`),
  countedTypes: (v) => `процедуры ${v.join(", ")}`,
  countedSubjects: (v) => `предметы ${v.join(", ")}`,
  minParticipants: (v) => `участников не меньше ${v}`,
  criterion2: (v) => CRITERION2[v],
};

/** The date as the annex will print it; one the documents refuse is quoted as typed (their check says why). */
function shownDate(text: string): string {
  try {
    return orderDate(text);
  } catch {
    return text;
  }
}

const ANNEX_TEXT = { shnor: "только ШНОР", risk: "ШНОР и зона риска", all: "все ОО" } as const;

const DOCUMENT_TEXT: { [K in keyof DocumentSettingsInput]-?: (v: NonNullable<DocumentSettingsInput[K]>) => string } = {
  schoolYear: (v) => `учебный год ${schoolYearText(v)}`,
  targetYears: (v) => `целевые значения на ${v} г.`,
  annexSchools: (v) => `школы в «Приложении 1»: ${ANNEX_TEXT[v]}`,
  indicators: (v) => `показатели: ${v === "typical" ? "типовой набор" : v === "all" ? "все" : v.join(", ")}`,
  activities: (v) => `мероприятия: ${v === "all" ? "все" : v.join(", ")}`,
  targets: (v) => `целевые значения: ${Object.keys(v).length}`,
  schoolRoadmaps: (v) => `дорожные карты школ: ${v ? "да" : "нет"}`,
  font: (v) => `шрифт документов Word: ${v}`,
  order: (v) =>
    `приказ${v.number ? ` № ${orderNumber(v.number)}` : ""}${v.date ? ` от ${shownDate(v.date)}` : ""}${v.issuer ? ` ${v.issuer}` : ""}${!v.number && !v.date && !v.issuer ? " — не указан" : ""}`,
  names: (v) => `ответственные: ${Object.values(v).join(", ")}`,
};

/** What the JSON's `settingsSource` holds: which values came from the book and which from the user. */
export interface SettingsSource {
  /** The book whose stored settings were read, or null. */
  book: string | null;
  /** The user set the stored settings aside. */
  ignored: boolean;
  fromBook: string[];
  fromOptions: string[];
  /** Column corrections applied, by sheet. */
  corrections: Record<string, number>;
  notices: string[];
}

interface Described {
  key: string;
  text: string;
}

function describe<T extends object>(values: T, texts: { [K in keyof T]?: (v: NonNullable<T[K]>) => string }): Described[] {
  return (Object.keys(texts) as (keyof T)[])
    .filter((k) => values[k] !== undefined)
    .map((k) => ({ key: String(k), text: texts[k]!(values[k] as NonNullable<T[keyof T]>) }));
}

/** The stored corrections that met a sheet read, by that sheet's name. */
export function appliedCorrections(book: BookSettings, sheets: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const sheet of sheets) {
    const n = overridesForSheet(book.stored?.overrides, sheet).length;
    if (n > 0) out[sheet] = n;
  }
  return out;
}

/**
 * The source of each value used, and the line that says it:
 * «Настройки из книги «x.xlsx»: порог 25 %, …; из командной строки: порог 20 %.»
 */
export function settingsSource(
  book: BookSettings,
  /** The rule's settings the user gave (options, or the form's values that differ from the book's). */
  options: Partial<Settings>,
  /** The names of the sheets read (every sheet of the book, taken or not). */
  sheets: string[],
  /** The document settings the user gave (report only). */
  documents?: DocumentSettingsInput,
  wording: SettingsWording = CLI_WORDING,
): { source: SettingsSource; lines: string[] } {
  const given = new Set(Object.keys(options).filter((k) => options[k as keyof Settings] !== undefined));
  const stored = book.stored;
  const setAside = new Set<string>(book.setAside ?? []);
  const fromBook: Described[] = stored
    ? describe(stored.settings, SETTING_TEXT).filter((d) => !given.has(d.key) && !setAside.has(d.key))
    : [];
  const fromOptions = describe(options, SETTING_TEXT);
  if (documents) {
    const chosen = describe(documents, DOCUMENT_TEXT);
    const mine = new Set(chosen.map((d) => d.key));
    if (stored?.documents)
      pushAll(
        fromBook,
        describe(stored.documents, DOCUMENT_TEXT).filter((d) => !mine.has(d.key)),
      );
    pushAll(fromOptions, chosen);
  }
  const corrections = appliedCorrections(book, sheets);
  const correctionText = Object.entries(corrections).map(([sheet, n]) => `исправления столбцов листа «${sheet}»: ${n}`);
  const notices = [...book.notices];
  if (stored?.source === "selection" && wording.selection) notices.push(wording.selection);
  const parts: string[] = [];
  const bookTexts = [...fromBook.map((d) => d.text), ...correctionText];
  if (stored) parts.push(`из книги «${book.book}»: ${bookTexts.join(", ") || wording.allFromUser}`);
  if (fromOptions.length > 0) parts.push(`${wording.fromUser}: ${fromOptions.map((d) => d.text).join(", ")}`);
  const ignored = book.ignored ? wording.ignored : null;
  const line =
    parts.length > 0
      ? `Настройки ${[...parts, ...(ignored ? [ignored] : [])].join("; ")}.`
      : `Настройки по умолчанию: ${ignored ?? wording.nothing}.`;
  return {
    source: {
      book: stored ? book.book : null,
      ignored: book.ignored === true,
      fromBook: fromBook.map((d) => d.key),
      fromOptions: fromOptions.map((d) => d.key),
      corrections,
      notices,
    },
    lines: [line, ...notices],
  };
}

/**
 * What a report stores in its book, so the pane opening it (or `shnor analyze`
 * on it) gives its answer: the rule's and the documents' settings resolved,
 * the corrections it read with, and the document sheets it wrote.
 */
export function usedSettings(input: {
  settings: Settings;
  documents: DocumentSettings;
  /** The corrections the results were read with, by sheet (the results sheets are copied under their own names). */
  overrides: Record<string, ColumnOverride[]>;
  statusFormulas?: boolean;
  generatedSheets: string[];
}): StoredSettings {
  return {
    generatedSheets: input.generatedSheets,
    settings: input.settings,
    overrides: input.overrides,
    source: "sheet",
    statusFormulas: input.statusFormulas === true,
    documents: input.documents,
  };
}

/**
 * What a «Свод» stores in its book, so `shnor analyze` of it (and the pane) gives
 * the answer its sources gave: the rule's and the documents' settings it was read
 * with. The corrections were spent on reading the sources (the «Свод» has columns
 * of its own), and it holds no document sheets.
 */
export function collectedSettings(input: {
  settings: Settings;
  documents?: DocumentSettingsInput;
  statusFormulas?: boolean;
}): StoredSettings {
  return {
    settings: input.settings,
    overrides: {},
    source: "sheet",
    statusFormulas: input.statusFormulas === true,
    ...(input.documents ? { documents: input.documents } : {}),
  };
}
