/**
 * Size: whatever `--json` handles, the text report handles too (no recursion
 * over rows), and books made to cost time or memory are refused at a stated
 * limit with one Russian line, quickly. `npm test` runs a fixed seed; `npm run
 * fuzz` runs more (FUZZ_SEED, FUZZ_RUNS).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cellText, listText, MAX_CELL_TEXT, maxOf, REPORT_MAX_SCHOOLS } from "../../src/core";
import { readDocx } from "../fixtures/docx";
import { unzipSync } from "fflate";
import { writeRegionWorkbook } from "../../bench/generate";
import { random } from "../fixtures/fisoko";
import { run } from "../cli/run";
import { longestText } from "../fuzz/cells";
import { craftBook, district, gridOf } from "../fuzz/craft";
import { bombBook } from "../fuzz/gen";
import { runMeasured } from "./measured";
import { SEED } from "../fuzz/seed";

const dir = mkdtempSync(join(tmpdir(), "shnor-size-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A wide CSV of `n` schools over two years, with random % «2» (a third or so low). */
export function bigDistrictCsv(n: number, seed: number): string {
  const rnd = random(seed);
  const rows = ["№;Наименование ОО;ВПР МА 5 2023 % «2»;ВПР РУ 5 2023 % «2»;ВПР МА 5 2024 % «2»;ВПР РУ 5 2024 % «2»"];
  const value = () => (rnd() < 0.05 ? "" : String(Math.round(rnd() * 600) / 10));
  for (let i = 0; i < n; i++) rows.push(`${i + 1};МБОУ «СОШ № ${i + 1}»;${value()};${value()};${value()};${value()}`);
  return rows.join("\n");
}

describe("the text report handles any table that --json handles", () => {
  it("200,000 schools: the text lists every ШНОР, as the JSON counts them", async () => {
    const file = join(dir, "region-200k.csv");
    writeFileSync(file, bigDistrictCsv(200_000, SEED));
    const json = await run("analyze", file, "--json");
    expect(json.stderr).toBe("");
    const summary = JSON.parse(json.stdout).summary as { schools: number; shnor: number };
    expect(summary.schools).toBe(200_000);
    const text = await run("analyze", file);
    expect(text.stderr).toBe("");
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`ШНОР: ${summary.shnor} из 200000`);
    expect(text.stdout).toContain(`  ${summary.shnor}. МБОУ «СОШ №`);
  }, 120_000);
});

describe("no cell over Excel's 32,767 characters", () => {
  const statuses = (stdout: string) =>
    (JSON.parse(stdout) as { schools: { name: string; status: string }[] }).schools.map((s) => `${s.name}|${s.status}`);

  /** The report of `file`: no text cell over Excel's limit, and analyze reads it back with the source's statuses. */
  async function expectReportWithinLimit(file: string, out: string): Promise<void> {
    const report = await run("report", file, "-o", out);
    expect([report.code, report.stderr]).toEqual([0, ""]);
    const longest = await longestText(out);
    expect(longest?.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    const source = await run("analyze", file, "--json");
    const back = await run("analyze", out, "--json");
    expect(back.stderr).toBe("");
    expect(statuses(back.stdout)).toEqual(statuses(source.stdout));
  }

  it("the SheetSpec layer cuts a text and says so; a list is cut with «и ещё N»", () => {
    const long = "а".repeat(MAX_CELL_TEXT + 5_000);
    expect(cellText(long).length).toBe(MAX_CELL_TEXT);
    expect(cellText(`${"😀".repeat(MAX_CELL_TEXT)}`).length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    expect(cellText(long)).toMatch(/текст сокращён: ещё \d+ симв\.\)$/);
    expect(cellText("коротко")).toBe("коротко");
    const names = Array.from({ length: 5_000 }, (_, i) => `МБОУ «Средняя общеобразовательная школа № ${i + 1}»`);
    const list = listText(names, "; ", " (все — в приложении)");
    expect(list.length).toBeLessThan(2_200);
    const shown = list.split("; ").length;
    expect(list).toMatch(new RegExp(`и ещё ${names.length - shown} \\(все — в приложении\\)$`));
    expect(listText(names.slice(0, 3), ", ")).toBe(names.slice(0, 3).join(", "));
  });

  it("1,200 ШНОР with long names: the roadmap names them in cells Excel takes, and analyze reads the report back", async () => {
    const rnd = random(SEED);
    const rows = ["№;Наименование ОО;ВПР МА 5 2024 % «2»;ВПР РУ 5 2024 % «2»"];
    for (let i = 0; i < 1_200; i++)
      rows.push(
        `${i + 1};Муниципальное бюджетное общеобразовательное учреждение «Школа № ${i + 1}»;${30 + Math.round(rnd() * 40)};${30 + Math.round(rnd() * 40)}`,
      );
    const file = join(dir, "many-shnor.csv");
    writeFileSync(file, rows.join("\n"));
    await expectReportWithinLimit(file, join(dir, "many-shnor-report.xlsx"));
    // The Word documents take the same texts: the roadmap's list is cut where the sheet's is.
    const words = join(dir, "many-shnor-word");
    const report = await run("report", file, "-o", join(dir, "many-shnor-word.xlsx"), "--word", words);
    expect([report.code, report.stderr]).toEqual([0, ""]);
    for (const name of readdirSync(words)) {
      const longest = maxOf(readDocx(readFileSync(join(words, name))).paragraphs.map((p) => p.length));
      expect([name, longest <= MAX_CELL_TEXT]).toEqual([name, true]);
    }
    const roadmap = readDocx(readFileSync(join(words, "Дорожная карта.docx"))).paragraphs.join("\n");
    expect(roadmap).toMatch(/и ещё \d+ \(все — в приложении к приказу\)/);
    const annex = readDocx(readFileSync(join(words, "Приложение к приказу.docx"))).paragraphs.join("\n");
    // The annex lists every ШНОР, one a row (most of the 1,200 are).
    expect(annex.match(/«Школа № \d+»/g)?.length).toBeGreaterThan(1_000);
  }, 240_000);

  it("a region of 15,000 schools: no cell over the limit, and analyze reads the report back with the same statuses", async () => {
    const file = join(dir, "region-15000.xlsx");
    await writeRegionWorkbook(file, 15_000);
    await expectReportWithinLimit(file, join(dir, "region-15000-report.xlsx"));
  }, 600_000);
});

/**
 * Books made to cost time or memory. `npm test` plants bombs just past each limit;
 * FUZZ_BIG=1 (with `npm run fuzz`) plants the campaign's own: 1 GiB of shared strings and
 * 89 million empty rows. Each must end in 1.5 GB at most, with one Russian line (a hang fails at
 * the test's timeout; `npm run bench` measures time).
 */
describe("bombs: refused at a stated limit, within the memory limit", () => {
  const big = process.env.FUZZ_BIG === "1";
  const base = craftBook([{ name: "Результаты", rows: gridOf(district([{ name: "МБОУ «СОШ № 1»", values: [35, 10, 31, 12] }])) }]);
  const expectRefused = (file: string) => {
    for (const command of [
      ["analyze", file, "--json"],
      ["report", file, "-o", join(dir, "bomb-report.xlsx")],
    ]) {
      const r = runMeasured(command);
      expect(r.code).toBe(2);
      expect(r.stderr.split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^Ошибка: [«А-ЯЁ]/);
      expect(r.peakMB).toBeLessThan(1_500);
    }
  };

  it("shared strings that inflate past the limit", () => {
    const file = join(dir, "strings-bomb.xlsx");
    const item = `<si><t>${"а".repeat(50_000)}</t></si>`;
    const bytes = big ? 1024 ** 3 : 300 * 1024 ** 2;
    // The book's own strings first, so the sheet still reads; then strings no cell uses.
    const own = new TextDecoder().decode(unzipSync(base)["xl/sharedStrings.xml"]);
    const end = own.lastIndexOf("</sst>");
    bombBook(file, base, "xl/sharedStrings.xml", {
      head: own.slice(0, end),
      repeat: () => item,
      times: Math.ceil(bytes / Buffer.byteLength(item)),
      tail: own.slice(end),
    });
    expectRefused(file);
  }, 600_000);

  it("a page in Windows-1251 under the file limit whose text SheetJS would take past V8's array limit", () => {
    // 62 MB of Cyrillic in one byte each is 124 MB in UTF-8, which SheetJS copies into an array
    // of one number a byte: past 112 million V8 kills the process with no error to catch.
    const file = join(dir, "кириллица.xls");
    const head = Buffer.from("<html><head><meta charset=windows-1251></head><body><table>\n", "latin1");
    const row = Buffer.from(`<tr><td>${"\xd8".repeat(4_000)}</td></tr>\n`, "latin1");
    writeFileSync(file, Buffer.concat([head, ...Array.from({ length: 15_500 }, () => row), Buffer.from("</table>")]));
    expectRefused(file);
  }, 600_000);

  it("empty rows past the rows a sheet holds", () => {
    const file = join(dir, "rows-bomb.xlsx");
    const xml = new TextDecoder().decode(unzipSync(base)["xl/worksheets/sheet1.xml"]);
    const end = xml.indexOf("</sheetData>");
    bombBook(file, base, "xl/worksheets/sheet1.xml", {
      head: xml.slice(0, end),
      // Row numbers that stay in the sheet: only their count tells.
      repeat: (i) => `<row r="${10 + (i % 1_000_000)}"/>`,
      times: big ? 89_000_000 : 1_100_000,
      tail: xml.slice(end),
    });
    expectRefused(file);
  }, 600_000);
});

describe("a report past its stated size", () => {
  it("more schools than REPORT_MAX_SCHOOLS: one Russian line as soon as the sheet passes it", () => {
    const file = join(dir, "too-many.csv");
    writeFileSync(file, bigDistrictCsv(REPORT_MAX_SCHOOLS + 5_000, SEED));
    const r = runMeasured(["report", file, "-o", join(dir, "too-many-report.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^Ошибка: Отчёт не построен: на листе «too-many» книги «too-many\.csv» больше 50\s000 ОО, а книга отчёта строится не больше чем для 50\s000 ОО/,
    );
    expect(r.peakMB).toBeLessThan(1_500);
  }, 120_000);

  it("a report that runs out of memory all the same: one Russian line, not V8's trace, and no temporary file left", () => {
    const file = join(dir, "oom.csv");
    writeFileSync(file, bigDistrictCsv(20_000, SEED));
    const out = join(dir, "oom-report.xlsx");
    const r = spawnSync(process.execPath, [join(__dirname, "..", "..", "bin", "shnor.js"), "report", file, "-o", out], {
      encoding: "utf8",
      env: { ...process.env, SHNOR_REPORT_HEAP_MB: "40" },
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^Ошибка: отчёт не построен: не хватило памяти/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 120_000);
});
