/**
 * An OOXML package's relationships: which part a part points at, and where the
 * workbook is. The book reader and the custom XML parts (settings, forms) both
 * find their parts through these. Node and the browser alike.
 */
import type { ReaderLimits } from "./limits";
import { parseXml, XmlHandler } from "./xml";
import type { Zip, ZipEntry } from "./zip";

export interface Relationship {
  type: string;
  target: string;
}

/** Resolves a relationship target against the directory of the part that holds it; "/x" is from the root. */
export function resolveTarget(base: string, target: string): string {
  let t = target.trim();
  try {
    t = decodeURIComponent(t);
  } catch {
    /* a literal % stays */
  }
  const parts = t.startsWith("/") ? [] : base.split("/").slice(0, -1);
  for (const piece of t.replace(/\\/g, "/").split("/")) {
    if (piece === "" || piece === ".") continue;
    if (piece === "..") parts.pop();
    else parts.push(piece);
  }
  return parts.join("/");
}

/** The relationships part of a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels". */
export function relsPath(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A small part parsed whole with a handler. */
export async function parsePart(zip: Zip, entry: ZipEntry, handler: XmlHandler, limits: ReaderLimits): Promise<void> {
  for await (const _ of parseXml(zip.chunks(entry), handler, { book: zip.name, part: entry.name, limits })) void _;
}

export async function readRelationships(zip: Zip, part: string, limits: ReaderLimits): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  const entry = zip.entry(relsPath(part));
  if (!entry) return rels;
  await parsePart(
    zip,
    entry,
    {
      open(name, a) {
        if (name === "Relationship" && a.Id !== undefined && a.Target !== undefined && a.TargetMode !== "External")
          rels.set(a.Id, { type: a.Type ?? "", target: resolveTarget(part, a.Target) });
      },
      close() {},
    },
    limits,
  );
  return rels;
}

export const typeIs = (rel: Relationship, kind: string) => rel.type.endsWith(`/${kind}`);

/** Where the workbook part is: the package's officeDocument relationship, else the usual name. */
export async function workbookPart(zip: Zip, limits: ReaderLimits): Promise<string> {
  const root = await readRelationships(zip, "", limits);
  for (const rel of root.values()) if (typeIs(rel, "officeDocument")) return rel.target;
  return zip.entry("xl/workbook.bin") ? "xl/workbook.bin" : "xl/workbook.xml";
}
