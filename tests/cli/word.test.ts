/**
 * `shnor report … --word DIR`: the three Word documents, read back from their
 * parts. What they must hold is taken from the engine's own answer
 * (`shnor analyze --json` on the same file), never written here: the annex
 * lists exactly the chosen schools, each with its criteria and each low result
 * with its percent; the note names every ШНОР, the number of schools read and
 * holds a chart; the roadmap is landscape and its tables' header rows repeat.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatPercent } from "../../src/core";
import { WORD_FILES } from "../../src/core/documents";
import { procedureLabel } from "../../src/core/procedures";
import { chartTexts, readDocx } from "../fixtures/docx";
import { wideGrid, writeWorkbook } from "../fixtures/layouts";
import { SEED_001 } from "../fixtures/seeds";
import { run, sha } from "./run";

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), "shnor-word-"));
const SAMPLE = join(__dirname, "..", "..", "samples", "prilozhenie-1.xlsx");

interface JsonSchool {
  name: string;
  status: "shnor" | "risk" | "ok";
  criteria: number[];
  low: { procedure: string; subject: string; grade: number | null; year: number; percent: number; level?: string }[];
}

async function answer(file: string): Promise<{ schools: JsonSchool[]; summary: { schools: number; shnor: number; risk: number } }> {
  const r = await run("analyze", file, "--json");
  expect([r.code, r.stderr]).toEqual([0, ""]);
  return JSON.parse(r.stdout);
}

const label = (l: JsonSchool["low"][number]) =>
  procedureLabel({ type: l.procedure, subject: l.subject, grade: l.grade, year: l.year, ...(l.level ? { level: l.level } : {}) } as never);

/** The rows of the document's first table: the texts of each row's cells. */
function tableRows(xml: string): string[][] {
  const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? "";
  return [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) =>
      [...c[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1].replace(/&quot;/g, '"').replace(/&amp;/g, "&")).join(" "),
    ),
  );
}

describe("shnor report --word", () => {
  const out = join(dir, "sample");
  let stdout: string;
  let json: Awaited<ReturnType<typeof answer>>;

  beforeAll(async () => {
    const before = sha(SAMPLE);
    const r = await run(
      "report",
      SAMPLE,
      "-o",
      join(dir, "sample.xlsx"),
      "--word",
      out,
      "--order-number",
      "512",
      "--order-date",
      "26.11.2020",
      "--order-issuer",
      "Управления образования",
    );
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(sha(SAMPLE)).toBe(before);
    stdout = r.stdout;
    json = await answer(SAMPLE);
  });

  it("writes the three documents under their names, into a folder it makes", () => {
    for (const name of Object.values(WORD_FILES)) expect(existsSync(join(out, name))).toBe(true);
    expect(stdout).toContain(`Записаны документы Word в папку «${out}»`);
  });

  it("annex: the order's details, the title, and exactly the ШНОР, each with its criteria and every low result's percent", () => {
    const doc = readDocx(readFileSync(join(out, WORD_FILES.annex)));
    expect(doc.paragraphs.slice(0, 3)).toEqual(["Приложение", "к приказу Управления образования", "от 26.11.2020 № 512"]);
    expect(doc.paragraphs).toContain("Перечень общеобразовательных организаций с низкими образовательными результатами");
    const [header, ...rows] = tableRows(doc.xml);
    expect(header).toEqual(["№", "ОО", "Основание"]);
    const shnor = json.schools.filter((s) => s.status === "shnor");
    expect(rows.map((r) => r[1])).toEqual(shnor.map((s) => s.name));
    expect(shnor.length).toBeGreaterThan(0);
    shnor.forEach((s, i) => {
      const reason = rows[i][2].replace(/\u00a0/g, " ");
      expect(reason).toMatch(new RegExp(`^критери[йи] ${s.criteria.join(" и ")}: `));
      for (const l of s.low) expect(reason).toContain(`${label(l)} — ${formatPercent(l.percent)} %`);
      expect(reason.split("; ")).toHaveLength(s.low.length);
    });
  });

  it("note: names every ШНОР, gives the number of schools read, holds a chart of the low results", () => {
    const doc = readDocx(readFileSync(join(out, WORD_FILES.note)));
    const text = doc.paragraphs.join("\n");
    for (const s of json.schools.filter((x) => x.status === "shnor")) expect(doc.paragraphs).toContain(s.name);
    expect(text).toContain(`Из ${json.summary.schools} ОО к ШНОР отнесены ${json.summary.shnor}`);
    expect(text).toContain("Прочитано (1):\n— файл «prilozhenie-1.xlsx», лист «Приложение 1»;");
    expect(doc.charts.length).toBeGreaterThanOrEqual(1);
    expect(doc.xml).toMatch(/<c:chart [^>]*r:id="[^"]+"/);
    const chart = chartTexts(doc.charts[0].xml);
    expect(chart).toContain("Доля ОО с низким результатом по процедурам, %");
    expect(chart).toContain("ВПР математика 5 кл. 2019");
  });

  it("roadmap: landscape, its tables' header rows repeated, the municipal roadmap then each ШНОР's", () => {
    const doc = readDocx(readFileSync(join(out, WORD_FILES.roadmap)));
    expect(doc.xml).toMatch(/<w:pgSz [^>]*w:orient="landscape"/);
    const tables = [...doc.xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    const shnor = json.schools.filter((x) => x.status === "shnor");
    // Indicators, the municipal roadmap and one per ШНОР.
    expect(tables).toHaveLength(2 + shnor.length);
    for (const t of tables) expect(/<w:tr[ >][\s\S]*?<\/w:tr>/.exec(t)?.[0]).toMatch(/<w:tblHeader\/>/);
    const titles = doc.paragraphs.filter((p) => /^\d+\. Дорожная карта ОО/.test(p));
    expect(titles.map((t) => shnor.find((s) => t.endsWith(s.name))?.name)).toEqual(shnor.map((s) => s.name));
  });

  it("has no double stop, and text at 11 pt or more in every paragraph and table", () => {
    for (const name of Object.values(WORD_FILES)) {
      const doc = readDocx(readFileSync(join(out, name)));
      expect(doc.paragraphs.filter((p) => /[^.]\.\.(?!\.)/.test(p))).toEqual([]);
      const sizes = [...doc.xml.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]) / 2);
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    }
  });
});

describe("shnor report --word on other choices", () => {
  it("lists the ШНОР and those at risk with --schools risk, and leaves the order's blanks to fill in", async () => {
    const file = join(dir, "seed001.xlsx");
    await writeWorkbook(file, [wideGrid(SEED_001, { sheetName: "Результаты" })]);
    const out = join(dir, "risk");
    const r = await run("report", file, "-o", join(dir, "risk.xlsx"), "--word", out, "--schools", "risk", "--font", "PT Serif");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const json = await answer(file);
    const doc = readDocx(readFileSync(join(out, WORD_FILES.annex)));
    expect(doc.paragraphs.slice(0, 3)).toEqual(["Приложение", "к приказу", "от «___» ____________ 20___ г. № ______"]);
    const [, ...rows] = tableRows(doc.xml);
    expect(rows.map((row) => row[1])).toEqual(json.schools.filter((s) => s.status !== "ok").map((s) => s.name));
    expect(doc.parts["word/styles.xml"]).toContain('w:ascii="PT Serif"');
  });

  it("refuses a --word that is a file, before reading anything, in one Russian line", async () => {
    const file = join(dir, "not-a-folder");
    writeFileSync(file, "x");
    const r = await run("report", SAMPLE, "-o", join(dir, "x.xlsx"), "--word", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Ошибка: --word: «.*not-a-folder» — файл, а нужна папка для документов Word\.$/);
    expect(existsSync(join(dir, "x.xlsx"))).toBe(false);
  });

  it("refuses a font name that is not one", async () => {
    const r = await run("report", SAMPLE, "-o", join(dir, "y.xlsx"), "--font", "<script>");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Ошибка: Шрифт документов Word — название шрифта/);
  });
});
