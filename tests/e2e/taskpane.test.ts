/**
 * The built task pane in a real browser: dist/ served over HTTPS on localhost,
 * office.js replaced by a stub and Excel by the in-memory fake holding seed
 * 003's appendix; the test clicks Анализ → results → Отметить → Документы →
 * Снять отметки and checks the workbook and the pane. Screenshots go to
 * tests/e2e/screenshots/ (not committed).
 *
 * `npm test` builds dist/ first; a missing build or chromium fails the test
 * (CI installs chromium). E2E_REQUIRED=0 turns that into a skip for a machine without a browser.
 */
import { mkdirSync, readFileSync } from "fs";
import { unzipSync } from "fflate";
import { analyzeTable, readTable } from "../../src/core";
import { WORD_FILES } from "../../src/core/documents";
import { STRINGS } from "../../src/taskpane/strings";
import { PANE_WORD_ZIP } from "../../src/taskpane/word";
import { readDocx } from "../fixtures/docx";
import { join } from "path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { wideGrid } from "../fixtures/layouts";
import { SEED_003 } from "../fixtures/seeds";
import type { FakeExcel } from "../fakes/excel";
import { bundleFake, CHROMIUM, CHROMIUM_ARGS, missing, PATIENCE, patient, serveDist, Served, settled } from "./harness";

const why = missing();
if (why && process.env.E2E_REQUIRED !== "0") throw new Error(`The browser test cannot run: ${why}`);
const suite = why ? describe.skip : describe;
if (why) console.warn(`Browser test skipped: ${why}`);

jest.setTimeout(PATIENCE);

const SHOTS = join(__dirname, "screenshots");
const SHEET = "Приложение 1";

interface WorkbookView {
  sheets: string[];
  names: string[];
  formats: number;
  status: unknown[];
  snapshot: unknown[][];
  selection: { sheet: string; row: number } | null;
  settingsParts: number;
}

function view(page: Page): Promise<WorkbookView> {
  return page.evaluate((sheetName) => {
    const fake = (window as unknown as { __fakeExcel: FakeExcel }).__fakeExcel;
    const sheet = fake.sheet(sheetName);
    const selection = fake.workbook.selection;
    return {
      sheets: fake.workbook.sheets.map((s) => s.name),
      names: fake.workbook.names.map((n) => n.name),
      formats: sheet.cfs.length,
      status: [2, 3, 4, 5].map((r) => sheet.value(r, 35)),
      snapshot: fake.snapshot(sheetName),
      selection: selection ? { sheet: selection.sheet.name, row: selection.rect.row } : null,
      settingsParts: fake.workbook.xmlParts.length,
    };
  }, SHEET);
}

suite("the task pane in chromium", () => {
  let served: Served;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let page: Page;
  let fakeScript: string;
  const outside: string[] = [];
  const pageErrors: string[] = [];

  /** A fresh page over a fresh fake workbook holding `grid`. */
  async function openPane(values: unknown[][], grid = wideGrid(SEED_003)): Promise<Page> {
    const context: BrowserContext = patient(
      await browser.newContext({
        ignoreHTTPSErrors: true,
        viewport: { width: 380, height: 900 },
        locale: "ru-RU",
        acceptDownloads: true,
      }),
    );
    contexts.push(context);
    // Nothing may leave localhost: office.js gets a stub, anything else is refused and recorded.
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "localhost" || url.hostname === "127.0.0.1") return route.continue();
      if (url.hostname === "appsforoffice.microsoft.com" && url.pathname.endsWith("/office.js"))
        return route.fulfill({ contentType: "text/javascript", body: "/* office.js stub: the fake Excel is installed before the page */" });
      outside.push(url.href);
      return route.abort();
    });
    await context.addInitScript({
      content: `${fakeScript}\n;window.__setupFakeExcel(${JSON.stringify({ sheet: grid.sheetName, values, merges: grid.merges })});`,
    });
    const p = await context.newPage();
    p.on("pageerror", (e) => pageErrors.push(e.message));
    p.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
    await p.goto(`${served.origin}/taskpane.html`);
    return p;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { chromium } = await import("playwright-core");
    [served, fakeScript, browser] = await Promise.all([
      serveDist(),
      bundleFake(),
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true }),
    ]);
    page = await openPane(wideGrid(SEED_003).values);
  }, PATIENCE);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await served?.close();
  });

  let original: unknown[][];

  it("opens in Russian with the «Анализ» button", async () => {
    await page.getByRole("heading", { name: "ШНОР-монитор" }).waitFor();
    await page.getByRole("button", { name: "Анализ", exact: true }).waitFor();
    original = (await view(page)).snapshot;
    await page.screenshot({ path: join(SHOTS, "01-start.png"), fullPage: true });
  });

  it("analyses the sheet: recognition report and «ШНОР: 2 из 2»", async () => {
    await page.getByRole("button", { name: "Анализ", exact: true }).click();
    await page.getByText("ШНОР: 2 из 2").waitFor();
    await page.getByText("в зоне риска: 0").waitFor();
    await page.getByRole("group", { name: "2 школы" }).waitFor();
    await page.getByRole("group", { name: "15 процедур, учитываются правилом: 15" }).waitFor();
    await page.getByText(/Предыдущий год: 2019; год перед ним: 2018/).waitFor();
    expect(await page.getByRole("listitem").count()).toBe(2);
    await page.getByText(/критерий 2: ВПР математика 6 кл\. 2019 — 37 %/).waitFor();
    // The settings went into the workbook.
    expect((await view(page)).settingsParts).toBe(1);
    await page.screenshot({ path: join(SHOTS, "02-results.png"), fullPage: true });
  });

  it("corrects a column, keeps the correction in the workbook, and undoes it", async () => {
    await page.getByRole("button", { name: "Столбцы (35)" }).click();
    await page.getByRole("button", { name: "Исправить" }).nth(3).click();
    await page.getByRole("combobox", { name: "Что в столбце" }).selectOption({ label: "Не использовать" });
    await page.getByRole("button", { name: "Применить и перечитать" }).click();
    await page.getByText("D: Не использовать").waitFor();
    await page.getByText(/^«ВПР МА 5 2019 \/ " % 2"» → не используется \(исключён пользователем\)/).waitFor();
    const xml = await page.evaluate(() => (window as unknown as { __fakeExcel: FakeExcel }).__fakeExcel.workbook.xmlParts[0].xml);
    expect(xml).toContain('"as":"ignore"');
    await page.screenshot({ path: join(SHOTS, "02b-column.png"), fullPage: true });
    await page.getByRole("button", { name: "Убрать" }).click();
    await page.getByText("D: Не использовать").waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Столбцы (35)" }).click();
  });

  it("selects a school's row when it is clicked", async () => {
    await page.getByRole("button", { name: /МБОУ «СОШ № 14»/ }).click();
    await page.waitForFunction(() => (window as unknown as { __fakeExcel: FakeExcel }).__fakeExcel.workbook.selection?.rect.row === 5);
    expect((await view(page)).selection).toEqual({ sheet: SHEET, row: 5 });
  });

  it("marks the table: status columns right of it, formats, a record, the user's cells untouched", async () => {
    await page.getByRole("button", { name: "Отметить в таблице" }).click();
    await page.getByText("Отмечено: столбцы AJ:AK листа «Приложение 1».").waitFor();
    const wb = await view(page);
    expect(wb.status).toEqual(["Статус ШНОР", "", "ШНОР", "ШНОР"]);
    expect(wb.formats).toBe(18);
    expect(wb.names).toEqual(["ShnorMonitor.marks1"]);
    expect(wb.snapshot.map((row) => row.slice(0, 35))).toEqual(original.map((row) => [...row, ...Array(35).fill("")].slice(0, 35)));
    await page.screenshot({ path: join(SHOTS, "03-marked.png"), fullPage: true });
  });

  it("marks again without duplicating anything", async () => {
    await page.getByRole("button", { name: "Отметить в таблице" }).click();
    await page.getByText("Отметки обновлены: столбцы AJ:AK листа «Приложение 1».").waitFor();
    const wb = await view(page);
    expect(wb.formats).toBe(18);
    expect(wb.names).toHaveLength(1);
  });

  it("generates the documents", async () => {
    await page.getByRole("button", { name: "Создать листы" }).click();
    await page.getByText(/^Созданы листы:/).waitFor();
    const wb = await view(page);
    expect(wb.sheets).toEqual(expect.arrayContaining([SHEET, "Показатели", "Дорожная карта", "Аналитическая справка"]));
    expect(wb.sheets.length).toBeGreaterThanOrEqual(6);
    await page.screenshot({ path: join(SHOTS, "04-documents.png"), fullPage: true });
  });

  it("«Скачать документы Word» in «Документы» gives the three Word documents of the sheet, built in the pane", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: STRINGS.documents.word }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(PANE_WORD_ZIP);
    const zipped = unzipSync(readFileSync((await download.path()) as string));
    expect(Object.keys(zipped).sort()).toEqual(Object.values(WORD_FILES).sort());
    const annex = readDocx(zipped[WORD_FILES.annex]).paragraphs;
    const shnor = analyzeTable(readTable(wideGrid(SEED_003))).verdicts.filter((v) => v.status === "shnor");
    expect(shnor.length).toBeGreaterThan(0);
    for (const v of shnor) expect(annex).toContain(v.school.name);
    expect(readDocx(zipped[WORD_FILES.note]).charts.length).toBeGreaterThan(0);
    await page.getByText(/^Скачан файл «shnor-dokumenty\.zip»/).waitFor();
  });

  it("«Снять отметки» asks, keeps the generated sheets unless told, then removes exactly what the add-in added", async () => {
    const before = (await view(page)).sheets;
    await page.getByRole("button", { name: "Снять отметки" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Снять отметки?").waitFor();
    await dialog.getByText(/Будут удалены столбцы отметок/).waitFor();
    // Unticked: the sheets people typed into stay, and the dialog says so.
    const sheets = dialog.getByRole("checkbox", { name: /Удалить и листы, созданные надстройкой/ });
    expect(await sheets.isChecked()).toBe(false);
    await dialog.getByText(STRINGS.clear.sheetsKept).waitFor();
    await settled(dialog);
    await page.screenshot({ path: join(SHOTS, "05-clear-dialog.png") });
    await dialog.getByRole("button", { name: "Снять", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("Снято: отметки (1).").waitFor();
    expect((await view(page)).sheets).toEqual(before);
    // Deleting the sheets is a choice, and the dialog says what is lost with them.
    await page.getByRole("button", { name: "Снять отметки" }).click();
    await dialog.getByText(STRINGS.clear.noMarks).waitFor();
    await sheets.check();
    await dialog.getByText(STRINGS.clear.sheetsWarning).waitFor();
    await dialog.getByRole("button", { name: "Снять", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText(/^Снято: листы/).waitFor();
    const wb = await view(page);
    expect(wb.sheets).toEqual([SHEET]);
    expect(wb.names).toEqual([]);
    expect(wb.formats).toBe(0);
    expect(wb.snapshot).toEqual(original);
    await page.screenshot({ path: join(SHOTS, "06-cleared.png"), fullPage: true });
  });

  it("asks before inserting columns when those right of the table hold data, and removes them again", async () => {
    const values = wideGrid(SEED_003).values.map((row) => [...row]);
    values[4][35] = "мои заметки";
    const other = await openPane(values);
    await other.getByRole("button", { name: "Анализ", exact: true }).click();
    await other.getByText("ШНОР: 2 из 2").waitFor();
    await other.getByRole("button", { name: "Отметить в таблице" }).click();
    const dialog = other.getByRole("dialog");
    await dialog.getByText(/В столбцах AJ:AK рядом с таблицей есть ваши данные/).waitFor();
    await settled(dialog);
    await other.screenshot({ path: join(SHOTS, "07-occupied.png") });
    await dialog.getByRole("button", { name: "Вставить столбцы" }).click();
    await other.getByText("Отмечено: столбцы AJ:AK листа «Приложение 1» (вставлены новые столбцы).").waitFor();
    const note = () =>
      other.evaluate(() => {
        const sheet = (window as unknown as { __fakeExcel: FakeExcel }).__fakeExcel.sheet("Приложение 1");
        return [sheet.value(4, 35), sheet.value(4, 37)];
      });
    expect(await note()).toEqual(["ШНОР", "мои заметки"]);
    await other.getByRole("button", { name: "Снять отметки" }).click();
    await other.getByRole("dialog").getByRole("button", { name: "Снять", exact: true }).click();
    await other.getByText(/^Снято: отметки \(1\)/).waitFor();
    expect(await note()).toEqual(["мои заметки", ""]);
  });

  it("made no request outside localhost and raised no error", () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
