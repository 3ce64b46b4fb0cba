/**
 * A described sheet's rows written as SpreadsheetML directly into exceljs's
 * streaming worksheet, for the command only (Node). exceljs makes a Row, a
 * Cell, a model and an XmlStream for every cell, and at a region's size
 * («Динамика»: a row per school and series, a million rows) those objects were
 * most of the report's time and garbage. Here the XML goes into a buffer as
 * bytes as it is made, without a string a cell or a row. The copy of the
 * user's sheet is written by the same writer (copiedRow, copy-xml.ts).
 *
 * exceljs still writes everything around the rows (the sheet's head, widths,
 * merges, validation, conditional formats, print) and keeps the shared
 * strings and styles, so the book is exceljs's own: the bytes of every part
 * are the same as exceljs's rendering of the same sheet, quirks included
 * (tests/cli/sheet-xml.test.ts holds them equal). The quirks kept: a merge
 * makes its cells (the master and the covered ones, «<c r="B1"/>»), a value
 * put on a covered cell goes to the master, a row whose cells are all empty
 * is left out unless it has a height, and a row's spans count every cell made.
 */
import type ExcelJS from "exceljs";
import { columnName, type SheetSpec } from "../core";
import type { RowCell } from "./sheet-writer";

// exceljs's own escaping, range and value types, so the text is the same as its writer's.
const { xmlEncode } = require("exceljs/lib/utils/utils") as { xmlEncode(text: string): string };
const Range = require("exceljs/lib/doc/range") as new (top: number, left: number, bottom: number, right: number) => object;
export const { ValueType } = require("exceljs/lib/doc/enums") as {
  ValueType: Record<"Null" | "Merge" | "Number" | "String" | "Boolean" | "Formula" | "Error", number>;
};

/** The insides of exceljs's streaming worksheet that this writer uses. */
interface StreamingWorksheet {
  startedData: boolean;
  _merges: object[];
  _writeColumns(): void;
  _writeOpenSheetData(): void;
  stream: { write(data: string | Buffer): unknown; batch?: boolean };
  _workbook: {
    styles: { addStyleModel(style: object, type?: number): number };
    sharedStrings?: { add(value: string): number };
  };
  useSharedStrings: boolean;
}

/** A cell as exceljs would hold it: a type, a value, a style object; `master` for a cell a merge covers. */
interface HeldCell {
  type: number;
  value: string | number | boolean | { formula: string } | { error: string } | undefined;
  style: object;
  master?: HeldCell;
}

/** A cell of a copied row (copy-sheet.ts), 1-based column, as exceljs's streaming sheet would hold it. */
export interface CopiedCell {
  column: number;
  type: number;
  /** The value as written (undefined for an empty cell). */
  content: HeldCell["value"];
  style: object;
}

interface HeldRow {
  cells: HeldCell[];
  height?: number;
}

type Merge = SheetSpec["merges"][number];

/** The rows' bytes are handed to the sheet's stream in pieces of at most this size (the caller flushes sooner, see pendingBytes). */
const OUT_BYTES = 1024 * 1024;

export class SheetXmlWriter {
  private readonly ws: StreamingWorksheet;
  /** Rows made and not yet written, by 1-based number (a merge makes rows ahead of the one being written). */
  private readonly held = new Map<number, HeldRow>();
  /** The next row not yet written: rows before it are gone, as in exceljs. */
  private written = 1;
  /** Rows written and not yet handed to the sheet's stream, as UTF-8 (see `room`: no string a row). */
  private readonly out = Buffer.allocUnsafe(OUT_BYTES);
  private outLength = 0;
  private readonly styleIds = new Map<object, Map<number, number>>();
  private readonly emptyIds = new Map<number, number>();
  private rowStyleId: number | undefined;
  private readonly letters: string[] = [];
  private readonly merges: Merge[];
  private nextMerge = 0;

  constructor(worksheet: ExcelJS.Worksheet, merges: readonly Merge[]) {
    this.ws = worksheet as unknown as StreamingWorksheet;
    this.merges = [...merges].sort((a, b) => a.row - b.row);
  }

  /** Takes the merges that start at or above this 0-based row, as the exceljs path does before each row. */
  mergeUpTo(row: number): void {
    for (; this.nextMerge < this.merges.length && this.merges[this.nextMerge].row <= row; this.nextMerge++) {
      const m = this.merges[this.nextMerge];
      const top = m.row + 1;
      const left = m.column + 1;
      const bottom = m.row + m.rows;
      const right = m.column + m.columns;
      const master = this.cell(top, left);
      for (let i = top; i <= bottom; i++)
        for (let j = left; j <= right; j++) {
          if (i === top && j === left) continue;
          const cell = this.cell(i, j);
          cell.type = ValueType.Merge;
          cell.value = undefined;
          cell.master = master;
          cell.style = master.style;
        }
      this.ws._merges.push(new Range(top, left, bottom, right));
    }
  }

  /** One 0-based row of the description: its cells' values and styles, its height; then it is written. */
  row(row: number, cells: readonly RowCell[], height: number | undefined): void {
    const number = row + 1;
    // Nearly every row: nothing made ahead by a merge, so no cell needs holding.
    if (this.held.size === 0) return this.writeCells(number, cells, height);
    for (const c of cells) {
      const cell = this.cell(number, c.column + 1);
      if (c.value !== undefined) {
        // exceljs puts a value given to a covered cell on its master.
        const target = cell.master ?? cell;
        target.type = typeOf(c.value);
        target.value = c.value as HeldCell["value"];
      }
      cell.style = c.style;
    }
    if (height !== undefined) this.held.get(number)!.height = height;
    this.commit(number);
  }

  /** Everything still held (rows a merge made past the last row), then the text out to the sheet's stream. */
  finish(): void {
    this.mergeUpTo(Number.MAX_SAFE_INTEGER);
    const rest = [...this.held.keys()].sort((a, b) => a - b);
    for (const number of rest) this.writeRow(number);
    this.flush();
  }

  /** Hands the rows written so far to the sheet's stream. */
  flush(): void {
    if (this.outLength === 0) return;
    // exceljs's sheet stream in batch mode (as exceljs makes them) copies what it is given before write
    // returns, so the buffer takes the next rows; any other stream may keep it, and gets a copy.
    const bytes = this.out.subarray(0, this.outLength);
    this.ws.stream.write(this.ws.stream.batch === true ? bytes : Buffer.from(bytes));
    this.outLength = 0;
  }

  /** The bytes of rows written and not yet handed to the stream. */
  get pendingBytes(): number {
    return this.outLength;
  }

  private cell(row: number, column: number): HeldCell {
    if (row < this.written) throw new Error("Out of bounds: this row has been committed");
    let held = this.held.get(row);
    if (!held) this.held.set(row, (held = { cells: [] }));
    let cell = held.cells[column];
    if (!cell) held.cells[column] = cell = { type: ValueType.Null, value: undefined, style: {} };
    return cell;
  }

  /** exceljs's commit of a row: the rows held before it, then the row. */
  private commit(number: number): void {
    if (this.held.size > 1) for (const n of [...this.held.keys()].filter((k) => k < number).sort((a, b) => a - b)) this.writeRow(n);
    this.writeRow(number);
  }

  /** A row straight from its cells (in column order), as writeRow would write it held. */
  private writeCells(number: number, cells: readonly RowCell[], height: number | undefined): void {
    this.written = number + 1;
    this.openData();
    if (cells.length === 0 && !height) return;
    let hasValues = false;
    for (const c of cells) if (c.value !== undefined) hasValues = true;
    if (!hasValues && !height) return;
    this.rowHead(number, height, cells.length ? cells[0].column + 1 : 0, cells.length ? cells[cells.length - 1].column + 1 : 0);
    for (const c of cells) {
      const type = c.value === undefined ? ValueType.Null : typeOf(c.value);
      this.cellXml(number, c.column + 1, type, c.value as HeldCell["value"], c.style);
    }
    this.ascii("</row>");
  }

  /**
   * A row of a copied sheet, its cells in column order, as exceljs writes a committed row: left out
   * without a value or a height unless `force`d (a row whose empty cells have a look, or a hidden one).
   */
  copiedRow(number: number, cells: readonly CopiedCell[], height: number | undefined, hidden: boolean, force: boolean): void {
    this.written = number + 1;
    this.openData();
    if (!force && !height && !cells.some((c) => c.type !== ValueType.Null)) return;
    const min = cells.length ? cells[0].column : 0;
    const max = cells.length ? cells[cells.length - 1].column : 0;
    this.rowHead(number, height, min, max, hidden);
    let written = false;
    for (const c of cells) if (this.cellXml(number, c.column, c.type, c.content, c.style)) written = true;
    if (written) return this.ascii("</row>");
    // A row none of whose cells is written closes itself, as exceljs's XmlStream closes an empty node:
    // its head's «>», the last byte (no cell wrote any), becomes «/>».
    this.outLength--;
    this.ascii("/>");
  }

  private openData(): void {
    const ws = this.ws;
    if (!ws.startedData) {
      ws._writeColumns();
      ws._writeOpenSheetData();
      ws.startedData = true;
    }
  }

  /** The row's start tag; exceljs's attributes in exceljs's order. */
  private rowHead(number: number, height: number | undefined, min: number, max: number, hidden = false): void {
    // The row's own (empty) style goes through the styles as exceljs sends it, before its cells'.
    if (this.rowStyleId === undefined) this.rowStyleId = this.ws._workbook.styles.addStyleModel({});
    this.ascii('<row r="');
    this.int(number);
    this.ascii('"');
    if (height) {
      this.ascii(' ht="');
      this.text(xmlEncode(String(height)));
      this.ascii('" customHeight="1"');
    }
    if (hidden) this.ascii(' hidden="1"');
    if (min > 0 && max > 0 && min <= max) {
      this.ascii(' spans="');
      this.int(min);
      this.ascii(":");
      this.int(max);
      this.ascii('"');
    }
    if (this.rowStyleId) {
      this.ascii(' s="');
      this.int(this.rowStyleId);
      this.ascii('" customFormat="1"');
    }
    this.ascii(' x14ac:dyDescent="0.25">');
  }

  /**
   * The XML goes into the buffer as bytes as it is made, without a string a row or a cell: at a
   * region's size (700 MB of XML) such strings lived until their piece was handed on, long enough
   * to be promoted, and were most of what the collector had to clear.
   */
  private room(bytes: number): void {
    if (this.outLength + bytes > OUT_BYTES) this.flush();
  }

  /** Markup: ASCII, written byte by byte. */
  private ascii(markup: string): void {
    this.room(markup.length);
    const out = this.out;
    let at = this.outLength;
    for (let i = 0; i < markup.length; i++) out[at++] = markup.charCodeAt(i);
    this.outLength = at;
  }

  /** A whole number ≥ 0 in decimal, as String() writes it. */
  private int(n: number): void {
    this.room(16);
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    const out = this.out;
    const start = this.outLength;
    for (let at = start + digits - 1, x = n; at >= start; at--, x = Math.floor(x / 10)) out[at] = 48 + (x % 10);
    this.outLength = start + digits;
  }

  /** Text as xmlEncode escapes it, as UTF-8, without the escaped string. */
  private escaped(raw: string): void {
    if (raw.length * MAX_ESCAPED > OUT_BYTES) return this.text(xmlEncode(raw));
    this.room(raw.length * MAX_ESCAPED);
    this.outLength = writeEscaped(this.out, this.outLength, raw);
  }

  /** Escaped text as UTF-8: its ASCII start byte by byte, the rest (from its first other character) by Buffer's encoder. */
  private text(escaped: string): void {
    // A UTF-8 character takes at most 3 bytes a UTF-16 unit; a text longer than the buffer goes to the stream itself.
    if (escaped.length * 3 > OUT_BYTES) {
      this.flush();
      this.ws.stream.write(escaped);
      return;
    }
    this.room(escaped.length * 3);
    const out = this.out;
    let at = this.outLength;
    let i = 0;
    for (; i < escaped.length; i++) {
      const code = escaped.charCodeAt(i);
      if (code >= 0x80) break;
      out[at++] = code;
    }
    if (i < escaped.length) at += out.write(i === 0 ? escaped : escaped.slice(i), at, "utf8");
    this.outLength = at;
  }

  private writeRow(number: number): void {
    const row = this.held.get(number);
    this.held.delete(number);
    this.written = number + 1;
    if (!row) return;
    this.openData();
    let min = 0;
    let max = 0;
    let hasValues = false;
    const cells = row.cells;
    for (let c = 1; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell) continue;
      if (!min) min = c;
      max = c;
      if (cell.type !== ValueType.Null) hasValues = true;
    }
    if (!hasValues && !row.height) return;
    this.rowHead(number, row.height, min, max);
    for (let c = min; c <= max; c++) {
      const cell = cells[c];
      if (cell) this.cellXml(number, c, cell.type, cell.value, cell.style);
    }
    this.ascii("</row>");
  }

  /** A cell as exceljs writes it; false when it writes nothing (an empty cell without a look). */
  private cellXml(row: number, column: number, type: number, value: HeldCell["value"], style: object): boolean {
    const styleId = this.styleId(style, type === ValueType.Formula ? ValueType.Null : type);
    if (type === ValueType.Null && !styleId) return false;
    this.ascii('<c r="');
    this.ascii(this.letter(column));
    this.int(row);
    if (styleId) {
      this.ascii('" s="');
      this.int(styleId);
    }
    if (value === undefined || type === ValueType.Merge) this.ascii('"/>');
    // A number's text has nothing XML escapes (digits, «.», «-», «e», «+», Infinity, NaN).
    else if (typeof value === "number") {
      this.ascii('"><v>');
      this.ascii(String(value));
      this.ascii("</v></c>");
    } else if (typeof value === "boolean") this.ascii(value ? '" t="b"><v>1</v></c>' : '" t="b"><v>0</v></c>');
    else if (typeof value === "string") {
      const strings = this.ws.useSharedStrings ? this.ws._workbook.sharedStrings : undefined;
      if (strings) {
        this.ascii('" t="s"><v>');
        this.int(strings.add(value));
      } else {
        this.ascii('" t="str"><v>');
        this.escaped(value);
      }
      this.ascii("</v></c>");
    } else if ("error" in value) {
      this.ascii('" t="e"><v>');
      this.escaped(value.error);
      this.ascii("</v></c>");
    } else {
      this.ascii('"><f>');
      this.escaped(value.formula);
      this.ascii("</f></c>");
    }
    return true;
  }

  /** The style's id as exceljs gives it for the cell's type (a formula without a result counts as empty). */
  private styleId(style: object, type: number): number {
    const id = this.styleIds.get(style)?.get(type);
    if (id !== undefined) return id;
    const styles = this.ws._workbook.styles;
    // A cell nobody styled has a fresh empty style: one id a type, and the object is not kept.
    if (Object.keys(style).length === 0) {
      let empty = this.emptyIds.get(type);
      if (empty === undefined) this.emptyIds.set(type, (empty = styles.addStyleModel({}, type)));
      return empty;
    }
    let byType = this.styleIds.get(style);
    if (!byType) this.styleIds.set(style, (byType = new Map()));
    const made = styles.addStyleModel(style, type);
    byType.set(type, made);
    return made;
  }

  private letter(column: number): string {
    return (this.letters[column] ??= columnName(column - 1));
  }
}

/** The most bytes a UTF-16 unit of text takes escaped («&quot;»). */
const MAX_ESCAPED = 6;

const ENTITIES: (number[] | undefined)[] = [];
for (const [code, entity] of [
  [34, "&quot;"],
  [38, "&amp;"],
  [39, "&apos;"],
  [60, "&lt;"],
  [62, "&gt;"],
] as const)
  ENTITIES[code] = [...entity].map((ch) => ch.charCodeAt(0));

/** What exceljs's xmlEncode leaves out: control characters but tab, line feed and carriage return, and DEL. */
const dropped = (code: number) => code === 127 || (code <= 31 && (code <= 8 || (code >= 11 && code !== 13)));

/**
 * `Buffer.from(xmlEncode(raw))` written into `out` at `at` (room for 6 bytes a UTF-16 unit), returning
 * the end: exceljs's five entities, its dropped characters, and UTF-8 as Buffer encodes it (a surrogate
 * without its pair as U+FFFD; a pair whose halves a dropped character parted is whole again).
 */
export function writeEscaped(out: Buffer, at: number, raw: string): number {
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code < 0x80) {
      const entity = ENTITIES[code];
      if (entity) for (const b of entity) out[at++] = b;
      else if (!dropped(code)) out[at++] = code;
    } else if (code < 0x800) {
      out[at++] = 0xc0 | (code >> 6);
      out[at++] = 0x80 | (code & 0x3f);
    } else if (code < 0xd800 || code > 0xdfff) {
      out[at++] = 0xe0 | (code >> 12);
      out[at++] = 0x80 | ((code >> 6) & 0x3f);
      out[at++] = 0x80 | (code & 0x3f);
    } else {
      let next = i + 1;
      while (next < raw.length && dropped(raw.charCodeAt(next))) next++;
      const low = next < raw.length ? raw.charCodeAt(next) : 0;
      if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        const point = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        out[at++] = 0xf0 | (point >> 18);
        out[at++] = 0x80 | ((point >> 12) & 0x3f);
        out[at++] = 0x80 | ((point >> 6) & 0x3f);
        out[at++] = 0x80 | (point & 0x3f);
        i = next;
      } else {
        out[at++] = 0xef;
        out[at++] = 0xbf;
        out[at++] = 0xbd;
      }
    }
  }
  return at;
}

/** exceljs's type of a value a copied cell is given (copy-sheet.ts: the user's values and the marks'). */
export function copiedType(value: unknown): number {
  if (value === null || value === undefined) return ValueType.Null;
  if (typeof value === "object" && "error" in value) return ValueType.Error;
  return typeOf(value as RowCell["value"]);
}

function typeOf(value: RowCell["value"]): number {
  if (typeof value === "string") return ValueType.String;
  if (typeof value === "number") return ValueType.Number;
  if (typeof value === "boolean") return ValueType.Boolean;
  return ValueType.Formula;
}
