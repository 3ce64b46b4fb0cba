/**
 * The web page honours the settings the add-in saved in a book, by the
 * command's rules: the page's engine and session (no browser) give exactly
 * `shnor analyze`'s answer on the same file, a value changed on the page wins,
 * several books apply none, a bad part gives the defaults and a notice, a
 * stored year without counted results is set aside with the command's notice,
 * and the page's report stores the settings it used as `shnor report` does.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  analyzeTable,
  Analysis,
  ColumnOverride,
  readSettingsXml,
  readTable,
  reasonText,
  resolveSettings,
  Settings,
  SETTINGS_NAMESPACE,
  settingsXml,
  StoredSettings,
  yearsWithData,
} from "../../src/core";
import { PageEngine } from "../../src/app/engine";
import { bytesSource } from "../../src/io/bytes";
import { readInputs } from "../../src/io/inputs";
import { readStoredSettings } from "../../src/io/open";
import { readWorkbookTable } from "../../src/io/node";
import type { FilesRead } from "../../src/taskpane/host";
import { STRINGS } from "../../src/taskpane/strings";
import { analysisOf, bookLines, INITIAL, pageSettings, parsedSettings, reduce, SessionState } from "../../src/taskpane/session";
import { injectCustomXml } from "../fixtures/custom-xml";
import { fisOkoGrids, wideGrid, writeWorkbook } from "../fixtures/layouts";
import { SEED_003 } from "../fixtures/seeds";
import { run } from "../cli/run";

jest.setTimeout(120_000);

const grid = wideGrid(SEED_003);
const SHEET = grid.sheetName!;
/** «ВПР РУ 5 2019 % 2»: ignoring it changes a school's answer (tests/cli/settings.test.ts). */
const CORRECTED_COLUMN = 11;
const CORRECTION: ColumnOverride[] = [{ column: CORRECTED_COLUMN, as: "ignore" }];

const STORED: StoredSettings = {
  settings: resolveSettings({ threshold: 35, criterion2: "same" }),
  overrides: { [SHEET]: CORRECTION },
  source: "sheet",
  statusFormulas: false,
  documents: { order: { number: "512", date: "26.11.2020" }, names: { uo: "Управление образования города" }, annexSchools: "risk" },
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "shnor-page-settings-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bookWith(name: string, xml: string | null, sheetName = SHEET): Promise<string> {
  const file = join(dir, name);
  await writeWorkbook(file, [wideGrid(SEED_003, { sheetName })]);
  if (xml !== null) injectCustomXml(file, [{ n: 2, xml }]);
  return file;
}

const blobOf = (file: string): Blob => Object.assign(new Blob([readFileSync(file) as BlobPart]), { name: file.split("/").pop()! });
const none = () => undefined;

interface Answer {
  name: string;
  status: string;
  reason: string;
}
const answerOf = (a: Analysis): Answer[] => a.verdicts.map((v) => ({ name: v.school.name, status: v.status, reason: reasonText(v) }));
const answerWith = (settings: Partial<Settings>, overrides: ColumnOverride[] = []) =>
  answerOf(analyzeTable(readTable(grid, overrides), resolveSettings(settings)));
const cliAnswer = async (...args: string[]) => {
  const r = await run("analyze", ...args, "--json");
  expect([r.code, r.stderr]).toEqual([0, ""]);
  return (JSON.parse(r.stdout) as { schools: Answer[] }).schools.map(({ name, status, reason }) => ({ name, status, reason }));
};

/** The page as useSession drives it: settings loaded from the browser (none), files read, events reduced. */
async function pageOpens(engine: PageEngine, files: string[], start: SessionState = reduce(INITIAL, { type: "loaded", stored: null })) {
  let state = start;
  // As useSession reads a new list: with the user's corrections, not those a book applied.
  const read = await engine.read(files.map(blobOf), state.book?.applied ? {} : state.overrides, none);
  if (read.book) state = reduce(state, { type: "bookFound", found: read.book });
  state = reduce(state, { type: "analysed", read, overrides: read.book?.overridesBySheet ?? state.overrides });
  return { state, read };
}

const pageAnswer = (state: SessionState, read: FilesRead) => answerOf(analyzeTable(read.table, parsedSettings(state).settings!));

describe("one book with stored settings", () => {
  let file: string;
  beforeAll(async () => {
    file = await bookWith("stored.xlsx", settingsXml(STORED));
  });

  it("gives `shnor analyze`'s answer (statuses and reasons), which differs from the defaults'", async () => {
    const engine = new PageEngine();
    const { state, read } = await pageOpens(engine, [file]);
    const answer = pageAnswer(state, read);
    expect(answer).toEqual(await cliAnswer(file));
    // Each of the stored threshold and correction counts, so ignoring either would be seen.
    expect(answer).toEqual(answerWith({ threshold: 35, criterion2: "same" }, CORRECTION));
    expect(answer).not.toEqual(answerWith({}));
    expect(answer).not.toEqual(answerWith({ threshold: 35, criterion2: "same" }));
    expect(answer).not.toEqual(answerWith({}, CORRECTION));
    // The form shows the stored values; the corrections are the ones read with.
    expect(state.draft.threshold).toBe("35");
    expect(state.draft.criterion2).toBe("same");
    expect(state.overrides).toEqual({ [SHEET]: CORRECTION });
    expect(read.table.columns.find((c) => c.column === CORRECTED_COLUMN)?.role.kind).toBe("ignored");
    expect(state.docForm).toMatchObject({ orderNumber: "512", orderDate: "26.11.2020", annexSchools: "risk" });
    expect(bookLines(state)).toEqual([
      `Настройки из книги «stored.xlsx»: порог 35 %, предыдущий год — последний с данными, процедуры ВПР, ОГЭ, ЕГЭ, предметы математика, русский язык, участников не меньше 1, критерий 2 — та же процедура в обоих годах, школы в «Приложении 1»: ШНОР и зона риска, приказ № 512 от 26.11.2020, ответственные: Управление образования города, исправления столбцов листа «${SHEET}»: 1.`,
    ]);
  });

  it("a value changed on the page wins over the book's, and the line says which came from where", async () => {
    const { state: opened, read } = await pageOpens(new PageEngine(), [file]);
    const state = reduce(opened, { type: "draft", draft: { ...opened.draft, threshold: "30" } });
    expect(pageAnswer(state, read)).toEqual(await cliAnswer(file, "--threshold", "30"));
    expect(pageAnswer(state, read)).not.toEqual(pageAnswer(opened, read));
    const used = pageSettings(state)!;
    expect(used.changed).toEqual({ threshold: 30 });
    expect(used.settings).toEqual(resolveSettings({ threshold: 30, criterion2: "same" }));
    // The documents the form does not show (names) stay the book's, as `shnor report` merges them.
    expect(used.documents.names).toEqual({ uo: "Управление образования города" });
    const [line] = bookLines(state)!;
    expect(line).toMatch(/^Настройки из книги «stored\.xlsx»: предыдущий год.*; изменены на странице: порог 30 %\.$/);
    expect(line).not.toMatch(/из книги[^;]*порог/);
  });

  it("a stored correction removed on the page is no longer counted as the book's", async () => {
    const { state: opened } = await pageOpens(new PageEngine(), [file]);
    expect(bookLines(opened)![0]).toMatch(/исправления столбцов листа «Приложение 1»: 1\.$/);
    const state = reduce(opened, { type: "analysed", read: opened.read!, overrides: { [SHEET]: [] } });
    expect(bookLines(state)![0]).not.toMatch(/исправления столбцов/);
  });

  it("unticking «Применять настройки, сохранённые в книге» gives `--ignore-book-settings`'s answer; ticking it again the book's", async () => {
    const engine = new PageEngine();
    const { state: opened, read } = await pageOpens(engine, [file]);
    const off = reduce(opened, { type: "applyBook", on: false });
    expect(off.overrides).toEqual({});
    const plain = await engine.read(undefined, off.overrides, none);
    expect(pageAnswer(off, plain)).toEqual(await cliAnswer(file, "--ignore-book-settings"));
    expect(pageAnswer(off, plain)).toEqual(answerWith({}));
    expect(bookLines(off)).toEqual([
      "Настройки по умолчанию: сохранённые в книге не применяются (снята отметка «Применять настройки, сохранённые в книге»).",
    ]);
    const on = reduce(off, { type: "applyBook", on: true });
    const again = await engine.read(undefined, on.overrides, none);
    expect(pageAnswer(on, again)).toEqual(pageAnswer(opened, read));
  });

  it("a book without settings picked next does not inherit the last one's", async () => {
    const plainFile = await bookWith("plain.xlsx", null);
    const engine = new PageEngine();
    const { state: opened } = await pageOpens(engine, [file]);
    const { state, read } = await pageOpens(engine, [plainFile], opened);
    expect(state.book).toBeNull();
    expect(state.overrides).toEqual({});
    expect(pageAnswer(state, read)).toEqual(answerWith({}));
  });

  it("the page's report stores the settings it used: the command's part, read back by the file layer", async () => {
    const engine = new PageEngine();
    const { state } = await pageOpens(engine, [file]);
    const used = pageSettings(state)!;
    const report = await engine.report({ settings: used.settings, overridesBySheet: state.overrides, documents: used.documents }, none);
    const part = await readStoredSettings(bytesSource(report.bytes, report.fileName));
    expect(part).toContain(SETTINGS_NAMESPACE);
    const stored = readSettingsXml(part);
    expect(stored.notices).toEqual([]);
    expect(stored.stored!.settings).toEqual(STORED.settings);
    expect(stored.stored!.overrides).toEqual(STORED.overrides);
    expect(stored.stored!.documents).toMatchObject({ annexSchools: "risk", order: { number: "512" } });
    expect(stored.stored!.generatedSheets).toEqual(expect.arrayContaining(["Показатели", "Аналитическая справка"]));

    // `shnor report` on the same file stores the same part.
    const out = join(dir, "cli-report.xlsx");
    expect((await run("report", file, "-o", out)).code).toBe(0);
    const cli = readSettingsXml(await readStoredSettings(bytesSource(readFileSync(out), "cli-report.xlsx")));
    expect(stored.stored).toEqual(cli.stored);

    // Read again (the add-in or `shnor analyze` opening it): the document sheets are left out, the answer is the same.
    const again = await readInputs([bytesSource(report.bytes, report.fileName)], { overridesBySheet: stored.stored!.overrides });
    expect(again.files[0].sheets.filter((s) => s.taken).map((s) => s.sheet)).toEqual([SHEET]);
    const reportFile = join(dir, "page-report.xlsx");
    writeFileSync(reportFile, report.bytes);
    expect(await cliAnswer(reportFile)).toEqual(await cliAnswer(file));
  });
});

describe("a stored year the table has no counted results for (a report's settings, then a new year's data)", () => {
  const years = yearsWithData(readTable(grid).schools, resolveSettings({}));
  const absent = years[years.length - 1] + 2;
  let file: string;
  beforeAll(async () => {
    file = await bookWith("old-year.xlsx", settingsXml({ ...STORED, settings: resolveSettings({ threshold: 35, year: absent }) }));
  });

  it("the page, as the command: the latest year with data, the book's other values, and the command's notice", async () => {
    const engine = new PageEngine();
    const { state, read } = await pageOpens(engine, [file]);
    const r = await run("analyze", file, "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const cli = JSON.parse(r.stdout) as { years: number[]; settingsSource: { notices: string[]; fromBook: string[] } };
    expect(pageAnswer(state, read)).toEqual(await cliAnswer(file));
    expect(pageAnswer(state, read)).toEqual(answerWith({ threshold: 35 }, CORRECTION));
    expect(cli.years[1]).toBe(years[years.length - 1]);
    expect(cli.settingsSource.fromBook).not.toContain("year");
    // The form shows what is in force: the default year, the book's threshold.
    expect(state.draft.year).toBe("");
    expect(state.draft.threshold).toBe("35");
    expect(analysisOf(read, parsedSettings(state).settings).error).toBeNull();
    const lines = bookLines(state)!;
    expect(lines.slice(1)).toEqual(cli.settingsSource.notices);
    expect(lines[1]).toMatch(
      new RegExp(
        `^Год, сохранённый в книге \\(${absent}, .*\\), не применён: .*они есть за ${years.join(", ")}\\); взят последний год с данными\\.$`,
      ),
    );
    expect(lines[0]).not.toMatch(/предыдущий год/);
    expect(pageSettings(state)!.changed).toEqual({});
    // The report the page makes stores what it used, as `shnor report` does: no year that gives the notice again.
    const used = pageSettings(state)!;
    const report = await engine.report({ settings: used.settings, overridesBySheet: state.overrides, documents: used.documents }, none);
    const stored = readSettingsXml(await readStoredSettings(bytesSource(report.bytes, report.fileName))).stored!;
    expect(stored.settings).toEqual(resolveSettings({ threshold: 35 }));
    const out = join(dir, "old-year-cli-report.xlsx");
    expect((await run("report", file, "-o", out)).code).toBe(0);
    expect(readSettingsXml(await readStoredSettings(bytesSource(readFileSync(out), "r.xlsx"))).stored!.settings).toEqual(stored.settings);
  });

  it("the year typed on the page is the user's: the rule's error, as `--year` gives it", async () => {
    const { state: opened, read } = await pageOpens(new PageEngine(), [file]);
    const state = reduce(opened, { type: "draft", draft: { ...opened.draft, year: String(absent) } });
    expect(pageSettings(state)!.changed).toEqual({ year: absent });
    const r = await run("analyze", file, "--year", String(absent));
    expect(r.code).toBe(2);
    expect(`Ошибка: ${analysisOf(read, parsedSettings(state).settings).error}`).toBe(r.stderr);
  });
});

it("a ФИС ОКО book (a procedure a sheet): the stored corrections meet their own sheet, as the command applies them", async () => {
  const file = join(dir, "fisoko.xlsx");
  const grids = fisOkoGrids(SEED_003);
  await writeWorkbook(file, grids);
  const plain = answerOf(analyzeTable(await readWorkbookTable(file)));
  // The «2» column (D) of the first sheet whose loss changes the answer.
  let sheet: string | null = null;
  for (const g of grids) {
    const without = answerOf(
      analyzeTable(await readWorkbookTable(file, { overridesBySheet: { [g.sheetName!]: [{ column: 3, as: "ignore" }] } })),
    );
    if (JSON.stringify(without) !== JSON.stringify(plain)) {
      sheet = g.sheetName!;
      break;
    }
  }
  expect(sheet).not.toBeNull();
  const stored: StoredSettings = { settings: resolveSettings({}), overrides: { [sheet!.toUpperCase()]: [{ column: 3, as: "ignore" }] } };
  injectCustomXml(file, [{ n: 1, xml: settingsXml(stored) }]);
  const { state, read } = await pageOpens(new PageEngine(), [file]);
  const answer = pageAnswer(state, read);
  expect(answer).toEqual(await cliAnswer(file));
  expect(answer).not.toEqual(plain);
  expect(bookLines(state)![0]).toContain(`исправления столбцов листа «${sheet}»: 1`);
});

describe("what cannot be applied", () => {
  it("several books: none applied, and the page says why in the command's words", async () => {
    const a = await bookWith("a.xlsx", settingsXml(STORED));
    const b = await bookWith("b.xlsx", null, "Другой");
    const { state, read } = await pageOpens(new PageEngine(), [a, b]);
    expect(read.book?.stored).toBeNull();
    expect(state.book?.applied).toBe(false);
    expect(parsedSettings(state).settings).toEqual(resolveSettings({}));
    const lines = bookLines(state)!;
    expect(lines).toEqual([
      "Настройки, сохранённые в книгах («a.xlsx»), не применены: прочитано несколько файлов, и какие из них главные, неизвестно. Действуют настройки на странице.",
    ]);
    // The command says the same sentence, with its own last words.
    const r = await run("analyze", a, b, "--json");
    const [notice] = JSON.parse(r.stdout).settingsSource.notices as string[];
    expect(notice.replace(/ Действуют .*$/, "")).toBe(lines[0].replace(/ Действуют .*$/, ""));
  });

  it("a stored threshold the rule refuses: the defaults, with stored-settings.ts's notice shown", async () => {
    const xml = `<shnorMonitor xmlns="${SETTINGS_NAMESPACE}"><settings>{"settings":{"threshold":500},"overrides":{}}</settings></shnorMonitor>`;
    const file = await bookWith("bad.xlsx", xml);
    const { state, read } = await pageOpens(new PageEngine(), [file]);
    expect(pageAnswer(state, read)).toEqual(answerWith({}));
    expect(pageAnswer(state, read)).toEqual(await cliAnswer(file));
    const notice = readSettingsXml(xml).notices[0];
    expect(notice).toMatch(/^Настройки правила, сохранённые в книге, не применены \(Порог/);
    expect(bookLines(state)).toContain(notice);
  });

  it("the pane's «Только выделение»: the page reads whole sheets and says so", async () => {
    const file = await bookWith("selection.xlsx", settingsXml({ ...STORED, source: "selection" }));
    const { state, read } = await pageOpens(new PageEngine(), [file]);
    expect(pageAnswer(state, read)).toEqual(await cliAnswer(file));
    expect(bookLines(state)).toContain(STRINGS.page.book.wording.selection);
  });

  it("a damaged part: the defaults and a notice, never a stop", async () => {
    const file = await bookWith("broken.xlsx", `<shnorMonitor xmlns="${SETTINGS_NAMESPACE}"><settings>{oops</settings></shnorMonitor>`);
    const { state, read } = await pageOpens(new PageEngine(), [file]);
    expect(pageAnswer(state, read)).toEqual(answerWith({}));
    expect(bookLines(state)!.join(" ")).toMatch(/не прочитаны \(часть повреждена\)/);
  });
});
