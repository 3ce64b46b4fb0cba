/** `shnor analyze` on a three-year workbook: the history, dynamics and signals keys of --json, and the readable section. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { wideGrid, writeWorkbook } from "../fixtures/layouts";
import { THREE_YEARS } from "../core/dynamics/three-years";

const dir = mkdtempSync(join(tmpdir(), "shnor-dyn-"));
const file = join(dir, "three.xlsx");

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

beforeAll(() => writeWorkbook(file, [wideGrid(THREE_YEARS)]));

describe("shnor analyze over three years", () => {
  it("--json has history per year and per school, dynamics and signals", async () => {
    const r = await run(["analyze", file, "--json"]);
    expect([r.code, r.err]).toEqual([0, ""]);
    const json = JSON.parse(r.out);
    expect(json.history.map((y: { year: number; entered: number | null; left: number | null }) => [y.year, y.entered, y.left])).toEqual([
      [2023, null, null],
      [2024, 1, 1],
    ]);
    expect(json.schools[1].history).toEqual([
      { year: 2023, status: "ok", change: null },
      { year: 2024, status: "shnor", change: "entered" },
    ]);
    expect(json.dynamics.find((d: { change: number }) => d.change === 18)).toMatchObject({
      school: "МБОУ «СОШ № 2» (B)",
      procedure: "ВПР",
      subject: "математика",
      grade: 5,
      from: 2023,
      to: 2024,
      verdict: "negative",
    });
    expect(json.signals).toEqual([]);
  });

  it("--year 2023 stops the history at 2023", async () => {
    const json = JSON.parse((await run(["analyze", file, "--json", "--year", "2023"])).out);
    expect(json.history.map((y: { year: number }) => y.year)).toEqual([2023]);
    expect(json.dynamics.every((d: { to: number }) => d.to <= 2023)).toBe(true);
  });

  it("the readable report has the section", async () => {
    const r = await run(["analyze", file]);
    expect(r.out).toContain("Динамика и объективность:");
    expect(r.out).toContain("вышли из статуса ШНОР: 1 (МБОУ «СОШ № 1» (A))");
  });
});
