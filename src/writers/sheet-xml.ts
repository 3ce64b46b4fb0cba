/**
 * A described sheet's rows written as SpreadsheetML directly into exceljs's
 * streaming worksheet, for the command only (Node). exceljs makes a Row, a
 * Cell, a model and an XmlStream for every cell, and at a region's size
 * («Динамика»: a row per school and series, a million rows) those objects were
 * most of the report's time and garbage. Here a row is one string.
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
  /**
   * Rows written so far, as UTF-8. Each row's text is encoded as soon as it is made, so it dies young:
   * held as strings until the next flush, a region's rows lived long enough to be promoted and
   * collected by full collections, and their joining and encoding cost as much again.
   */
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
    let xml = this.rowHead(number, height, cells.length ? cells[0].column + 1 : 0, cells.length ? cells[cells.length - 1].column + 1 : 0);
    for (const c of cells) {
      const type = c.value === undefined ? ValueType.Null : typeOf(c.value);
      xml += this.cellXml(number, c.column + 1, type, c.value as HeldCell["value"], c.style);
    }
    this.push(xml + "</row>");
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
    const head = this.rowHead(number, height, min, max, hidden);
    let xml = "";
    for (const c of cells) xml += this.cellXml(number, c.column, c.type, c.content, c.style);
    // A row none of whose cells is written closes itself, as exceljs's XmlStream closes an empty node.
    this.push(xml === "" ? `${head.slice(0, -1)}/>` : `${head}${xml}</row>`);
  }

  private openData(): void {
    const ws = this.ws;
    if (!ws.startedData) {
      ws._writeColumns();
      ws._writeOpenSheetData();
      ws.startedData = true;
    }
  }

  private rowHead(number: number, height: number | undefined, min: number, max: number, hidden = false): string {
    // The row's own (empty) style goes through the styles as exceljs sends it, before its cells'.
    if (this.rowStyleId === undefined) this.rowStyleId = this.ws._workbook.styles.addStyleModel({});
    let xml = `<row r="${number}"`;
    if (height) xml += ` ht="${xmlEncode(String(height))}" customHeight="1"`;
    if (hidden) xml += ' hidden="1"';
    if (min > 0 && max > 0 && min <= max) xml += ` spans="${min}:${max}"`;
    if (this.rowStyleId) xml += ` s="${this.rowStyleId}" customFormat="1"`;
    return xml + ' x14ac:dyDescent="0.25">';
  }

  private push(xml: string): void {
    // A UTF-8 character takes at most 3 bytes a UTF-16 unit.
    if (this.outLength + xml.length * 3 > OUT_BYTES) this.flush();
    if (xml.length * 3 > OUT_BYTES) this.ws.stream.write(xml);
    else this.outLength += this.out.write(xml, this.outLength, "utf8");
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
    let xml = this.rowHead(number, row.height, min, max);
    for (let c = min; c <= max; c++) {
      const cell = cells[c];
      if (cell) xml += this.cellXml(number, c, cell.type, cell.value, cell.style);
    }
    this.push(xml + "</row>");
  }

  private cellXml(row: number, column: number, type: number, value: HeldCell["value"], style: object): string {
    const styleId = this.styleId(style, type === ValueType.Formula ? ValueType.Null : type);
    if (type === ValueType.Null && !styleId) return "";
    const ref = `${this.letter(column)}${row}`;
    const head = styleId ? `<c r="${ref}" s="${styleId}"` : `<c r="${ref}"`;
    if (value === undefined || type === ValueType.Merge) return `${head}/>`;
    // A number's text has nothing XML escapes (digits, «.», «-», «e», «+», Infinity, NaN).
    if (typeof value === "number") return `${head}><v>${String(value)}</v></c>`;
    if (typeof value === "boolean") return `${head} t="b"><v>${value ? "1" : "0"}</v></c>`;
    if (typeof value === "string") {
      const strings = this.ws.useSharedStrings ? this.ws._workbook.sharedStrings : undefined;
      if (strings) return `${head} t="s"><v>${strings.add(value)}</v></c>`;
      return `${head} t="str"><v>${xmlEncode(value)}</v></c>`;
    }
    if ("error" in value) return `${head} t="e"><v>${xmlEncode(value.error)}</v></c>`;
    return `${head}><f>${xmlEncode(value.formula)}</f></c>`;
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
