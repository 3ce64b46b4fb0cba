/** Fake workbooks holding the fixtures' grids, and a host wired to them. */
import { SheetGrid } from "../../src/core";
import { createExcelHost, ExcelHost } from "../../src/excel";
import { FakeExcel, FakeExcelOptions } from "../fakes/excel";

export function fakeWith(grid: SheetGrid, options: FakeExcelOptions = {}): { fake: FakeExcel; host: ExcelHost; sheet: string } {
  const fake = new FakeExcel(options);
  const sheet = grid.sheetName ?? "Лист1";
  const model = fake.addSheet(sheet, grid.values, { numberFormats: grid.numberFormats ?? undefined });
  model.merges = (grid.merges ?? []).map((m) => ({
    row: m.top,
    column: m.left,
    rows: m.bottom - m.top + 1,
    columns: m.right - m.left + 1,
  }));
  fake.activate(sheet);
  return { fake, host: hostFor(fake), sheet };
}

export function hostFor(fake: FakeExcel): ExcelHost {
  return createExcelHost({ run: fake.run, isSetSupported: fake.isSetSupported });
}
