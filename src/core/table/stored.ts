/**
 * A wide table's results held column by column: for each school and
 * procedure its % «2», % «4» и «5», participants and «2» count in typed
 * arrays (NaN: none) instead of an object per result. 40,000 schools have 1.9
 * million results: 220 MB as objects (each with its boxed numbers), 60 MB so,
 * and nothing for the collector to trace.
 *
 * A stored school is a SchoolRecord like any other: its `results` are made
 * from the columns when first asked for (the documents, the pane) and kept
 * from then on. The rule, the series and the join read the columns through
 * `eachResult` and make none.
 */
import type { Procedure } from "../procedures";
import type { ProcedureResult, SchoolRecord } from "./model";

/** The numbers of every row, procedure by procedure within a row; grown by doubling as rows are added. */
class Store {
  rows = 0;
  private capacity = 0;
  fail = new Float64Array(0);
  high = new Float64Array(0);
  participants = new Float64Array(0);
  failCount = new Float64Array(0);
  present = new Uint8Array(0);

  constructor(readonly width: number) {}

  add(): number {
    if (this.rows === this.capacity) this.grow(Math.max(64, this.capacity * 2));
    return this.rows++;
  }

  private grow(capacity: number): void {
    const size = capacity * this.width;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.fail = f64(this.fail);
    this.high = f64(this.high);
    this.participants = f64(this.participants);
    this.failCount = f64(this.failCount);
    const present = new Uint8Array(size);
    present.set(this.present);
    this.present = present;
    this.capacity = capacity;
  }
}

const num = (v: number | null) => (v === null ? NaN : v);
const orNull = (v: number) => (v !== v ? null : v);

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
    const at = row * s.width + this.slots[index];
    s.fail[at] = fail;
    s.high[at] = high;
    s.participants[at] = participants;
    s.failCount[at] = failCount;
    s.present[at] = 1;
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
    const { fail, high, participants, failCount, present, width } = this.store;
    const base = row * width;
    for (let i = 0; i < this.slots.length; i++) {
      const at = base + this.slots[i];
      if (present[at] === 0) continue;
      lent.procedure = this.procedures[i];
      lent.key = this.keys[i];
      lent.failPercent = orNull(fail[at]);
      lent.highPercent = orNull(high[at]);
      lent.participants = orNull(participants[at]);
      lent.failCount = orNull(failCount[at]);
      visit(lent);
    }
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
