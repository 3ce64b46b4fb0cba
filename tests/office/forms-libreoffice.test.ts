/**
 * Forms for schools, end to end, as a district's year goes: `shnor report`,
 * `shnor forms`, the forms filled in as schools fill them — by openpyxl
 * (Debian's python3-openpyxl) and by LibreOffice (a form saved as .ods under
 * another name) — and `shnor collect-forms --json`. Then NEW recalculated by
 * LibreOffice: the sums in «Показатели», no error value anywhere. A form and
 * NEW print as the report does: no text under 8 pt, no words over words.
 * Needs python3-openpyxl and libreoffice-calc; without them it fails rather than skips.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCsv } from "../../src/io/csv";
import { SEED_001, SeedTable } from "../fixtures/seeds";
import { wideGrid, writeWorkbook } from "../fixtures/layouts";
import { soffice } from "./libreoffice";
import { PATIENCE } from "../fixtures/patience";
import { calibrate, overlaps, printed, smallPages, wordsOf } from "./print";
import { run, sha } from "../cli/run";

// LibreOffice steps on a loaded machine: PATIENCE guards against a hang, never a speed limit.
jest.setTimeout(PATIENCE);

const PYTHON = process.env.PYTHON_OPENPYXL ?? "/usr/bin/python3";
const dir = mkdtempSync(join(tmpdir(), "shnor-forms-"));

/** Seed 001's district with each school's login in brackets after its name, as ФИС ОКО writes it. */
const district: SeedTable = {
  ...SEED_001,
  rows: SEED_001.rows.map((r, i) => ({ ...r, ids: [`${r.ids[0]} (edu4200${String(i + 1).padStart(2, "0")})`] })),
};
const login = (i: number) => `edu4200${String(i + 1).padStart(2, "0")}`;

/** Fills forms as a school does: finds its rows by the indicator's text and the activity's number. */
const FILL = `
import json, sys, openpyxl
jobs = json.load(open(sys.argv[1], encoding="utf-8"))
for job in jobs:
    wb = openpyxl.load_workbook(job["src"])
    ws = wb["Показатели"]
    for row in ws.iter_rows(min_row=1):
        text = row[1].value
        if text in job["indicators"]:
            n, d = job["indicators"][text]
            row[2].value = n
            if d is not None:
                row[3].value = d
    rm = wb["Дорожная карта"]
    for row in rm.iter_rows(min_row=1):
        if row[0].value in job["marks"]:
            row[3].value = job["marks"][row[0].value]
            row[4].value = "сделано в срок"
    wb.save(job["dst"])
`;

interface Job {
  src: string;
  dst: string;
  indicators: Record<string, [number | string, number | null]>;
  marks: Record<string, string>;
}

function fill(jobs: Job[]): void {
  const script = join(dir, "fill.py");
  const input = join(dir, "jobs.json");
  writeFileSync(script, FILL);
  writeFileSync(input, JSON.stringify(jobs));
  const r = spawnSync(PYTHON, [script, input], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`openpyxl: ${r.stderr || r.error?.message} (apt-get install python3-openpyxl)`);
}

type Json = {
  schools: { login: string | null; name: string; status: string; files: string[]; note?: string }[];
  rejected: { file: string; sheet: string | null; cell: string | null; value: unknown; reason: string }[];
  values: { indicator: string; numerator: number | null; denominator: number | null; schools: number }[];
  replaced: unknown[];
};

let json: Json;
let indicators: { text: string; share: boolean }[];
let forms: string[];
let sheets: Map<string, string[][]>;
/** NEW printed by LibreOffice, page by page. */
let pages: string[];
let reportHash: string;
/** What each answering school typed, by login: the expected sums are worked out from it. */
const typed = new Map<string, Record<string, [number | string, number | null]>>();

beforeAll(async () => {
  await writeWorkbook(join(dir, "district.xlsx"), [wideGrid(district)]);
  expect((await run("report", join(dir, "district.xlsx"), "-o", join(dir, "report.xlsx"))).code).toBe(0);
  expect((await run("report", join(dir, "district.xlsx"), "-o", join(dir, "other.xlsx"))).code).toBe(0);
  reportHash = sha(join(dir, "report.xlsx"));
  const made = await run(
    "forms",
    join(dir, "report.xlsx"),
    "-o",
    join(dir, "forms"),
    "--schools",
    "all",
    "--period",
    "I полугодие 2021/2022",
  );
  expect(made.code).toBe(0);
  expect((await run("forms", join(dir, "other.xlsx"), "-o", join(dir, "other-forms"), "--schools", "all")).code).toBe(0);
  forms = readdirSync(join(dir, "forms")).sort();

  // The form's own rows: what the schools see.
  const read = spawnSync(
    PYTHON,
    [
      "-c",
      `import openpyxl, json, sys
ws = openpyxl.load_workbook(sys.argv[1])["Показатели"]
print(json.dumps([[r[1].value, r[3].value != "—"] for r in ws.iter_rows(min_row=7) if r[1].value]))`,
      join(
        dir,
        "forms",
        forms.find((f) => f.includes(login(0)))!,
      ),
    ],
    { encoding: "utf8" },
  );
  if (read.status !== 0) throw new Error(read.stderr);
  indicators = (JSON.parse(read.stdout) as [string, boolean][]).map(([text, share]) => ({ text, share }));
  expect(indicators.length).toBeGreaterThan(0);

  const formOf = (i: number) =>
    join(
      dir,
      "forms",
      forms.find((f) => f.includes(login(i)))!,
    );
  const numbers = (seed: number): Record<string, [number, number | null]> =>
    Object.fromEntries(indicators.map((ind, k) => [ind.text, [seed + k, ind.share ? seed + k + 10 : null]]));
  const returned = join(dir, "returned");
  mkdirSync(returned);
  const jobs: Job[] = [];
  // 0: valid numbers and marks. 1: text in a number cell. 2: a numerator above its denominator.
  // 3: never answers. 4: valid, saved by LibreOffice as .ods under another name. 5: sent twice. 6: valid.
  const plan: [number, Record<string, [number | string, number | null]>][] = [
    [0, numbers(1)],
    [1, { ...numbers(2), [indicators[0].text]: ["пять", indicators[0].share ? 20 : null] }],
    [2, { ...numbers(3), [indicators[0].text]: [40, indicators[0].share ? 12 : null] }],
    [4, numbers(4)],
    [5, numbers(5)],
    [6, numbers(6)],
  ];
  for (const [i, values] of plan) {
    typed.set(login(i), values);
    jobs.push({
      src: formOf(i),
      dst: join(returned, `ответ ${i}.xlsx`),
      indicators: values,
      marks: { "1.1.": "выполнено", "1.2.": "в работе" },
    });
  }
  fill(jobs);
  // School 4 opens its form in LibreOffice and saves it as .ods, under a name of its own.
  soffice(["--convert-to", "ods", "--outdir", join(dir, "ods"), join(returned, "ответ 4.xlsx")]);
  renameSync(join(dir, "ods", "ответ 4.ods"), join(returned, "Показатели школы, финал.ods"));
  readdirSync(returned).includes("ответ 4.xlsx") && renameSync(join(returned, "ответ 4.xlsx"), join(dir, "ответ 4.xlsx"));
  // School 5 sends the same file twice.
  copyFileSync(join(returned, "ответ 5.xlsx"), join(returned, "ответ 5 (повторно).xlsx"));
  // A form of another report.
  const stray = readdirSync(join(dir, "other-forms")).find((f) => f.includes(login(6)))!;
  copyFileSync(join(dir, "other-forms", stray), join(returned, "старая форма.xlsx"));

  const collected = await run("collect-forms", returned, "--into", join(dir, "report.xlsx"), "-o", join(dir, "new.xlsx"), "--json");
  if (collected.code !== 0) throw new Error(collected.stderr);
  json = JSON.parse(collected.stdout) as Json;

  soffice([
    "--convert-to",
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
    "--outdir",
    join(dir, "csv"),
    join(dir, "new.xlsx"),
  ]);
  soffice(["--convert-to", "pdf", "--outdir", join(dir, "pdf"), join(dir, "new.xlsx")]);
  const text = spawnSync("pdftotext", ["-layout", join(dir, "pdf", "new.pdf"), "-"], { encoding: "utf8" });
  if (text.status !== 0) throw new Error(`pdftotext: ${text.stderr || text.error?.message} (apt-get install poppler-utils)`);
  pages = text.stdout.split("\f");
  sheets = new Map();
  for (const f of readdirSync(join(dir, "csv")))
    if (f.startsWith("new-"))
      sheets.set(
        f.slice(4, -4),
        parseCsv(readFileSync(join(dir, "csv", f), "utf8")).map((r) => r.values.map((v) => (v === null ? "" : String(v)))),
      );
}, PATIENCE);

describe("shnor forms → schools → shnor collect-forms --json", () => {
  it("writes one form a school, named after the school", () => {
    expect(forms).toHaveLength(district.rows.length);
    district.rows.forEach((_, i) => expect(forms.some((f) => f.includes(login(i)) && f.endsWith(".xlsx"))).toBe(true));
  });

  it("names the school that never answered as missing, and no other", () => {
    expect(json.schools.filter((s) => s.status === "missing").map((s) => s.login)).toEqual([login(3)]);
  });

  it("recognises the .ods saved under another name by its identity", () => {
    const s = json.schools.find((x) => x.login === login(4))!;
    expect(s.status).toBe("received");
    expect(s.files).toEqual(["returned/Показатели школы, финал.ods"]);
  });

  it("counts the form sent twice once, with a note", () => {
    const s = json.schools.find((x) => x.login === login(5))!;
    expect(s.status).toBe("received");
    expect(s.files).toHaveLength(2);
    expect(s.note).toMatch(/учтена один раз/);
  });

  it("lists exactly the refused entries, with file, sheet, cell, value and reason", () => {
    const rows = json.rejected.map((r) => ({ file: r.file, sheet: r.sheet, value: r.value, cell: r.cell === null ? null : "cell" }));
    expect(rows).toEqual([
      { file: "returned/ответ 1.xlsx", sheet: "Показатели", value: "пять", cell: "cell" },
      { file: "returned/ответ 2.xlsx", sheet: "Показатели", value: 40, cell: "cell" },
      { file: "returned/старая форма.xlsx", sheet: null, value: login(6), cell: null },
    ]);
    expect(json.rejected[0].reason).toMatch(/текст вместо числа/);
    expect(json.rejected[0].cell).toBe("C7");
    expect(json.rejected[1].reason).toMatch(/больше знаменателя/);
    expect(json.rejected[2].reason).toMatch(/другого отчёта/);
  });

  it("gives every indicator's sums over the accepted entries", () => {
    const refused = new Set([`${login(1)}|${indicators[0].text}`, `${login(2)}|${indicators[0].text}`]);
    for (const [k, ind] of indicators.entries()) {
      let n = 0;
      let d = 0;
      let schools = 0;
      for (const [who, values] of typed) {
        if (refused.has(`${who}|${ind.text}`)) continue;
        schools++;
        n += values[ind.text][0] as number;
        d += values[ind.text][1] ?? 0;
      }
      expect(json.values[k]).toEqual({ indicator: ind.text, numerator: n, denominator: ind.share ? d : null, schools });
    }
  });

  it("leaves REPORT as it was", () => {
    expect(sha(join(dir, "report.xlsx"))).toBe(reportHash);
  });
});

describe("a form, printed by LibreOffice", () => {
  it("prints every page at 8 pt or more, with no words over words", async () => {
    const perPoint = await calibrate();
    const form = forms.find((f) => f.includes(login(0)))!;
    const p = printed(join(dir, "forms", form));
    expect(p.words.map((w) => w.text).join(" ")).toContain("Числитель");
    expect(smallPages(p, perPoint, 8)).toEqual([]);
    expect(overlaps(p.words)).toEqual([]);
  });
});

describe("NEW, recalculated by LibreOffice", () => {
  it("holds the sums in «Показатели»'s input cells, and the value computed from them", () => {
    const sheet = sheets.get("Показатели")!;
    for (const v of json.values) {
      const row = sheet.find((r) => (r[1] ?? "").startsWith(v.indicator))!;
      expect(row[3]).toBe(String(v.numerator));
      if (v.denominator !== null) {
        expect(row[4]).toBe(String(v.denominator));
        expect(Number(row[5])).toBeCloseTo((v.numerator! / v.denominator) * 100, 1);
      }
    }
    expect(sheet.flat().join(" ")).toMatch(new RegExp(`не ответили: .*${login(3)}`));
  });

  it("has «Сбор форм» and no error value on any sheet", () => {
    expect(sheets.has("Сбор форм")).toBe(true);
    for (const [name, rows] of sheets)
      for (const cell of rows.flat()) expect(`${name}: ${cell}`).not.toMatch(/#(DIV\/0|VALUE|REF|NAME|N\/A|NUM)|Err:\d+/);
  });

  it("prints «Сбор форм» one page wide, and «Показатели»'s line on who answered whole", () => {
    const first = pages.findIndex((p) => p.includes("Итоги сбора форм от ОО"));
    expect(first).toBeGreaterThanOrEqual(0);
    // Every column of a table on one page: nothing of it printed on a page of its own to the right.
    for (const header of ["Логин", "Форма", "Файлы", "Примечание"]) expect(pages[first]).toContain(header);
    const schools = pages[first].split("\n").filter((l) => /^\s*\d+\s.*edu4200\d\d/.test(l));
    expect(schools.length).toBeGreaterThanOrEqual(district.rows.length - 1);
    for (const line of schools) expect(line).toMatch(/(получена|нет формы|расхождение)/);
    const indicators = pages.find((p) => p.includes("Целевые показатели программы"))!;
    const flat = indicators.replace(/\s+/g, " ");
    expect(flat).toContain(`не ответили: ${district.rows[3].ids[0].replace(/ \(edu\d+\)$/, "")}`);
    expect(flat).toContain("подробно — лист «Сбор форм».");
  });

  it("prints every page at 8 pt or more, with no words over words", async () => {
    const perPoint = await calibrate();
    const pdf = join(dir, "pdf", "new.pdf");
    const p = { pdf, ...wordsOf(pdf) };
    expect(p.words.length).toBeGreaterThan(100);
    expect(smallPages(p, perPoint, 8)).toEqual([]);
    expect(overlaps(p.words)).toEqual([]);
  });

  it("marks the answering ШНОР's roadmaps", () => {
    const shnorRoadmaps = [...sheets.keys()].filter((n) => n.startsWith("ДК "));
    expect(shnorRoadmaps.length).toBeGreaterThan(0);
    const marked = shnorRoadmaps.filter((n) => sheets.get(n)!.some((r) => r[0] === "1.1." && r[6] === "выполнено"));
    expect(marked.length).toBeGreaterThan(0);
  });
});
