/**
 * The coordinator's path with the command (issue 19): the README's steps taken literally on a year
 * of ФИС ОКО exports, and what a newcomer types meaning what they meant.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { INDICATORS } from "../../src/core/documents";
import { coordinatorAnswer, CoordinatorFiles, writeCoordinatorYear } from "../fixtures/coordinator";
import { writeWorkbook } from "../fixtures/layouts";
import { makeMunicipality, statGrid } from "../fixtures/fisoko";
import { run } from "./run";

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), "shnor-coordinator-"));
let files: CoordinatorFiles;

beforeAll(async () => {
  files = await writeCoordinatorYear(dir);
});

const json = async (...args: string[]) => {
  const { code, stdout, stderr } = await run("analyze", ...args, "--json");
  expect([code, stderr]).toEqual([0, ""]);
  return JSON.parse(stdout) as { threshold: number; years: number[]; summary: { schools: number; shnor: number }; schools: unknown[] };
};

describe("the coordinator's year: a folder for 2024 and a book for 2025", () => {
  it("names the 6 ШНОР of 26 the rule gives by hand", async () => {
    const answer = coordinatorAnswer();
    expect(answer).toMatchObject({ both: 6, laterOnly: 4, schools: 26 });
    const out = await json(files.folder, files.book);
    expect(out.years).toEqual([2024, 2025]);
    expect(out.summary).toMatchObject({ schools: 26, shnor: 6 });
  });

  it("reads --threshold 0.3 as 30 %, as the custom functions do, and says «порог 30 %»", async () => {
    const share = await json(files.folder, files.book, "--threshold", "0.3");
    const comma = await json(files.folder, files.book, "--threshold", "0,3");
    const percent = await json(files.folder, files.book, "--threshold", "30");
    expect(share).toEqual(percent);
    expect(comma).toEqual(percent);
    expect(share.threshold).toBe(30);
    const { stdout } = await run("analyze", files.folder, files.book, "--threshold", "0.3");
    expect(stdout).toMatch(/из командной строки: порог 30 %/);
    expect(stdout).toMatch(/порог — 30 % «2»/);
  });

  it("takes --year as the end year or the school year written whole", async () => {
    const end = await json(files.folder, files.book, "--year", "2025");
    const whole = await json(files.folder, files.book, "--year", "2024/2025");
    expect(whole).toEqual(end);
    expect(end.years).toEqual([2024, 2025]);
  });

  it.each(["2023", "2030", "2029/2030"])("refuses --year %s, a year without data, naming the years that have some", async (year) => {
    const { code, stdout, stderr } = await run("analyze", files.folder, files.book, "--year", year);
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr).toMatch(/^Ошибка: Нет учитываемых результатов за \d{4} год \(\d{4}\/\d{4} уч\. г\.\); они есть за 2024, 2025\.$/);
  });

  it("always says what it checked: «Конфликты: нет», «Переименованные ОО: нет»", async () => {
    const { stdout } = await run("analyze", files.folder, files.book);
    expect(stdout).toMatch(/^Конфликты: нет\.$/m);
    expect(stdout).toMatch(/^Переименованные ОО: нет\.$/m);
    const one = await run("analyze", join(__dirname, "../../samples/prilozhenie-1.xlsx"));
    expect(one.stdout).toMatch(/^Конфликты: нет\.$/m);
    expect(one.stdout).toMatch(/^Переименованные ОО: нет\.$/m);
  });

  it("lists conflicts and renamed schools when there are some, each once", async () => {
    const m = makeMunicipality(5, 6, [2025, 2026]);
    m.schools[0].renamed = { name: "МБОУ «Новая школа»", from: 2026 };
    const p = m.procedures[0];
    const changed = makeMunicipality(5, 6, [2025, 2026]);
    const key = [...changed.results.keys()].find((k) => k.endsWith(`${p.code} ${p.grade} ${p.year}`))!;
    const counts = changed.results.get(key)!;
    changed.results.set(key, [counts[0] + 5, counts[1], counts[2], counts[3]]);
    const a = join(dir, "a.xlsx");
    const b = join(dir, "b.xlsx");
    await writeWorkbook(
      a,
      m.procedures.map((x) => statGrid(m, x, { procedureIn: "both" })),
    );
    await writeWorkbook(b, [statGrid(changed, p)]);
    const { code, stdout } = await run("analyze", a, b);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Конфликты \(1\) — эти результаты не учтены, исправьте один из файлов:\n {2}Расхождение: /m);
    expect(stdout).toMatch(/^Переименованные ОО \(1\):\n {2}ОО с логином edu\d+ называется по-разному/m);
    expect(stdout.match(/Расхождение: /g)).toHaveLength(1);
    expect(stdout.match(/называется по-разному/g)).toHaveLength(1);
  });
});

describe("options a newcomer types", () => {
  it("--version prints the package's version", async () => {
    const { code, stdout, stderr } = await run("--version");
    const { version } = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as { version: string };
    expect([code, stderr]).toEqual([0, ""]);
    expect(stdout).toBe(`ШНОР-монитор (shnor) ${version}`);
  });

  it("--indicators list prints every code of the catalogue with its name", async () => {
    const { code, stdout } = await run("report", "--indicators", "list");
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^Показатели каталога: ${INDICATORS.length};`));
    for (const i of INDICATORS) expect(lines).toContain(`${i.typical ? "*" : " "} ${i.id} — ${i.wording} (${i.unit})`);
  });

  it("the README states the catalogue's true count", () => {
    const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
    const counts = [...readme.matchAll(/(\d+) (?:target )?indicators|catalogue's (\d+)|каталога[^.]*?(\d+) показател/g)].map((m) =>
      Number(m[1] ?? m[2] ?? m[3]),
    );
    expect(counts.length).toBeGreaterThan(0);
    for (const n of counts) expect(n).toBe(INDICATORS.length);
  });

  it.each([
    [["--order-date", "31.02.2025"], /^Ошибка: Дата приказа — день, месяц и год в виде ДД\.ММ\.ГГГГ.*«31\.02\.2025»: такой даты нет\.$/],
    [["--order-date", "2025-08-26"], /^Ошибка: Дата приказа/],
  ])("refuses %j before reading any file, with one Russian line and exit 2", async (args, message) => {
    const { code, stdout, stderr } = await run("report", join(dir, "missing.xlsx"), "-o", join(dir, "never.xlsx"), ...args);
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr).toMatch(message);
    expect(stderr.split("\n")).toHaveLength(1);
  });

  it("prints «№ 512-о» once in the annex, with the date and the issuer", async () => {
    const out = join(dir, "order.xlsx");
    const { code, stdout } = await run(
      "report",
      files.folder,
      files.book,
      "-o",
      out,
      "--order-number",
      "№ 512-о",
      "--order-date",
      "1.9.2025",
      "--order-issuer",
      "Управления образования Беловского муниципального округа",
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/приказ № 512-о от 1\.9\.2025|приказ № 512-о от 01\.09\.2025/);
    expect(stdout).not.toMatch(/№ №/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const annex = book.worksheets.find((w) => w.name.startsWith("Приложение 1"))!;
    expect(annex.getCell(1, 1).value).toBe(
      "Приложение 1 к приказу Управления образования Беловского муниципального округа от 01.09.2025 № 512-о",
    );
  });
});
