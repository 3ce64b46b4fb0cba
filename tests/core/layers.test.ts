/**
 * The layers import downwards only: the front ends (src/cli, src/app) are
 * imported by nobody else, and the file writers (src/writers), which both front
 * ends share, import only the engine, the file layer and their libraries.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const src = join(__dirname, "..", "..", "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Each relative import of each source file, as the folder of src it lands in. */
const imports = files(src).flatMap((path) => {
  const text = readFileSync(path, "utf8");
  const from = relative(src, path).split(sep)[0];
  return [
    ...text.matchAll(/(?:import|export)[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g),
  ]
    .map((m) => m[1] ?? m[2] ?? m[3])
    .map((spec) => ({
      file: relative(src, path),
      from,
      spec,
      to: spec.startsWith(".") ? relative(src, resolve(dirname(path), spec)).split(sep)[0] : null,
    }));
});

describe("the layers of src", () => {
  it("has imports to check", () => {
    expect(imports.length).toBeGreaterThan(100);
  });

  it("imports src/cli from nowhere but src/cli", () => {
    expect(imports.filter((i) => i.to === "cli" && i.from !== "cli").map((i) => `${i.file} → ${i.spec}`)).toEqual([]);
  });

  it("imports src/app from nowhere but src/app", () => {
    expect(imports.filter((i) => i.to === "app" && i.from !== "app").map((i) => `${i.file} → ${i.spec}`)).toEqual([]);
  });

  it("lets src/writers import only the engine, the file layer and itself", () => {
    const allowed = new Set(["core", "io", "writers"]);
    expect(imports.filter((i) => i.from === "writers" && i.to !== null && !allowed.has(i.to)).map((i) => `${i.file} → ${i.spec}`)).toEqual(
      [],
    );
  });
});
