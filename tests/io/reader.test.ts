/**
 * The reader on its own: random grids written by exceljs come back equal
 * (fast-check), every limit gives its Russian message, damaged or truncated
 * parts are errors (never a smaller answer), sparse and range-bomb books stay
 * bounded, and the formats it cannot read say so.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import * as XLSX from "@e965/xlsx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { Cell, ShnorError } from "../../src/core";
import { bytesSource } from "../../src/io/bytes";
import { openBook } from "../../src/io/open";
import { readInputs } from "../../src/io/inputs";
import type { BookSource, SheetRow } from "../../src/io/types";
import { completeLength } from "../../src/io/xml";
import { handBook, HandSheet } from "./books";
import { ReaderLimits, withDefaults } from "../../src/io/limits";
import { useHostInflater, useInflater, Zip } from "../../src/io/zip";
import { zlibInflate } from "../../src/io/node";

async function rowsOf(bytes: Uint8Array, limits?: Partial<ReaderLimits>): Promise<{ name: string; rows: SheetRow[] }[]> {
  const book = await openBook(bytesSource(bytes, "книга.xlsx"), limits);
  const out: { name: string; rows: SheetRow[] }[] = [];
  for await (const sheet of book.sheets()) {
    const rows: SheetRow[] = [];
    for await (const row of sheet.rows()) rows.push(row);
    out.push({ name: sheet.name, rows });
  }
  return out;
}

/** Reads everything and returns the error it gave (failing the test if none). */
async function failure(bytes: Uint8Array, limits?: Partial<ReaderLimits>): Promise<ShnorError> {
  try {
    await rowsOf(bytes, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(ShnorError);
    return e as ShnorError;
  }
  throw new Error("the book was read without an error");
}

/** Replaces one part of a zip (the rest byte for byte as they were). */
function withPart(bytes: Uint8Array, part: string, text: string | Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  files[part] = typeof text === "string" ? strToU8(text) : (text.slice() as Uint8Array<ArrayBuffer>);
  return zipSync(files);
}

const TABLE: HandSheet = {
  name: "Результаты",
  rows: [
    ["Результаты ВПР"],
    ["№", "Наименование ОО", "ВПР МА 5 2024", null],
    [null, null, "% «2»", "% выс. рез."],
    [1, "МБОУ «СОШ № 1»", 35, 20],
    [2, "МБОУ «СОШ № 2»", 10, 40],
    [3, "МБОУ «СОШ № 3»", 31, 12],
  ],
  merges: [{ top: 1, left: 2, bottom: 1, right: 3 }],
};

describe("random grids written by exceljs come back equal", () => {
  const text = fc.string({
    unit: fc.oneof(
      fc.constantFrom(..."абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ№«»—–-.,;: \t\n&<>\"'%"),
      fc.constantFrom("🏫", "😀", "𝔘", "a", "Z", "0", "9"),
    ),
    minLength: 1,
    maxLength: 40,
  });
  const number = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
  const cell: fc.Arbitrary<Cell> = fc.oneof(text, number, fc.integer(), fc.boolean(), fc.constant(null));
  const grid = fc.array(fc.array(cell, { maxLength: 12 }), { minLength: 1, maxLength: 30 });

  it("values and positions (shared strings, property)", async () => {
    await fc.assert(
      fc.asyncProperty(grid, async (values) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet("Лист «1»");
        values.forEach((row, r) =>
          row.forEach((v, c) => {
            if (v !== null) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
          }),
        );
        const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
        const [sheet] = await rowsOf(bytes);
        expect(sheet.name).toBe("Лист «1»");
        const expected: Cell[][] = values.map((row) => {
          const copy = [...row];
          while (copy.length > 0 && copy[copy.length - 1] === null) copy.pop();
          return copy;
        });
        const got: Cell[][] = expected.map(() => []);
        for (const row of sheet.rows) got[row.index] = row.values;
        expect(got).toEqual(expected);
      }),
      { numRuns: 40, seed: 20261127 },
    );
  }, 120_000);
});

describe("Cyrillic names survive every chunk boundary", () => {
  it("completeLength never ends inside a character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 50 }), fc.nat(), (s, cut) => {
        const bytes = strToU8(s);
        const at = cut % (bytes.length + 1);
        const prefix = bytes.subarray(0, at);
        const end = completeLength(prefix);
        expect(end).toBeLessThanOrEqual(at);
        expect(at - end).toBeLessThan(4);
        // The kept part decodes without a replacement character, and with the rest gives the whole text back.
        const head = new TextDecoder().decode(prefix.subarray(0, end));
        expect(head.includes("\ufffd")).toBe(false);
        expect(head + new TextDecoder().decode(bytes.subarray(end))).toBe(s);
      }),
      { seed: 9 },
    );
  });

  it("a 40,000-school book written with shared strings gives back every name exactly", async () => {
    const names = Array.from(
      { length: 40_000 },
      (_, i) => `${i % 3 ? "МБОУ" : "МКОУ"} «Средняя общеобразовательная школа № ${i + 1} имени Ё. Ж. Щукина»${i % 7 === 0 ? " 🏫" : ""}`,
    );
    const { PassThrough } = await import("node:stream");
    const chunks: Buffer[] = [];
    const stream = new PassThrough();
    stream.on("data", (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true, useStyles: false });
    const ws = wb.addWorksheet("Регион");
    ws.addRow(["№", "Наименование ОО", "ВПР МА 5 2024", null]).commit();
    ws.addRow([null, null, "% «2»", "% выс. рез."]).commit();
    names.forEach((name, i) => ws.addRow([i + 1, name, (i * 7) % 60, (i * 3) % 50]).commit());
    await ws.commit();
    await wb.commit();
    const bytes = new Uint8Array(Buffer.concat(chunks));
    const [sheet] = await rowsOf(bytes);
    const read = sheet.rows.slice(2).map((r) => r.values[1]);
    expect(read).toHaveLength(names.length);
    const broken = read.filter((name, i) => name !== names[i]);
    expect(broken).toEqual([]);
    const table = (await readInputs([bytesSource(bytes, "регион.xlsx")])).table;
    expect(table.schools.map((s) => s.name)).toEqual(names);
  }, 60_000);
});

describe("SpreadsheetML meaning", () => {
  it("rows and cells without r, hidden rows, formulas with and without saved values", async () => {
    const bytes = handBook(
      [
        {
          ...TABLE,
          hiddenRows: [4],
          formulas: [
            [5, 2, "1+30"],
            [5, 3, "SUM(Z1:Z2)"],
          ],
        },
      ],
      { noRefs: true, strings: "inline" },
    );
    const [sheet] = await rowsOf(bytes);
    expect(sheet.rows.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(sheet.rows[4].hidden).toBe(true);
    // Arithmetic on constants is computed; a formula that needs Excel has no value and is listed.
    expect(sheet.rows[5].values).toEqual([3, "МБОУ «СОШ № 3»", 31]);
    expect(sheet.rows[5].unsavedFormulas).toEqual([{ column: 3, formula: "SUM(Z1:Z2)" }]);
  });

  it("a formula without a saved value is reported in the table's warnings", async () => {
    const bytes = handBook([{ ...TABLE, formulas: [[5, 2, "C5*2"]] }]);
    const table = (await readInputs([bytesSource(bytes, "ф.xlsx")])).table;
    expect(table.warnings.join(" ")).toMatch(/формулы без сохранённых значений \(C6\).*откройте книгу в Excel и сохраните/);
  });

  it("a sheet is taken by the name the workbook gives it, whatever the part is called", async () => {
    const bytes = handBook(
      [
        { name: "Примечания", rows: [["Примечание"]], part: "zzz.xml" },
        { ...TABLE, part: "a.xml" },
      ],
      { absoluteTargets: true },
    );
    const book = await openBook(bytesSource(bytes, "b.xlsx"));
    expect(book.sheetNames).toEqual(["Примечания", "Результаты"]);
    const { table } = await readInputs([bytesSource(bytes, "b.xlsx")]);
    expect(table.sheetName).toBe("Результаты");
    expect(table.schools).toHaveLength(3);
  });
});

describe("damaged books are errors, never a smaller answer", () => {
  const book = handBook([TABLE, { name: "Ещё", rows: [["x", 1]] }]);

  it.each(Array.from({ length: 24 }, (_, i) => i))("the file cut short (%i/24 of it)", async (i) => {
    const cut = Math.floor((book.length * i) / 24);
    const e = await failure(book.subarray(0, cut));
    expect(e.message).toMatch(/повреждён|пуст|не книга/);
  });

  const files = unzipSync(book);
  for (const part of ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/styles.xml"]) {
    const xml = files[part];
    it(`${part} cut at 30 places`, async () => {
      for (let i = 0; i < 30; i++) {
        const at = Math.floor(((xml.length - 1) * i) / 30);
        const e = await failure(withPart(book, part, xml.subarray(0, at)));
        expect(e.message).toMatch(/повреждён/);
      }
    });
  }

  it("shared strings with an item missing", async () => {
    const xml = strFromU8(files["xl/sharedStrings.xml"]).replace(/<si>(?:(?!<\/si>)[\s\S])*<\/si><\/sst>$/, "</sst>");
    const e = await failure(withPart(book, "xl/sharedStrings.xml", xml));
    expect(e.message).toMatch(/ссылка на строку № \d+, а общих строк в книге \d+/);
  });

  // DecompressionStream, Node's zlib (what the command uses, src/io/node.ts) and fflate.
  it.each(["web", "zlib", "fflate"] as const)("a compressed part with its bytes damaged (%s)", async (kind) => {
    useInflater("fflate");
    const reference = await rowsOf(book);
    useInflater(kind === "fflate" ? "fflate" : "native");
    useHostInflater(kind === "zlib" ? zlibInflate : null);
    try {
      const zip = await Zip.open(bytesSource(book, "z.xlsx"), withDefaults());
      const entry = zip.entry("xl/worksheets/sheet1.xml")!;
      const dataStart = entry.localOffset + 30 + (book[entry.localOffset + 26] | (book[entry.localOffset + 27] << 8));
      for (const at of [0, 0.25, 0.5, 0.75].map((f) => dataStart + Math.floor(entry.compressedSize * f))) {
        const damaged = book.slice();
        for (let i = at; i < Math.min(at + 16, dataStart + entry.compressedSize); i++) damaged[i] ^= 0x5a;
        const e = await failure(damaged);
        expect(e.message).toMatch(/повреждён/);
      }
      // And the undamaged book reads as fflate's JavaScript inflate reads it.
      expect(await rowsOf(book)).toEqual(reference);
    } finally {
      useInflater("native");
      useHostInflater(null);
    }
  });
});

describe("limits: each refused with a Russian message naming it", () => {
  const book = handBook([TABLE, { name: "Ещё", rows: [["x", 1]] }]);
  it.each<[Partial<ReaderLimits>, RegExp]>([
    [{ inflatedBytes: 2000 }, /распакованный объём частей книги больше предела/],
    [{ cells: 10 }, /больше 10 ячеек \(предел числа ячеек листа\)/],
    [{ stringLength: 8 }, /длиннее 8 символов \(предел длины строки\)/],
    [{ xmlDepth: 3 }, /глубже 3 уровней \(предел вложенности\)/],
    [{ sheets: 1 }, /больше 1 листов \(предел числа листов\)/],
  ])("%j", async (limits, message) => {
    const e = await failure(book, limits);
    expect(e.code).toBe("too-large");
    expect(e.message).toMatch(message);
    // And with the default limits the same book reads.
    await expect(rowsOf(book)).resolves.toHaveLength(2);
  });

  it("a file read whole (an .xls) over its limit", async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, "Workbook", new Uint8Array(5000));
    const bytes = XLSX.CFB.write(cfb, { type: "array" }) as unknown as ArrayBuffer;
    const e = await failure(new Uint8Array(bytes), { wholeFileBytes: 1000 });
    expect(e.message).toMatch(/предел размера файла/);
  });

  it.each([
    ["DOCTYPE with an entity (XXE)", `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>`],
    ["billion laughs", `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>`],
  ])("%s is refused", async (_name, doctype) => {
    const files = unzipSync(book);
    const xml = strFromU8(files["xl/worksheets/sheet1.xml"]).replace("<worksheet", `${doctype}<worksheet`);
    const e = await failure(withPart(book, "xl/worksheets/sheet1.xml", xml));
    expect(e.message).toMatch(/DOCTYPE, а сущности XML в книге не допускаются/);
  });

  it("a cell at XFD and a merge over the whole sheet stay bounded by the cells really there", async () => {
    const files = unzipSync(book);
    const xml = strFromU8(files["xl/worksheets/sheet1.xml"])
      .replace("</sheetData>", `<row r="1048576"><c r="XFD1048576"><v>7</v></c></row></sheetData>`)
      .replace("</mergeCells>", `<mergeCell ref="A1:XFD1048576"/></mergeCells>`)
      .replace(/<dimension[^>]*>/, `<dimension ref="A1:XFD1048576"/>`);
    const bytes = withPart(book, "xl/worksheets/sheet1.xml", xml);
    const src = await openBook(bytesSource(bytes, "s.xlsx"));
    const sheets = src.sheets()[Symbol.asyncIterator]();
    const sheet = (await sheets.next()).value;
    const rows: SheetRow[] = [];
    for await (const row of sheet.rows()) rows.push(row);
    expect(rows[rows.length - 1]).toMatchObject({ index: 1048575 });
    expect(rows[rows.length - 1].values).toHaveLength(16384);
    expect(sheet.merges()).toContainEqual({ top: 0, left: 0, bottom: 1048575, right: 16383 });
    // Many such rows: the cells limit, not a hang.
    const many = strFromU8(files["xl/worksheets/sheet1.xml"]).replace(
      "</sheetData>",
      Array.from({ length: 2000 }, (_, i) => `<row r="${100 + i}"><c r="XFD${100 + i}"><v>1</v></c></row>`).join("") + "</sheetData>",
    );
    const e = await failure(withPart(book, "xl/worksheets/sheet1.xml", many), { cells: 1_000_000 });
    expect(e.message).toMatch(/больше 1 000 000 ячеек \(предел числа ячеек листа\)/);
  }, 60_000);

  it("merges are clipped to the used area", async () => {
    const files = unzipSync(book);
    const xml = strFromU8(files["xl/worksheets/sheet1.xml"]).replace(
      "</mergeCells>",
      `<mergeCell ref="A10:Z20"/><mergeCell ref="B2:XFD3"/></mergeCells>`,
    );
    const src = await openBook(bytesSource(withPart(book, "xl/worksheets/sheet1.xml", xml), "m.xlsx"));
    for await (const sheet of src.sheets()) {
      for await (const _ of sheet.rows()) void _;
      if (sheet.name === "Результаты")
        expect(sheet.merges()).toEqual([
          { top: 1, left: 2, bottom: 1, right: 3 },
          { top: 1, left: 1, bottom: 2, right: 3 },
        ]);
    }
  }, 30_000);

  it("a cell reference past XFD is damage", async () => {
    const files = unzipSync(book);
    const xml = strFromU8(files["xl/worksheets/sheet1.xml"]).replace(
      "</sheetData>",
      `<row r="9"><c r="XFE9"><v>1</v></c></row></sheetData>`,
    );
    expect((await failure(withPart(book, "xl/worksheets/sheet1.xml", xml))).message).toMatch(/за пределами листа/);
  });
});

describe("formats that cannot be read say so", () => {
  const open = (bytes: Uint8Array, name = "x.xlsx"): Promise<BookSource> => openBook(bytesSource(bytes, name));

  it("a password-protected book (an OLE file with EncryptionInfo and EncryptedPackage)", async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, "EncryptionInfo", new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, "EncryptedPackage", new Uint8Array(10_000).fill(7));
    const bytes = new Uint8Array(XLSX.CFB.write(cfb, { type: "array" }) as unknown as ArrayBuffer);
    await expect(open(bytes)).rejects.toThrow(/защищена паролем на открытие/);
  });

  it("an OLE file that is not a book (a .doc)", async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, "WordDocument", new Uint8Array(100));
    const bytes = new Uint8Array(XLSX.CFB.write(cfb, { type: "array" }) as unknown as ArrayBuffer);
    await expect(open(bytes, "x.doc")).rejects.toThrow(/документ Microsoft Office, но не книга Excel/);
  });

  it(".xlsb", async () => {
    const bytes = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "_rels/.rels": strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>`,
      ),
      "xl/workbook.bin": new Uint8Array([0x83, 0x01, 0x00]),
    });
    await expect(open(bytes, "x.xlsb")).rejects.toThrow(/двоичном формате \.xlsb, который не поддерживается/);
  });

  it("an .ods goes to the .ods reader, a .csv to the CSV reader (by content, not by name)", async () => {
    const ods = zipSync({
      mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
      "content.xml": strToU8("<x/>"),
    });
    // Today these readers are placeholders of the formats branch; whatever they answer, it is theirs.
    await expect(open(ods, "таблица.xlsx")).rejects.toThrow(/«таблица\.xlsx»/);
    expect((await open(strToU8("Наименование ОО;ВПР МА 5 2024\n"), "x.xlsx")).format).toBe("csv");
  });

  it("binary that is nothing of these", async () => {
    await expect(open(new Uint8Array([1, 2, 0, 0, 5]))).rejects.toThrow(/не книга Excel/);
    await expect(open(new Uint8Array(0))).rejects.toThrow(/пуст/);
  });
});
