/**
 * Markup saved as a book (src/io/markup.ts, through SheetJS): the sample as SheetJS
 * writes it (HTML, «Таблица XML 2003», .fods), as a 1С/portal «.xls» in Windows-1251
 * written here by hand, as Excel's «Веб-страница» and «Таблица XML 2003» would
 * write it, gives the .xlsx's answer through openBook and through the page's
 * Blob path (readInputs); a CSV starting with «<» stays a CSV; other markup
 * gets one Russian line, and among several files is left out with the reason.
 * Every fixture is generated here from the sample's cells.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import fc from "fast-check";
import { Cell, ShnorError } from "../../src/core";
import { blobSource } from "../../src/io/blob";
import { bytesSource } from "../../src/io/bytes";
import { readInputs } from "../../src/io/inputs";
import { sniffMarkup } from "../../src/io/markup";
import { openBook } from "../../src/io/open";
import { Answer, answerOf, bookAnswer, encodeCp1251, sampleAnswer, sampleCells, utf8, writeCsv } from "./formats-helpers";
import { markupFixtures, NO_TABLE_PAGE as NO_TABLE, WORD_XML } from "../fixtures/markup";
import { PATIENCE } from "../fixtures/patience";
import { run } from "../cli/run";

jest.setTimeout(PATIENCE);

let sample: Awaited<ReturnType<typeof sampleCells>>;
let expected: Answer;

beforeAll(async () => {
  sample = await sampleCells();
  expected = await sampleAnswer();
  // The answer the README promises, so a broken baseline cannot pass unnoticed.
  expect(expected.schools.filter((s) => s.status === "shnor")).toHaveLength(3);
});

/** The sample as SheetJS's own writer saves it in a markup format. */
function sampleBySheetJs(bookType: "html" | "xlml" | "fods"): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet(sample.values.map((r) => r.map((v) => (v === null ? undefined : v))));
  ws["!merges"] = sample.merges.map((m) => ({ s: { r: m.top, c: m.left }, e: { r: m.bottom, c: m.right } }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sample.name);
  const written = XLSX.write(wb, { type: bookType === "fods" || bookType === "html" ? "string" : "array", bookType });
  return typeof written === "string" ? utf8(written) : new Uint8Array(written as ArrayBuffer);
}

const { oneCPage, excelWebPage, excelXml2003 } = markupFixtures(() => sample);

const CASES: [string, string, () => Uint8Array, string][] = [
  ["SheetJS's HTML", "prilozhenie-1.html", () => sampleBySheetJs("html"), "html"],
  ["SheetJS's «Таблица XML 2003»", "prilozhenie-1.xml", () => sampleBySheetJs("xlml"), "xml"],
  ["SheetJS's .fods", "prilozhenie-1.fods", () => sampleBySheetJs("fods"), "fods"],
  ["a 1С/portal page in Windows-1251 saved as .xls", "выгрузка.xls", oneCPage, "html"],
  ["a portal's fragment with a heading and text above the table", "Отчёт ВПР.xls", () => oneCPage("titled"), "html"],
  ["Excel's «Веб-страница»", "Приложение 1.htm", excelWebPage, "html"],
  ["Excel's «Таблица XML 2003» in UTF-8", "Приложение 1.xml", () => excelXml2003("UTF-8"), "xml"],
  ["«Таблица XML 2003» declared Windows-1251, saved as .xls", "Приложение 1.xls", () => excelXml2003("windows-1251"), "xml"],
];

describe("markup books give the .xlsx's answer", () => {
  it.each(CASES)("%s, through openBook", async (_, name, make, format) => {
    const book = await openBook(bytesSource(make(), name));
    expect(book.format).toBe(format);
    expect(await bookAnswer(book)).toEqual(expected);
  });

  it.each(CASES)("%s, through the page's Blob and readInputs", async (_, name, make, format) => {
    const read = await readInputs([blobSource(new Blob([make() as Uint8Array<ArrayBuffer>]), name)]);
    expect(read.files.map((f) => f.format)).toEqual([format]);
    expect(answerOf(read.inputs[0].table)).toEqual(expected);
  });

  it("and `shnor analyze --json` gives the .xlsx's schools and statuses (the command as a user runs it)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shnor-markup-"));
    const json = async (path: string) => {
      const { code, stdout, stderr } = await run("analyze", path, "--json");
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      const report = JSON.parse(stdout) as { schools: { name: string; status: string; reason: string; row: number }[] };
      return report.schools.map(({ name, status, reason, row }) => ({ name, status, reason, row }));
    };
    const reference = await json(join(__dirname, "..", "..", "samples", "prilozhenie-1.xlsx"));
    expect(reference.filter((s) => s.status === "shnor")).toHaveLength(3);
    for (const [, name, make] of CASES) {
      const path = join(dir, name);
      writeFileSync(path, make());
      expect({ name, schools: await json(path) }).toEqual({ name, schools: reference });
    }
  });

  it("names a page's table after the file, or as Excel's «Веб-страница» names it", async () => {
    expect((await openBook(bytesSource(oneCPage(), "выгрузка.xls"))).sheetNames).toEqual(["выгрузка"]);
    expect((await openBook(bytesSource(excelWebPage(), "x.htm"))).sheetNames).toEqual([sample.name]);
  });
});

/** A text in a single-byte encoding TextDecoder knows; a character it lacks is written as a reference, as 1С does. */
function encodeSingleByte(label: string, text: string): Uint8Array {
  const table = new Map([...new TextDecoder(label).decode(Uint8Array.from({ length: 256 }, (_, i) => i))].map((ch, i) => [ch, i]));
  return Uint8Array.from([...text].flatMap((ch) => table.get(ch) ?? [...`&#${ch.codePointAt(0)};`].map((c) => c.charCodeAt(0))));
}

describe("realistic variants of a 1С/portal page give the .xlsx's answer (the table found on the page)", () => {
  const text = () => new TextDecoder("windows-1251").decode(oneCPage());
  const cp1251 = (t: string) => encodeSingleByte("windows-1251", t);
  const META = /<META[^>]*>/;
  const VARIANTS: [string, () => Uint8Array][] = [
    ["<TH> header cells", () => cp1251(text().replace(/<TR>[\s\S]*?<\/TR>/, (row) => row.replace(/<(\/?)TD/g, "<$1TH")))],
    [
      "<THEAD> and <TBODY>",
      () =>
        cp1251(
          text()
            .replace(/(<TABLE[^>]*>)/, "$1<THEAD>")
            .replace("</TR>", "</TR></THEAD><TBODY>")
            .replace("</TABLE>", "</TBODY></TABLE>"),
        ),
    ],
    [
      "a title table above the data table",
      () => cp1251(text().replace("<TABLE", "<TABLE><TR><TD>Отчёт о результатах ВПР</TD></TR></TABLE><BR><TABLE")),
    ],
    ["numbers written «31,0%»", () => cp1251(text().replace(/<TD>(\d+(?:,\d+)?)<\/TD>/g, "<TD>$1%</TD>"))],
    ["Windows-1251 without a meta", () => cp1251(text().replace(META, ""))],
    ["KOI8-R named by its meta", () => encodeSingleByte("koi8-r", text().replace("windows-1251", "koi8-r"))],
    ["UTF-8 with a BOM under a meta naming windows-1251", () => utf8(text(), true)],
  ];

  it.each(VARIANTS)("%s", async (_, make) => {
    const read = await readInputs([bytesSource(make(), "выгрузка.xls")]);
    expect(read.files.map((f) => f.format)).toEqual(["html"]);
    expect(answerOf(read.inputs[0].table)).toEqual(expected);
  });
});

describe("a page's cells", () => {
  const page = (body: string) => utf8(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><table>${body}</table></body></html>`);
  async function cells(body: string): Promise<Cell[][]> {
    const out: Cell[][] = [];
    for await (const sheet of (await openBook(bytesSource(page(body), "t.html"))).sheets())
      for await (const row of sheet.rows()) out[row.index] = row.values;
    return out;
  }

  it("stay text as written: a decimal comma, a percent and leading zeros are not SheetJS's numbers", async () => {
    const got = await cells("<tr><td>12,5</td><td>0,35</td><td>35%</td><td>001234</td><td>1 234,5</td><td>12.03.2024</td></tr>");
    expect(got[0]).toEqual(["12,5", "0,35", "35%", "001234", "1 234,5", "12.03.2024"]);
  });

  it("decode character references, keep a line break, and make a cell of spaces empty", async () => {
    const got = await cells(
      "<tr><td>&laquo;СОШ&nbsp;&#8470;&#160;1&raquo; &amp; &lt;b&gt; &#x41;</td><td>% выс.<br>рез.</td><td>&nbsp;</td><td>x</td></tr>",
    );
    expect(got[0]).toEqual(["«СОШ № 1» & <b> A", "% выс.\nрез.", null, "x"]);
  });
});

describe("what is not a markup book", () => {
  it("a CSV whose first field starts with «<» stays a CSV", async () => {
    for (const first of ["<5 лет", "<b>Итоги</b>", "<table>", "<meta>", "<?"]) {
      const text = writeCsv(
        [
          [first, "x"],
          ["1", "2"],
        ],
        ";",
      );
      const book = await openBook(bytesSource(utf8(text), "t.csv"));
      expect({ first, format: book.format }).toEqual({ first, format: "csv" });
    }
    expect(sniffMarkup(utf8("<5 лет;МБОУ «СОШ»\n1;2"))).toBeNull();
    expect(sniffMarkup(utf8("<b>Итоги</b>;;\n1;2"))).toBeNull();
    expect(sniffMarkup(utf8('<td x="1">;a\n'))).toBeNull();
  });

  it("tells the formats apart by the start alone, past a BOM, comments and instructions", () => {
    expect(sniffMarkup(utf8("\n<!-- выгрузка; 2024 -->\n<html><body><table></table>", true))).toBe("html");
    expect(sniffMarkup(utf8("<meta charset=utf-8><title>T</title><style>p{a:b}</style><table><tr><td>1"))).toBe("html");
    // A page's headings and text may stand above its table (1С, portals): the table decides.
    expect(sniffMarkup(utf8("<meta charset=utf-8><p>Отчёт о результатах ВПР</p><table border=1><tr>"))).toBe("html");
    expect(sniffMarkup(utf8("<body>\n<h1>Отчёт</h1><div>Район</div>\n<TABLE BORDER=1>\n<TR>"))).toBe("html");
    expect(sniffMarkup(utf8("<h2>Отчёт о результатах ВПР</h2>\n<table><tr><td>"))).toBe("html");
    expect(sniffMarkup(utf8(`<style>${"p{a:b}".repeat(100)}</style><p>x</p><table><tr>`))).toBe("html");
    // A table must still open with a tag, and a page opens with a page's tag: these stay CSVs.
    expect(sniffMarkup(utf8("<p>Отчёт</p>;<table>;x\n1;2"))).toBeNull();
    expect(sniffMarkup(utf8("<td>1</td>;<table><tr>\n1;2"))).toBeNull();
    expect(sniffMarkup(utf8("<5 лет;<table><tr>\n1;2"))).toBeNull();
    expect(sniffMarkup(utf8('<?xml version="1.0"?><ss:Workbook xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'))).toBe("xml");
    expect(sniffMarkup(utf8('<?xml version="1.0"?><Workbook xmlns="urn:other">'))).toBe("other-xml");
    expect(sniffMarkup(utf8('<office:document xmlns:office="o" office:mimetype="application/vnd.oasis.opendocument.text">'))).toBe(
      "other-xml",
    );
    const utf16 = new Uint8Array([0xff, 0xfe, ...[..."<html><table>"].flatMap((ch) => [ch.charCodeAt(0), 0])]);
    expect(sniffMarkup(utf16)).toBe("html");
  });

  async function oneLine(bytes: Uint8Array, name: string): Promise<string> {
    const e = await readInputs([bytesSource(bytes, name)]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ShnorError);
    const message = (e as Error).message;
    expect(message).toContain(`«${name}»`);
    expect(message).not.toMatch(/\n|Error|Invalid|undefined/);
    return message;
  }

  it("a Word XML and a page without a table get one Russian line", async () => {
    expect(await oneLine(utf8(WORD_XML), "приказ.xml")).toMatch(/документ XML, но не таблица/);
    expect(await oneLine(encodeCp1251(NO_TABLE)!, "страница.html")).toMatch(/веб-страница \(HTML\) без таблицы/);
  });

  /** Excel's «Веб-страница в одном файле»: a MIME message whose page is quoted-printable. */
  const webArchive = (lineEnd: string) =>
    utf8(
      [
        "MIME-Version: 1.0",
        "X-Document-Type: Workbook",
        'Content-Type: multipart/related; boundary="----=_NextPart_01DA"',
        "",
        "This document is a Single File Web Page, also known as a Web Archive file.",
        "",
        "------=_NextPart_01DA",
        "Content-Location: file:///C:/Temp/book.htm",
        "Content-Transfer-Encoding: quoted-printable",
        'Content-Type: text/html; charset="windows-1251"',
        "",
        '<html><body><table><tr><td>=C8=F2=EE=E3=E8</td><td>"1</td></tr></table></body></html>',
        "------=_NextPart_01DA--",
      ].join(lineEnd),
    );

  it("a web archive (.mht) gets one Russian line saying what it is, not a CSV's complaint about its quotes", async () => {
    for (const lineEnd of ["\n", "\r\n"]) {
      expect(sniffMarkup(webArchive(lineEnd))).toBe("web-archive");
      expect(await oneLine(webArchive(lineEnd), "Итоги.xls")).toMatch(/веб-архив \.mht/);
    }
    // A CSV whose first field is «MIME-Version:» is no archive without the multipart header.
    expect(sniffMarkup(utf8("MIME-Version: 1.0;x\n1;2"))).toBeNull();
  });

  it("among several files (a folder), they are left out with the reason and the book is read", async () => {
    const read = await readInputs([
      bytesSource(utf8(WORD_XML), "папка/приказ.xml"),
      bytesSource(sampleBySheetJs("xlml"), "папка/результаты.xml"),
      bytesSource(utf8(NO_TABLE), "папка/index.html"),
    ]);
    expect(answerOf(read.inputs[0].table)).toEqual(expected);
    expect(read.files.map((f) => [f.file, f.format, f.skipped !== undefined])).toEqual([
      ["папка/приказ.xml", "xml", true],
      ["папка/результаты.xml", "xml", false],
      ["папка/index.html", "html", true],
    ]);
    expect(read.files[0].skipped).toMatch(/не таблица/);
  });

  it("a page whose table does not close (a download cut short) says so, not that it has no table", async () => {
    const table = "<table><tr><td>ОО</td><td>ВПР МА 5 2024</td></tr><tr><td>МБОУ СОШ № 1</td><td>12,5</td></tr>";
    for (const page of [`<html><body>${table}<tr><td>МБОУ СО`, `<html><body>${table}</table><br><table><tr><td>Подпись`]) {
      expect(await oneLine(utf8(page), "выгрузка.xls")).toMatch(/таблица не закрыта/);
    }
  });

  it("a page of spans SheetJS would take hours over is refused at once, naming them", async () => {
    const rows = "<tr><td colspan=2>МБОУ</td><td>1</td></tr>".repeat(40_000);
    const started = Date.now();
    const message = await oneLine(utf8(`<html><table>${rows}</table></html>`), "объединения.xls");
    expect(message).toMatch(/40\s000 объединённых ячеек/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("a page of row spans over many rows is refused too: SheetJS steps over each span a row reaches, through every span", async () => {
    // 300 spans × 20,000 cells is 6 million steps, but each row starts past 300 spans, each found
    // by a walk through all 300: 900 million steps; at 900 spans and a million rows, hours.
    const page = `<html><table><tr>${"<td rowspan=1048576>ОО</td>".repeat(300)}</tr>${"<tr><td>1</td></tr>".repeat(20_000)}</table></html>`;
    expect(await oneLine(utf8(page), "шапка.xls")).toMatch(/300 объединённых ячеек/);
  });

  it("random markup gives an answer or one Russian line, quickly", async () => {
    const tag = fc.constantFrom(
      "<html>",
      "<table>",
      "<tr>",
      "<td colspan=3>",
      "<td rowspan=2>",
      "</td>",
      "</tr>",
      "</table>",
      "<br>",
      "&nbsp;",
      "&#171;",
      "<!--",
      "-->",
      '<?xml version="1.0"?>',
      '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
      "<Row>",
      '<Cell ss:MergeAcross="2"><Data ss:Type="Number">',
      "</Data></Cell>",
      "</Row>",
      '<Worksheet ss:Name="Л"><Table>',
      "МБОУ «СОШ»",
      "12,5",
      ";",
      "\n",
      "<",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(tag, { maxLength: 60 }),
        fc.constantFrom("<html><table>", '<?xml version="1.0"?>', "<table>", ""),
        async (parts, start) => {
          const started = Date.now();
          try {
            await readInputs([bytesSource(utf8(start + parts.join("")), "случайная.xls")]);
          } catch (e) {
            expect(e).toBeInstanceOf(ShnorError);
            expect((e as Error).message).toMatch(/[А-Яа-яЁё]/);
            expect((e as Error).message).not.toMatch(/\n/);
          }
          expect(Date.now() - started).toBeLessThan(2000);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    );
  });
});
