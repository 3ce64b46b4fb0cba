/** The file layer runs in the browser too: only src/io/node.ts may use Node. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ioDir = join(__dirname, "..", "..", "src", "io");
const sources = readdirSync(ioDir)
  .filter((name) => name.endsWith(".ts") && name !== "node.ts")
  .map((name) => [name, readFileSync(join(ioDir, name), "utf8")] as const);

describe("src/io is usable from Node and the browser", () => {
  it("has files to check", () => {
    expect(sources.length).toBeGreaterThan(8);
  });

  it.each(sources)("%s imports no Node module, Office or exceljs, and uses no Node globals", (_name, text) => {
    const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map(
      (m) => m[1] ?? m[2],
    );
    for (const spec of specifiers) {
      expect(spec).not.toMatch(/^node:|^(fs|path|os|zlib|stream|buffer|crypto|child_process)$|^exceljs$|office/);
      if (spec.startsWith(".")) expect(spec).not.toMatch(/\/(cli|excel|taskpane|functions)\b|^\.\/node$/);
    }
    // Comments and string literals (messages name Excel) are not code.
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "").replace(/`[^`]*`|"(?:[^"\\\n]|\\.)*"/g, '""');
    expect(code).not.toMatch(/\b(process|Buffer|Office|Excel|document|window)\s*\.|\brequire\s*\(/);
  });
});
