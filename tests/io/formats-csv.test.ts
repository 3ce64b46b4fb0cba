/**
 * .csv through src/io/csv.ts: the sample as CSV (cp1251 with `;`, UTF-8 with
 * `,`; LibreOffice's own export: tests/office/formats-libreoffice.test.ts) gives the .xlsx's answer; delimiter and
 * encoding are detected; fields stay text exactly as written; random tables
 * written as CSV read back exactly; limits hold.
 */
import * as XLSX from "@e965/xlsx";
import fc from "fast-check";
import { Cell, readTable, ShnorError } from "../../src/core";
import { decodeCsv, detectDelimiter, fileStem, MAX_CSV_BYTES, MAX_CSV_COLUMNS, openCsvBook } from "../../src/io/csv";
import { answerOf, bookAnswer, drain, encodeCp1251, sampleAnswer, sampleCells, utf8, writeCsv } from "./formats-helpers";
import { PATIENCE } from "../fixtures/patience";

jest.setTimeout(PATIENCE);

/** A number as a Russian Excel writes it to CSV: decimal comma. */
function russianText(v: Cell): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return String(v).replace(".", ",");
  return String(v);
}

async function sampleCsv(delimiter: string): Promise<string> {
  const { values } = await sampleCells();
  return writeCsv(
    values.map((r) => r.map(russianText)),
    delimiter,
  );
}

function russianError(run: () => unknown): ShnorError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ShnorError);
    const words = (e as Error).message.replace(/«[^»]*»/g, "").replace(/\b(csv|UTF-8|windows-1251)\b/gi, "");
    expect(words).not.toMatch(/[A-Za-z]{3,}/);
    return e as ShnorError;
  }
  throw new Error("no error was thrown");
}

describe("the sample as CSV gives the .xlsx's answer (no merges: a label is followed by blank cells)", () => {
  let expected: Awaited<ReturnType<typeof sampleAnswer>>;
  beforeAll(async () => {
    expected = await sampleAnswer();
    expect(expected.schools.filter((s) => s.status === "shnor")).toHaveLength(3);
  });

  it("Windows-1251 with `;` and decimal commas", async () => {
    const bytes = encodeCp1251(await sampleCsv(";"))!;
    expect(bytes).not.toBeNull();
    expect(decodeCsv(bytes).encoding).toBe("windows-1251");
    const book = openCsvBook(bytes, "C:\\Отчёты\\Приложение 1.csv");
    expect(book.format).toBe("csv");
    expect(book.sheetNames).toEqual(["Приложение 1"]);
    const [sheet] = await drain(book);
    expect(sheet.grid.merges).toEqual([]);
    expect(answerOf(readTable(sheet.grid))).toEqual(expected);
  });

  it.each([
    [",", true],
    [",", false],
    [";", true],
    ["\t", false],
  ])("UTF-8 with %j (BOM: %s)", async (delimiter, bom) => {
    const bytes = utf8(await sampleCsv(delimiter), bom);
    expect(await bookAnswer(openCsvBook(bytes, "prilozhenie-1.csv"))).toEqual(expected);
  });
});

describe("fields stay text, exactly as written", () => {
  it("quoted fields hold delimiters, quotes and line breaks", async () => {
    const text =
      'Название ОО;Комментарий;%\r\n"МБОУ ""СОШ № 1""; корпус 2";"строка 1\r\nстрока 2";12,5\r\n  МБОУ «Лицей»  ;=HYPERLINK("x");35%\r\n';
    const [sheet] = await drain(openCsvBook(utf8(text), "t.csv"));
    expect(sheet.rows).toEqual([
      { index: 0, values: ["Название ОО", "Комментарий", "%"], formats: [null, null, null] },
      { index: 1, values: ['МБОУ "СОШ № 1"; корпус 2', "строка 1\r\nстрока 2", "12,5"], formats: [null, null, null] },
      { index: 2, values: ["  МБОУ «Лицей»  ", '=HYPERLINK("x")', "35%"], formats: [null, null, null] },
    ]);
  });

  it("empty lines keep their place, empty fields are null, trailing empty fields are dropped", async () => {
    const [sheet] = await drain(openCsvBook(utf8("a;b;c\n\n;;\n;x;\n"), "t.csv"));
    expect(sheet.rows).toEqual([
      { index: 0, values: ["a", "b", "c"], formats: [null, null, null] },
      { index: 3, values: [null, "x"], formats: [null, null] },
    ]);
  });

  it("a procedure label followed by blank cells reads like a merged label, «12,5» as 12.5", async () => {
    const rows = [
      ["Название ОО", "ВПР МА 5 2019", null, "ВПР МА 5 2018", null],
      [null, "% «2»", "% выс. рез.", "% «2»", "% выс. рез."],
      ["МБОУ «СОШ № 1»", "31,5", "10", "12,5", "20"],
      ["МБОУ «СОШ № 2»", "29,9", "10", "30", "20"],
      ["МБОУ «СОШ № 3»", "5", "10", "н/д", "20"],
    ];
    const fromCsv = await bookAnswer(openCsvBook(encodeCp1251(writeCsv(rows, ";"))!, "t.csv"));
    const merged = answerOf(
      readTable({
        values: rows,
        merges: [
          { top: 0, left: 1, bottom: 0, right: 2 },
          { top: 0, left: 3, bottom: 0, right: 4 },
        ],
      }),
    );
    expect(fromCsv).toEqual(merged);
    expect(fromCsv.procedures).toBe(2);
    expect(fromCsv.schools.map((s) => s.status)).toEqual(["risk", "risk", "ok"]);
    expect(fromCsv.schools[0].reason).toContain("31,5 %");
    expect(fromCsv.schools[1].reason).toContain("30 %");
  });
});

describe("detection", () => {
  it("the delimiter: `;` despite decimal commas, `,` despite `;` in quoted text, tab; titles do not mislead", () => {
    expect(detectDelimiter("Итоги ВПР\nНазвание;МА\nСОШ 1;12,5\nСОШ 2;3,25\n")).toBe(";");
    expect(detectDelimiter('Итоги ВПР\nНазвание,МА\n"СОШ 1; корпус 2","12,5"\nСОШ 2,3\n')).toBe(",");
    expect(detectDelimiter("Название\tМА\nСОШ 1\t12,5\n")).toBe("\t");
    expect(detectDelimiter("a,b,c\n1,2,3\n")).toBe(",");
    expect(detectDelimiter("a;b;c\n1,5;2,5;3,5\n")).toBe(";");
  });

  it("an Excel «sep=» line names the delimiter and is not a row", async () => {
    const [sheet] = await drain(openCsvBook(utf8("sep=,\r\nа;б,в\r\n"), "t.csv"));
    expect(sheet.rows).toEqual([{ index: 0, values: ["а;б", "в"], formats: [null, null] }]);
  });

  it("the encoding: UTF-8 with and without BOM, UTF-16 with BOM, else Windows-1251", async () => {
    const text = "Название ОО;ВПР МА 5 2019\nМБОУ «Ёлкинская СОШ № 1»;12,5\n";
    const cp = encodeCp1251(text)!;
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      le[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      le[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    for (const [bytes, encoding] of [
      [utf8(text, true), "utf-8"],
      [utf8(text), "utf-8"],
      [cp, "windows-1251"],
      [le, "utf-16le"],
    ] as const) {
      expect(decodeCsv(bytes)).toEqual({ text, encoding });
      const [sheet] = await drain(openCsvBook(bytes, "t.csv"));
      expect(sheet.rows[1].values).toEqual(["МБОУ «Ёлкинская СОШ № 1»", "12,5"]);
    }
  });

  it("the sheet is named after the file's stem", () => {
    expect(fileStem("/home/u/ВПР МА 5 2019.csv")).toBe("ВПР МА 5 2019");
    expect(fileStem("C:\\data\\итоги.2023.csv")).toBe("итоги.2023");
    expect(fileStem("без расширения")).toBe("без расширения");
  });
});

describe("limits and damage give one Russian message, never a smaller table", () => {
  it("an unclosed quote", () => {
    const e = russianError(() => openCsvBook(utf8('Название;МА\n"СОШ 1;12\nСОШ 2;40\n'), "t.csv"));
    expect(e.message).toContain("строке 2");
  });

  it("a million empty lines give no rows", async () => {
    const text = "Название;МА\n" + "\n".repeat(1_000_000) + "СОШ 1;40\n";
    const [sheet] = await drain(openCsvBook(utf8(text), "t.csv"));
    expect(sheet.rows.map((r) => r.index)).toEqual([0, 1_000_001]);
  });

  it("more rows than a sheet holds", () => {
    const e = russianError(() => openCsvBook(utf8("a\n".repeat(1_048_577)), "t.csv"));
    expect(e.code).toBe("too-large");
  });

  it("more columns than a sheet holds, and a file over the size limit", () => {
    expect(russianError(() => openCsvBook(utf8(";".repeat(MAX_CSV_COLUMNS) + "x\n"), "t.csv")).code).toBe("too-large");
    expect(russianError(() => openCsvBook(new Uint8Array(MAX_CSV_BYTES + 1), "t.csv")).code).toBe("too-large");
  });
});

/** Text a cell may hold: letters of both alphabets, digits, spaces, and every character CSV must quote. */
const cellText = fc.string({
  unit: fc.constantFrom(...'аБвЁё«»№ AbZ019 ,;\t"\r\n-.%'),
  maxLength: 12,
});
const table = fc.array(fc.array(fc.option(cellText, { nil: null }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 });

/** What reading must give back: empty fields are null, trailing ones dropped, empty rows left out. */
function expectedRows(rows: (string | null)[][]): { index: number; values: Cell[] }[] {
  const out: { index: number; values: Cell[] }[] = [];
  rows.forEach((row, index) => {
    const values = row.map((v) => (v === "" ? null : v));
    while (values.length > 0 && values[values.length - 1] === null) values.pop();
    if (values.length > 0) out.push({ index, values });
  });
  return out;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe("property: any table written as CSV reads back exactly", () => {
  it("with either delimiter, in UTF-8 (BOM or not) or Windows-1251", async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.constantFrom(";", ","),
        fc.constantFrom("utf-8", "utf-8-bom", "windows-1251"),
        async (rows, delimiter, encoding) => {
          // Every row as wide as the widest, as Excel and LibreOffice write CSV.
          const width = Math.max(...rows.map((r) => r.length));
          const padded = rows.map((r) => [...r, ...Array<null>(width - r.length).fill(null)]);
          const text = writeCsv(padded, delimiter);
          let bytes: Uint8Array | null;
          if (encoding === "windows-1251") {
            bytes = encodeCp1251(text);
            // Such text whose bytes also happen to be valid UTF-8 is ambiguous by nature («Р«» is both).
            fc.pre(bytes !== null && !isUtf8(bytes));
          } else bytes = utf8(text, encoding === "utf-8-bom");
          const [sheet] = await drain(openCsvBook(bytes!, "t.csv"));
          expect(sheet.rows.map((r) => ({ index: r.index, values: r.values }))).toEqual(expectedRows(padded));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("agrees with SheetJS's own CSV reader on UTF-8 text (differential)", async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom(";", ","), async (rows, delimiter) => {
        const width = Math.max(...rows.map((r) => r.length));
        // SheetJS treats a lone CR as a row break inside quotes too; keep to LF/CRLF text here.
        const clean = rows.map((r) => [
          ...r.map((v) => (v === null ? null : v.replace(/\r/g, ""))),
          ...Array<null>(width - r.length).fill(null),
        ]);
        const text = writeCsv(clean, delimiter, "\n");
        const [ours] = await drain(openCsvBook(utf8(text), "t.csv"));
        const theirs = XLSX.read(text, { type: "string", raw: true, FS: delimiter, dense: true });
        const data = (theirs.Sheets[theirs.SheetNames[0]] as { "!data"?: ({ v?: unknown }[] | undefined)[] })["!data"] ?? [];
        const theirRows = expectedRows(
          Array.from(data, (r) => Array.from(r ?? [], (c) => (c && c.v !== undefined && c.v !== "" ? String(c.v) : null))),
        );
        expect(ours.rows.map((r) => ({ index: r.index, values: r.values }))).toEqual(theirRows);
      }),
      { numRuns: 200 },
    );
  });
});
