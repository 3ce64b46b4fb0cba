/**
 * The Word documents as LibreOffice (writer, headless, its own profile) prints
 * them to PDF, read back with poppler (tests/office/print.ts): on every page
 * text of 11 pt or more (the chart's too) and no words over words; A4, the
 * roadmap landscape with its table's header on every page; page numbers at
 * the top from the second page; the note's chart drawn with its labels. For
 * the sample and a generated 40-school district (all its schools in the annex).
 * CI installs libreoffice-writer and poppler-utils; without them this fails.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { WORD_FILES } from "../../src/core/documents";
import { WORD_MIN_PT } from "../../src/core/render-contract/word";
import { bigWideGrid } from "../excel/bigTable";
import { writeWorkbook } from "../fixtures/layouts";
import { calibrate, overlaps, printed, Printed, smallPages } from "./print";
import { PATIENCE } from "../fixtures/patience";

jest.setTimeout(PATIENCE);

const dir = mkdtempSync(join(tmpdir(), "shnor-word-print-"));
const quiet = { out: () => undefined, err: () => undefined };

function checks(name: string, make: () => Promise<string>) {
  describe(`the Word documents of ${name}, printed`, () => {
    const docs: Record<string, Printed> = {};
    let perPoint: number;
    beforeAll(async () => {
      const folder = await make();
      perPoint = await calibrate();
      for (const file of Object.values(WORD_FILES)) docs[file] = printed(join(folder, file));
    });

    it.each(Object.values(WORD_FILES))("%s: every page at 11 pt or more, no words over words", (file) => {
      const p = docs[file];
      expect(p.words.length).toBeGreaterThan(30);
      expect(smallPages(p, perPoint, WORD_MIN_PT)).toEqual([]);
      expect(overlaps(p.words)).toEqual([]);
    });

    it.each(Object.values(WORD_FILES))("%s: A4, numbered at the top from the second page", (file) => {
      const p = docs[file];
      const landscape = file === WORD_FILES.roadmap;
      for (const page of p.pages) {
        expect(Math.round(landscape ? page.height : page.width)).toBe(595);
        expect(Math.round(landscape ? page.width : page.height)).toBe(842);
      }
      for (let k = 1; k < p.pages.length; k++)
        expect([k + 1, p.words.some((w) => w.page === k && w.text === String(k + 1) && w.yMin < 57)]).toEqual([k + 1, true]);
      expect(p.words.some((w) => w.page === 0 && w.text === "1" && w.yMin < 57)).toBe(false);
    });

    it("roadmap: every page carries its table's header row", () => {
      const p = docs[WORD_FILES.roadmap];
      expect(p.pages.length).toBeGreaterThan(1);
      for (let k = 0; k < p.pages.length; k++) {
        const words = new Set(p.words.filter((w) => w.page === k).map((w) => w.text));
        expect([k + 1, words.has("Мероприятие") || (words.has("Показатель") && words.has("Базовое"))]).toEqual([k + 1, true]);
      }
    });

    it("note: the chart is drawn with its title, its procedures and values, at 11 pt or more", () => {
      const p = docs[WORD_FILES.note];
      const text = p.words.map((w) => w.text).join(" ");
      expect(text).toContain("Доля ОО с низким результатом по процедурам, %");
      const title = p.words.find((w) => w.text === "процедурам,");
      expect(title).toBeDefined();
      // The chart's category labels are printed as text, beside the bars.
      expect(text).toMatch(/ВПР математика \d кл\. \d{4}/);
    });
  });
}

checks("the sample", async () => {
  const folder = join(dir, "sample");
  const code = await main(
    ["report", join(__dirname, "..", "..", "samples", "prilozhenie-1.xlsx"), "-o", join(dir, "sample.xlsx"), "--word", folder],
    quiet,
  );
  expect(code).toBe(0);
  return folder;
});

checks("a 40-school district", async () => {
  const input = join(dir, "district-40.xlsx");
  await writeWorkbook(input, [{ ...bigWideGrid(40, 11), sheetName: "Результаты" }]);
  const folder = join(dir, "district");
  expect(await main(["report", input, "-o", join(dir, "district.xlsx"), "--word", folder, "--schools", "all"], quiet)).toBe(0);
  return folder;
});
