import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { run, sha } from "./run";
import { writeWorkbook } from "../fixtures/layouts";
import { handRule, journalGrid, makeMunicipality, procedureId, pupilsGrid, statGrid } from "../fixtures/fisoko";

const dir = mkdtempSync(join(tmpdir(), "shnor-collect-"));
const m = makeMunicipality(4242, 30, [2025, 2026]);
const later = m.procedures.filter((p) => p.year === 2026);
const earlier = m.procedures.filter((p) => p.year === 2025);
// One procedure of the year before comes as pupils' results (Ф1), the rest as «Статистика по отметкам».
const pupilsProcedure = earlier[0];
m.schools[3].renamed = { name: "МАОУ «Образовательный центр «Перспектива»»", from: 2026 };

const book = join(dir, "ВПР 2026.xlsx");
const folder = join(dir, "ВПР 2025");

beforeAll(async () => {
  await writeWorkbook(book, [
    { values: [["Выгрузка ФИС ОКО"], ["Скачано для управления образования"]], sheetName: "Титул" },
    ...later.map((p, i) => statGrid(m, p, { titleHeight: [7, 3, 1, 7][i], procedureIn: i === 3 ? "sheet" : "title" })),
    journalGrid(m, later[0]),
  ]);
  mkdirSync(join(folder, "математика"), { recursive: true });
  for (const p of earlier) {
    const sub = p.code === "МА" ? join(folder, "математика") : folder;
    const grid = p === pupilsProcedure ? pupilsGrid(m, p) : statGrid(m, p, { prefix: "sch" });
    await writeWorkbook(join(sub, `${procedureId(p)}.xlsx`), [grid]);
  }
  writeFileSync(join(folder, "прочитай меня.txt"), "не книга");
});

interface School {
  name: string;
  login: string | null;
  status: string;
  criteria: number[];
  low: unknown[];
}
const verdicts = (report: { schools: School[] }) =>
  report.schools
    .map((s) => ({ name: s.name, login: s.login, status: s.status, criteria: s.criteria, low: s.low }))
    .sort((a, b) => String(a.login).localeCompare(String(b.login)));

describe("a municipality's exports: one book for 2026, a folder of one-procedure books for 2025", () => {
  let sources: { schools: School[]; summary: { schools: number; shnor: number }; years: number[] } & Record<string, unknown>;

  beforeAll(async () => {
    const before = [sha(book)];
    const r = await run("analyze", book, folder, "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    sources = JSON.parse(r.stdout);
    expect([sha(book)]).toEqual(before);
  });

  it("names the same ШНОР as the rule applied by hand, with region and municipality rows not counted", () => {
    const hand = handRule(m, [2025, 2026], new Set([procedureId(pupilsProcedure)]));
    expect(sources.years).toEqual([2025, 2026]);
    expect(sources.summary.schools).toBe(30);
    const byDigits = new Map(sources.schools.map((s) => [String(s.login).slice(3), s.status]));
    expect([...byDigits].sort()).toEqual([...hand].sort());
    expect(sources.summary.shnor).toBe([...hand.values()].filter((s) => s === "shnor").length);
    expect(sources.schools.every((s) => /^edu\d{6}$/.test(String(s.login)))).toBe(true);
    expect(sources.schools.some((s) => /Вся выборка|Кемеровская|округ/.test(s.name))).toBe(false);
    expect((sources.comparisons as { kind: string }[]).map((c) => c.kind)).toEqual(["country", "region", "municipality"]);
  });

  it("keeps a renamed school's latest name and says so", () => {
    const renamed = sources.schools.find((s) => s.login === `edu${m.schools[3].digits}`);
    expect(renamed?.name).toBe("МАОУ «Образовательный центр «Перспектива»»");
    expect((sources.recognition as { warnings: string[] }).warnings.join("\n")).toMatch(/называется по-разному/);
  });

  it("lists every file and sheet with what was read", () => {
    const files = sources.files as { file: string; sheets: { sheet: string; taken: boolean; layout: string | null; what: string }[] }[];
    // In the order named, a folder's entries in alphabetical order (sub-folders among them); «прочитай меня.txt» is not a book.
    expect(files.map((f) => f.file)).toEqual([
      "ВПР 2026.xlsx",
      ...["МА 4 2025.xlsx", "МА 5 2025.xlsx"].map((f) => join("ВПР 2025", "математика", f)),
      ...["РУ 4 2025.xlsx", "РУ 5 2025.xlsx"].map((f) => join("ВПР 2025", f)),
    ]);
    const sheets = files[0].sheets;
    expect(sheets.map((s) => [s.sheet, s.taken, s.layout])).toEqual([
      ["Титул", false, null],
      ...later.map(() => [expect.any(String), true, "fisoko"]),
      [expect.stringMatching(/Сравнение/), true, "journal"],
    ]);
    expect(sheets[sheets.length - 1].what).toMatch(/не результаты/);
    const f1 = files.find((f) => f.file.includes(procedureId(pupilsProcedure)));
    expect(f1?.sheets[0]).toMatchObject({ taken: true, layout: "pupils" });
  });

  it("prints the recognition report per file and sheet", async () => {
    const r = await run("analyze", book, folder);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Распознавание по файлам и листам:/);
    expect(r.stdout).toMatch(
      /лист «Титул»: не взят — на листе только строки текста, таблицы нет: «Выгрузка ФИС ОКО», «Скачано для управления образования»/,
    );
    expect(r.stdout).toMatch(/строка для сравнения \(муниципалитет\), не школа/);
    expect(r.stdout).toMatch(/Строки для сравнения \(не школы\):/);
  });

  it("collect → analyze round-trips: the joined table gives exactly the same answer", async () => {
    const svod = join(dir, "свод.xlsx");
    const c = await run("collect", book, folder, "-o", svod);
    expect([c.code, c.stderr]).toEqual([0, ""]);
    expect(c.stdout).toMatch(/ОО — 30/);
    const r = await run("analyze", svod, "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const back = JSON.parse(r.stdout);
    expect(verdicts(back)).toEqual(verdicts(sources));
    expect([back.years, back.summary]).toEqual([sources.years, sources.summary]);
    expect(back.comparisons.map((x: { name: string }) => x.name)).toEqual((sources.comparisons as { name: string }[]).map((x) => x.name));
    // The recognition sheet beside it is not read as a table.
    expect(back.files[0].sheets.map((s: { sheet: string; taken: boolean }) => [s.sheet, s.taken])).toEqual([
      ["Свод", true],
      ["Распознавание", false],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(svod);
    const ws = wb.getWorksheet("Свод") as ExcelJS.Worksheet;
    expect([1, 2, 3, 4].map((c) => ws.getCell(3, c).value)).toEqual(["№", "Муниципалитет", "Логин", "ОО"]);
    // The header rows and the four id columns are frozen: a wide «Свод» scrolls with its schools in view.
    const frozen = ws.views.find((v) => v.state === "frozen") as ExcelJS.WorksheetViewFrozen;
    expect([frozen?.ySplit, frozen?.xSplit]).toEqual([4, 4]);
    // Procedures sorted by year, type, subject and grade; three columns each, merged.
    const labels = m.procedures.map((_, i) => ws.getCell(3, 5 + 3 * i).value);
    expect(labels).toEqual([
      "ВПР математика 4 кл. 2025",
      "ВПР математика 5 кл. 2025",
      "ВПР русский язык 4 кл. 2025",
      "ВПР русский язык 5 кл. 2025",
      "ВПР математика 4 кл. 2026",
      "ВПР математика 5 кл. 2026",
      "ВПР русский язык 4 кл. 2026",
      "ВПР русский язык 5 кл. 2026",
    ]);
    expect(ws.getCell(3, 6).isMerged).toBe(true);
    expect([5, 6, 7].map((c) => ws.getCell(4, c).value)).toEqual(["% «2»", "% «4» и «5»", "Кол-во участников"]);
  });

  it("report accepts the same inputs and writes the joined table as its results sheet", async () => {
    const out = join(dir, "отчёт.xlsx");
    const r = await run("report", book, folder, "-o", out);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(new RegExp(`ШНОР: ${sources.summary.shnor} из 30`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0].name).toBe("Свод");
  });
});

describe("what is not schools is an error in Russian, never «ШНОР не выявлены»", () => {
  it("a sheet with only the comparison rows", async () => {
    const g = statGrid(m, m.procedures[0]);
    const file = join(dir, "только-итоги.xlsx");
    await writeWorkbook(file, [{ ...g, values: g.values.slice(0, 11) }]);
    const r = await run("analyze", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Ошибка: Книга «только-итоги\.xlsx»: таблица найдена, но в ней нет ни одной школы/);
  });

  it("only «Сравнение отметок с отметками по журналу»", async () => {
    const file = join(dir, "журнал.xlsx");
    await writeWorkbook(file, [journalGrid(m, m.procedures[0])]);
    const r = await run("report", file, "-o", join(dir, "журнал-отчёт.xlsx"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/только «Сравнение отметок с отметками по журналу» — это не результаты/);
  });

  it("the same school and procedure with different values in two files is a conflict naming both", async () => {
    const p = m.procedures[5];
    const a = statGrid(m, p);
    const b = statGrid(m, p);
    const row = b.values.findIndex((r) => String(r[0]).includes(m.schools[0].digits));
    b.values[row] = [...b.values[row]];
    // 99 % «2», 1 % «3»: the marks still add up to 100 %.
    b.values[row][3] = 99;
    b.values[row][4] = 1;
    b.values[row][5] = 0;
    b.values[row][6] = 0;
    await writeWorkbook(join(dir, "a.xlsx"), [a]);
    await writeWorkbook(join(dir, "b.xlsx"), [b]);
    const r = await run("analyze", join(dir, "a.xlsx"), join(dir, "b.xlsx"), "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.conflicts).toEqual([
      expect.objectContaining({
        login: `edu${m.schools[0].digits}`,
        procedure: "ВПР математика 4 кл. 2026",
        sources: [
          expect.objectContaining({ source: `a.xlsx, лист «${a.sheetName}»` }),
          expect.objectContaining({ source: `b.xlsx, лист «${b.sheetName}»`, failPercent: 99 }),
        ],
      }),
    ]);
    const school = report.schools.find((s: School) => s.login === `edu${m.schools[0].digits}`);
    expect(school.low.map((l: { grade: number; subject: string }) => `${l.subject} ${l.grade}`)).not.toContain("математика 4");
  });

  it("a folder without books", async () => {
    mkdirSync(join(dir, "пусто"), { recursive: true });
    const r = await run("analyze", join(dir, "пусто"));
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/^Ошибка: В папке «.*пусто» нет книг/)]);
  });
});

describe("a generated copy of the real export's layout", () => {
  it("gives 1 school (login 203389), not 3 and not 0", async () => {
    const one = makeMunicipality(1, 1, [2026]);
    one.region = "Чеченская Республика";
    one.name = "Урус-Мартановский муниципальный район";
    one.code = "reg20_m012";
    one.schools = [{ digits: "203389", name: "МБОУ «СОШ №1 г.Урус-Мартан»" }];
    one.procedures = one.procedures.filter((p) => p.code === "РУ" && p.grade === 4);
    one.results = new Map([["203389|РУ 4 2026", [11, 47, 24, 7]]]);
    const file = join(dir, "Ф3_Статистика по отметкам.xlsx");
    await writeWorkbook(file, [statGrid(one, one.procedures[0])]);
    const r = await run("analyze", file, "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const report = JSON.parse(r.stdout);
    expect(report.summary.schools).toBe(1);
    expect(report.schools.map((s: School) => [s.name, s.login])).toEqual([["МБОУ «СОШ №1 г.Урус-Мартан»", "edu203389"]]);
  });
});
