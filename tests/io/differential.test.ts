/**
 * The reader against exceljs (non-streaming) and SheetJS on every kind of book
 * the tests have or make: values, %-format fractions, merges and sheet names
 * must be the same. A book LibreOffice wrote: tests/office/formats-libreoffice.test.ts.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { SheetGrid } from "../../src/core";
import { useHostInflater, useInflater } from "../../src/io/zip";
import { zlibInflate } from "../../src/io/node";
import { fisOkoGrids, longGrid, wideGrid, writeWorkbook } from "../fixtures/layouts";
import { SEED_001, SEED_003 } from "../fixtures/seeds";
import { handBook, HandSheet } from "./books";
import { excelJsGrids, ourGrids, plain, sheetJsGrids } from "./grids";

const dir = mkdtempSync(join(tmpdir(), "shnor-diff-"));
const root = join(__dirname, "..", "..");

async function exceljsBook(sheets: SheetGrid[]): Promise<Uint8Array> {
  const file = join(dir, `book-${Math.random().toString(36).slice(2)}.xlsx`);
  await writeWorkbook(file, sheets);
  return readFileSync(file);
}

/** The cells every test book shares: Cyrillic, emoji, quotes, a fraction under %, text that looks like a number. */
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
};

const NOTES: HandSheet = { name: "Пояснения", rows: [["Пояснительная записка"], ["Таблица на следующем листе"]] };

describe.each(["native", "zlib", "fflate"] as const)("the reader agrees with exceljs and SheetJS (%s inflate)", (inflater) => {
  beforeAll(() => {
    useInflater(inflater === "fflate" ? "fflate" : "native");
    useHostInflater(inflater === "zlib" ? zlibInflate : null);
  });
  afterAll(() => {
    useInflater("native");
    useHostInflater(null);
  });

  const books: [string, () => Promise<Uint8Array>][] = [
    ["samples/prilozhenie-1.xlsx", async () => readFileSync(join(root, "samples", "prilozhenie-1.xlsx"))],
    [
      "exceljs: wide with clutter, long, seed 001 with three header rows",
      () =>
        exceljsBook([
          { values: [["Пояснения"], ["Лист без таблицы"]], sheetName: "Титул" },
          wideGrid(SEED_003, { clutter: true }),
          longGrid(SEED_003, "Длинная"),
          wideGrid(SEED_001, { headerRows: 3, sheetName: "Сид 001" }),
          wideGrid(SEED_001, { headerRows: 1, sheetName: "Одна строка", merges: false }),
        ]),
    ],
    ["exceljs: ФИС ОКО sheets", () => exceljsBook(fisOkoGrids(SEED_003))],
    [
      "exceljs: numbers under % formats",
      () =>
        exceljsBook([
          {
            values: MIXED.rows,
            numberFormats: [[], [], [], [], [null, null, "0%", "0.0%"], [null, null, "0.00%", "0"]],
            sheetName: "Форматы",
          },
        ]),
    ],
    [
      "openpyxl style: absolute targets, inline strings",
      async () => handBook([NOTES, MIXED], { absoluteTargets: true, strings: "inline" }),
    ],
    [
      "Excel style: shared strings with rich text and phonetic runs, workbook.xml stored last",
      async () => handBook([MIXED, NOTES], { richText: true, workbookLast: true }),
    ],
  ];

  it.each(books)("%s", async (_name, make) => {
    const bytes = await make();
    const ours = plain(await ourGrids(bytes));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.some((g) => Object.keys(g.cells).length > 0)).toBe(true);
    expect(plain(await ourGrids(bytes), true)).toEqual(plain(sheetJsGrids(bytes), true));
    expect(ours).toEqual(plain(await excelJsGrids(bytes)));
  });

  it("openpyxl style without the optional r attributes (exceljs refuses it: «Invalid row number in model»)", async () => {
    const withRefs = handBook([NOTES, MIXED], { absoluteTargets: true, strings: "inline" });
    const bytes = handBook([NOTES, MIXED], { absoluteTargets: true, strings: "inline", noRefs: true });
    const ours = await ourGrids(bytes);
    expect(plain(ours, true)).toEqual(plain(sheetJsGrids(bytes), true));
    expect(plain(ours)).toEqual(plain(await ourGrids(withRefs)));
    expect(plain(ours)).toEqual(plain(await excelJsGrids(withRefs)));
  });
});

describe("books exceljs gets wrong, against SheetJS", () => {
  it("sheet parts not named sheetN.xml keep their sheets and names", async () => {
    const bytes = handBook(
      [
        { ...NOTES, part: "notes.xml" },
        { ...MIXED, part: "data_2024.xml" },
      ],
      { absoluteTargets: true, strings: "inline" },
    );
    const ours = plain(await ourGrids(bytes));
    expect(ours.map((g) => g.name)).toEqual(["Пояснения", "Результаты «2024»"]);
    expect(plain(await ourGrids(bytes), true)).toEqual(plain(sheetJsGrids(bytes), true));
  });

  it("1904 dates", async () => {
    const sheet: HandSheet = { name: "Даты", rows: [["Дата", 45000, 0.5]], styles: [[0, 3, 1]] };
    for (const date1904 of [false, true]) {
      const bytes = handBook([sheet], { date1904 });
      const ours = plain(await ourGrids(bytes));
      expect(ours[0].cells.B1).toEqual([date1904 ? "2027-03-16" : "2023-03-15", false]);
      expect(ours).toEqual(plain(sheetJsGrids(bytes)));
      expect(ours).toEqual(plain(await excelJsGrids(bytes)));
    }
  });

  it("a book written by exceljs's streaming writer with shared strings", async () => {
    const file = join(dir, "stream.xlsx");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
    const ws = wb.addWorksheet("Поток");
    MIXED.rows.forEach((row, r) => {
      const added = ws.addRow(row as ExcelJS.CellValue[]);
      if (r === 4) added.getCell(3).numFmt = "0%";
      added.commit();
    });
    await ws.commit();
    await wb.commit();
    const bytes = readFileSync(file);
    const ours = plain(await ourGrids(bytes));
    expect(plain(await ourGrids(bytes), true)).toEqual(plain(sheetJsGrids(bytes), true));
    expect(ours).toEqual(plain(await excelJsGrids(bytes)));
    expect(ours[0].cells.C5).toEqual([0.35, true]);
  });
});
