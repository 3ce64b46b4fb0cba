/**
 * No runtime import circle in src, and src/cli imported by no other folder. The graph is read
 * with the TypeScript parser (./import-graph.ts): type-only imports are left out, since the
 * compiler erases them; `import()` and `require()` count, since they load a module.
 */
import { join } from "node:path";
import { circles, Graph, importGraph, runtimeSpecifiers } from "./import-graph";

const src = join(__dirname, "..", "..", "src");

/** Circles let through by name; none now. An allowance whose circle is gone fails the test. */
const ALLOWED_CIRCLES: string[][] = [];

const key = (circle: string[]) => circle.join(" → ");

describe("the import graph of src", () => {
  const graph = importGraph(src);

  it("holds every module and its imports", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect([...graph.values()].reduce((n, targets) => n + targets.length, 0)).toBeGreaterThan(500);
    expect(graph.get("cli/main.ts")).toEqual(expect.arrayContaining(["cli/report.ts", "core/index.ts"]));
  });

  it("has no runtime import circle", () => {
    const found = circles(graph).map(key);
    const allowed = ALLOWED_CIRCLES.map(key);
    expect(found.filter((c) => !allowed.includes(c))).toEqual([]);
    // An allowance whose circle is gone is removed with it.
    expect(allowed.filter((c) => !found.includes(c))).toEqual([]);
  });

  it("imports src/cli from nowhere but src/cli, type imports included", () => {
    const all = importGraph(src, true);
    const into = [...all].flatMap(([from, targets]) =>
      from.startsWith("cli/") ? [] : targets.filter((t) => t.startsWith("cli/")).map((t) => `${from} → ${t}`),
    );
    expect(into).toEqual([]);
  });
});

describe("circles", () => {
  const graph = (edges: Record<string, string[]>): Graph => new Map(Object.entries(edges));

  it("finds none in a tree or a diamond", () => {
    expect(circles(graph({ a: ["b", "c"], b: ["d"], c: ["d"], d: [] }))).toEqual([]);
  });

  it("names each circle with its members, a self-import included", () => {
    const found = circles(graph({ a: ["b"], b: ["c"], c: ["a", "d"], d: ["e"], e: ["d"], f: ["f"], g: ["a"] }));
    expect(found).toEqual([["a", "b", "c"], ["d", "e"], ["f"]]);
  });

  it("follows a chain long enough to overflow a recursive search", () => {
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < 100_000; i++) edges[`m${i}`] = [`m${i + 1}`];
    edges.m100000 = ["m0"];
    expect(circles(graph(edges))).toHaveLength(1);
  });
});

describe("runtimeSpecifiers", () => {
  const specifiers = (text: string) => runtimeSpecifiers("x.ts", text);

  it("leaves out what the compiler erases", () => {
    const text = [
      'import type { A } from "./type-only";',
      'import { type B, type C } from "./all-type";',
      'export type { D } from "./export-type";',
      'export { type E } from "./export-all-type";',
    ].join("\n");
    expect(specifiers(text)).toEqual([]);
  });

  it("keeps what loads a module", () => {
    const text = [
      'import { type A, b } from "./mixed";',
      'import c from "./default";',
      'import * as d from "./namespace";',
      'import "./side-effect";',
      'export * from "./star";',
      'export { e } from "./named";',
      'const f = () => import("./lazy");',
      'const g = require("./required");',
    ].join("\n");
    expect(specifiers(text)).toEqual(["./mixed", "./default", "./namespace", "./side-effect", "./star", "./named", "./lazy", "./required"]);
  });

  it("counts type-only imports when asked", () => {
    expect(runtimeSpecifiers("x.ts", 'import type { A } from "./a";', true)).toEqual(["./a"]);
  });
});
