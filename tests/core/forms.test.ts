/**
 * The collector on forms as grids (no files): each refusal with its cell and
 * reason, a conflict, a tampered identity, another report's form.
 */
import { analyzeTable, Cell, DEFAULT_ROW_HEIGHT, fitSheet, readTable, specRows } from "../../src/core";
import { buildDocuments, COLLECTION_NOTE_ROW } from "../../src/core/documents";
import { collectForms, collectionPlan, formBooks, formsManifest, FormBook, ReadForm, summaryLine } from "../../src/core/forms";
import { SEED_001, SeedTable } from "../fixtures/seeds";
import { wideGrid } from "../fixtures/layouts";

const district: SeedTable = {
  ...SEED_001,
  rows: SEED_001.rows.map((r, i) => ({ ...r, ids: [`${r.ids[0]} (edu7700${i + 1})`] })),
};
const table = readTable(wideGrid(district));
const analysis = analyzeTable(table);
const documents = buildDocuments({ table, analysis, results: null, existingSheetNames: [] });
const manifest = formsManifest({ documents, analysis }, "0123456789abcdef0123456789abcdef");
const books = formBooks(manifest, "all");

/** A form as a reader gives it: every sheet's cells by row. */
function read(book: FormBook, file: string, edit: (sheet: string, rows: Cell[][]) => void = () => undefined): ReadForm {
  return {
    file,
    sheets: book.sheets.map((spec) => {
      const rows: Cell[][] = [];
      for (const { row, column, values } of specRows(spec)) {
        rows[row] ??= [];
        values.forEach((v, i) => (rows[row][column + i] = v === null ? null : "text" in v ? v.text : "number" in v ? v.number : null));
      }
      for (let i = 0; i < rows.length; i++) rows[i] ??= [];
      edit(spec.name, rows);
      return { name: spec.name, rows };
    }),
  };
}

/** Fills «Показатели»: the indicator's row (from 6) gets numerator and denominator. */
const numbers =
  (values: (k: number) => [Cell, Cell]) =>
  (sheet: string, rows: Cell[][]): void => {
    if (sheet !== "Показатели") return;
    manifest.indicators.forEach((ind, k) => {
      const [n, d] = values(k);
      rows[6 + k][2] = n;
      if (ind.denominator) rows[6 + k][3] = d;
    });
  };

const shareIndex = manifest.indicators.findIndex((i) => i.denominator !== null);

it("refuses each bad value with its cell and reason, and sums the rest", () => {
  const bad = (k: number): [Cell, Cell] =>
    k === shareIndex ? [3.5, 10] : k === shareIndex + 1 ? [-1, 4] : k === shareIndex + 2 ? [5, null] : [1, 2];
  const c = collectForms(
    manifest,
    [
      read(books[0], "a.xlsx", numbers(bad)),
      read(
        books[1],
        "b.xlsx",
        numbers(() => [1, 2]),
      ),
    ],
    "all",
  );
  const reasons = c.rejected.map((r) => `${r.cell}: ${r.reason.split(" (")[0]}`);
  expect(reasons).toEqual(expect.arrayContaining([`C${7 + shareIndex}: не целое число`, `C${8 + shareIndex}: отрицательное число`]));
  expect(c.rejected.every((r) => r.file === "a.xlsx")).toBe(true);
  expect(c.values[shareIndex]).toMatchObject({ numerator: 1, denominator: 2, schools: 1 });
  expect(c.schools.filter((s) => s.status === "missing")).toHaveLength(books.length - 2);
});

it("a school with two different forms is a conflict: not counted, both files named", () => {
  const c = collectForms(manifest, [
    read(
      books[0],
      "one.xlsx",
      numbers(() => [1, 2]),
    ),
    read(
      books[0],
      "two.xlsx",
      numbers(() => [2, 2]),
    ),
  ]);
  const s = c.schools.find((x) => x.login === books[0].school.login)!;
  expect(s).toMatchObject({ status: "conflict", files: ["one.xlsx", "two.xlsx"] });
  expect(c.values.every((v) => v.schools === 0 && v.numerator === null)).toBe(true);
});

it("refuses a form whose identity was changed, or of another report, or that is no form", () => {
  const otherManifest = formsManifest({ documents, analysis }, "fedcba9876543210fedcba9876543210");
  const other = formBooks(otherManifest, "all")[0];
  const tampered = read(books[0], "swapped.xlsx", (sheet, rows) => {
    if (sheet === "ШНОР-монитор") rows[2][1] = books[1].school.login;
  });
  const c = collectForms(manifest, [
    tampered,
    read(other, "other.xlsx"),
    { file: "junk.xlsx", sheets: [{ name: "Лист1", rows: [["x"]] }] },
  ]);
  expect(c.rejected.map((r) => [r.file, r.reason])).toEqual([
    ["junk.xlsx", expect.stringMatching(/не форма/)],
    ["other.xlsx", expect.stringMatching(/другого отчёта/)],
    ["swapped.xlsx", expect.stringMatching(/подпись/)],
  ]);
  expect(c.schools.filter((s) => s.status === "received")).toHaveLength(0);
});

it("names each form's file after its school, safely and uniquely", () => {
  const names = books.map((b) => b.fileName.toLowerCase());
  expect(new Set(names).size).toBe(names.length);
  for (const b of books) expect(b.fileName).toMatch(/^[^\\/:*?"<>|]+\.xlsx$/);
});

it("puts on the forms only what a school can count for itself", () => {
  const inputs = documents.sheets.find((s) => s.name === "Показатели")!;
  // The report leaves some computed indicators to input (its table cannot give them): the municipality's counts stay off the forms.
  const typed = inputs.validations.filter((v) => v.rule.kind === "wholeNumber" && v.column === 3).length;
  expect(typed).toBeGreaterThan(manifest.indicators.length);
  const ids = manifest.indicators.map((i) => i.id);
  expect(ids).not.toContain("dolya-vyshedshih-iz-shnor");
  expect(ids).toContain("dolya-ne-preodolevshih-porog-gia");
  expect(ids).toContain("dolya-pedagogov-kpk");
});

it("asks a school about itself where an indicator counts schools: 1 or 0 of 1", () => {
  const form = books[0].sheets[0];
  const k = manifest.indicators.findIndex((i) => i.id === "dolya-oo-s-programmami");
  expect(k).toBeGreaterThanOrEqual(0);
  const row = [...specRows(form)].find((r) => r.row === 6 + k)!;
  expect(row.values[4]).toEqual({ text: expect.stringMatching(/^Про вашу ОО: числитель 1, если да/) });
  const denominator = form.validations.find((v) => v.row === 6 + k && v.column === 3)!;
  expect(denominator.rule).toEqual({ kind: "wholeNumber", min: 0, max: 1 });
  // A count of teachers is a count: no such limit.
  const kpk = manifest.indicators.findIndex((i) => i.id === "dolya-pedagogov-kpk");
  expect(form.validations.find((v) => v.row === 6 + kpk && v.column === 3)!.rule).toEqual({ kind: "wholeNumber", min: 0 });
});

it("makes the row of «Показатели»'s summary tall enough for the list of schools that did not answer", () => {
  expect(manifest.summary.widthPx).toBeGreaterThan(1000);
  const heightFor = (answered: number) => {
    const c = collectForms(
      manifest,
      books.slice(0, answered).map((b, i) => read(b, `${i}.xlsx`)),
      "all",
    );
    const plan = collectionPlan(manifest, c, () => null, ["Показатели"]);
    const line = plan.writes.find((w) => w.sheet === manifest.summary.sheet && w.cell === manifest.summary.cell)!;
    expect(line.value).toBe(plan.summary);
    return line.height!;
  };
  // The height the report's writers give the row with that line in it, measured by fitSheet over the sheet's own widths.
  const written = (answered: number) => {
    const c = collectForms(
      manifest,
      books.slice(0, answered).map((b, i) => read(b, `${i}.xlsx`)),
      "all",
    );
    const { summary } = collectionPlan(manifest, c, () => null, ["Показатели"]);
    const sheet = documents.sheets.find((s) => s.name === manifest.summary.sheet)!;
    const row = COLLECTION_NOTE_ROW;
    const fit = fitSheet({ ...sheet, blocks: [...sheet.blocks, { row, column: 0, values: [[{ text: summary }]] }] });
    return fit.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT;
  };
  for (const answered of [books.length, books.length - 1, 1]) expect(heightFor(answered)).toBe(written(answered));
  // Every school but one silent: their names take lines more.
  expect(heightFor(1)).toBeGreaterThan(heightFor(books.length - 1));
});

it("names a region's silent schools in «Показатели»'s one cell cut with «и ещё N», all of them on «Сбор форм»", () => {
  const c = collectForms(manifest, [], "all");
  const silent = Array.from({ length: 3000 }, (_, i) => ({
    ...c.schools[0],
    login: `edu${String(i).padStart(6, "0")}`,
    name: `МБОУ «Средняя общеобразовательная школа № ${i + 1} имени героя»`,
  }));
  const line = summaryLine({ ...c, schools: silent }, "Сбор форм");
  // Far within Excel's 32,767 characters a cell holds; the list goes on «Сбор форм», a row a school.
  expect(line.length).toBeLessThan(3000);
  expect(line).toMatch(/ и ещё \d+ \(все — на листе «Сбор форм»\)/);
  expect(line).toContain("учтены формы 0 из 3000");
});
