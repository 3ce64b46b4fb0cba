/**
 * The report book in a real spreadsheet program: LibreOffice recalculates
 * the formulas (they are written without cached results), exports every
 * sheet as shown to CSV and prints the annex to PDF. CI installs
 * libreoffice-calc; without soffice this test fails rather than skips.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { analyzeTable, readTable } from "../../src/core";
import { computeIndicator } from "../../src/core/documents";
import { wideGrid, writeWorkbook } from "../fixtures/layouts";
import { SEED_001, SEED_003 } from "../fixtures/seeds";
import { parseCsv } from "../fixtures/csv";
import { EVERY_SHEET_CSV, soffice } from "./libreoffice";
import { calibrate, smallPages, wordsOf } from "./print";
import { PATIENCE } from "../fixtures/patience";

jest.setTimeout(PATIENCE);

const dir = mkdtempSync(join(tmpdir(), "shnor-lo-"));
type Sheets = Map<string, string[][]>;

function sheetsOf(stem: string): Sheets {
  const sheets: Sheets = new Map();
  for (const f of readdirSync(join(dir, "csv")))
    if (f.startsWith(`${stem}-`) && f.endsWith(".csv"))
      sheets.set(f.slice(stem.length + 1, -4), parseCsv(readFileSync(join(dir, "csv", f), "utf8")));
  return sheets;
}

function rowOf(sheet: string[][], start: string, column = 1): string[] {
  const row = sheet.find((r) => (r[column] ?? "").startsWith(start));
  if (!row) throw new Error(`no row «${start}»`);
  return row;
}

function pdfPages(file: string): { pages: number; boxes: number[][] } {
  const pdf = readFileSync(file).toString("latin1");
  const pages = (pdf.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*([\d.\s]+)\]/g)].map((m) => m[1].trim().split(/\s+/).map(Number));
  return { pages, boxes };
}

/** A book with the annex alone (it holds values only), so its PDF is the annex's pages. */
async function annexOnly(from: string, to: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  const annex = wb.worksheets.find((w) => w.name.startsWith("Приложение 1 ("))!;
  for (const ws of [...wb.worksheets]) if (ws !== annex) wb.removeWorksheet(ws.id);
  await wb.xlsx.writeFile(to);
  let width = 0;
  for (let c = 1; c <= annex.columnCount; c++) width += annex.getColumn(c).width ?? 9;
  return width;
}

const grids = { s003: wideGrid(SEED_003), s001: wideGrid(SEED_001) };
let sheets003: Sheets;
let sheets001: Sheets;
let edited: Sheets;
const annexWidth: Record<string, number> = {};

beforeAll(async () => {
  for (const [stem, grid] of Object.entries(grids)) {
    await writeWorkbook(join(dir, `${stem}.xlsx`), [grid]);
    const r = await main(["report", join(dir, `${stem}.xlsx`), "-o", join(dir, `out${stem}.xlsx`), "--indicators", "all"], {
      out: () => undefined,
      err: (t) => {
        throw new Error(t);
      },
    });
    expect(r).toBe(0);
    annexWidth[stem] = await annexOnly(join(dir, `out${stem}.xlsx`), join(dir, `annex${stem}.xlsx`));
  }
  // What a methodist types in later: one activity done, courses taken by 3 of 4 teachers.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, "outs001.xlsx"));
  const roadmap = wb.getWorksheet("Дорожная карта")!;
  roadmap.getCell("G8").value = "выполнено";
  const indicators = wb.getWorksheet("Показатели")!;
  indicators.eachRow((row, r) => {
    if (String(row.getCell(2).value).startsWith("Доля педагогов ШНОР, прошедших повышение квалификации")) {
      indicators.getCell(r, 4).value = 3;
      indicators.getCell(r, 5).value = 4;
    }
  });
  await wb.xlsx.writeFile(join(dir, "edited.xlsx"));
  // Every sheet to its own CSV, the text as shown (number formats applied).
  soffice([
    "--convert-to",
    EVERY_SHEET_CSV,
    "--outdir",
    join(dir, "csv"),
    join(dir, "outs003.xlsx"),
    join(dir, "outs001.xlsx"),
    join(dir, "edited.xlsx"),
  ]);
  soffice(["--convert-to", "pdf", "--outdir", join(dir, "pdf"), join(dir, "annexs003.xlsx"), join(dir, "annexs001.xlsx")]);
  sheets003 = sheetsOf("outs003");
  sheets001 = sheetsOf("outs001");
  edited = sheetsOf("edited");
});

const SHARE = "Доля ОО с низкими образовательными результатами (ШНОР)";

describe("LibreOffice recalculates the report book", () => {
  it("exports every sheet", () => {
    expect([...sheets003.keys()].sort()).toEqual(
      [
        "Аналитическая справка",
        "Динамика и объективность",
        "ДК МБОУ «СОШ № 1»",
        "ДК МБОУ «СОШ № 14»",
        "Дорожная карта",
        "Показатели",
        "Приложение 1",
        "Приложение 1 (ШНОР)",
      ].sort(),
    );
  });

  it("shows доля ШНОР 100 % on seed 003's table (both its schools are ШНОР)", () => {
    const row = rowOf(sheets003.get("Показатели")!, SHARE);
    expect(row.slice(3, 6)).toEqual(["2", "2", "100.0"]);
    expect(row[10]).toBe("без изменений");
  });

  it("shows доля ШНОР 42,9 % (3 of 7) on seed 001's table", () => {
    const row = rowOf(sheets001.get("Показатели")!, SHARE);
    expect(row.slice(3, 6)).toEqual(["3", "7", "42.9"]);
  });

  it("computes the dynamics and low-procedure shares as the engine does", () => {
    const analysis = analyzeTable(readTable(grids.s001));
    for (const [wording, key] of [
      ["Доля ОО с положительной динамикой", "sharePositiveDynamicsVpr"],
      ["Доля оценочных процедур с низкими результатами", "shareLowProcedures"],
      ["Доля ОО в зоне риска", "shareRisk"],
      ["Число ОО с низкими образовательными результатами", "countShnor"],
    ] as const) {
      const n = computeIndicator(key, analysis);
      const row = rowOf(sheets001.get("Показатели")!, wording);
      expect([row[3], row[5]]).toEqual([String(n.numerator), key === "countShnor" ? String(n.value) : (n.value as number).toFixed(1)]);
    }
  });

  it("shows «нет данных» for empty inputs and 0.0 % done on a fresh roadmap", () => {
    expect(rowOf(sheets001.get("Показатели")!, "Доля педагогов ШНОР, прошедших повышение квалификации")[10]).toBe("нет данных");
    const progress = rowOf(sheets001.get("Дорожная карта")!, "Выполнено, %", 0);
    expect(progress[2]).toBe("0.0");
    expect(progress[3]).toMatch(/^выполнено: 0; в работе: 0; не выполнено: 0; перенесено: 0; всего мероприятий: \d+$/);
  });

  it("computes them itself: the book carries no cached results", async () => {
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(readFileSync(join(dir, "outs001.xlsx")));
    const xml = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
    expect(xml).toMatch(/<f>/);
    expect(xml).not.toMatch(/<\/f><v>/);
  });

  it("follows what users type: a done activity and two inputs", () => {
    const progress = rowOf(edited.get("Дорожная карта")!, "Выполнено, %", 0);
    expect(Number(progress[2])).toBeGreaterThan(0);
    expect(progress[3]).toMatch(/^выполнено: 1; /);
    const row = rowOf(edited.get("Показатели")!, "Доля педагогов ШНОР, прошедших повышение квалификации");
    expect([row[5], row[10]]).toEqual(["75.0", "цель не задана"]);
  });

  it("shows no error in any cell of either book", () => {
    const errors: string[] = [];
    for (const [book, sheets] of [
      ["003", sheets003],
      ["001", sheets001],
    ] as const)
      for (const [name, rows] of sheets)
        rows.forEach((r, i) =>
          r.forEach((cell, j) => {
            if (/^(#(DIV\/0!|NAME\?|VALUE!|REF!|N\/A|NUM!|NULL!)|Err:\d+)/.test(cell.trim()))
              errors.push(`${book} ${name} ${i + 1}:${j + 1} ${cell}`);
          }),
        );
    expect(errors).toEqual([]);
  });

  it("prints the annex on one A4 landscape page at 8 pt or more: the deciding procedures, «% 2» each", async () => {
    const perPoint = await calibrate();
    for (const stem of ["s003", "s001"]) {
      expect(annexWidth[stem]).toBeGreaterThan(100);
      const { pages, boxes } = pdfPages(join(dir, "pdf", `annex${stem}.pdf`));
      expect(pages).toBe(1);
      for (const [, , w, h] of boxes) {
        expect(Math.round(w)).toBe(842);
        expect(Math.round(h)).toBe(595);
      }
      const { words, pages: sizes } = wordsOf(join(dir, "pdf", `annex${stem}.pdf`));
      expect(smallPages({ pdf: "", words, pages: sizes }, perPoint, 8)).toEqual([]);
    }
  });
});
