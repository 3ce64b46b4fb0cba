/**
 * The page's «Задания» in chromium: Ф1 exports with task columns chosen on the
 * page show each procedure's completions (the engine's, coloured by zone, the
 * schools in the order read), and «Скачать отчёт» holds the «Задания» sheet
 * `shnor report` writes, cell for cell.
 *
 * A missing build or browser fails the test; E2E_REQUIRED=0 turns it into a skip.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { readTable, taskAnalysis } from "../../src/core";
import { ZONE_FILL } from "../../src/core/documents/tasks-sheet";
import { STRINGS } from "../../src/taskpane/strings";
import { run } from "../cli/run";
import { writeWorkbook } from "../fixtures/layouts";
import { f1Grid, makeF1 } from "../fixtures/tasks";
import { pageSuite, PATIENCE, patient, servePage } from "./harness";

const suite = pageSuite();

jest.setTimeout(PATIENCE);

const dir = mkdtempSync(join(tmpdir(), "shnor-app-tasks-"));
const ru = makeF1(51, 12, undefined, "Русский язык");
const ma = makeF1(52, 12, undefined, "Математика");

async function sheetCells(file: string, name: string): Promise<Record<string, unknown>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const out: Record<string, unknown> = {};
  book.getWorksheet(name)?.eachRow((row) => row.eachCell((cell) => void (out[cell.address] = cell.value)));
  return out;
}

suite("«Задания» on the page", () => {
  let site: Awaited<ReturnType<typeof servePage>>;
  const files = [join(dir, "РУ 5.xlsx"), join(dir, "МА 5.xlsx")];
  const errors: string[] = [];
  let fromCli: string;

  beforeAll(async () => {
    await writeWorkbook(files[0], [f1Grid(ru)]);
    await writeWorkbook(files[1], [f1Grid(ma)]);
    fromCli = join(dir, "cli.xlsx");
    const r = await run("report", ...files, "-o", fromCli);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    site = await servePage();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("shows the engine's completions by school and for all, coloured by zone, and downloads the same sheet", async () => {
    const context = patient(
      await site.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "ru-RU", acceptDownloads: true }),
    );
    const page: Page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await page.goto(site.url);
      await page.getByRole("heading", { name: "ШНОР-монитор" }).waitFor();
      await page.getByTestId("files-input").setInputFiles(files);
      await page
        .getByText(/^ШНОР: \d+ из 12/)
        .first()
        .waitFor();
      await page.getByRole("button", { name: STRINGS.tasks.title }).click();
      const section = page.getByTestId("tasks");
      await section.getByText("ВПР математика 5 кл. 2026", { exact: true }).waitFor();

      const p = taskAnalysis(readTable(f1Grid(ma)).pupils ?? []).procedures[0];
      const table = section.getByRole("region", { name: "ВПР математика 5 кл. 2026" }).locator("table");
      const rows = await table
        .locator("tbody tr")
        .evaluateAll((trs) =>
          trs.map((tr) => Array.from(tr.children).map((c) => [c.textContent ?? "", (c as HTMLElement).style.backgroundColor])),
        );
      expect(rows.map((r) => r[0][0])).toEqual([...ma.schools.map((s) => s.name), "Все ОО вместе"]);
      const rgb = (hex: string) => `rgb(${[0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
      [...p.schools, p.all].forEach((line, i) =>
        expect(rows[i].slice(2)).toEqual(
          line.figures.map((f) => [
            f.completion === null ? "—" : (Math.round(f.completion * 10) / 10).toFixed(1).replace(".", ","),
            f.zone ? rgb(ZONE_FILL[f.zone]) : "",
          ]),
        ),
      );

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Скачать отчёт" }).click()]);
      const fromPage = join(dir, "page.xlsx");
      await download.saveAs(fromPage);
      const [onPage, cli] = await Promise.all([sheetCells(fromPage, "Задания"), sheetCells(fromCli, "Задания")]);
      expect(Object.keys(onPage).length).toBeGreaterThan(2 * 13 * 15);
      expect(onPage).toEqual(cli);
    } finally {
      await context.close();
    }
  });

  it("raised no error on the page", () => {
    expect(errors).toEqual([]);
  });
});
