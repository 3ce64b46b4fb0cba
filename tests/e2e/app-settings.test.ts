/**
 * The page (dist/app.html) in chromium on a book the add-in saved settings in:
 * the notice says what came from the book, the form shows the stored
 * threshold, the answer is `shnor analyze`'s; unticking the checkbox gives
 * `--ignore-book-settings`'s answer; the downloaded report carries the
 * settings part as `shnor report` writes it. No request leaves the origin.
 *
 * A missing build or browser fails the test; E2E_REQUIRED=0 turns it into a skip.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startServer } from "../../scripts/serve-app";
import { readSettingsXml, resolveSettings, settingsXml, StoredSettings } from "../../src/core";
import { fileSource } from "../../src/io/node";
import { readStoredSettings } from "../../src/io/open";
import { STRINGS } from "../../src/taskpane/strings";
import { run } from "../cli/run";
import { injectCustomXml } from "../fixtures/custom-xml";
import { wideGrid, writeWorkbook } from "../fixtures/layouts";
import { SEED_003 } from "../fixtures/seeds";
import { CHROMIUM, CHROMIUM_ARGS, DIST, pageSuite, PATIENCE, patient } from "./harness";

const suite = pageSuite();

jest.setTimeout(PATIENCE);

const dir = mkdtempSync(join(tmpdir(), "shnor-app-settings-"));
const SHEET = "Приложение 1";
const STORED: StoredSettings = {
  settings: resolveSettings({ threshold: 35, criterion2: "same" }),
  // «ВПР РУ 5 2019 % 2» not used: it changes a school's answer (tests/cli/settings.test.ts).
  overrides: { [SHEET]: [{ column: 11, as: "ignore" }] },
  source: "sheet",
  documents: { order: { number: "512" } },
};

async function summary(...args: string[]): Promise<{ shnor: number; schools: number; risk: number }> {
  const r = await run("analyze", ...args, "--json");
  expect([r.code, r.stderr]).toEqual([0, ""]);
  return JSON.parse(r.stdout).summary;
}

suite("the page on a book with the add-in's settings", () => {
  let served: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let book: string;
  const outside: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(join(__dirname, "screenshots"), { recursive: true });
    book = join(dir, "stored.xlsx");
    await writeWorkbook(book, [wideGrid(SEED_003)]);
    injectCustomXml(book, [{ n: 1, xml: settingsXml(STORED) }]);
    const { chromium } = await import("playwright-core");
    [served, browser] = await Promise.all([
      startServer({ root: DIST, port: 0, host: "127.0.0.1" }),
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true }),
    ]);
    const origin = new URL(served.url).origin;
    context = patient(await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "ru-RU", acceptDownloads: true }));
    const allowed = (u: string) => u.startsWith(`${origin}/`) || /^(blob|data):/.test(u);
    await context.route("**/*", (route) => {
      if (allowed(route.request().url())) return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(served.url);
    await page.getByRole("heading", { name: "ШНОР-монитор" }).waitFor();
  }, PATIENCE);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.close();
  });

  const threshold = () => page.getByRole("textbox", { name: STRINGS.settings.threshold });
  /** The threshold the form shows, the settings section opened if a reading closed it. */
  async function shownThreshold(): Promise<string> {
    if (!(await threshold().isVisible())) await page.getByRole("button", { name: STRINGS.settings.title }).click();
    return threshold().inputValue();
  }
  /** The checkbox is disabled while the file is read again: enabled, the reading is done. */
  async function readDone(): Promise<void> {
    // The checkbox is looked up again at each poll: the note may be drawn anew while the file
    // is read, and a handle to the checkbox it had would stay disabled for ever.
    await page.waitForFunction(
      (label) =>
        Array.from(document.querySelectorAll<HTMLInputElement>("input[type=checkbox]")).some(
          (el) => !el.disabled && Array.from(el.labels ?? []).some((l) => l.textContent?.trim() === label),
        ),
      STRINGS.page.book.apply,
      { polling: 100 },
    );
    expect(await page.getByRole("checkbox", { name: STRINGS.page.book.apply }).isDisabled()).toBe(false);
  }

  it("applies the stored settings: the notice, the stored threshold in the form, `shnor analyze`'s answer", async () => {
    const expected = await summary(book);
    const defaults = await summary(book, "--ignore-book-settings");
    // The test can fail: the book's settings change the answer.
    expect(expected).not.toEqual(defaults);
    await page.getByTestId("files-input").setInputFiles(book);
    await page.getByText(STRINGS.results.shnor(expected.shnor, expected.schools)).waitFor();
    await page.getByText(STRINGS.results.risk(expected.risk)).waitFor();
    const notice = page.getByText(/^Настройки из книги «stored\.xlsx»: порог 35 %/);
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /критерий 2 — та же процедура в обоих годах.*исправления столбцов листа «Приложение 1»: 1\.$/,
    );
    await page.getByRole("button", { name: STRINGS.settings.title }).click();
    expect(await threshold().inputValue()).toBe("35");
    await page.getByText(STRINGS.page.book.saved).waitFor();
    await page.screenshot({ path: join(__dirname, "screenshots", "app-05-book-settings.png"), fullPage: true });
    // The book's settings are the book's: the browser does not remember them.
    expect(await page.evaluate(() => localStorage.getItem("shnor-monitor.settings") ?? "")).not.toMatch(/"threshold":35/);
  });

  it("a threshold changed on the page wins, and the notice says so", async () => {
    const expected = await summary(book, "--threshold", "30");
    await threshold().fill("30");
    await page.getByText(/; изменены на странице: порог 30 %\.$/).waitFor();
    await page.getByText(STRINGS.results.shnor(expected.shnor, expected.schools)).waitFor();
    await threshold().fill("35");
    await page.getByText(/^Настройки из книги «stored\.xlsx»: порог 35 %/).waitFor();
  });

  it("unticking «Применять настройки, сохранённые в книге» gives the defaults' answer, ticking it the book's again", async () => {
    const defaults = await summary(book, "--ignore-book-settings");
    const expected = await summary(book);
    const box = page.getByRole("checkbox", { name: STRINGS.page.book.apply });
    expect(await box.isChecked()).toBe(true);
    await box.click();
    await readDone();
    await page.getByText(/^Настройки по умолчанию: сохранённые в книге не применяются/).waitFor();
    await page.getByText(STRINGS.results.shnor(defaults.shnor, defaults.schools)).waitFor();
    expect(await shownThreshold()).toBe("30");
    await box.click();
    await readDone();
    await page.getByText(/^Настройки из книги «stored\.xlsx»: порог 35 %/).waitFor();
    await page.getByText(STRINGS.results.shnor(expected.shnor, expected.schools)).waitFor();
    expect(await shownThreshold()).toBe("35");
  });

  it("«Скачать отчёт» carries the settings used, as `shnor report` stores them", async () => {
    const to = join(dir, "page-report.xlsx");
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: STRINGS.page.report }).click()]);
    await file.saveAs(to);
    const source = await fileSource(to);
    const part = readSettingsXml(await readStoredSettings(source));
    await source.close?.();
    expect(part.notices).toEqual([]);
    expect(part.stored?.settings).toEqual(STORED.settings);
    expect(part.stored?.overrides).toEqual(STORED.overrides);
    expect(part.stored?.documents?.order).toMatchObject({ number: "512" });
    expect(part.stored?.generatedSheets).toEqual(expect.arrayContaining(["Показатели", "Аналитическая справка"]));
    // Opened again, the report gives the book's answer.
    expect(await summary(to)).toEqual(await summary(book));
  });

  it("several files: none applied, and the page says why in the command's words", async () => {
    const other = join(dir, "other.xlsx");
    await writeWorkbook(other, [wideGrid(SEED_003, { sheetName: "Другой" })]);
    await page.getByTestId("files-input").setInputFiles([book, other]);
    await page.getByText(STRINGS.page.book.notApplied).waitFor();
    await page.getByText(/^Настройки, сохранённые в книгах \(«stored\.xlsx»\), не применены: прочитано несколько файлов/).waitFor();
    expect(await page.getByRole("checkbox", { name: STRINGS.page.book.apply }).count()).toBe(0);
    if (!(await threshold().isVisible())) await page.getByRole("button", { name: STRINGS.settings.title }).click();
    expect(await threshold().inputValue()).toBe("30");
  });

  it("made no request outside the page's origin and raised no error", () => {
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  });
});
