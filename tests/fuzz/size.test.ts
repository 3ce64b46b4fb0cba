/**
 * Size: whatever `--json` handles, the text report handles too (no recursion
 * over rows), and books made to cost time or memory are refused at a stated
 * limit with one Russian line, quickly. `npm test` runs a fixed seed; `npm run
 * fuzz` runs more (FUZZ_SEED, FUZZ_RUNS).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { random } from "../fixtures/fisoko";
import { run } from "../cli/run";
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
