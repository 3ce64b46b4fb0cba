/**
 * The command installs for a coordinator without the clone (issue 19): `npm pack` builds the
 * package itself, `npm install -g --prefix P` installs it, and `P/bin/shnor` runs from a folder
 * outside the clone. The project is packed from a copy, so its own dist/ (which other tests run) is
 * never rewritten under them; npm takes the libraries from its cache when it has them.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WORD_FILES } from "../../src/core/documents";
import { PATIENCE } from "../fixtures/patience";

jest.setTimeout(2 * PATIENCE);

const ROOT = join(__dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "shnor-install-"));
const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: PATIENCE,
    // No scripts of the user's npm config, no questions, no network when the cache has the package.
    env: {
      ...process.env,
      npm_config_yes: "true",
      npm_config_update_notifier: "false",
      npm_config_fund: "false",
      npm_config_audit: "false",
    },
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("installing the command from its package", () => {
  let prefix: string;
  let outside: string;

  beforeAll(() => {
    // A copy of what a clone holds for the command: sources, configs, the sample; node_modules linked.
    const copy = join(work, "clone");
    mkdirSync(copy);
    for (const f of ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.cli.json", "README.md"])
      copyFileSync(join(ROOT, f), join(copy, f));
    for (const d of ["bin", "src", "samples"]) cpSync(join(ROOT, d), join(copy, d), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");

    const packed = run("npm", ["pack", "--pack-destination", work, "--loglevel=error"], copy);
    expect([packed.code, packed.stderr]).toEqual([0, expect.any(String)]);
    const tgz = readdirSync(work).find((f) => f.endsWith(".tgz"));
    expect(tgz).toBe(`shnor-monitor-${version}.tgz`);

    prefix = join(work, "P");
    const installed = run("npm", ["install", "-g", "--prefix", prefix, "--prefer-offline", "--loglevel=error", join(work, tgz!)], work);
    expect([installed.code, installed.stderr]).toEqual([0, expect.any(String)]);
    outside = join(work, "elsewhere");
    mkdirSync(outside);
    copyFileSync(join(ROOT, "samples", "prilozhenie-1.xlsx"), join(outside, "sample.xlsx"));
  });

  it("holds the built command and no test, source or web bundle", () => {
    const installed = join(prefix, "lib", "node_modules", "shnor-monitor");
    expect(existsSync(join(installed, "dist", "cli", "main.js"))).toBe(true);
    expect(existsSync(join(installed, "src"))).toBe(false);
    expect(existsSync(join(installed, "tests"))).toBe(false);
    // Only what the command loads: React and Fluent UI are bundled into the page, not installed.
    expect(existsSync(join(installed, "node_modules", "react"))).toBe(false);
    expect(existsSync(join(prefix, "lib", "node_modules", "react"))).toBe(false);
  });

  it("P/bin/shnor --version works from a folder outside the clone", () => {
    const r = run(join(prefix, "bin", "shnor"), ["--version"], outside);
    expect([r.code, r.stderr, r.stdout.trim()]).toEqual([0, "", `ШНОР-монитор (shnor) ${version}`]);
  });

  it("P/bin/shnor analyze sample.xlsx gives the answer of the clone's command", () => {
    const installed = run(join(prefix, "bin", "shnor"), ["analyze", "sample.xlsx"], outside);
    expect([installed.code, installed.stderr]).toEqual([0, ""]);
    expect(installed.stdout).toMatch(/^ШНОР: 3 из 7; в зоне риска: 4\.$/m);
    const clone = run(process.execPath, [join(ROOT, "bin", "shnor.js"), "analyze", "sample.xlsx"], outside);
    expect(installed.stdout).toBe(clone.stdout);
  });

  it("writes the report and the Word documents from outside the clone", () => {
    const r = run(
      join(prefix, "bin", "shnor"),
      ["report", "sample.xlsx", "-o", "otchet.xlsx", "--word", "dokumenty", "--order-number", "№ 1"],
      outside,
    );
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(readFileSync(join(outside, "otchet.xlsx")).subarray(0, 2).toString()).toBe("PK");
    // The Word writer's library (docx) is one of the package's dependencies.
    expect(readdirSync(join(outside, "dokumenty")).sort()).toEqual(Object.values(WORD_FILES).sort());
  });

  it("makes the forms for schools and collects them back from outside the clone", () => {
    const shnor = join(prefix, "bin", "shnor");
    expect(run(shnor, ["report", "sample.xlsx", "-o", "dlya-form.xlsx"], outside).code).toBe(0);
    const forms = run(shnor, ["forms", "dlya-form.xlsx", "-o", "formy"], outside);
    expect([forms.code, forms.stderr]).toEqual([0, ""]);
    // The sample's three ШНОР, each signed with the report's identity (@noble/hashes, a dependency).
    expect(readdirSync(join(outside, "formy"))).toHaveLength(3);
    const installed = run(shnor, ["collect-forms", "formy", "--into", "dlya-form.xlsx", "-o", "novaya.xlsx", "--json"], outside);
    expect([installed.code, installed.stderr]).toEqual([0, ""]);
    const statuses = (JSON.parse(installed.stdout) as { schools: { status: string }[] }).schools.map((x) => x.status);
    expect(statuses).toEqual(["received", "received", "received"]);
    const clone = run(
      process.execPath,
      [join(ROOT, "bin", "shnor.js"), "collect-forms", "formy", "--into", "dlya-form.xlsx", "-o", "novaya-2.xlsx", "--json"],
      outside,
    );
    expect(JSON.parse(installed.stdout)).toEqual({ ...JSON.parse(clone.stdout), output: "novaya.xlsx" });
  });
});
