/**
 * Spreadsheets saved as text markup, told apart by their start, never by their
 * extension: what 1С, regional portals and old web systems export as «.xls»
 * (an HTML table, often in Windows-1251), Excel's «Таблица XML 2003», and
 * LibreOffice's flat .fods. Any other text stays a CSV: a CSV whose first field
 * starts with «<» is not markup unless its start is one of these exactly.
 * No SheetJS here: `openBook` sniffs with this before the library is loaded.
 */
import { ShnorError } from "../core";
import { decodeCsv } from "./csv";

/** The markup books read: an HTML table, SpreadsheetML 2003, flat OpenDocument. */
export type MarkupFormat = "html" | "xml" | "fods";

/**
 * What a text's start is: a markup book, other markup (an XML or a page that is no spreadsheet),
 * a web archive (.mht, MIME), or not markup (a CSV).
 */
export type Sniffed = MarkupFormat | "other-xml" | "web-archive" | null;

/** A web archive's first header: Excel's «Веб-страница в одном файле» (.mht) is a MIME message. */
const WEB_ARCHIVE = /^MIME-Version:[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*?Content-Type:\s*multipart\/related/i;

const SPREADSHEET_2003 = "urn:schemas-microsoft-com:office:spreadsheet";
const ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet";
/**
 * Tags a page may open with: its head's and body's, and the headings and text 1С and portals
 * put above a table («Отчёт о результатах ВПР», the district, the date). A CSV's first field is none of these.
 */
const PAGE_START = new Set(
  "head meta title style link base script body p div center h1 h2 h3 h4 h5 h6 font b strong i span br hr table".split(" "),
);
/** Elements whose content is not text of the page (skipped whole while looking for the table). */
const RAW_TEXT = new Set(["title", "style", "script"]);

/** Up to this many characters of a file's start are looked at. */
export const SNIFF_CHARACTERS = 8192;
/** The bytes that hold them (UTF-16 takes two a character). */
export const SNIFF_BYTES = 2 * SNIFF_CHARACTERS;

/** The start of a file's bytes as text, enough to read its tags (which are ASCII in every encoding used). */
export function headText(head: Uint8Array): string {
  const bytes = head.subarray(0, SNIFF_CHARACTERS * 2);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return new TextDecoder("latin1").decode(bytes.subarray(start, start + SNIFF_CHARACTERS));
}

/** Where the prolog (whitespace, an XML declaration, processing instructions, comments, a doctype) ends, and what it held. */
function prolog(text: string): { at: number; declared: boolean; doctype: string | null; excel: boolean } {
  let at = 0;
  let declared = false;
  let excel = false;
  let doctype: string | null = null;
  for (;;) {
    while (at < text.length && /\s/.test(text[at])) at++;
    if (text.startsWith("<?", at)) {
      const end = text.indexOf("?>", at);
      if (end < 0) return { at: text.length, declared, doctype, excel };
      const instruction = text.slice(at, end);
      if (/^<\?xml\s/i.test(instruction)) declared = true;
      if (/^<\?mso-application\s[^>]*progid="Excel\.Sheet"/i.test(instruction)) excel = true;
      at = end + 2;
    } else if (text.startsWith("<!--", at)) {
      const end = text.indexOf("-->", at);
      if (end < 0) return { at: text.length, declared, doctype, excel };
      at = end + 3;
    } else if (/^<!doctype\s/i.test(text.slice(at, at + 10))) {
      const end = text.indexOf(">", at);
      if (end < 0) return { at: text.length, declared, doctype, excel };
      doctype = text.slice(at + 9, end).trim();
      at = end + 1;
    } else return { at, declared, doctype, excel };
  }
}

/** Where a markup text's root element starts: past a BOM, whitespace, declarations, instructions, comments and a doctype. */
export function markupStart(text: string): number {
  return prolog(text).at;
}

const START_TAG = /^<([A-Za-z_][\w.:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/;

/** The element a text opens with, after its prolog: its name and attributes, or null where it is no start tag. */
function rootTag(text: string, at: number): { name: string; attributes: Map<string, string> } | null {
  const m = START_TAG.exec(text.slice(at, at + SNIFF_CHARACTERS));
  if (!m) return null;
  const attributes = new Map<string, string>();
  for (const a of m[2].matchAll(/([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    attributes.set(a[1], a[2] ?? a[3] ?? a[4] ?? "");
  }
  return { name: m[1], attributes };
}

/**
 * Whether a page opens with a page's tag (no text of its own first) and reaches a `<table`
 * that opens with a tag, not text (as a CSV whose first field is «<table>» would). Headings
 * and text may stand above the table. Linear in the head: each `<` is looked at once.
 */
function tableAhead(text: string, at: number): boolean {
  const tag = /<(\/?[A-Za-z][\w:-]*)(?:\s[^<>]*)?>/y;
  const lower = text.toLowerCase();
  let i = at;
  let first = true;
  while (i < text.length) {
    if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i);
      if (end < 0) return false;
      i = end + 3;
      continue;
    }
    tag.lastIndex = i;
    const m = text[i] === "<" ? tag.exec(text) : null;
    if (!m) {
      // Text: a page's, unless it comes first.
      if (first) return false;
      i = text.indexOf("<", i + 1);
      if (i < 0) return false;
      continue;
    }
    const name = m[1].toLowerCase();
    if (first && !PAGE_START.has(name)) return false;
    first = false;
    i = tag.lastIndex;
    if (name === "table") {
      while (i < text.length && /\s/.test(text[i])) i++;
      return text[i] === "<";
    }
    if (RAW_TEXT.has(name)) {
      // A title's, a style's or a script's content is no text of the page: skipped with its end tag.
      const end = lower.indexOf(`</${name}`, i);
      const close = end < 0 ? -1 : text.indexOf(">", end);
      if (close < 0) return false;
      i = close + 1;
    }
  }
  return false;
}

/**
 * What a text file is, from its first bytes: `null` (not markup: a CSV) unless
 * its start, after a BOM, whitespace, an XML declaration, processing
 * instructions and comments, is an HTML page (`<!DOCTYPE html`, `<html`, or a
 * page's tag leading to a `<table`), a SpreadsheetML 2003 `Workbook`, or a flat ODF
 * `office:document`; an XML declaration or a namespaced root that is none of
 * these is other markup.
 */
export function sniffMarkup(head: Uint8Array): Sniffed {
  const text = headText(head);
  if (WEB_ARCHIVE.test(text.trimStart())) return "web-archive";
  const start = prolog(text);
  if (start.doctype !== null && /^html\b/i.test(start.doctype)) return "html";
  const root = rootTag(text, start.at);
  if (!root) return start.declared || start.excel || start.doctype !== null ? "other-xml" : null;
  const local = root.name.replace(/^.*:/, "");
  const prefix = root.name.includes(":") ? root.name.slice(0, root.name.indexOf(":")) : "";
  if (root.name.toLowerCase() === "html") return "html";
  if (local === "Workbook" && root.attributes.get(prefix ? `xmlns:${prefix}` : "xmlns") === SPREADSHEET_2003) return "xml";
  if (local === "document" && prefix && root.attributes.get(`${prefix}:mimetype`) === ODS_MIME) return "fods";
  if (!start.declared && tableAhead(text, start.at)) return "html";
  const namespaced = [...root.attributes.keys()].some((a) => a === "xmlns" || a.startsWith("xmlns:"));
  return start.declared || start.excel || start.doctype !== null || namespaced ? "other-xml" : null;
}

/** Charset labels a page or a declaration may name, as TextDecoder knows them; UTF-16 is known by its BOM only. */
function declaredCharset(text: string, format: MarkupFormat): string | null {
  const found =
    format === "html"
      ? /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(text)
      : /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(text);
  if (!found) return null;
  try {
    const label = new TextDecoder(found[1].toLowerCase()).encoding;
    // A text read byte by byte as ASCII cannot be UTF-16: the declaration is wrong (as HTML treats it).
    return label.startsWith("utf-16") ? null : label;
  } catch {
    return null;
  }
}

/**
 * The text of a markup book: a BOM names the encoding; else the charset the
 * page's meta or the XML declaration names (windows-1251, utf-8, koi8-r…);
 * else, and where text said to be UTF-8 is not, as a CSV: strict UTF-8, else
 * Windows-1251.
 */
export function decodeMarkup(bytes: Uint8Array, format: MarkupFormat, name: string): string {
  const hasBom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || bytes[0] === 0xff || bytes[0] === 0xfe;
  const label = hasBom ? null : declaredCharset(headText(bytes.subarray(0, SNIFF_CHARACTERS)), format);
  if (label && label !== "utf-8") {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // A label this environment lacks: detected as a CSV's encoding is.
    }
  }
  return decodeCsv(bytes, name).text;
}

/** HTML's character references SheetJS leaves as written (it decodes only &amp; &lt; &gt; &quot; &apos; &nbsp;). */
const NAMED: Record<string, string> = {
  laquo: "«",
  raquo: "»",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  ndash: "–",
  mdash: "—",
  minus: "−",
  hellip: "…",
  numero: "№",
  bull: "•",
  middot: "·",
  deg: "°",
  plusmn: "±",
  times: "×",
  divide: "÷",
  sect: "§",
  para: "¶",
  copy: "©",
  reg: "®",
  trade: "™",
  euro: "€",
  shy: "\u00ad",
  thinsp: "\u2009",
  ensp: "\u2002",
  emsp: "\u2003",
  frac12: "½",
  frac14: "¼",
  frac34: "¾",
};
/** Characters that must stay references for SheetJS's tag matching: written as the references it decodes. */
const KEPT: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;", "\u00a0": "&nbsp;" };

/** Decodes the numeric and the common named references of a page, so «&laquo;СОШ&raquo;» reads as «СОШ» in quotes. */
export function decodeReferences(html: string): string {
  if (html.indexOf("&") < 0) return html;
  return html.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,7}));/g,
    (whole, dec?: string, hex?: string, named?: string) => {
      if (named !== undefined) return NAMED[named] ?? whole;
      const code = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
      const ch = String.fromCodePoint(code);
      return KEPT[ch] ?? ch;
    },
  );
}

/**
 * Names for a page's tables: those Excel's «Веб-страница» lists (`<x:Name>` of
 * its worksheets) when there is one a table; else the file's stem for a lone
 * table (as a CSV's one sheet is named), «Таблица N» for several.
 */
export function htmlSheetNames(html: string, tables: number, stem: string): string[] {
  const excel = [...html.matchAll(/<x:Name>([^<]*)<\/x:Name>/gi)].map((m) => decodeReferences(m[1]).trim());
  if (excel.length === tables && excel.every((n) => n !== "") && new Set(excel).size === tables) return excel;
  if (tables === 1) return [stem];
  return Array.from({ length: tables }, (_, i) => `Таблица ${i + 1}`);
}

/**
 * A file that is a document of another kind, not a table at all (a Word or other
 * XML, a web page without a table): one clear line when it is the only file; among
 * several (a folder holds anything) it is left out with its reason.
 */
export class NotASpreadsheet extends ShnorError {
  constructor(
    readonly file: string,
    /** What the file was seen to be. */
    readonly format: "xml" | "html",
    /** Why, without the file's name: for the recognition report's line of a file left out. */
    readonly reason: string,
    advice: string,
  ) {
    super("unreadable-file", `Файл «${file}» — ${reason}. ${advice}`);
  }

  static xml(file: string): NotASpreadsheet {
    return new NotASpreadsheet(
      file,
      "xml",
      "документ XML, но не таблица: из XML читаются только «Таблица XML 2003» Excel и плоская таблица .fods LibreOffice",
      "Откройте его в Excel или LibreOffice и сохраните таблицу как .xlsx.",
    );
  }

  static webArchive(file: string): NotASpreadsheet {
    return new NotASpreadsheet(
      file,
      "html",
      "веб-архив .mht («Веб-страница в одном файле»), а не таблица",
      "Откройте его в Excel и сохраните книгу как .xlsx.",
    );
  }

  static pageWithoutTable(file: string): NotASpreadsheet {
    return new NotASpreadsheet(
      file,
      "html",
      "веб-страница (HTML) без таблицы",
      "Книга Excel, сохранённая как веб-страница из нескольких листов, держит листы в папке рядом с файлом: откройте файл в Excel и сохраните книгу как .xlsx.",
    );
  }
}
