/**
 * Size: whatever `--json` handles, the text report handles too (no recursion
 * over rows), and books made to cost time or memory are refused at a stated
 * limit with one Russian line, quickly. `npm test` runs a fixed seed; `npm run
 * fuzz` runs more (FUZZ_SEED, FUZZ_RUNS).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cellText, listText, MAX_CELL_TEXT } from "../../src/core";
import { writeRegionWorkbook } from "../../bench/generate";
import { random } from "../fixtures/fisoko";
import { run } from "../cli/run";
import { longestText } from "./cells";
import { SEED } from "./seed";

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
    const out = join(dir, "many-shnor-report.xlsx");
    const report = await run("report", file, "-o", out);
    expect([report.code, report.stderr]).toEqual([0, ""]);
    const longest = await longestText(out);
    expect(longest?.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    const source = await run("analyze", file, "--json");
    const back = await run("analyze", out, "--json");
    expect(back.stderr).toBe("");
    expect(statuses(back.stdout)).toEqual(statuses(source.stdout));
  }, 120_000);

  it("a region of 15,000 schools: no cell over the limit, and analyze reads the report back with the same statuses", async () => {
    const file = join(dir, "region-15000.xlsx");
    await writeRegionWorkbook(file, 15_000);
    const out = join(dir, "region-15000-report.xlsx");
    const report = await run("report", file, "-o", out);
    expect([report.code, report.stderr]).toEqual([0, ""]);
    const longest = await longestText(out);
    expect(longest?.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    const source = await run("analyze", file, "--json");
    const back = await run("analyze", out, "--json");
    expect(back.stderr).toBe("");
    expect(statuses(back.stdout)).toEqual(statuses(source.stdout));
  }, 600_000);
});
