/**
 * A wide table's results held in columns (StoredSchool) against the same
 * results as plain objects: the same results in the same order, the same
 * verdicts, series and joins, and a stored school behaves as a record (a
 * copy, JSON, an assignment) wherever one is used.
 */
import fc from "fast-check";
import {
  analyzeSchools,
  analyzeTable,
  collectGrid,
  dynamicsOf,
  eachResult,
  hasResults,
  markSpec,
  reasonText,
  someResult,
  JoinedTable,
  JoinInput,
  joinTables,
  ProcedureResult,
  readTable,
  ResultCursor,
  SchoolRecord,
  seriesDynamics,
  StoredSchool,
} from "../../../src/core";
import { buildDocuments } from "../../../src/core/documents";
import { wideGrid } from "../../fixtures/layouts";
import { SEED_001, SEED_003 } from "../../fixtures/seeds";
import { gridOf } from "../../../bench/generate";

/** A school's results as eachResult visits them (the columns of a stored school, which stays unmade). */
const visited = (s: SchoolRecord) => {
  const out: ProcedureResult[] = [];
  eachResult(s, (r) => out.push({ ...r }));
  return out;
};

/** The same school as a plain record with results of its own; the stored one keeps reading its columns. */
const plainCopy = (s: SchoolRecord): SchoolRecord => ({
  name: s.name,
  login: s.login,
  territory: s.territory,
  row: s.row,
  results: visited(s),
});

/** The same inputs joined as stored and as plain records (each school copied without its columns). */
function joinedBothWays(inputs: JoinInput[]): { joined: JoinedTable; plain: JoinedTable } {
  return {
    joined: joinTables(inputs),
    plain: joinTables(inputs.map(({ source, table }) => ({ source, table: { ...table, schools: table.schools.map(plainCopy) } }))),
  };
}

/** The school still reads its columns: its results have not been made into objects. */
const unmade = (s: SchoolRecord) => s instanceof StoredSchool && s.columns !== null;

describe("stored results", () => {
  it("a wide table's schools are stored and list the results a plain record would", () => {
    const table = readTable({ values: gridOf(200), sheetName: "Результаты" });
    expect(table.schools.every(unmade)).toBe(true);
    const before = table.schools.map(visited);
    // Made into objects once, then kept: the same results either way.
    expect(table.schools.map((s) => s.results)).toEqual(before);
    expect(table.schools.map(visited)).toEqual(before);
    expect(table.schools[0].results).toBe(table.schools[0].results);
    expect(before.flat().length).toBeGreaterThan(200 * 30);
  });

  it("the rule, its reasons and the documents read the columns and make no result an object", () => {
    const table = readTable({ values: gridOf(300), sheetName: "Результаты" });
    const analysis = analyzeTable(table);
    const docs = buildDocuments({
      table,
      analysis,
      settings: {},
      results: { sheetName: "Результаты", marks: markSpec(table, analysis) },
      existingSheetNames: ["Результаты"],
    });
    expect(docs.sheets.length).toBeGreaterThan(3);
    analysis.verdicts.forEach((v) => reasonText(v));
    dynamicsOf(analysis);
    // The «Свод» (shnor collect, a report of several files) reads them too, and gives what the objects would.
    const svod = collectGrid(table);
    expect(table.schools.filter((s) => !unmade(s)).map((s) => s.name)).toEqual([]);
    const plain = readTable({ values: gridOf(300), sheetName: "Результаты" });
    plain.schools.forEach((s) => void s.results);
    expect(plain.schools.every(unmade)).toBe(false);
    expect(collectGrid(plain).values).toEqual(svod.values);
    // The checks that do not make results objects answer as the results would.
    const empty = readTable({
      values: [
        ["ОО", "ВПР МА 5 2024"],
        [null, "% «2»"],
        ["МБОУ «СОШ № 1»", null],
        ["МБОУ «СОШ № 2»", 40],
      ],
      sheetName: "Л",
    });
    expect(empty.schools.map(hasResults)).toEqual([false, true]);
    expect(empty.schools.map((s) => someResult(s, (r) => r.failPercent === 40))).toEqual([false, true]);
    expect(empty.schools.every(unmade)).toBe(true);
  });

  it("a ResultCursor reads what eachResult visits, as numbers (NaN for none), stored, made or plain", () => {
    const table = readTable({ values: gridOf(60), sheetName: "Результаты" });
    const asNumbers = (r: ProcedureResult) => [
      r.procedure,
      r.failPercent ?? NaN,
      r.highPercent ?? NaN,
      r.participants ?? NaN,
      r.failCount ?? NaN,
    ];
    const read = (s: SchoolRecord) => {
      const out: unknown[][] = [];
      for (const c = new ResultCursor().of(s); c.next();) out.push([c.procedure, c.fail, c.high, c.participants, c.failCount]);
      return out;
    };
    const plain = table.schools.map(plainCopy);
    const withCounts = { ...plain[0], results: plain[0].results.map((r) => ({ ...r, participants: 25, failCount: 3 })) };
    for (const s of [...table.schools, ...plain, withCounts]) expect(read(s)).toEqual(visited(s).map(asNumbers));
    expect(table.schools.every(unmade)).toBe(true);
    const made = table.schools[1];
    void made.results;
    expect(read(made)).toEqual(visited(made).map(asNumbers));
    expect(read({ ...plain[0], results: [] })).toEqual([]);
    // A result's place is its column for a stored school (absent ones counted), its index for a plain one.
    const places = (s: SchoolRecord) => {
      const out: number[] = [];
      for (const c = new ResultCursor().of(s); c.next();) out.push(c.place);
      return out;
    };
    expect(places(plain[2])).toEqual(plain[2].results.map((_, i) => i));
    const columns = (table.schools[2] as StoredSchool).columns!;
    const keys = visited(table.schools[2]).map((r) => r.key);
    expect(places(table.schools[2])).toEqual(keys.map((k) => columns.keys.indexOf(k)));
  });

  it("a copy, JSON and an assignment see the results", () => {
    const [school] = readTable(wideGrid(SEED_001)).schools;
    const fresh = readTable(wideGrid(SEED_001)).schools[0];
    expect(Object.keys(fresh)).toEqual(["name", "login", "territory", "row", "results"]);
    expect(JSON.parse(JSON.stringify(fresh))).toEqual(JSON.parse(JSON.stringify(plainCopy(school))));
    expect({ ...fresh }.results).toEqual(school.results);
    const replaced = readTable(wideGrid(SEED_001)).schools[0];
    replaced.results = replaced.results.slice(0, 1);
    expect(visited(replaced)).toEqual(school.results.slice(0, 1));
  });

  const percent = fc.oneof(
    fc.constant(null),
    fc.constant("-"),
    fc.integer({ min: 0, max: 100 }),
    fc.double({ min: 0, max: 100, noNaN: true }),
  );
  const labels = ["ВПР МА 5 2022", "ВПР МА 5 2023", "ВПР РУ 6 2023", "ВПР МА 6 2024"];
  const grid = fc.array(fc.array(percent, { minLength: 8, maxLength: 8 }), { minLength: 1, maxLength: 40 }).map((rows) => {
    return {
      values: [
        ["№", "Наименование ОО", ...labels.flatMap((l) => [l, null])],
        [null, null, ...labels.flatMap(() => ["% «2»", "% выс. рез."])],
        ...rows.map((r, i) => [i + 1, `МБОУ «СОШ № ${i + 1}»`, ...r]),
      ],
      sheetName: "Результаты",
    };
  });

  it("the rule, the series and the join give what they give on plain records (property)", () => {
    fc.assert(
      fc.property(grid, fc.integer({ min: 5, max: 60 }), (g, threshold) => {
        const table = readTable(g);
        const plain = table.schools.map(plainCopy);
        expect(table.schools.every(unmade)).toBe(true);
        // What the columns hold is what the sheet says: a result where a cell has a number, in column order.
        table.schools.forEach((school, i) => {
          const row = g.values[i + 2].slice(2);
          const expected = labels.flatMap((_, k) => {
            const [fail, high] = [row[2 * k], row[2 * k + 1]].map((v) => (typeof v === "number" ? v : null));
            return fail === null && high === null ? [] : [{ failPercent: fail, highPercent: high, participants: null, failCount: null }];
          });
          expect(visited(school).map(({ procedure: _p, key: _k, ...values }) => values)).toEqual(expected);
        });
        const stored = analyzeSchools(table.schools, { threshold });
        const objects = analyzeSchools(plain, { threshold });
        const strip = (a: typeof stored) => a.verdicts.map((v) => ({ status: v.status, criteria: v.criteria, low: v.low }));
        expect(strip(stored)).toEqual(strip(objects));
        expect(stored.years).toEqual(objects.years);
        expect(seriesDynamics(stored).toArray()).toEqual(seriesDynamics(objects).toArray());
        // The changes to one year alone (the text report's) are those of all the changes, in their order.
        for (const year of new Set(
          seriesDynamics(stored)
            .toArray()
            .map((c) => c.to),
        ))
          expect(seriesDynamics(stored, undefined, year).toArray()).toEqual(
            seriesDynamics(stored)
              .toArray()
              .filter((c) => c.to === year),
          );
        const joined = joinTables([{ source: "a", table }]);
        const joinedPlain = joinTables([{ source: "a", table: { ...table, schools: plain } }]);
        expect(joined.schools.map(visited)).toEqual(joinedPlain.schools.map((s) => s.results));
        // Nothing above made the stored results into objects.
        expect([...table.schools, ...joined.schools].every(unmade)).toBe(true);
      }),
      { numRuns: 150, seed: 3 },
    );
  });

  it("two tables joined (schools in both, values equal or not) give the plain join, and nothing is made an object (property)", () => {
    fc.assert(
      fc.property(grid, grid, (g1, g2) => {
        const [a, b] = [readTable(g1), readTable(g2)];
        const { joined, plain } = joinedBothWays([
          { source: "a", table: a },
          { source: "b", table: b },
        ]);
        expect(joined.schools.map((s) => [s.name, s.login, s.row])).toEqual(plain.schools.map((s) => [s.name, s.login, s.row]));
        expect(joined.schools.map(visited)).toEqual(plain.schools.map((s) => s.results));
        expect(joined.conflicts).toEqual(plain.conflicts);
        expect(joined.warnings).toEqual(plain.warnings);
        // The inputs are read, not made into objects, and the schools found in both are stored too.
        expect([...a.schools, ...b.schools, ...joined.schools].every(unmade)).toBe(true);
      }),
      { numRuns: 100, seed: 4 },
    );
  });

  it("a table joined from the seed's sheets in another procedure order", () => {
    const a = readTable(wideGrid(SEED_003));
    const b = readTable(wideGrid(SEED_001, { headerRows: 3 }));
    const { joined, plain } = joinedBothWays([
      { source: "b", table: b },
      { source: "a", table: a },
    ]);
    expect(joined.schools.map(visited)).toEqual(plain.schools.map((s) => s.results));
    expect(joined.schools.map((s) => s.name)).toEqual(plain.schools.map((s) => s.name));
  });
});
