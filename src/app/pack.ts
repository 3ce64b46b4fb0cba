/**
 * A results table packed for the trip from the worker to the page. A region's
 * table is some 400,000 small result objects: the browser's structured clone
 * rebuilds them on the page's thread and holds it for seconds. Packed, the
 * numbers travel as one transferred Float64Array (no copy) and the page
 * rebuilds the objects in a tight loop, sharing each procedure and key.
 */
import type { Procedure, ProcedureResult, ResultsTable, SchoolRecord } from "../core";

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
const orNull = (v: number) => (Number.isNaN(v) ? null : v);

export function packTable(full: ResultsTable): PackedTable {
  const index = new Map<string, number>();
  const keys: PackedTable["keys"] = [];
  let size = 0;
  for (const s of full.schools) size += 1 + FIELDS * s.results.length;
  const numbers = new Float64Array(size);
  let at = 0;
  const schools = full.schools.map(({ results, ...school }) => {
    numbers[at++] = results.length;
    for (const r of results) {
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
    }
    return school;
  });
  const { schools: _schools, ...table } = full;
  return { table, schools, keys, numbers };
}

export function unpackTable({ table, schools, keys, numbers }: PackedTable): ResultsTable {
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
