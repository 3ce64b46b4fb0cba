/**
 * .xls and .ods through src/io/sheetjs.ts: the sample saved in both formats
 * by SheetJS's own writer gives the .xlsx's answer (written by LibreOffice:
 * tests/office/formats-libreoffice.test.ts); cell
 * kinds, number formats, merges and hidden rows come through; damaged,
 * protected and oversized files give one Russian message.
 */
import * as XLSX from "@e965/xlsx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { ShnorError } from "../../src/core";
import { MAX_SHEETJS_BYTES, openSheetJsBook } from "../../src/io/sheetjs";
import { bookAnswer, drain, encodeCp1251, expectKinds, sampleAnswer, sampleBySheetJs, truncations } from "./formats-helpers";
import { PATIENCE } from "../fixtures/patience";

jest.setTimeout(PATIENCE);

function russianError(run: () => unknown): ShnorError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ShnorError);
    expect((e as Error).message).toMatch(/[А-Яа-яЁё]/);
    // One Russian sentence: no library's English text leaks through.
    const words = (e as Error).message.replace(/«[^»]*»/g, "").replace(/\b(xlsx?|ods|csv|Excel|OpenDocument)\b/g, "");
    expect(words).not.toMatch(/[A-Za-z]{3,}/);
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
});

/** One sheet of every kind of cell the engine meets, with a hidden row and a merge. */
function kindsBySheetJs(bookType: "biff8" | "ods"): Uint8Array {
  const ws: XLSX.WorkSheet = {};
  const put = (ref: string, cell: XLSX.CellObject) => (ws[ref] = cell);
  put("A1", { t: "s", v: "Текст" });
  put("B1", { t: "n", v: 0.35, z: "0%" });
  put("C1", { t: "n", v: 44336, z: "dd.mm.yyyy" }); // 2021-05-20
  put("D1", { t: "b", v: true });
  put("E1", { t: "e", v: 0x2a });
  put("F1", { t: "s", v: "  МБОУ  «СОШ № 1»  " });
  put("G1", { t: "s", v: '=HYPERLINK("x")' });
  put("H1", { t: "n", v: 12.5, z: "0.0" });
  put("A2", { t: "s", v: "скрытая строка" });
  put("A4", { t: "s", v: "объединено" });
  put("C6", { t: "n", v: 7 });
  ws["!ref"] = "A1:H6";
  ws["!merges"] = [{ s: { r: 3, c: 0 }, e: { r: 3, c: 1 } }];
  ws["!rows"] = [{}, { hidden: true }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "Виды");
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["второй"]]), "Второй лист");
  return new Uint8Array(XLSX.write(wb, { type: "array", bookType }) as ArrayBuffer);
}

describe("cells come through as the engine reads them", () => {
  it("from SheetJS's .xls writer", async () => {
    await expectKinds(kindsBySheetJs("biff8"), "xls", { hidden: false });
  });
  it("from SheetJS's .ods writer", async () => {
    await expectKinds(kindsBySheetJs("ods"), "ods", { hidden: false, error: false });
  });

  it("a fraction under a % format is read as a percent by the engine", async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ["Название ОО", "ВПР МА 5 2019 % 2", "ВПР МА 5 2018 % 2"],
      ["МБОУ «СОШ № 1»", 0.35, 0.4],
      ["МБОУ «СОШ № 2»", 0.1, 0.05],
    ]);
    for (const ref of ["B2", "C2", "B3", "C3"]) ws[ref].z = "0%";
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, "Лист1");
    for (const bookType of ["biff8", "ods"] as const) {
      const bytes = new Uint8Array(XLSX.write(wb, { type: "array", bookType }) as ArrayBuffer);
      const answer = await bookAnswer(openSheetJsBook(bytes, "p.xls", bookType === "ods" ? "ods" : "xls"));
      expect(answer.schools.map((s) => [s.name, s.status])).toEqual([
        ["МБОУ «СОШ № 1»", "shnor"],
        ["МБОУ «СОШ № 2»", "ok"],
      ]);
      expect(answer.schools[0].reason).toContain("35 %");
    }
  });

  it("an Excel 95 book (BIFF5) in Windows-1251 keeps its Cyrillic", async () => {
    // SheetJS writes BIFF5 text in one byte a character ("_" for Cyrillic); the
    // bytes are then set to a real Excel 95 book's: code page 1251 and cp1251 text.
    const name = "МБОУ «СОШ № 1»";
    const placeholder = "x".repeat(name.length);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([[placeholder, 12.5]]), "abcd");
    const bytes = new Uint8Array(XLSX.write(wb, { type: "array", bookType: "biff5" }) as ArrayBuffer);
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const codepage = buffer.indexOf(Buffer.from([0x42, 0x00, 0x02, 0x00, 0xe4, 0x04]));
    expect(codepage).toBeGreaterThan(0);
    buffer[codepage + 4] = 0xe3; // 1252 → 1251
    buffer.set(encodeCp1251(name)!, buffer.indexOf(placeholder));
    buffer.set(encodeCp1251("Лист")!, buffer.indexOf("abcd"));
    const book = openSheetJsBook(bytes, "old.xls", "xls");
    expect(book.sheetNames).toEqual(["Лист"]);
    const [sheet] = await drain(book);
    expect(sheet.rows[0].values).toEqual([name, 12.5]);
  });
});

describe("files that cannot be read give one Russian message", () => {
  /** A BIFF8 book with a FILEPASS record after its BOF, as Excel writes a password-protected book. */
  function protectedXls(): Uint8Array {
    const plain = kindsBySheetJs("biff8");
    const cfb = XLSX.CFB.read(plain, { type: "array" });
    const entry = XLSX.CFB.find(cfb, "Workbook")!;
    const stream = Uint8Array.from(entry.content as ArrayLike<number>);
    const bofLength = stream[2] | (stream[3] << 8);
    const filepass = [0x2f, 0x00, 0x06, 0x00, 0x00, 0x00, 0x34, 0x12, 0x78, 0x56]; // XOR obfuscation, key, verifier
    const patched = new Uint8Array(stream.length + filepass.length);
    patched.set(stream.subarray(0, 4 + bofLength));
    patched.set(filepass, 4 + bofLength);
    patched.set(stream.subarray(4 + bofLength), 4 + bofLength + filepass.length);
    entry.content = patched as unknown as typeof entry.content;
    entry.size = patched.length;
    return new Uint8Array(XLSX.CFB.write(cfb, { type: "array" }) as ArrayBuffer);
  }

  it("a password-protected .xls", () => {
    const e = russianError(() => openSheetJsBook(protectedXls(), "закрыта.xls", "xls"));
    expect(e.message).toContain("«закрыта.xls» защищена паролем");
  });

  it("a password-protected .ods (its manifest lists encrypted parts)", () => {
    const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="5000">
  <manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA">
   <manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="AAAA"/>
  </manifest:encryption-data>
 </manifest:file-entry>
</manifest:manifest>`;
    const noise = Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) & 0xff);
    const zip = zipSync({
      mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
      "META-INF/manifest.xml": strToU8(manifest),
      "content.xml": [noise, { level: 0 }],
    });
    const e = russianError(() => openSheetJsBook(zip, "закрыта.ods", "ods"));
    expect(e.message).toContain("защищена паролем");
  });

  it("a file that is not a book", () => {
    russianError(() => openSheetJsBook(new TextEncoder().encode("просто текст, не книга\n1;2;3"), "текст.xls", "xls"));
    russianError(() => openSheetJsBook(Uint8Array.from([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]), "мусор.ods", "ods"));
    expect(russianError(() => openSheetJsBook(new Uint8Array(0), "пусто.xls", "xls")).message).toContain("пуст");
  });

  it("a file over the size limit is refused before it is parsed", () => {
    const big = new Uint8Array(MAX_SHEETJS_BYTES + 1);
    big.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const e = russianError(() => openSheetJsBook(big, "огромная.xls", "xls"));
    expect(e.code).toBe("too-large");
  });

  it("an .ods whose parts claim to inflate past the limit is refused before inflating", () => {
    const zip = kindsBySheetJs("ods");
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    // Every central directory entry claims 300 MB uncompressed.
    for (let i = 0; i + 46 <= zip.length; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 300 * 1024 * 1024, true);
    const e = russianError(() => openSheetJsBook(zip, "бомба.ods", "ods"));
    expect(e.code).toBe("too-large");
  });
});

describe("fuzz: damaged books never give a smaller answer", () => {
  it.each(["biff8", "ods"] as const)("SheetJS-written %s cut at many offsets", async (bookType) => {
    const outcomes = await truncations(await sampleBySheetJs(bookType), bookType === "ods" ? "ods" : "xls");
    expect(outcomes.error).toBeGreaterThan(0);
  });

  it("an .ods repeating a value cell over the whole sheet is refused before SheetJS expands it", () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["x", 1]]), "Лист1");
    const parts = unzipSync(new Uint8Array(XLSX.write(wb, { type: "array", bookType: "ods" }) as ArrayBuffer));
    const content = strFromU8(parts["content.xml"]);
    expect(content).toContain("<table:table-row>");
    parts["content.xml"] = strToU8(
      content
        .replace("<table:table-row>", '<table:table-row table:number-rows-repeated="1048576">')
        .replace(
          '<table:table-cell office:value-type="float"',
          '<table:table-cell table:number-columns-repeated="16383" office:value-type="float"',
        ),
    );
    const e = russianError(() => openSheetJsBook(zipSync(parts), "повторы.ods", "ods"));
    expect(e.code).toBe("too-large");
  });

  it("a sheet claiming A1:XFD1048576 costs only the cells it has", async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ["Название ОО", "ВПР МА 5 2019 % 2"],
      ["МБОУ «СОШ № 1»", 40],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, "Лист1");
    // An .xlsx whose <dimension> claims the whole sheet (SheetJS reads it like the others and keeps that !ref).
    const parts = unzipSync(new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer));
    const sheetXml = strFromU8(parts["xl/worksheets/sheet1.xml"]);
    expect(sheetXml).toContain('<dimension ref="A1:B2"/>');
    parts["xl/worksheets/sheet1.xml"] = strToU8(sheetXml.replace('<dimension ref="A1:B2"/>', '<dimension ref="A1:XFD1048576"/>'));
    const bytes = zipSync(parts);
    const parsed = XLSX.read(bytes, { type: "array", dense: true });
    expect(parsed.Sheets["Лист1"]["!ref"]).toBe("A1:XFD1048576");
    const [sheet] = await drain(openSheetJsBook(bytes, "огромный-ref.ods", "ods"));
    expect(sheet.rows.map((r) => r.values)).toEqual([
      ["Название ОО", "ВПР МА 5 2019 % 2"],
      ["МБОУ «СОШ № 1»", 40],
    ]);
  });
});
