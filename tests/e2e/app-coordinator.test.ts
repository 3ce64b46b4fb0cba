/**
 * The coordinator's path on the web page (issue 19), in Chromium: a folder `2024/` of ФИС ОКО
 * exports and a book `2025.xlsx`, 26 schools, 6 ШНОР by the rule applied by hand. Picked one after
 * the other (the file dialog cannot pick from two folders at once), by «Выбрать папку», or dropped as
 * a folder, the page keeps every file it was given and answers «ШНОР: 6 из 26»; a file can be taken
 * out, «Очистить» starts over, and the page's words are the page's own.
 *
 * A missing build or browser fails the test; E2E_REQUIRED=0 turns it into a skip.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { STRINGS } from "../../src/taskpane/strings";
import { coordinatorAnswer, CoordinatorFiles, writeCoordinatorYear } from "../fixtures/coordinator";
import { dropPaths, pageSuite, PATIENCE, patient, servePage } from "./harness";

const suite = pageSuite();

jest.setTimeout(PATIENCE);

const dir = mkdtempSync(join(tmpdir(), "shnor-app-coordinator-"));
const SHOTS = join(__dirname, "screenshots");
const shnor = (n: number, of: number) => STRINGS.results.shnor(n, of);

suite("the coordinator's year on the page", () => {
  let site: Awaited<ReturnType<typeof servePage>>;
  let browser: Browser;
  let files: CoordinatorFiles;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  const answer = coordinatorAnswer();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    files = await writeCoordinatorYear(dir);
    site = await servePage();
    browser = site.browser;
  }, PATIENCE);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await site?.close();
  });

  async function openPage(): Promise<Page> {
    const context = patient(await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "ru-RU" }));
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(site.url);
    await page.getByRole("heading", { name: "ШНОР-монитор" }).waitFor();
    return page;
  }

  const listed = (page: Page) => page.getByRole("list", { name: STRINGS.page.listName }).getByRole("listitem");
  const names = async (page: Page) =>
    (await listed(page).allInnerTexts()).map((t) => t.replace(new RegExp(`\\s*${STRINGS.page.remove}$`), ""));
  const folderNames = () => files.folderFiles.map((f) => relative(dir, f));

  it("the hand rule's answer is 6 of 26, and 2025 alone would give 4", () => {
    expect(answer).toMatchObject({ both: 6, laterOnly: 4, schools: 26 });
  });

  it("2024's files picked, then 2025.xlsx picked: «ШНОР: 6 из 26», every file kept in the list", async () => {
    const page = await openPage();
    await page.getByTestId("files-input").setInputFiles(files.folderFiles);
    await page.getByText(STRINGS.page.list(files.folderFiles.length)).waitFor();
    // Picked while the first files are still read: the page reads the whole list next.
    await page.getByTestId("files-input").setInputFiles(files.book);
    await page.getByText(shnor(answer.both, answer.schools)).waitFor();
    await page.getByText(STRINGS.page.list(files.folderFiles.length + 1)).waitFor();
    expect(await names(page)).toEqual([...files.folderFiles.map((f) => basename(f)), "2025.xlsx"]);
    // Both years read: the rule's whole text, no word of criterion 2 being off.
    await page.getByText(STRINGS.results.rule).waitFor();
    expect(await page.getByTestId("rule-no-before").count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, "app-06-two-picks.png"), fullPage: true });

    // The same book picked again is read once, and the page says so.
    await page.getByTestId("files-input").setInputFiles(files.book);
    await page.getByText(STRINGS.page.repeated(["2025.xlsx"])).waitFor();
    expect(await listed(page).count()).toBe(files.folderFiles.length + 1);
    await page.getByText(shnor(answer.both, answer.schools)).waitFor();
  });

  it("2025.xlsx alone says criterion 2 is off where the count is; the folder by «Выбрать папку» then gives 6 of 26", async () => {
    const page = await openPage();
    await page.getByTestId("files-input").setInputFiles(files.book);
    await page.getByText(shnor(answer.laterOnly, answer.schools)).waitFor();
    await page.getByText(STRINGS.results.ruleNoBefore(2025)).waitFor();
    await page.getByTestId("folder-input").setInputFiles(files.folder);
    await page.getByText(shnor(answer.both, answer.schools)).waitFor();
    expect(await names(page)).toEqual(["2025.xlsx", ...folderNames().sort((a, b) => a.localeCompare(b, "ru"))]);
    expect(await page.getByTestId("rule-no-before").count()).toBe(0);
  });

  it("a dropped folder is read with its contents: «ШНОР: 6 из 26»", async () => {
    const page = await openPage();
    await page.getByTestId("files-input").setInputFiles(files.book);
    await page.getByText(shnor(answer.laterOnly, answer.schools)).waitFor();
    await dropPaths(page, "drop-zone", [files.folder]);
    await page.getByText(shnor(answer.both, answer.schools)).waitFor();
    expect(await names(page)).toEqual(["2025.xlsx", ...folderNames().sort((a, b) => a.localeCompare(b, "ru"))]);
  });

  it("a file taken out is read no more; «Очистить» starts over", async () => {
    const page = await openPage();
    await dropPaths(page, "drop-zone", [files.folder, files.book]);
    await page.getByText(shnor(answer.both, answer.schools)).waitFor();
    await page.getByRole("button", { name: STRINGS.page.removeLabel("2025.xlsx") }).click();
    await page.getByText(STRINGS.page.list(files.folderFiles.length)).waitFor();
    // 2024 alone: its own answer, criterion 2 off.
    await page.getByTestId("rule-no-before").waitFor();
    await page.getByText(shnor(answer.earlierOnly, answer.schools)).waitFor();
    await page.getByRole("button", { name: STRINGS.page.clearLabel }).click();
    await listed(page).first().waitFor({ state: "detached" });
    expect(await page.getByRole("list", { name: STRINGS.results.title }).count()).toBe(0);
    // And the page works again from nothing.
    await page.getByTestId("files-input").setInputFiles([...files.folderFiles, files.book]);
    await page.getByText(shnor(answer.both, answer.schools)).waitFor();
  });

  it("a previous year the list no longer has is said in the settings, not answered with «ШНОР: 0»", async () => {
    const page = await openPage();
    await page.getByTestId("files-input").setInputFiles([...files.folderFiles, files.book]);
    await page.getByText(shnor(answer.both, answer.schools)).waitFor();
    await page.getByRole("button", { name: STRINGS.settings.title, exact: true }).click();
    await page.getByRole("combobox", { name: STRINGS.settings.year }).selectOption("2025");
    await page.getByText(shnor(answer.both, answer.schools)).waitFor();
    await page.getByRole("button", { name: STRINGS.page.removeLabel("2025.xlsx") }).click();
    await page.getByText("Нет учитываемых результатов за 2025 год (2024/2025 уч. г.); они есть за 2024.").waitFor();
    expect(await page.getByText(/^ШНОР: \d+ из/).count()).toBe(0);
  });

  it("speaks for the page: no command's or add-in's words, no range of a sheet it does not have", async () => {
    const page = await openPage();
    await page.getByTestId("files-input").setInputFiles([...files.folderFiles, files.book]);
    await page.getByText(shnor(answer.both, answer.schools)).waitFor();
    // Open every section, so all of its words are on the screen.
    for (const title of [STRINGS.recognition.title, STRINGS.page.reportTitle, STRINGS.dynamics.title]) {
      const header = page.getByRole("button", { name: title, exact: true });
      if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
    }
    await page.getByText(STRINGS.recognition.joinedSheets(8)).waitFor();
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toMatch(/shnor |команд|в столбцах отметок на листе/i);
    expect(text).not.toMatch(/\b[A-Z]{1,3}1:[A-Z]{1,3}\d+\b/);
    // One line per sheet: the 8 sheets read, each on its own line.
    expect(await page.getByTestId("file-sheets").locator('[data-taken="yes"]').count()).toBe(8);
  });

  it("raised no error on the page", () => {
    expect(errors).toEqual([]);
  });
});
