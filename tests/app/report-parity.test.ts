/**
 * The page's «Скачать отчёт» is the book `shnor report` writes, cell for cell:
 * one plan (core's planReport) and one rendering, into memory on the page and
 * through the streaming writer in the command. For a cp1251 .csv, a
 * municipality's ФИС ОКО exports (a file a procedure), one official's .xlsx,
 * a long table and pupils' Ф1 exports with task columns («Задания», and the red
 * tasks in the note and the roadmaps). Compared as a reader of the book sees it: every cell's
 * value, formula, format and look, merges, widths, heights, panes, page
 * setup, conditional formats and validation. Its «Скачать документы Word»
 * .zip holds the documents `--word` writes, text by text (and chart by chart).
 * The forms' manifest both keep in the book (where forms for schools put their
 * figures) is the same too, but for its random report id.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PageEngine } from "../../src/app/engine";
import { Cell, DEFAULT_SETTINGS } from "../../src/core";
import { run } from "../cli/run";
import { bookCells } from "../fixtures/book-cells";
import { makeMunicipality, statGrid } from "../fixtures/fisoko";
import { longGrid, wideGrid, writeWorkbook } from "../fixtures/layouts";
import { SEED_001, SEED_003 } from "../fixtures/seeds";
import { f1Grid, makeF1 } from "../fixtures/tasks";
import { encodeCp1251, writeCsv } from "../io/formats-helpers";
import { chartTexts, readDocx } from "../fixtures/docx";
import { SHEET_TITLES, WORD_FILES } from "../../src/core/documents";
import { unzipSync } from "fflate";
import { bytesSource } from "../../src/io/bytes";
import { readFormsManifest } from "../../src/io/forms";

jest.setTimeout(180_000);

const dir = mkdtempSync(join(tmpdir(), "shnor-report-parity-"));
const SAMPLE = join(__dirname, "..", "..", "samples", "prilozhenie-1.xlsx");

const blobOf = (file: string) => Object.assign(new Blob([readFileSync(file) as BlobPart]), { name: file.split("/").pop()! });

/** Seed 001's appendix as a coordinator's .csv: Windows-1251, «;», decimal commas, «%» on some values, logins with a leading zero. */
function csvFile(): string {
  const grid = wideGrid(SEED_001, { withTitle: false });
  const rows = grid.values.map((row, r) =>
    row.map((v: Cell, c) => {
      if (typeof v !== "number") return v === null || v === undefined ? null : String(v);
      const text = String(v).replace(".", ",");
      return (r + c) % 3 === 0 ? `${text}%` : text;
    }),
  );
  rows[0].splice(1, 0, "Логин ОО");
  rows[1]?.splice(1, 0, null);
  rows.slice(2).forEach((row, i) => row.splice(1, 0, `0${420100 + i}`));
  const file = join(dir, "Результаты 2021.csv");
  writeFileSync(file, encodeCp1251(writeCsv(rows, ";"))!);
  return file;
}

async function fisOkoFiles(): Promise<string[]> {
  const m = makeMunicipality(7, 30, [2025, 2026]);
  return Promise.all(
    m.procedures.map(async (p, i) => {
      const file = join(dir, `фисоко-${String(i + 1).padStart(2, "0")}.xlsx`);
      await writeWorkbook(file, [statGrid(m, p)]);
      return file;
    }),
  );
}

async function longFile(): Promise<string> {
  const file = join(dir, "long.xlsx");
  await writeWorkbook(file, [longGrid(SEED_003)]);
  return file;
}

/** Ф1 («Индивидуальные результаты») of Russian and mathematics for a dozen schools: pupils' task scores. */
async function f1Files(): Promise<string[]> {
  return Promise.all(
    (["Русский язык", "Математика"] as const).map(async (subject, i) => {
      const file = join(dir, `Ф1 ${subject}.xlsx`);
      await writeWorkbook(file, [f1Grid(makeF1(81 + i, 12, undefined, subject))]);
      return file;
    }),
  );
}

const cases: [string, () => Promise<string[]>][] = [
  ["a cp1251 .csv", async () => [csvFile()]],
  ["a municipality's ФИС ОКО exports, a file a procedure", fisOkoFiles],
  ["one official's .xlsx (the sample)", async () => [SAMPLE]],
  ["a long table", async () => [await longFile()]],
  ["Ф1 exports with task columns", f1Files],
];

describe.each(cases)("the page's report equals `shnor report`'s for %s", (name, make) => {
  let files: string[];
  let page: Awaited<ReturnType<typeof bookCells>>;
  let cli: Awaited<ReturnType<typeof bookCells>>;
  let lines: string[];
  let stdout: string;
  let pageWord: Record<string, { paragraphs: string[]; charts: string[][] }>;
  let cliWord: Record<string, { paragraphs: string[]; charts: string[][] }>;
  let manifests: Awaited<ReturnType<typeof readFormsManifest>>[];

  beforeAll(async () => {
    files = await make();
    const engine = new PageEngine();
    await engine.read(files.map(blobOf), {}, () => undefined);
    const report = await engine.report(
      { settings: DEFAULT_SETTINGS, overridesBySheet: {}, documents: { schoolYear: 2025 } },
      () => undefined,
    );
    lines = report.lines;
    const word = await engine.word({ settings: DEFAULT_SETTINGS, overridesBySheet: {}, documents: { schoolYear: 2025 } }, () => undefined);
    const stem = name.replace(/[^\wа-яё]+/gi, "-");
    const out = join(dir, `${stem}.xlsx`);
    const folder = join(dir, `${stem}-word`);
    const r = await run("report", ...files, "-o", out, "--school-year", "2025/2026", "--word", folder);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    stdout = r.stdout;
    [page, cli] = await Promise.all([bookCells(report.bytes), bookCells(readFileSync(out))]);
    manifests = await Promise.all([report.bytes, readFileSync(out)].map((bytes) => readFormsManifest(bytesSource(bytes, "report.xlsx"))));
    const texts = (bytes: Uint8Array) => {
      const doc = readDocx(bytes);
      return { paragraphs: doc.paragraphs, charts: doc.charts.map((c) => chartTexts(c.xml)) };
    };
    pageWord = Object.fromEntries(Object.entries(unzipSync(word.bytes)).map(([file, bytes]) => [file, texts(bytes)]));
    cliWord = Object.fromEntries(Object.values(WORD_FILES).map((file) => [file, texts(readFileSync(join(folder, file)))]));
  });

  it("has the same sheets in the same order («Задания» where pupils' task scores were read)", () => {
    expect(page.map((s) => s.name)).toEqual(cli.map((s) => s.name));
    expect(page.length).toBeGreaterThanOrEqual(6);
    expect(page.some((s) => s.name === SHEET_TITLES.tasks)).toBe(name.startsWith("Ф1"));
  });

  it("has every sheet equal, cell by cell", () => {
    for (let i = 0; i < cli.length; i++) {
      const [a, b] = [page[i], cli[i]];
      const keys = [...new Set([...Object.keys(a.cells), ...Object.keys(b.cells)])];
      const differ = keys.filter((k) => a.cells[k] !== b.cells[k]).map((k) => `${a.name}!${k}: ${a.cells[k]} ≠ ${b.cells[k]}`);
      expect(differ.slice(0, 5)).toEqual([]);
      expect(Object.keys(a.cells).length).toBeGreaterThan(0);
      expect(a).toEqual(b);
    }
  });

  it("gives the three Word documents `--word` writes, text by text", () => {
    expect(Object.keys(pageWord).sort()).toEqual(Object.values(WORD_FILES).sort());
    for (const file of Object.values(WORD_FILES)) {
      expect(pageWord[file].paragraphs.length).toBeGreaterThan(10);
      expect(pageWord[file]).toEqual(cliWord[file]);
    }
    expect(pageWord[WORD_FILES.note].charts.length).toBeGreaterThan(0);
    // The tasks red for all the schools, and each ШНОР's in its roadmap, where task scores were read.
    const red = (file: string) => pageWord[file].paragraphs.filter((p) => /в красной зоне/.test(p)).length;
    if (name.startsWith("Ф1")) {
      expect(red(WORD_FILES.note)).toBe(2);
      expect(red(WORD_FILES.roadmap)).toBeGreaterThan(0);
    } else expect(red(WORD_FILES.note) + red(WORD_FILES.roadmap)).toBe(0);
  });

  it("keeps the same forms' manifest, each report with an id of its own", () => {
    const [pageForms, cliForms] = manifests;
    expect(pageForms.reportId).not.toBe(cliForms.reportId);
    expect({ ...pageForms, reportId: "" }).toEqual({ ...cliForms, reportId: "" });
    // It points into the book: its indicators' and roadmaps' sheets are the book's.
    const sheets = page.map((s) => s.name);
    expect(pageForms.indicators.length).toBeGreaterThan(0);
    for (const indicator of pageForms.indicators) expect(sheets).toContain(indicator.sheet);
    const roadmaps = pageForms.schools.filter((s) => s.roadmap);
    expect(roadmaps.length).toBeGreaterThan(0);
    for (const school of roadmaps) {
      expect(school.status).toBe("shnor");
      expect(sheets).toContain(school.roadmap!.sheet);
    }
  });

  it("says the same about what it wrote", () => {
    for (const line of lines) expect(stdout).toContain(line);
  });
});

it("carries the .csv, the ФИС ОКО exports and the long table as decided once: a .csv and many files as the marked «Свод»", async () => {
  const first = async (files: string[]) => {
    const engine = new PageEngine();
    await engine.read(files.map(blobOf), {}, () => undefined);
    const report = await engine.report({ settings: DEFAULT_SETTINGS, overridesBySheet: {}, documents: {} }, () => undefined);
    return (await bookCells(report.bytes))[0].name;
  };
  expect(await first([csvFile()])).toBe("Свод");
  expect(await first(await fisOkoFiles())).toBe("Свод");
  expect(await first([await longFile()])).toBe("Результаты");
  expect(await first([SAMPLE])).toBe("Приложение 1");
  expect(await first(await f1Files())).toBe("Свод");
});
