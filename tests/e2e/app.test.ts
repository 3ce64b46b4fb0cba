/**
 * The web page (dist/app.html) in a real browser, served by `npm run app`'s
 * server: real file uploads (the system dialog reached by keyboard, and
 * setInputFiles), a column correction, «Скачать отчёт» recalculated by
 * LibreOffice and compared with what `shnor report` writes, a folder of
 * ФИС ОКО exports, a 5,000-school region, and the page opened as a file.
 * No request may leave the page's origin.
 *
 * `npm test` builds dist/ first; a missing build, chromium or soffice fails the
 * test. E2E_REQUIRED=0 turns a missing build or browser into a skip.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, FileChooser, Page } from "playwright-core";
import { writeRegionWorkbook } from "../../bench/generate";
import { startServer } from "../../scripts/serve-app";
import { main } from "../../src/cli/main";
import { readWorkbookTable } from "../../src/io/node";
import { readInputPaths } from "../../src/cli/inputs";
import { analyzeTable, columnLetter, DEFAULT_SETTINGS, explainNoTable, isCounted } from "../../src/core";
import { SHEETS_SHOWN } from "../../src/taskpane/logic";
import { STRINGS } from "../../src/taskpane/strings";
import { fisOkoGrids, wideGrid, writeWorkbook } from "../fixtures/layouts";
import { markersGrid } from "../fixtures/not-results";
import { SEED_003 } from "../fixtures/seeds";
import { parseCsv } from "../fixtures/csv";
import { EVERY_SHEET_CSV, soffice } from "../office/libreoffice";
import { chartTexts, readDocx } from "../fixtures/docx";
import { WORD_FILES } from "../../src/core/documents";
import { unzipSync } from "fflate";
import { CHROMIUM, CHROMIUM_ARGS, DIST, pageSuite, PATIENCE, patient, ROOT } from "./harness";
import { markupFixtures, WORD_XML } from "../fixtures/markup";
import { sampleCells } from "../io/formats-helpers";

const SAMPLE = join(ROOT, "samples", "prilozhenie-1.xlsx");
const SHOTS = join(__dirname, "screenshots");

const suite = pageSuite();

jest.setTimeout(PATIENCE);

const dir = mkdtempSync(join(tmpdir(), "shnor-app-"));

/** Each sheet of each book as shown, to CSV in `out`. */
const toCsv = (files: string[], out: string): void => soffice(["--convert-to", EVERY_SHEET_CSV, "--outdir", out, ...files]);

/** The CSVs LibreOffice wrote for one book, by sheet name. */
function csvSheets(out: string, stem: string): Map<string, string> {
  const sheets = new Map<string, string>();
  for (const f of readdirSync(out))
    if (f.startsWith(`${stem}-`) && f.endsWith(".csv")) sheets.set(f.slice(stem.length + 1, -4), readFileSync(join(out, f), "utf8"));
  return sheets;
}

const shnorText = (shnor: number, schools: number) => STRINGS.results.shnor(shnor, schools);

suite("the web page in chromium", () => {
  let served: { url: string; close: () => Promise<void> };
  let origin: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const outside: string[] = [];
  const pageErrors: string[] = [];

  /** A fresh page at 1366×768 (a typical office laptop); any request off the origin is refused and recorded. */
  async function openPage(url = served.url): Promise<Page> {
    const context = patient(await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "ru-RU", acceptDownloads: true }));
    contexts.push(context);
    const allowed = (u: string) => u.startsWith(`${origin}/`) || u.startsWith(`file://${DIST}/`) || /^(blob|data):/.test(u);
    await context.route("**/*", (route) => {
      if (allowed(route.request().url())) return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    context.on("request", (r) => !allowed(r.url()) && outside.push(r.url()));
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
    await page.goto(url);
    await page.getByRole("heading", { name: "ШНОР-монитор" }).waitFor();
    return page;
  }

  const upload = (page: Page, files: string | string[]) => page.getByTestId("files-input").setInputFiles(files);

  async function download(page: Page, to: string): Promise<string> {
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Скачать отчёт" }).click()]);
    await file.saveAs(to);
    return file.suggestedFilename();
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { chromium } = await import("playwright-core");
    [served, browser] = await Promise.all([
      startServer({ root: DIST, port: 0, host: "127.0.0.1" }),
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true }),
    ]);
    origin = new URL(served.url).origin;
  }, PATIENCE);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await served?.close();
  });

  describe("the sample, step by step", () => {
    let page: Page;
    beforeAll(async () => {
      page = await openPage();
    });

    it("reaches «Выбрать файлы» by keyboard and reads the chosen file: 3 ШНОР of 7", async () => {
      // Listening makes the browser hand the dialog to the test. The listener goes first, many round trips before
      // Enter (the Tab presses below), so the browser has taken it when the dialog opens: no fixed wait, no race.
      const chosen = new Promise<FileChooser>((ok) => page.once("filechooser", ok));
      let focused = "";
      for (let i = 0; i < 15 && focused !== STRINGS.page.choose; i++) {
        await page.keyboard.press("Tab");
        focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
      }
      expect(focused).toBe(STRINGS.page.choose);
      await page.keyboard.press("Enter");
      const chooser = await chosen;
      expect(chooser.isMultiple()).toBe(true);
      await chooser.setFiles(SAMPLE);
      await page.getByText(shnorText(3, 7)).waitFor();
      await page.getByText(STRINGS.results.risk(4)).waitFor();
      await page.getByRole("list", { name: STRINGS.page.listName }).getByText("prilozhenie-1.xlsx", { exact: true }).waitFor();
      await page.getByText(STRINGS.page.list(1)).waitFor();
      expect(await page.getByRole("list", { name: STRINGS.results.title }).getByRole("listitem").count()).toBe(3);
      // Readable at 1366×768: nothing wider than the window.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
      await page.screenshot({ path: join(SHOTS, "app-01-results.png") });
    });

    it("corrects a column: the table is read again with it, as the engine reads it", async () => {
      const table = await readWorkbookTable(SAMPLE);
      const before = analyzeTable(table).summary;
      // The first column whose loss changes the answer (a counted % «2»), else the first measure.
      const measures = table.columns.filter((c) => c.role.kind === "measure");
      const outcomes = await Promise.all(
        measures.map(async (c) => ({
          c,
          summary: analyzeTable(await readWorkbookTable(SAMPLE, { overrides: [{ column: c.column, as: "ignore" }] })).summary,
        })),
      );
      const chosen = outcomes.find((o) => o.summary.shnor !== before.shnor) ?? outcomes[0];
      const index = table.columns.indexOf(chosen.c);
      await page.getByRole("button", { name: `Столбцы (${table.columns.length})` }).click();
      await page.getByRole("button", { name: "Исправить" }).nth(index).click();
      await page.getByRole("combobox", { name: "Что в столбце" }).selectOption({ label: "Не использовать" });
      await page.getByRole("button", { name: "Применить и перечитать" }).click();
      await page.getByText(`${columnLetter(chosen.c.column)}: Не использовать`).waitFor();
      await page.getByText(shnorText(chosen.summary.shnor, chosen.summary.schools)).waitFor();
      await page.screenshot({ path: join(SHOTS, "app-02-corrected.png"), fullPage: true });
      await page.getByRole("button", { name: STRINGS.column.undo, exact: true }).click();
      await page.getByText(shnorText(3, 7)).waitFor();
      await page.getByRole("button", { name: `Столбцы (${table.columns.length})` }).click();
    });

    it("«Скачать отчёт» gives `shnor report`'s book: five documents, доля ШНОР 42,9 % in LibreOffice, no error cells", async () => {
      const fromPage = join(dir, "page.xlsx");
      expect(await download(page, fromPage)).toBe("prilozhenie-1-otchet.xlsx");
      await page.getByText(/^Скачан файл «prilozhenie-1-otchet\.xlsx»/).waitFor();
      await page.screenshot({ path: join(SHOTS, "app-03-downloaded.png"), fullPage: true });

      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(fromPage);
      const names = book.worksheets.map((w) => w.name);
      expect(names).toEqual(expect.arrayContaining(["Приложение 1", "Показатели", "Дорожная карта", "Аналитическая справка"]));
      expect(names.some((n) => n.startsWith("Приложение 1 ("))).toBe(true);
      // Live formulas, not values: «Показатели» counts the status column.
      let formulas = 0;
      book.getWorksheet("Показатели")!.eachRow((row) => row.eachCell((cell) => void (cell.formula && formulas++)));
      expect(formulas).toBeGreaterThan(10);

      const fromCli = join(dir, "cli.xlsx");
      expect(await main(["report", SAMPLE, "-o", fromCli], { out: () => undefined, err: (t) => pageErrors.push(t) })).toBe(0);
      const out = join(dir, "csv");
      toCsv([fromPage, fromCli], out);
      const pageSheets = csvSheets(out, "page");
      const cliSheets = csvSheets(out, "cli");
      expect([...pageSheets.keys()].sort()).toEqual([...names].sort());

      const share = parseCsv(pageSheets.get("Показатели")!).find((row) =>
        (row[1] ?? "").startsWith("Доля ОО с низкими образовательными результатами (ШНОР)"),
      );
      expect(share?.slice(3, 6)).toEqual(["3", "7", "42.9"]);
      for (const [name, text] of pageSheets)
        expect([name, text.match(/#(DIV\/0!|NAME\?|REF!|VALUE!|N\/A|NUM!)|Err:\d+/g)]).toEqual([name, null]);
      // One code path: the page's book is the command's, sheet for sheet, as LibreOffice computes them.
      expect(pageSheets).toEqual(cliSheets);
    });

    it("«Скачать документы Word» gives, built in the worker, the three documents `shnor report --word` writes, text by text", async () => {
      const to = join(dir, "page-word.zip");
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: STRINGS.page.word }).click()]);
      await file.saveAs(to);
      expect(file.suggestedFilename()).toBe("prilozhenie-1-dokumenty.zip");
      await page.getByText(/^Скачан файл «prilozhenie-1-dokumenty\.zip»/).waitFor();
      const folder = join(dir, "cli-word");
      expect(
        await main(["report", SAMPLE, "-o", join(dir, "cli-word.xlsx"), "--word", folder], {
          out: () => undefined,
          err: (t) => pageErrors.push(t),
        }),
      ).toBe(0);
      const zipped = unzipSync(readFileSync(to));
      expect(Object.keys(zipped).sort()).toEqual(Object.values(WORD_FILES).sort());
      for (const name of Object.values(WORD_FILES)) {
        const [a, b] = [readDocx(zipped[name]), readDocx(readFileSync(join(folder, name)))];
        expect(a.paragraphs).toEqual(b.paragraphs);
        expect(a.charts.map((c) => chartTexts(c.xml))).toEqual(b.charts.map((c) => chartTexts(c.xml)));
      }
    });
  });

  it("joins a folder's worth of ФИС ОКО exports (one procedure a file), as the command joins them", async () => {
    const grids = fisOkoGrids(SEED_003);
    const files = await Promise.all(
      grids.map(async (grid, i) => {
        const file = join(dir, `fisoko-${String(i + 1).padStart(2, "0")}.xlsx`);
        await writeWorkbook(file, [grid]);
        return file;
      }),
    );
    // As the command reads the same folder.
    const joined = (await readInputPaths(files)).table;
    const expected = analyzeTable(joined).summary;
    const counted = joined.procedures.filter((p) => isCounted(p, DEFAULT_SETTINGS)).length;
    const page = await openPage();
    await upload(page, files);
    await page.getByText(shnorText(expected.shnor, expected.schools)).waitFor();
    await page.getByRole("group", { name: STRINGS.recognition.procedures(joined.procedures.length, counted) }).waitFor();
    await page.getByText(STRINGS.page.list(files.length)).waitFor();
    const listed = page.getByRole("list", { name: STRINGS.page.listName }).getByRole("listitem");
    expect(await listed.allInnerTexts()).toEqual(files.map((f) => expect.stringContaining(f.split("/").pop()!)));
    const to = join(dir, "fisoko-report.xlsx");
    expect(await download(page, to)).toBe("shnor-otchet.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(to);
    expect(book.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["Свод", "Показатели", "Аналитическая справка"]));
  });

  it("lists each file's sheets: the results sheet taken, a markers sheet greyed with why it was not", async () => {
    const results = { ...wideGrid(SEED_003), sheetName: "ВПР 2019" };
    const markers = markersGrid({ schools: 30 });
    const file = join(dir, "результаты и маркеры.xlsx");
    await writeWorkbook(file, [results, markers]);
    const reading = await readInputPaths([file]);
    const expected = analyzeTable(reading.table).summary;
    const why = explainNoTable(markers);
    expect(why).toMatch(/^это признаки необъективности/);
    const page = await openPage();
    await upload(page, file);
    await page.getByText(shnorText(expected.shnor, expected.schools)).waitFor();
    const t = STRINGS.recognition.files;
    const list = page.getByTestId("file-sheets");
    await list.getByText(t.title(1, 2, 1)).waitFor();
    await list.getByText(t.file("результаты и маркеры.xlsx", "xlsx")).waitFor();
    const taken = list.getByText(t.sheet("ВПР 2019", true, reading.files[0].sheets[0].what));
    const notTaken = list.getByText(t.sheet(markers.sheetName!, false, why!));
    await notTaken.waitFor();
    expect(await taken.getAttribute("data-taken")).toBe("yes");
    expect(await notTaken.getAttribute("data-taken")).toBe("no");
    // Greyed: the reason's line is drawn in another, lighter colour than a taken sheet's.
    const colour = (el: Element) => getComputedStyle(el).color;
    const [plain, grey] = [await taken.evaluate(colour), await notTaken.evaluate(colour)];
    expect(grey).not.toBe(plain);
    const light = (rgb: string) =>
      rgb
        .match(/\d+/g)!
        .slice(0, 3)
        .reduce((n, x) => n + Number(x), 0);
    expect(light(grey)).toBeGreaterThan(light(plain));
    await page.screenshot({ path: join(SHOTS, "app-05-sheets.png"), fullPage: true });
  });

  it("a long list of sheets shows its first 10 and «Показать все листы (N)» opens the rest", async () => {
    // A results sheet, then 11 sheets of notes: 12 sheet lines.
    const notes = Array.from({ length: 11 }, (_, i) => ({ values: [[`Пояснение ${i + 1}`]], sheetName: `Пояснение ${i + 1}` }));
    const file = join(dir, "много листов.xlsx");
    await writeWorkbook(file, [{ ...wideGrid(SEED_003), sheetName: "ВПР 2019" }, ...notes]);
    const reading = await readInputPaths([file]);
    const page = await openPage();
    await upload(page, file);
    const t = STRINGS.recognition.files;
    const list = page.getByTestId("file-sheets");
    await list.getByText(t.title(1, 12, 1)).waitFor();
    const lines = list.locator("[data-taken]");
    expect(await lines.count()).toBe(SHEETS_SHOWN);
    await list.getByRole("button", { name: t.showAll(12) }).click();
    await list.getByText(t.sheet("Пояснение 11", false, reading.files[0].sheets[11].what)).waitFor();
    expect(await lines.count()).toBe(12);
    expect(await list.locator('[data-taken="no"]').count()).toBe(11);
    await list.getByRole("button", { name: t.showFewer }).click();
    await list.getByRole("button", { name: t.showAll(12) }).waitFor();
    expect(await lines.count()).toBe(SHEETS_SHOWN);
  });

  it("reads a 5,000-school region in the worker with a visible progress bar, and the page keeps drawing", async () => {
    const file = join(dir, "region-5000.xlsx");
    await writeRegionWorkbook(file, 5000);
    const expected = analyzeTable(await readWorkbookTable(file)).summary;
    const page = await openPage();
    // Frames drawn while the progress bar shows: a page frozen by the reading draws none. The longest gap is logged.
    await page.evaluate(() => {
      const w = window as unknown as { maxGap: number; lastFrame: number; framesWhileReading: number };
      w.maxGap = 0;
      w.framesWhileReading = 0;
      w.lastFrame = performance.now();
      const tick = (t: number) => {
        w.maxGap = Math.max(w.maxGap, t - w.lastFrame);
        w.lastFrame = t;
        if (document.querySelector('[role="status"] [role="progressbar"]')) w.framesWhileReading++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const started = Date.now();
    await upload(page, file);
    const status = page.getByRole("status").filter({ has: page.getByRole("progressbar") });
    await status.waitFor();
    await page.screenshot({ path: join(SHOTS, "app-04-progress.png") });
    await page.getByText(shnorText(expected.shnor, expected.schools)).waitFor();
    const took = Date.now() - started;
    const { maxGap, framesWhileReading } = await page.evaluate(() => {
      const w = window as unknown as { maxGap: number; framesWhileReading: number };
      return { maxGap: w.maxGap, framesWhileReading: w.framesWhileReading };
    });
    console.log(
      `5,000 schools in the page: ${took} ms; ${framesWhileReading} frames drawn while reading; longest frame gap ${Math.round(maxGap)} ms`,
    );
    // Not timed (the machine decides how fast): the condition is that the page went on drawing while the worker read.
    expect(framesWhileReading).toBeGreaterThan(1);
    await status.waitFor({ state: "detached" });
  });

  it("works opened straight from the folder (file://), the engine then running on the page", async () => {
    const page = await openPage(`file://${join(DIST, "app.html")}`);
    await upload(page, SAMPLE);
    await page.getByText(shnorText(3, 7)).waitFor();
    const to = join(dir, "file-report.xlsx");
    expect(await download(page, to)).toBe("prilozhenie-1-otchet.xlsx");
    expect(readFileSync(to).subarray(0, 2).toString()).toBe("PK");
  });

  it("reads a 1С page saved as «.xls» in Windows-1251 as the command does, and leaves a Word XML beside it out with why", async () => {
    const sample = await sampleCells();
    const page1c = join(dir, "выгрузка 1С.xls");
    writeFileSync(page1c, markupFixtures(() => sample).oneCPage());
    const word = join(dir, "приказ.xml");
    writeFileSync(word, WORD_XML);
    const reading = await readInputPaths([page1c, word]);
    expect(reading.files.map((f) => [f.format, f.skipped !== undefined])).toEqual([
      ["html", false],
      ["xml", true],
    ]);
    const page = await openPage();
    await upload(page, [page1c, word]);
    await page.getByText(shnorText(3, 7)).waitFor();
    const t = STRINGS.recognition.files;
    const list = page.getByTestId("file-sheets");
    await list.getByText(t.file("выгрузка 1С.xls", "html")).waitFor();
    await list.getByText(t.skipped("приказ.xml", "xml", reading.files[1].skipped!)).waitFor();
    // The school's name comes back exactly, «» and all, from the Windows-1251 bytes.
    await page.getByText("МБОУ «Ариничевская СОШ»").first().waitFor();
  });

  it("a file that is not a workbook gets one Russian message", async () => {
    const page = await openPage();
    const bad = join(dir, "notes.xlsx");
    writeFileSync(bad, "это не книга");
    await upload(page, bad);
    // The file layer's message, one Russian sentence naming the file.
    await page.getByText(STRINGS.errors.title).waitFor();
    await page.getByText(/«notes\.xlsx»/).waitFor();
  });

  it("made no request outside the page's origin and raised no error", () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
