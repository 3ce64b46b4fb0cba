/**
 * The built command says why no results table was found: each sheet named with
 * what it shows and lacks, in one Russian line on stderr with exit code 2; a
 * sheet left out of a book that has a table says why in the recognition report.
 * Spawns bin/shnor.js (dist/ from `npm run build:cli`) as a user runs it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import ExcelJS from "exceljs";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SheetGrid } from "../../src/core";
import { writeWorkbook, wideGrid } from "../fixtures/layouts";
import { classProtocolGrid, markersGrid, mosEgeGrid } from "../fixtures/not-results";
import { SEED_003 } from "../fixtures/seeds";
import { utf8, writeCsv } from "../io/formats-helpers";
import { sha } from "./run";

const dir = mkdtempSync(join(tmpdir(), "shnor-why-"));
const root = join(__dirname, "..", "..");

function shnor(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, "bin", "shnor.js"), ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, nothing on stdout, one Russian line on stderr, no stack. */
function failure(...args: string[]): string {
  const r = shnor(...args);
  expect([r.code, r.stdout]).toEqual([2, ""]);
  const line = r.stderr.replace(/\n$/, "");
  expect(line.split("\n")).toHaveLength(1);
  expect(line).not.toMatch(/\bat\s|Error|undefined|\[object/);
  expect(line).toMatch(/^Ошибка: /);
  return line;
}

const csv = (grid: SheetGrid) => writeCsv(grid.values as (string | number | null)[][], ";");

beforeAll(async () => {
  if (!existsSync(join(root, "dist", "cli", "main.js"))) execFileSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { cwd: root });
  writeFileSync(join(dir, "ЕГЭ открытые данные.csv"), utf8(csv(mosEgeGrid({ schools: 70 }))));
  await writeWorkbook(join(dir, "протокол.xlsx"), [
    classProtocolGrid(),
    classProtocolGrid({ seed: 9, sheetName: "Протокол_2", participants: 25 }),
  ]);
  await writeWorkbook(join(dir, "маркеры.xlsx"), [markersGrid({ schools: 55 })]);
  await writeWorkbook(join(dir, "два протокола.xlsx"), [classProtocolGrid(), classProtocolGrid({ sheetName: "Протокол_2" })]);
  await writeWorkbook(
    join(dir, "много листов.xlsx"),
    Array.from({ length: 7 }, (_, i) => ({ values: [[`Пояснение ${i + 1}`]], sheetName: `Лист${i + 1}` })),
  );
  // The table starts at row 46, below the rows the detector reads: the empty top is said, and the rows below counted.
  const low = wideGrid(SEED_003);
  await writeWorkbook(join(dir, "низко.xlsx"), [{ ...low, values: [...Array.from({ length: 45 }, () => []), ...low.values], merges: [] }]);
  await writeWorkbook(join(dir, "смешанная.xlsx"), [wideGrid(SEED_003), markersGrid({ schools: 10 }), classProtocolGrid()]);
}, 120_000);

describe("shnor analyze says why no table was found", () => {
  it("sheets that show the same share one explanation", () => {
    const line = failure("analyze", join(dir, "два протокола.xlsx"));
    expect(line).toMatch(/: листы «Протокол», «Протокол_2» — строка на участника .*протокол класса/);
    expect(line.match(/протокол класса/g)).toHaveLength(1);
  });

  it("an open-data ЕГЭ .csv: the header row, the names column by its values, the rows, and that no column names a procedure with a measure", () => {
    const file = join(dir, "ЕГЭ открытые данные.csv");
    const before = sha(file);
    const line = failure("analyze", file);
    expect(line).toContain("Ни на одном листе книги «ЕГЭ открытые данные.csv» не найдена таблица результатов ВПР, ОГЭ или ЕГЭ: ");
    expect(line).toContain(
      "лист «ЕГЭ открытые данные» — строка заголовков 1, строк данных: 70, столбец «EDU_NAME» по значениям похож на названия ОО",
    );
    expect(line).toContain("ни один столбец не называет процедуру с показателем");
    expect(line).toMatch(/Нужны заголовки процедур вроде «ВПР МА 5 2019» или «ОГЭ математика 2023» и столбец с названиями ОО\.$/);
    expect(sha(file)).toBe(before);
  });

  it("a class protocol: both sheets named, each a «форма сбора результатов» without marks and school", () => {
    const line = failure("analyze", join(dir, "протокол.xlsx"));
    expect(line).toMatch(
      /лист «Протокол» — строка на участника \(коды участников, .*участников: 20\) — протокол класса \(«форма сбора результатов»\)/,
    );
    expect(line).toMatch(/лист «Протокол_2» — строка на участника .*участников: 25\)/);
    expect(line).toContain("нет отметок и столбца ОО");
    expect(line).toContain("нужна «Статистика по отметкам» ФИС ОКО или «Индивидуальные результаты» с отметками");
  });

  it("objectivity markers: named as markers, not results", () => {
    const line = failure("analyze", join(dir, "маркеры.xlsx"));
    expect(line).toContain("лист «Признаки необъективности » — это признаки необъективности");
    expect(line).toContain("а не результаты: нет доли «2» или не преодолевших порог");
    expect(line).toContain("строк данных: 55");
  });

  it("many sheets: the first five named, the rest counted", () => {
    const line = failure("analyze", join(dir, "много листов.xlsx"));
    for (let i = 1; i <= 5; i++) expect(line).toContain(`лист «Лист${i}» — на листе только строки текста, таблицы нет: «Пояснение ${i}»`);
    expect(line).not.toContain("Лист6");
    expect(line).toContain("; и ещё листов: 2.");
  });

  it("a table below the rows the detector reads: the empty top is said, with the rows below counted", () => {
    const line = failure("analyze", join(dir, "низко.xlsx"));
    expect(line).toMatch(
      /лист «Приложение 1» — первые 40 строк пусты; таблица ищется только в первых 40 строках, а ниже есть ещё строк: \d+\./,
    );
  });

  it("several files: each sheet named with its file", () => {
    const line = failure("analyze", join(dir, "маркеры.xlsx"), join(dir, "протокол.xlsx"));
    expect(line).toContain(
      "Ни в одном из файлов (2) не найдена таблица результатов ВПР, ОГЭ или ЕГЭ: «маркеры.xlsx», лист «Признаки необъективности » — это",
    );
    expect(line).toContain("; «протокол.xlsx», лист «Протокол» — строка на участника");
  });

  it("--sheet naming a sheet without a table says why", () => {
    const line = failure("analyze", join(dir, "смешанная.xlsx"), "--sheet", "Протокол");
    expect(line).toMatch(/^Ошибка: На листе «Протокол» не найдена таблица результатов: строка на участника .*протокол класса/);
  });

  it("a book with a table: the other sheets say why they were not taken, in the text report and in --json", () => {
    const file = join(dir, "смешанная.xlsx");
    const text = shnor("analyze", file);
    expect([text.code, text.stderr]).toEqual([0, ""]);
    expect(text.stdout).toContain("  Другие листы:");
    expect(text.stdout).toMatch(/ {4}лист «Признаки необъективности »: не взят — это признаки необъективности/);
    expect(text.stdout).toMatch(/ {4}лист «Протокол»: не взят — строка на участника .*протокол класса/);
    const json = shnor("analyze", file, "--json");
    expect(json.code).toBe(0);
    const sheets = JSON.parse(json.stdout).files[0].sheets as { sheet: string; taken: boolean; what: string }[];
    expect(sheets.map((s) => [s.sheet, s.taken])).toEqual([
      ["Приложение 1", true],
      ["Признаки необъективности ", false],
      ["Протокол", false],
    ]);
    expect(sheets[1].what).toMatch(/^это признаки необъективности .*строк данных: 10$/);
    expect(sheets[2].what).toMatch(/^строка на участника .*«форма сбора результатов»/);
  });

  it("shnor collect's «Распознавание» sheet (the pane's «Собрать из выгрузок» writes the same) says why each sheet was not taken", async () => {
    const out = join(dir, "свод.xlsx");
    const r = shnor("collect", join(dir, "смешанная.xlsx"), "-o", out);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const texts: string[] = [];
    book.getWorksheet("Распознавание")!.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContainEqual(expect.stringMatching(/^\s*лист «Признаки необъективности »: не взят — это признаки необъективности/));
    expect(texts).toContainEqual(expect.stringMatching(/^\s*лист «Протокол»: не взят — строка на участника .*протокол класса/));
  });
});
