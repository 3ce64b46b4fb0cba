/**
 * The report of generated Ф1 exports in a real spreadsheet program: LibreOffice
 * headless (own profile) recalculates the book with «Задания» and exports every
 * sheet to CSV; «Задания» shows the engine's completions and no sheet holds an
 * error value. Without soffice this fails, not skips.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { readTable, taskAnalysis } from "../../src/core";
import { writeWorkbook } from "../fixtures/layouts";
import { parseCsv } from "../fixtures/csv";
import { EVERY_SHEET_CSV, soffice } from "./libreoffice";
import { PATIENCE } from "../fixtures/patience";
import { f1Grid, makeF1 } from "../fixtures/tasks";

jest.setTimeout(PATIENCE);

const dir = mkdtempSync(join(tmpdir(), "shnor-tasks-lo-"));
const ru = makeF1(41, 12, undefined, "Русский язык");
const ma = makeF1(42, 12, undefined, "Математика");
let sheets: Map<string, string[][]>;

beforeAll(async () => {
  const folder = join(dir, "ВПР");
  mkdirSync(folder);
  await writeWorkbook(join(folder, "РУ 5.xlsx"), [f1Grid(ru)]);
  await writeWorkbook(join(folder, "МА 5.xlsx"), [f1Grid(ma)]);
  const errors: string[] = [];
  const code = await main(["report", folder, "-o", join(dir, "out.xlsx")], { out: () => undefined, err: (t) => errors.push(t) });
  expect([code, errors]).toEqual([0, []]);
  soffice(["--convert-to", EVERY_SHEET_CSV, "--outdir", join(dir, "csv"), join(dir, "out.xlsx")]);
  sheets = new Map();
  for (const f of readdirSync(join(dir, "csv")))
    if (f.startsWith("out-") && f.endsWith(".csv")) sheets.set(f.slice(4, -4), parseCsv(readFileSync(join(dir, "csv", f), "utf8")));
});

describe("LibreOffice recalculates the report with «Задания»", () => {
  it("shows every school's completion as the engine worked it out (one decimal)", () => {
    const sheet = sheets.get("Задания");
    expect(sheet).toBeDefined();
    const analysis = taskAnalysis(readTable(f1Grid(ma)).pupils ?? []);
    const p = analysis.procedures[0];
    const head = (sheet as string[][]).findIndex((r) => r[0] === "1. ВПР математика 5 кл. 2026");
    expect(head).toBeGreaterThanOrEqual(0);
    [...p.schools, p.all].forEach((line, i) => {
      const row = (sheet as string[][])[head + 4 + i];
      expect(row[2]).toBe(String(line.participants));
      expect(row.slice(3, 3 + p.tasks.length)).toEqual(line.figures.map((f) => (f.completion === null ? "" : f.completion.toFixed(1))));
    });
  });

  it("no cell of any sheet is an error", () => {
    expect(sheets.size).toBeGreaterThan(5);
    for (const [name, sheet] of sheets)
      for (const row of sheet) for (const cell of row) expect(`${name}: ${cell}`).not.toMatch(/: (#[A-ZА-Я/0!?]+|Err:\d+|#ИМЯ\?)/);
  });
});
