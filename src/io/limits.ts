/**
 * The bounds of what a file may make the reader do. A file past one of them is
 * refused with a Russian message naming the limit, never read half-way: a
 * smaller answer would look right and be wrong.
 */
import { ShnorError } from "../core";

export interface ReaderLimits {
  /** Bytes inflated from the zip over the whole book (sheet XML, strings, styles). */
  inflatedBytes: number;
  /** Cells of a sheet, counting the empty ones before the last cell of each row. */
  cells: number;
  /** Characters of one string (a cell, a shared string, a sheet name). */
  stringLength: number;
  /** Nesting depth of an XML part. */
  xmlDepth: number;
  /** Sheets in a book. */
  sheets: number;
  /** Bytes of a file read whole (.xls, .ods, .csv and markup books have no random access, and their readers hold the whole book). */
  wholeFileBytes: number;
  /** Inflated bytes of the shared strings, which are held whole while a sheet is read. */
  sharedStringsBytes: number;
}

export const DEFAULT_LIMITS: Readonly<ReaderLimits> = Object.freeze({
  inflatedBytes: 2 * 1024 ** 3,
  cells: 10_000_000,
  stringLength: 100_000,
  xmlDepth: 64,
  sheets: 1_000,
  wholeFileBytes: 64 * 1024 ** 2,
  sharedStringsBytes: 256 * 1024 ** 2,
});

export function withDefaults(limits?: Partial<ReaderLimits>): ReaderLimits {
  return { ...DEFAULT_LIMITS, ...(limits ?? {}) };
}

const group = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
const megabytes = (n: number) => `${group(Math.round(n / 1024 ** 2))} МБ`;

/** «Книга «x» больше предела …: …» — one message per limit, each naming it. */
export function overLimit(kind: keyof ReaderLimits, name: string, limit: number): ShnorError {
  const what: Record<keyof ReaderLimits, string> = {
    inflatedBytes: `распакованный объём частей книги больше предела в ${megabytes(limit)}`,
    cells: `на листе больше ${group(limit)} ячеек (предел числа ячеек листа)`,
    stringLength: `в ячейке или имени листа строка длиннее ${group(limit)} символов (предел длины строки)`,
    xmlDepth: `вложенность XML глубже ${group(limit)} уровней (предел вложенности)`,
    sheets: `в книге больше ${group(limit)} листов (предел числа листов)`,
    wholeFileBytes: `файл больше ${megabytes(limit)}, а файлы этого формата читаются целиком (предел размера файла)`,
    sharedStringsBytes: `общие строки книги (xl/sharedStrings.xml) больше ${megabytes(limit)} (предел общих строк)`,
  };
  return new ShnorError("too-large", `Книга «${name}» не прочитана: ${what[kind]}.`);
}

/** A damaged file: one message, with what was found wrong. */
/** A part whose bytes are not text in its encoding (both tokenizers say it so). */
export function notUtf8(name: string, part: string): ShnorError {
  return damaged(name, `в части «${part}» текст не в кодировке UTF-8`);
}

export function damaged(name: string, detail: string): ShnorError {
  return new ShnorError(
    "unreadable-file",
    `Не удалось прочитать книгу «${name}»: файл повреждён (${detail}). Откройте его в Excel и сохраните заново.`,
  );
}
