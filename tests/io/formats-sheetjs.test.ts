/**
 * .xls and .ods through src/io/sheetjs.ts: the sample saved in both formats,
 * by SheetJS's own writer and by LibreOffice, gives the .xlsx's answer; cell
 * kinds, number formats, merges and hidden rows come through; damaged,
 * protected and oversized files give one Russian message.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import ExcelJS from "exceljs";
import { readTable, ShnorError } from "../../src/core";
import { MAX_SHEETJS_BYTES, openSheetJsBook } from "../../src/io/sheetjs";
import { answerOf, bookAnswer, convertWithLibreOffice, drain, hasSoffice, SAMPLE, sampleAnswer, sampleCells } from "./formats-helpers";

jest.setTimeout(180_000);

const SOFFICE_PRESENT = hasSoffice();
/** CI installs libreoffice-calc; only a machine without it skips these, and says so. */
const withSoffice = SOFFICE_PRESENT ? it : it.skip;
if (!SOFFICE_PRESENT) console.warn("soffice (LibreOffice) не найден: проверки .xls/.ods, записанных LibreOffice, пропущены.");

/** The sample's cells and merges as a SheetJS book, written by SheetJS in the given format. */
async function sampleBySheetJs(bookType: "biff8" | "ods" | "biff5"): Promise<Uint8Array> {
  const { name, values, merges } = await sampleCells();
  const ws = XLSX.utils.aoa_to_sheet(values.map((r) => r.map((v) => (v === null ? undefined : v))));
  ws["!merges"] = merges.map((m) => ({ s: { r: m.top, c: m.left }, e: { r: m.bottom, c: m.right } }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, name);
  return new Uint8Array(XLSX.write(wb, { type: "array", bookType }) as ArrayBuffer);
}

function russianError(run: () => unknown): ShnorError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ShnorError);
    expect((e as Error).message).toMatch(/[А-Яа-яЁё]/);
    // One Russian sentence: no library's English text leaks through.
    expect((e as Error).message).not.toMatch(/[A-Za-z]{3,}/);
    return e as ShnorError;
  }
  throw new Error("no error was thrown");
}

describe("the sample in other formats gives the .xlsx's answer", () => {
  let expected: Awaited<ReturnType<typeof sampleAnswer>>;
  beforeAll(async () => {
    expected = await sampleAnswer();
    // The answer the README promises, so a broken baseline cannot pass unnoticed.
    expect(expected.schools.filter((s) => s.status === "shnor").map((s) => s.name)).toEqual([
      "МБОУ «Ариничевская СОШ»",
      "МБОУ «Демьяновская СОШ»",
      "МБОУ «Подгорновская СОШ»",
    ]);
  });

  it.each(["biff8", "ods"] as const)("written by SheetJS as %s", async (bookType) => {
    const bytes = await sampleBySheetJs(bookType);
    const format = bookType === "ods" ? "ods" : "xls";
    const book = openSheetJsBook(bytes, `prilozhenie-1.${format}`, format);
    expect(book.format).toBe(format);
    expect(book.sheetNames).toEqual(["Приложение 1"]);
    expect(await bookAnswer(book)).toEqual(expected);
  });

  withSoffice.each([
    ["xls", "xls"],
    ["ods", "ods"],
  ] as const)("converted by LibreOffice to .%s", async (filter, format) => {
    const bytes = convertWithLibreOffice(SAMPLE, filter, format);
    const book = openSheetJsBook(bytes, `prilozhenie-1.${format}`, format);
    expect(book.sheetNames).toEqual(["Приложение 1"]);
    const [sheet] = await drain(book);
    // LibreOffice keeps the merged procedure labels: the reader must hand them on.
    expect(sheet.grid.merges).toContainEqual({ top: 3, left: 2, bottom: 3, right: 3 });
    expect(answerOf(readTable(sheet.grid))).toEqual(expected);
  });

  withSoffice("an Excel 95 book (BIFF5, text in Windows-1251) keeps its Cyrillic", async () => {
    const bytes = convertWithLibreOffice(SAMPLE, "xls:MS Excel 95", "xls");
    const book = openSheetJsBook(bytes, "prilozhenie-1.xls", "xls");
    expect(await bookAnswer(book)).toEqual(expected);
  });
});
