/**
 * Reading a book in Chromium: src/io bundled with webpack + ts-loader, run in
 * Debian's chromium (playwright-core), timed inside the page; and the same
 * read in Node from the same bytes in memory, for the ratio.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { bytesSource } from "../src/io/bytes";
import { openBook } from "../src/io/open";

const CHROMIUM = "/usr/bin/chromium";

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
  // eslint-disable-next-line @typescript-eslint/no-require-imports
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

/** Median of `runs` reads in the page (each after a reload-free warm start), with Node's median over the same bytes. */
export async function browserStep(
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
  // eslint-disable-next-line @typescript-eslint/no-require-imports
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
