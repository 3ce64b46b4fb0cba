/** Runs the command in-process, as a user would from the shell, and keeps what it printed. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { main } from "../../src/cli/main";

export async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** A file's content hash: the input must be the same after a run. */
export const sha = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");
