/**
 * The web page's engine without a browser: the same files, the same answers
 * and the same report book as the command; the packed table for the worker's
 * trip round-trips exactly.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { gridOf } from "../../bench/generate";
import { PageEngine, reportName } from "../../src/app/engine";
import { packTable, unpackTable } from "../../src/app/pack";
// The table `shnor analyze FILE` reads: every sheet through the file layer, joined.
import { readWorkbookTable } from "../../src/io/node";
import { analyzeTable, DEFAULT_SETTINGS, readTable, ResultsTable, ShnorError } from "../../src/core";
import { fisOkoGrids, longGrid, wideGrid, writeWorkbook } from "../fixtures/layouts";
import { SEED_001, SEED_003 } from "../fixtures/seeds";
import { run } from "../cli/run";

jest.setTimeout(120_000);

const SAMPLE = join(__dirname, "..", "..", "samples", "prilozhenie-1.xlsx");
const dir = mkdtempSync(join(tmpdir(), "shnor-engine-"));

/** A file as the page gets it from the browser: a Blob with a name. */
function blobOf(file: string, name = file.split("/").pop()!): Blob {
  return named(readFileSync(file), name);
}

function named(bytes: Uint8Array, name: string): Blob {
  return Object.assign(new Blob([bytes as BlobPart]), { name });
}

const none = () => undefined;

describe("the page's engine", () => {
  it("reads the sample as the command does: 3 ШНОР of 7, the same table", async () => {
    const engine = new PageEngine();
    const progress: number[] = [];
    const read = await engine.read([blobOf(SAMPLE)], {}, (v) => progress.push(v));
    expect(read.files).toEqual(["prilozhenie-1.xlsx"]);
    expect(read.sheet).toBe("Приложение 1");
    expect(analyzeTable(read.table).summary).toEqual({ schools: 7, shnor: 3, risk: 4, ok: 0 });
    const cli = await readWorkbookTable(SAMPLE);
    expect(read.table.schools).toEqual(cli.schools);
    expect(read.table.procedures).toEqual(cli.procedures);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((v, i) => v >= 0 && v <= 1 && (i === 0 || v >= progress[i - 1]))).toBe(true);
  });

  it.each([
    ["wide", [wideGrid(SEED_001)]],
    ["long", [longGrid(SEED_003)]],
    ["ФИС ОКО (one book)", fisOkoGrids(SEED_003)],
  ])("reads a %s book as the command does, corrections included", async (name, grids) => {
    const file = join(dir, `${name}.xlsx`);
    await writeWorkbook(file, grids);
    const engine = new PageEngine();
    const read = await engine.read([blobOf(file)], {}, none);
    expect(analyzeTable(read.table)).toEqual(analyzeTable(await readWorkbookTable(file)));
    const measures = read.table.columns.filter((c) => c.role.kind === "measure" || c.role.kind === "longMeasure");
    const column = (measures.find((c) => "measure" in c.role && c.role.measure === "failPercent") ?? measures[0]).column;
    const overrides = [{ column, as: "ignore" as const }];
    const again = await engine.read(undefined, { [read.sheet]: overrides }, none);
    expect(again.table.columns.find((c) => c.column === column)?.role.kind).toBe("ignored");
    // The command takes corrections for one sheet; the joined ФИС ОКО sheets are compared on one.
    if (grids.length === 1)
      expect(analyzeTable(again.table)).toEqual(analyzeTable(await readWorkbookTable(file, { sheet: read.sheet, overrides })));
    else expect(again.table.schools).not.toEqual(read.table.schools);
  });

  it("joins several files (ФИС ОКО, one procedure a file) as one book's sheets are joined", async () => {
    const grids = fisOkoGrids(SEED_003);
    const files = await Promise.all(
      grids.map(async (g, i) => {
        const file = join(dir, `f${i}.xlsx`);
        await writeWorkbook(file, [g]);
        return blobOf(file);
      }),
    );
    const whole = join(dir, "all.xlsx");
    await writeWorkbook(whole, grids);
    const read = await new PageEngine().read(files, {}, none);
    expect(read.files).toHaveLength(grids.length);
    expect(analyzeTable(read.table).verdicts.map((v) => [v.school.name, v.status, v.criteria])).toEqual(
      analyzeTable(await readWorkbookTable(whole)).verdicts.map((v) => [v.school.name, v.status, v.criteria]),
    );
  });

  it("«Скачать сводную таблицу» is the book `shnor collect` writes, cell for cell", async () => {
    const grids = fisOkoGrids(SEED_003);
    const paths = await Promise.all(
      grids.map(async (g, i) => {
        const file = join(dir, `svod-${i}.xlsx`);
        await writeWorkbook(file, [g]);
        return file;
      }),
    );
    const engine = new PageEngine();
    await expect(engine.collect({ settings: DEFAULT_SETTINGS, overridesBySheet: {}, documents: {} }, none)).rejects.toThrow(ShnorError);
    await engine.read(
      paths.map((p) => blobOf(p)),
      {},
      none,
    );
    const file = await engine.collect({ settings: DEFAULT_SETTINGS, overridesBySheet: {}, documents: {} }, none);
    expect(file.fileName).toBe("shnor-svod.xlsx");
    expect(file.lines[0]).toMatch(/^ОО — \d+, процедур — \d+/);
    const cli = join(dir, "cli-svod.xlsx");
    const r = await run("collect", ...paths, "-o", cli);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const values = async (load: (b: ExcelJS.Workbook) => Promise<unknown>, book = new ExcelJS.Workbook()) => {
      await load(book);
      return book.worksheets.map((ws) => [ws.name, ws.getSheetValues()]);
    };
    const page = await values((b) => b.xlsx.load(file.bytes as unknown as ArrayBuffer));
    expect(page.map(([name]) => name)).toEqual(["Свод", "Распознавание"]);
    expect(page).toEqual(await values((b) => b.xlsx.readFile(cli)));
  });

  it("gives Russian messages for files it cannot read", async () => {
    const text = named(new Uint8Array([1, 2, 0, 3, 0, 4]), "notes.xlsx");
    const cfb = named(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), "old.xls");
    const zip = named(new Uint8Array([0x50, 0x4b, 3, 4]), "broken.xlsx");
    // The file layer's own messages: one Russian sentence naming the file, no library text.
    for (const [file, name] of [
      [text, "notes.xlsx"],
      [cfb, "old.xls"],
      [zip, "broken.xlsx"],
    ] as const) {
      const error = await new PageEngine().read([file], {}, none).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ShnorError);
      expect((error as Error).message).toContain(`«${name}»`);
      expect((error as Error).message).not.toMatch(/Error|undefined|Cannot|at \w/);
    }
    await expect(new PageEngine().read(undefined, {}, none)).rejects.toThrow("Сначала выберите файлы с результатами.");
  });

  it("refuses a report past its limit with one Russian line, before building anything, and builds one at it", async () => {
    // The sample has 7 schools: a page limited to 6 refuses it, one limited to 7 builds it.
    const refusing = new PageEngine(6);
    await refusing.read([blobOf(SAMPLE)], {}, none);
    const steps: number[] = [];
    const refused = await refusing
      .report({ settings: DEFAULT_SETTINGS, overridesBySheet: {}, documents: { schoolYear: 2025 } }, (value) => void steps.push(value))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(ShnorError);
    expect((refused as Error).message).toBe(
      "Отчёт не построен: в таблице 7 ОО, а страница собирает книгу отчёта в памяти вкладки браузера и строит её не больше чем для 6 ОО. Постройте отчёт командой shnor report (она пишет книгу по частям) или разделите таблицу по регионам.",
    );
    expect(steps).toEqual([]);
    const building = new PageEngine(7);
    await building.read([blobOf(SAMPLE)], {}, none);
    const report = await building.report({ settings: DEFAULT_SETTINGS, overridesBySheet: {}, documents: { schoolYear: 2025 } }, none);
    expect(report.bytes.length).toBeGreaterThan(10_000);
  });

  it("builds the report book `shnor report` writes, cell for cell", async () => {
    const engine = new PageEngine();
    await engine.read([blobOf(SAMPLE)], {}, none);
    const report = await engine.report({ settings: DEFAULT_SETTINGS, overridesBySheet: {}, documents: { schoolYear: 2025 } }, none);
    expect(report.fileName).toBe("prilozhenie-1-otchet.xlsx");
    const out = join(dir, "cli.xlsx");
    expect((await run("report", SAMPLE, "-o", out, "--school-year", "2025")).code).toBe(0);
    const [page, cli] = await Promise.all(
      [Buffer.from(report.bytes), readFileSync(out)].map(async (bytes) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes as unknown as ArrayBuffer);
        return wb.worksheets.map((ws) => {
          const cells: unknown[] = [ws.name];
          ws.eachRow((row, r) => row.eachCell((cell, c) => cells.push([r, c, cell.value, cell.numFmt ?? null])));
          return cells;
        });
      }),
    );
    expect(page.map((s) => s[0])).toEqual(cli.map((s) => s[0]));
    expect(page).toEqual(cli);
    expect(report.lines.join(" ")).toContain("ШНОР: 3 из 7; в зоне риска: 4. Учебный год дорожной карты: 2025/2026.");
  });

  it("names the report after the file", () => {
    expect(reportName(["итоги ВПР.xlsx"])).toBe("итоги ВПР-otchet.xlsx");
    expect(reportName(["a.xlsx", "b.xlsx"])).toBe("shnor-otchet.xlsx");
  });
});

describe("the table packed for the worker's trip", () => {
  const same = (table: ResultsTable) => expect(unpackTable(packTable(table))).toEqual(table);

  it("round-trips the seeds' tables in every layout and a region's", () => {
    same(readTable(wideGrid(SEED_001)));
    same(readTable(longGrid(SEED_003)));
    same(readTable({ values: gridOf(300), sheetName: "Результаты" }));
  });

  it("round-trips any results, nulls and zeros included", () => {
    const base = readTable(wideGrid(SEED_003));
    const value = fc.option(fc.double({ noNaN: true }), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value, value), { minLength: 1, maxLength: base.schools[0].results.length }), (values) => {
        const results = values.map(([failPercent, highPercent, participants, failCount], i) => ({
          ...base.schools[0].results[i],
          failPercent,
          highPercent,
          participants,
          failCount,
        }));
        same({ ...base, schools: [{ ...base.schools[0], results }, ...base.schools.slice(1)] });
      }),
    );
  });
});
