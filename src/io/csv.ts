/**
 * .csv files: one sheet named after the file. The delimiter (`;`, `,` or tab)
 * and the encoding (UTF-8 with or without a BOM, UTF-16 with a BOM as Excel's
 * «Текст Юникод», else Windows-1251) are detected, never asked. Fields are
 * parsed by papaparse (RFC 4180: quoted fields may hold delimiters, quotes and
 * newlines) and stay text exactly as written: the engine reads «12,5» and «35%»
 * itself, and a school's name must come back as the file has it.
 *
 * Windows-1251 needs no iconv-lite: TextDecoder («windows-1251» is in the WHATWG
 * Encoding Standard) decodes it in every browser and in Node built with full ICU,
 * which official Node builds are since Node 13.
 */
import { maxOf } from "../core/arrays";
import Papa from "papaparse";
import { Cell, SHEET_COLUMNS, SHEET_ROWS, ShnorError } from "../core";
import { DEFAULT_LIMITS, overLimit } from "./limits";
import type { BookSource, SheetRow, SheetSource } from "./types";

/** The largest .csv read, in bytes (the whole text is decoded at once): the file layer's one limit for a file read whole. */
export const MAX_CSV_BYTES = DEFAULT_LIMITS.wholeFileBytes;
/** The most rows of a .csv, empty lines included (a sheet's maximum in Excel). */
export const MAX_CSV_ROWS = SHEET_ROWS;
/** The most fields in one row of a .csv (Excel's XFD). */
export const MAX_CSV_COLUMNS = SHEET_COLUMNS;

/** The delimiters a CSV may use, in the order preferred when the file fits several equally well. */
export const CSV_DELIMITERS = ["\t", ";", ","] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** How many records decide the delimiter. */
const SAMPLE_ROWS = 100;

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1251";

export interface CsvText {
  text: string;
  encoding: CsvEncoding;
}

export function openCsvBook(bytes: Uint8Array, name: string): BookSource {
  if (bytes.length > MAX_CSV_BYTES) {
    throw new ShnorError(
      "too-large",
      `Файл «${name}» слишком велик: ${Math.round(bytes.length / (1024 * 1024))} МБ при пределе ${MAX_CSV_BYTES / (1024 * 1024)} МБ для файлов .csv.`,
    );
  }
  const { text } = decodeCsv(bytes, name);
  const sheetName = fileStem(name);
  const rows = parseCsv(text, name);
  return {
    name,
    format: "csv",
    sheetNames: [sheetName],
    storedSettings: async () => null,
    async *sheets(): AsyncGenerator<SheetSource> {
      yield csvSheet(sheetName, rows);
    },
  };
}

function csvSheet(name: string, rows: SheetRow[]): SheetSource {
  let used = false;
  return {
    name,
    merges: () => [],
    async *rows(): AsyncGenerator<SheetRow> {
      if (used) throw new Error(`rows() of sheet «${name}» may be read once`);
      used = true;
      yield* rows;
    },
  };
}

/** The file's name without folders and extension: «ВПР МА 5 2019.csv» → «ВПР МА 5 2019». */
export function fileStem(name: string): string {
  const base = name.replace(/^.*[\\/]/, "");
  const stem = base.replace(/\.[^.]*$/, "");
  return stem || base || "Лист1";
}

/** The text of a CSV: a BOM names the encoding; else strict UTF-8; else Windows-1251. */
export function decodeCsv(bytes: Uint8Array, name = "файл"): CsvText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decode("utf-8", bytes.subarray(3), name), encoding: "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode("utf-16le", bytes.subarray(2), name), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode("utf-16be", bytes.subarray(2), name), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: decode("windows-1251", bytes, name), encoding: "windows-1251" };
  }
}

function decode(encoding: CsvEncoding, bytes: Uint8Array, name: string): string {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(encoding, { ignoreBOM: true });
  } catch {
    // Only a Node built without full ICU lacks windows-1251.
    throw new ShnorError(
      "unreadable-file",
      `Файл «${name}» записан в кодировке ${encoding}, а эта среда её не знает. Сохраните файл в кодировке UTF-8.`,
    );
  }
  return decoder.decode(bytes);
}

/**
 * The delimiter that splits the first records most consistently: the share
 * of records having the most common field count (of two or more). Titles
 * and notes are one field in any delimiter; a decimal comma in a `;` file
 * splits its rows unevenly, so `;` wins there. A delimiter that would leave
 * a quote unclosed, or quotes inside values, loses to one that does not (it
 * splits inside quoted text). Ties go to tab, then `;`.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let best: CsvDelimiter = ",";
  let bestKey: number[] = [-1, -1, -Infinity];
  for (const delimiter of CSV_DELIMITERS) {
    const parsed = Papa.parse<string[]>(text, { delimiter, preview: SAMPLE_ROWS, skipEmptyLines: true });
    const sample = parsed.data;
    if (sample.length === 0) continue;
    const counts = new Map<number, number>();
    let quotes = 0;
    for (const row of sample) {
      if (row.length >= 2) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
      for (const field of row) for (let i = field.indexOf('"'); i >= 0; i = field.indexOf('"', i + 1)) quotes++;
    }
    const mode = maxOf([...counts.values()], 0);
    // Quotes left inside values mean the split missed the quoting: the right delimiter consumes them.
    const key = [parsed.errors.some((e) => e.type === "Quotes") ? 0 : 1, mode / sample.length, -quotes];
    if (compareKeys(key, bestKey) > 0) {
      best = delimiter;
      bestKey = key;
    }
  }
  return best;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

const SEP_HINT = /^sep=([;,\t|])(\r\n|\n|\r)/i;

/** The records of a CSV text as sheet rows; empty records are left out but keep their place. */
export function parseCsv(text: string, name = "файл"): SheetRow[] {
  // Excel writes and honours a first line «sep=;» naming the delimiter; it is not a row.
  const hint = SEP_HINT.exec(text);
  const body = hint ? text.slice(hint[0].length) : text;
  const delimiter = hint ? hint[1] : detectDelimiter(body);
  const rows: SheetRow[] = [];
  let index = 0;
  let problem: ShnorError | null = null;
  Papa.parse<string[]>(body, {
    delimiter,
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: false,
    step(result, parser) {
      if (index >= MAX_CSV_ROWS) {
        problem = new ShnorError(
          "too-large",
          `Файл «${name}» длиннее ${MAX_CSV_ROWS.toLocaleString("ru-RU")} строк: столько строк не читается.`,
        );
        parser.abort();
        return;
      }
      const fields = result.data;
      if (fields.length > MAX_CSV_COLUMNS) {
        problem = new ShnorError(
          "too-large",
          `В строке ${index + 1} файла «${name}» больше ${MAX_CSV_COLUMNS.toLocaleString("ru-RU")} столбцов: столько не читается.`,
        );
        parser.abort();
        return;
      }
      const quote = result.errors.find((e) => e.code === "MissingQuotes");
      if (quote && !problem) {
        problem = new ShnorError(
          "unreadable-file",
          `В файле «${name}» не закрыта кавычка в строке ${index + 1}: всё после неё прочиталось бы как одна ячейка. Исправьте кавычки и сохраните файл снова.`,
        );
        parser.abort();
        return;
      }
      // The .xlsx reader's limit on one string, so no format carries a text it refuses.
      if (fields.some((f) => f.length > DEFAULT_LIMITS.stringLength)) {
        problem = overLimit("stringLength", name, DEFAULT_LIMITS.stringLength);
        parser.abort();
        return;
      }
      const row = rowOf(index, fields);
      if (row) rows.push(row);
      index++;
    },
  });
  if (problem) throw problem;
  return rows;
}

function rowOf(index: number, fields: string[]): SheetRow | null {
  let width = fields.length;
  while (width > 0 && fields[width - 1] === "") width--;
  if (width === 0) return null;
  const values: Cell[] = new Array(width);
  for (let c = 0; c < width; c++) values[c] = fields[c] === "" ? null : fields[c];
  return { index, values, formats: new Array<string | null>(width).fill(null) };
}
