/**
 * One row read under its headers gives what the whole table gives for that
 * school: the promise behind =SHNOR.STATUS(row; headers).
 */
import {
  analyzeTable,
  analyzeWideRow,
  Cell,
  isFractionRow,
  percentFromValue,
  readTable,
  readWideRow,
  ShnorError,
  SheetGrid,
} from "../../../src/core";
import { wideGrid, WideOptions } from "../../fixtures/layouts";
import { SEED_001, SEED_003, SeedTable } from "../../fixtures/seeds";

/** The header block and each school's row, cut to the result columns as a user would select them. */
function cut(grid: SheetGrid, seed: SeedTable) {
  const table = readTable(grid);
  const from = seed.idHeaders.length;
  const headers = grid.values.slice(table.headerTop, table.headerBottom + 1).map((r) => r.slice(from));
  const rows = new Map(table.schools.map((s) => [s.name, (grid.values[s.row] as Cell[]).slice(from)]));
  return { table, headers, rows };
}

function errorOf(f: () => unknown): ShnorError {
  try {
    f();
  } catch (e) {
    if (e instanceof ShnorError) return e;
    throw e;
  }
  throw new Error("no error thrown");
}

describe("analyzeWideRow agrees with analyzeTable for every seed school", () => {
  const layouts: WideOptions[] = [{ headerRows: 1 }, { headerRows: 2 }, { headerRows: 3 }, { headerRows: 2, merges: false }];
  for (const seed of [SEED_001, SEED_003]) {
    it.each(layouts)(`seed ${seed.source}, %o`, (options) => {
      const grid = wideGrid(seed, options);
      const { table, headers, rows } = cut(grid, seed);
      const analysis = analyzeTable(table);
      expect(analysis.verdicts.length).toBe(seed.rows.length);
      for (const v of analysis.verdicts) {
        const row = analyzeWideRow(headers, rows.get(v.school.name)!);
        expect(row.years).toEqual(analysis.years);
        expect([v.school.name, row.verdict.status, row.verdict.criteria]).toEqual([v.school.name, v.status, v.criteria]);
        expect(row.verdict.low).toEqual(v.low);
      }
    });
  }

  it("reads the row the same when the selection also takes in the school's name, login and territory", () => {
    const grid = wideGrid(SEED_003);
    const table = readTable(grid);
    const analysis = analyzeTable(table);
    const headers = grid.values.slice(table.headerTop, table.headerBottom + 1);
    for (const v of analysis.verdicts) {
      const row = analyzeWideRow(headers, grid.values[v.school.row] as Cell[]);
      expect([row.verdict.status, row.verdict.low]).toEqual([v.status, v.low]);
    }
  });

  it("honours a named year and threshold like the table does", () => {
    const grid = wideGrid(SEED_003);
    const { table, headers, rows } = cut(grid, SEED_003);
    for (const settings of [{ year: 2019, threshold: 20 }, { year: 2018 }, { threshold: 50 }]) {
      const analysis = analyzeTable(table, settings);
      for (const v of analysis.verdicts) {
        const row = analyzeWideRow(headers, rows.get(v.school.name)!, settings);
        expect([row.verdict.status, row.verdict.low.length]).toEqual([v.status, v.low.length]);
      }
    }
  });
});

describe("fractions", () => {
  it("reads a row of values ≤ 1 with some between 0 and 1 as fractions", () => {
    const { headers, rows } = cut(wideGrid(SEED_003), SEED_003);
    const row = rows.get("МБОУ «СОШ № 1»")!;
    const asFractions = row.map((v) => (typeof v === "number" ? v / 100 : v));
    const inPercent = analyzeWideRow(headers, row);
    const inFractions = analyzeWideRow(headers, asFractions);
    expect(inFractions.fractions).toBe(true);
    expect(inPercent.fractions).toBe(false);
    expect(inFractions.verdict.status).toBe("shnor");
    expect(inFractions.verdict.low.map((l) => l.percent)).toEqual(inPercent.verdict.low.map((l) => l.percent));
  });

  it("keeps a row of only 0 and 1 in percent", () => {
    expect(isFractionRow([0, 1, 0])).toBe(false);
    expect(isFractionRow([0, 0.35, 1])).toBe(true);
    expect(isFractionRow([0.35, 30])).toBe(false);
    expect(isFractionRow([])).toBe(false);
  });

  it("reads a single value strictly between 0 and 1 as a fraction", () => {
    expect(percentFromValue(0.35)).toBe(35);
    expect(percentFromValue(0.3)).toBe(30);
    expect(percentFromValue(1)).toBe(1);
    expect(percentFromValue(0)).toBe(0);
    expect(percentFromValue(35)).toBe(35);
  });
});

describe("errors are Russian messages, never a guess", () => {
  const headers: Cell[][] = [
    ["ВПР МА 5 2019", null, "ВПР МА 5 2018", null],
    ["% 2", "% выс.", "% 2", "% выс."],
  ];

  it("reads a hand-made two-year row", () => {
    const r = analyzeWideRow(headers, [35, 0, 40, 2]);
    expect(r.years).toEqual([2018, 2019]);
    expect(r.verdict.status).toBe("shnor");
    expect(r.verdict.criteria).toEqual([2]);
  });

  it("rejects headers without procedures", () => {
    const e = errorOf(() => readWideRow([["Итого", "Всего"]], [1, 2]));
    expect(e.code).toBe("no-table");
    expect(e.message).toMatch(/не найдены процедуры/);
  });

  it("rejects too many header rows", () => {
    expect(errorOf(() => readWideRow([[], [], [], [], []], [1])).message).toMatch(/от 1 до 4 строк/);
  });

  it("rejects a year the headers do not have", () => {
    const e = errorOf(() => analyzeWideRow(headers, [35, 0, 40, 2], { year: 2021 }));
    expect(e.code).toBe("no-procedure");
    expect(e.message).toMatch(/2021/);
  });

  it("rejects a row without results", () => {
    expect(errorOf(() => analyzeWideRow(headers, [null, "", "-", "н/д"])).message).toMatch(/нет результатов/);
  });

  it("rejects a cell that is not a percent", () => {
    const e = errorOf(() => analyzeWideRow(headers, [35, 0, "много", 2]));
    expect(e.code).toBe("bad-setting");
    expect(e.message).toMatch(/Ячейка 3 .*«много» — не процент/);
    expect(errorOf(() => analyzeWideRow(headers, [135, 0, 4, 2])).message).toMatch(/«135»/);
  });

  it("rejects a row the builder could only read with a warning, naming the row rather than a made-up school", () => {
    const counts: Cell[][] = [
      ["ВПР МА 5 2019", null],
      ["кол-во участников", "кол-во «2»"],
    ];
    const e = errorOf(() => analyzeWideRow(counts, [10, 12]));
    expect(e.code).toBe("bad-setting");
    expect(e.message).toMatch(/^строка результатов, .*не сдавших \(12\) больше, чем участников \(10\)/);
  });

  it("rejects a bad threshold through the engine's settings check", () => {
    expect(errorOf(() => analyzeWideRow(headers, [35, 0, 40, 2], { threshold: 150 })).message).toMatch(/Порог/);
  });

  it("names counted procedures only: a row of history results has none", () => {
    const e = errorOf(() => analyzeWideRow([["ВПР ИС 5 2019"], ["% 2"]], [50]));
    expect(e.code).toBe("no-procedure");
  });
});
