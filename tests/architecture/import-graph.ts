/**
 * The runtime import graph of src, read with the TypeScript compiler's parser, and its circles.
 *
 * An edge is an import that runs: `import … from`, `export … from`, `import("…")` and
 * `require("…")`. Left out are `import type`, `export type … from`, and imports whose every
 * named specifier is `type` (the compiler erases them all). Only relative paths are followed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/** The module specifiers of one source text that load at run time (with `types`, the type-only ones too). */
export function runtimeSpecifiers(fileName: string, text: string, types = false): string[] {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    false,
    fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (types || !typeOnlyImport(node.importClause)) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const allTypes = clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
      if (types || (!node.isTypeOnly && !allTypes)) found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && (types || !node.isTypeOnly) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) found.push(expression.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require"))
        found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function typeOnlyImport(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false; // `import "./x"` runs the module
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return (
    bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)
  );
}

/** The file a relative specifier names, as the compiler resolves it (.ts, .tsx, folder/index). */
export function resolveRelative(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Module → the modules it loads at run time, as paths relative to root with "/" separators. */
export type Graph = Map<string, string[]>;

/**
 * Every module under root and what it imports; a relative specifier that names no file throws,
 * so an import the resolver misses cannot hide a circle.
 */
export function importGraph(root: string, types = false): Graph {
  const name = (path: string) => relative(root, path).split(sep).join("/");
  const graph: Graph = new Map();
  for (const file of sourceFiles(root)) {
    const targets = runtimeSpecifiers(file, readFileSync(file, "utf8"), types)
      .filter((specifier) => specifier.startsWith("."))
      .map((specifier) => {
        const path = resolveRelative(file, specifier);
        if (path === null) throw new Error(`${name(file)}: «${specifier}» names no .ts, .tsx or index file`);
        return name(path);
      });
    graph.set(name(file), [...new Set(targets)]);
  }
  return graph;
}

/**
 * The circles of a graph: its strongly connected components that hold more than one module,
 * or one module that loads itself (Tarjan's algorithm, linear in modules and imports; iterative,
 * so a long chain cannot overflow the stack). Each circle is sorted, and the list by its first name.
 */
export function circles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  const targets = (node: string) => graph.get(node) ?? [];

  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = targets(frame.node);
      if (frame.next < edges.length) {
        const to = edges[frame.next++];
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || targets(frame.node).includes(frame.node)) found.push(component.sort());
      }
    }
  }
  return found.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
