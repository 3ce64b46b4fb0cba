/**
 * «Собрать из выгрузок» through the fake Excel: the files are read with the pane's file
 * layer (a Blob per file, as a File is), the joined table and the recognition report go
 * to new sheets in whole-range writes, nothing of the user's is touched, and reading the
 * new sheet back gives the schools and results of the files.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeTable, collectGrid, collectSheetSpecs, DEFAULT_SETTINGS, RECOGNITION_TITLE } from "../../src/core";
import { blobSource } from "../../src/io/blob";
import { InputsReading, readInputs, recognitionSheetLines } from "../../src/io/inputs";
import { FakeExcel, FakeOfficeError } from "../fakes/excel";
import { makeMunicipality, procedureId, statGrid } from "../fixtures/fisoko";
import { writeWorkbook } from "../fixtures/layouts";
import { hostFor } from "./helpers";

const m = makeMunicipality(77, 12, [2025, 2026]);
let read: InputsReading;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "shnor-pane-collect-"));
  const files: { name: string; path: string }[] = [];
  for (const [i, p] of m.procedures.entries()) {
    const name = `${procedureId(p)}.xlsx`;
    const path = join(dir, name);
    await writeWorkbook(path, [statGrid(m, p, { prefix: p.year === 2025 ? "sch" : "edu", titleHeight: i % 3 })]);
    files.push({ name, path });
  }
  read = await readInputs(files.map((f) => blobSource(new Blob([readFileSync(f.path)]), f.name)));
});

function workbook() {
  const fake = new FakeExcel();
  const user = fake.addSheet("Мои данные", [
    ["Школа", "Примечание"],
    ["МБОУ «СОШ №1»", "=1+1"],
    [null, "текст"],
  ]);
  // A user's sheet already named as the joined table: it must not be written over.
  fake.addSheet("Свод", [["мой свод"]]);
  fake.activate("Мои данные");
  return { fake, user, host: hostFor(fake) };
}

describe("writing the joined table in Excel", () => {
  it("writes both sheets whole as new sheets, under free names, touching nothing of the user's", async () => {
    const { fake, host } = workbook();
    const before = { mine: fake.snapshot("Мои данные"), svod: fake.snapshot("Свод") };
    fake.resetStats();
    const sheets = await host.writeCollected(collectSheetSpecs(read.table, recognitionSheetLines(read)));
    // Few round trips, none per row: one to look at the workbook, the writes, one to recalculate.
    expect(fake.syncs).toBeLessThanOrEqual(3);
    expect(sheets).toEqual(["Свод (2)", "Распознавание"]);
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(["Мои данные", "Свод", "Свод (2)", "Распознавание"]);
    expect(fake.snapshot("Мои данные")).toEqual(before.mine);
    expect(fake.snapshot("Свод")).toEqual(before.svod);
    // The new sheets are the user's to keep: not recorded, so «Снять отметки» leaves them.
    expect(fake.workbook.names).toHaveLength(0);
    expect((await host.listAdded()).sheets).toEqual([]);
    expect(fake.workbook.activeSheet?.name).toBe("Свод (2)");

    const grid = collectGrid(read.table);
    const s = fake.sheet("Свод (2)");
    grid.values.forEach((row, r) =>
      row.forEach((v, c) => expect([r, c, s.value(r, c)]).toEqual([r, c, v === null || v === undefined ? "" : v])),
    );
    // Text stays text (a login, a school's name); numbers are numbers.
    expect(s.numberFormat(4, 3)).toBe("@");
    expect(typeof s.value(4, 4) === "number" || s.value(4, 4) === "").toBe(true);
    expect(s.merges).toEqual(
      expect.arrayContaining(
        (grid.merges ?? []).map((x) => ({ row: x.top, column: x.left, rows: x.bottom - x.top + 1, columns: x.right - x.left + 1 })),
      ),
    );
    // The header and the four id columns stay in view, as in the command's book.
    expect([s.freezeRows, s.freezeColumns]).toEqual([4, 4]);
    const report = fake.sheet("Распознавание");
    expect(report.value(0, 0)).toBe(RECOGNITION_TITLE);
    const lines = recognitionSheetLines(read);
    lines.forEach((line, r) => expect(report.value(r, 0)).toBe(line === "" ? "" : line));
    expect(lines.filter((l) => l.startsWith("Файл «"))).toHaveLength(m.procedures.length);
  });

  it("reading the new sheet back gives the files' schools and the same analysis", async () => {
    const { host } = workbook();
    const [sheet] = await host.writeCollected(collectSheetSpecs(read.table, recognitionSheetLines(read)));
    const back = await host.readTable({ source: "selection", sheet });
    expect(back.sheet).toBe(sheet);
    expect(back.source).toBe("sheet");
    expect(back.table.schools.map((x) => x.login)).toEqual(read.table.schools.map((x) => x.login));
    const strip = (a: ReturnType<typeof analyzeTable>) => a.verdicts.map((v) => [v.school.login, v.status, v.criteria]);
    expect(strip(analyzeTable(back.table, DEFAULT_SETTINGS))).toEqual(strip(analyzeTable(read.table, DEFAULT_SETTINGS)));
  });

  it("a failed write leaves no half-written sheet", async () => {
    const { fake, host } = workbook();
    fake.fault = (i) => (i === 1 ? new FakeOfficeError("GeneralException", "Соединение прервано.") : null);
    fake.resetStats();
    const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(host.writeCollected(collectSheetSpecs(read.table, recognitionSheetLines(read)))).rejects.toBeTruthy();
    quiet.mockRestore();
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(["Мои данные", "Свод"]);
  });
});
