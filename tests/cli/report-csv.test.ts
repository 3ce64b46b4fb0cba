/**
 * A .csv's numbers are numbers in the report. A .csv keeps every field as
 * text; the report carries it as the marked «Свод», whose cells are what the
 * engine read: «12,5», «12.5» and «35%» are numbers (12.5, 12.5, 35) under the
 * «% «2»» headers, names stay text, and a login or code with a leading zero
 * stays text as written. The id columns are as wide as their content.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { encodeCp1251, writeCsv } from "../io/formats-helpers";
import { run } from "./run";

jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), "shnor-report-csv-"));

/** Each school: its login as written, its name, and per procedure the «% 2» field and the number it means. */
const SCHOOLS: { login: string; name: string; fields: [string, number][] }[] = [
  {
    login: "0420101",
    name: "МБОУ «СОШ № 1»",
    fields: [
      ["35%", 35],
      ["12,5", 12.5],
    ],
  },
  {
    login: "0420102",
    name: "МБОУ «Основная общеобразовательная школа № 2 с. Длинное-Название-Посёлка»",
    fields: [
      ["7.25", 7.25],
      ["40", 40],
    ],
  },
  {
    login: "0420103",
    name: '=HYPERLINK("x")',
    fields: [
      ["31,0 %", 31],
      ["0", 0],
    ],
  },
];
const PROCEDURES = ["ВПР МА 5 2024", "ВПР РУ 5 2024"];

let svod: ExcelJS.Worksheet;

beforeAll(async () => {
  const rows: (string | null)[][] = [
    ["№", "Логин ОО", "Наименование ОО", ...PROCEDURES.flatMap((p) => [p, null])],
    [null, null, null, ...PROCEDURES.flatMap(() => ["% «2»", "% «4» и «5»"])],
    ...SCHOOLS.map((s, i) => [String(i + 1), s.login, s.name, ...s.fields.flatMap(([field]) => [field, "20,5"])]),
  ];
  const file = join(dir, "результаты.csv");
  writeFileSync(file, encodeCp1251(writeCsv(rows, ";"))!);
  const out = join(dir, "report.xlsx");
  const r = await run("report", file, "-o", out);
  expect([r.code, r.stderr]).toEqual([0, ""]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets[0].name).toBe("Свод");
  svod = wb.worksheets[0];
});

/** The 1-based column of a header text in the «Свод»'s two header rows (procedure, then measure). */
function column(procedure: string, measure: string): number {
  const top = svod.getRow(3).values as unknown[];
  const start = top.findIndex(
    (v) =>
      typeof v === "string" && v.startsWith(procedure.replace("МА", "математика").replace("РУ", "русский язык").replace(/ 5 /, " 5 кл. ")),
  );
  for (let c = start; c < start + 3; c++) if (svod.getCell(4, c).value === measure) return c;
  throw new Error(`no column ${procedure} / ${measure}`);
}

const schoolRow = (name: string) => {
  for (let r = 5; r <= svod.rowCount; r++) if (svod.getCell(r, 4).value === name) return r;
  throw new Error(`no row for ${name}`);
};

it("writes each «% 2» field as the number it means", () => {
  for (const s of SCHOOLS)
    PROCEDURES.forEach((p, k) => {
      const [r, c] = [schoolRow(s.name), column(p, "% «2»")];
      expect([s.name, p, svod.getCell(r, c).type, svod.getCell(r, c).value]).toEqual([s.name, p, ExcelJS.ValueType.Number, s.fields[k][1]]);
    });
});

it("keeps names and leading-zero logins as text, as written", () => {
  for (const s of SCHOOLS) {
    const r = schoolRow(s.name);
    expect([svod.getCell(r, 3).type, svod.getCell(r, 3).value, svod.getCell(r, 3).numFmt]).toEqual([
      ExcelJS.ValueType.String,
      s.login,
      "@",
    ]);
    expect(svod.getCell(r, 4).type).toBe(ExcelJS.ValueType.String);
  }
});

it("makes the id columns as wide as their content", () => {
  const longest = Math.max(...SCHOOLS.map((s) => s.name.length));
  const width = svod.getColumn(4).width ?? 0;
  // Wide enough for the long name (an 11-pt letter is about one width unit), never past the bound.
  expect(width).toBeGreaterThanOrEqual(Math.min(60, longest * 0.9));
  expect(width).toBeLessThanOrEqual(60);
  expect(svod.getColumn(3).width).toBeGreaterThanOrEqual(8);
});
