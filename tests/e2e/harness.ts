/**
 * What the browser test needs around the page: the built add-in served over
 * HTTPS on localhost with a certificate made for the run, the fake Excel
 * bundled for the page, and Debian's chromium driven by playwright-core.
 */
import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { createServer, Server } from "https";
import { AddressInfo } from "net";
import { tmpdir } from "os";
import { extname, join, normalize, resolve } from "path";
import { PATIENCE } from "../fixtures/patience";

export const ROOT = resolve(__dirname, "../..");
export const DIST = join(ROOT, "dist");
export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export { PATIENCE };

/** Every browser context waits on conditions with PATIENCE as its only limit. */
export function patient<T extends { setDefaultTimeout(ms: number): void }>(context: T): T {
  context.setDefaultTimeout(PATIENCE);
  return context;
}

/** Waits until the element's animations (a dialog opening) have finished, so a screenshot shows it at rest. */
export async function settled(element: { evaluate<R>(fn: (el: Element) => R | Promise<R>): Promise<R>; waitFor(): Promise<void> }) {
  await element.waitFor();
  await element.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined))));
}

/**
 * Drops files and folders from disk onto an element, as the system's file manager does: Chromium's
 * DevTools protocol gives the page a real drop, folders included (webkitGetAsEntry walks them), on a
 * page served over http(s).
 */
export async function dropPaths(page: import("playwright-core").Page, target: string, paths: string[]): Promise<void> {
  const box = await page.getByTestId(target).boundingBox();
  if (!box) throw new Error(`nothing to drop on: ${target}`);
  const cdp = await page.context().newCDPSession(page);
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ["dragEnter", "dragOver", "drop"] as const) await cdp.send("Input.dispatchDragEvent", { type, ...at, data });
  await cdp.detach();
}

/** The web page served by `npm run app`'s own server, and Debian's chromium, started together. */
export async function servePage(): Promise<{ url: string; browser: import("playwright-core").Browser; close(): Promise<void> }> {
  const { startServer } = await import("../../scripts/serve-app");
  const { chromium } = await import("playwright-core");
  const [served, browser] = await Promise.all([
    startServer({ root: DIST, port: 0, host: "127.0.0.1" }),
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true }),
  ]);
  return {
    url: served.url,
    browser,
    close: async () => {
      await browser.close();
      await served.close();
    },
  };
}

/** Why the browser test cannot run here, or null. */
export function missing(): string | null {
  if (!existsSync(join(DIST, "taskpane.html")) || !existsSync(join(DIST, "taskpane.js")))
    return "dist/ has no built task pane: run `npm run build`";
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing: apt-get install -y chromium`;
  return null;
}

/**
 * The web page's suite: \`describe\`, or \`describe.skip\` with a warning when E2E_REQUIRED=0 and the
 * build or the browser is missing; otherwise a missing one fails the run.
 */
export function pageSuite(): jest.Describe {
  let why: string | null = null;
  for (const f of ["app.html", "app.js", "app-worker.js"])
    if (!why && !existsSync(join(DIST, f))) why = `dist/${f} is missing: run \`npm run build\``;
  if (!why && !existsSync(CHROMIUM)) why = `${CHROMIUM} is missing: apt-get install -y chromium`;
  if (!why) return describe;
  if (process.env.E2E_REQUIRED !== "0") throw new Error(`The page's browser test cannot run: ${why}`);
  console.warn(`Page browser test skipped: ${why}`);
  return describe.skip;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

export interface Served {
  origin: string;
  close: () => Promise<void>;
}

/** A self-signed certificate for localhost, made with openssl in a temp dir for this run only. */
function certificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), "shnor-e2e-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function serveDist(): Promise<Served> {
  const server: Server = createServer(certificate(), (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "https://localhost").pathname)).replace(/^([/\\])+/, "");
    const file = join(DIST, path || "taskpane.html");
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return { origin: `https://localhost:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** The fake Excel as one script for the page, built with webpack's Node API (not the project's config). */
export async function bundleFake(): Promise<string> {
  const webpack = (await import("webpack")).default;
  const out = mkdtempSync(join(tmpdir(), "shnor-fake-"));
  try {
    await new Promise<void>((ok, fail) =>
      webpack(
        {
          mode: "development",
          devtool: false,
          target: "web",
          entry: join(__dirname, "inject.ts"),
          output: { path: out, filename: "fake.js" },
          resolve: { extensions: [".ts", ".js"] },
          module: {
            rules: [
              {
                test: /\.ts$/,
                loader: "ts-loader",
                options: { transpileOnly: true, compilerOptions: { module: "es2020", sourceMap: false } },
              },
            ],
          },
        },
        (error, stats) => (error || stats?.hasErrors() ? fail(error ?? new Error(stats?.toString("errors-only"))) : ok()),
      ),
    );
    return readFileSync(join(out, "fake.js"), "utf8");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
