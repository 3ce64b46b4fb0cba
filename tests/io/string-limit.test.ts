/**
 * One string's limit (DEFAULT_LIMITS.stringLength) holds for every format, not only
 * .xlsx: a cell one character past it in a .csv, an .ods or a page's table is one
 * Russian line naming the limit; a cell exactly at it is read whole. (An .xls cannot
 * hold such a string: BIFF8 cuts a cell's text at 32,767 characters, as Excel does.)
 */
import * as XLSX from "@e965/xlsx";
import { ShnorError } from "../../src/core";
import { bytesSource } from "../../src/io/bytes";
import { DEFAULT_LIMITS } from "../../src/io/limits";
import { openBook } from "../../src/io/open";
import { drain, utf8, writeCsv } from "./formats-helpers";

const LIMIT = DEFAULT_LIMITS.stringLength;

/** A book of one sheet: a header, and a school whose name is `length` characters long. */
function book(format: "csv" | "ods" | "html", length: number): Uint8Array {
  const rows = [
    ["Название ОО", "ВПР МА 5 2024 % «2»"],
    ["Ш".repeat(length), 35],
  ];
  if (format === "csv") return utf8(writeCsv(rows, ";"));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), "Результаты");
  if (format === "html") return utf8(XLSX.write(wb, { type: "string", bookType: "html" }) as string);
  return new Uint8Array(XLSX.write(wb, { type: "array", bookType: "ods" }) as ArrayBuffer);
}

describe.each(["csv", "ods", "html"] as const)("a .%s cell", (format) => {
  it(`of ${LIMIT} characters is read whole`, async () => {
    const [sheet] = await drain(await openBook(bytesSource(book(format, LIMIT), `t.${format}`)));
    expect(sheet.rows.some((r) => r.values.some((v) => typeof v === "string" && v.length === LIMIT))).toBe(true);
  });

  it(`of ${LIMIT + 1} characters is one Russian line naming the limit`, async () => {
    const error = await (async () => drain(await openBook(bytesSource(book(format, LIMIT + 1), `t.${format}`))))().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShnorError);
    expect((error as Error).message).toMatch(/«t\.\w+».*предел длины строки/);
    expect((error as Error).message).not.toMatch(/\n/);
  });
});
