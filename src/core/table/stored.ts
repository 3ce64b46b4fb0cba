/**
 * A wide table's results held column by column: for each school and
 * procedure its % «2», % «4» и «5», participants and «2» count in typed
 * arrays (NaN: none) instead of an object per result. 40,000 schools have 1.9
 * million results: 220 MB as objects (each with its boxed numbers), 60 MB so,
 * and nothing for the collector to trace.
 *
 * A stored school is a SchoolRecord like any other: its `results` are made
 * from the columns when first asked for (the pane) and kept from then on. The
 * rule and the series read the columns through a ResultCursor (numbers, none
 * boxed), the join and the documents through `eachResult`; they make none.
 */
import { orNull } from "../cells";
import type { Procedure } from "../procedures";
import type { ProcedureResult, SchoolRecord } from "./model";

/** Rows a block of the store holds: rows are added in blocks, never copied to grow. */
const BLOCK_SHIFT = 12;
const BLOCK_ROWS = 1 << BLOCK_SHIFT;

interface Block {
  fail: Float64Array;
  high: Float64Array;
  /** Made when a first number comes (a wide table of percents has none): till then every row's is NaN. */
  participants: Float64Array | null;
  failCount: Float64Array | null;
  present: Uint8Array;
}

/**
 * The numbers of every row, procedure by procedure within a row, in blocks of
 * 4,096 rows; the first block starts small (a custom function reads one row)
 * and doubles up to that.
 */
class Store {
  rows = 0;
  readonly blocks: Block[] = [];

  constructor(readonly width: number) {}

  add(): number {
    const within = this.rows & (BLOCK_ROWS - 1);
    const last = this.blocks[this.blocks.length - 1];
    if (within === 0) this.blocks.push(block(this.rows === 0 ? 8 : BLOCK_ROWS, this.width));
    else if (last.present.length === within * this.width)
      this.blocks[this.blocks.length - 1] = grown(last, Math.min(BLOCK_ROWS, within * 2), this.width);
    return this.rows++;
  }
}

function block(rows: number, width: number): Block {
  const size = rows * width;
  return {
    fail: new Float64Array(size),
    high: new Float64Array(size),
    participants: null,
    failCount: null,
    present: new Uint8Array(size),
  };
}

function grown(old: Block, rows: number, width: number): Block {
  const b = block(rows, width);
  b.fail.set(old.fail);
  b.high.set(old.high);
  if (old.participants) (b.participants = nanArray(b.fail.length)).set(old.participants);
  if (old.failCount) (b.failCount = nanArray(b.fail.length)).set(old.failCount);
  b.present.set(old.present);
  return b;
}

function nanArray(size: number): Float64Array {
  return new Float64Array(size).fill(NaN);
}

const num = (v: number | null) => (v === null ? NaN : v);

/**
 * The procedures of stored results, in the order a school lists its results,
 * over a Store; a view (`ordered`) lists them in another order without a copy.
 */
export class ResultColumns {
  private constructor(
    private readonly store: Store,
    /** The procedures in listing order, and their keys. */
    readonly procedures: readonly Procedure[],
    readonly keys: readonly string[],
    /** For each listed procedure, its place in a row of the store. */
    private readonly slots: Int32Array,
  ) {}

  static create(procedures: { procedure: Procedure; key: string }[]): ResultColumns {
    return new ResultColumns(
      new Store(procedures.length),
      procedures.map((p) => p.procedure),
      procedures.map((p) => p.key),
      Int32Array.from(procedures.keys()),
    );
  }

  get width(): number {
    return this.procedures.length;
  }

  /** A new row, for a new school. */
  addRow(): number {
    return this.store.add();
  }

  set(row: number, index: number, result: ProcedureResult): void {
    this.setValues(row, index, num(result.failPercent), num(result.highPercent), num(result.participants), num(result.failCount));
  }

  /** The same with the numbers as they are stored: NaN for none. */
  setValues(row: number, index: number, fail: number, high: number, participants: number, failCount: number): void {
    const s = this.store;
    const block = s.blocks[row >>> BLOCK_SHIFT];
    const at = (row & (BLOCK_ROWS - 1)) * s.width + this.slots[index];
    block.fail[at] = fail;
    block.high[at] = high;
    if (participants === participants) (block.participants ??= nanArray(block.fail.length))[at] = participants;
    else if (block.participants) block.participants[at] = NaN;
    if (failCount === failCount) (block.failCount ??= nanArray(block.fail.length))[at] = failCount;
    else if (block.failCount) block.failCount[at] = NaN;
    block.present[at] = 1;
  }

  /**
   * A % «2» and a % «4» и «5» alone (participants and counts none), read from `from` at those places: numbers
   * handed over in their array, as a call's arguments each would be boxed (two million results at 40,000 schools).
   */
  setPercents(row: number, index: number, from: Float64Array, failAt: number, highAt: number): void {
    const s = this.store;
    const block = s.blocks[row >>> BLOCK_SHIFT];
    const at = (row & (BLOCK_ROWS - 1)) * s.width + this.slots[index];
    block.fail[at] = from[failAt];
    block.high[at] = from[highAt];
    if (block.participants) block.participants[at] = NaN;
    if (block.failCount) block.failCount[at] = NaN;
    block.present[at] = 1;
  }

  /** The same results listed in the order of `keys` (every key of these columns, each once). */
  ordered(keys: string[]): ResultColumns {
    const index = new Map(this.keys.map((k, i) => [k, i]));
    const order = keys.map((k) => index.get(k) as number);
    return new ResultColumns(
      this.store,
      order.map((i) => this.procedures[i]),
      order.map((i) => this.keys[i]),
      Int32Array.from(order, (i) => this.slots[i]),
    );
  }

  /** Visits a row's results in listing order, lending one object refilled for each. */
  each(row: number, lent: ProcedureResult, visit: (r: ProcedureResult) => void): void {
    const { fail, high, participants, failCount, present } = this.store.blocks[row >>> BLOCK_SHIFT];
    const base = (row & (BLOCK_ROWS - 1)) * this.store.width;
    for (let i = 0; i < this.slots.length; i++) {
      const at = base + this.slots[i];
      if (present[at] === 0) continue;
      lent.procedure = this.procedures[i];
      lent.key = this.keys[i];
      lent.failPercent = orNull(fail[at]);
      lent.highPercent = orNull(high[at]);
      lent.participants = participants ? orNull(participants[at]) : null;
      lent.failCount = failCount ? orNull(failCount[at]) : null;
      visit(lent);
    }
  }

  /** Points the cursor at a row's results. */
  start(cursor: ResultCursor, row: number): void {
    const b = this.store.blocks[row >>> BLOCK_SHIFT];
    cursor.startColumns(this.procedures, this.slots, b, (row & (BLOCK_ROWS - 1)) * this.store.width);
  }

  /** The row has a result. */
  has(row: number): boolean {
    const { present } = this.store.blocks[row >>> BLOCK_SHIFT];
    const base = (row & (BLOCK_ROWS - 1)) * this.store.width;
    for (let i = 0; i < this.slots.length; i++) if (present[base + this.slots[i]] !== 0) return true;
    return false;
  }

  /** A row's results as objects of their own. */
  results(row: number): ProcedureResult[] {
    const out: ProcedureResult[] = [];
    this.each(row, blank(), (r) => out.push({ ...r }));
    return out;
  }
}

const blank = (): ProcedureResult => ({
  procedure: null as unknown as Procedure,
  key: "",
  failPercent: null,
  highPercent: null,
  participants: null,
  failCount: null,
});

const NO_SLOTS = new Int32Array(0);
const NO_BLOCK = block(0, 0);

/**
 * A school's results one by one, as numbers (NaN: none), for the passes that read every result of every
 * school (the years with data, the rule, the series): no object a result, and no number boxed, where a
 * visit's lent object boxes each number it is refilled with. `for (cursor.of(school); cursor.next(); )`.
 */
export class ResultCursor {
  procedure: Procedure = null as unknown as Procedure;
  fail = NaN;
  high = NaN;
  participants = NaN;
  failCount = NaN;
  /** The result's place in the school's listing (a stored school's: its column, absent results counted). */
  place = -1;
  private i = -1;
  private list: readonly ProcedureResult[] | null = null;
  private procedures: readonly Procedure[] = [];
  private slots: Int32Array = NO_SLOTS;
  private block: Block = NO_BLOCK;
  private base = 0;

  /** Starts on this school's results, in the order `eachResult` visits them. */
  of(school: SchoolRecord): this {
    this.i = -1;
    if (school instanceof StoredSchool) {
      const place = school[STORED];
      if (!place.made) {
        this.list = null;
        place.columns.start(this, place.row);
        return this;
      }
    }
    this.list = school.results;
    return this;
  }

  /** Called by ResultColumns.start. */
  startColumns(procedures: readonly Procedure[], slots: Int32Array, block: Block, base: number): void {
    this.procedures = procedures;
    this.slots = slots;
    this.block = block;
    this.base = base;
  }

  /** Moves to the next result; false after the last. */
  next(): boolean {
    const list = this.list;
    if (list !== null) {
      if (++this.i >= list.length) return false;
      const r = list[this.i];
      this.place = this.i;
      this.procedure = r.procedure;
      this.fail = r.failPercent ?? NaN;
      this.high = r.highPercent ?? NaN;
      this.participants = r.participants ?? NaN;
      this.failCount = r.failCount ?? NaN;
      return true;
    }
    const { slots, block, base } = this;
    while (++this.i < slots.length) {
      const at = base + slots[this.i];
      if (block.present[at] === 0) continue;
      this.place = this.i;
      this.procedure = this.procedures[this.i];
      this.fail = block.fail[at];
      this.high = block.high[at];
      this.participants = block.participants ? block.participants[at] : NaN;
      this.failCount = block.failCount ? block.failCount[at] : NaN;
      return true;
    }
    return false;
  }
}

/**
 * An answer about a procedure, asked by its place in a school's listing (ResultCursor.place) in a pass over
 * many schools: schools of one table list their results alike, so the answer given at a place is the answer
 * unless another procedure stands there. `answer` is asked once per procedure object met anew at a place.
 */
export function byPlace<T>(answer: (procedure: Procedure) => T): (procedure: Procedure, place: number) => T {
  const procedures: Procedure[] = [];
  const answers: T[] = [];
  return (procedure, place) => {
    if (procedures[place] === procedure) return answers[place];
    procedures[place] = procedure;
    return (answers[place] = answer(procedure));
  };
}

/** Where a stored school's results are; not enumerable, so a copy of the school (`{ ...school }`) takes its results instead. */
const STORED = Symbol("stored results");

interface Place {
  columns: ResultColumns;
  row: number;
  /** `results` has been made (or set): from then on it, not the columns, is the school's. */
  made: boolean;
}

function madeResults(this: StoredSchool): ProcedureResult[] {
  const place = this[STORED];
  const value = place.columns.results(place.row);
  keep(this, value);
  return value;
}

function keep(school: StoredSchool, value: ProcedureResult[]): void {
  school[STORED].made = true;
  Object.defineProperty(school, "results", { value, writable: true, enumerable: true, configurable: true });
}

function setResults(this: StoredSchool, value: ProcedureResult[]): void {
  keep(this, value);
}

/** The one accessor every stored school shares (one shape for all of them). */
const RESULTS = { get: madeResults, set: setResults, enumerable: true, configurable: true };

export class StoredSchool implements SchoolRecord {
  declare results: ProcedureResult[];
  declare [STORED]: Place;

  constructor(
    public name: string,
    public login: string | null,
    public territory: string | null,
    public row: number,
    columns: ResultColumns,
    at: number,
  ) {
    Object.defineProperty(this, "results", RESULTS);
    Object.defineProperty(this, STORED, { value: { columns, row: at, made: false } satisfies Place, writable: true });
  }

  /** The same school with its results listed as `columns` (a view of the same store) lists them. */
  listedAs(columns: ResultColumns): StoredSchool {
    const place = this[STORED];
    return new StoredSchool(this.name, this.login, this.territory, this.row, columns, place.row);
  }

  /** The columns holding this school's results, or null once they are objects of their own. */
  get columns(): ResultColumns | null {
    const place = this[STORED];
    return place.made ? null : place.columns;
  }

  /** Its row in the columns. */
  get place(): number {
    return this[STORED].row;
  }
}

/**
 * Visits a school's results in order. A stored school lends one object,
 * refilled for each result: the visit reads it and keeps nothing of it.
 */
export function eachResult(school: SchoolRecord, visit: (r: ProcedureResult) => void): void {
  if (school instanceof StoredSchool) {
    const place = school[STORED];
    if (!place.made) {
      // One object a visit, refilled for each result (a visit inside a visit gets its own).
      place.columns.each(place.row, blank(), visit);
      return;
    }
  }
  for (const r of school.results) visit(r);
}

/** The school has a result: asked of a stored school without making its results objects. */
export function hasResults(school: Pick<SchoolRecord, "results">): boolean {
  if (school instanceof StoredSchool) {
    const place = school[STORED];
    if (!place.made) return place.columns.has(place.row);
  }
  return school.results.length > 0;
}

/** Some result of the school is such; a stored school's results stay in their columns. */
export function someResult(school: SchoolRecord, test: (r: ProcedureResult) => boolean): boolean {
  let found = false;
  eachResult(school, (r) => {
    if (!found && test(r)) found = true;
  });
  return found;
}
