/**
 * The settings the pane saved in the workbook, for `shnor analyze` and
 * `shnor report`: read from the one book named, overridden option by option
 * by the command line, and said back to the user (which came from where).
 */
import { formatPercent, overridesForSheet, readSettingsXml, schoolYearText, Settings, ShnorError, StoredSettings } from "../core";
import { DocumentSettingsInput } from "../core/documents";
import type { InputsReading } from "../io/inputs";
import { fileSource } from "../io/node";
import { readStoredSettings } from "../io/open";
import { expandInputs } from "./inputs";

export interface BookSettings {
  /** The file the settings came from, or null (none, ignored, or several books). */
  book: string | null;
  stored: StoredSettings | null;
  notices: string[];
  /** --ignore-book-settings was given. */
  ignored?: boolean;
}

const NONE: BookSettings = { book: null, stored: null, notices: [] };

/** The part's XML, or null; a part that cannot be read is a notice, never a stop. */
async function partOf(path: string, name: string): Promise<{ xml: string | null; notice?: string }> {
  const source = await fileSource(path, name);
  try {
    return { xml: await readStoredSettings(source) };
  } catch (e) {
    const why = e instanceof ShnorError ? e.message : "часть не читается";
    return { xml: null, notice: `Настройки, сохранённые в книге «${name}», не прочитаны (${why}): действуют настройки по умолчанию.` };
  } finally {
    await source.close?.();
  }
}

/**
 * Stored settings apply only when one book is read: with several, whose would
 * win is a guess, so none do, and the books that hold some are named.
 */
export async function bookSettings(args: string[], ignore: boolean): Promise<BookSettings> {
  if (ignore) return { ...NONE, ignored: true };
  const files = await expandInputs(args);
  if (files.length === 1) {
    const { xml, notice } = await partOf(files[0].path, files[0].name);
    const { stored, notices } = readSettingsXml(xml);
    return { book: stored ? files[0].name : null, stored, notices: notice ? [notice] : notices };
  }
  const holding: string[] = [];
  for (const f of files) {
    // A file that cannot be opened is reported by the reading itself, with its own message.
    const { xml } = await partOf(f.path, f.name).catch(() => ({ xml: null }));
    if (xml !== null) holding.push(f.name);
  }
  if (holding.length === 0) return NONE;
  return {
    ...NONE,
    notices: [
      `Настройки, сохранённые в книгах (${holding.map((n) => `«${n}»`).join(", ")}), не применены: прочитано несколько файлов, и какие из них главные, неизвестно. Действуют параметры командной строки и значения по умолчанию.`,
    ],
  };
}

/** The stored ones under the command line's, key by key. */
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

const CRITERION2: Record<Settings["criterion2"], string> = {
  any: "критерий 2 — любая процедура в каждом году",
  same: "критерий 2 — та же процедура в обоих годах",
};

const SETTING_TEXT: { [K in keyof Settings]: (v: Settings[K]) => string } = {
  threshold: (v) => `порог ${formatPercent(v)} %`,
  year: (v) => (v === null ? "предыдущий год — последний с данными" : `предыдущий год ${v}`),
  countedTypes: (v) => `процедуры ${v.join(", ")}`,
  countedSubjects: (v) => `предметы ${v.join(", ")}`,
  minParticipants: (v) => `участников не меньше ${v}`,
  criterion2: (v) => CRITERION2[v],
};

const ANNEX_TEXT = { shnor: "только ШНОР", risk: "ШНОР и зона риска", all: "все ОО" } as const;

const DOCUMENT_TEXT: { [K in keyof DocumentSettingsInput]-?: (v: NonNullable<DocumentSettingsInput[K]>) => string } = {
  schoolYear: (v) => `учебный год ${schoolYearText(v)}`,
  targetYears: (v) => `целевые значения на ${v} г.`,
  annexSchools: (v) => `школы в «Приложении 1»: ${ANNEX_TEXT[v]}`,
  indicators: (v) => `показатели: ${v === "typical" ? "типовой набор" : v === "all" ? "все" : v.join(", ")}`,
  activities: (v) => `мероприятия: ${v === "all" ? "все" : v.join(", ")}`,
  targets: (v) => `целевые значения: ${Object.keys(v).length}`,
  schoolRoadmaps: (v) => `дорожные карты школ: ${v ? "да" : "нет"}`,
  order: (v) =>
    `приказ${v.number ? ` № ${v.number}` : ""}${v.date ? ` от ${v.date}` : ""}${v.issuer ? ` ${v.issuer}` : ""}${!v.number && !v.date && !v.issuer ? " — не указан" : ""}`,
  names: (v) => `ответственные: ${Object.values(v).join(", ")}`,
};

/** What the JSON's `settingsSource` holds: which values came from the book and which from the options. */
export interface SettingsSource {
  /** The book whose stored settings were read, or null. */
  book: string | null;
  /** --ignore-book-settings was given. */
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

/** The corrections of the book that met a sheet read, by that sheet's name. */
export function appliedCorrections(book: BookSettings, read: InputsReading): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of read.files)
    for (const s of f.sheets) {
      const n = overridesForSheet(book.stored?.overrides, s.sheet).length;
      if (n > 0) out[s.sheet] = n;
    }
  return out;
}

/**
 * The source of each value used, and the line that says it:
 * «Настройки из книги «x.xlsx»: порог 25 %, …; из командной строки: порог 20 %.»
 */
export function settingsSource(
  book: BookSettings,
  options: Partial<Settings>,
  read: InputsReading,
  /** The document settings given as options (report only). */
  documents?: DocumentSettingsInput,
): { source: SettingsSource; lines: string[] } {
  const given = new Set(Object.keys(options).filter((k) => options[k as keyof Settings] !== undefined));
  const stored = book.stored;
  const fromBook: Described[] = stored ? describe(stored.settings, SETTING_TEXT).filter((d) => !given.has(d.key)) : [];
  const fromOptions = describe(options, SETTING_TEXT);
  if (documents) {
    const chosen = describe(documents, DOCUMENT_TEXT);
    const mine = new Set(chosen.map((d) => d.key));
    if (stored?.documents) fromBook.push(...describe(stored.documents, DOCUMENT_TEXT).filter((d) => !mine.has(d.key)));
    fromOptions.push(...chosen);
  }
  const corrections = appliedCorrections(book, read);
  const correctionText = Object.entries(corrections).map(([sheet, n]) => `исправления столбцов листа «${sheet}»: ${n}`);
  const notices = [...book.notices];
  if (stored?.source === "selection")
    notices.push(
      "В книге сохранён выбор «Только выделение»: командная строка не знает, что было выделено, поэтому прочитаны листы целиком.",
    );
  const parts: string[] = [];
  const bookTexts = [...fromBook.map((d) => d.text), ...correctionText];
  if (stored) parts.push(`из книги «${book.book}»: ${bookTexts.join(", ") || "нет (всё задано в командной строке)"}`);
  if (fromOptions.length > 0) parts.push(`из командной строки: ${fromOptions.map((d) => d.text).join(", ")}`);
  const ignored = book.ignored ? "сохранённые в книге не применяются (--ignore-book-settings)" : null;
  const line =
    parts.length > 0
      ? `Настройки ${[...parts, ...(ignored ? [ignored] : [])].join("; ")}.`
      : `Настройки по умолчанию: ${ignored ?? "в книге не сохранены, в командной строке не заданы"}.`;
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
