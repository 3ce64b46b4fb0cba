/**
 * .xls (BIFF8, and the older BIFF2–5) and .ods books, and the markup books web
 * systems save as «.xls» (an HTML table, «Таблица XML 2003», flat .fods), through SheetJS Community
 * Edition (@e965/xlsx 0.20.3: the maintained 0.20 line republished to npm; the
 * npm `xlsx` 0.18.5 is unmaintained and has known vulnerabilities). One library
 * reads both formats in Node and the browser. It is not a streaming reader: the
 * whole book is parsed at open, so the file's size is bounded first.
 */
import * as XLSX from "@e965/xlsx";
import { unzipSync } from "fflate";
import { Cell, MergeArea, SHEET_COLUMNS, SHEET_ROWS, ShnorError } from "../core";
import type { BookSource, SheetRow, SheetSource } from "./types";
import { DEFAULT_LIMITS, notUtf8, overLimit } from "./limits";
import {
  decodeMarkup,
  decodeReferences,
  htmlSheetNames,
  markupStart,
  MarkupFormat,
  NotASpreadsheet,
  SNIFF_BYTES,
  sniffMarkup,
} from "./markup";
import { fileStem } from "./csv";

/**
 * The largest book SheetJS reads, in bytes: the file layer's one limit for a file read whole.
 * SheetJS holds the whole book and its cells in memory (an .xls is at most 65,536 rows a sheet anyway).
 */
export const MAX_SHEETJS_BYTES = DEFAULT_LIMITS.wholeFileBytes;
/** The most rows read from one sheet of an .xls/.ods (a sheet's maximum in Excel and LibreOffice). */
export const MAX_SHEETJS_ROWS = SHEET_ROWS;
/** The most columns of one row (Excel's XFD). Cells beyond are not read. */
export const MAX_SHEETJS_COLUMNS = SHEET_COLUMNS;
/** The most uncompressed bytes of an .ods's parts together (a zip bomb is refused before it is inflated). */
export const MAX_ODS_INFLATED_BYTES = 256 * 1024 * 1024;
/**
 * The most cells an .ods may make: a value cell repeated over 16,384 columns
 * of 1,048,576 repeated rows is a few bytes of XML and 17 billion cells to
 * SheetJS, so repeats are counted before it parses.
 */
export const MAX_ODS_CELLS = 20_000_000;

const FORMAT_NAMES = {
  xls: "Excel 97–2003 (.xls)",
  ods: "OpenDocument (.ods)",
  html: "веб-страницы (HTML-таблицы)",
  xml: "«Таблица XML 2003»",
  fods: "OpenDocument в одном XML (.fods)",
} as const;

export type SheetJsFormat = keyof typeof FORMAT_NAMES;

export function openSheetJsBook(bytes: Uint8Array, name: string, format: SheetJsFormat): BookSource {
  if (bytes.length === 0) throw new ShnorError("unreadable-file", `Файл «${name}» пуст.`);
  if (bytes.length > MAX_SHEETJS_BYTES) {
    throw new ShnorError(
      "too-large",
      `Файл «${name}» слишком велик: книги ${FORMAT_NAMES[format]} читаются до ${megabytes(MAX_SHEETJS_BYTES)} МБ. Сохраните его как .xlsx.`,
    );
  }
  checkSignature(bytes, name, format);
  let odsHidden: RowRanges[] | null = null;
  let markup: string | null = null;
  if (format === "html" || format === "xml" || format === "fods") {
    markup = markupText(bytes, name, format);
    if (format === "fods") odsHidden = scanOdsContent(markup, name);
  } else if (isZip(bytes)) {
    checkZip(bytes, name);
    odsHidden = scanOds(bytes, name);
  }
  const book = parseBook(markup ?? bytes, name, format);
  if (!book.SheetNames || book.SheetNames.length === 0) {
    throw new ShnorError("unreadable-file", `Книга «${name}» повреждена или пуста: в ней нет листов.`);
  }
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  // SheetJS names a page's tables «Sheet1»…: they are named as the page or the file says.
  const sheetNames =
    format === "html" && markup !== null ? htmlSheetNames(markup, book.SheetNames.length, fileStem(name)) : [...book.SheetNames];
  return {
    name,
    format,
    sheetNames,
    // The add-in keeps its settings only in an .xlsx package.
    storedSettings: async () => null,
    async *sheets(): AsyncGenerator<SheetSource> {
      for (const [i, sheetName] of sheetNames.entries()) {
        const sheet = book.Sheets[book.SheetNames[i]];
        if (sheet && tooLong(sheet)) {
          throw new ShnorError(
            "too-large",
            `Лист «${sheetName}» книги «${name}» длиннее ${MAX_SHEETJS_ROWS.toLocaleString("ru-RU")} строк: столько строк не читается.`,
          );
        }
        // SheetJS lists an ODF book's tables in content order, as they were scanned.
        const hiddenRanges = odsHidden && odsHidden.length === sheetNames.length ? odsHidden[i] : [];
        yield sheetSource(sheetName, sheet, { book: name, date1904, hiddenRanges, text: format === "html" });
      }
    },
  };
}

/**
 * SheetJS reads a sheet only to MAX_SHEETJS_ROWS + 1 rows: a longer .xls or .ods
 * says so in `!fullref`; an HTML table is cut silently, its last row shows it.
 */
function tooLong(sheet: XLSX.WorkSheet): boolean {
  if ((sheet as { "!fullref"?: string })["!fullref"]) return true;
  const ref = sheet["!ref"];
  return ref !== undefined && XLSX.utils.decode_range(ref).e.r >= MAX_SHEETJS_ROWS;
}

/**
 * A markup book's text as SheetJS is given it: decoded here (SheetJS would take
 * Windows-1251 for UTF-8), from its root element on (SheetJS reads a text whose
 * first tag holds «,» or «;» as a CSV), a page's comments and references resolved.
 */
function markupText(bytes: Uint8Array, name: string, format: MarkupFormat): string {
  const text = decodeMarkup(bytes, format, name);
  const body = text.slice(markupStart(text));
  const markup = format === "html" ? pageText(body, name) : `<?xml version="1.0"?>${body}`;
  const size = utf8Length(markup);
  if (size <= MAX_MARKUP_UTF8_BYTES) return markup;
  throw new ShnorError(
    "too-large",
    `Файл «${name}» слишком велик: в UTF-8 (русская буква в нём — два байта) его текст занимает ${megabytes(size)} МБ, а книги ${FORMAT_NAMES[format]} читаются до ${megabytes(MAX_MARKUP_UTF8_BYTES)} МБ текста. Сохраните его как .xlsx.`,
  );
}

/**
 * SheetJS takes a markup text as UTF-8 and copies it into an array of one number a byte:
 * past about 112 million bytes V8 cannot grow that array and kills the process, with no
 * error to catch. A 64 MB page in Windows-1251 is up to 128 MB of UTF-8, so the text is bounded.
 */
export const MAX_MARKUP_UTF8_BYTES = 96 * 1024 * 1024;

/** The bytes of a text in UTF-8, without encoding it (a surrogate pair counts 2 + 2). */
function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}

/** A page's text as SheetJS is given it (see markupText). */
function pageText(body: string, name: string): string {
  // Excel's own «Веб-страница» names its sheet inside a conditional comment: kept ahead of the page.
  const names = [...body.matchAll(/<x:Name>[^<]*<\/x:Name>/gi)].map((m) => m[0]).join("");
  const page = decodeReferences(body.replace(/<!--[\s\S]*?(-->|$)/g, ""));
  if (!/<table\b[^<>]*>/i.test(page)) throw NotASpreadsheet.pageWithoutTable(name);
  checkClosed(page, name);
  checkSpans(page, name);
  return `<html>${names}${page}`;
}

/**
 * SheetJS takes a table from its start tag to the next `</table>`, and without one reads no
 * table at all: a page cut short (a download broken off) would be «без таблицы», so it says so.
 */
function checkClosed(page: string, name: string): void {
  let open = false;
  for (const m of page.matchAll(/<table\b[^<>]*>|<\/table>/gi)) open = m[0][1] !== "/";
  if (!open) return;
  throw new ShnorError(
    "unreadable-file",
    `Веб-страница «${name}» обрезана: таблица не закрыта (в конце нет </table>), её строки могут быть неполными. Скачайте или выгрузите файл заново.`,
  );
}

/**
 * SheetJS looks through every merge of a page for every cell, and again from
 * the first each time a cell falls under a row span from above, so merges ×
 * (cells + the rows each row span reaches) is its time: 8,000 spans over
 * 16,000 cells take 0.4 s, and a 64 MB page of spans would take hours. A real
 * export spans its header, its sections, at most a column a school: far below this.
 */
export const MAX_HTML_SPAN_WORK = 1_000_000_000;

function checkSpans(page: string, name: string): void {
  const rows = (page.match(/<tr[\s>]/gi) ?? []).length;
  let spans = 0;
  let reach = 0;
  for (const m of page.matchAll(/\s(row|col)span\s*=\s*["']?0*([1-9]\d*)/gi)) {
    const n = Number(m[2]);
    if (n < 2) continue;
    spans++;
    if (m[1].toLowerCase() === "row") reach += Math.min(n, rows);
  }
  if (spans === 0) return;
  const cells = (page.match(/<t[dh][\s>]/gi) ?? []).length;
  if (spans * (cells + reach) <= MAX_HTML_SPAN_WORK) return;
  throw new ShnorError(
    "too-large",
    `Веб-страница «${name}» не прочитана: в её таблице ${spans.toLocaleString("ru-RU")} объединённых ячеек среди ${cells.toLocaleString("ru-RU")} ячеек, столько не читается. Откройте её в Excel и сохраните как .xlsx.`,
  );
}

const READ_OPTIONS: XLSX.ParsingOptions = {
  dense: true,
  cellNF: true,
  cellDates: false,
  cellFormula: false,
  cellHTML: false,
  cellStyles: false,
  cellText: false,
  sheetStubs: false,
  bookVBA: false,
  sheetRows: MAX_SHEETJS_ROWS + 1,
  WTF: false,
};

function parseBook(data: Uint8Array | string, name: string, format: SheetJsFormat): XLSX.WorkBook {
  useTextDecoderCodepages();
  // SheetJS prints English notes on odd styles to the console; users read Russian only.
  const { error, warn } = console;
  console.error = console.warn = () => undefined;
  try {
    return typeof data === "string"
      ? // A page's cells stay text as written: SheetJS would read «12,5» as 125 and «001234» as 1234.
        XLSX.read(data, { ...READ_OPTIONS, type: "string", raw: format === "html" })
      : XLSX.read(data, { ...READ_OPTIONS, type: "array" });
  } catch (e) {
    if (format === "html" && e instanceof Error && /could not find <table>/.test(e.message)) throw NotASpreadsheet.pageWithoutTable(name);
    throw readError(e, typeof data === "string" ? new Uint8Array(0) : data, name);
  } finally {
    console.error = error;
    console.warn = warn;
  }
}

function megabytes(n: number): string {
  return (n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0).replace(".", ",");
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function isCfb(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && magic.every((b, i) => bytes[i] === b);
}

/** BIFF2–4 worksheets are bare record streams starting with a BOF record. */
function isBareBiff(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x09 && [0x00, 0x02, 0x04].includes(bytes[1]);
}

/** Only real books go to SheetJS: it would read any other bytes as a text table. */
function checkSignature(bytes: Uint8Array, name: string, format: SheetJsFormat): void {
  const fits =
    format === "xls"
      ? isCfb(bytes) || isBareBiff(bytes)
      : format === "ods"
        ? isZip(bytes)
        : sniffMarkup(bytes.subarray(0, SNIFF_BYTES)) === format;
  if (fits) return;
  throw new ShnorError("unreadable-file", `Файл «${name}» — не книга ${FORMAT_NAMES[format]}: он повреждён или это файл другого формата.`);
}

/**
 * Checks a zip's central directory before anything is inflated: the parts'
 * declared sizes together must stay under MAX_ODS_INFLATED_BYTES, and an ODF
 * book encrypted with a password says so in its manifest's entry list.
 */
function checkZip(bytes: Uint8Array, name: string): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = () => new ShnorError("unreadable-file", `Книга «${name}» повреждена: архив книги обрезан или испорчен.`);
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 65_535; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged();
  const entries = view.getUint16(eocd + 10, true);
  const start = view.getUint32(eocd + 16, true);
  let total = 0;
  let at = start;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw damaged();
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    total += size;
    if (total > MAX_ODS_INFLATED_BYTES) {
      throw new ShnorError(
        "too-large",
        `Книга «${name}» слишком велика в распакованном виде: больше ${megabytes(MAX_ODS_INFLATED_BYTES)} МБ. Сохраните её как .xlsx или уменьшите.`,
      );
    }
    at += 46 + nameLength + extra + comment;
  }
}

const ODS_TAG = /<table:(table|table-row|table-cell|covered-table-cell)(?=[\s>/])([^>]*)>|<\/table:(table|table-row)>/g;

/** Hidden rows of one sheet as inclusive ranges of 0-based rows. */
type RowRanges = [number, number][];

/**
 * Reads an ODF book's content.xml once before SheetJS does: counts the cells
 * its repeats make (see MAX_ODS_CELLS) and collects the hidden rows of each
 * table (table:visibility), which SheetJS's ODS reader does not keep. Damage
 * is left to SheetJS to report. Null when the zip holds no content.xml.
 */
const ODF_MANIFEST = "META-INF/manifest.xml";

function scanOds(bytes: Uint8Array, name: string): RowRanges[] | null {
  let content: Uint8Array | undefined;
  let manifest: Uint8Array | undefined;
  try {
    const parts = unzipSync(bytes, { filter: (file) => file.name === "content.xml" || file.name === ODF_MANIFEST });
    content = parts["content.xml"];
    manifest = parts[ODF_MANIFEST];
  } catch {
    return null;
  }
  if (!content) return null;
  // An encrypted book's content is not text: SheetJS says it has a password.
  if (manifest && /encryption-data/.test(new TextDecoder().decode(manifest))) return null;
  let xml: string;
  try {
    xml = new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    // SheetJS would read a name with «�» in it: bytes that are not UTF-8 are damage, as in an .xlsx.
    throw notUtf8(name, "content.xml");
  }
  return scanOdsContent(xml, name);
}

/** The hidden rows of each table of an ODF book's content (content.xml, or a whole .fods), its repeats counted. */
function scanOdsContent(xml: string, name: string): RowRanges[] {
  const hidden: RowRanges[] = [];
  let depth = 0;
  let row = 0;
  let rowRepeat = 1;
  let cells = 0;
  for (const m of xml.matchAll(ODS_TAG)) {
    if (m[3]) {
      // An end tag: a row moves on by its repeats; a table ends.
      if (m[3] === "table-row") {
        row += rowRepeat;
        rowRepeat = 1;
      } else depth--;
      continue;
    }
    const attributes = m[2];
    if (m[1] === "table") {
      // Tables nested in cells (rare) are not sheets.
      if (depth++ === 0) {
        hidden.push([]);
        row = 0;
      }
      continue;
    }
    if (depth !== 1 && m[1] === "table-row") continue;
    if (m[1] === "table-row") {
      rowRepeat = Number(/number-rows-repeated="(\d+)"/.exec(attributes)?.[1] ?? 1);
      if (/visibility="(collapse|filter)"/.test(attributes)) hidden[hidden.length - 1].push([row, row + rowRepeat - 1]);
      if (attributes.endsWith("/")) {
        row += rowRepeat;
        rowRepeat = 1;
      }
      continue;
    }
    if (!attributes.includes("value-type=")) continue;
    cells += rowRepeat * Number(/number-columns-repeated="(\d+)"/.exec(attributes)?.[1] ?? 1);
    if (cells > MAX_ODS_CELLS) {
      throw new ShnorError(
        "too-large",
        `В книге «${name}» больше ${MAX_ODS_CELLS.toLocaleString("ru-RU")} заполненных ячеек (с учётом повторов строк и столбцов): столько не читается.`,
      );
    }
  }
  return hidden;
}

/** Bytes in a message about a password: the error texts SheetJS gives for encrypted books. */
const PASSWORD_ERROR = /password|encrypt|encryption/i;

function readError(e: unknown, bytes: Uint8Array, name: string): ShnorError {
  if (e instanceof ShnorError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (PASSWORD_ERROR.test(message) || (isZip(bytes) && odfEncrypted(bytes))) {
    return new ShnorError(
      "unreadable-file",
      `Книга «${name}» защищена паролем. Откройте её, снимите пароль (Файл → Сведения → Защитить книгу) и сохраните снова.`,
    );
  }
  if (e instanceof RangeError && /length|allocation|memory/i.test(message)) {
    return new ShnorError("too-large", `Книга «${name}» слишком велика, чтобы прочитать её целиком. Сохраните её как .xlsx.`);
  }
  return new ShnorError("unreadable-file", `Книга «${name}» повреждена и не читается: откройте её и сохраните заново.`);
}

/** An ODF book saved with a password lists its parts' encryption in META-INF/manifest.xml. */
function odfEncrypted(bytes: Uint8Array): boolean {
  try {
    const zip = XLSX.CFB.read(bytes, { type: "array" });
    const manifest = XLSX.CFB.find(zip, "META-INF/manifest.xml");
    if (!manifest?.content) return false;
    return /encryption-data/.test(new TextDecoder().decode(manifest.content as Uint8Array));
  } catch {
    return false;
  }
}

interface SheetJsCell {
  t: "n" | "s" | "b" | "e" | "d" | "z";
  v?: unknown;
  z?: string | number;
  w?: string;
}

type DenseSheet = XLSX.WorkSheet & { "!data"?: (SheetJsCell[] | undefined)[] };

interface SheetOptions {
  /** The book's name, for a limit's line. */
  book: string;
  date1904: boolean;
  /** Rows hidden where SheetJS does not say so (an ODF book's). */
  hiddenRanges: RowRanges;
  /** An HTML page's table: a cell of only spaces (1С writes `&nbsp;` in empty cells) is empty, as it shows. */
  text: boolean;
}

function sheetSource(name: string, sheet: XLSX.WorkSheet | undefined, options: SheetOptions): SheetSource {
  const { hiddenRanges } = options;
  const dense = sheet as DenseSheet | undefined;
  const merges: MergeArea[] = (dense?.["!merges"] ?? []).map((m) => ({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c }));
  let used = false;
  return {
    name,
    merges: () => merges,
    async *rows(): AsyncGenerator<SheetRow> {
      if (used) throw new Error(`rows() of sheet «${name}» may be read once`);
      used = true;
      if (!dense?.["!ref"] || !dense["!data"]) return;
      const range = XLSX.utils.decode_range(dense["!ref"]);
      const lastColumn = Math.min(range.e.c, MAX_SHEETJS_COLUMNS - 1);
      const data = dense["!data"];
      const rowInfo = dense["!rows"] ?? [];
      let nextRange = 0;
      // Only the rows that hold cells: a sheet claiming A1:XFD1048576 costs nothing more.
      for (const key of Object.keys(data)) {
        const index = Number(key);
        if (!Number.isInteger(index) || index < range.s.r || index > range.e.r) continue;
        const row = rowOf(data[index], lastColumn, options);
        if (!row) continue;
        // Rows and ranges both ascend: one pointer walks the ranges.
        while (nextRange < hiddenRanges.length && hiddenRanges[nextRange][1] < index) nextRange++;
        const inRange = nextRange < hiddenRanges.length && hiddenRanges[nextRange][0] <= index;
        const hidden = Boolean(rowInfo[index]?.hidden) || inRange;
        yield hidden ? { index, ...row, hidden } : { index, ...row };
      }
    },
  };
}

function rowOf(cells: SheetJsCell[] | undefined, lastColumn: number, options: SheetOptions): Omit<SheetRow, "index"> | null {
  if (!cells) return null;
  const values: Cell[] = [];
  const formats: (string | null)[] = [];
  let width = 0;
  const end = Math.min(cells.length - 1, lastColumn);
  for (let c = 0; c <= end; c++) {
    const cell = cells[c];
    const read = cell ? readCell(cell, options.date1904) : EMPTY;
    const { format } = read;
    const value = options.text && typeof read.value === "string" && read.value.trim() === "" ? null : read.value;
    // The .xlsx reader's limit on one string, so no format carries a text it refuses.
    if (typeof value === "string" && value.length > DEFAULT_LIMITS.stringLength)
      throw overLimit("stringLength", options.book, DEFAULT_LIMITS.stringLength);
    values.push(value);
    formats.push(format);
    if (value !== null) width = c + 1;
  }
  if (width === 0) return null;
  values.length = width;
  formats.length = width;
  return { values, formats };
}

const EMPTY = { value: null, format: null } as const;

/** Error codes of BIFF and SheetJS, as Excel shows them. */
const ERRORS: Record<number, string> = {
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
  0x2b: "#GETTING_DATA",
};

/**
 * SheetJS cells → the engine's cells, as the .xlsx reader gives them: a number
 * under a date format becomes "YYYY-MM-DD" text, an error its "#N/A"-style
 * text, booleans stay booleans, text stays exactly as written.
 */
function readCell(cell: SheetJsCell, date1904: boolean): { value: Cell; format: string | null } {
  switch (cell.t) {
    case "s":
      return { value: typeof cell.v === "string" ? cell.v : String(cell.v ?? ""), format: null };
    case "b":
      return { value: Boolean(cell.v), format: null };
    case "e":
      return { value: cell.w && cell.w.startsWith("#") ? cell.w : (ERRORS[Number(cell.v)] ?? "#N/A"), format: null };
    case "d":
      return { value: isoDate(cell.v), format: null };
    case "n": {
      const value = Number(cell.v);
      if (!Number.isFinite(value)) return { value: "#NUM!", format: null };
      const format = formatOf(cell.z);
      if (format && XLSX.SSF.is_date(format)) return { value: serialDate(value, date1904), format: null };
      return { value, format };
    }
    default:
      return EMPTY;
  }
}

/** A cell's number format; General (as «Таблица XML 2003» names every plain number's) is none, as the .xlsx reader gives it. */
function formatOf(z: string | number | undefined): string | null {
  if (z === undefined || z === null) return null;
  const format = typeof z === "number" ? ((XLSX.SSF.get_table() as Record<number, string>)[z] ?? null) : z;
  return format === "General" ? null : format;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function serialDate(serial: number, date1904: boolean): Cell {
  const parts = XLSX.SSF.parse_date_code(serial, { date1904 });
  if (!parts) return serial;
  return `${pad(parts.y, 4)}-${pad(parts.m)}-${pad(parts.d)}`;
}

function isoDate(value: unknown): Cell {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return `${pad(value.getFullYear(), 4)}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  if (typeof value === "string") return /^\d{4}-\d\d-\d\d/.test(value) ? value.slice(0, 10) : value;
  return null;
}

/**
 * SheetJS decodes legacy 8-bit text (BIFF5 .xls in Windows-1251, old
 * codepages in file properties) through a code page table. Its Node build
 * loads a 600 KB table and its browser build none, so Cyrillic from an Excel 95
 * book would come back as «Ìáîó» in the pane. TextDecoder knows these code pages
 * in Node and every browser, so the same small table serves both.
 */
let codepagesSet = false;
function useTextDecoderCodepages(): void {
  if (codepagesSet) return;
  codepagesSet = true;
  XLSX.set_cptable({ utils: { decode: decodeCodepage, encode: encodeCodepage, hascp: (cp: number) => labelOf(cp) !== null } });
}

const LABELS: Record<number, string> = {
  437: "ibm866", // no 437 in TextDecoder; DOS Latin is rare in books, 866 is its Cyrillic sibling
  708: "iso-8859-6",
  720: "iso-8859-6",
  737: "iso-8859-7",
  775: "iso-8859-13",
  850: "windows-1252",
  852: "iso-8859-2",
  855: "iso-8859-5",
  857: "windows-1254",
  860: "windows-1252",
  861: "windows-1252",
  862: "iso-8859-8",
  863: "windows-1252",
  865: "windows-1252",
  866: "ibm866",
  869: "iso-8859-7",
  874: "windows-874",
  932: "shift_jis",
  936: "gbk",
  949: "euc-kr",
  950: "big5",
  1200: "utf-16le",
  1201: "utf-16be",
  10000: "macintosh",
  10007: "x-mac-cyrillic",
  20866: "koi8-r",
  21866: "koi8-u",
  28591: "windows-1252",
  65001: "utf-8",
};

function labelOf(cp: number): string | null {
  if (cp >= 1250 && cp <= 1258) return `windows-${cp}`;
  if (cp >= 28592 && cp <= 28605) return `iso-8859-${cp - 28590}`;
  return LABELS[cp] ?? null;
}

const decoders = new Map<string, InstanceType<typeof TextDecoder>>();

function decodeCodepage(cp: number, data: ArrayLike<number> | string): string {
  const bytes =
    typeof data === "string"
      ? Uint8Array.from(data, (ch) => ch.charCodeAt(0) & 0xff)
      : data instanceof Uint8Array
        ? data
        : Uint8Array.from(data);
  const label = labelOf(cp) ?? "windows-1252";
  let decoder = decoders.get(label);
  if (!decoder) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      decoder = new TextDecoder("windows-1252");
    }
    decoders.set(label, decoder);
  }
  return decoder.decode(bytes);
}

const encoders = new Map<number, Map<string, number>>();

/** Only for SheetJS's writers (the tests write .xls with them): single-byte code pages and UTF-8/16. */
function encodeCodepage(cp: number, text: string): number[] {
  if (cp === 65001) return [...new TextEncoder().encode(text)];
  if (cp === 1200) {
    const out: number[] = [];
    for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8);
    return out;
  }
  let table = encoders.get(cp);
  if (!table) {
    table = new Map();
    const all = decodeCodepage(
      cp,
      Uint8Array.from({ length: 256 }, (_, i) => i),
    );
    if (all.length === 256) for (let i = 255; i >= 0; i--) table.set(all[i], i);
    encoders.set(cp, table);
  }
  const out: number[] = [];
  for (const ch of text) out.push(table.get(ch) ?? 0x3f);
  return out;
}
