/**
 * «Динамика и объективность» in a real spreadsheet program: the report of a
 * three-year table is recalculated by LibreOffice headless (own profile) and
 * exported to CSV; the list-by-year formulas give the hand-worked counts and
 * no sheet of the book shows an error. Without soffice this fails, not skips.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { wideGrid, writeWorkbook } from "../fixtures/layouts";
import { THREE_YEARS } from "../core/dynamics/three-years";
import { parseCsv } from "../fixtures/csv";
import { EVERY_SHEET_CSV, soffice } from "./libreoffice";
import { PATIENCE } from "../fixtures/patience";

jest.setTimeout(PATIENCE);

const dir = mkdtempSync(join(tmpdir(), "shnor-dyn-lo-"));
function sheetsOf(stem: string): Map<string, string[][]> {
  const sheets = new Map<string, string[][]>();
  for (const f of readdirSync(join(dir, "csv")))
    if (f.startsWith(`${stem}-`) && f.endsWith(".csv"))
      sheets.set(f.slice(stem.length + 1, -4), parseCsv(readFileSync(join(dir, "csv", f), "utf8")));
  return sheets;
}

const rowOf = (sheet: string[][], start: string, column = 0) => {
  const row = sheet.find((r) => (r[column] ?? "").startsWith(start));
  if (!row) throw new Error(`no row «${start}»`);
  return row;
};

const SHEET = "Динамика и объективность";
let report: Map<string, string[][]>;
let edited: Map<string, string[][]>;

beforeAll(async () => {
  await writeWorkbook(join(dir, "three.xlsx"), [wideGrid(THREE_YEARS)]);
  const errors: string[] = [];
  const code = await main(["report", join(dir, "three.xlsx"), "-o", join(dir, "out.xlsx")], {
    out: () => undefined,
    err: (t) => errors.push(t),
  });
  expect([code, errors]).toEqual([0, []]);
  // A methodist corrects school B's 2024 status and lowers the margin to 5 p.p.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, "out.xlsx"));
  const ws = wb.getWorksheet(SHEET)!;
  ws.eachRow((row, r) => {
    if (String(row.getCell(2).value) === "МБОУ «СОШ № 2» (B)") ws.getCell(r, 4).value = "нет";
    if (String(row.getCell(1).value).startsWith("Порог, п. п.")) ws.getCell(r, 2).value = 5;
  });
  await wb.xlsx.writeFile(join(dir, "edited.xlsx"));
  soffice(["--convert-to", EVERY_SHEET_CSV, "--outdir", join(dir, "csv"), join(dir, "out.xlsx"), join(dir, "edited.xlsx")]);
  report = sheetsOf("out");
  edited = sheetsOf("edited");
});

describe("LibreOffice recalculates «Динамика и объективность»", () => {
  it("counts the ШНОР list by year as worked out by hand", () => {
    const sheet = report.get(SHEET)!;
    expect(rowOf(sheet, "2023").slice(0, 8)).toEqual(["2023", "5", "2", "1", "40.0", "—", "—", "—"]);
    expect(rowOf(sheet, "2024").slice(0, 8)).toEqual(["2024", "5", "2", "1", "40.0", "1", "1", "1"]);
    expect(rowOf(sheet, "МБОУ «СОШ № 1» (A)", 1).slice(2, 5)).toEqual(["ШНОР", "риск", "вышла"]);
    expect(rowOf(sheet, "МБОУ «СОШ № 2» (B)", 1).slice(2, 5)).toEqual(["нет", "ШНОР", "вошла"]);
  });

  it("shows the % «2» dynamics with the engine's verdicts", () => {
    const sheet = report.get(SHEET)!;
    const b = sheet.filter((r) => r[0] === "МБОУ «СОШ № 2» (B)");
    expect(b.map((r) => r.slice(2, 8))).toEqual([
      ["2022", "5", "2023", "12", "7", "стабильная"],
      ["2023", "12", "2024", "30", "18", "отрицательная"],
    ]);
  });

  it("recounts after a correction and a new margin", () => {
    const sheet = edited.get(SHEET)!;
    expect(rowOf(sheet, "2024").slice(1, 8)).toEqual(["5", "1", "1", "20.0", "0", "1", "1"]);
    const b = sheet.filter((r) => r[0] === "МБОУ «СОШ № 2» (B)");
    expect(b[0][7]).toBe("отрицательная");
  });

  it("«Показатели» shows the schools that left the list", () => {
    const row = rowOf(report.get("Показатели")!, "Доля ОО, вышедших из статуса ШНОР", 1);
    expect(row.slice(3, 6)).toEqual(["1", "2", "50.0"]);
  });

  it("no cell of any sheet is an error", () => {
    for (const [name, sheet] of [...report, ...edited])
      for (const row of sheet) for (const cell of row) expect(`${name}: ${cell}`).not.toMatch(/: (#[A-ZА-Я/0!?]+|Err:\d+|#ИМЯ\?)/);
  });
});
