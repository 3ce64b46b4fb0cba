/** The engine runs in Excel, a browser and Node alike, so it may import nothing of theirs. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";

const coreDir = join(__dirname, "..", "..", "src", "core");

/**
 * Packages the engine may import: pure code with no dependency and no host of its own, which runs in
 * Excel, a browser and Node alike. @noble/hashes signs the forms for schools (SHA-256, HMAC): audited
 * cryptography rather than a hand-written one, and synchronous where WebCrypto is not.
 */
const PURE_PACKAGES = ["@noble/hashes/"];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const sources = files(coreDir).map((path) => ({ path, text: readFileSync(path, "utf8") }));

describe("src/core stays a pure engine", () => {
  it("has source files to check", () => {
    expect(sources.length).toBeGreaterThan(5);
  });

  it.each(sources.map((s) => [relative(coreDir, s.path), s.text]))("%s imports only from src/core (and pure packages)", (_name, text) => {
    const specifiers = [
      ...String(text).matchAll(
        /(?:import|export)[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g,
      ),
    ].map((m) => m[1] ?? m[2] ?? m[3]);
    const file = sources.find((s) => s.text === text)!.path;
    for (const spec of specifiers) {
      if (PURE_PACKAGES.some((p) => spec.startsWith(p))) continue;
      expect(spec.startsWith(".")).toBe(true);
      expect(resolve(dirname(file), spec).startsWith(coreDir)).toBe(true);
    }
  });

  it.each(sources.map((s) => [relative(coreDir, s.path), s.text]))("%s uses no Office, DOM or Node globals", (_name, text) => {
    const code = String(text).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    expect(code).not.toMatch(/\b(Office|Excel|document|window|process|Buffer|globalThis)\s*\.|\brequire\s*\(/);
  });
});
