/**
 * SpreadsheetML (.xlsx, .xlsm) read as it streams: the sheets as the workbook
 * lists them (through its relationships, relative or absolute targets, any part
 * name), shared and inline strings, the cell types, number formats through the
 * style index, merges, hidden rows and 1904 dates. Rows reach the caller as
 * they are parsed; a sheet not asked for is never inflated.
 */
import { Cell, MergeArea, SHEET_COLUMNS, SHEET_ROWS, ShnorError } from "../core";
import { BUILTIN_FORMATS, isDateFormat, serialToIsoDate, unescapeOoxml } from "./formats";
import { damaged, overLimit, ReaderLimits } from "./limits";
import type {
  BookSource,
  CellStyle,
  CopyCell,
  CopyRow,
  CopyValue,
  SheetLayout,
  SheetRow,
  SheetSource,
  StyledSheet,
  UnsavedFormula,
} from "./types";
import { prefixed } from "./xml";
import { decodeUtf8, ScanHandler, scanXml, Tag, Text } from "./scan";
import { Zip, ZipEntry } from "./zip";
import { evaluateConstantFormula } from "./arithmetic";
import { findSettingsPart } from "./settings-part";
import { parsePart, readRelationships, typeIs, workbookPart } from "./relationships";

const MAX_ROWS = SHEET_ROWS;
const MAX_COLUMNS = SHEET_COLUMNS;
/** A 1904-based serial plus this is the same day's serial in the 1900 system the copy is written in. */
const DAYS_1900_TO_1904 = 1462;

export interface SheetPart {
  name: string;
  /** The part's path in the zip, or null for a sheet without cells (a chart sheet). */
  part: string | null;
  hidden: boolean;
}

export const XLSB_MESSAGE = (name: string) =>
  `Книга «${name}» сохранена в двоичном формате .xlsb, который не поддерживается. Откройте её в Excel и сохраните как книгу .xlsx.`;

interface Styles {
  /** Per cell style (xf) index: the number format, null for General. */
  formats: (string | null)[];
  dates: boolean[];
  /** Per cell style index: its look, for copying a sheet (built on first use). */
  looks: StyleParts;
}

/** The parts of styles.xml a cell's look is made of, as exceljs names them. */
interface StyleParts {
  fonts: Record<string, unknown>[];
  fills: (Record<string, unknown> | undefined)[];
  borders: Record<string, unknown>[];
  xfs: { fontId?: number; fillId?: number; borderId?: number; alignment?: Record<string, unknown>; protection?: Record<string, unknown> }[];
  built: CellStyle[];
}

const FONT_FLAGS: Record<string, string> = {
  b: "bold",
  i: "italic",
  strike: "strike",
  outline: "outline",
  shadow: "shadow",
  condense: "condense",
  extend: "extend",
};
const FONT_NUMBERS: Record<string, string> = { sz: "size", family: "family", charset: "charset" };
const FONT_WORDS: Record<string, string> = { name: "name", rFont: "name", scheme: "scheme", vertAlign: "vertAlign" };
const EDGES = new Set(["left", "right", "top", "bottom", "diagonal"]);

const isTrue = (v: string | undefined) => v === "1" || v === "true";
const flag = (v: string | undefined) => v === undefined || isTrue(v);

function colorOf(a: Record<string, string>): Record<string, unknown> | undefined {
  if (a.rgb !== undefined) return { argb: a.rgb };
  if (a.theme !== undefined) {
    const color: Record<string, unknown> = { theme: parseInt(a.theme, 10) };
    if (a.tint !== undefined) color.tint = parseFloat(a.tint);
    return color;
  }
  if (a.indexed !== undefined) return { indexed: parseInt(a.indexed, 10) };
  return undefined;
}

function alignmentOf(a: Record<string, string>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  if (a.horizontal) out.horizontal = a.horizontal;
  if (a.vertical) out.vertical = a.vertical === "center" ? "middle" : a.vertical;
  if (a.wrapText) out.wrapText = isTrue(a.wrapText);
  if (a.shrinkToFit) out.shrinkToFit = isTrue(a.shrinkToFit);
  if (a.indent) out.indent = parseInt(a.indent, 10);
  if (a.textRotation) {
    const r = parseInt(a.textRotation, 10);
    out.textRotation = r === 255 ? "vertical" : r > 90 ? 90 - r : r;
  }
  if (a.readingOrder) out.readingOrder = a.readingOrder === "2" ? "rtl" : "ltr";
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A style index's look, built once and then shared (a writer may key its own table by the object). */
function lookOf(styles: Styles, index: number): CellStyle {
  const parts = styles.looks;
  const known = parts.built[index];
  if (known) return known;
  const xf = parts.xfs[index];
  if (!xf) return (parts.built[index] = index === 0 ? {} : lookOf(styles, 0));
  const look: CellStyle = {};
  const format = styles.formats[index];
  if (format) look.numFmt = format;
  const font = xf.fontId === undefined ? undefined : parts.fonts[xf.fontId];
  if (font) look.font = font;
  const fill = xf.fillId === undefined ? undefined : parts.fills[xf.fillId];
  if (fill) look.fill = fill;
  const border = xf.borderId === undefined ? undefined : parts.borders[xf.borderId];
  if (border) look.border = border;
  if (xf.alignment) look.alignment = xf.alignment;
  if (xf.protection) look.protection = xf.protection;
  return (parts.built[index] = look);
}

// long: one SAX-style loop over styles.xml: the open and close handlers share the section, font, fill, border and xf being read
async function readStyles(zip: Zip, entry: ZipEntry | undefined, limits: ReaderLimits): Promise<Styles> {
  const looks: StyleParts = { fonts: [], fills: [], borders: [], xfs: [], built: [] };
  const styles: Styles = { formats: [], dates: [], looks };
  if (!entry) return styles;
  const custom = new Map<number, string>();
  const ids: number[] = [];
  // Which list the parser is in (a font inside the differential formats is not a cell font).
  let section = "";
  let font: Record<string, unknown> | null = null;
  let fill: Record<string, unknown> | null = null;
  let border: Record<string, unknown> | null = null;
  let edge: Record<string, unknown> | null = null;
  let edgeName = "";
  let stop: Record<string, unknown> | null = null;
  let xf: StyleParts["xfs"][number] | null = null;
  await parsePart(
    zip,
    entry,
    {
      open(name, a) {
        switch (name) {
          case "numFmt":
            if (a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? "");
            return;
          case "fonts":
          case "fills":
          case "borders":
          case "cellXfs":
          case "cellStyleXfs":
          case "dxfs":
            section = name;
            return;
        }
        if (section === "cellXfs") {
          if (name === "xf") {
            ids.push(a.numFmtId === undefined ? 0 : Number(a.numFmtId));
            const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
            xf = { fontId: num(a.fontId), fillId: num(a.fillId), borderId: num(a.borderId) };
            looks.xfs.push(xf);
          } else if (name === "alignment" && xf) xf.alignment = alignmentOf(a);
          else if (name === "protection" && xf) {
            const p: Record<string, unknown> = {};
            if (a.locked !== undefined) p.locked = isTrue(a.locked);
            if (a.hidden !== undefined) p.hidden = isTrue(a.hidden);
            xf.protection = p;
          }
        } else if (section === "fonts") {
          if (name === "font") font = {};
          else if (font) {
            if (FONT_FLAGS[name]) font[FONT_FLAGS[name]] = flag(a.val);
            else if (FONT_NUMBERS[name] && a.val !== undefined) font[FONT_NUMBERS[name]] = parseFloat(a.val);
            else if (FONT_WORDS[name] && a.val !== undefined) font[FONT_WORDS[name]] = a.val;
            else if (name === "u") font.underline = a.val === undefined || a.val === "single" ? true : a.val === "none" ? false : a.val;
            else if (name === "color") {
              const color = colorOf(a);
              if (color) font.color = color;
            }
          }
        } else if (section === "fills") {
          if (name === "fill") fill = null;
          else if (name === "patternFill") fill = { type: "pattern", pattern: a.patternType ?? "none" };
          else if (name === "gradientFill") {
            fill =
              a.degree !== undefined || a.type !== "path"
                ? { type: "gradient", gradient: "angle", degree: parseFloat(a.degree ?? "0") }
                : { type: "gradient", gradient: "path", center: { left: parseFloat(a.left ?? "0"), top: parseFloat(a.top ?? "0") } };
            fill.stops = [];
          } else if (name === "stop" && fill) {
            stop = { position: parseFloat(a.position ?? "0") };
            (fill.stops as unknown[]).push(stop);
          } else if (name === "fgColor" || name === "bgColor") {
            const color = colorOf(a);
            if (fill && color) fill[name] = color;
          } else if (name === "color" && stop) {
            const color = colorOf(a);
            if (color) stop.color = color;
          }
        } else if (section === "borders") {
          if (name === "border") {
            border = {};
            if (isTrue(a.diagonalUp)) border.diagonalUp = true;
            if (isTrue(a.diagonalDown)) border.diagonalDown = true;
          } else if (border && EDGES.has(name)) {
            edgeName = name;
            edge = a.style ? { style: a.style } : null;
          } else if (name === "color" && edge) {
            const color = colorOf(a);
            if (color) edge.color = color;
          }
        }
      },
      close(name) {
        if (name === section) {
          section = "";
          return;
        }
        if (section === "cellXfs" && name === "xf") xf = null;
        else if (section === "fonts" && name === "font" && font) {
          looks.fonts.push(font);
          font = null;
        } else if (section === "fills") {
          if (name === "fill") {
            looks.fills.push(fill ?? undefined);
            fill = null;
          } else if (name === "stop") stop = null;
        } else if (section === "borders" && border) {
          if (EDGES.has(name)) {
            if (edge) {
              if (name === "diagonal") edge = { ...edge, up: border.diagonalUp === true, down: border.diagonalDown === true };
              border[edgeName] = edge;
            }
            edge = null;
          } else if (name === "border") {
            delete border.diagonalUp;
            delete border.diagonalDown;
            looks.borders.push(border);
            border = null;
          }
        }
      },
    },
    limits,
  );
  for (const id of ids) {
    const code = custom.get(id) ?? BUILTIN_FORMATS[id] ?? null;
    const format = code === null || code === "General" ? null : code;
    styles.formats.push(format);
    styles.dates.push(isDateFormat(format));
  }
  return styles;
}

/** Shared strings: the plain text of each item, rich-text runs joined, phonetic runs left out. */
async function readSharedStrings(zip: Zip, entry: ZipEntry | undefined, limits: ReaderLimits): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  // Held whole while a sheet is read: a part that inflates to gigabytes (a «bomb» of a few MB) is refused by its size.
  if (entry.size > limits.sharedStringsBytes) throw overLimit("sharedStringsBytes", zip.name, limits.sharedStringsBytes);
  const SI = 1;
  const T = 2;
  const RPH = 3;
  let inItem = false;
  let collecting = false;
  let phonetic = 0;
  let text = "";
  const handler: ScanHandler = {
    names: ["si", "t", "rPh"],
    open(kind) {
      if (kind === SI) {
        inItem = true;
        text = "";
      } else if (kind === RPH) phonetic++;
      else if (kind === T && inItem && phonetic === 0) collecting = true;
    },
    close(kind) {
      if (kind === T) collecting = false;
      else if (kind === RPH) phonetic--;
      else if (kind === SI) {
        strings.push(unescapeOoxml(text));
        inItem = false;
      }
    },
    text(t) {
      if (!collecting) return;
      text += t.string();
      if (text.length > limits.stringLength) throw overLimit("stringLength", zip.name, limits.stringLength);
    },
  };
  for await (const _ of scanXml(zip.chunks(entry), handler, { book: zip.name, part: entry.name, limits })) void _;
  return strings;
}

/** "AB12" → column 27 (0-based), or -1 when there are no letters; throws past XFD. */
function columnOf(ref: string, book: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    if (col > MAX_COLUMNS) throw damaged(book, `ссылка на ячейку «${ref.slice(0, 20)}» за пределами листа`);
  }
  return i === 0 ? -1 : col - 1;
}

/** columnOf of a tag's attribute, from its bytes where it has no entity. */
function columnOfAttribute(tag: Tag, index: number, book: string): number {
  if (!tag.raw(index)) return columnOf(tag.value(index), book);
  const { bytes } = tag;
  const start = tag.start(index);
  const end = tag.end(index);
  let col = 0;
  let i = start;
  for (; i < end; i++) {
    const c = bytes[i];
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    if (col > MAX_COLUMNS) return columnOf(tag.value(index), book);
  }
  return i === start ? -1 : col - 1;
}

/** An attribute's value, or undefined. */
function attribute(tag: Tag, name: string): string | undefined {
  const i = tag.find(name);
  return i < 0 ? undefined : tag.value(i);
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A number written plainly (-12.5, 3, 0.25, 1.5E-3) read from its bytes, or NaN
 * for anything else (then Number() reads the text). Up to 15 digits and an
 * exponent within ±22, the result is one correctly rounded operation on exact
 * operands, so it equals Number()'s.
 */
export function plainNumber(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = bytes[start] === 0x2d;
  if (negative) i = start + 1;
  let mantissa = 0;
  let digits = 0;
  let exponent = 0;
  const intStart = i;
  for (; i < end; i++) {
    const d = bytes[i] - 0x30;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
    digits++;
  }
  if (i === intStart) return NaN;
  if (i < end && bytes[i] === 0x2e) {
    const fractionStart = ++i;
    for (; i < end; i++) {
      const d = bytes[i] - 0x30;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      digits++;
      exponent--;
    }
    if (i === fractionStart) return NaN;
  }
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    let sign = 1;
    if (bytes[i] === 0x2d) ((sign = -1), i++);
    else if (bytes[i] === 0x2b) i++;
    const expStart = i;
    let e = 0;
    for (; i < end && i - expStart < 4; i++) {
      const d = bytes[i] - 0x30;
      if (d < 0 || d > 9) break;
      e = e * 10 + d;
    }
    if (i === expStart) return NaN;
    exponent += sign * e;
  }
  if (i !== end || digits > 15 || exponent > 22 || exponent < -22) return NaN;
  const value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
  return negative ? -value : value;
}

/** A shared string's index written as plain digits, or -1. */
function plainIndex(bytes: Uint8Array, start: number, end: number): number {
  if (end === start || end - start > 9) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = bytes[i] - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function parseCellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (col < 1 || col > MAX_COLUMNS || row < 1 || row > MAX_ROWS) return null;
  return { row: row - 1, col: col - 1 };
}

export function parseRange(ref: string): MergeArea | null {
  const [a, b = a] = ref.split(":");
  const from = parseCellRef(a);
  const to = parseCellRef(b);
  if (!from || !to) return null;
  return {
    top: Math.min(from.row, to.row),
    left: Math.min(from.col, to.col),
    bottom: Math.max(from.row, to.row),
    right: Math.max(from.col, to.col),
  };
}

interface Shared {
  strings: string[];
  styles: Styles;
}

const enum Collect {
  None,
  Value,
  Formula,
  Inline,
}

/** The elements of sheet XML the reader tells apart, numbered from 1 in this order (the tokenizer's kinds). */
const SHEET_ELEMENTS = ["row", "c", "v", "f", "is", "t", "rPh", "mergeCell", "col", "pane"];
const enum Element {
  Row = 1,
  C,
  V,
  F,
  Is,
  T,
  RPh,
  MergeCell,
  Col,
  Pane,
}

/** The most cells a row's arrays are made for before its cells are read (wider rows grow as they are read). */
const ROW_PRESIZE = 512;

/** A cell's `t`: anything unknown is read as a number, as before. */
const enum CellType {
  Number,
  Shared,
  Inline,
  Text,
  Boolean,
  Error,
  Date,
}

const CELL_TYPES: Record<string, CellType> = {
  s: CellType.Shared,
  inlineStr: CellType.Inline,
  str: CellType.Text,
  b: CellType.Boolean,
  e: CellType.Error,
  d: CellType.Date,
};

function cellType(tag: Tag, index: number): CellType {
  if (tag.raw(index) && tag.end(index) - tag.start(index) === 1) {
    switch (tag.bytes[tag.start(index)]) {
      case 0x73:
        return CellType.Shared;
      case 0x62:
        return CellType.Boolean;
      case 0x65:
        return CellType.Error;
      case 0x64:
        return CellType.Date;
      default:
        return CellType.Number;
    }
  }
  const name = tag.value(index);
  return Object.prototype.hasOwnProperty.call(CELL_TYPES, name) ? CELL_TYPES[name] : CellType.Number;
}

/** A numeric cell's number, read from its bytes when plain; its text if it is no number; null if blank. */
function numberOf(bytes: Uint8Array, start: number, end: number, text: () => string): number | string | null {
  const plain = end > start ? plainNumber(bytes, start, end) : NaN;
  if (!Number.isNaN(plain)) return plain;
  const value = text();
  const v = value.trim();
  if (v === "") return null;
  const n = Number(v);
  return Number.isNaN(n) ? value : n;
}

/**
 * What the copy keeps of a cell: a date as its serial number (`number`, read from a numeric cell under a
 * date format), an error as an error, anything else as read.
 */
function copyValue(
  cell: Exclude<Cell, undefined>,
  type: CellType,
  numericDate: boolean | undefined,
  number: number,
  date1904: boolean,
): CopyValue {
  if (type === CellType.Error && typeof cell === "string") return { error: cell };
  if (typeof cell === "string" && numericDate) return number + (date1904 ? DAYS_1900_TO_1904 : 0);
  return cell;
}

/** A row's formats so far, none of them set: made when its first format comes. */
function nullFormats(width: number): (string | null)[] {
  const formats = new Array<string | null>(width);
  for (let i = 0; i < width; i++) formats[i] = null;
  return formats;
}

/** A cell's style index (0 if it is no number). */
function styleIndex(tag: Tag, index: number): number {
  const d = tag.digits(index);
  return d >= 0 ? d : Number(tag.value(index)) || 0;
}

const isHidden = (tag: Tag): boolean => {
  const h = tag.find("hidden");
  return h >= 0 && (tag.is(h, "1") || tag.is(h, "true"));
};

/** A row's index from 0: its r attribute, else the one after `previous`; a number past the sheet is damage. */
function rowNumber(tag: Tag, previous: number, sheet: string, book: string): number {
  const r = tag.find("r");
  let index = previous + 1;
  if (r >= 0) {
    const d = tag.digits(r);
    index = (d >= 0 ? d : Number(tag.value(r))) - 1;
    if (!Number.isInteger(index) || index < 0 || index >= MAX_ROWS)
      throw damaged(book, `${sheet}: неверный номер строки «${tag.value(r).slice(0, 20)}»`);
  } else if (index >= MAX_ROWS) throw damaged(book, `${sheet}: строк больше, чем может быть на листе`);
  return index;
}

/** A row's height in points, if it states a usable one. */
function rowHeight(tag: Tag): number | undefined {
  const ht = attribute(tag, "ht");
  const points = ht === undefined ? NaN : parseFloat(ht);
  return Number.isFinite(points) && points >= 0 ? points : undefined;
}

/** A <col> element's columns, width and hiding; null for a range no sheet has. */
function columnLayout(tag: Tag): SheetLayout["columns"][number] | null {
  const first = Number(attribute(tag, "min")) - 1;
  const last = Number(attribute(tag, "max")) - 1;
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 0 || last < first || last >= MAX_COLUMNS) return null;
  const w = attribute(tag, "width");
  const width = w === undefined ? NaN : parseFloat(w);
  const column: SheetLayout["columns"][number] = { first, last };
  if (Number.isFinite(width) && width >= 0) column.width = width;
  if (isHidden(tag)) column.hidden = true;
  return column;
}

/** The rows and columns a <pane> freezes, if it freezes any. */
function frozenPane(tag: Tag): SheetLayout["frozen"] | null {
  const state = attribute(tag, "state");
  if (state !== "frozen" && state !== "frozenSplit") return null;
  const rows = Math.max(0, Math.floor(Number(attribute(tag, "ySplit") ?? 0)) || 0);
  const columns = Math.max(0, Math.floor(Number(attribute(tag, "xSplit") ?? 0)) || 0);
  return rows > 0 || columns > 0 ? { rows, columns } : null;
}

class XlsxSheet implements SheetSource {
  private read = false;
  private readonly mergeAreas: MergeArea[] = [];
  private maxRow = -1;
  private maxCol = -1;
  private readonly sheetLayout: SheetLayout = { columns: [], frozen: null };

  constructor(
    readonly name: string,
    readonly hidden: boolean,
    private readonly book: XlsxBook,
    private readonly entry: ZipEntry | null,
  ) {}

  merges(): MergeArea[] {
    return this.clipped(this.maxRow, this.maxCol);
  }

  /** Clipped to the cells really there: a range's claim never makes anything iterate past them. */
  private clipped(maxRow: number, maxCol: number): MergeArea[] {
    const out: MergeArea[] = [];
    for (const m of this.mergeAreas) {
      if (m.top > maxRow || m.left > maxCol) continue;
      out.push({ top: m.top, left: m.left, bottom: Math.min(m.bottom, maxRow), right: Math.min(m.right, maxCol) });
    }
    return out;
  }

  /** The last row and column with a cell of any kind (a merged cell is there without a value). */
  private cellExtent = { row: -1, col: -1 };

  rows(): AsyncGenerator<SheetRow> {
    return this.parse(false);
  }

  styled(): StyledSheet {
    const self = this;
    let styles: Styles | null = null;
    return {
      name: this.name,
      async *rows() {
        styles = (await self.book.shared()).styles;
        for await (const row of self.parse(true)) yield row.copy!;
      },
      style: (index) => (styles ? lookOf(styles, index) : {}),
      layout: () => this.sheetLayout,
      // The copy keeps a merge as far as the cells the file holds, values or not.
      merges: () => this.clipped(Math.max(this.maxRow, this.cellExtent.row), Math.max(this.maxCol, this.cellExtent.col)),
    };
  }

  /** With `copy`, each row also carries every cell with a value or a look, as the copy takes them. */
  // long: one SAX-style loop over the sheet's XML: the open, close and text handlers share the cell's and row's state in one closure (no object per cell); what is not the loop is in functions above
  private async *parse(copy: boolean): AsyncGenerator<SheetRow & { copy?: CopyRow }> {
    if (this.read) throw new ShnorError("host", `Лист «${this.name}» уже прочитан.`);
    this.read = true;
    if (!this.entry) return;
    const { zip, limits } = this.book;
    const { strings, styles } = await this.book.shared();
    const layout = this.sheetLayout;
    const extent = this.cellExtent;
    const date1904 = this.book.date1904;
    const bookName = zip.name;
    const queue: (SheetRow & { copy?: CopyRow })[] = [];
    const self = this;
    let cells = 0;
    let rowElements = 0;
    let rowIndex = -1;
    let inRow = false;
    let hidden = false;
    let values: Cell[] = [];
    // Made when the row's first number format comes: most rows of most books have none, and without it a
    // row is a hundred nulls (a region's 40,000 rows, 32 MB).
    let formats: (string | null)[] | null = null;
    // The row's cells placed so far. A row is made as wide as the one before (most rows of a table are alike)
    // and cut to what it got, instead of growing by push: growing made each row's arrays three times over.
    let width = 0;
    let unsaved: UnsavedFormula[] | null = null;
    let copyCells: CopyCell[] = [];
    let height: number | undefined;
    let nextCol = 0;
    let col = 0;
    let type = CellType.Number;
    let style = 0;
    // The value's text: short plain text stays as bytes (read as a number or an index without a string), else a string.
    const valueBytes = new Uint8Array(64);
    let valueLength = -1;
    // Where the value's bytes are: valueBytes, or (a cell read in one look) the part's own bytes, valid till the cell is finished.
    let valueSource: Uint8Array = valueBytes;
    let valueStart = 0;
    let valueString: string | null = null;
    let hasValue = false;
    let formula = "";
    let hasFormula = false;
    let inline = "";
    let hasInline = false;
    let phonetic = 0;
    let collect = Collect.None;

    const tooLong = () => overLimit("stringLength", bookName, limits.stringLength);
    const valueText = () => valueString ?? (valueLength >= 0 ? decodeUtf8(valueSource.subarray(valueStart, valueStart + valueLength)) : "");

    /** The row's value and format at `col`, the gap before it filled, every cell counted against the limit. */
    const place = (cell: Cell, format: string | null) => {
      if (col >= width) {
        if (col > width) {
          if (cells + col - width > limits.cells) throw overLimit("cells", bookName, limits.cells);
          cells += col - width;
          while (width < col) {
            values[width] = null;
            if (formats) formats[width] = null;
            width++;
          }
        }
        values[width] = cell;
        if (format !== null) formats ??= nullFormats(width);
        if (formats) formats[width] = format;
        width++;
        if (++cells > limits.cells) throw overLimit("cells", bookName, limits.cells);
      } else {
        values[col] = cell;
        if (format !== null) formats ??= nullFormats(width);
        if (formats) formats[col] = format;
      }
    };

    /** A new cell: nothing of its value, formula or inline text read yet. */
    const emptyCell = () => {
      valueLength = -1;
      valueString = null;
      hasValue = false;
      formula = "";
      hasFormula = false;
      inline = "";
      hasInline = false;
    };

    const finishCell = () => {
      let cell: Cell = null;
      let format: string | null = null;
      // The number a numeric cell holds, when its text was read as one (for the copy's dates).
      let number = NaN;
      switch (type) {
        case CellType.Shared: {
          if (!hasValue) break;
          let index = valueLength >= 0 ? plainIndex(valueSource, valueStart, valueStart + valueLength) : -1;
          if (index < 0) index = Number(valueText());
          const text = strings[index];
          if (text === undefined)
            throw damaged(
              bookName,
              `лист «${self.name}»: ссылка на строку № ${valueText().trim()}, а общих строк в книге ${strings.length}`,
            );
          cell = text;
          break;
        }
        case CellType.Inline:
          if (hasInline) cell = unescapeOoxml(inline);
          else if (hasValue) cell = unescapeOoxml(valueText());
          break;
        case CellType.Text:
          if (hasValue) cell = unescapeOoxml(valueText());
          break;
        case CellType.Boolean:
          if (hasValue) {
            const v = valueText().trim();
            cell = v === "1" || v.toLowerCase() === "true";
          }
          break;
        case CellType.Error:
          if (hasValue) cell = valueText().trim();
          break;
        case CellType.Date:
          if (hasValue) {
            const v = valueText().trim();
            cell = /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : v;
          }
          break;
        default: {
          if (!hasValue) break;
          const n = numberOf(valueSource, valueStart, valueStart + valueLength, valueText);
          if (typeof n !== "number") {
            cell = n;
            break;
          }
          number = n;
          if (styles.dates[style]) {
            cell = serialToIsoDate(n, date1904) ?? n;
            if (typeof cell === "number") format = styles.formats[style] ?? null;
          } else {
            cell = n;
            format = styles.formats[style] ?? null;
          }
        }
      }
      if (hasFormula && !hasValue && !hasInline) {
        // Plain arithmetic on constants has a certain value; anything else is reported, never read as blank.
        const computed = styles.dates[style] ? null : evaluateConstantFormula(formula);
        if (computed !== null) {
          cell = computed;
          format = styles.formats[style] ?? null;
        } else (unsaved ??= []).push({ column: col, formula });
      }
      if (copy && (cell !== null || style !== 0)) {
        const raw = copyValue(cell, type, styles.dates[style] && type === CellType.Number && hasValue, number, date1904);
        copyCells.push({ column: col, value: raw, style: style < styles.formats.length ? style : 0 });
      }
      if (cell !== null) place(cell, format);
    };

    /** A cell's `<c>`: its column (its r, else the next), type and style; nothing of its value yet. */
    const openCell = (tag: Tag) => {
      // The r, t and s attributes, found by their letter (no object per cell).
      let r = -1;
      let t = -1;
      let s = -1;
      for (let i = 0; i < tag.count; i++) {
        const letter = tag.letter(i);
        if (letter === 0x72) r = i;
        else if (letter === 0x74) t = i;
        else if (letter === 0x73) s = i;
      }
      let c = r < 0 ? -1 : columnOfAttribute(tag, r, bookName);
      if (c < 0) c = nextCol;
      if (c >= MAX_COLUMNS) throw damaged(bookName, `лист «${self.name}»: ячейка за последним столбцом листа`);
      col = c;
      nextCol = c + 1;
      if (copy) {
        if (rowIndex > extent.row) extent.row = rowIndex;
        if (c > extent.col) extent.col = c;
      }
      type = t < 0 ? CellType.Number : cellType(tag, t);
      style = s < 0 ? 0 : styleIndex(tag, s);
      emptyCell();
    };

    /** A piece of a `<v>`'s text: short plain text stays as bytes (read as a number or an index without a string). */
    const addValueText = (t: Text) => {
      const length = t.end - t.start;
      if (t.raw && valueLength < 0 && valueString === null && length <= valueBytes.length) {
        const { bytes, start } = t;
        for (let i = 0; i < length; i++) valueBytes[i] = bytes[start + i];
        valueSource = valueBytes;
        valueStart = 0;
        valueLength = length;
        if (length > limits.stringLength && valueText().length > limits.stringLength) throw tooLong();
        return;
      }
      valueString = valueText() + t.string();
      valueLength = -1;
      if (valueString.length > limits.stringLength) throw tooLong();
    };

    const handler: ScanHandler = {
      names: SHEET_ELEMENTS,
      leaf: { outer: "c", inner: "v" },
      leafRead(tag, text) {
        openCell(tag);
        hasValue = true;
        if (text !== null && text.end - text.start <= valueBytes.length) {
          // Read where it lies: the cell is finished below, while the bytes are the part's.
          valueSource = text.bytes;
          valueStart = text.start;
          valueLength = text.end - text.start;
        } else if (text) addValueText(text);
        collect = Collect.None;
        if (inRow) finishCell();
      },
      open(kind, tag) {
        switch (kind) {
          case Element.C:
            openCell(tag);
            return;
          case Element.V:
            collect = Collect.Value;
            hasValue = true;
            return;
          case Element.F:
            collect = Collect.Formula;
            hasFormula = true;
            return;
          case Element.Is:
            hasInline = true;
            return;
          case Element.RPh:
            phonetic++;
            return;
          case Element.T:
            if (hasInline && phonetic === 0) collect = Collect.Inline;
            return;
          case Element.Row: {
            // Rows may repeat a number, but no sheet has more of them than rows: 89 million empty rows are damage.
            if (++rowElements > MAX_ROWS) throw damaged(bookName, `лист «${self.name}»: строк больше, чем может быть на листе`);
            rowIndex = rowNumber(tag, rowIndex, `лист «${self.name}»`, bookName);
            inRow = true;
            hidden = isHidden(tag);
            // At most ROW_PRESIZE: one very wide row (a title across the sheet) is not made for every row after it.
            values = width > 0 ? new Array<Cell>(Math.min(width, ROW_PRESIZE)) : [];
            formats = null;
            width = 0;
            unsaved = null;
            if (copy) {
              copyCells = [];
              height = rowHeight(tag);
            }
            nextCol = 0;
            return;
          }
          case Element.MergeCell: {
            const ref = attribute(tag, "ref");
            const area = ref === undefined ? null : parseRange(ref);
            if (area) self.mergeAreas.push(area);
            return;
          }
          case Element.Col: {
            const column = columnLayout(tag);
            if (column) layout.columns.push(column);
            return;
          }
          case Element.Pane: {
            const frozen = frozenPane(tag);
            if (frozen) layout.frozen = frozen;
            return;
          }
        }
      },
      close(kind) {
        switch (kind) {
          case Element.V:
          case Element.F:
          case Element.T:
            collect = Collect.None;
            return;
          case Element.RPh:
            phonetic--;
            return;
          case Element.C:
            if (inRow) finishCell();
            return;
          case Element.Row:
            inRow = false;
            if (width < values.length) values.length = width;
            if (values.length > 0 || hidden || unsaved || (copy && (copyCells.length > 0 || height !== undefined))) {
              const row: SheetRow & { copy?: CopyRow } = { index: rowIndex, values, formats: formats ?? [] };
              if (hidden) row.hidden = true;
              if (unsaved) row.unsavedFormulas = unsaved;
              if (copy) {
                row.copy = { index: rowIndex, cells: copyCells };
                if (height !== undefined) row.copy.height = height;
                if (hidden) row.copy.hidden = true;
              }
              queue.push(row);
              if (values.length > 0) {
                if (rowIndex > self.maxRow) self.maxRow = rowIndex;
                if (values.length - 1 > self.maxCol) self.maxCol = values.length - 1;
              }
            }
            return;
        }
      },
      text(t) {
        switch (collect) {
          case Collect.None:
            return;
          case Collect.Value:
            addValueText(t);
            return;
          case Collect.Formula:
            if (formula.length < 8192) formula += t.string();
            return;
          case Collect.Inline:
            inline += t.string();
            if (inline.length > limits.stringLength) throw tooLong();
            return;
        }
      },
    };
    for await (const _ of scanXml(zip.chunks(this.entry), handler, { book: bookName, part: this.entry.name, limits })) {
      void _;
      if (queue.length > 0) yield* queue.splice(0, queue.length);
    }
    if (queue.length > 0) yield* queue.splice(0, queue.length);
  }
}

export class XlsxBook implements BookSource {
  readonly format = "xlsx" as const;
  private sharedParts: Promise<Shared> | null = null;

  private constructor(
    readonly zip: Zip,
    readonly limits: ReaderLimits,
    readonly parts: SheetPart[],
    readonly date1904: boolean,
    private readonly stringsEntry: ZipEntry | undefined,
    private readonly stylesEntry: ZipEntry | undefined,
  ) {}

  get name(): string {
    return this.zip.name;
  }

  get sheetNames(): string[] {
    return this.parts.map((p) => p.name);
  }

  static async open(zip: Zip, limits: ReaderLimits): Promise<XlsxBook> {
    const workbook = await workbookPart(zip, limits);
    if (/\.bin$/i.test(workbook)) throw new ShnorError("unreadable-file", XLSB_MESSAGE(zip.name));
    const entry = zip.entry(workbook);
    if (!entry) throw damaged(zip.name, "в книге нет описания листов (workbook.xml)");
    const sheets: { name: string; id: string | undefined; hidden: boolean }[] = [];
    let date1904 = false;
    await parsePart(
      zip,
      entry,
      {
        open(name, a) {
          if (name === "sheet") {
            const sheetName = a.name ?? "";
            if (sheetName.length > limits.stringLength) throw overLimit("stringLength", zip.name, limits.stringLength);
            if (sheets.length >= limits.sheets) throw overLimit("sheets", zip.name, limits.sheets);
            sheets.push({ name: sheetName, id: prefixed(a, "id") ?? a.id, hidden: a.state === "hidden" || a.state === "veryHidden" });
          } else if (name === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
        },
        close() {},
      },
      limits,
    );
    const rels = await readRelationships(zip, workbook, limits);
    const parts: SheetPart[] = sheets.map((s) => {
      const rel = s.id === undefined ? undefined : rels.get(s.id);
      if (!rel) throw damaged(zip.name, `у листа «${s.name}» нет связи с его частью`);
      if (!typeIs(rel, "worksheet")) return { name: s.name, part: null, hidden: s.hidden };
      if (!zip.entry(rel.target)) throw damaged(zip.name, `нет части «${rel.target}» листа «${s.name}»`);
      return { name: s.name, part: rel.target, hidden: s.hidden };
    });
    const byType = (kind: string, fallback: string) => {
      for (const rel of rels.values()) if (typeIs(rel, kind)) return zip.entry(rel.target);
      return zip.entry(fallback);
    };
    return new XlsxBook(zip, limits, parts, date1904, byType("sharedStrings", "xl/sharedStrings.xml"), byType("styles", "xl/styles.xml"));
  }

  /** Shared strings and styles, read once, when the first sheet is. */
  shared(): Promise<Shared> {
    this.sharedParts ??= (async () => ({
      strings: await readSharedStrings(this.zip, this.stringsEntry, this.limits),
      styles: await readStyles(this.zip, this.stylesEntry, this.limits),
    }))();
    return this.sharedParts;
  }

  storedSettings(): Promise<string | null> {
    return findSettingsPart(this.zip, this.limits);
  }

  async *sheets(): AsyncGenerator<SheetSource> {
    for (const part of this.parts) {
      yield new XlsxSheet(part.name, part.hidden, this, part.part === null ? null : (this.zip.entry(part.part) ?? null));
    }
  }
}
