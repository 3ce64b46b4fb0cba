/**
 * Functions sized to be read: no function, method, arrow function or component in src runs over 80 lines
 * (from its first line to its closing brace, nested functions included), unless a `// long: <why>` line
 * among the comments right above it says why its length is honest (a reducer's switch, a SAX-style
 * reader's loop, a declarative table). The test reads the sources with the TypeScript compiler.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";

export const LIMIT = 80;

export interface LongFunction {
  file: string;
  line: number;
  name: string;
  lines: number;
  /** What its `// long:` line says, if it has one. */
  reason?: string;
}

/** The name a reader would look for: `Class.method`, the variable an arrow is bound to, or the call it is passed to. */
function nameOf(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  const own = node.name && !ts.isComputedPropertyName(node.name) ? node.name.getText(source) : undefined;
  const parent = node.parent;
  if (own && (ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) && ts.isClassLike(parent)) {
    return `${parent.name?.getText(source) ?? "class"}.${own}`;
  }
  if (ts.isConstructorDeclaration(node) && ts.isClassLike(parent)) return `${parent.name?.getText(source) ?? "class"}.constructor`;
  if (own) return own;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText(source);
  }
  if (ts.isCallExpression(parent)) {
    // `const analyze = useCallback(() => …)` is `analyze`.
    if (ts.isVariableDeclaration(parent.parent)) return parent.parent.name.getText(source);
    return `callback of ${parent.expression.getText(source)}`;
  }
  return "anonymous function";
}

/** The `// long:` reason among the comments right above the function, or above the statement that holds it. */
function reasonOf(node: ts.Node, text: string): string | undefined {
  for (let at: ts.Node | undefined = node; at && !ts.isSourceFile(at); at = at.parent) {
    for (const range of ts.getLeadingCommentRanges(text, at.pos) ?? []) {
      const comment = text.slice(range.pos, range.end);
      const reason = /^\/\/\s*long:(.*)$/.exec(comment)?.[1]?.trim();
      if (reason !== undefined) return reason;
    }
    if (ts.isStatement(at) || ts.isClassElement(at) || ts.isPropertyAssignment(at)) break;
  }
  return undefined;
}

/** Every function in one source text longer than `limit` lines. */
export function longFunctions(file: string, text: string, limit = LIMIT): LongFunction[] {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.end).line;
      const lines = last - first + 1;
      if (lines > limit) {
        found.push({
          file,
          line: first + 1,
          name: nameOf(node as ts.FunctionLikeDeclaration, source),
          lines,
          reason: reasonOf(node, text),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** How the test names a function that fails it. */
export function describeLong(f: LongFunction): string {
  return `${f.file}:${f.line} ${f.name} is ${f.lines} lines (limit ${LIMIT}): split it along its steps, or put a \`// long: <why>\` line right above it`;
}

const root = join(__dirname, "..", "..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const found = files(join(root, "src")).flatMap((path) =>
  longFunctions(relative(root, path).split(sep).join("/"), readFileSync(path, "utf8")),
);

describe("functions in src are sized to be read", () => {
  it("finds functions to measure (the scan reads the sources)", () => {
    expect(files(join(root, "src")).length).toBeGreaterThan(50);
  });

  it(`has no function over ${LIMIT} lines without a reason`, () => {
    const unexplained = found.filter((f) => !f.reason);
    expect(unexplained.map(describeLong)).toEqual([]);
  });
});

describe("the long-function scan", () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join("\n");

  it("lists a function over the limit, with its name, first line and length", () => {
    const text = `import x from "y";\n\nexport function tooLong(): void {\n${body(LIMIT - 1)}\n}\n`;
    expect(longFunctions("made-up.ts", text)).toEqual([
      { file: "made-up.ts", line: 3, name: "tooLong", lines: LIMIT + 1, reason: undefined },
    ]);
    expect(describeLong(longFunctions("made-up.ts", text)[0])).toMatch(/^made-up\.ts:3 tooLong is 81 lines \(limit 80\)/);
  });

  it("leaves a function of exactly the limit alone", () => {
    expect(longFunctions("made-up.ts", `function justRight() {\n${body(LIMIT - 2)}\n}\n`)).toEqual([]);
  });

  it("names methods by their class, arrows by their variable, callbacks by their call, and sees components in .tsx", () => {
    const text = [
      `class Reader {\n  parse(): void {\n${body(LIMIT)}\n  }\n}`,
      `const arrow = () => {\n${body(LIMIT)}\n};`,
      `items.forEach((item) => {\n${body(LIMIT)}\n});`,
      `export function Pane() {\n${body(LIMIT)}\n  return <div />;\n}`,
    ].join("\n");
    expect(longFunctions("made-up.tsx", text).map((f) => f.name)).toEqual(["Reader.parse", "arrow", "callback of items.forEach", "Pane"]);
  });

  it("counts a nested function within the one that holds it", () => {
    const text = `function outer() {\n  const inner = () => {\n${body(LIMIT)}\n  };\n}\n`;
    expect(longFunctions("made-up.ts", text).map((f) => [f.name, f.lines])).toEqual([
      ["outer", LIMIT + 4],
      ["inner", LIMIT + 2],
    ]);
  });

  it("reads the reason from a `// long:` line above the function, its JSDoc, or its statement", () => {
    const text = [
      `/** Reads a sheet. */\n// long: one SAX loop over the events\nfunction sax() {\n${body(LIMIT)}\n}`,
      `// long: the reducer's switch, one case per action\nexport const reduce = (s: number) => {\n${body(LIMIT)}\n};`,
      `class Sheet {\n  // long: a declarative table\n  build(): void {\n${body(LIMIT)}\n  }\n}`,
    ].join("\n");
    expect(longFunctions("made-up.ts", text).map((f) => f.reason)).toEqual([
      "one SAX loop over the events",
      "the reducer's switch, one case per action",
      "a declarative table",
    ]);
  });

  it("takes no reason from an empty `// long:`, a comment inside the body, or an ordinary comment", () => {
    const text = [
      `// long:\nfunction empty() {\n${body(LIMIT)}\n}`,
      `function inside() {\n  // long: said in the wrong place\n${body(LIMIT)}\n}`,
      `// This one is long too.\nfunction plain() {\n${body(LIMIT)}\n}`,
    ].join("\n");
    const listed = longFunctions("made-up.ts", text);
    expect(listed.map((f) => f.name)).toEqual(["empty", "inside", "plain"]);
    expect(listed.filter((f) => !f.reason).map((f) => f.name)).toEqual(["empty", "inside", "plain"]);
  });
});
