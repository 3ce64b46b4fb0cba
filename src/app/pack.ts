/**
 * A results table packed for the trip from the worker to the page. A region's
 * table is some 400,000 small result objects: the browser's structured clone
 * rebuilds them on the page's thread and holds it for seconds. Packed, the
 * numbers travel as one transferred Float64Array (no copy) and the page
 * rebuilds the objects in a tight loop, sharing each procedure and key.
 */
import { eachResult, orNull, Procedure, ProcedureResult, ResultColumns, ResultsTable, SchoolRecord, StoredSchool } from "../core";

const FIELDS = 5; // procedure index, failPercent, highPercent, participants, failCount

export interface PackedTable {
  /** The table without its schools' results. */
  table: Omit<ResultsTable, "schools">;
  schools: Omit<SchoolRecord, "results">[];
  /** Each result's procedure, by index. */
  keys: { key: string; procedure: Procedure }[];
  /** Per school: its count of results, then FIELDS numbers per result; NaN stands for null. */
  numbers: Float64Array;
}

const num = (v: number | null) => (v === null ? Number.NaN : v);

export function packTable(full: ResultsTable): PackedTable {
  const index = new Map<string, number>();
  const keys: PackedTable["keys"] = [];
  let size = 0;
  const count = (s: SchoolRecord) => {
    let n = 0;
    eachResult(s, () => n++);
    return n;
  };
  const counts = full.schools.map(count);
  for (const n of counts) size += 1 + FIELDS * n;
  const numbers = new Float64Array(size);
  let at = 0;
  // Results are read where they are (a wide table's are columns), not made into objects to be packed.
  const schools = full.schools.map((s, k) => {
    numbers[at++] = counts[k];
    eachResult(s, (r) => {
      let i = index.get(r.key);
      if (i === undefined) {
        i = keys.length;
        index.set(r.key, i);
        keys.push({ key: r.key, procedure: r.procedure });
      }
      numbers[at++] = i;
      numbers[at++] = num(r.failPercent);
      numbers[at++] = num(r.highPercent);
      numbers[at++] = num(r.participants);
      numbers[at++] = num(r.failCount);
    });
    const school: Record<string, unknown> = {};
    for (const key of Object.keys(s)) if (key !== "results") school[key] = (s as unknown as Record<string, unknown>)[key];
    return school as Omit<SchoolRecord, "results">;
  });
  const { schools: _schools, ...table } = full;
  return { table, schools, keys, numbers };
}

/**
 * The table again. Where every school lists its results in the order of the
 * keys (one table, or tables joined: results are in one order), they go back
 * into columns (StoredSchool), as the worker had them; else into objects.
 */
export function unpackTable({ table, schools, keys, numbers }: PackedTable): ResultsTable {
  if (inKeyOrder(schools.length, numbers)) {
    const columns = ResultColumns.create(keys);
    let at = 0;
    const stored: SchoolRecord[] = schools.map((school) => {
      const count = numbers[at++];
      const row = columns.addRow();
      for (let j = 0; j < count; j++, at += FIELDS)
        columns.setValues(row, numbers[at], numbers[at + 1], numbers[at + 2], numbers[at + 3], numbers[at + 4]);
      const record = new StoredSchool(school.name, school.login, school.territory, school.row, columns, row);
      return Object.assign(record, school);
    });
    return { ...table, schools: stored } as ResultsTable;
  }
  let at = 0;
  const rebuilt: SchoolRecord[] = schools.map((school) => {
    const count = numbers[at++];
    const results: ProcedureResult[] = new Array(count);
    for (let j = 0; j < count; j++) {
      const { key, procedure } = keys[numbers[at]];
      results[j] = {
        procedure,
        key,
        failPercent: orNull(numbers[at + 1]),
        highPercent: orNull(numbers[at + 2]),
        participants: orNull(numbers[at + 3]),
        failCount: orNull(numbers[at + 4]),
      };
      at += FIELDS;
    }
    return { ...school, results };
  });
  return { ...table, schools: rebuilt } as ResultsTable;
}

/** Every school's results come in ascending key order. */
function inKeyOrder(schools: number, numbers: Float64Array): boolean {
  let at = 0;
  for (let k = 0; k < schools; k++) {
    const count = numbers[at++];
    let last = -1;
    for (let j = 0; j < count; j++, at += FIELDS) {
      if (numbers[at] <= last) return false;
      last = numbers[at];
    }
  }
  return true;
}
