/**
 * The built command run as its own process, as a user runs it, with its peak
 * memory: what "1.5 GB at most" is measured by (its time is the bench's). Needs the
 * command built (`npm run test:unit` and `npm test` build it; built here when missing).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

export interface Measured {
  code: number;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the process, MB. */
  peakMB: number;
}

const WRAPPER = `
const { main } = require(process.argv[1]);
const out = [], err = [];
main(process.argv.slice(2), { out: (t) => out.push(t), err: (t) => err.push(t) }).then((code) => {
  process.stdout.write(JSON.stringify({ code, stdout: out.join("\\n"), stderr: err.join("\\n"), peakKB: process.resourceUsage().maxRSS }));
});`;

export function runMeasured(args: string[], nodeOptions: string[] = []): Measured {
  const main = join(root, "dist", "cli", "main.js");
  if (!existsSync(main)) execFileSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { cwd: root });
  const result = spawnSync(process.execPath, [...nodeOptions, "-e", WRAPPER, main, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (result.status !== 0 || !result.stdout) return { code: result.status ?? -1, stdout: "", stderr: result.stderr, peakMB: NaN };
  const r = JSON.parse(result.stdout) as { code: number; stdout: string; stderr: string; peakKB: number };
  return { code: r.code, stdout: r.stdout, stderr: r.stderr, peakMB: Math.round(r.peakKB / 1024) };
}
