/** The engine runs in Excel, a browser and Node alike, so it may import nothing of theirs. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";

const coreDir = join(__dirname, "..", "..", "src", "core");

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

  it.each(sources.map((s) => [relative(coreDir, s.path), s.text]))("%s imports only from src/core", (_name, text) => {
    const specifiers = [
      ...String(text).matchAll(
        /(?:import|export)[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g,
      ),
    ].map((m) => m[1] ?? m[2] ?? m[3]);
    const file = sources.find((s) => s.text === text)!.path;
    for (const spec of specifiers) {
      expect(spec.startsWith(".")).toBe(true);
      expect(resolve(dirname(file), spec).startsWith(coreDir)).toBe(true);
    }
  });

  it.each(sources.map((s) => [relative(coreDir, s.path), s.text]))("%s uses no Office, DOM or Node globals", (_name, text) => {
    const code = String(text).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    expect(code).not.toMatch(/\b(Office|Excel|document|window|process|Buffer|globalThis)\s*\.|\brequire\s*\(/);
  });
});
