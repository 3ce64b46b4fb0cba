/** A report carrying the settings it was made with (a custom XML part) opens in LibreOffice. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SETTINGS, settingsXml } from "../../src/core";
import { run } from "../cli/run";
import { injectCustomXml, packageParts } from "../fixtures/custom-xml";
import { wideGrid, writeWorkbook } from "../fixtures/layouts";
import { PATIENCE } from "../fixtures/patience";
import { SEED_003 } from "../fixtures/seeds";
import { soffice } from "./libreoffice";

jest.setTimeout(PATIENCE);

const dir = mkdtempSync(join(tmpdir(), "shnor-settings-lo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("the report made from a book with stored settings opens in LibreOffice", async () => {
  const book = join(dir, "stored.xlsx");
  await writeWorkbook(book, [wideGrid(SEED_003)]);
  const stored = {
    settings: { ...DEFAULT_SETTINGS, threshold: 35 },
    overrides: { "Приложение 1": [{ column: 11, as: "ignore" as const }] },
    source: "sheet" as const,
  };
  injectCustomXml(book, [{ n: 2, xml: settingsXml(stored) }]);
  const out = join(dir, "report.xlsx");
  const r = await run("report", book, "-o", out);
  expect([r.code, r.stderr]).toEqual([0, ""]);
  expect(Object.keys(packageParts(out)).some((name) => /^customXml\/item\d+\.xml$/.test(name))).toBe(true);
  soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", join(dir, "csv"), out]);
  expect(readFileSync(join(dir, "csv", "report.csv"), "utf8")).toContain("МБОУ «СОШ № 14»");
});
