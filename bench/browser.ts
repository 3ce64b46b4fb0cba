/**
 * The page in Chromium: dist/app.html served as `npm run app` serves it,
 * driven by playwright-core in Debian's chromium. A book is picked as a user
 * picks it; the time runs, on the page's clock, from the pick to the first
 * frame with «ШНОР: N из M» (the worker reads the book with src/io, the page
 * takes the table over, analyses it and draws the results). Each run is a fresh page (a fresh worker, as a user gets).
 * And src/io alone in a page, for the reader's test in Chromium.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeTable } from "../src/core";
import { bytesSource } from "../src/io/bytes";
import { readWorkbookTable } from "../src/io/node";
import { openBook } from "../src/io/open";
import { STRINGS } from "../src/taskpane/strings";

const CHROMIUM = "/usr/bin/chromium";

/**
 * `runs` page runs, each followed by `node()` (Node reading and analysing the same bytes, ms): paired,
 * so a machine whose speed drifts moves both alike. The ratio is the median of the pairs' ratios.
 */
export async function pageStep(
  file: string,
  root: string,
  runs: number,
  node: () => number,
): Promise<{ ms: number; nodeMs: number; ratio: number; runs: number[]; nodeRuns: number[]; sameSummary: boolean }> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const dist = join(root, "dist");
  for (const f of ["app.html", "app.js", "app-worker.js"])
    if (!existsSync(join(dist, f))) throw new Error(`dist/${f} is missing: run \`npm run build\` first`);
  const expected = analyzeTable(await readWorkbookTable(file)).summary;
  const text = STRINGS.results.shnor(expected.shnor, expected.schools);
  const { startServer } = require(join(root, "scripts", "serve-app.js")) as {
    startServer(o: { root: string; port: number; host: string }): Promise<{ url: string; close(): Promise<void> }>;
  };
  const { chromium } = require("playwright-core");
  const served = await startServer({ root: dist, port: 0, host: "127.0.0.1" });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
    headless: true,
  });
  const times: number[] = [];
  const nodeTimes: number[] = [];
  let sameSummary = true;
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "ru-RU" });
      const page = await context.newPage();
      // Loaded as a user finds it: the page and its worker's script fetched and started before a file is picked.
      await page.goto(served.url, { waitUntil: "networkidle" });
      await page.getByRole("heading", { name: "ШНОР-монитор" }).waitFor();
      await page.evaluate(startPageClock, text);
      await page.getByTestId("files-input").setInputFiles(file);
      try {
        await page.getByText(text).waitFor({ timeout: 300_000 });
        times.push(await page.evaluate(readPageClock));
      } catch {
        sameSummary = false;
        times.push(NaN);
      }
      await context.close();
      nodeTimes.push(node());
    }
  } finally {
    await browser.close();
    await served.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    ms: median(times),
    nodeMs: median(nodeTimes),
    ratio: median(times.map((t, i) => t / nodeTimes[i])),
    runs: times,
    nodeRuns: nodeTimes,
    sameSummary,
  };
}

/** The page's own clock (its `performance.now()`), kept on `window` between the two evaluations below. */
interface PageClock {
  picked: number;
  shown: number;
}

/**
 * Runs in the page before the pick: the clock starts at the input's `change` (the moment a user's pick reaches
 * the page) and stops at the first frame drawn after the summary is in the page. Timed from outside, Playwright's
 * `waitFor` would add its polling, which backs off to one look every 500 ms: up to half a second of nothing.
 */
function startPageClock(summary: string): void {
  const clock: PageClock = { picked: NaN, shown: NaN };
  (window as unknown as { shnorClock: PageClock }).shnorClock = clock;
  document.addEventListener("change", () => (clock.picked = performance.now()), { capture: true, once: true });
  const observer = new MutationObserver(() => {
    if (!document.body.textContent?.includes(summary)) return;
    observer.disconnect();
    // The frame with the summary: a requestAnimationFrame callback runs before it is drawn, a task queued there after.
    requestAnimationFrame(() => setTimeout(() => (clock.shown = performance.now())));
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
}

/** The page's time from the pick to the summary drawn, ms (waits for the frame if it is still to come). */
async function readPageClock(): Promise<number> {
  const clock = (window as unknown as { shnorClock: PageClock }).shnorClock;
  while (Number.isNaN(clock.shown)) await new Promise((resolve) => setTimeout(resolve, 5));
  return clock.shown - clock.picked;
}

export async function nodeRead(bytes: Uint8Array): Promise<{ ms: number; cells: number; names: string[] }> {
  const start = performance.now();
  const book = await openBook(bytesSource(bytes, "region.xlsx"));
  let cells = 0;
  const names: string[] = [];
  for await (const sheet of book.sheets())
    for await (const row of sheet.rows()) {
      cells += row.values.length;
      if (typeof row.values[2] === "string") names.push(row.values[2]);
    }
  return { ms: performance.now() - start, cells, names };
}

async function bundle(root: string, outDir: string): Promise<string> {
  const webpack = require(join(root, "node_modules", "webpack"));
  mkdirSync(outDir, { recursive: true });
  const config = {
    mode: "production",
    context: root,
    entry: join(root, "bench", "browser-entry.ts"),
    output: { path: outDir, filename: "reader.js" },
    target: "web",
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        { test: /\.ts$/, loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "es2020", target: "es2020" } } },
      ],
    },
    performance: { hints: false },
  };
  await new Promise<void>((resolve, reject) =>
    webpack(config, (err: Error | null, stats: { hasErrors(): boolean; toString(o: unknown): string }) => {
      if (err) reject(err);
      else if (stats.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
      else resolve();
    }),
  );
  return join(outDir, "reader.js");
}

/**
 * src/io alone in a page: a webpack bundle of the reader (bench/browser-entry.ts)
 * reads the book in Chromium, timed inside the page, against Node's read of the
 * same bytes (the test of the reader in Chromium compares the names).
 */
export async function readerInChromium(
  file: string,
  root: string,
  runs = 3,
): Promise<{ ms: number; nodeMs: number; cells: number; sameNames: boolean }> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const script = await bundle(root, join(root, "bench", "out", "browser"));
  const bytes = new Uint8Array(readFileSync(file));
  const nodeTimes: number[] = [];
  let nodeNames: string[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await nodeRead(bytes);
    nodeTimes.push(r.ms);
    nodeNames = r.names;
  }
  const { chromium } = require("playwright-core");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage();
    await page.setContent("<!doctype html><title>bench</title>");
    await page.addScriptTag({ content: readFileSync(script, "utf8") });
    await page.evaluate((b64: string) => {
      const raw = atob(b64);
      const data = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) data[i] = raw.charCodeAt(i);
      (globalThis as unknown as { bookBytes: Uint8Array }).bookBytes = data;
    }, Buffer.from(bytes).toString("base64"));
    if (process.env.BENCH_BROWSER_INFLATER === "fflate")
      await page.evaluate(() => (globalThis as unknown as { useInflater(k: string): void }).useInflater("fflate"));
    const times: number[] = [];
    let cells = 0;
    let sameNames = true;
    for (let i = 0; i < runs; i++) {
      const r = await page.evaluate(async () => {
        const g = globalThis as unknown as {
          readBook(b: Uint8Array): Promise<{ ms: number; cells: number; names: string[] }>;
          bookBytes: Uint8Array;
        };
        return g.readBook(g.bookBytes);
      });
      times.push(r.ms);
      cells = r.cells;
      sameNames = sameNames && r.names.length === nodeNames.length && r.names.every((n: string, k: number) => n === nodeNames[k]);
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return { ms: median(times), nodeMs: median(nodeTimes), cells, sameNames };
  } finally {
    await browser.close();
  }
}
