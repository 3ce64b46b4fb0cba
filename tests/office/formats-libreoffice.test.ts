/**
 * Books and CSV written by LibreOffice (headless, its own profile): the sample
 * as .xls, .ods, .csv and .xlsx, the kinds of cell, cut files and a РЦОИ book
 * as .xls read as the files our own tests write (tests/io) are read.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readTable } from "../../src/core";
import { decodeCsv, openCsvBook } from "../../src/io/csv";
import { openSheetJsBook } from "../../src/io/sheetjs";
import { bytesSource } from "../../src/io/bytes";
import { openBook } from "../../src/io/open";
import { run } from "../cli/run";
import { writeWorkbook } from "../fixtures/layouts";
import { PATIENCE } from "../fixtures/patience";
import { gia2024Pupils, multiExamGrid } from "../fixtures/rcoi";
import { answerOf, bookAnswer, drain, expectKinds, kindsXlsx, SAMPLE, sampleAnswer, truncations } from "../io/formats-helpers";
import { excelJsGrids, ourGrids, plain, sheetJsGrids } from "../io/grids";
import { convertWithLibreOffice } from "./libreoffice";

jest.setTimeout(PATIENCE);

const dir = mkdtempSync(join(tmpdir(), "shnor-formats-lo-"));

let expected: Awaited<ReturnType<typeof sampleAnswer>>;
beforeAll(async () => {
  expected = await sampleAnswer();
  expect(expected.schools.filter((s) => s.status === "shnor")).toHaveLength(3);
});

describe("the sample saved by LibreOffice gives the .xlsx's answer", () => {
  it.each([
    ["xls", "xls"],
    ["ods", "ods"],
  ] as const)("as .%s", async (filter, format) => {
    const bytes = convertWithLibreOffice(SAMPLE, filter, format);
    const book = openSheetJsBook(bytes, `prilozhenie-1.${format}`, format);
    expect(book.sheetNames).toEqual(["Приложение 1"]);
    const [sheet] = await drain(book);
    // LibreOffice keeps the merged procedure labels: the reader must hand them on.
    expect(sheet.grid.merges).toContainEqual({ top: 3, left: 2, bottom: 3, right: 3 });
    expect(answerOf(readTable(sheet.grid))).toEqual(expected);
  });

  // LibreOffice here has no «MS Excel 2003 XML» export (its XSLT filter is not installed): that flavour is written by hand in tests/io.
  it.each([
    ["html:HTML (StarCalc)", "html", "html", "prilozhenie-1"],
    ["fods", "fods", "fods", "Приложение 1"],
  ] as const)("as %s, found by its content under a .xls name", async (filter, extension, format, sheet) => {
    const bytes = convertWithLibreOffice(SAMPLE, filter, extension);
    const book = await openBook(bytesSource(bytes, "prilozhenie-1.xls"));
    expect({ format: book.format, sheets: book.sheetNames }).toEqual({ format, sheets: [sheet] });
    const [read] = await drain(book);
    expect(read.grid.merges).toContainEqual({ top: 3, left: 2, bottom: 3, right: 3 });
    expect(answerOf(readTable(read.grid))).toEqual(expected);
  });

  it("as .csv in Windows-1251 with `;`", async () => {
    // Field separator 59 («;»), text delimiter 34 («"»), character set 34 (Windows-1251).
    const bytes = convertWithLibreOffice(SAMPLE, "csv:Text - txt - csv (StarCalc):59,34,34", "csv");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(decodeCsv(bytes).encoding).toBe("windows-1251");
    expect(await bookAnswer(openCsvBook(bytes, "prilozhenie-1.csv"))).toEqual(expected);
  });

  it("as .xlsx: our reader, exceljs and SheetJS read the same cells, and the original's", async () => {
    const bytes = convertWithLibreOffice(SAMPLE, "xlsx:Calc MS Excel 2007 XML", "xlsx");
    const ours = plain(await ourGrids(bytes));
    expect(ours).toEqual(plain(sheetJsGrids(bytes)));
    expect(ours).toEqual(plain(await excelJsGrids(bytes)));
    // …and the same as the original, which LibreOffice only re-wrote.
    const original = plain(await ourGrids(readFileSync(SAMPLE)));
    expect(ours.map((g) => g.cells)).toEqual(original.map((g) => g.cells));
  });
});

describe("cells come through as the engine reads them", () => {
  it("from LibreOffice's .xls", async () => {
    await expectKinds(convertWithLibreOffice(await kindsXlsx(), "xls", "xls"), "xls");
  });
  it("from LibreOffice's .ods", async () => {
    // Row visibility is read from content.xml by the reader itself: SheetJS's ODS reader does not keep it.
    await expectKinds(convertWithLibreOffice(await kindsXlsx(), "ods", "ods"), "ods", { boolean: 1 });
  });
});

it.each(["xls", "ods"] as const)("LibreOffice-written .%s cut at many offsets never gives a smaller answer", async (format) => {
  const outcomes = await truncations(convertWithLibreOffice(SAMPLE, format, format), format);
  expect(outcomes.error).toBeGreaterThan(0);
});

it("a РЦОИ book of several exams saved as .xls (Excel 97–2003) gives the .xlsx's answer", async () => {
  const xlsx = join(dir, "гиа.xlsx");
  await writeWorkbook(xlsx, [multiExamGrid(gia2024Pupils())]);
  const xls = join(dir, "гиа.xls");
  writeFileSync(xls, convertWithLibreOffice(xlsx, "xls", "xls"));
  const a = await run("analyze", xlsx, "--json");
  const b = await run("analyze", xls, "--json");
  expect([b.code, b.stderr]).toEqual([0, ""]);
  const schools = JSON.parse(b.stdout).schools;
  expect(schools.length).toBeGreaterThan(1);
  expect(schools).toEqual(JSON.parse(a.stdout).schools);
});
