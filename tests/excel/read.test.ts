/**
 * Reading through the fake Excel gives the same table as the engine reading
 * the grid in memory, whatever the layout and however many blocks it takes.
 */
import { readTable } from "../../src/core";
import { ExcelHostError } from "../../src/excel";
import { FakeExcel } from "../fakes/excel";
import { markersGrid } from "../fixtures/not-results";
import { fisOkoGrids, longGrid, wideGrid } from "../fixtures/layouts";
import { SEED_001, SEED_003 } from "../fixtures/seeds";
import { bigWideGrid } from "./bigTable";
import { fakeWith, hostFor } from "./helpers";

describe("reading the active sheet", () => {
  it.each([
    ["seed 003, wide, two header rows", wideGrid(SEED_003)],
    ["seed 001, wide, three header rows, clutter", wideGrid(SEED_001, { headerRows: 3, clutter: true })],
    ["seed 003, long", longGrid(SEED_003)],
    ["seed 003, ФИС ОКО", fisOkoGrids(SEED_003)[0]],
  ])("%s: same table as the engine reads in memory", async (_label, grid) => {
    const { host } = fakeWith(grid);
    const read = await host.readTable({ source: "sheet" });
    expect(read.table).toEqual(readTable(grid));
  });

  it("reads a 5,000-row table in blocks and still gets the engine's answer", async () => {
    const grid = bigWideGrid(5000);
    const { fake, host } = fakeWith(grid);
    const progress: number[] = [];
    const read = await host.readTable({ source: "sheet", onProgress: (done) => progress.push(done) });
    expect(read.table).toEqual(readTable(grid));
    expect(fake.syncs).toBeGreaterThan(3);
    expect(progress[progress.length - 1]).toBe(grid.values.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("reads merged header cells where Excel can report them (ExcelApi 1.13)", async () => {
    const grid = wideGrid(SEED_003, { merges: true });
    const withMerges = await fakeWith(grid).host.readTable({ source: "sheet" });
    const without = await fakeWith(grid, { excelApi: "1.12" }).host.readTable({ source: "sheet" });
    expect(withMerges.table.schools).toEqual(without.table.schools);
  });

  it("reads only the selection when asked, and the whole sheet for a single selected cell", async () => {
    const { fake, host } = fakeWith(wideGrid(SEED_003));
    fake.select("Приложение 1", "A3:AI5");
    const part = await host.readTable({ source: "selection" });
    expect(part).toMatchObject({ address: "A3:AI5", source: "selection" });
    expect(part.table.schools.map((s) => s.name)).toEqual(["МБОУ «СОШ № 1»"]);
    fake.select("Приложение 1", "B7");
    const whole = await host.readTable({ source: "selection" });
    expect(whole).toMatchObject({ address: "A1:AI6", source: "sheet" });
  });

  it("gives a Russian message when the sheet holds no results table", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Заметки", [["Список дел"], ["позвонить в ИМЦ"]]);
    fake.addSheet("Пустой");
    const host = hostFor(fake);
    fake.activate("Заметки");
    await expect(host.readTable({ source: "sheet" })).rejects.toMatchObject({
      code: "no-table",
      message:
        "На листе «Заметки» не найдена таблица результатов: на листе только строки текста, таблицы нет: «Список дел», «позвонить в ИМЦ». " +
        "Нужны заголовки процедур вроде «ВПР МА 5 2019» или «ОГЭ математика 2023» и столбец с названиями ОО.",
    });
    fake.activate("Пустой");
    await expect(host.readTable({ source: "sheet" })).rejects.toMatchObject({
      code: "no-table",
      message: expect.stringMatching(/^На листе «Пустой» не найдена таблица результатов: лист пуст\. /),
    });
  });

  it("says why in the pane too: a markers sheet is markers, counted past the rows read for detection", async () => {
    const fake = new FakeExcel();
    const grid = markersGrid({ schools: 120 });
    fake.addSheet(grid.sheetName!, grid.values);
    fake.activate(grid.sheetName!);
    const error = await hostFor(fake)
      .readTable({ source: "sheet" })
      .catch((e: Error) => e);
    expect(error).toMatchObject({ code: "no-table" });
    expect((error as Error).message).toMatch(
      /^На листе «Признаки необъективности » не найдена таблица результатов: это признаки необъективности .*строк данных: 120\./,
    );
  });

  it("refuses a sheet too big to read, before reading it", async () => {
    const fake = new FakeExcel();
    const sheet = fake.addSheet("Огромный", [["ВПР МА 5 2019"]]);
    sheet.row(1_048_575, true).v[16_383] = "x";
    const host = hostFor(fake);
    const error = await host.readTable({ source: "sheet" }).catch((e) => e);
    expect(error).toBeInstanceOf(ExcelHostError);
    expect(error).toMatchObject({ code: "too-large", problem: "too-large" });
    expect(error.message).toMatch(/1\s048\s576 строк × 16\s384 столбцов/);
    expect(fake.syncs).toBe(1);
  });

  it("tells an old Excel what it lacks instead of failing half-way", async () => {
    const { fake, host } = fakeWith(wideGrid(SEED_003), { excelApi: "1.6" });
    expect(host.unsupported()).toMatch(/ExcelApi 1\.7/);
    await expect(host.readTable({ source: "sheet" })).rejects.toMatchObject({ problem: "old-excel" });
    expect(fake.syncs).toBe(0);
    expect(fakeWith(wideGrid(SEED_003), { excelApi: "1.7" }).host.canWriteDocuments()).toBe(false);
    expect(fakeWith(wideGrid(SEED_003), { excelApi: "1.8" }).host.canWriteDocuments()).toBe(true);
  });
});
