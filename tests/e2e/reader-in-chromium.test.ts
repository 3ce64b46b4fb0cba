/**
 * The same reader in Chromium: src/io bundled with webpack, run in Debian's
 * chromium (playwright-core), reads a book exactly as Node does.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeRegionWorkbook } from "../../bench/generate";
import { readerInChromium } from "../../bench/browser";
import { PATIENCE } from "../fixtures/patience";

const root = join(__dirname, "..", "..");
const chromium = existsSync("/usr/bin/chromium");

(chromium || process.env.E2E_REQUIRED !== "0" ? describe : describe.skip)("the reader in Chromium", () => {
  it(
    "reads a region book with the same names and cells as Node",
    async () => {
      if (!chromium) throw new Error("/usr/bin/chromium is missing: apt-get install -y chromium (or E2E_REQUIRED=0 to skip)");
      const file = join(mkdtempSync(join(tmpdir(), "shnor-browser-")), "region.xlsx");
      await writeRegionWorkbook(file, 300);
      const result = await readerInChromium(file, root, 1);
      expect(result.sameNames).toBe(true);
      expect(result.cells).toBeGreaterThan(300 * 100);
    },
    PATIENCE,
  );
});
