import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import * as XLSX from "@e965/xlsx";
import { run, sha } from "./run";
import { fisOkoGrids, longGrid, wideGrid, writeWorkbook } from "../fixtures/layouts";
import { SEED_001, SEED_003 } from "../fixtures/seeds";

const dir = mkdtempSync(join(tmpdir(), "shnor-cli-"));
const root = join(__dirname, "..", "..");

beforeAll(async () => {
  await writeWorkbook(join(dir, "wide.xlsx"), [
    { values: [["Пояснения"], ["Лист без таблицы"]], sheetName: "Титул" },
    wideGrid(SEED_003, { clutter: true }),
  ]);
  await writeWorkbook(join(dir, "long.xlsx"), [longGrid(SEED_003)]);
  await writeWorkbook(join(dir, "fisoko.xlsx"), fisOkoGrids(SEED_003));
  await writeWorkbook(join(dir, "seed001.xlsx"), [wideGrid(SEED_001, { headerRows: 3 })]);
  await writeWorkbook(join(dir, "notable.xlsx"), [{ values: [["Список сотрудников"], ["Иванов И. И.", "учитель"]], sheetName: "Кадры" }]);
  // Binary that is neither a zip, an OLE file nor text.
  writeFileSync(join(dir, "text.xlsx"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0]));
  // A password-protected .xlsx is an OLE compound file with these two streams (MS-OFFCRYPTO).
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, "EncryptionInfo", Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
  XLSX.CFB.utils.cfb_add(cfb, "EncryptedPackage", Buffer.alloc(6000, 1));
  writeFileSync(join(dir, "encrypted.xlsx"), XLSX.CFB.write(cfb, { type: "buffer" }) as Buffer);
  writeFileSync(join(dir, "broken.xlsx"), Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(200, 7)]));
  writeFileSync(join(dir, "empty.xlsx"), "");
});

describe("shnor analyze --json gives the public contract for every layout", () => {
  it.each(["wide.xlsx", "long.xlsx", "fisoko.xlsx"])("%s", async (file) => {
    const before = sha(join(dir, file));
    const { code, stdout, stderr } = await run("analyze", join(dir, file), "--json");
    expect([code, stderr]).toEqual([0, ""]);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ file, threshold: 30, years: [2018, 2019], summary: { schools: 2, shnor: 2, risk: 0 } });
    const first = report.schools.find((s: { name: string }) => s.name === "МБОУ «СОШ № 1»");
    expect(first).toMatchObject({ status: "shnor", criteria: [2] });
    expect(first.low).toContainEqual({ procedure: "ВПР", subject: "математика", grade: 5, level: null, year: 2018, percent: 33 });
    expect(sha(join(dir, file))).toBe(before);
  });

  it("names the sheet it used, skipping a sheet without a table", async () => {
    const report = JSON.parse((await run("analyze", join(dir, "wide.xlsx"), "--json")).stdout);
    expect(report.sheet).toBe("Приложение 1");
    expect(report.recognition.skippedRows.map((r: { reason: string }) => r.reason)).toEqual([
      "заголовок раздела, а не школа",
      "итоговая строка",
      "примечание",
    ]);
  });

  it("joins the ФИС ОКО sheets, one procedure each", async () => {
    const report = JSON.parse((await run("analyze", join(dir, "fisoko.xlsx"), "--json")).stdout);
    expect(report.layout).toBe("fisoko");
    expect(report.sheet.split(", ")).toHaveLength(SEED_003.procedures.length);
  });

  it("applies --year and --threshold", async () => {
    const report = JSON.parse((await run("analyze", join(dir, "seed001.xlsx"), "--json", "--threshold", "40", "--year", "2021")).stdout);
    expect(report.threshold).toBe(40);
    expect(report.years).toEqual([2019, 2021]);
    expect(report.summary).toEqual({ schools: 7, shnor: 3, risk: 2 });
  });
});

describe("shnor analyze without --json prints a readable Russian report", () => {
  it("lists ШНОР and risk with reasons, then the recognition report", async () => {
    const { code, stdout } = await run("analyze", join(dir, "seed001.xlsx"));
    expect(code).toBe(0);
    expect(stdout).toContain("ШНОР: 3 из 7; в зоне риска: 4.");
    expect(stdout).toMatch(/1\. МБОУ «Ариничевская СОШ» — критерии 1 и 2: ВПР математика 8 кл\. 2021 — 31 %/);
    expect(stdout).toContain("В зоне риска (один низкий результат):");
    expect(stdout).toContain("Распознавание таблицы:");
    expect(stdout).toMatch(/«ВПР 2019 \/ МА 5 \/ «%2»» → ВПР математика 5 кл\. 2019: % «2»/);
    expect(stdout).toContain("Учебные годы: предыдущий — 2020/2021 уч. г., перед ним (с данными) — 2018/2019 уч. г.");
  });
});

describe("bad input: one Russian line on stderr and exit code 2", () => {
  it.each([
    [["analyze", "nofile.xlsx"], /не найден/],
    [["analyze", "text.xlsx"], /не книга Excel \(\.xlsx/],
    [["analyze", "encrypted.xlsx"], /защищена паролем/],
    [["analyze", "broken.xlsx"], /повреждён/],
    [["analyze", "empty.xlsx"], /пуст/],
    [
      ["analyze", "notable.xlsx"],
      /не найдена таблица результатов ВПР, ОГЭ или ЕГЭ: лист «Кадры» — на листе только строки текста, таблицы нет: «Список сотрудников», «Иванов И\. И\. учитель»\. Нужны/,
    ],
    [["analyze", "wide.xlsx", "--sheet", "Нет такого"], /[Нн]ет листа «Нет такого»/],
    [["analyze", "wide.xlsx", "--sheet", "Титул"], /На листе «Титул» не найдена таблица/],
    [["analyze", "wide.xlsx", "--threshold", "abc"], /--threshold: нужно десятичное число/],
    [["analyze", "wide.xlsx", "--threshold", "0"], /Порог должен быть числом/],
    [["analyze", "wide.xlsx", "--year", "23"], /--year: учебный год результатов, например 2025/],
    [["analyze", "wide.xlsx", "--year", "2030"], /^Ошибка: Нет учитываемых результатов за 2030 год \(2029\/2030 уч\. г\.\); они есть за /],
    [["analyze", "wide.xlsx", "--year", "2030/2031"], /Нет учитываемых результатов за 2031 год/],
    [["analyze", "wide.xlsx", "--bogus"], /Неизвестный или неполный параметр/],
    [["analyze"], /Укажите файл или папку/],
    [["frobnicate"], /Неизвестная команда/],
  ])("%j", async (args, message) => {
    const resolved = args.map((a) => (a.endsWith(".xlsx") ? join(dir, a) : a));
    const { code, stdout, stderr } = await run(...resolved);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("an empty workbook has no table", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Лист1");
    await wb.xlsx.writeFile(join(dir, "blank.xlsx"));
    const { code, stderr } = await run("analyze", join(dir, "blank.xlsx"));
    expect(code).toBe(2);
    expect(stderr).toMatch(/не найдена таблица результатов ВПР, ОГЭ или ЕГЭ: лист «Лист1» — лист пуст\. Нужны/);
  });
});

describe("the installed command", () => {
  beforeAll(() => {
    if (!existsSync(join(root, "dist", "cli", "main.js"))) execFileSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { cwd: root });
  });

  it("runs as a process, prints JSON and never writes the input", () => {
    const file = join(dir, "wide.xlsx");
    const mtime = statSync(file).mtimeMs;
    const result = spawnSync(process.execPath, [join(root, "bin", "shnor.js"), "analyze", file, "--json"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).summary).toEqual({ schools: 2, shnor: 2, risk: 0 });
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it("exits with 2 and one line on a bad file", () => {
    const result = spawnSync(process.execPath, [join(root, "bin", "shnor.js"), "analyze", join(dir, "text.xlsx")], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("the command behaves like a Unix tool", () => {
  beforeAll(() => {
    if (!existsSync(join(root, "dist", "cli", "main.js"))) execFileSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { cwd: root });
  });

  it("a folder without books is one Russian line and exit 2", async () => {
    const empty = mkdtempSync(join(tmpdir(), "shnor-empty-"));
    const { code, stderr } = await run("analyze", empty);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Ошибка: .*(нет|ни одного).*(книг|файл)/);
    expect(stderr.split("\n")).toHaveLength(1);
  });

  it("a folder with a damaged book in it is one Russian line naming the book, and exit 2", async () => {
    // A folder is read whole (issue 10); one book it cannot read stops the run rather than being left out silently.
    const { code, stderr } = await run("analyze", dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Ошибка: (Файл|Книга) «[^»]+\.xlsx»/);
    expect(stderr.split("\n")).toHaveLength(1);
  });

  it("an unreadable file is one Russian line and exit 2", async () => {
    if (process.getuid?.() === 0) return; // root reads everything: nothing to check
    const file = join(dir, "locked.xlsx");
    writeFileSync(file, "x", { mode: 0o000 });
    const { code, stderr } = await run("analyze", file);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Нет прав на чтение/);
  });

  it("`| head -1` ends it quietly with exit 0 (EPIPE)", async () => {
    const { writeRegionWorkbook } = await import("../../bench/generate");
    const file = join(dir, "region.xlsx");
    await writeRegionWorkbook(file, 3000);
    const shnor = join(root, "bin", "shnor.js");
    // The JSON of 3,000 schools is far more than a pipe holds, so the command writes into a closed pipe.
    const result = spawnSync("bash", ["-c", 'set -o pipefail; node "$0" analyze "$1" --json | head -c 100 >/dev/null', shnor, file], {
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  }, 60_000);
});
