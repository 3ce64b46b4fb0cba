/**
 * Dynamics of % «2» per school and procedure series (the same type, subject,
 * level and grade across years): the change in percentage points between two
 * consecutive years of the series with data, and ФИОКО's 2026 reading of it —
 * +10 p.p. or more is negative, −10 p.p. or less positive, stable between.
 */
import { cleanFloat } from "../cells";
import { ShnorError } from "../errors";
import { Procedure, procedureSeriesKey } from "../procedures";
import { Analysis, countedByPlace, isCountedNumbers } from "../rule";
import { byPlace, ResultCursor } from "../table/stored";

/** ФИОКО's margin for a change of % «2», in percentage points. */
export const DEFAULT_DYNAMICS_MARGIN = 10;

export type DynamicsVerdict = "positive" | "stable" | "negative";

export const DYNAMICS_TEXT: Record<DynamicsVerdict, string> = {
  positive: "положительная",
  stable: "стабильная",
  negative: "отрицательная",
};

export interface SeriesChange {
  verdictIndex: number;
  /** The later year's procedure. */
  procedure: Procedure;
  from: number;
  to: number;
  fromPercent: number;
  toPercent: number;
  /** to − from, p.p. */
  change: number;
  verdict: DynamicsVerdict;
}

export function checkMargin(margin: number): number {
  if (!Number.isFinite(margin) || margin <= 0 || margin > 100)
    throw new ShnorError("bad-setting", `Порог динамики должен быть числом процентных пунктов от 0 до 100, а не «${margin}».`);
  return margin;
}

/** +margin or more: negative (more «2»); −margin or less: positive; between: stable. */
export function dynamicsVerdict(change: number, margin = DEFAULT_DYNAMICS_MARGIN): DynamicsVerdict {
  return VERDICTS[verdictCode(change, margin)];
}

const VERDICTS: DynamicsVerdict[] = ["positive", "stable", "negative"];

/** dynamicsVerdict as its place in VERDICTS, as SeriesChanges keeps it. */
function verdictCode(change: number, margin: number): number {
  const c = cleanFloat(change);
  if (c >= margin) return 2;
  if (c <= -margin) return 0;
  return 1;
}

/**
 * Every school's series changes, held column by column: a million at 40,000
 * schools, about 45 bytes each instead of an object (with its boxed numbers)
 * each. In the order of the schools, and for each school in the order of its
 * series (their first result in the school's results), years ascending.
 */
export class SeriesChanges {
  constructor(
    readonly length: number,
    /** The later years' procedures; `procedureIndex` points here. */
    readonly procedures: readonly Procedure[],
    readonly verdictIndex: Int32Array,
    readonly procedureIndex: Int32Array,
    readonly from: Int32Array,
    readonly to: Int32Array,
    readonly fromPercent: Float64Array,
    readonly toPercent: Float64Array,
    /** to − from, p.p. */
    readonly change: Float64Array,
    /** 0 positive, 1 stable, 2 negative. */
    readonly verdicts: Uint8Array,
    /** The changes of school (verdict) v are [bySchool[v], bySchool[v + 1]). */
    readonly bySchool: Int32Array,
  ) {}

  procedure(i: number): Procedure {
    return this.procedures[this.procedureIndex[i]];
  }

  verdict(i: number): DynamicsVerdict {
    return VERDICTS[this.verdicts[i]];
  }

  /** One change as an object, for the few places that want one. */
  at(i: number): SeriesChange {
    return {
      verdictIndex: this.verdictIndex[i],
      procedure: this.procedure(i),
      from: this.from[i],
      to: this.to[i],
      fromPercent: this.fromPercent[i],
      toPercent: this.toPercent[i],
      change: this.change[i],
      verdict: this.verdict(i),
    };
  }

  /** Every change as an object (tests and small tables). */
  toArray(): SeriesChange[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }
}

/**
 * Every school's series, each pair of consecutive years with data in the series, up to the analysis' previous year;
 * with `onlyTo`, only the changes to that year (what the text report shows), in the same order.
 */
export function seriesDynamics(analysis: Analysis, margin = DEFAULT_DYNAMICS_MARGIN, onlyTo: number | null = null): SeriesChanges {
  checkMargin(margin);
  const last = analysis.years[1];
  const { settings, verdicts } = analysis;
  const seriesOf = seriesNumbers();
  const procedures: Procedure[] = [];
  const procedureIndex = procedureIndexes(procedures);
  // A school's counted results, in the school's order: their series, procedure, year and % «2».
  let m = 0;
  let series = new Int32Array(64);
  let order = new Int32Array(64);
  let years = new Int32Array(64);
  let percents = new Float64Array(64);
  let places = new Int32Array(64);
  const picked: Procedure[] = [];
  // The rank of a series in the school: the order of its first result (stamped with the school, so never cleared).
  let stamp = new Int32Array(64).fill(-1);
  let rank = new Int32Array(64);
  let starts: Int32Array = new Int32Array(64);
  let ranks = 0;
  let v = 0;
  /** One counted result of school v, at its place in the school's listing: its series, year and % «2» kept (the cursor moves on). */
  const keep = (procedure: Procedure, fail: number, place: number) => {
    const k = seriesOf(procedure, place);
    if (k >= stamp.length) {
      const grown = new Int32Array(2 * stamp.length).fill(-1);
      grown.set(stamp);
      stamp = grown;
      const grownRank = new Int32Array(stamp.length);
      grownRank.set(rank);
      rank = grownRank;
    }
    if (stamp[k] !== v) {
      stamp[k] = v;
      rank[k] = ranks++;
    }
    if (m === series.length) {
      const grow = <T extends Int32Array | Float64Array>(x: T, y: T): T => (y.set(x), y);
      series = grow(series, new Int32Array(2 * m));
      years = grow(years, new Int32Array(2 * m));
      percents = grow(percents, new Float64Array(2 * m));
      places = grow(places, new Int32Array(2 * m));
      order = new Int32Array(2 * m);
    }
    series[m] = k;
    years[m] = procedure.year;
    percents[m] = fail;
    places[m] = place;
    picked[m] = procedure;
    m++;
  };
  const cursor = new ResultCursor();
  const counted = countedByPlace(settings);
  const out = new Columns(verdicts.length * 8);
  const bySchool = new Int32Array(verdicts.length + 1);
  for (v = 0; v < verdicts.length; v++) {
    bySchool[v] = out.length;
    // After the first schools, room for all at their rate (one copy instead of a growth at a time).
    if (v === 256 && verdicts.length > 512) out.reserve(Math.ceil((out.length / 256) * verdicts.length * 1.1));
    m = 0;
    ranks = 0;
    for (const c = cursor.of(verdicts[v].school); c.next();)
      if (isCountedNumbers(counted(c.procedure, c.place), c.fail, c.participants, settings) && (last === null || c.procedure.year <= last))
        keep(c.procedure, c.fail, c.place);
    starts = sortBySeriesThenYear(m, ranks, series, rank, years, order, starts);
    pushSchoolChanges(out, v, m, order, series, years, percents, picked, places, margin, procedureIndex, onlyTo);
  }
  bySchool[verdicts.length] = out.length;
  return out.finish(procedures, bySchool);
}

/** Numbers the series of procedures (0, 1, … as first met), by a result's place in its school's listing. */
function seriesNumbers(): (procedure: Procedure, place: number) => number {
  const byProcedure = new Map<Procedure, number>();
  const byKey = new Map<string, number>();
  return byPlace((procedure) => {
    let k = byProcedure.get(procedure);
    if (k === undefined) {
      const key = procedureSeriesKey(procedure);
      k = byKey.get(key);
      if (k === undefined) byKey.set(key, (k = byKey.size));
      byProcedure.set(procedure, k);
    }
    return k;
  });
}

/** The place of a procedure in `procedures` (added when first met), by its place in a school's listing. */
function procedureIndexes(procedures: Procedure[]): (procedure: Procedure, place: number) => number {
  const indexOf = new Map<Procedure, number>();
  return byPlace((procedure) => {
    let p = indexOf.get(procedure);
    if (p === undefined) {
      indexOf.set(procedure, (p = procedures.length));
      procedures.push(procedure);
    }
    return p;
  });
}

/**
 * A school's m results in `order` by series (first seen first: a counting sort), then year within each (a few
 * results: insertion); equal years keep their order, as a stable sort would. Returns `starts`, grown if it had to be.
 */
function sortBySeriesThenYear(
  m: number,
  ranks: number,
  series: Int32Array,
  rank: Int32Array,
  years: Int32Array,
  order: Int32Array,
  starts: Int32Array,
): Int32Array {
  if (starts.length < ranks + 1) starts = new Int32Array(2 * (ranks + 1));
  starts.fill(0, 0, ranks + 1);
  for (let i = 0; i < m; i++) starts[rank[series[i]] + 1]++;
  for (let g = 1; g <= ranks; g++) starts[g] += starts[g - 1];
  for (let i = 0; i < m; i++) order[starts[rank[series[i]]]++] = i;
  for (let i = 1; i < m; i++) {
    const current = order[i];
    const g = rank[series[current]];
    const year = years[current];
    let j = i;
    while (j > 0 && rank[series[order[j - 1]]] === g && years[order[j - 1]] > year) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = current;
  }
  return starts;
}

/** School v's changes, from its sorted results: each pair of consecutive years in a series. */
function pushSchoolChanges(
  out: Columns,
  v: number,
  m: number,
  order: Int32Array,
  series: Int32Array,
  years: Int32Array,
  percents: Float64Array,
  picked: Procedure[],
  places: Int32Array,
  margin: number,
  procedureIndex: (procedure: Procedure, place: number) => number,
  onlyTo: number | null,
): void {
  for (let i = 1; i < m; i++) {
    const a = order[i - 1];
    const b = order[i];
    if (series[a] !== series[b] || years[a] === years[b] || (onlyTo !== null && years[b] !== onlyTo)) continue;
    const change = cleanFloat(percents[b] - percents[a]);
    out.push(v, procedureIndex(picked[b], places[b]), years[a], years[b], percents[a], percents[b], change, verdictCode(change, margin));
  }
}

/** The columns of SeriesChanges while they are found: typed arrays that grow by half, then are cut to their length. */
class Columns {
  length = 0;
  private capacity: number;
  verdictIndex: Int32Array;
  procedureIndex: Int32Array;
  from: Int32Array;
  to: Int32Array;
  fromPercent: Float64Array;
  toPercent: Float64Array;
  change: Float64Array;
  verdicts: Uint8Array;

  constructor(capacity: number) {
    this.capacity = Math.max(16, capacity);
    const c = this.capacity;
    this.verdictIndex = new Int32Array(c);
    this.procedureIndex = new Int32Array(c);
    this.from = new Int32Array(c);
    this.to = new Int32Array(c);
    this.fromPercent = new Float64Array(c);
    this.toPercent = new Float64Array(c);
    this.change = new Float64Array(c);
    this.verdicts = new Uint8Array(c);
  }

  push(
    verdictIndex: number,
    procedureIndex: number,
    from: number,
    to: number,
    fromPercent: number,
    toPercent: number,
    change: number,
    verdict: number,
  ): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.verdictIndex[i] = verdictIndex;
    this.procedureIndex[i] = procedureIndex;
    this.from[i] = from;
    this.to[i] = to;
    this.fromPercent[i] = fromPercent;
    this.toPercent[i] = toPercent;
    this.change[i] = change;
    this.verdicts[i] = verdict;
  }

  finish(procedures: Procedure[], bySchool: Int32Array): SeriesChanges {
    const n = this.length;
    // Cut to the length: a view where little room is left over, else a copy (the room is let go).
    const cut = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T =>
      n * 5 >= this.capacity * 4 ? (a.subarray(0, n) as T) : (a.slice(0, n) as T);
    return new SeriesChanges(
      n,
      procedures,
      cut(this.verdictIndex),
      cut(this.procedureIndex),
      cut(this.from),
      cut(this.to),
      cut(this.fromPercent),
      cut(this.toPercent),
      cut(this.change),
      cut(this.verdicts),
      bySchool,
    );
  }

  reserve(capacity: number): void {
    if (capacity > this.capacity) this.grow(capacity);
  }

  private grow(capacity = Math.ceil(this.capacity * 1.5)): void {
    this.capacity = capacity;
    const c = this.capacity;
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(c);
      b.set(a);
      return b;
    };
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(c);
      b.set(a);
      return b;
    };
    this.verdictIndex = i32(this.verdictIndex);
    this.procedureIndex = i32(this.procedureIndex);
    this.from = i32(this.from);
    this.to = i32(this.to);
    this.fromPercent = f64(this.fromPercent);
    this.toPercent = f64(this.toPercent);
    this.change = f64(this.change);
    const verdicts = new Uint8Array(c);
    verdicts.set(this.verdicts);
    this.verdicts = verdicts;
  }
}
