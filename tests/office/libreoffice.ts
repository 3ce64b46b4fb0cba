/** LibreOffice headless for the tests that recalculate or print the books we write. */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { PATIENCE } from "../fixtures/patience";

const SOFFICE = process.env.SOFFICE ?? "soffice";

/**
 * `--convert-to` every sheet of a book as its own UTF-8 .csv («,», «"»), values as shown, formulas computed:
 * how the tests read back what LibreOffice recalculated.
 */
export const EVERY_SHEET_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";

/** Runs soffice; a fresh profile each run: no first-start dialogs, no settings from a user's LibreOffice. */
export function soffice(args: string[], timeout = PATIENCE): void {
  const profile = mkdtempSync(join(tmpdir(), "shnor-lo-profile-"));
  const r = spawnSync(SOFFICE, ["--headless", "--norestore", `-env:UserInstallation=file://${profile}`, ...args], {
    encoding: "utf8",
    timeout,
  });
  if (r.error) throw new Error(`LibreOffice (soffice) не запускается: ${r.error.message}. Установите libreoffice-calc.`);
  if (r.status !== 0) throw new Error(`soffice завершился с кодом ${r.status}: ${r.stderr}`);
}

/**
 * Converts a file with LibreOffice headless in a temp dir; returns the converted file's bytes.
 * `filter` as after --convert-to. Each conversion costs LibreOffice's start-up: a source is converted
 * to a format once per test file.
 */
export function convertWithLibreOffice(source: string, filter: string, extension: string): Uint8Array {
  const key = `${source}\n${filter}`;
  let bytes = converted.get(key);
  if (!bytes) {
    const dir = mkdtempSync(join(tmpdir(), "shnor-formats-"));
    const input = join(dir, basename(source));
    copyFileSync(source, input);
    const outDir = join(dir, "out");
    soffice(["--convert-to", filter, "--outdir", outDir, input]);
    const made = readdirSync(outDir).find((f) => f.endsWith(`.${extension}`));
    if (!made) throw new Error(`soffice не создал файл .${extension}`);
    bytes = new Uint8Array(readFileSync(join(outDir, made)));
    converted.set(key, bytes);
  }
  return bytes.slice();
}

const converted = new Map<string, Uint8Array>();
