/**
 * `shnor report` on books written by other programs: the sheet copied and
 * marked is the one with the table, by its name, whatever the parts are called
 * (issue 14: openpyxl's absolute targets copied the notes tab instead), and
 * ranges spanning the sheet do not make the copy iterate over them.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { run, sha } from "./run";
import { handBook, HandSheet } from "../io/books";

const dir = mkdtempSync(join(tmpdir(), "shnor-report-books-"));

const NOTES: HandSheet = { name: "Примечания", rows: [["Примечание к таблице"], ["Данные на листе «Результаты»"]] };
const TABLE: HandSheet = {
  name: "Результаты",
  rows: [
    ["Результаты ВПР"],
    ["№", "Наименование ОО", "ВПР МА 5 2024", null, "ВПР РУ 5 2024", null],
    [null, null, "% «2»", "% выс. рез.", "% «2»", "% выс. рез."],
    [1, "МБОУ «СОШ № 1»", 35, 20, 40, 10],
    [2, "МБОУ «СОШ № 2»", 10, 40, 5, 50],
    [3, "МБОУ «СОШ № 3»", 31, 12, 12, 30],
  ],
  merges: [
    { top: 1, left: 2, bottom: 1, right: 3 },
    { top: 1, left: 4, bottom: 1, right: 5 },
  ],
};

async function report(file: string): Promise<ExcelJS.Workbook> {
  const out = file.replace(/\.xlsx$/, "-отчёт.xlsx");
  const before = sha(file);
  const { code, stderr } = await run("report", file, "-o", out);
  expect([code, stderr]).toEqual([0, ""]);
  expect(sha(file)).toBe(before);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  return wb;
}

function expectMarkedTable(wb: ExcelJS.Workbook): void {
  const ws = wb.worksheets[0];
  expect(ws.name).toBe("Результаты");
  expect(ws.getCell("B4").value).toBe("МБОУ «СОШ № 1»");
  expect(ws.getCell("B6").value).toBe("МБОУ «СОШ № 3»");
  expect(wb.worksheets.map((w) => w.name)).not.toContain("Примечания");
  // The status column is right of the table, on the school rows.
  const statuses = [4, 5, 6].map((r) => ws.getCell(r, 7).value);
  expect(statuses).toEqual(["ШНОР", "нет", "риск"]);
}

describe("shnor report copies and marks the right sheet", () => {
  it("openpyxl style: absolute targets, inline strings, the notes tab first", async () => {
    const file = join(dir, "openpyxl.xlsx");
    writeFileSync(file, handBook([NOTES, TABLE], { absoluteTargets: true, strings: "inline" }));
    expectMarkedTable(await report(file));
  }, 60_000);

  it("sheet parts with other names, in the other order", async () => {
    const file = join(dir, "parts.xlsx");
    writeFileSync(
      file,
      handBook(
        [
          { ...NOTES, part: "sheet2.xml" },
          { ...TABLE, part: "sheet1.xml" },
        ],
        { absoluteTargets: true },
      ),
    );
    expectMarkedTable(await report(file));
  }, 60_000);

  it("a merge and a validation spanning the whole sheet are clipped, not iterated", async () => {
    const files = unzipSync(handBook([NOTES, TABLE]));
    const xml = strFromU8(files["xl/worksheets/sheet2.xml"]).replace(
      "</mergeCells>",
      `<mergeCell ref="H1:XFD1048576"/></mergeCells><dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>`,
    );
    files["xl/worksheets/sheet2.xml"] = strToU8(xml);
    const file = join(dir, "bomb.xlsx");
    writeFileSync(file, zipSync(files));
    // Iterating them would be 17 billion cells: a hang fails at the test's timeout (`npm run bench` measures time).
    const wb = await report(file);
    expectMarkedTable(wb);
  }, 60_000);
});
