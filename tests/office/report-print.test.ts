/**
 * The report prints legibly. LibreOffice headless (its own profile) turns the
 * report book into a PDF, and `pdftotext -bbox-layout` (poppler-utils) gives
 * every printed word with its box (tests/office/print.ts). On every page:
 * - no text is printed under 8 pt (a box's height tells the size);
 * - no two words of different printed lines overlap (wrapped text in a row too
 *   short for it prints its lines over the next row's);
 * - no word is cut by its cell: every printed word of three letters or more is
 *   a whole word of the book's texts (a header broken inside a word prints
 *   «Знаменател» and «ь»);
 * - every word of the long texts is printed (none clipped away).
 * For the sample's report, a generated 40-school district's report, a
 * municipality's ФИС ОКО exports (a file a procedure, carried as the «Свод»)
 * and the report of generated Ф1 exports with task columns («Задания»).
 * CI installs libreoffice-calc, poppler-utils and fonts-crosextra-carlito
 * (Calibri's metrics, as Excel prints); without them this test fails rather than skips.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { bigWideGrid } from "../excel/bigTable";
import { makeMunicipality, statGrid } from "../fixtures/fisoko";
import { writeWorkbook } from "../fixtures/layouts";
import { calibrate, overlaps, printed as print, smallPages, Word } from "./print";
import { PATIENCE } from "../fixtures/patience";
import { f1Grid, makeF1, TASKS } from "../fixtures/tasks";

jest.setTimeout(PATIENCE);

const dir = mkdtempSync(join(tmpdir(), "shnor-print-"));

/** Every text of the book, split into words as a printer breaks lines (at spaces). */
async function bookWords(file: string): Promise<{ all: Set<string>; long: Set<string> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const all = new Set<string>();
  const long = new Set<string>();
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        // A formula's text results («стабильная») are printed too: its string literals are words of the book.
        const value = cell.value as unknown;
        const formula = value && typeof value === "object" && "formula" in value ? String((value as { formula: string }).formula) : null;
        const text = formula !== null ? [...formula.matchAll(/"([^"]*)"/g)].map((m) => m[1]).join(" ") : value;
        if (typeof text !== "string") return;
        const words = text.split(/\s+/).filter((w) => w);
        // A line may also break after a hyphen: «школ-» and «партнёров» are printed words of «школ-партнёров».
        for (const w of words) for (const part of [w, ...w.split(/(?<=-)/)]) all.add(part);
        // Long wrapped texts: all their words must be printed.
        if (formula === null && cell.alignment?.wrapText && words.length > 3 && !cell.isMerged) for (const w of words) long.add(w);
      }),
    ),
  );
  return { all, long };
}

async function printed(book: string): Promise<{ words: Word[]; small: string[]; book: { all: Set<string>; long: Set<string> } }> {
  const p = print(book);
  return { words: p.words, small: smallPages(p, await calibrate(), 8), book: await bookWords(book) };
}

function checks(name: string, load: () => Promise<string>) {
  describe(`the printed report of ${name}`, () => {
    let words: Word[];
    let small: string[];
    let book: { all: Set<string>; long: Set<string> };
    beforeAll(async () => {
      ({ words, small, book } = await printed(await load()));
    });

    it("prints its pages", () => {
      expect(words.length).toBeGreaterThan(500);
    });

    it("prints no text under 8 pt on any page", () => {
      expect(small).toEqual([]);
    });

    it("has no two words of different lines printed over each other", () => {
      expect(overlaps(words)).toEqual([]);
    });

    it("breaks lines between words, never inside one", () => {
      const seen = new Set(words.map((w) => w.text));
      const tokens = [...book.all];
      // A fragment of a longer word of the book that is not itself a word of it: the word was broken.
      const broken = [...seen].filter((w) => /[А-Яа-яЁё]{3}/.test(w) && !book.all.has(w) && tokens.some((t) => t !== w && t.includes(w)));
      expect(broken.map((w) => `стр. ${(words.find((x) => x.text === w)?.page ?? 0) + 1}: ${w}`)).toEqual([]);
    });

    it("prints every word of the long texts", () => {
      const seen = new Set(words.map((w) => w.text));
      expect([...book.long].filter((w) => !seen.has(w) && !w.split(/(?<=-)/).every((part) => seen.has(part)))).toEqual([]);
    });
  });
}

checks("the sample", async () => {
  const out = join(dir, "sample-report.xlsx");
  expect(await main(["report", join(__dirname, "..", "..", "samples", "prilozhenie-1.xlsx"), "-o", out], quiet)).toBe(0);
  return out;
});

checks("a 40-school district", async () => {
  const input = join(dir, "district-40.xlsx");
  await writeWorkbook(input, [{ ...bigWideGrid(40, 11), sheetName: "Результаты" }]);
  // The official's own sheet is copied as it is: give its id columns the widths an official would.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(input);
  const ws = wb.worksheets[0];
  [5, 18, 30, 12].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (let c = 5; c <= ws.columnCount; c++) ws.getColumn(c).width = 11;
  await wb.xlsx.writeFile(input);
  const out = join(dir, "district-40-report.xlsx");
  expect(await main(["report", input, "-o", out, "--schools", "all"], quiet)).toBe(0);
  return out;
});

checks("a municipality's ФИС ОКО exports", async () => {
  const m = makeMunicipality(5, 30, [2025, 2026]);
  const files = await Promise.all(
    m.procedures.map(async (p, i) => {
      const file = join(dir, `fisoko-${i + 1}.xlsx`);
      await writeWorkbook(file, [statGrid(m, p)]);
      return file;
    }),
  );
  const out = join(dir, "fisoko-report.xlsx");
  expect(await main(["report", ...files, "-o", out], quiet)).toBe(0);
  return out;
});

checks("two Ф1 exports with task columns («Задания»)", async () => {
  const folder = join(dir, "f1");
  mkdirSync(folder);
  // Mathematics of 27 tasks: more than a page holds, so its columns run onto a further page with the schools repeated.
  const many = [...TASKS, ...TASKS.slice(0, 12).map((t, i) => ({ ...t, label: String(13 + i) }))];
  await writeWorkbook(join(folder, "РУ 5.xlsx"), [f1Grid(makeF1(71, 12, undefined, "Русский язык"))]);
  await writeWorkbook(join(folder, "МА 5.xlsx"), [f1Grid(makeF1(72, 12, many, "Математика"))]);
  const out = join(dir, "f1-report.xlsx");
  expect(await main(["report", folder, "-o", out], quiet)).toBe(0);
  return out;
});

const quiet = { out: () => undefined, err: () => undefined };
