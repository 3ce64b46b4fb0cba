/**
 * The command copies the user's sheet with its rows written as SpreadsheetML
 * directly (src/writers/copy-xml.ts) instead of through exceljs's rows and
 * cells. Writer parity: every part of the book is the same, byte for byte once
 * inflated, as with exceljs's rows — whole reports (the copy with its marks,
 * then the described sheets, which share its styles and strings) and plain
 * copies of books with every kind of value and look, hidden and empty rows.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { unzipSync } from "fflate";
import { planReport } from "../../src/core";
import { copyStyledSheet } from "../../src/writers/copy-sheet";
import { copyRowsAsXml } from "../../src/writers/copy-xml";
import { copyInto, sheetOpener, writeReportBook } from "../../src/writers/report-book";
import { addStreamSheet, computeOnOpening, streamingSink } from "../../src/writers/stream-book";
import { readInputs, sourceTables } from "../../src/io/inputs";
import { fileSource } from "../../src/io/node";
import { openBook } from "../../src/io/open";
import { styledSheet } from "../../src/io/styled";
import { bigWideGrid } from "../excel/bigTable";
import { SEED_003 } from "../fixtures/seeds";
import { wideGrid, writeWorkbook } from "../fixtures/layouts";
import { handBook, HandSheet } from "../io/books";

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), "shnor-copy-xml-"));
let count = 0;

type Rows = "exceljs" | "xml";

/** A streaming book's parts, inflated; the creation time left out. */
async function partsOf(write: (book: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>): Promise<Record<string, string>> {
  const file = join(dir, `book-${count++}.xlsx`);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  computeOnOpening(book);
  await write(book);
  await book.commit();
  const parts = unzipSync(new Uint8Array(readFileSync(file)));
  delete parts["docProps/core.xml"];
  return Object.fromEntries(Object.entries(parts).map(([name, bytes]) => [name, Buffer.from(bytes).toString("utf8")]));
}

function expectSameParts(got: Record<string, string>, want: Record<string, string>): void {
  expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
  for (const name of Object.keys(want)) if (got[name] !== want[name]) expect({ name, xml: got[name] }).toEqual({ name, xml: want[name] });
}

/** `shnor report`'s book for the file, its copy's rows made one way or the other. */
async function report(file: string, rows: Rows): Promise<Record<string, string>> {
  const reading = await readInputs([await fileSource(file)]);
  const plan = planReport({ table: reading.table, sources: sourceTables(reading), files: 1, settings: {}, documents: {} });
  expect(plan.sheets.some((s) => s.kind === "copy")).toBe(true);
  return partsOf(async (book) => {
    const sink = streamingSink(book);
    if (rows === "exceljs")
      sink.copy = async (sheet, source) => {
        const ws = await copyInto((options) => addStreamSheet(book, sheet.name, options), sheet, source);
        (ws as unknown as { commit(): void }).commit();
      };
    await writeReportBook(
      plan.sheets,
      sink,
      sheetOpener(() => fileSource(file)),
    );
  });
}

/** Every sheet of the file copied as it is (no marks). */
async function copies(file: string, rows: Rows): Promise<Record<string, string>> {
  return partsOf(async (book) => {
    const source = await fileSource(file);
    try {
      for await (const sheet of (await openBook(source)).sheets()) {
        const create = (options: Partial<ExcelJS.AddWorksheetOptions>) => addStreamSheet(book, sheet.name, options);
        const ws =
          rows === "xml"
            ? await copyStyledSheet(create, styledSheet(sheet), undefined, undefined, [], undefined, copyRowsAsXml)
            : await copyStyledSheet(create, styledSheet(sheet));
        (ws as unknown as { commit(): void }).commit();
      }
    } finally {
      await source.close?.();
    }
  });
}

/** A generated district's results as one sheet, written by exceljs. */
async function district(name: string, schools: number, years: number): Promise<string> {
  const file = join(dir, name);
  const grid = new ExcelJS.Workbook();
  grid.addWorksheet("Результаты").addRows(bigWideGrid(schools, years).values as ExcelJS.CellValue[][]);
  await grid.xlsx.writeFile(file);
  return file;
}

async function expectSameReport(file: string): Promise<void> {
  expectSameParts(await report(file, "xml"), await report(file, "exceljs"));
}

async function expectSameCopies(file: string): Promise<Record<string, string>> {
  const want = await copies(file, "exceljs");
  expectSameParts(await copies(file, "xml"), want);
  return want;
}

describe("the copy's rows written directly are exceljs's, byte for byte", () => {
  it("in the sample's report", async () => {
    await expectSameReport(join(__dirname, "..", "..", "samples", "prilozhenie-1.xlsx"));
  });

  it("in a generated district's report and a seed's, with number formats", async () => {
    await expectSameReport(await district("district.xlsx", 80, 7));
    const seed = join(dir, "seed.xlsx");
    await writeWorkbook(seed, [{ ...wideGrid(SEED_003), numberFormats: [[], [], [], [], [], [null, null, null, "0.0"]] }]);
    await expectSameReport(seed);
  });

  it("in a report whose results table has hidden, empty and styled rows and errors", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Результаты");
    ws.addRows(bigWideGrid(12, 3).values as ExcelJS.CellValue[][]);
    const last = ws.rowCount;
    ws.getRow(last + 2).height = 30;
    ws.getCell(last + 3, 2).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    ws.getRow(last + 4).hidden = true;
    ws.getCell(last + 5, 1).value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getRow(4).hidden = true;
    ws.getRow(5).height = 40;
    const file = join(dir, "odd-rows.xlsx");
    await wb.xlsx.writeFile(file);
    await expectSameReport(file);
  });

  // Values of every kind a reader gives (errors, booleans, dates under formats, text to escape), a hidden
  // row with values and an empty hidden one, a styled cell past the values.
  const TABLE: HandSheet = {
    name: "Ввод",
    rows: [
      ["Школа", "Доля", "Сдано", "Проверено"],
      ["Лицей «Смена»", "#DIV/0!", 45000, true],
      ["<&>\"'", 0.25, null, false],
      [],
      ["СОШ № 3", "#N/A", 45100.5],
    ],
    styles: [[], [0, 4], [0, 1, 3], [], [0, 2, 3, 0, 1]],
    merges: [{ top: 0, left: 2, bottom: 0, right: 3 }],
    hiddenRows: [2, 3],
  };

  it("in plain copies of hand-written books: shared and inline strings, errors, booleans, hidden rows", async () => {
    for (const strings of ["shared", "inline"] as const) {
      const file = join(dir, `hand-${strings}.xlsx`);
      writeFileSync(file, handBook([{ name: "Пояснения", rows: [["Книга выгружена из ФИС ОКО"]] }, TABLE], { strings }));
      const parts = await expectSameCopies(file);
      expect(parts["xl/worksheets/sheet2.xml"]).toContain('hidden="1"');
    }
  });

  it("in plain copies of random books: values of every kind, looks on empty cells, heights, hidden rows, gaps", async () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.constantFrom("Школа № 5 «Луч»", "<a & b>", "'\"", "=A1", " x ", "", "007"),
      fc.string({ maxLength: 8 }),
      fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
      fc.boolean(),
      fc.constantFrom({ error: "#N/A" }, { error: "#DIV/0!" }),
    );
    const looks: Partial<ExcelJS.Style>[] = [
      {},
      { font: { bold: true } },
      { fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } } },
      { numFmt: "0.0%" },
      { border: { bottom: { style: "thin" } } },
    ];
    const sheet = fc.array(
      fc.record({
        gap: fc.nat(2),
        cells: fc.array(fc.record({ gap: fc.nat(2), value, look: fc.nat(looks.length - 1) }), { maxLength: 6 }),
        height: fc.option(fc.integer({ min: 5, max: 60 })),
        hidden: fc.boolean(),
      }),
      { minLength: 1, maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(sheet, async (rows) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet("Лист");
        let r = 0;
        for (const row of rows) {
          r += row.gap + 1;
          let c = 0;
          for (const cell of row.cells) {
            c += cell.gap + 1;
            const target = ws.getCell(r, c);
            target.value = cell.value as ExcelJS.CellValue;
            if (cell.look > 0) target.style = looks[cell.look];
          }
          if (row.height !== null) ws.getRow(r).height = row.height;
          if (row.hidden) ws.getRow(r).hidden = true;
        }
        const file = join(dir, `random-${count++}.xlsx`);
        await wb.xlsx.writeFile(file);
        await expectSameCopies(file);
      }),
      { numRuns: 40 },
    );
  });

  it("in a report whose copy is handed to the zip in many pieces, waiting for it between them", async () => {
    await expectSameReport(await district("district-big.xlsx", 1500, 4));
  });
});
