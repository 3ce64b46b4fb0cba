/**
 * A big sheet's rows read by a worker thread (src/io/node-sheet-thread.ts) are the
 * rows this thread reads: every book the reader's tests make, read both ways by
 * the built command's modules (a worker runs compiled code), with the same
 * values, formats, merges and the same Russian errors.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { SheetGrid } from "../../src/core";
import { fisOkoGrids, longGrid, wideGrid, writeWorkbook } from "../fixtures/layouts";
import { SEED_001, SEED_003 } from "../fixtures/seeds";
import { handBook, HandSheet } from "./books";

const root = join(__dirname, "..", "..");
const dist = join(root, "dist", "io");
const dir = mkdtempSync(join(tmpdir(), "shnor-thread-"));

type Reading = { name: string; rows: unknown[]; merges: unknown[] }[] | { error: string; code?: string };

let modules: {
  fileSource: (path: string, name?: string) => Promise<{ close(): Promise<void> }>;
  openBook: (
    source: unknown,
    limits?: object,
  ) => Promise<{ sheets(): AsyncIterable<{ name: string; rows(): AsyncIterable<unknown>; merges(): unknown[] }> }>;
};

// Workers the reader starts, counted: "always" must really read in one. (The module object itself, which the built code reads the constructor from at each start.)
const threads: { Worker: typeof import("node:worker_threads").Worker } = require("node:worker_threads");
let started = 0;
const Original = threads.Worker;

beforeAll(() => {
  if (!existsSync(join(dist, "node-sheet-worker.js"))) execFileSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { cwd: root });
  threads.Worker = class extends Original {
    constructor(...args: ConstructorParameters<typeof Original>) {
      super(...args);
      started++;
    }
  };
  modules = { fileSource: require(join(dist, "node.js")).fileSource, openBook: require(join(dist, "open.js")).openBook };
}, 120_000);

afterAll(() => {
  threads.Worker = Original;
  delete process.env.SHNOR_SHEET_THREAD;
});

async function readBook(file: string, mode: "always" | "off", limits?: object, stopAfter = Infinity): Promise<Reading> {
  process.env.SHNOR_SHEET_THREAD = mode;
  const source = await modules.fileSource(file, "книга.xlsx");
  try {
    const book = await modules.openBook(source, limits);
    const sheets = [];
    for await (const sheet of book.sheets()) {
      const rows: unknown[] = [];
      for await (const row of sheet.rows()) {
        if (rows.length >= stopAfter) break;
        rows.push(row);
      }
      sheets.push({ name: sheet.name, rows, merges: stopAfter === Infinity ? sheet.merges() : [] });
    }
    return sheets;
  } catch (e) {
    return { error: (e as Error).message, code: (e as { code?: string }).code };
  } finally {
    await source.close();
  }
}

async function bothWays(file: string, limits?: object, stopAfter?: number): Promise<Reading> {
  const before = started;
  const here = await readBook(file, "off", limits, stopAfter);
  expect(started).toBe(before);
  const there = await readBook(file, "always", limits, stopAfter);
  expect(started).toBeGreaterThan(before);
  expect(there).toEqual(here);
  return here;
}

const save = (name: string, bytes: Uint8Array) => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
};

const MIXED: HandSheet = {
  name: "Результаты «2024»",
  rows: [
    ["Результаты ВПР"],
    [],
    ["№", "Наименование ОО", "ВПР МА 5 2024", null, "Логин"],
    [null, null, "% «2»", "% выс. рез.", null],
    [1, "МБОУ «СОШ № 1» 🏫", 0.35, 0.125, "sch420001"],
    [2, "МКОУ «ООШ № 2» & <филиал>", 0.3, 0.2, "00123"],
    [3, "Школа «Ёлочка»\r\nкорпус 2", "-", "н/д", true],
    [4, "#N/A", 12.5, 0, false],
  ],
  styles: [[], [], [], [], [undefined, undefined, 1, 2], [undefined, undefined, 4, 1], [], [undefined, undefined, 0, 1]],
  merges: [
    { top: 0, left: 0, bottom: 0, right: 4 },
    { top: 2, left: 2, bottom: 2, right: 3 },
  ],
  hiddenRows: [6],
  formulas: [[7, 5, "SUM(C5:C8)"]],
};
const NOTES: HandSheet = { name: "Пояснения", rows: [["Пояснительная записка"], ["Таблица на следующем листе"]] };

describe("a sheet read by a worker thread", () => {
  it.each([
    [
      "shared strings, rich text, a hidden row, a formula without its value",
      () => handBook([MIXED, NOTES], { richText: true, workbookLast: true }),
    ],
    [
      "inline strings, absolute targets, no r attributes",
      () => handBook([NOTES, MIXED], { absoluteTargets: true, strings: "inline", noRefs: true }),
    ],
    ["1904 dates", () => handBook([{ name: "Даты", rows: [["Дата", 45000, 0.5]], styles: [[0, 3, 1]] }], { date1904: true })],
  ])("gives the rows this thread reads: %s", async (_name, make) => {
    const sheets = await bothWays(save(`hand-${started}.xlsx`, make()));
    expect(Array.isArray(sheets) && sheets.some((s) => s.rows.length > 0)).toBe(true);
  });

  it("gives the rows of books exceljs writes: wide, long, ФИС ОКО", async () => {
    const file = join(dir, "exceljs.xlsx");
    const grids: SheetGrid[] = [
      wideGrid(SEED_003, { clutter: true }),
      longGrid(SEED_003, "Длинная"),
      wideGrid(SEED_001, { headerRows: 3, sheetName: "Сид 001" }),
      ...fisOkoGrids(SEED_003),
    ];
    await writeWorkbook(file, grids);
    const sheets = await bothWays(file);
    expect(Array.isArray(sheets) && sheets.length).toBe(grids.length);
  });

  it("fails with this thread's Russian line: damaged XML, a limit", async () => {
    const good = handBook([MIXED]);
    const parts = unzipSync(good);
    const sheet = Object.keys(parts).find((p) => /worksheets\/.+\.xml$/.test(p)) as string;
    const text = strFromU8(parts[sheet]);
    const broken = (xml: string) => save(`broken-${started}.xlsx`, zipSync({ ...parts, [sheet]: strToU8(xml) }));
    const cut = (await bothWays(broken(text.slice(0, text.indexOf("</row>") + 6)))) as { error: string };
    expect(cut.error).toMatch(/XML обрывается/);
    const unmatched = (await bothWays(broken(text.replace("</row>", "</rov>")))) as { error: string };
    expect(unmatched.error).toMatch(/ошибка XML/);
    const limited = (await bothWays(save("limit.xlsx", good), { cells: 5 })) as { error: string };
    expect(limited.error).toMatch(/предел/);
  });

  it("stops its worker when the reader stops early", async () => {
    const file = join(dir, "early.xlsx");
    await writeWorkbook(file, [wideGrid(SEED_003)]);
    const sheets = (await bothWays(file, undefined, 3)) as { rows: unknown[] }[];
    expect(sheets[0].rows).toHaveLength(3);
  });
});

describe("the command with its sheets read by a worker", () => {
  it("answers as it does reading them here", async () => {
    const file = join(dir, "command.xlsx");
    await writeWorkbook(file, [wideGrid(SEED_003)]);
    const run = (mode: string) =>
      spawnSync(process.execPath, [join(root, "bin", "shnor.js"), "analyze", file, "--json"], {
        encoding: "utf8",
        env: { ...process.env, SHNOR_SHEET_THREAD: mode },
      });
    const here = run("off");
    const there = run("always");
    expect(here.status).toBe(0);
    expect(there.stdout).toBe(here.stdout);
    expect(there.stderr).toBe(here.stderr);
  });
});
