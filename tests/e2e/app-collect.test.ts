/**
 * The page's «Скачать сводную таблицу» in chromium: a municipality's ФИС ОКО
 * exports (one book of four procedures, four one-procedure books of the year
 * before) chosen on the page give the book `shnor collect` writes, cell for
 * cell, and `shnor analyze` reads both to the same answer. Also opened as a
 * file, where the engine runs on the page instead of its worker.
 *
 * A missing build or browser fails the test; E2E_REQUIRED=0 turns it into a skip.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { startServer } from "../../scripts/serve-app";
import { STRINGS } from "../../src/taskpane/strings";
import { run } from "../cli/run";
import { writeWorkbook } from "../fixtures/layouts";
import { makeMunicipality, procedureId, statGrid } from "../fixtures/fisoko";
import { CHROMIUM, CHROMIUM_ARGS, DIST, pageSuite, PATIENCE, patient } from "./harness";

const suite = pageSuite();

jest.setTimeout(PATIENCE);

const dir = mkdtempSync(join(tmpdir(), "shnor-app-collect-"));
const m = makeMunicipality(7331, 25, [2025, 2026]);
m.schools[2].renamed = { name: "МБОУ «Школа № 7 имени А. С. Пушкина»", from: 2026 };

/** Every sheet's cell values by address, as exceljs reads them back. */
async function cells(file: string): Promise<Record<string, Record<string, unknown>>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const out: Record<string, Record<string, unknown>> = {};
  for (const ws of book.worksheets) {
    const sheet: Record<string, unknown> = {};
    ws.eachRow((row) => row.eachCell((cell) => void (sheet[cell.address] = cell.value)));
    out[ws.name] = sheet;
  }
  return out;
}

interface Answer {
  schools: { name: string; login: string | null; status: string; criteria: number[] }[];
  summary: unknown;
  years: number[];
}
const answer = (a: Answer) => ({
  summary: a.summary,
  years: a.years,
  schools: a.schools.map((s) => [s.login, s.name, s.status, s.criteria]),
});

async function analyze(file: string): Promise<Answer> {
  const r = await run("analyze", file, "--json");
  expect([r.code, r.stderr]).toEqual([0, ""]);
  return JSON.parse(r.stdout) as Answer;
}

suite("«Скачать сводную таблицу» on the page", () => {
  let served: { url: string; close: () => Promise<void> };
  let browser: Browser;
  const files: string[] = [];
  const errors: string[] = [];
  let fromCli: string;

  beforeAll(async () => {
    const later = m.procedures.filter((p) => p.year === 2026);
    const book = join(dir, "ВПР 2026.xlsx");
    await writeWorkbook(book, [
      { values: [["Выгрузка ФИС ОКО"]], sheetName: "Титул" },
      ...later.map((p, i) => statGrid(m, p, { titleHeight: [7, 3, 1, 7][i] })),
    ]);
    files.push(book);
    for (const p of m.procedures.filter((q) => q.year === 2025)) {
      const file = join(dir, `${procedureId(p)}.xlsx`);
      await writeWorkbook(file, [statGrid(m, p, { prefix: "sch" })]);
      files.push(file);
    }
    fromCli = join(dir, "cli-svod.xlsx");
    const c = await run("collect", ...files, "-o", fromCli);
    expect([c.code, c.stderr]).toEqual([0, ""]);

    const { chromium } = await import("playwright-core");
    [served, browser] = await Promise.all([
      startServer({ root: DIST, port: 0, host: "127.0.0.1" }),
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true }),
    ]);
  }, PATIENCE);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  /** Opens the page, chooses the exports, waits for the answer and downloads the summary table. */
  async function collectOnPage(url: string, to: string): Promise<string> {
    const context = patient(await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "ru-RU", acceptDownloads: true }));
    const page: Page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await page.goto(url);
      await page.getByRole("heading", { name: "ШНОР-монитор" }).waitFor();
      await page.getByTestId("files-input").setInputFiles(files);
      const expected = (await analyze(fromCli)).summary as { shnor: number; schools: number };
      await page.getByText(STRINGS.results.shnor(expected.shnor, expected.schools)).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: STRINGS.page.collect }).click(),
      ]);
      await download.saveAs(to);
      await page.getByText(new RegExp(`^Скачан файл «${download.suggestedFilename()}».*ОО — 25`)).waitFor();
      return download.suggestedFilename();
    } finally {
      await context.close();
    }
  }

  it("in the worker: the same book as `shnor collect`, cell for cell, and the same answer read back", async () => {
    const fromPage = join(dir, "page-svod.xlsx");
    expect(await collectOnPage(served.url, fromPage)).toBe("shnor-svod.xlsx");
    const [page, cli] = await Promise.all([cells(fromPage), cells(fromCli)]);
    expect(Object.keys(page)).toEqual(["Свод", "Распознавание"]);
    expect(Object.keys(page["Свод"]).length).toBeGreaterThan(25 * 4);
    expect(page).toEqual(cli);
    expect(answer(await analyze(fromPage))).toEqual(answer(await analyze(fromCli)));
  });

  it("opened as a file, the engine on the page writes the same book", async () => {
    const fromPage = join(dir, "file-svod.xlsx");
    expect(await collectOnPage(`file://${join(DIST, "app.html")}`, fromPage)).toBe("shnor-svod.xlsx");
    expect(await cells(fromPage)).toEqual(await cells(fromCli));
  });

  it("raised no error on the page", () => {
    expect(errors).toEqual([]);
  });
});
