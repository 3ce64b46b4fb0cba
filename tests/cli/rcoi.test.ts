/**
 * The built command on the regional centre's (РЦОИ) pupil protocols, as an
 * official runs it: a .csv with a title block (the example), an .xlsx
 * with several exams in one sheet (saved as .xls by LibreOffice:
 * tests/office/formats-libreoffice.test.ts). The ШНОР come from a hand count; no pupil's name is printed.
 * Spawns bin/shnor.js (dist/ from `npm run build:cli`).
 */
import { execFileSync, spawnSync } from "node:child_process";
import ExcelJS from "exceljs";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { completeProcedure, parseProcedureParts, procedureKey } from "../../src/core";
import { writeWorkbook } from "../fixtures/layouts";
import {
  FIRST_NAMES,
  gia2024Pupils,
  handCount,
  multiExamGrid,
  protocolGrid,
  RCOI_SCHOOLS,
  RcoiPupil,
  rcoiPupils,
  SURNAMES,
} from "../fixtures/rcoi";
import { utf8, writeCsv } from "../io/formats-helpers";
import { sha } from "./run";

const dir = mkdtempSync(join(tmpdir(), "shnor-rcoi-"));
const root = join(__dirname, "..", "..");

function shnor(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, "bin", "shnor.js"), ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ogePupils = rcoiPupils({ pupils: 120, seed: 31, schools: RCOI_SCHOOLS, defects: true });
const allPupils = gia2024Pupils();

interface JsonSchool {
  name: string;
  login: string | null;
  status: string;
  low: { procedure: string; subject: string; level?: string | null; year: number; percent: number }[];
}

/** The rule by hand on the hand count: one year of ГИА, so ШНОР is two low exams (≥ 30 %), risk one. */
function expectedStatus(pupils: RcoiPupil[]): Map<string, { status: string; low: Map<string, number> }> {
  const out = new Map<string, { status: string; low: Map<string, number> }>();
  for (const s of RCOI_SCHOOLS) out.set(s.code, { status: "ok", low: new Map() });
  const seen = new Set<string>();
  for (const [key, c] of handCount(pupils)) {
    const [code, label] = key.split("|");
    seen.add(code);
    const percent = (c.fails * 100) / c.participants;
    if (percent >= 30) out.get(code)!.low.set(procedureKey(completeProcedure(parseProcedureParts(label))!), percent);
  }
  for (const [code, v] of out) {
    if (!seen.has(code)) out.delete(code);
    else v.status = v.low.size >= 2 ? "shnor" : v.low.size === 1 ? "risk" : "ok";
  }
  return out;
}

function checkAnswer(stdout: string, pupils: RcoiPupil[]): void {
  const json = JSON.parse(stdout) as { schools: JsonSchool[]; layout: string; summary: { schools: number } };
  const expected = expectedStatus(pupils);
  const byCode = new Map(RCOI_SCHOOLS.map((s) => [s.code, s]));
  expect(json.summary.schools).toBe(expected.size);
  for (const school of json.schools) {
    const want = expected.get(school.login as string);
    expect(want).toBeDefined();
    // Names exactly as written, the formula-looking one included.
    expect(school.name).toBe(byCode.get(school.login as string)!.name);
    expect(school.status).toBe(want!.status);
    const low = new Map(
      school.low.map((l) => [
        procedureKey({ type: l.procedure, subject: l.subject, grade: null, level: l.level ?? null, year: l.year } as never),
        l.percent,
      ]),
    );
    expect([...low.keys()].sort()).toEqual([...want!.low.keys()].sort());
    for (const [k, p] of want!.low) expect(low.get(k)).toBeCloseTo(p, 1);
  }
  // Both outcomes occur, so the check can fail either way.
  expect(new Set(json.schools.map((s) => s.status)).size).toBeGreaterThan(1);
}

function noNames(text: string): void {
  for (const name of [...SURNAMES, ...FIRST_NAMES]) expect(text).not.toContain(name);
}

beforeAll(async () => {
  if (!existsSync(join(root, "dist", "cli", "main.js"))) execFileSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { cwd: root });
  const csv = protocolGrid(ogePupils).values as (string | number | null)[][];
  writeFileSync(join(dir, "протокол-рцои.csv"), utf8(writeCsv(csv, ";"), true));
  await writeWorkbook(join(dir, "гиа.xlsx"), [multiExamGrid(allPupils)]);
}, 120_000);

describe("shnor analyze on РЦОИ protocols", () => {
  it("the issue's .csv (title block, «№;Код ОО;Наименование ОО;Класс;Фамилия;Имя;Первичный балл;Оценка») gives the hand-counted ШНОР", () => {
    const file = join(dir, "протокол-рцои.csv");
    const before = sha(file);
    const r = shnor("analyze", file, "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const json = JSON.parse(r.stdout);
    expect(json.layout).toBe("protocol");
    checkAnswer(r.stdout, ogePupils);
    noNames(r.stdout);
    expect(sha(file)).toBe(before);
  });

  it("the text report names the layout, reports the skipped pupils with reasons and quotes no name", () => {
    const r = shnor("analyze", join(dir, "протокол-рцои.csv"));
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain("протокол результатов участников");
    expect(r.stdout).toMatch(/участник без ОО|неявка|нет отметки/);
    expect(r.stdout).toContain("фамилия, имя (не выводятся)");
    noNames(r.stdout);
  });

  it("an .xlsx with several exams in one sheet («Экзамен», «Предмет», «Дата экзамена»)", () => {
    const r = shnor("analyze", join(dir, "гиа.xlsx"), "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    checkAnswer(r.stdout, allPupils);
    noNames(r.stdout);
    const text = shnor("analyze", join(dir, "гиа.xlsx"));
    noNames(text.stdout + text.stderr);
  });

  it("a protocol without a title block, sheet name or exam columns: one Russian line that the procedure is not known, no name", () => {
    const values = protocolGrid(ogePupils).values.slice(4) as (string | number | null)[][];
    const file = join(dir, "Лист1.csv");
    writeFileSync(file, utf8(writeCsv(values, ";")));
    const r = shnor("analyze", file);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("таблица найдена, но не определена процедура (вид, предмет, год)");
    noNames(r.stderr);
  });

  it("collect joins the protocols into «Свод», and analyze on the «Свод» gives the same ШНОР", async () => {
    const out = join(dir, "свод.xlsx");
    const c = shnor("collect", join(dir, "гиа.xlsx"), "-o", out);
    expect([c.code, c.stderr]).toEqual([0, ""]);
    const a = JSON.parse(shnor("analyze", join(dir, "гиа.xlsx"), "--json").stdout);
    const b = JSON.parse(shnor("analyze", out, "--json").stdout);
    const pick = (j: { schools: JsonSchool[] }) => j.schools.map((s) => [s.login, s.status, s.low.map((l) => l.percent)]).sort();
    expect(pick(b)).toEqual(pick(a));
    // «Свод» and «Распознавание» (which lists the skipped pupils) hold no pupil's name.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const cells: string[] = [];
    book.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value)))));
    expect(book.worksheets.map((w) => w.name)).toEqual(["Свод", "Распознавание"]);
    expect(cells.join("\n")).toContain("участник без ОО");
    noNames(cells.join("\n"));
  });
});
