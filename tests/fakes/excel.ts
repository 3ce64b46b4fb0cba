/**
 * An in-memory Excel with Office.js's proxy semantics, for the adapter's unit
 * tests and the browser test: calls only queue work; context.sync() runs the
 * queue in order and fills what was loaded; a property read before its load
 * and sync throws like Office.js does. Every sync is counted and its request
 * and response measured as JSON, and Excel on the web's limits are enforced:
 * 5 MB a request or response, 5,000,000 cells a read.
 *
 * It implements only what src/excel uses. No Node APIs, so it bundles for a browser.
 */
import { utf8Length } from "../../src/excel/budget";
import {
  CfModel,
  ChartModel,
  contains,
  FakeCell,
  FakeOfficeError,
  intersects,
  MAX_COLUMNS,
  MAX_ROWS,
  NameModel,
  newId,
  parseA1,
  parseInput,
  quoteSheet,
  Rect,
  rectA1,
  SheetModel,
  WorkbookModel,
  XmlPartModel,
} from "./excelModel";

export * from "./excelModel";

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  operations: number;
}

export interface FakeExcelOptions {
  /** The highest ExcelApi version this Excel supports (default 1.17). */
  excelApi?: string;
  requestLimit?: number;
  responseLimit?: number;
  cellLimit?: number;
}

interface Op {
  json: unknown;
  run: () => void;
}

interface Staged {
  proxy: Proxy;
  prop: string;
  value: unknown;
}

function jsonSize(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "");
}

function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

class Ctx {
  ops: Op[] = [];
  staged: Staged[] = [];
  readonly workbook: WorkbookProxy;
  readonly application: ApplicationProxy;
  readonly trackedObjects = { add: () => undefined, remove: () => undefined };
  constructor(readonly fake: FakeExcel) {
    this.workbook = new WorkbookProxy(this);
    this.application = this.workbook.application;
  }
  get model(): WorkbookModel {
    return this.fake.workbook;
  }
  queue(json: unknown, run: () => void): void {
    this.ops.push({ json, run });
  }
  stage(proxy: Proxy, prop: string, value: unknown): void {
    this.staged.push({ proxy, prop, value });
  }
  sync(): Promise<void> {
    return this.fake.runSync(this);
  }
  load(object: Proxy, props?: string | string[]): Proxy {
    return object.load(props);
  }
}

function notLoaded(prop: string): FakeOfficeError {
  return new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function copy<T>(value: T): T {
  return Array.isArray(value) ? (value.map((row) => (Array.isArray(row) ? [...row] : row)) as T) : value;
}

abstract class Proxy {
  readonly _loaded = new Map<string, unknown>();
  constructor(
    readonly _ctx: Ctx,
    readonly _path: string,
  ) {}
  /** A scalar property's current value in the model (runs inside a sync). */
  _read(prop: string): unknown {
    throw new FakeOfficeError("InvalidArgument", `Property «${prop}» is not implemented on ${this._path}.`);
  }
  /** A navigation property's proxy (the same instance its getter returns). */
  _nav(prop: string): Proxy | undefined {
    void prop;
    return undefined;
  }
  _isNull(): boolean {
    return false;
  }
  _items(): Proxy[] | null {
    return null;
  }
  protected _get<T>(prop: string): T {
    if (!this._loaded.has(prop)) throw notLoaded(prop);
    return this._loaded.get(prop) as T;
  }
  protected _op(json: Record<string, unknown>, run: () => void): void {
    this._ctx.queue({ o: this._path, ...json }, run);
  }
  get isNullObject(): boolean {
    return this._get<boolean>("isNullObject");
  }
  load(props?: string | string[] | Record<string, unknown>): this {
    const list = (Array.isArray(props) ? props : typeof props === "string" ? [props] : ["*"])
      .flatMap((p) => p.split(","))
      .map((p) => p.trim())
      .filter((p) => p);
    this._op({ load: list }, () =>
      loadPaths(
        this,
        list.map((p) => p.split("/")),
      ),
    );
    return this;
  }
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

function loadPaths(proxy: Proxy, paths: string[][]): void {
  const ctx = proxy._ctx;
  if (proxy._isNull()) {
    ctx.stage(proxy, "isNullObject", true);
    return;
  }
  const itemPaths = paths.filter((p) => p[0] === "items");
  if (itemPaths.length > 0) {
    const items = proxy._items();
    if (!items) throw new FakeOfficeError("InvalidArgument", `${proxy._path} is not a collection.`);
    ctx.stage(proxy, "items", items);
    for (const item of items)
      loadPaths(
        item,
        itemPaths.map((p) => p.slice(1)).filter((p) => p.length > 0),
      );
  }
  const byChild = new Map<string, string[][]>();
  for (const path of paths) {
    if (path[0] === "items") continue;
    if (path.length === 1) {
      if (path[0] === "*") continue;
      ctx.stage(proxy, path[0], copy(proxy._read(path[0])));
    } else {
      const list = byChild.get(path[0]) ?? [];
      list.push(path.slice(1));
      byChild.set(path[0], list);
    }
  }
  for (const [name, rest] of byChild) {
    const child = proxy._nav(name);
    if (!child) throw new FakeOfficeError("InvalidArgument", `No navigation property «${name}» on ${proxy._path}.`);
    ctx.stage(child, "isNullObject", child._isNull());
    loadPaths(child, rest);
  }
}

/** A proxy with a model target found when the queue reaches it, like Office.js resolves objects in order. */
abstract class Obj<T> extends Proxy {
  private cache: { value: T | null } | undefined;
  private navs: Map<string, Proxy> | undefined;
  /** A navigation property returns the same proxy each time, as Office.js does. */
  protected nav<P extends Proxy>(name: string, make: () => P): P {
    if (!this.navs) this.navs = new Map();
    let p = this.navs.get(name);
    if (!p) {
      p = make();
      this.navs.set(name, p);
    }
    return p as P;
  }
  constructor(
    ctx: Ctx,
    path: string,
    private readonly resolver: () => T | null,
    readonly _nullable = false,
  ) {
    super(ctx, path);
  }
  _peek(): T | null {
    if (!this.cache) this.cache = { value: this.resolver() };
    return this.cache.value;
  }
  _t(): T {
    const value = this._peek();
    if (value === null) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist (${this._path}).`);
    return value;
  }
  override _isNull(): boolean {
    return this._nullable && this._peek() === null;
  }
  /** Resolves now in queue order; nullable proxies learn whether they are null. */
  _resolveInQueue(json: Record<string, unknown>): this {
    this._op(json, () => {
      const value = this._peek();
      if (this._nullable) this._ctx.stage(this, "isNullObject", value === null);
      else this._t();
    });
    return this;
  }
}

function guard(sheet: SheetModel): void {
  if (sheet.protected)
    throw new FakeOfficeError(
      "AccessDenied",
      "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet.",
    );
}

class ClientResult<T> {
  private set = false;
  private stored: T | undefined;
  _fill(value: T): void {
    this.stored = value;
    this.set = true;
  }
  get value(): T {
    if (!this.set) throw notLoaded("value");
    return this.stored as T;
  }
}

// ---------------------------------------------------------------- workbook

class WorkbookProxy extends Proxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly names: NamesProxy;
  readonly customXmlParts: XmlPartsProxy;
  readonly application: ApplicationProxy;
  readonly protection: WorkbookProtectionProxy;
  constructor(ctx: Ctx) {
    super(ctx, "workbook");
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.names = new NamesProxy(ctx);
    this.customXmlParts = new XmlPartsProxy(ctx, "workbook.customXmlParts", null);
    this.application = new ApplicationProxy(ctx);
    this.protection = new WorkbookProtectionProxy(ctx);
  }
  override _nav(prop: string): Proxy | undefined {
    return ({ worksheets: this.worksheets, names: this.names, protection: this.protection } as Record<string, Proxy>)[prop];
  }
  getSelectedRange(): RangeProxy {
    const range = new RangeProxy(this._ctx, "workbook.getSelectedRange()", () => {
      const m = this._ctx.model;
      if (m.selection && m.sheets.includes(m.selection.sheet)) return { sheet: m.selection.sheet, rect: m.selection.rect };
      const sheet = m.activeSheet ?? m.sheets[0];
      return { sheet, rect: { row: 0, column: 0, rows: 1, columns: 1 } };
    });
    return range._resolveInQueue({ m: "getSelectedRange" });
  }
}

class WorkbookProtectionProxy extends Proxy {
  constructor(ctx: Ctx) {
    super(ctx, "workbook.protection");
  }
  override _read(prop: string): unknown {
    if (prop === "protected") return this._ctx.model.structureProtected;
    return super._read(prop);
  }
  get protected(): boolean {
    return this._get("protected");
  }
}

class ApplicationProxy extends Proxy {
  constructor(ctx: Ctx) {
    super(ctx, "application");
  }
  suspendApiCalculationUntilNextSync(): void {
    this._op({ m: "suspendApiCalculationUntilNextSync" }, () => {
      this._ctx.fake.calculationSuspended = true;
    });
  }
  calculate(type: string): void {
    this._op({ m: "calculate", a: [type] }, () => this._ctx.model.calculations.push(type));
  }
}

// ---------------------------------------------------------------- worksheets

class WorksheetCollectionProxy extends Proxy {
  constructor(ctx: Ctx) {
    super(ctx, "workbook.worksheets");
  }
  override _items(): Proxy[] {
    return this._ctx.model.sheets.map((s, i) => new WorksheetProxy(this._ctx, `${this._path}.items[${i}]`, () => s));
  }
  get items(): WorksheetProxy[] {
    return this._get("items");
  }
  getItem(name: string): WorksheetProxy {
    const ws = new WorksheetProxy(this._ctx, `${this._path}.getItem(${name})`, () => this._ctx.model.sheet(name) ?? null);
    return ws._resolveInQueue({ m: "getItem", a: [name] });
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    const ws = new WorksheetProxy(this._ctx, `${this._path}.getItemOrNullObject(${name})`, () => this._ctx.model.sheet(name) ?? null, true);
    return ws._resolveInQueue({ m: "getItemOrNullObject", a: [name] });
  }
  getActiveWorksheet(): WorksheetProxy {
    const ws = new WorksheetProxy(
      this._ctx,
      `${this._path}.getActiveWorksheet()`,
      () => this._ctx.model.activeSheet ?? this._ctx.model.sheets[0] ?? null,
    );
    return ws._resolveInQueue({ m: "getActiveWorksheet" });
  }
  add(name?: string): WorksheetProxy {
    let created: SheetModel | null = null;
    const ws = new WorksheetProxy(this._ctx, `${this._path}.add(${name ?? ""})`, () => created);
    this._op({ m: "add", a: [name ?? null] }, () => {
      const m = this._ctx.model;
      let n = name;
      for (let i = m.sheets.length + 1; !n; i++) if (!m.sheet(`Лист${i}`)) n = `Лист${i}`;
      if (m.structureProtected) throw new FakeOfficeError("AccessDenied", "The workbook structure is protected.");
      created = m.addSheet(n);
    });
    return ws;
  }
}

class WorksheetProxy extends Obj<SheetModel> {
  get protection(): SheetProtectionProxy {
    return this.nav("protection", () => new SheetProtectionProxy(this._ctx, `${this._path}.protection`, () => this._peek()));
  }
  get charts(): ChartsProxy {
    return this.nav("charts", () => new ChartsProxy(this._ctx, `${this._path}.charts`, () => this._peek()));
  }
  get freezePanes(): FreezePanesProxy {
    return this.nav("freezePanes", () => new FreezePanesProxy(this._ctx, `${this._path}.freezePanes`, () => this._peek()));
  }
  get pageLayout(): PageLayoutProxy {
    return this.nav("pageLayout", () => new PageLayoutProxy(this._ctx, `${this._path}.pageLayout`, () => this._peek()));
  }
  get horizontalPageBreaks(): PageBreaksProxy {
    return this.nav("horizontalPageBreaks", () => new PageBreaksProxy(this._ctx, `${this._path}.horizontalPageBreaks`, () => this._peek()));
  }
  override _nav(prop: string): Proxy | undefined {
    if (prop === "protection") return this.protection;
    if (prop === "charts") return this.charts;
    return undefined;
  }
  override _read(prop: string): unknown {
    const s = this._t();
    const m = this._ctx.model;
    switch (prop) {
      case "name":
        return s.name;
      case "id":
        return s.id;
      case "position":
        return m.sheets.indexOf(s);
      case "visibility":
        return s.visibility;
      default:
        return super._read(prop);
    }
  }
  get name(): string {
    return this._get("name");
  }
  set name(value: string) {
    this._op({ s: "name", v: value }, () => {
      const s = this._t();
      const other = this._ctx.model.sheet(value);
      if (other && other !== s) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named «${value}» already exists.`);
      s.name = value;
    });
  }
  get id(): string {
    return this._get("id");
  }
  get visibility(): string {
    return this._get("visibility");
  }
  get position(): number {
    return this._get("position");
  }
  getRange(address?: string): RangeProxy {
    return new RangeProxy(this._ctx, `${this._path}.getRange(${address ?? ""})`, () => ({
      sheet: this._t(),
      rect: address ? parseA1(address) : { row: 0, column: 0, rows: MAX_ROWS, columns: MAX_COLUMNS },
    }));
  }
  getRangeByIndexes(row: number, column: number, rows: number, columns: number): RangeProxy {
    if (rows <= 0 || columns <= 0 || row < 0 || column < 0)
      throw new FakeOfficeError("InvalidArgument", `Bad range ${row},${column},${rows},${columns}`);
    return new RangeProxy(this._ctx, `${this._path}.getRangeByIndexes(${row},${column},${rows},${columns})`, () => ({
      sheet: this._t(),
      rect: { row, column, rows, columns },
    }));
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    const r = new RangeProxy(
      this._ctx,
      `${this._path}.getUsedRangeOrNullObject(${valuesOnly})`,
      () => {
        const sheet = this._t();
        const rect = sheet.usedRect(undefined, valuesOnly);
        return rect ? { sheet, rect } : null;
      },
      true,
    );
    return r._resolveInQueue({ m: "getUsedRangeOrNullObject", a: [valuesOnly] });
  }
  getUsedRange(valuesOnly = false): RangeProxy {
    const r = new RangeProxy(this._ctx, `${this._path}.getUsedRange(${valuesOnly})`, () => {
      const sheet = this._t();
      return { sheet, rect: sheet.usedRect(undefined, valuesOnly) ?? { row: 0, column: 0, rows: 1, columns: 1 } };
    });
    return r._resolveInQueue({ m: "getUsedRange", a: [valuesOnly] });
  }
  activate(): void {
    this._op({ m: "activate" }, () => {
      this._ctx.model.activeSheet = this._t();
    });
  }
  delete(): void {
    this._op({ m: "delete" }, () => {
      const m = this._ctx.model;
      const s = this._t();
      if (m.structureProtected) throw new FakeOfficeError("AccessDenied", "The workbook structure is protected.");
      if (m.sheets.filter((x) => x !== s && x.visibility === "Visible").length === 0)
        throw new FakeOfficeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      m.sheets = m.sheets.filter((x) => x !== s);
      if (m.activeSheet === s) m.activeSheet = m.sheets[0] ?? null;
      if (m.selection?.sheet === s) m.selection = null;
    });
  }
}

class SheetProtectionProxy extends Obj<SheetModel> {
  override _read(prop: string): unknown {
    if (prop === "protected") return this._t().protected;
    return super._read(prop);
  }
  get protected(): boolean {
    return this._get("protected");
  }
}

class FreezePanesProxy extends Obj<SheetModel> {
  // As in Excel, each call replaces the frozen panes.
  freezeRows(count: number): void {
    this._op({ m: "freezeRows", a: [count] }, () => {
      Object.assign(this._t(), { freezeRows: count, freezeColumns: 0 });
    });
  }
  freezeColumns(count: number): void {
    this._op({ m: "freezeColumns", a: [count] }, () => {
      Object.assign(this._t(), { freezeRows: 0, freezeColumns: count });
    });
  }
  freezeAt(range: RangeProxy): void {
    this._op({ m: "freezeAt", a: [range._path] }, () => {
      const target = range._peek();
      if (!target) throw new FakeOfficeError("InvalidArgument", "freezeAt: no range");
      const { rect } = target;
      Object.assign(this._t(), { freezeRows: rect.row + rect.rows, freezeColumns: rect.column + rect.columns });
    });
  }
  unfreeze(): void {
    this._op({ m: "unfreeze" }, () => {
      Object.assign(this._t(), { freezeRows: 0, freezeColumns: 0 });
    });
  }
}

class PageLayoutProxy extends Obj<SheetModel> {
  private setProp(prop: string, value: unknown): void {
    this._op({ s: prop, v: value }, () => {
      this._t().pageLayout[prop] = value;
    });
  }
  set orientation(value: string) {
    this.setProp("orientation", value);
  }
  set paperSize(value: string) {
    this.setProp("paperSize", value);
  }
  set zoom(value: unknown) {
    this.setProp("zoom", value);
  }
  set leftMargin(value: number) {
    this.setProp("leftMargin", value);
  }
  set rightMargin(value: number) {
    this.setProp("rightMargin", value);
  }
  set topMargin(value: number) {
    this.setProp("topMargin", value);
  }
  set bottomMargin(value: number) {
    this.setProp("bottomMargin", value);
  }
  set headerMargin(value: number) {
    this.setProp("headerMargin", value);
  }
  set footerMargin(value: number) {
    this.setProp("footerMargin", value);
  }
  setPrintTitleRows(rows: string): void {
    this.setProp("printTitleRows", rows);
  }
  setPrintTitleColumns(columns: string): void {
    this.setProp("printTitleColumns", columns);
  }
}

/** A sheet's manual page breaks: each add() records the cell a new page starts at. */
class PageBreaksProxy extends Obj<SheetModel> {
  add(cell: string): void {
    this._op({ m: "add", a: [cell] }, () => {
      const layout = this._t().pageLayout;
      layout.rowBreaks = [...((layout.rowBreaks as string[] | undefined) ?? []), cell];
    });
  }
}

// ---------------------------------------------------------------- ranges

interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

type Matrix = unknown[][];

function checkShape(rect: Rect, values: Matrix): void {
  if (!Array.isArray(values) || values.length !== rect.rows || values.some((row) => !Array.isArray(row) || row.length !== rect.columns)) {
    throw new FakeOfficeError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rect.rows}×${rect.columns}).`,
    );
  }
}

class RangeProxy extends Obj<RangeTarget> {
  get format(): RangeFormatProxy {
    return this.nav("format", () => new RangeFormatProxy(this._ctx, `${this._path}.format`, () => this._peek()));
  }
  get conditionalFormats(): CfCollectionProxy {
    return this.nav("conditionalFormats", () => new CfCollectionProxy(this._ctx, `${this._path}.conditionalFormats`, () => this._peek()));
  }
  get dataValidation(): DataValidationProxy {
    return this.nav("dataValidation", () => new DataValidationProxy(this._ctx, `${this._path}.dataValidation`, () => this._peek()));
  }
  override _nav(prop: string): Proxy | undefined {
    if (prop === "format") return this.format;
    return undefined;
  }
  private cells(read: (sheet: SheetModel, r: number, c: number) => unknown): Matrix {
    const { sheet, rect } = this._t();
    if (rect.rows * rect.columns > this._ctx.fake.cellLimit)
      throw new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `The range has ${rect.rows * rect.columns} cells; a read is limited to ${this._ctx.fake.cellLimit}.`,
      );
    const out: Matrix = [];
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      const row: unknown[] = [];
      for (let c = rect.column; c < rect.column + rect.columns; c++) row.push(read(sheet, r, c));
      out.push(row);
    }
    return out;
  }
  override _read(prop: string): unknown {
    const { sheet, rect } = this._t();
    switch (prop) {
      case "address":
        return `${quoteSheet(sheet.name)}!${rectA1(rect)}`;
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.column;
      case "rowCount":
        return rect.rows;
      case "columnCount":
        return rect.columns;
      case "values":
        return this.cells((s, r, c) => s.value(r, c));
      case "formulas":
        return this.cells((s, r, c) => s.formula(r, c));
      case "numberFormat":
        return this.cells((s, r, c) => s.numberFormat(r, c));
      default:
        return super._read(prop);
    }
  }
  get address(): string {
    return this._get("address");
  }
  get rowIndex(): number {
    return this._get("rowIndex");
  }
  get columnIndex(): number {
    return this._get("columnIndex");
  }
  get rowCount(): number {
    return this._get("rowCount");
  }
  get columnCount(): number {
    return this._get("columnCount");
  }
  get values(): Matrix {
    return this._get("values");
  }
  set values(values: Matrix) {
    this.write("values", values);
  }
  get formulas(): Matrix {
    return this._get("formulas");
  }
  set formulas(values: Matrix) {
    this.write("formulas", values);
  }
  get numberFormat(): Matrix {
    return this._get("numberFormat");
  }
  set numberFormat(formats: Matrix) {
    this._op({ s: "numberFormat", v: formats }, () => {
      const { sheet, rect } = this._t();
      guard(sheet);
      checkShape(rect, formats);
      formats.forEach((row, i) => {
        const model = sheet.row(rect.row + i, true);
        row.forEach((f, j) => {
          if (f !== null && f !== undefined) model.nf[rect.column + j] = String(f);
        });
      });
    });
  }
  private write(prop: "values" | "formulas", values: Matrix): void {
    this._op({ s: prop, v: values }, () => {
      const { sheet, rect } = this._t();
      guard(sheet);
      checkShape(rect, values);
      values.forEach((row, i) => {
        const r = rect.row + i;
        row.forEach((input, j) => {
          if (input === null || input === undefined) return; // Office.js leaves a cell given null as it is
          const c = rect.column + j;
          const model = sheet.row(r, true);
          if (input === "") {
            model.v[c] = undefined;
            model.f[c] = undefined;
            return;
          }
          if (typeof input === "string") {
            const parsed = parseInput(input, sheet.numberFormat(r, c));
            model.v[c] = parsed.formula ? (this._ctx.fake.evaluate(parsed.formula, sheet, r, c) ?? parsed.value) : parsed.value;
            model.f[c] = parsed.formula;
          } else {
            model.v[c] = input as FakeCell;
            model.f[c] = undefined;
          }
        });
      });
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    const r = new RangeProxy(
      this._ctx,
      `${this._path}.getUsedRangeOrNullObject(${valuesOnly})`,
      () => {
        const { sheet, rect } = this._t();
        const used = sheet.usedRect(rect, valuesOnly);
        return used ? { sheet, rect: used } : null;
      },
      true,
    );
    return r._resolveInQueue({ m: "getUsedRangeOrNullObject", a: [valuesOnly] });
  }
  getMergedAreasOrNullObject(): RangeAreasProxy {
    const areas = new RangeAreasProxy(
      this._ctx,
      `${this._path}.getMergedAreasOrNullObject()`,
      () => {
        const { sheet, rect } = this._t();
        const merges = sheet.merges.filter((m) => intersects(m, rect));
        return merges.length > 0 ? { sheet, rects: merges } : null;
      },
      true,
    );
    return areas._resolveInQueue({ m: "getMergedAreasOrNullObject" });
  }
  insert(shift: string): RangeProxy {
    this._op({ m: "insert", a: [shift] }, () => {
      const { sheet, rect } = this._t();
      guard(sheet);
      if (shift !== "Right" || rect.rows !== MAX_ROWS) throw new FakeOfficeError("NotImplemented", "The fake inserts whole columns only.");
      sheet.shiftColumns(rect.column, rect.columns);
      this._ctx.model.shiftNames(sheet, rect.column, rect.columns);
    });
    return this;
  }
  delete(shift: string): void {
    this._op({ m: "delete", a: [shift] }, () => {
      const { sheet, rect } = this._t();
      guard(sheet);
      if (shift !== "Left" || rect.rows !== MAX_ROWS) throw new FakeOfficeError("NotImplemented", "The fake deletes whole columns only.");
      sheet.shiftColumns(rect.column, -rect.columns);
      this._ctx.model.shiftNames(sheet, rect.column, -rect.columns);
    });
  }
  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    this._op({ m: "clear", a: [applyTo] }, () => {
      const { sheet, rect } = this._t();
      guard(sheet);
      sheet.clear(rect, applyTo);
      if (applyTo !== "Contents") {
        sheet.cfs = sheet.cfs.filter(
          (cf) =>
            !(
              cf.rect.row >= rect.row &&
              cf.rect.column >= rect.column &&
              cf.rect.row + cf.rect.rows <= rect.row + rect.rows &&
              cf.rect.column + cf.rect.columns <= rect.column + rect.columns
            ),
        );
      }
    });
  }
  merge(across = false): void {
    this._op({ m: "merge", a: [across] }, () => {
      const { sheet, rect } = this._t();
      guard(sheet);
      sheet.merges.push(rect);
    });
  }
  unmerge(): void {
    this._op({ m: "unmerge" }, () => {
      const { sheet, rect } = this._t();
      guard(sheet);
      sheet.merges = sheet.merges.filter((m) => !intersects(m, rect));
    });
  }
  select(): void {
    this._op({ m: "select" }, () => {
      const { sheet, rect } = this._t();
      this._ctx.model.selection = { sheet, rect };
      this._ctx.model.activeSheet = sheet;
    });
  }
}

class RangeAreasProxy extends Obj<{ sheet: SheetModel; rects: Rect[] }> {
  override _read(prop: string): unknown {
    if (prop === "address") {
      const { sheet, rects } = this._t();
      return rects.map((r) => `${quoteSheet(sheet.name)}!${rectA1(r)}`).join(", ");
    }
    return super._read(prop);
  }
  get address(): string {
    return this._get("address");
  }
}

class RangeFormatProxy extends Obj<RangeTarget> {
  readonly fill = new FormatPartProxy(this, "fill");
  readonly font = new FormatPartProxy(this, "font");
  readonly borders = new BordersProxy(this);
  setFormat(prop: string, value: unknown): void {
    this._op({ s: prop, v: value }, () => {
      const { sheet, rect } = this._t();
      guard(sheet);
      sheet.formats.push({ rect, prop, value });
    });
  }
  override _read(prop: string): unknown {
    if (prop === "columnWidth") {
      const { sheet, rect } = this._t();
      return sheet.columnWidths.get(rect.column) ?? 48;
    }
    return super._read(prop);
  }
  get columnWidth(): number {
    return this._get("columnWidth");
  }
  set columnWidth(points: number) {
    this._op({ s: "columnWidth", v: points }, () => {
      const { sheet, rect } = this._t();
      guard(sheet);
      for (let c = rect.column; c < rect.column + rect.columns; c++) sheet.columnWidths.set(c, points);
    });
  }
  set wrapText(value: boolean) {
    this.setFormat("wrapText", value);
  }
  set rowHeight(points: number) {
    this.setFormat("rowHeight", points);
  }
  set horizontalAlignment(value: string) {
    this.setFormat("horizontalAlignment", value);
  }
  set verticalAlignment(value: string) {
    this.setFormat("verticalAlignment", value);
  }
}

class FormatPartProxy extends Proxy {
  constructor(
    private readonly owner: RangeFormatProxy,
    private readonly part: string,
  ) {
    super(owner._ctx, `${owner._path}.${part}`);
  }
  set color(value: string) {
    this.owner.setFormat(`${this.part}.color`, value);
  }
  set bold(value: boolean) {
    this.owner.setFormat(`${this.part}.bold`, value);
  }
  set italic(value: boolean) {
    this.owner.setFormat(`${this.part}.italic`, value);
  }
  set size(value: number) {
    this.owner.setFormat(`${this.part}.size`, value);
  }
  clear(): void {
    this.owner.setFormat(`${this.part}.color`, null);
  }
}

class BordersProxy extends Proxy {
  constructor(private readonly owner: RangeFormatProxy) {
    super(owner._ctx, `${owner._path}.borders`);
  }
  getItem(edge: string): { style: string; color: string } {
    const owner = this.owner;
    return {
      set style(value: string) {
        owner.setFormat(`border.${edge}.style`, value);
      },
      set color(value: string) {
        owner.setFormat(`border.${edge}.color`, value);
      },
    } as { style: string; color: string };
  }
}

class DataValidationProxy extends Obj<RangeTarget> {
  private setPart(part: "rule" | "errorAlert" | "prompt", value: unknown): void {
    this._op({ s: part, v: value }, () => {
      const { sheet, rect } = this._t();
      guard(sheet);
      let v = sheet.validations.find(
        (x) => x.rect.row === rect.row && x.rect.column === rect.column && x.rect.rows === rect.rows && x.rect.columns === rect.columns,
      );
      if (!v) {
        v = { rect, rule: null };
        sheet.validations.push(v);
      }
      v[part] = value;
    });
  }
  set rule(value: unknown) {
    this.setPart("rule", value);
  }
  set errorAlert(value: unknown) {
    this.setPart("errorAlert", value);
  }
  set prompt(value: unknown) {
    this.setPart("prompt", value);
  }
  clear(): void {
    this._op({ m: "clear" }, () => {
      const { sheet, rect } = this._t();
      guard(sheet);
      sheet.validations = sheet.validations.filter((v) => !intersects(v.rect, rect));
    });
  }
}

// ---------------------------------------------------------------- conditional formats

class CfCollectionProxy extends Obj<RangeTarget> {
  override _items(): Proxy[] {
    const { sheet, rect } = this._t();
    return sheet.cfs
      .filter((cf) => intersects(cf.rect, rect))
      .map((cf, i) => new CfProxy(this._ctx, `${this._path}.items[${i}]`, () => ({ sheet, cf })));
  }
  get items(): CfProxy[] {
    return this._get("items");
  }
  add(type: string): CfProxy {
    let created: { sheet: SheetModel; cf: CfModel } | null = null;
    const proxy = new CfProxy(this._ctx, `${this._path}.add(${type})`, () => created);
    this._op({ m: "add", a: [type] }, () => {
      const { sheet, rect } = this._t();
      guard(sheet);
      const cf: CfModel = { id: newId("cf"), rect, type, formula: "", fill: null, fontColor: null, stopIfTrue: false };
      sheet.cfs.unshift(cf); // a new format goes on top
      created = { sheet, cf };
    });
    return proxy;
  }
  clearAll(): void {
    this._op({ m: "clearAll" }, () => {
      const { sheet, rect } = this._t();
      guard(sheet);
      sheet.cfs = sheet.cfs.filter((cf) => !intersects(cf.rect, rect));
    });
  }
}

class CfProxy extends Obj<{ sheet: SheetModel; cf: CfModel }> {
  private customProxy?: CustomCfProxy;
  private customOrNull?: CustomCfProxy;
  get custom(): CustomCfProxy {
    this.customProxy ??= new CustomCfProxy(this._ctx, `${this._path}.custom`, () => this._peek());
    return this.customProxy;
  }
  get customOrNullObject(): CustomCfProxy {
    this.customOrNull ??= new CustomCfProxy(
      this._ctx,
      `${this._path}.customOrNullObject`,
      () => {
        const t = this._peek();
        return t && t.cf.type === "Custom" ? t : null;
      },
      true,
    );
    return this.customOrNull;
  }
  override _nav(prop: string): Proxy | undefined {
    if (prop === "custom") return this.custom;
    if (prop === "customOrNullObject") return this.customOrNullObject;
    return undefined;
  }
  override _read(prop: string): unknown {
    const { sheet, cf } = this._t();
    if (prop === "type") return cf.type;
    if (prop === "id") return cf.id;
    if (prop === "priority") return sheet.cfs.indexOf(cf);
    if (prop === "stopIfTrue") return cf.stopIfTrue;
    return super._read(prop);
  }
  get type(): string {
    return this._get("type");
  }
  set stopIfTrue(value: boolean) {
    this._op({ s: "stopIfTrue", v: value }, () => {
      this._t().cf.stopIfTrue = value;
    });
  }
  delete(): void {
    this._op({ m: "delete" }, () => {
      const { sheet, cf } = this._t();
      guard(sheet);
      sheet.cfs = sheet.cfs.filter((x) => x !== cf);
    });
  }
}

class CustomCfProxy extends Obj<{ sheet: SheetModel; cf: CfModel }> {
  readonly rule: CfRuleProxy;
  readonly format: { fill: { color: string }; font: { color: string } };
  constructor(ctx: Ctx, path: string, resolver: () => { sheet: SheetModel; cf: CfModel } | null, nullable = false) {
    super(ctx, path, resolver, nullable);
    this.rule = new CfRuleProxy(ctx, `${path}.rule`, () => this._peek());
    const set = (prop: "fill" | "fontColor", value: string) =>
      this._op({ s: prop, v: value }, () => {
        this._t().cf[prop] = value;
      });
    this.format = {
      fill: {
        set color(value: string) {
          set("fill", value);
        },
      } as { color: string },
      font: {
        set color(value: string) {
          set("fontColor", value);
        },
      } as { color: string },
    };
  }
  override _nav(prop: string): Proxy | undefined {
    return prop === "rule" ? this.rule : undefined;
  }
}

class CfRuleProxy extends Obj<{ sheet: SheetModel; cf: CfModel }> {
  override _read(prop: string): unknown {
    if (prop === "formula") return this._t().cf.formula;
    return super._read(prop);
  }
  get formula(): string {
    return this._get("formula");
  }
  set formula(value: string) {
    this._op({ s: "formula", v: value }, () => {
      this._t().cf.formula = value;
    });
  }
}

// ---------------------------------------------------------------- names

const NAME_SYNTAX = /^[A-Za-zА-Яа-яЁё_\\][A-Za-zА-Яа-яЁё0-9_.\\]*$/;

class NamesProxy extends Proxy {
  constructor(ctx: Ctx) {
    super(ctx, "workbook.names");
  }
  override _items(): Proxy[] {
    return this._ctx.model.names.map((n, i) => new NamedItemProxy(this._ctx, `${this._path}.items[${i}]`, () => n));
  }
  get items(): NamedItemProxy[] {
    return this._get("items");
  }
  add(name: string, reference: RangeProxy | string, comment = ""): NamedItemProxy {
    let created: NameModel | null = null;
    const proxy = new NamedItemProxy(this._ctx, `${this._path}.add(${name})`, () => created);
    const ref = typeof reference === "string" ? reference : reference._path;
    this._op({ m: "add", a: [name, ref, comment] }, () => {
      const m = this._ctx.model;
      if (!NAME_SYNTAX.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) throw new FakeOfficeError("InvalidArgument", `Bad name «${name}».`);
      if (m.names.some((n) => n.name.toLowerCase() === name.toLowerCase()))
        throw new FakeOfficeError("ItemAlreadyExists", `The name «${name}» exists.`);
      if (comment.length > 255) throw new FakeOfficeError("InvalidArgument", "A name's comment is limited to 255 characters.");
      if (typeof reference === "string") throw new FakeOfficeError("NotImplemented", "The fake takes ranges only.");
      const { sheet, rect } = reference._t();
      created = { name, comment, visible: true, sheet, rect };
      m.names.push(created);
    });
    return proxy;
  }
  getItem(name: string): NamedItemProxy {
    const p = new NamedItemProxy(this._ctx, `${this._path}.getItem(${name})`, () => this.find(name));
    return p._resolveInQueue({ m: "getItem", a: [name] });
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    const p = new NamedItemProxy(this._ctx, `${this._path}.getItemOrNullObject(${name})`, () => this.find(name), true);
    return p._resolveInQueue({ m: "getItemOrNullObject", a: [name] });
  }
  private find(name: string): NameModel | null {
    return this._ctx.model.names.find((n) => n.name.toLowerCase() === name.toLowerCase()) ?? null;
  }
}

class NamedItemProxy extends Obj<NameModel> {
  override _read(prop: string): unknown {
    const n = this._t();
    switch (prop) {
      case "name":
        return n.name;
      case "comment":
        return n.comment;
      case "visible":
        return n.visible;
      case "value":
        return this._ctx.model.nameValue(n);
      case "type":
        return this._ctx.model.nameValue(n) === "#REF!" ? "Error" : "Range";
      default:
        return super._read(prop);
    }
  }
  get name(): string {
    return this._get("name");
  }
  get comment(): string {
    return this._get("comment");
  }
  get value(): unknown {
    return this._get("value");
  }
  get visible(): boolean {
    return this._get("visible");
  }
  set visible(value: boolean) {
    this._op({ s: "visible", v: value }, () => {
      this._t().visible = value;
    });
  }
  delete(): void {
    this._op({ m: "delete" }, () => {
      const n = this._t();
      this._ctx.model.names = this._ctx.model.names.filter((x) => x !== n);
    });
  }
}

// ---------------------------------------------------------------- custom XML

class XmlPartsProxy extends Proxy {
  constructor(
    ctx: Ctx,
    path: string,
    private readonly namespace: string | null,
  ) {
    super(ctx, path);
  }
  private parts(): XmlPartModel[] {
    return this._ctx.model.xmlParts.filter((p) => this.namespace === null || p.namespaceUri === this.namespace);
  }
  override _items(): Proxy[] {
    return this.parts().map((p, i) => new XmlPartProxy(this._ctx, `${this._path}.items[${i}]`, () => p));
  }
  get items(): XmlPartProxy[] {
    return this._get("items");
  }
  add(xml: string): XmlPartProxy {
    let created: XmlPartModel | null = null;
    const proxy = new XmlPartProxy(this._ctx, `${this._path}.add()`, () => created);
    this._op({ m: "add", a: [xml] }, () => {
      const ns = /xmlns="([^"]*)"/.exec(xml)?.[1] ?? "";
      created = { id: newId("xml"), namespaceUri: ns, xml };
      this._ctx.model.xmlParts.push(created);
    });
    return proxy;
  }
  getByNamespace(namespace: string): XmlPartsProxy {
    return new XmlPartsProxy(this._ctx, `${this._path}.getByNamespace(${namespace})`, namespace);
  }
  getOnlyItemOrNullObject(): XmlPartProxy {
    const p = new XmlPartProxy(
      this._ctx,
      `${this._path}.getOnlyItemOrNullObject()`,
      () => {
        const parts = this.parts();
        return parts.length === 1 ? parts[0] : null;
      },
      true,
    );
    return p._resolveInQueue({ m: "getOnlyItemOrNullObject" });
  }
}

class XmlPartProxy extends Obj<XmlPartModel> {
  override _read(prop: string): unknown {
    const p = this._t();
    if (prop === "id") return p.id;
    if (prop === "namespaceUri") return p.namespaceUri;
    return super._read(prop);
  }
  get id(): string {
    return this._get("id");
  }
  get namespaceUri(): string {
    return this._get("namespaceUri");
  }
  getXml(): ClientResult<string> {
    const result = new ClientResult<string>();
    this._op({ m: "getXml" }, () => {
      const xml = this._t().xml;
      this._ctx.stage(this, "__xml", xml);
      this._ctx.fake.afterSync.push(() => result._fill(xml));
    });
    return result;
  }
  setXml(xml: string): void {
    this._op({ m: "setXml", a: [xml] }, () => {
      this._t().xml = xml;
    });
  }
  delete(): void {
    this._op({ m: "delete" }, () => {
      const p = this._t();
      this._ctx.model.xmlParts = this._ctx.model.xmlParts.filter((x) => x !== p);
    });
  }
}

// ---------------------------------------------------------------- charts

class ChartsProxy extends Obj<SheetModel> {
  override _items(): Proxy[] {
    const sheet = this._t();
    return sheet.charts.map((c, i) => new ChartProxy(this._ctx, `${this._path}.items[${i}]`, () => ({ sheet, chart: c })));
  }
  get items(): ChartProxy[] {
    return this._get("items");
  }
  add(type: string, source: RangeProxy, seriesBy = "Auto"): ChartProxy {
    let created: { sheet: SheetModel; chart: ChartModel } | null = null;
    const proxy = new ChartProxy(this._ctx, `${this._path}.add(${type})`, () => created);
    this._op({ m: "add", a: [type, source._path, seriesBy] }, () => {
      const sheet = this._t();
      guard(sheet);
      const values = source._t();
      const chart: ChartModel = {
        id: newId("chart"),
        name: `Диаграмма ${sheet.charts.length + 1}`,
        type,
        title: "",
        series: [{ name: "", values: rectA1(values.rect), xValues: "" }],
        position: "",
      };
      sheet.charts.push(chart);
      created = { sheet, chart };
    });
    return proxy;
  }
}

type ChartTarget = { sheet: SheetModel; chart: ChartModel };

class ChartProxy extends Obj<ChartTarget> {
  readonly title: { text: string };
  readonly series: { getItemAt(i: number): SeriesProxy; add(name: string): SeriesProxy };
  constructor(ctx: Ctx, path: string, resolver: () => ChartTarget | null) {
    super(ctx, path, resolver);
    const setTitle = (text: string) =>
      this._op({ s: "title.text", v: text }, () => {
        this._t().chart.title = text;
      });
    this.title = {
      set text(value: string) {
        setTitle(value);
      },
    } as { text: string };
    this.series = {
      getItemAt: (i: number) => new SeriesProxy(ctx, `${path}.series.getItemAt(${i})`, () => this._peek()?.chart.series[i] ?? null),
      add: (name: string) => {
        let created: ChartModel["series"][number] | null = null;
        const proxy = new SeriesProxy(ctx, `${path}.series.add(${name})`, () => created);
        this._op({ m: "series.add", a: [name] }, () => {
          created = { name, values: "", xValues: "" };
          this._t().chart.series.push(created);
        });
        return proxy;
      },
    };
  }
  override _read(prop: string): unknown {
    if (prop === "name") return this._t().chart.name;
    return super._read(prop);
  }
  get name(): string {
    return this._get("name");
  }
  setPosition(start: RangeProxy | string, end?: RangeProxy | string): void {
    this._op({ m: "setPosition", a: [typeof start === "string" ? start : start._path, end ?? null] }, () => {
      const pos = typeof start === "string" ? start : rectA1(start._t().rect);
      this._t().chart.position = pos;
    });
  }
  delete(): void {
    this._op({ m: "delete" }, () => {
      const { sheet, chart } = this._t();
      sheet.charts = sheet.charts.filter((c) => c !== chart);
    });
  }
}

class SeriesProxy extends Obj<ChartModel["series"][number]> {
  set name(value: string) {
    this._op({ s: "name", v: value }, () => {
      this._t().name = value;
    });
  }
  setValues(range: RangeProxy): void {
    this._op({ m: "setValues", a: [range._path] }, () => {
      this._t().values = rectA1(range._t().rect);
    });
  }
  setXAxisValues(range: RangeProxy): void {
    this._op({ m: "setXAxisValues", a: [range._path] }, () => {
      this._t().xValues = rectA1(range._t().rect);
    });
  }
}

// ---------------------------------------------------------------- the fake

export class FakeExcel {
  readonly workbook = new WorkbookModel();
  syncLog: SyncRecord[] = [];
  /** Excel is in cell-edit mode: every batch fails, as Office.js does without delayForCellEdit. */
  editMode = false;
  calculationSuspended = false;
  /** Syncs that ran with calculation suspended. */
  suspendedSyncs = 0;
  afterSync: (() => void)[] = [];
  excelApi: string;
  requestLimit: number;
  responseLimit: number;
  cellLimit: number;
  /** Fails the sync with this 0-based index (counted since the last resetStats), as a dropped connection would. */
  fault: ((index: number) => FakeOfficeError | null) | null = null;
  /** Computes a formula cell's value when written; null leaves it empty. */
  evaluate: (formula: string, sheet: SheetModel, row: number, column: number) => FakeCell | null = () => null;

  constructor(options: FakeExcelOptions = {}) {
    this.excelApi = options.excelApi ?? "1.17";
    this.requestLimit = options.requestLimit ?? 5 * 1024 * 1024;
    this.responseLimit = options.responseLimit ?? 5 * 1024 * 1024;
    this.cellLimit = options.cellLimit ?? 5_000_000;
  }

  // -------- Office.js surface

  /** Excel.run(batch) or Excel.run(options, batch). */
  run = async <T>(first: unknown, second?: unknown): Promise<T> => {
    const batch = (typeof first === "function" ? first : second) as (context: unknown) => Promise<T>;
    const ctx = new Ctx(this);
    const result = await batch(ctx);
    if (ctx.ops.length > 0) await ctx.sync();
    return result;
  };

  isSetSupported = (name: string, version = "1.1"): boolean => {
    if (name === "ExcelApi") return versionAtLeast(this.excelApi, version);
    if (name === "SharedRuntime" || name === "CustomFunctionsRuntime") return true;
    return false;
  };

  async runSync(ctx: Ctx): Promise<void> {
    await Promise.resolve();
    const ops = ctx.ops;
    ctx.ops = [];
    ctx.staged = [];
    this.afterSync = [];
    const requestBytes = jsonSize(ops.map((o) => o.json));
    const record: SyncRecord = { requestBytes, responseBytes: 0, operations: ops.length };
    this.syncLog.push(record);
    if (this.editMode) throw new FakeOfficeError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode.");
    const fault = this.fault?.(this.syncLog.length - 1);
    if (fault) throw fault;
    if (requestBytes > this.requestLimit)
      throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `The request payload (${requestBytes} bytes) is over the limit.`);
    this.calculationSuspended = false;
    try {
      for (const op of ops) op.run();
    } finally {
      if (this.calculationSuspended) this.suspendedSyncs++;
      this.calculationSuspended = false;
    }
    record.responseBytes = jsonSize(ctx.staged.map((s) => s.value));
    if (record.responseBytes > this.responseLimit)
      throw new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload (${record.responseBytes} bytes) is over the limit.`,
      );
    for (const s of ctx.staged) s.proxy._loaded.set(s.prop, s.value);
    for (const fill of this.afterSync) fill();
  }

  /** The Office global as far as the add-in uses it. */
  office(): Record<string, unknown> {
    return {
      context: {
        requirements: { isSetSupported: this.isSetSupported },
        host: "Excel",
        platform: "OfficeOnline",
        displayLanguage: "ru-RU",
      },
      HostType: { Excel: "Excel" },
      PlatformType: { OfficeOnline: "OfficeOnline" },
      onReady: (callback?: (info: { host: string; platform: string }) => void) => {
        const info = { host: "Excel", platform: "OfficeOnline" };
        callback?.(info);
        return Promise.resolve(info);
      },
    };
  }

  /** Puts Excel and Office on a global object (globalThis, or a page's window). */
  install(target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): void {
    target.Excel = { run: this.run };
    target.Office = this.office();
  }

  // -------- measurements

  get syncs(): number {
    return this.syncLog.length;
  }
  get maxRequest(): number {
    return this.syncLog.reduce((m, s) => Math.max(m, s.requestBytes), 0);
  }
  get maxResponse(): number {
    return this.syncLog.reduce((m, s) => Math.max(m, s.responseBytes), 0);
  }
  get totalBytes(): number {
    return this.syncLog.reduce((m, s) => m + s.requestBytes + s.responseBytes, 0);
  }
  resetStats(): void {
    this.syncLog = [];
    this.suspendedSyncs = 0;
  }

  // -------- setting up and inspecting

  addSheet(
    name: string,
    values: unknown[][] = [],
    options: { numberFormats?: (string | null | undefined)[][]; at?: { row: number; column: number } } = {},
  ): SheetModel {
    const sheet = this.workbook.addSheet(name);
    const top = options.at?.row ?? 0;
    const left = options.at?.column ?? 0;
    values.forEach((row, i) => {
      row.forEach((value, j) => {
        if (value === null || value === undefined || value === "") return;
        const model = sheet.row(top + i, true);
        const v = value as FakeCell;
        if (typeof v === "string" && v.startsWith("=")) model.f[left + j] = v;
        else model.v[left + j] = v;
        const nf = options.numberFormats?.[i]?.[j];
        if (nf) model.nf[left + j] = nf;
      });
    });
    return sheet;
  }

  sheet(name: string): SheetModel {
    const s = this.workbook.sheet(name);
    if (!s) throw new Error(`No sheet «${name}» in the fake workbook`);
    return s;
  }

  activate(name: string): void {
    this.workbook.activeSheet = this.sheet(name);
  }

  select(name: string, address: string): void {
    const sheet = this.sheet(name);
    this.workbook.activeSheet = sheet;
    this.workbook.selection = { sheet, rect: parseA1(address) };
  }

  /** Values and formulas of a rect as a plain grid, to compare before and after. */
  snapshot(name: string, rect?: Rect): FakeCell[][] {
    const sheet = this.sheet(name);
    const r = rect ?? sheet.usedRect(undefined, true) ?? { row: 0, column: 0, rows: 0, columns: 0 };
    const out: FakeCell[][] = [];
    for (let i = r.row; i < r.row + r.rows; i++) {
      const row: FakeCell[] = [];
      for (let j = r.column; j < r.column + r.columns; j++) row.push(sheet.formula(i, j));
      out.push(row);
    }
    return out;
  }
}

export { contains, intersects, rectA1 };
