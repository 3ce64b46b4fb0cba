/**
 * The fuzz suite: books crafted as other programs and attackers write them.
 * Every case must end in one of two ways: exit 0 with the answer the engine
 * gives on the same grid in memory, or exit 2 with one Russian line. The input
 * never changes, and no case takes long. `npm test` runs a fixed seed;
 * `npm run fuzz` runs more cases (FUZZ_SEED, FUZZ_RUNS).
 */
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { unzipSync, zipSync } from "fflate";
import ExcelJS from "exceljs";
import { analyzeTable, Cell, readTable, reasonText } from "../../src/core";
import { run, sha } from "../cli/run";
import { craftBook, CraftOptions, CraftSheet, district, District, gridOf } from "./craft";
import { RUNS, SEED } from "./seed";

// Not timed (`npm run bench` measures speed): a hang fails at jest's timeout.
jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), "shnor-fuzz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function save(bytes: Uint8Array, ext = "xlsx"): string {
  const file = join(dir, `case-${++counter}.${ext}`);
  writeFileSync(file, bytes);
  return file;
}

interface Answer {
  schools: { name: string; status: string; reason: string }[];
}

function oracle(grid: Cell[][], sheetName = "Результаты"): Answer {
  const table = readTable({ values: grid, sheetName });
  const analysis = analyzeTable(table);
  return { schools: analysis.verdicts.map((v) => ({ name: v.school.name, status: v.status, reason: reasonText(v) })) };
}

function answerOf(json: string): Answer {
  const report = JSON.parse(json) as { schools: { name: string; status: string; reason: string }[] };
  return { schools: report.schools.map((s) => ({ name: s.name, status: s.status, reason: s.reason })) };
}

/** Exit 0 with the expected answer, or exit 2 with one Russian line; the input unchanged. */
async function expectSafe(file: string, args: string[], expected: Answer | null): Promise<"answer" | "error"> {
  const before = sha(file);
  const result = await run(...args);
  expect(sha(file)).toBe(before);
  if (result.code === 2) {
    expect(result.stderr.split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^Ошибка: [«А-ЯЁ]/);
    // No library's English text reaches the user.
    expect(result.stderr).not.toMatch(/\b(Error|Invalid|undefined|Cannot|at [A-Za-z]+ \()\b/);
    return "error";
  }
  expect(result.code).toBe(0);
  if (expected && args.includes("--json")) expect(answerOf(result.stdout)).toEqual(expected);
  return "answer";
}

const SCHOOLS = [
  { name: "МБОУ «СОШ № 1»", values: [35, 10, 31, 12] },
  { name: "МБОУ «ООШ № 2»", values: [5, 40, 8, 9] },
  { name: "МАОУ «Гимназия № 3»", values: [2, 3, 4, 5] },
  { name: "МКОУ «СОШ № 4»", values: [null, null, 33.3, 30] },
  { name: "МБОУ «Лицей № 5»", values: [29.9, 30, 1, 0] },
];
const BASE: District = district(SCHOOLS);
const BASE_ANSWER = oracle(gridOf(BASE));

const sheetOf = (d: District, extra: Partial<CraftSheet> = {}): CraftSheet => ({ name: "Результаты", rows: gridOf(d), ...extra });

describe("books as other programs write them", () => {
  it("the oracle itself finds ШНОР and risk, so the cases can tell answers apart", () => {
    expect(BASE_ANSWER.schools.map((s) => s.status)).toEqual(expect.arrayContaining(["shnor", "risk", "ok"]));
  });

  const writers: [string, CraftOptions, Partial<CraftSheet>][] = [
    ["shared strings, refs, relative targets", {}, {}],
    ["inline strings", { sharedStrings: false }, {}],
    ["rows and cells without r", { refs: false }, {}],
    ["absolute targets", { absoluteTargets: true }, {}],
    ["a sheet part not named sheetN.xml", {}, { part: "worksheets/Данные.xml" }],
    ["everything at once", { sharedStrings: false, refs: false, absoluteTargets: true }, { part: "ws/results-part.xml" }],
  ];
  it.each(writers)("%s: the engine's answer", async (_name, options, extra) => {
    const file = save(craftBook([sheetOf(BASE, extra)], options));
    expect(await expectSafe(file, ["analyze", file, "--json"], BASE_ANSWER)).toBe("answer");
  });

  it("takes sheets by their workbook names: a notes tab first, absolute targets", async () => {
    const notes: CraftSheet = { name: "Пояснения", rows: [["Таблица составлена по данным ФИС ОКО"], ["Заполнил: методист ИМЦ"]] };
    const file = save(craftBook([notes, sheetOf(BASE)], { absoluteTargets: true }));
    const result = await run("analyze", file, "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).sheet).toBe("Результаты");
    expect(answerOf(result.stdout)).toEqual(BASE_ANSWER);

    const out = join(dir, `report-${counter}.xlsx`);
    const report = await run("report", file, "-o", out);
    expect(report.stderr).toBe("");
    expect(report.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const copied = book.getWorksheet("Результаты");
    expect(copied).toBeDefined();
    // The marked sheet is the table, and the notes are not marked.
    const texts: string[] = [];
    copied!.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain("МБОУ «СОШ № 1»");
    expect(texts.some((t) => /ШНОР/.test(t))).toBe(true);
    const notesCopy = book.getWorksheet("Пояснения");
    const noteTexts: string[] = [];
    notesCopy?.eachRow((row) => row.eachCell((c) => noteTexts.push(String(c.value))));
    expect(noteTexts.some((t) => /ШНОР/.test(t))).toBe(false);
  });

  it("a sheet name longer than Excel allows still gives a report, with no English on stderr", async () => {
    const long = "Результаты ВПР и ГИА по муниципальному округу за три года";
    const file = save(craftBook([{ name: long, rows: gridOf(BASE) }]));
    const out = join(dir, `report-long-${counter}.xlsx`);
    const result = await run("report", file, "-o", out);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("school names that look like formulas come back as text, exactly", async () => {
    const hostile = district([
      { name: '=HYPERLINK("http://x";"СОШ")', values: [40, 40, 40, 40] },
      { name: "+7 школа", values: [1, 1, 1, 1] },
      { name: "@СОШ №9", values: [50, 1, 1, 1] },
    ]);
    const file = save(craftBook([sheetOf(hostile)]));
    const result = await run("analyze", file, "--json");
    expect(result.code).toBe(0);
    expect(answerOf(result.stdout).schools.map((s) => s.name)).toEqual(hostile.rows.map((r) => r[1]));
  });
});

describe("damaged files are errors, never a smaller answer", () => {
  const good = craftBook([sheetOf(BASE)]);

  it("a file cut at any offset", async () => {
    const offsets = fc.sample(fc.integer({ min: 1, max: good.length - 1 }), { seed: SEED, numRuns: RUNS });
    for (const offset of offsets) {
      const file = save(good.slice(0, offset));
      expect(await expectSafe(file, ["analyze", file, "--json"], BASE_ANSWER)).toBe("error");
    }
  });

  it("a sheet's XML cut short inside a valid zip", async () => {
    const parts = unzipSync(good);
    const xml = new TextDecoder().decode(parts["xl/worksheets/sheet1.xml"]);
    const end = xml.indexOf("</sheetData>");
    const offsets = fc.sample(fc.integer({ min: 200, max: end }), { seed: SEED + 1, numRuns: RUNS });
    for (const offset of offsets) {
      const damaged = { ...parts, "xl/worksheets/sheet1.xml": new TextEncoder().encode(xml.slice(0, offset)) };
      const file = save(zipSync(damaged));
      expect(await expectSafe(file, ["analyze", file, "--json"], BASE_ANSWER)).toBe("error");
    }
  });

  it("shared strings cut short inside a valid zip", async () => {
    const parts = unzipSync(good);
    const xml = new TextDecoder().decode(parts["xl/sharedStrings.xml"]);
    const offsets = fc.sample(fc.integer({ min: 120, max: xml.length - 7 }), { seed: SEED + 2, numRuns: RUNS });
    for (const offset of offsets) {
      const damaged = { ...parts, "xl/sharedStrings.xml": new TextEncoder().encode(xml.slice(0, offset)) };
      const file = save(zipSync(damaged));
      expect(await expectSafe(file, ["analyze", file, "--json"], BASE_ANSWER)).toBe("error");
    }
  });
});

describe("small files cannot make a run work without bound", () => {
  const WHOLE = "A1:XFD1048576";
  const bombs: [string, Partial<CraftSheet>][] = [
    ["a dimension that claims the whole sheet", { before: `<dimension ref="${WHOLE}"/>` }],
    ["column widths over every column", { before: `<cols><col min="1" max="16384" width="12" customWidth="1"/></cols>` }],
    ["a merge spanning the sheet below the table", { after: `<mergeCells count="1"><mergeCell ref="A100:XFD1048576"/></mergeCells>` }],
    [
      "a validation over the whole sheet",
      {
        after: `<dataValidations count="1"><dataValidation type="whole" sqref="${WHOLE}"><formula1>0</formula1></dataValidation></dataValidations>`,
      },
    ],
    [
      "a conditional format over the whole sheet",
      {
        after: `<conditionalFormatting sqref="${WHOLE}"><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan"><formula>0</formula></cfRule></conditionalFormatting>`,
      },
    ],
    ["a cell at XFD1048576", { tailRows: `<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>` }],
    ["a hundred thousand empty rows", { tailRows: Array.from({ length: 100_000 }, (_, i) => `<row r="${i + 10}"/>`).join("") }],
  ];

  it.each(bombs)("%s: analyze", async (_name, extra) => {
    const file = save(craftBook([sheetOf(BASE, extra)]));
    expect(await expectSafe(file, ["analyze", file, "--json"], BASE_ANSWER)).toBe("answer");
  });

  it.each(bombs)("%s: report", async (_name, extra) => {
    const file = save(craftBook([sheetOf(BASE, extra)]));
    const out = join(dir, `bomb-${counter}.xlsx`);
    const before = process.memoryUsage().rss;
    expect(await expectSafe(file, ["report", file, "-o", out], null)).toBe("answer");
    expect(process.memoryUsage().rss - before).toBeLessThan(1024 ** 3);
  });
});

describe("no silent gaps", () => {
  it("a formula of constants without a saved value is computed", async () => {
    const rows: (Cell | { value: Cell; formula: string })[][] = gridOf(BASE).map((r) => [...r]);
    rows[1][4] = { value: undefined, formula: "31*1" }; // МБОУ «СОШ № 1», ВПР МА 5 2024 = 31
    const file = save(craftBook([{ name: "Результаты", rows }]));
    expect(await expectSafe(file, ["analyze", file, "--json"], BASE_ANSWER)).toBe("answer");
  });

  it("a formula that needs Excel is reported with its address, never read as a blank", async () => {
    const rows: (Cell | { value: Cell; formula: string })[][] = gridOf(BASE).map((r) => [...r]);
    rows[1][4] = { value: undefined, formula: "SUM(Z1:Z9)" };
    const file = save(craftBook([{ name: "Результаты", rows }]));
    const result = await run("analyze", file);
    if (result.code === 0) {
      expect(result.stdout).toMatch(/формулы без сохранённых значений/);
      expect(result.stdout).toMatch(/E2/);
    } else {
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/формул/);
    }
  });

  it("a school listed twice with the same results is one school and a warning naming both rows", async () => {
    const twice = district([...SCHOOLS, SCHOOLS[0]]);
    const file = save(craftBook([sheetOf(twice)]));
    const result = await run("analyze", file, "--json");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.schools.filter((s: { name: string }) => s.name === SCHOOLS[0].name)).toHaveLength(1);
    expect(JSON.stringify(report.recognition)).toMatch(/строк[аи]? 2 и 7|строки 2, 7/);
  });

  it("a school listed twice with different results is a conflict, never two verdicts", async () => {
    const twice = district([...SCHOOLS, { name: SCHOOLS[1].name, values: [50, 50, 50, 50] }]);
    const file = save(craftBook([sheetOf(twice)]));
    const result = await run("analyze", file, "--json");
    if (result.code === 0) {
      const report = JSON.parse(result.stdout);
      expect(report.schools.filter((s: { name: string }) => s.name === SCHOOLS[1].name).length).toBeLessThanOrEqual(1);
      expect(JSON.stringify(report.recognition)).toMatch(/конфликт|расхожд/i);
    } else expect(result.stderr).toMatch(/^Ошибка: .*(конфликт|расхожд|дважды)/i);
  });

  it("two tables side by side are read each on its own, and no school borrows the other's results", async () => {
    const vpr = [
      ["№", "Наименование ОО", "ВПР МА 5 2024 % «2»", "ВПР РУ 5 2024 % «2»"],
      [1, "МБОУ СОШ № 1", 35, 40],
      [2, "МБОУ СОШ № 2", 1, 2],
    ];
    const oge = [
      ["№", "Название ОО", "ОГЭ МА 2024 % не сдавших", "ОГЭ РУ 2024 % не сдавших"],
      [1, "Школа Б-1", 50, 50],
      [2, "Школа Б-2", 0, 0],
    ];
    const rows = vpr.map((r, i) => [...r, null, ...oge[i]]);
    const file = save(craftBook([{ name: "Результаты", rows }]));
    const result = await run("analyze", file, "--json");
    if (result.code === 2) {
      expect(result.stderr).toMatch(/таблиц/);
      return;
    }
    const report = JSON.parse(result.stdout) as { schools: { name: string; status: string; low: { procedure: string }[] }[] };
    const byName = new Map(report.schools.map((s) => [s.name, s]));
    expect(byName.get("МБОУ СОШ № 1")?.status).toBe("shnor");
    expect(byName.get("МБОУ СОШ № 1")?.low.every((l) => l.procedure === "ВПР")).toBe(true);
    expect(byName.get("Школа Б-1")?.status).toBe("shnor");
    expect(byName.get("Школа Б-1")?.low.every((l) => l.procedure === "ОГЭ")).toBe(true);
    expect(byName.get("МБОУ СОШ № 2")?.status).toBe("ok");
    expect(byName.get("Школа Б-2")?.status).toBe("ok");
  });
});

describe("the input is never written", () => {
  it("the file's bytes are the same after analyze and report", async () => {
    const file = save(craftBook([sheetOf(BASE)]));
    const before = readFileSync(file);
    await run("analyze", file);
    await run("report", file, "-o", join(dir, "never.xlsx"));
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
