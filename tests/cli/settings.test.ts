/**
 * The workbook's settings travel with it: what the pane saved (the rule's
 * settings and the column corrections) gives the same answer through
 * `shnor analyze`, command-line options win option by option, a bad part
 * falls back to the defaults with a notice, and the report carries the part.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  analyzeTable,
  Analysis,
  ColumnOverride,
  readTable,
  reasonText,
  resolveSettings,
  Settings,
  SETTINGS_NAMESPACE,
  settingsXml,
  yearsWithData,
} from "../../src/core";
import { correctedOverrides, INITIAL, parsedSettings, reduce, SessionState, storedOf } from "../../src/taskpane/session";
import { fakeWith, hostFor } from "../excel/helpers";
import type { FakeExcel } from "../fakes/excel";
import { injectCustomXml } from "../fixtures/custom-xml";
import { wideGrid, writeWorkbook } from "../fixtures/layouts";
import { SEED_003 } from "../fixtures/seeds";
import { run, sha } from "./run";

jest.setTimeout(60_000);

const grid = wideGrid(SEED_003);
/** «ВПР РУ 5 2019 % 2»: ignoring it changes a school's answer. */
const CORRECTED_COLUMN = 11;
const THRESHOLD = "35";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "shnor-settings-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Answer {
  name: string;
  status: string;
  reason: string;
}
const answerOf = (a: Analysis): Answer[] => a.verdicts.map((v) => ({ name: v.school.name, status: v.status, reason: reasonText(v) }));
const answerWith = (settings: Partial<Settings>, overrides: ColumnOverride[] = []) =>
  answerOf(analyzeTable(readTable(grid, overrides), resolveSettings(settings)));

/**
 * The pane's own path on the fake Excel: load (nothing stored), change the
 * threshold, analyse, correct a column, analyse again, save — as useSession
 * does — and the XML part the fake workbook now holds.
 */
async function paneSession(): Promise<{ state: SessionState; xml: string; answer: Answer[]; fake: FakeExcel }> {
  const { fake, host } = fakeWith(grid);
  let state = reduce(INITIAL, { type: "loaded", stored: await host.loadSettings() });
  state = reduce(state, { type: "draft", draft: { ...state.draft, threshold: THRESHOLD } });
  const first = await host.readTable({ source: state.source, overridesBySheet: state.overrides });
  state = reduce(state, { type: "analysed", read: first, overrides: state.overrides });
  const overrides = correctedOverrides(state, CORRECTED_COLUMN, { role: "ignore", procedure: "", measure: "failPercent" })!;
  const read = await host.readTable({ source: state.source, overridesBySheet: overrides });
  state = reduce(state, { type: "analysed", read, overrides });
  await host.saveSettings(storedOf(state)!);
  const parts = fake.workbook.xmlParts.filter((p) => p.namespaceUri === SETTINGS_NAMESPACE);
  expect(parts).toHaveLength(1);
  const settings = parsedSettings(state).settings!;
  return { state, xml: parts[0].xml, answer: answerOf(analyzeTable(state.read!.table, settings)), fake };
}

/** A book written by exceljs with the part injected after a decoy part of another add-in. */
async function bookWith(name: string, xml: string, options: { noRelationship?: boolean } = {}): Promise<string> {
  const file = join(dir, name);
  await writeWorkbook(file, [grid]);
  injectCustomXml(file, [
    { n: 1, xml: `<?xml version="1.0"?><other xmlns="urn:someone-else"><settings>{"settings":{"threshold":5}}</settings></other>` },
    { n: 3, xml, ...options },
  ]);
  return file;
}

const jsonAnswer = (stdout: string): Answer[] =>
  (JSON.parse(stdout) as { schools: Answer[] }).schools.map(({ name, status, reason }) => ({ name, status, reason }));

let pane: Awaited<ReturnType<typeof paneSession>>;
let book: string;
beforeAll(async () => {
  pane = await paneSession();
  book = await bookWith("stored.xlsx", pane.xml);
});

describe("a workbook with settings saved by the pane", () => {
  it("the stored threshold and correction each change the answer (so ignoring either is seen)", () => {
    const full = answerWith({ threshold: 35 }, [{ column: CORRECTED_COLUMN, as: "ignore" }]);
    expect(pane.answer).toEqual(full);
    expect(answerWith({})).not.toEqual(full);
    expect(answerWith({ threshold: 35 })).not.toEqual(full);
    expect(answerWith({}, [{ column: CORRECTED_COLUMN, as: "ignore" }])).not.toEqual(full);
  });

  it("gives the pane's answer through `shnor analyze --json`, and says where the settings came from", async () => {
    const before = sha(book);
    const r = await run("analyze", book, "--json");
    expect(r.code).toBe(0);
    expect(jsonAnswer(r.stdout)).toEqual(pane.answer);
    const json = JSON.parse(r.stdout);
    expect(json.threshold).toBe(35);
    expect(json.settingsSource).toMatchObject({ book: "stored.xlsx", fromOptions: [], corrections: { "Приложение 1": 1 }, notices: [] });
    expect(json.settingsSource.fromBook).toEqual(expect.arrayContaining(["threshold", "criterion2"]));
    expect(sha(book)).toBe(before);
  });

  it("finds the part without the workbook's relationship, by its namespace alone", async () => {
    const file = await bookWith("no-rel.xlsx", pane.xml, { noRelationship: true });
    expect(jsonAnswer((await run("analyze", file, "--json")).stdout)).toEqual(pane.answer);
  });

  it("the next person's pane, loading the same part, gives the same answer", async () => {
    const host = hostFor(pane.fake);
    const state = reduce(INITIAL, { type: "loaded", stored: await host.loadSettings() });
    expect(state.draft.threshold).toBe(THRESHOLD);
    const read = await host.readTable({ source: state.source, overridesBySheet: state.overrides });
    expect(answerOf(analyzeTable(read.table, parsedSettings(state).settings!))).toEqual(pane.answer);
  });

  it("says in the text report which settings came from the book", async () => {
    const r = await run("analyze", book);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(
      /^Настройки из книги «stored\.xlsx»: порог 35 %.*исправления столбцов листа «Приложение 1»: 1\.$/,
    );
  });
});

describe("command-line options override the stored values, option by option", () => {
  it("--threshold wins over the stored threshold; the stored correction still applies", async () => {
    const r = await run("analyze", book, "--json", "--threshold", "30");
    const expected = answerWith({ threshold: 30 }, [{ column: CORRECTED_COLUMN, as: "ignore" }]);
    expect(jsonAnswer(r.stdout)).toEqual(expected);
    expect(expected).not.toEqual(pane.answer);
    const source = JSON.parse(r.stdout).settingsSource;
    expect(source.fromOptions).toEqual(["threshold"]);
    expect(source.fromBook).not.toContain("threshold");
    expect(source.fromBook).toContain("criterion2");
    const text = await run("analyze", book, "--threshold", "30", "--criterion2", "same");
    expect(text.stdout.split("\n")[0]).toMatch(/; из командной строки: порог 30 %, критерий 2 — та же процедура в обоих годах\.$/);
    expect(text.stdout.split("\n")[0]).not.toMatch(/из книги[^;]*порог/);
  });

  it("--ignore-book-settings gives the defaults", async () => {
    const r = await run("analyze", book, "--json", "--ignore-book-settings");
    expect(jsonAnswer(r.stdout)).toEqual(answerWith({}));
    expect(JSON.parse(r.stdout).settingsSource).toMatchObject({ book: null, ignored: true, fromBook: [], corrections: {} });
    expect((await run("analyze", book, "--ignore-book-settings")).stdout.split("\n")[0]).toBe(
      "Настройки по умолчанию: сохранённые в книге не применяются (--ignore-book-settings).",
    );
  });

  it("a bad option is still an error, with the stored settings present", async () => {
    const r = await run("analyze", book, "--threshold", "500");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Ошибка: Порог/);
  });
});

describe("a stored year the table has no counted results for (a report's settings, then a new year's data)", () => {
  const years = yearsWithData(readTable(grid).schools, resolveSettings({}));
  /** A valid year after the data's last. */
  const absent = years[years.length - 1] + 3;
  const notice = `Год, сохранённый в книге (${absent}, ${absent - 1}/${absent} уч. г.), не применён: в таблице нет учитываемых результатов за этот год (они есть за ${years.join(", ")}); взят последний год с данными.`;
  let file: string;
  beforeAll(async () => {
    file = await bookWith("old-year.xlsx", settingsXml({ settings: resolveSettings({ threshold: 35, year: absent }), overrides: {} }));
  });

  it("analyze: the latest year with data, the book's other values, and a notice in the text and the JSON", async () => {
    const r = await run("analyze", file, "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(jsonAnswer(r.stdout)).toEqual(answerWith({ threshold: 35 }));
    expect(answerWith({ threshold: 35 })).not.toEqual(answerWith({}));
    const json = JSON.parse(r.stdout);
    expect(json.years[1]).toBe(years[years.length - 1]);
    expect(json.settingsSource.notices).toEqual([notice]);
    expect(json.settingsSource.fromBook).toContain("threshold");
    expect(json.settingsSource.fromBook).not.toContain("year");
    const text = await run("analyze", file);
    expect(text.code).toBe(0);
    const [line, second] = text.stdout.split("\n");
    expect(line).toMatch(/^Настройки из книги «old-year\.xlsx»: порог 35 %/);
    expect(line).not.toMatch(/предыдущий год/);
    expect(second).toBe(notice);
  });

  it("a year the user gives is theirs: `--year` with no results stays the rule's error", async () => {
    const r = await run("analyze", file, "--year", String(absent));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `Ошибка: Нет учитываемых результатов за ${absent} год (${absent - 1}/${absent} уч. г.); они есть за ${years.join(", ")}.`,
    );
  });

  it("report and collect: exit 0 with the notice, and the year is not stored again", async () => {
    const out = join(dir, "old-year-report.xlsx");
    const report = await run("report", file, "-o", out);
    expect([report.code, report.stderr]).toEqual([0, ""]);
    expect(report.stdout.split("\n")).toContain(notice);
    const svod = join(dir, "old-year-svod.xlsx");
    const collected = await run("collect", file, "-o", svod);
    expect([collected.code, collected.stderr]).toEqual([0, ""]);
    expect(collected.stdout.split("\n")).toContain(notice);
    for (const made of [out, svod]) {
      const again = await run("analyze", made, "--json");
      expect(jsonAnswer(again.stdout)).toEqual(answerWith({ threshold: 35 }));
      expect(JSON.parse(again.stdout).settingsSource).toMatchObject({ notices: [], fromBook: expect.arrayContaining(["year"]) });
    }
  });
});

describe("several books: the stored settings are not applied, and the run says so", () => {
  it("names the books holding settings and uses the defaults", async () => {
    const folder = join(dir, "folder");
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    copyFileSync(book, join(folder, "a.xlsx"));
    await writeWorkbook(join(folder, "b.xlsx"), [wideGrid(SEED_003, { sheetName: "Другой" })]);
    const r = await run("analyze", folder, "--json");
    expect(r.code).toBe(0);
    const source = JSON.parse(r.stdout).settingsSource;
    expect(source.book).toBeNull();
    expect(source.notices).toEqual([expect.stringMatching(/«folder\/a\.xlsx».*не применены: прочитано несколько файлов/)]);
    expect(JSON.parse(r.stdout).threshold).toBe(30);
  });
});

describe("the pane's «Только выделение»", () => {
  it("reads the whole sheet and says so in one line", async () => {
    const { state } = pane;
    const stored = storedOf({ ...state, source: "selection" })!;
    const file = await bookWith("selection.xlsx", settingsXml(stored));
    const r = await run("analyze", file);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").filter((l) => /Только выделение/.test(l))).toEqual([
      "В книге сохранён выбор «Только выделение»: командная строка не знает, что было выделено, поэтому прочитаны листы целиком.",
    ]);
  });
});

describe("a part that cannot be used gives the defaults and a notice, never a stop", () => {
  const cases: [string, string, RegExp][] = [
    [
      "garbled JSON",
      `<shnorMonitor xmlns="${SETTINGS_NAMESPACE}"><settings>{oops</settings></shnorMonitor>`,
      /не прочитаны \(часть повреждена\)/,
    ],
    ["broken XML", `<shnorMonitor xmlns="${SETTINGS_NAMESPACE}"><settings>{}</settin`, /не прочитаны .*повреждён/],
    ["no settings element", `<shnorMonitor xmlns="${SETTINGS_NAMESPACE}"/>`, /не прочитаны \(часть повреждена\)/],
    [
      "a threshold the rule refuses",
      `<shnorMonitor xmlns="${SETTINGS_NAMESPACE}"><settings>{"settings":{"threshold":500},"overrides":{}}</settings></shnorMonitor>`,
      /Настройки правила, сохранённые в книге, не применены \(Порог/,
    ],
  ];
  it.each(cases)("%s", async (name, xml, notice) => {
    const file = await bookWith(`bad-${name.replace(/\s/g, "-")}.xlsx`, xml);
    const r = await run("analyze", file, "--json");
    expect(r.code).toBe(0);
    expect(jsonAnswer(r.stdout)).toEqual(answerWith({}));
    expect(JSON.parse(r.stdout).settingsSource.notices).toEqual([expect.stringMatching(notice)]);
    const text = await run("analyze", file);
    expect(text.stdout).toMatch(notice);
  });

  it("a bad correction is dropped with a notice; the good settings stay", async () => {
    const xml = `<shnorMonitor xmlns="${SETTINGS_NAMESPACE}"><settings>${JSON.stringify({
      settings: { threshold: 35 },
      overrides: {
        "Приложение 1": [
          { column: CORRECTED_COLUMN, as: "ignore" },
          { column: 4, as: "measure", procedure: "что-то", measure: "failPercent" },
        ],
      },
    })
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")}</settings></shnorMonitor>`;
    const r = await run("analyze", await bookWith("bad-override.xlsx", xml), "--json");
    expect(r.code).toBe(0);
    expect(jsonAnswer(r.stdout)).toEqual(pane.answer);
    expect(JSON.parse(r.stdout).settingsSource.notices).toEqual([
      expect.stringMatching(/исправлений столбцов листа «Приложение 1».*не применена/),
    ]);
  });

  it("a .csv has no part: the defaults, without a notice", async () => {
    const file = join(dir, "plain.csv");
    writeFileSync(file, grid.values.map((row) => row.map((v) => (v === null ? "" : String(v))).join(";")).join("\n"));
    const r = await run("analyze", file, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).settingsSource).toEqual({
      book: null,
      ignored: false,
      fromBook: [],
      fromOptions: [],
      corrections: {},
      notices: [],
    });
  });
});
