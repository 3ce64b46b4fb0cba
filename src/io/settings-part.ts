/**
 * The add-in's settings part inside an .xlsx package, read and written
 * without Office: Excel keeps a custom XML part as `customXml/itemN.xml`, with
 * its `itemPropsN.xml`, a relationship of type …/customXml from the workbook
 * and a content type for the props. Node and the browser alike.
 */
import { SaxesParser } from "saxes";
import { SETTINGS_NAMESPACE, ShnorError } from "../core";
import { overLimit, ReaderLimits } from "./limits";
import { readRelationships, relsPath, typeIs, workbookPart } from "./relationships";
import type { Zip, ZipEntry } from "./zip";
import { editPackage, workbookEntry } from "./package";

const CUSTOM_XML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml";
const CUSTOM_XML_PROPS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps";
const PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml";
const ITEM = /^customXml\/item(\d+)\.xml$/i;

/** The custom XML parts of the book: those the workbook points at first, then any other item in customXml/. */
async function candidates(zip: Zip, limits: ReaderLimits): Promise<ZipEntry[]> {
  const workbook = await workbookPart(zip, limits);
  const rels = await readRelationships(zip, workbook, limits);
  const found: ZipEntry[] = [];
  const add = (entry: ZipEntry | undefined) => {
    if (entry && !found.includes(entry)) found.push(entry);
  };
  for (const rel of rels.values()) if (typeIs(rel, "customXml")) add(zip.entry(rel.target));
  for (const entry of zip.entries) if (/^customXml\/[^/]+\.xml$/i.test(entry.name) && !/\/itemProps/i.test(entry.name)) add(entry);
  return found;
}

/**
 * The text of the first part whose root element is in the add-in's namespace
 * (by its XML, never its file name), or null. A part is told by its root alone:
 * another program's part is left at its first element, and one whose root does
 * not come within the string limit (a long comment before it) is not ours, since
 * the add-in writes its root first. Ours is bounded by the string limit, and a
 * DOCTYPE or bytes that are not UTF-8 make it a refused part (a notice), never
 * a silent default.
 */
export async function findSettingsPart(zip: Zip, limits: ReaderLimits): Promise<string | null> {
  return findCustomPart(zip, limits, SETTINGS_NAMESPACE);
}

/** The text of the first custom XML part whose root is in `namespace` (up to `maxChars` characters), or null. */
export async function findCustomPart(
  zip: Zip,
  limits: ReaderLimits,
  namespace: string,
  maxChars = limits.stringLength,
): Promise<string | null> {
  for (const entry of await candidates(zip, limits)) {
    const text = await readIfOurs(zip, entry, { ...limits, stringLength: maxChars }, namespace);
    if (text !== null) return text;
  }
  return null;
}

/** A part's bytes as text, chunk by chunk, with a note of any byte sequence that is not valid in its encoding. */
class PartDecoder {
  private readonly lenient: InstanceType<typeof TextDecoder>;
  private readonly strict: InstanceType<typeof TextDecoder>;
  invalid = false;

  constructor(first: Uint8Array) {
    const encoding = first[0] === 0xff && first[1] === 0xfe ? "utf-16le" : first[0] === 0xfe && first[1] === 0xff ? "utf-16be" : "utf-8";
    this.lenient = new TextDecoder(encoding);
    this.strict = new TextDecoder(encoding, { fatal: true });
  }

  decode(chunk?: Uint8Array): string {
    if (!this.invalid) {
      try {
        this.strict.decode(chunk, { stream: chunk !== undefined });
      } catch {
        this.invalid = true;
      }
    }
    return this.lenient.decode(chunk, { stream: chunk !== undefined });
  }
}

/** Our part refused, and why (the notice quotes the reason: «Настройки, сохранённые в книге «x», не прочитаны (…)»). */
const refused = (reason: string) => new ShnorError("unreadable-file", reason);

async function readIfOurs(zip: Zip, entry: ZipEntry, limits: ReaderLimits, namespace: string): Promise<string | null> {
  const parser = new SaxesParser({ xmlns: true, position: false });
  let root: string | null = null;
  let depth = 0;
  let text = "";
  let doctype = false;
  let decoder: PartDecoder | null = null;
  // Whose part it is shows at its root: a DOCTYPE before it is refused only if the part is ours.
  parser.on("doctype", () => {
    doctype = true;
  });
  parser.on("opentag", (tag) => {
    root ??= tag.uri ?? "";
    if (root === namespace && doctype) throw refused(`часть «${entry.name}» объявляет DOCTYPE, а сущности XML не допускаются`);
    if (++depth > limits.xmlDepth) throw overLimit("xmlDepth", zip.name, limits.xmlDepth);
  });
  parser.on("closetag", () => {
    depth--;
  });
  const ours = () => root === namespace;
  try {
    for await (const chunk of zip.chunks(entry)) {
      if (chunk.length === 0) continue;
      decoder ??= new PartDecoder(chunk);
      const piece = decoder.decode(chunk);
      text += piece;
      parser.write(piece);
      if (root !== null && !ours()) return null;
      if (text.length > limits.stringLength) {
        // No root yet: a long prolog (a comment of another program) is not how the add-in writes its part.
        if (root === null) return null;
        throw refused(`часть «${entry.name}» длиннее ${limits.stringLength} символов (предел длины строки)`);
      }
    }
    if (decoder) {
      const rest = decoder.decode();
      text += rest;
      parser.write(rest);
    }
    parser.close();
  } catch (e) {
    if (!ours()) return null;
    if (e instanceof ShnorError) throw e;
    throw refused(`часть «${entry.name}»: XML повреждён`);
  }
  if (!ours()) return null;
  if (decoder?.invalid) throw refused(`в части «${entry.name}» текст не в кодировке UTF-8`);
  return text;
}

/* Writing: the package's bytes copied as they are, entry by entry, with the parts added. */

const escapeAttribute = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

function guid(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  const hex = [...bytes]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`;
}

/** A custom XML part to add: its XML and the namespace of its root. */
export interface CustomPart {
  xml: string;
  namespace: string;
}

/**
 * The package with the settings part added as Excel adds one. Entries other
 * than the content types and the workbook's relationships are copied byte for
 * byte (no recompression), so a region's report costs one copy of its bytes.
 */
export function withSettingsPart(bytes: Uint8Array, xml: string): Uint8Array {
  return withCustomParts(bytes, [{ xml, namespace: SETTINGS_NAMESPACE }]);
}

/** The package with each part added as Excel adds a custom XML part, in one copy of its bytes. */
export function withCustomParts(bytes: Uint8Array, parts: CustomPart[]): Uint8Array {
  const what = "настройки в книгу отчёта";
  return editPackage(bytes, what, (view) => {
    const workbook = workbookEntry(view);
    const workbookRels = relsPath(workbook);
    const found = view.text("[Content_Types].xml");
    let rels = view.text(workbookRels);
    if (found === null || !found.includes("</Types>"))
      throw new ShnorError("host", "Не удалось дописать настройки в книгу отчёта: в ней нет описания типов частей.");
    let types: string = found;
    const replace = new Map<string, string>();
    const used = new Set(view.names.map((e) => ITEM.exec(e)?.[1]).filter((n): n is string => n !== undefined));
    const relIds = new Set([...(rels ?? "").matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]));
    for (const part of parts) {
      let n = 1;
      while (used.has(String(n))) n++;
      used.add(String(n));
      const item = `customXml/item${n}.xml`;
      const props = `customXml/itemProps${n}.xml`;
      let id = 1;
      while (relIds.has(`rId${id}`)) id++;
      relIds.add(`rId${id}`);
      const depth = workbook.split("/").length - 1;
      const target = `${"../".repeat(depth)}${item}`;
      const relationship = `<Relationship Id="rId${id}" Type="${CUSTOM_XML_REL}" Target="${escapeAttribute(target)}"/>`;
      rels =
        rels === null
          ? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationship}</Relationships>`
          : rels.replace(/<\/Relationships>\s*$/, `${relationship}</Relationships>`);
      const xmlDefault: string = /<Default\s[^>]*Extension="xml"/i.test(types)
        ? ""
        : `<Default Extension="xml" ContentType="application/xml"/>`;
      types = types.replace("</Types>", `${xmlDefault}<Override PartName="/${props}" ContentType="${PROPS_TYPE}"/></Types>`);
      replace.set(item, `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${part.xml}`);
      replace.set(
        props,
        `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="${guid()}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="${part.namespace}"/></ds:schemaRefs></ds:datastoreItem>`,
      );
      replace.set(
        `customXml/_rels/item${n}.xml.rels`,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${CUSTOM_XML_PROPS_REL}" Target="itemProps${n}.xml"/></Relationships>`,
      );
    }
    replace.set("[Content_Types].xml", types);
    if (rels !== null) replace.set(workbookRels, rels);
    return { replace };
  });
}
