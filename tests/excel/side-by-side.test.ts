/**
 * Tables side by side on one sheet (a ВПР table, an empty column, an ОГЭ table
 * with its own names) are read by the add-in as two tables joined per school,
 * exactly as `shnor analyze` reads the same workbook, wherever on the sheet
 * they stand.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { analyzeTable, Cell, jsonReport, readTable, SheetGrid } from "../../src/core";
import { run } from "../cli/run";
import { writeWorkbook } from "../fixtures/layouts";
import { fakeWith } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "shnor-side-"));

interface Side {
  schools: number[];
  results: number[][];
}

const VPR = ["ВПР МА 5 2024 % «2»", "ВПР РУ 5 2024 % «2»", "ВПР МА 6 2024 % «2»"];
const OGE = ["ОГЭ МА 2024 % не сдавших", "ОГЭ РУ 2024 % не сдавших"];
const school = (n: number) => `МБОУ «СОШ № ${n}»`;

/** The two tables on one sheet, `gap` empty columns apart, `top` rows and `left` columns in from A1. */
function sheet(vpr: Side, oge: Side, gap: number, top: number, left: number): SheetGrid {
  const block = (headers: string[], side: Side, nameHeader: string): Cell[][] => [
    ["№", nameHeader, ...headers],
    ...side.schools.map((s, i) => [i + 1, school(s), ...side.results[i]]),
  ];
  const a = block(VPR, vpr, "Наименование ОО");
  const b = block(OGE, oge, "Название ОО");
  const rows = Math.max(a.length, b.length);
  const values: Cell[][] = Array.from({ length: top }, () => []);
  for (let r = 0; r < rows; r++) {
    const leftPart = a[r] ?? Array<Cell>(2 + VPR.length).fill(null);
    values.push([...Array<Cell>(left).fill(null), ...leftPart, ...Array<Cell>(gap).fill(null), ...(b[r] ?? [])]);
  }
  return { values, sheetName: "Результаты" };
}

const side = (headers: number) =>
  fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 8 }).chain((schools) =>
    fc.record({
      schools: fc.constant(schools),
      results: fc.array(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: headers, maxLength: headers }), {
        minLength: schools.length,
        maxLength: schools.length,
      }),
    }),
  );

/** The pane's answer as `--json` writes it, and the command's, without the file names and the settings' origin (the book has none). */
async function both(grid: SheetGrid, name: string) {
  const { host } = fakeWith(grid);
  const read = await host.readTable({ source: "sheet" });
  const pane = JSON.parse(JSON.stringify(jsonReport("", read.table, analyzeTable(read.table))));
  const file = join(dir, name);
  await writeWorkbook(file, [grid]);
  const r = await run("analyze", file, "--json");
  expect([r.code, r.stderr]).toEqual([0, ""]);
  const { file: _f, files: _fs, settingsSource: _s, ...cli } = JSON.parse(r.stdout);
  const { file: _p, ...paneRest } = pane;
  return { pane: paneRest, cli, table: read.table };
}

describe("tables side by side in the add-in", () => {
  const vpr: Side = {
    schools: [1, 2, 3],
    results: [
      [35, 40, 10],
      [1, 2, 3],
      [20, 0, 50],
    ],
  };
  const oge: Side = {
    schools: [2, 4],
    results: [
      [50, 50],
      [0, 0],
    ],
  };

  it("reads two tables, not one with the second's results lent to the first's schools", async () => {
    const { pane, cli, table } = await both(sheet(vpr, oge, 1, 0, 0), "side.xlsx");
    expect(table.schools.map((s) => s.name).sort()).toEqual([1, 2, 3, 4].map(school).sort());
    const two = table.schools.find((s) => s.name === school(2));
    expect(two?.results.map((r) => [r.procedure.type, r.failPercent]).sort()).toEqual([
      ["ВПР", 1],
      ["ВПР", 2],
      ["ВПР", 3],
      ["ОГЭ", 50],
      ["ОГЭ", 50],
    ]);
    expect(pane).toEqual(cli);
  });

  it("gives the command's answer wherever the tables stand and however far apart", async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(
        side(VPR.length),
        side(OGE.length),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        async (a, b, gap, top, left) => {
          const grid = sheet(a, b, gap, top, left);
          const { pane, cli, table } = await both(grid, `side-${k++}.xlsx`);
          expect(pane).toEqual(cli);
          expect(table.schools).toHaveLength(new Set([...a.schools, ...b.schools]).size);
          // The in-memory reader (a grid the engine is handed) agrees as well.
          expect(readTable(grid).schools).toEqual(table.schools);
        },
      ),
      { numRuns: 15 },
    );
  });
});
