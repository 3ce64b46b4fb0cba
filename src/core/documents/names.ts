/** Sheet names Excel accepts: ≤ 31 characters, none of []:*?/\, no apostrophe at either end, unique ignoring case. */

/** The generated sheets' names, as the hosts' texts quote them; a taken name gets a number. */
export const SHEET_TITLES = {
  statusList: "Статус ШНОР",
  indicators: "Показатели",
  roadmap: "Дорожная карта",
  annex: "Приложение 1",
  note: "Аналитическая справка",
  dynamics: "Динамика и объективность",
  tasks: "Задания",
} as const;

/** The Word documents' file names, as `--word DIR` writes them and the page's .zip holds them. */
export const WORD_FILES = {
  annex: "Приложение к приказу.docx",
  note: "Аналитическая справка.docx",
  roadmap: "Дорожная карта.docx",
} as const;

/** «Приложение 1» when the book has a sheet of that name already, by the schools it lists. */
export const ANNEX_ALT = { shnor: "Приложение 1 (ШНОР)", risk: "Приложение 1 (ШНОР и риск)", all: "Приложение 1 (все ОО)" } as const;

/** A ШНОР's own roadmap: «ДК» and the school's name. */
export const SCHOOL_ROADMAP_PREFIX = "ДК ";

const INVALID = /[[\]:*?/\\]/g;
export const MAX_SHEET_NAME = 31;

export function cleanSheetName(name: string): string {
  const cleaned = name
    .replace(INVALID, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "")
    .trim();
  return cut(cleaned || "Лист", MAX_SHEET_NAME);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max).replace(/['\s]+$/, "");
}

/** Hands out names not yet taken in a workbook: «Приложение 1», then «Приложение 1 (2)». */
export class SheetNames {
  private readonly taken = new Set<string>();

  constructor(existing: Iterable<string> = []) {
    for (const n of existing) this.taken.add(n.toLowerCase());
  }

  has(name: string): boolean {
    return this.taken.has(name.toLowerCase());
  }

  take(desired: string): string {
    const base = cleanSheetName(desired);
    let name = base;
    for (let i = 2; this.taken.has(name.toLowerCase()); i++) {
      const suffix = ` (${i})`;
      name = cut(base, MAX_SHEET_NAME - suffix.length) + suffix;
    }
    this.taken.add(name.toLowerCase());
    return name;
  }
}
