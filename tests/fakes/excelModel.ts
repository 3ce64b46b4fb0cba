/**
 * The workbook behind the fake Excel: sheets of cells, formats, conditional
 * formats, names, custom XML parts, charts. Plain data; the proxies in
 * excel.ts read and change it only while a sync runs. No Node APIs: it is
 * bundled into the browser test too.
 */

export type FakeCell = string | number | boolean;

export interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string };
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message };
  }
}

export function columnName(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A1, A1:B2, A:B, 3:5 → rect (no sheet part). */
export function parseA1(ref: string): Rect {
  const clean = ref.replace(/\$/g, "").toUpperCase();
  const [a, b = a] = clean.split(":");
  const cell = /^([A-Z]{1,3})(\d+)$/;
  const m1 = cell.exec(a);
  const m2 = cell.exec(b);
  if (m1 && m2) {
    const r1 = Number(m1[2]) - 1;
    const r2 = Number(m2[2]) - 1;
    const c1 = columnIndex(m1[1]);
    const c2 = columnIndex(m2[1]);
    return { row: Math.min(r1, r2), column: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, columns: Math.abs(c2 - c1) + 1 };
  }
  if (/^[A-Z]{1,3}$/.test(a) && /^[A-Z]{1,3}$/.test(b)) {
    const c1 = columnIndex(a);
    const c2 = columnIndex(b);
    return { row: 0, column: Math.min(c1, c2), rows: MAX_ROWS, columns: Math.abs(c2 - c1) + 1 };
  }
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const r1 = Number(a) - 1;
    const r2 = Number(b) - 1;
    return { row: Math.min(r1, r2), column: 0, rows: Math.abs(r2 - r1) + 1, columns: MAX_COLUMNS };
  }
  throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: «${ref}».`);
}

export function rectA1(r: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  if (r.rows === MAX_ROWS) return `${d}${columnName(r.column)}:${d}${columnName(r.column + r.columns - 1)}`;
  if (r.columns === MAX_COLUMNS) return `${d}${r.row + 1}:${d}${r.row + r.rows}`;
  const first = `${d}${columnName(r.column)}${d}${r.row + 1}`;
  if (r.rows === 1 && r.columns === 1) return first;
  return `${first}:${d}${columnName(r.column + r.columns - 1)}${d}${r.row + r.rows}`;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-zА-Яа-яЁё_][A-Za-zА-Яа-яЁё0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;
}

export function contains(r: Rect, row: number, column: number): boolean {
  return row >= r.row && row < r.row + r.rows && column >= r.column && column < r.column + r.columns;
}

/** A rect after inserting (n > 0) or deleting (n < 0) columns at `at`; null when deleted whole. */
export function shiftColumns(r: Rect, at: number, n: number): Rect | null {
  if (n > 0) {
    if (r.column >= at) return { ...r, column: r.column + n };
    if (r.column + r.columns > at) return { ...r, columns: r.columns + n };
    return r;
  }
  const count = -n;
  const end = at + count;
  const rEnd = r.column + r.columns;
  if (rEnd <= at) return r;
  if (r.column >= end) return { ...r, column: r.column - count };
  const keptLeft = Math.max(0, at - r.column);
  const keptRight = Math.max(0, rEnd - end);
  if (keptLeft + keptRight === 0) return null;
  return { ...r, column: Math.min(r.column, at), columns: keptLeft + keptRight };
}

export interface RowModel {
  v: (FakeCell | undefined)[];
  f: (string | undefined)[];
  nf: (string | undefined)[];
}

/** A format change as applied: later ones win where they overlap. */
export interface FormatOp {
  rect: Rect;
  prop: string;
  value: unknown;
}

export interface CfModel {
  id: string;
  rect: Rect;
  type: string;
  formula: string;
  fill: string | null;
  fontColor: string | null;
  stopIfTrue: boolean;
}

export interface ValidationModel {
  rect: Rect;
  rule: unknown;
  errorAlert?: unknown;
  prompt?: unknown;
}

export interface ChartModel {
  id: string;
  name: string;
  type: string;
  title: string;
  series: { name: string; values: string; xValues: string }[];
  position: string;
}

export interface NameModel {
  name: string;
  comment: string;
  visible: boolean;
  sheet: SheetModel | null;
  rect: Rect | null;
}

export interface XmlPartModel {
  id: string;
  namespaceUri: string;
  xml: string;
}

let nextId = 1;
export function newId(prefix: string): string {
  return `{${prefix}-${nextId++}}`;
}

export class SheetModel {
  readonly id = newId("sheet");
  visibility: "Visible" | "Hidden" = "Visible";
  protected = false;
  rows: (RowModel | undefined)[] = [];
  formats: FormatOp[] = [];
  cfs: CfModel[] = [];
  merges: Rect[] = [];
  validations: ValidationModel[] = [];
  charts: ChartModel[] = [];
  pageLayout: Record<string, unknown> = {};
  freezeRows = 0;
  freezeColumns = 0;
  columnWidths = new Map<number, number>();
  constructor(public name: string) {}

  row(r: number, create: true): RowModel;
  row(r: number, create?: false): RowModel | undefined;
  row(r: number, create = false): RowModel | undefined {
    let row = this.rows[r];
    if (!row && create) {
      row = { v: [], f: [], nf: [] };
      this.rows[r] = row;
    }
    return row;
  }

  value(r: number, c: number): FakeCell {
    return this.rows[r]?.v[c] ?? "";
  }

  formula(r: number, c: number): FakeCell {
    const row = this.rows[r];
    return row?.f[c] ?? row?.v[c] ?? "";
  }

  numberFormat(r: number, c: number): string {
    return this.rows[r]?.nf[c] ?? "General";
  }

  isEmpty(r: number, c: number): boolean {
    const row = this.rows[r];
    return !row || ((row.v[c] === undefined || row.v[c] === "") && row.f[c] === undefined);
  }

  /** Bounding box of cells with values (and, unless valuesOnly, of formatted cells). */
  usedRect(within?: Rect, valuesOnly = true): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const r0 = within ? within.row : 0;
    const r1 = within ? Math.min(this.rows.length, within.row + within.rows) : this.rows.length;
    for (let r = r0; r < r1; r++) {
      const row = this.rows[r];
      if (!row) continue;
      const c0 = within ? within.column : 0;
      const c1 = within
        ? Math.min(within.column + within.columns, Math.max(row.v.length, row.f.length, row.nf.length))
        : Math.max(row.v.length, row.f.length, row.nf.length);
      for (let c = c0; c < c1; c++) {
        const used = !this.isEmpty(r, c) || (!valuesOnly && row.nf[c] !== undefined && row.nf[c] !== "General");
        if (!used) continue;
        if (r < top) top = r;
        if (r > bottom) bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
      }
    }
    if (bottom < 0) return null;
    return { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  /** The last value a format property got at a cell. */
  formatAt(r: number, c: number, prop: string): unknown {
    let value: unknown;
    for (const op of this.formats) if (op.prop === prop && contains(op.rect, r, c)) value = op.value;
    return value;
  }

  clear(rect: Rect, what: "All" | "Contents" | "Formats"): void {
    const lastRow = Math.min(this.rows.length, rect.row + rect.rows);
    for (let r = rect.row; r < lastRow; r++) {
      const row = this.rows[r];
      if (!row) continue;
      for (let c = rect.column; c < rect.column + rect.columns && c < Math.max(row.v.length, row.f.length, row.nf.length); c++) {
        if (what !== "Formats") {
          row.v[c] = undefined;
          row.f[c] = undefined;
        }
        if (what !== "Contents") row.nf[c] = undefined;
      }
    }
    if (what !== "Contents") {
      // Formats of the rect are dropped: ops wholly inside go, others stay (a simplification).
      this.formats = this.formats.filter(
        (op) =>
          !(
            op.rect.row >= rect.row &&
            op.rect.column >= rect.column &&
            op.rect.row + op.rect.rows <= rect.row + rect.rows &&
            op.rect.column + op.rect.columns <= rect.column + rect.columns
          ),
      );
      this.validations = this.validations.filter((v) => !intersects(v.rect, rect));
    }
  }

  shiftColumns(at: number, n: number): void {
    for (const row of this.rows) {
      if (!row) continue;
      for (const key of ["v", "f", "nf"] as const) {
        const arr = row[key] as unknown[];
        if (arr.length <= at) continue;
        if (n > 0) arr.splice(at, 0, ...new Array(n).fill(undefined));
        else arr.splice(at, -n);
      }
    }
    const move = <T extends { rect: Rect }>(items: T[]): T[] =>
      items.flatMap((item) => {
        const rect = shiftColumns(item.rect, at, n);
        return rect ? [{ ...item, rect }] : [];
      });
    this.formats = move(this.formats);
    this.cfs = move(this.cfs);
    this.validations = move(this.validations);
    this.merges = this.merges.flatMap((m) => {
      const r = shiftColumns(m, at, n);
      return r ? [r] : [];
    });
    const widths = new Map<number, number>();
    for (const [c, w] of this.columnWidths) {
      if (c < at) widths.set(c, w);
      else if (n > 0) widths.set(c + n, w);
      else if (c >= at - n) widths.set(c + n, w);
    }
    this.columnWidths = widths;
  }
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  names: NameModel[] = [];
  xmlParts: XmlPartModel[] = [];
  activeSheet: SheetModel | null = null;
  selection: { sheet: SheetModel; rect: Rect } | null = null;
  structureProtected = false;
  calculations: string[] = [];
  suspendedSyncs = 0;

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  addSheet(name: string): SheetModel {
    if (this.sheet(name)) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named «${name}» already exists.`);
    if (name.length > 31 || /[[\]:*?/\\]/.test(name)) throw new FakeOfficeError("InvalidArgument", `Bad sheet name «${name}».`);
    const sheet = new SheetModel(name);
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = sheet;
    return sheet;
  }

  nameValue(n: NameModel): string {
    if (!n.sheet || !n.rect || !this.sheets.includes(n.sheet)) return "#REF!";
    return `${quoteSheet(n.sheet.name)}!${rectA1(n.rect, true)}`;
  }

  /** Columns inserted or deleted on a sheet move the names that refer to it. */
  shiftNames(sheet: SheetModel, at: number, n: number): void {
    for (const name of this.names) {
      if (name.sheet !== sheet || !name.rect) continue;
      name.rect = shiftColumns(name.rect, at, n);
    }
  }
}

/** What Excel does with a string typed (or written through values/formulas) into a cell of this format. */
export function parseInput(input: string, numberFormat: string): { value: FakeCell; formula?: string } {
  if (numberFormat === "@") return { value: input };
  if (input.startsWith("'")) return { value: input.slice(1) };
  if (input.startsWith("=") && input.length > 1) return { value: "", formula: input };
  const trimmed = input.trim();
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return { value: Number(trimmed) };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === "true" };
  // «+7 913 …» or «-абв»: Excel reads a leading sign as the start of a formula.
  if (/^[+-]/.test(trimmed) && trimmed.length > 1) return { value: "#NAME?", formula: `=${trimmed}` };
  return { value: input };
}
