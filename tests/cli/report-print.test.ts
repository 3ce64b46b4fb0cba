/**
 * The report prints legibly. LibreOffice headless (its own profile) turns the
 * report book into a PDF, and `pdftotext -bbox-layout` (poppler-utils) gives
 * every printed word with its box. On every page:
 * - no two words of different printed lines overlap (wrapped text in a row too
 *   short for it prints its lines over the next row's);
 * - no word is cut by its cell: every printed word of three letters or more is
 *   a whole word of the book's texts (a header broken inside a word prints
 *   «Знаменател» and «ь»);
 * - every word of the long texts is printed (none clipped away).
 * For the sample's report and a generated 40-school district's report.
 * CI installs libreoffice-calc, poppler-utils and fonts-crosextra-carlito
 * (Calibri's metrics, as Excel prints); without them this test fails rather than skips.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { bigWideGrid } from "../excel/bigTable";
import { writeWorkbook } from "../fixtures/layouts";

jest.setTimeout(180_000);

const dir = mkdtempSync(join(tmpdir(), "shnor-print-"));
const SOFFICE = process.env.SOFFICE ?? "soffice";

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { encoding: "utf8", timeout: 120_000 });
  if (r.error) throw new Error(`${command} не запускается: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} завершился с кодом ${r.status}: ${r.stderr}`);
}

interface Word {
  page: number;
  line: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** The words of a PDF with their boxes and the printed line each belongs to. */
function wordsOf(pdf: string): Word[] {
  const html = join(dir, `${Date.now()}-${Math.random()}.html`);
  run("pdftotext", ["-bbox-layout", pdf, html]);
  const text = readFileSync(html, "utf8");
  const words: Word[] = [];
  let page = -1;
  let line = 0;
  const token = /<page |<line>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    if (m[0] === "<page ") page++;
    else if (m[0] === "<line>") line++;
    else
      words.push({
        page,
        line,
        text: decode(m[5]),
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
      });
  }
  return words;
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Pairs of words of different lines whose boxes overlap by more than a hair (glyph boxes include some leading). */
function overlaps(words: Word[]): string[] {
  const out: string[] = [];
  const slack = 1.5;
  const byPage = new Map<number, Word[]>();
  for (const w of words) byPage.set(w.page, [...(byPage.get(w.page) ?? []), w]);
  for (const [page, list] of byPage) {
    const sorted = [...list].sort((a, b) => a.yMin - b.yMin);
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length && sorted[j].yMin < sorted[i].yMax - slack; j++) {
        const a = sorted[i];
        const b = sorted[j];
        if (a.line === b.line) continue;
        const x = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
        const y = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
        if (x > slack && y > slack) out.push(`стр. ${page + 1}: «${a.text}» и «${b.text}»`);
      }
  }
  return out;
}

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

async function printed(book: string): Promise<{ words: Word[]; book: { all: Set<string>; long: Set<string> } }> {
  const profile = mkdtempSync(join(tmpdir(), "shnor-lo-profile-"));
  run(SOFFICE, ["--headless", "--norestore", `-env:UserInstallation=file://${profile}`, "--convert-to", "pdf", "--outdir", dir, book]);
  return { words: wordsOf(book.replace(/\.xlsx$/, ".pdf")), book: await bookWords(book) };
}

function checks(name: string, load: () => Promise<string>) {
  describe(`the printed report of ${name}`, () => {
    let words: Word[];
    let book: { all: Set<string>; long: Set<string> };
    beforeAll(async () => {
      ({ words, book } = await printed(await load()));
    });

    it("prints its pages", () => {
      expect(words.length).toBeGreaterThan(500);
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

const quiet = { out: () => undefined, err: () => undefined };
