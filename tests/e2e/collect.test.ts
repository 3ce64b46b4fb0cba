/**
 * «Собрать из выгрузок» in the built task pane in Chromium over the fake Excel:
 * two generated ФИС ОКО exports are picked with the file input (real uploads,
 * setInputFiles), read in the page, joined onto a new sheet «Свод» with the
 * recognition report on «Распознавание», and the joined sheet is analysed.
 * The user's sheet stays as it was; nothing leaves localhost.
 */
import { mkdirSync, mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { analyzeTable, collectGrid, COLLECT_TITLE, DEFAULT_SETTINGS, RECOGNITION_TITLE } from "../../src/core";
import { blobSource } from "../../src/io/blob";
import { readInputs } from "../../src/io/inputs";
import type { FakeExcel } from "../fakes/excel";
import { makeMunicipality, procedureId, statGrid } from "../fixtures/fisoko";
import { writeWorkbook } from "../fixtures/layouts";
import { markersGrid } from "../fixtures/not-results";
import { STRINGS } from "../../src/taskpane/strings";
import { bundleFake, CHROMIUM, CHROMIUM_ARGS, missing, PATIENCE, patient, serveDist, Served } from "./harness";

const why = missing();
if (why && process.env.E2E_REQUIRED !== "0") throw new Error(`The browser test cannot run: ${why}`);
const suite = why ? describe.skip : describe;
if (why) console.warn(`Browser test skipped: ${why}`);

jest.setTimeout(PATIENCE);

const SHOTS = join(__dirname, "screenshots");
const USER_SHEET = "Мои заметки";
const USER_VALUES = [
  ["Школа", "Телефон"],
  ["МБОУ «СОШ №1»", "+7 913 000-00-00"],
];

// Seed 2039: two ШНОР by criterion 1 among 19 schools that wrote (one wrote neither).
const m = makeMunicipality(2039, 20, [2026]);
const procedures = m.procedures.filter((p) => p.grade === 4);

suite("«Собрать из выгрузок» in chromium", () => {
  let served: Served;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const files: string[] = [];
  const outside: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), "shnor-e2e-collect-"));
    for (const [i, p] of procedures.entries()) {
      const file = join(dir, `${procedureId(p)}.xlsx`);
      await writeWorkbook(file, [statGrid(m, p, { titleHeight: [6, 2][i] ?? 6, procedureIn: i === 1 ? "sheet" : "title" })]);
      files.push(file);
    }
    // An export that holds no results: its sheet is listed as not taken, with why.
    const markers = join(dir, "маркеры.xlsx");
    await writeWorkbook(markers, [markersGrid({ schools: 12 })]);
    files.push(markers);
    const { chromium } = await import("playwright-core");
    let fakeScript: string;
    [served, fakeScript, browser] = await Promise.all([
      serveDist(),
      bundleFake(),
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true }),
    ]);
    context = patient(await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 380, height: 900 }, locale: "ru-RU" }));
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "localhost" || url.hostname === "127.0.0.1") return route.continue();
      if (url.hostname === "appsforoffice.microsoft.com" && url.pathname.endsWith("/office.js"))
        return route.fulfill({ contentType: "text/javascript", body: "/* office.js stub */" });
      outside.push(url.href);
      return route.abort();
    });
    await context.addInitScript({
      content: `${fakeScript}\n;window.__setupFakeExcel(${JSON.stringify({ sheet: USER_SHEET, values: USER_VALUES, merges: [] })});`,
    });
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (msg) => msg.type() === "error" && pageErrors.push(msg.text()));
    await page.goto(`${served.origin}/taskpane.html`);
  }, PATIENCE);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.close();
  });

  it("reads the picked files in the page, writes «Свод» and «Распознавание», and analyses the joined sheet", async () => {
    // What the command's file layer makes of the same files, in Node.
    const expected = await readInputs(files.map((f) => blobSource(new Blob([readFileSync(f)]), f.split("/").pop())));
    const analysis = analyzeTable(expected.table, DEFAULT_SETTINGS);
    const grid = collectGrid(expected.table);

    await page.getByRole("button", { name: "Собрать из выгрузок" }).waitFor();
    await page.getByTestId("collect-input").setInputFiles(files);
    await page.getByText(/записан на новый лист «Свод»/).waitFor();
    await page.getByText(`ШНОР: ${analysis.summary.shnor} из ${analysis.summary.schools}`).waitFor();
    await page.screenshot({ path: join(SHOTS, "10-collected.png"), fullPage: true });

    const wb = await page.evaluate((user) => {
      const fake = (window as unknown as { __fakeExcel: FakeExcel }).__fakeExcel;
      return {
        sheets: fake.workbook.sheets.map((s) => s.name),
        active: fake.workbook.activeSheet?.name,
        names: fake.workbook.names.length,
        svod: fake.snapshot("Свод"),
        report: fake.snapshot("Распознавание").map((row) => row[0]),
        user: fake.snapshot(user),
      };
    }, USER_SHEET);
    expect(wb.sheets).toEqual([USER_SHEET, "Свод", "Распознавание"]);
    expect(wb.active).toBe("Свод");
    expect(wb.names).toBe(0);
    expect(wb.user).toEqual(USER_VALUES);
    expect(wb.svod[0][0]).toBe(COLLECT_TITLE);
    expect(wb.svod.length).toBe(grid.values.length);
    grid.values.forEach((row, r) => row.forEach((v, c) => expect([r, c, wb.svod[r][c]]).toEqual([r, c, v ?? ""])));
    expect(wb.report[0]).toBe(RECOGNITION_TITLE);
    for (const f of files) expect(wb.report).toContainEqual(expect.stringContaining(`Файл «${f.split("/").pop()}»`));
    // The region and the municipality are comparison rows, not schools; the ШНОР are listed by name.
    const wrote = m.schools.filter((s) => procedures.some((p) => m.results.has(`${s.digits}|${procedureId(p)}`)));
    expect(analysis.summary.schools).toBe(wrote.length);
    expect(analysis.summary.shnor).toBeGreaterThan(0);
    for (const v of analysis.verdicts.filter((x) => x.status === "shnor"))
      await page.getByRole("button", { name: v.school.name }).first().waitFor();

    // The pane lists what was read from each export, sheet by sheet, as the page does: the markers sheet greyed with why.
    const t = STRINGS.recognition.files;
    const list = page.getByTestId("file-sheets");
    const sheets = expected.files.flatMap((f) => f.sheets);
    expect(sheets.filter((x) => !x.taken).map((x) => x.what)).toEqual([expect.stringMatching(/^это признаки необъективности/)]);
    await list.getByText(t.title(files.length, sheets.length, sheets.filter((x) => x.taken).length)).waitFor();
    for (const f of expected.files) {
      await list.getByText(t.file(f.file, f.format)).waitFor();
      for (const x of f.sheets)
        expect(await list.getByText(t.sheet(x.sheet, x.taken, x.what)).getAttribute("data-taken")).toBe(x.taken ? "yes" : "no");
    }
    await list.screenshot({ path: join(SHOTS, "11-collected-sheets.png") });
  });

  it("made no request outside localhost and raised no error", () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
