/**
 * The unit loop stays pure by place: a test needing Chromium, LibreOffice, poppler, a webpack build or
 * `npm pack` lives in tests/e2e or tests/office (jest.config.js), and no file outside them reaches for
 * those tools or imports from those folders.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const TESTS = __dirname;

/** What only tests/e2e and tests/office may use: the tools, the page's build, and their helpers. */
const OUTSIDE_THE_LOOP: [string, RegExp][] = [
  ["Chromium", /playwright-core|\/usr\/bin\/chromium/],
  ["LibreOffice", /["'`]soffice["'`]|process\.env\.SOFFICE/],
  ["poppler", /["'`]pdf(totext|toppm)["'`]/],
  ["webpack", /from ["']webpack["']|require\(["']webpack["']\)|["']dist\/(app|taskpane)|bench\/browser["']/],
  ["npm pack", /["'`]pack["'`]/],
  ["a helper of tests/e2e or tests/office", /from ["'](\.\.?\/)+(e2e|office)\//],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

const uses = (file: string): string[] => {
  const text = readFileSync(file, "utf8");
  return OUTSIDE_THE_LOOP.filter(([, pattern]) => pattern.test(text)).map(([tool]) => tool);
};

const place = (file: string): string => relative(TESTS, file).split("/")[0];

it("no file of the unit loop uses Chromium, LibreOffice, poppler, webpack or npm pack", () => {
  const loop = files(TESTS).filter((f) => !["e2e", "office"].includes(place(f)) && f !== __filename);
  expect(loop.length).toBeGreaterThan(50);
  expect(loop.map((f) => [relative(TESTS, f), uses(f)]).filter(([, found]) => found.length > 0)).toEqual([]);
});

it("the check finds each tool where it is used", () => {
  const found = new Set(
    files(join(TESTS, "e2e"))
      .concat(files(join(TESTS, "office")))
      .flatMap(uses),
  );
  expect([...found].sort()).toEqual(OUTSIDE_THE_LOOP.map(([tool]) => tool).sort());
});
