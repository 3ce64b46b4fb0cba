/**
 * The page's «Формы для школ» and «Собрать формы» in chromium, against the
 * command on the same files: a district's report chosen on the page gives the
 * forms `shnor forms` writes (every sheet, the very hidden identity too, cell
 * for cell), and the forms returned — valid ones, text in a number cell, one
 * saved as .ods by LibreOffice under another name, one sent twice, one school
 * silent — give the NEW `shnor collect-forms` writes, cell for cell. A report
 * downloaded on the page is the one its forms are signed for; without a
 * report the page says what to do.
 *
 * A missing build or browser fails the test; E2E_REQUIRED=0 turns it into a skip.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import type { BrowserContext, Page } from "playwright-core";
import { FORMS_ZIP_NAME } from "../../src/writers/forms";
import { STRINGS } from "../../src/taskpane/strings";
import { run, sha } from "../cli/run";
import { soffice } from "../office/libreoffice";
import { wideGrid, writeWorkbook } from "../fixtures/layouts";
import { SEED_001, SeedTable } from "../fixtures/seeds";
import { pageSuite, PATIENCE, patient, servePage } from "./harness";

const suite = pageSuite();

jest.setTimeout(PATIENCE);

const dir = mkdtempSync(join(tmpdir(), "shnor-app-forms-"));

/** Seed 001's district with each school's login in brackets, as ФИС ОКО writes it. */
const district: SeedTable = {
  ...SEED_001,
  rows: SEED_001.rows.map((r, i) => ({ ...r, ids: [`${r.ids[0]} (edu4300${String(i + 1).padStart(2, "0")})`] })),
};

type Cells = Record<string, { state: string; cells: Record<string, unknown> }>;

/** Every sheet (hidden ones too) with its visibility and its cell values by address, as exceljs reads them back. */
async function cells(file: string): Promise<Cells> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const out: Cells = {};
  for (const ws of book.worksheets) {
    const sheet: Record<string, unknown> = {};
    ws.eachRow((row) => row.eachCell((cell) => void (sheet[cell.address] = cell.value)));
    out[ws.name] = { state: ws.state, cells: sheet };
  }
  return out;
}

/** Each form of a folder, by file name. */
async function formsIn(folder: string): Promise<Record<string, Cells>> {
  const out: Record<string, Cells> = {};
  for (const f of readdirSync(folder).sort()) out[f] = await cells(join(folder, f));
  return out;
}

/** The forms of a downloaded .zip, unpacked into `to`. */
function unzip(zip: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zip)))) writeFileSync(join(to, name), bytes);
}

/** Fills a form as a school does, finding its rows by their text: each indicator's numerator and denominator, each activity's mark. */
async function fill(
  form: string,
  to: string,
  numerator: (k: number) => number | string,
  denominator: (k: number) => number,
): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(form);
  const indicators = book.getWorksheet("Показатели")!;
  let k = 0;
  indicators.eachRow((row, r) => {
    if (r <= 6 || typeof row.getCell(1).value !== "number") return;
    row.getCell(3).value = numerator(k);
    if (row.getCell(4).value !== "—") row.getCell(4).value = denominator(k);
    k++;
  });
  const roadmap = book.getWorksheet("Дорожная карта")!;
  roadmap.eachRow((row) => {
    if (row.getCell(1).value === "1.1.") row.getCell(4).value = "выполнено";
    if (row.getCell(1).value === "1.2.") {
      row.getCell(4).value = "в работе";
      row.getCell(5).value = "перенесено на май";
    }
  });
  await book.xlsx.writeFile(to);
}

suite("forms for schools on the page", () => {
  let served: Awaited<ReturnType<typeof servePage>>;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  const report = join(dir, "district-otchet.xlsx");
  const returned: string[] = [];
  let cliForms: Record<string, Cells>;
  let reportHash: string;

  beforeAll(async () => {
    await writeWorkbook(join(dir, "district.xlsx"), [wideGrid(district)]);
    const made = await run("report", join(dir, "district.xlsx"), "-o", report);
    expect([made.code, made.stderr]).toEqual([0, ""]);
    const forms = await run("forms", report, "-o", join(dir, "cli-forms"));
    expect([forms.code, forms.stderr]).toEqual([0, ""]);
    reportHash = sha(report);
    cliForms = await formsIn(join(dir, "cli-forms"));
    const names = Object.keys(cliForms);
    // Seed 001's district has three ШНОР: one answers well, one types text in a number cell, one never answers.
    expect(names).toHaveLength(3);
    const back = join(dir, "returned");
    mkdirSync(back);
    await fill(
      join(dir, "cli-forms", names[0]),
      join(back, "ответ первой школы.xlsx"),
      (k) => 3 + k,
      (k) => 20 + k,
    );
    await fill(
      join(dir, "cli-forms", names[1]),
      join(dir, "вторая.xlsx"),
      (k) => (k === 0 ? "семь" : 4 + k),
      (k) => 30 + k,
    );
    // The second school saves its form in LibreOffice as .ods, under a name of its own, and sends it twice.
    soffice(["--convert-to", "ods", "--outdir", join(dir, "ods"), join(dir, "вторая.xlsx")]);
    renameSync(join(dir, "ods", "вторая.ods"), join(back, "Показатели, финал.ods"));
    copyFileSync(join(back, "Показатели, финал.ods"), join(back, "Показатели, финал (2).ods"));
    returned.push(...readdirSync(back).map((f) => join(back, f)));

    served = await servePage();
  }, PATIENCE);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await served?.close();
  });

  async function openPage(files: string | string[]): Promise<Page> {
    const context = patient(
      await served.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "ru-RU", acceptDownloads: true }),
    );
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(served.url);
    await page.getByRole("heading", { name: "ШНОР-монитор" }).waitFor();
    await page.getByTestId("files-input").setInputFiles(files);
    await page.getByText(STRINGS.results.shnor(3, 7)).waitFor();
    return page;
  }

  async function downloadOf(page: Page, click: () => Promise<void>, to: string): Promise<string> {
    const [file] = await Promise.all([page.waitForEvent("download"), click()]);
    await file.saveAs(to);
    return file.suggestedFilename();
  }

  const makeForms = (page: Page) => page.getByRole("button", { name: STRINGS.forms.make }).click();

  describe("with the report chosen", () => {
    let page: Page;
    beforeAll(async () => {
      page = await openPage(report);
    });

    it("«Формы для школ» downloads a .zip of the forms `shnor forms` writes, cell for cell", async () => {
      const zip = join(dir, "page-forms.zip");
      expect(await downloadOf(page, () => makeForms(page), zip)).toBe(FORMS_ZIP_NAME);
      await page.getByText(STRINGS.forms.made(3, FORMS_ZIP_NAME, "district-otchet.xlsx")).waitFor();
      unzip(zip, join(dir, "page-forms"));
      const fromPage = await formsIn(join(dir, "page-forms"));
      expect(Object.keys(fromPage)).toEqual(Object.keys(cliForms));
      expect(fromPage).toEqual(cliForms);
      // The identity the collector matches by travels in a very hidden sheet.
      expect(Object.values(fromPage)[0]["ШНОР-монитор"].state).toBe("veryHidden");
    });

    it("«Собрать формы» takes the returned files from the dialog and downloads `shnor collect-forms`'s NEW, cell for cell", async () => {
      const cliNew = join(dir, "cli-new.xlsx");
      const cli = await run("collect-forms", ...returned, "--into", report, "-o", cliNew, "--json");
      expect([cli.code, cli.stderr]).toEqual([0, ""]);
      const json = JSON.parse(cli.stdout) as { schools: { status: string }[]; rejected: { value: unknown }[] };
      expect(json.schools.map((s) => s.status).sort()).toEqual(["missing", "received", "received"]);
      expect(json.rejected.map((r) => r.value)).toEqual(["семь"]);

      const chosen = page.waitForEvent("filechooser");
      const [file] = await Promise.all([
        page.waitForEvent("download"),
        (async () => {
          await page.getByRole("button", { name: STRINGS.forms.collect }).click();
          await (await chosen).setFiles(returned);
        })(),
      ]);
      const pageNew = join(dir, "page-new.xlsx");
      await file.saveAs(pageNew);
      expect(file.suggestedFilename()).toBe("district-otchet-sobrano.xlsx");
      await page.getByText(/^Скачан файл «district-otchet-sobrano\.xlsx»\. Сбор форм от ОО .*учтены формы 2 из 3; не ответили: /).waitFor();
      await page.screenshot({ path: join(__dirname, "screenshots", "app-forms-collected.png"), fullPage: true });
      const [fromPage, fromCli] = await Promise.all([cells(pageNew), cells(cliNew)]);
      expect(Object.keys(fromPage)).toContain("Сбор форм");
      expect(fromPage).toEqual(fromCli);
      // The report chosen is only read.
      expect(sha(report)).toBe(reportHash);
    });
  });

  it("a report downloaded on the page: its forms are signed for it, as `shnor forms` makes them from it", async () => {
    const page = await openPage(join(dir, "district.xlsx"));
    const downloaded = join(dir, "page-otchet.xlsx");
    expect(await downloadOf(page, () => page.getByRole("button", { name: STRINGS.page.report }).click(), downloaded)).toBe(
      "district-otchet.xlsx",
    );
    await page.getByText(/^Скачан файл «district-otchet\.xlsx»/).waitFor();
    const zip = join(dir, "downloaded-forms.zip");
    await downloadOf(page, () => makeForms(page), zip);
    unzip(zip, join(dir, "downloaded-forms"));
    const forms = await run("forms", downloaded, "-o", join(dir, "downloaded-cli-forms"));
    expect(forms.code).toBe(0);
    expect(await formsIn(join(dir, "downloaded-forms"))).toEqual(await formsIn(join(dir, "downloaded-cli-forms")));
    // And not for the report made by the command from the same file (another report, another key).
    expect(await formsIn(join(dir, "downloaded-forms"))).not.toEqual(cliForms);
  });

  it("without a report, «Формы для школ» says how to get one; the report picked next to the list gives the forms", async () => {
    const page = await openPage(join(dir, "district.xlsx"));
    await makeForms(page);
    await page.getByText(STRINGS.forms.noReport).waitFor();
    // A second pick adds the report to the page's list: the forms are made from the one report in it.
    await page.getByTestId("files-input").setInputFiles(report);
    await page.getByRole("group", { name: STRINGS.page.list(2) }).waitFor();
    await page.getByText(STRINGS.results.shnor(3, 7)).waitFor();
    const zip = join(dir, "listed-forms.zip");
    expect(await downloadOf(page, () => makeForms(page), zip)).toBe(FORMS_ZIP_NAME);
    await page.getByText(STRINGS.forms.made(3, FORMS_ZIP_NAME, "district-otchet.xlsx")).waitFor();
    unzip(zip, join(dir, "listed-forms"));
    expect(await formsIn(join(dir, "listed-forms"))).toEqual(cliForms);
  });

  it("raised no error on the page", () => {
    expect(errors).toEqual([]);
  });
});
