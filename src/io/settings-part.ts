/**
 * The add-in's settings part inside an .xlsx package, read and written
 * without Office: Excel keeps a custom XML part as `customXml/itemN.xml`, with
 * its `itemPropsN.xml`, a relationship of type …/customXml from the workbook
 * and a content type for the props. Node and the browser alike.
 */
import { deflateSync, inflateSync } from "fflate";
import { SaxesParser } from "saxes";
import { SETTINGS_NAMESPACE, ShnorError } from "../core";
import { overLimit, ReaderLimits } from "./limits";
import { readRelationships, relsPath, typeIs, workbookPart } from "./xlsx";
import type { Zip, ZipEntry } from "./zip";

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
  for (const entry of await candidates(zip, limits)) {
    const text = await readIfOurs(zip, entry, limits);
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

async function readIfOurs(zip: Zip, entry: ZipEntry, limits: ReaderLimits): Promise<string | null> {
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
    if (root === SETTINGS_NAMESPACE && doctype) throw refused(`часть «${entry.name}» объявляет DOCTYPE, а сущности XML не допускаются`);
    if (++depth > limits.xmlDepth) throw overLimit("xmlDepth", zip.name, limits.xmlDepth);
  });
  parser.on("closetag", () => {
    depth--;
  });
  const ours = () => root === SETTINGS_NAMESPACE;
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

/* Writing: the package's bytes copied as they are, entry by entry, with the part added. */

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

let crcTable: Uint32Array | null = null;
function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

interface CentralEntry {
  name: string;
  /** The central directory record as found, to copy with a new offset. */
  record: Uint8Array;
  method: number;
  compressedSize: number;
  localOffset: number;
}

function readDirectory(zip: Uint8Array): { entries: CentralEntry[]; directoryOffset: number } {
  const bad = () => new ShnorError("host", "Не удалось дописать настройки в книгу отчёта: её архив не прочитан.");
  let at = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (u32(zip, i) === 0x06054b50) {
      at = i;
      break;
    }
  }
  if (at < 0) throw bad();
  const count = u16(zip, at + 10);
  const directoryOffset = u32(zip, at + 16);
  // A package past zip64's thresholds is left as exceljs wrote it (the caller says so).
  if (count === 0xffff || directoryOffset === 0xffffffff) throw bad();
  const entries: CentralEntry[] = [];
  let p = directoryOffset;
  const utf8 = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || u32(zip, p) !== 0x02014b50) throw bad();
    const nameLength = u16(zip, p + 28);
    const length = 46 + nameLength + u16(zip, p + 30) + u16(zip, p + 32);
    entries.push({
      name: utf8.decode(zip.subarray(p + 46, p + 46 + nameLength)),
      record: Uint8Array.prototype.slice.call(zip, p, p + length),
      method: u16(zip, p + 10),
      compressedSize: u32(zip, p + 20),
      localOffset: u32(zip, p + 42),
    });
    p += length;
  }
  return { entries, directoryOffset };
}

function entryText(zip: Uint8Array, e: CentralEntry): string {
  const start = e.localOffset + 30 + u16(zip, e.localOffset + 26) + u16(zip, e.localOffset + 28);
  const data = zip.subarray(start, start + e.compressedSize);
  return new TextDecoder().decode(e.method === 8 ? inflateSync(data) : data);
}

/** A new entry's local header and central record, deflated, UTF-8 name. */
function newEntry(name: string, text: string): { local: Uint8Array; central: (offset: number) => Uint8Array } {
  const nameBytes = new TextEncoder().encode(name);
  const raw = new TextEncoder().encode(text);
  const data = deflateSync(raw);
  const crc = crc32(raw);
  const head = (size: number) => {
    const b = new Uint8Array(size);
    const v = new DataView(b.buffer);
    return { b, v };
  };
  const { b: local, v: lv } = head(30 + nameBytes.length + data.length);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(6, 0x0800, true);
  lv.setUint16(8, 8, true);
  lv.setUint16(12, 0x21, true); // 1980-01-01: the package carries no dates of its own
  lv.setUint32(14, crc, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, raw.length, true);
  lv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);
  local.set(data, 30 + nameBytes.length);
  return {
    local,
    central(offset: number) {
      const { b, v } = head(46 + nameBytes.length);
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, 20, true);
      v.setUint16(8, 0x0800, true);
      v.setUint16(10, 8, true);
      v.setUint16(14, 0x21, true);
      v.setUint32(16, crc, true);
      v.setUint32(20, data.length, true);
      v.setUint32(24, raw.length, true);
      v.setUint16(28, nameBytes.length, true);
      v.setUint32(42, offset, true);
      b.set(nameBytes, 46);
      return b;
    },
  };
}

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

/**
 * The package with the settings part added as Excel adds one. Entries other
 * than the content types and the workbook's relationships are copied byte for
 * byte (no recompression), so a region's report costs one copy of its bytes.
 */
export function withSettingsPart(bytes: Uint8Array, xml: string): Uint8Array {
  // A plain view: a Node Buffer's slice() would share memory where a copy is meant.
  const zip = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { entries, directoryOffset } = readDirectory(zip);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const text = (name: string) => {
    const e = byName.get(name);
    return e ? entryText(zip, e) : null;
  };
  const rootRels = text("_rels/.rels") ?? "";
  const workbookTarget = /Type="[^"]*\/officeDocument"[^>]*Target="\/?([^"]+)"|Target="\/?([^"]+)"[^>]*Type="[^"]*\/officeDocument"/.exec(
    rootRels,
  );
  const workbook = workbookTarget ? (workbookTarget[1] ?? workbookTarget[2]) : "xl/workbook.xml";
  const workbookRels = relsPath(workbook);
  const types = text("[Content_Types].xml");
  const rels = text(workbookRels);
  if (types === null || !types.includes("</Types>"))
    throw new ShnorError("host", "Не удалось дописать настройки в книгу отчёта: в ней нет описания типов частей.");

  const used = new Set(entries.map((e) => ITEM.exec(e.name)?.[1]).filter((n): n is string => n !== undefined));
  let n = 1;
  while (used.has(String(n))) n++;
  const item = `customXml/item${n}.xml`;
  const props = `customXml/itemProps${n}.xml`;
  const relIds = new Set([...(rels ?? "").matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]));
  let id = 1;
  while (relIds.has(`rId${id}`)) id++;
  const depth = workbook.split("/").length - 1;
  const target = `${"../".repeat(depth)}${item}`;
  const relationship = `<Relationship Id="rId${id}" Type="${CUSTOM_XML_REL}" Target="${escapeAttribute(target)}"/>`;
  const newRels =
    rels === null
      ? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationship}</Relationships>`
      : rels.replace(/<\/Relationships>\s*$/, `${relationship}</Relationships>`);
  const xmlDefault = /<Default\s[^>]*Extension="xml"/i.test(types) ? "" : `<Default Extension="xml" ContentType="application/xml"/>`;
  const newTypes = types.replace("</Types>", `${xmlDefault}<Override PartName="/${props}" ContentType="${PROPS_TYPE}"/></Types>`);

  const replaced = new Map([
    ["[Content_Types].xml", newTypes],
    [workbookRels, newRels],
  ]);
  const added = [
    ...(rels === null ? [[workbookRels, newRels]] : []),
    [item, `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${xml}`],
    [
      props,
      `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="${guid()}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="${SETTINGS_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>`,
    ],
    [
      `customXml/_rels/item${n}.xml.rels`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${CUSTOM_XML_PROPS_REL}" Target="itemProps${n}.xml"/></Relationships>`,
    ],
  ] as [string, string][];

  const pieces: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const push = (bytes: Uint8Array) => {
    pieces.push(bytes);
    offset += bytes.length;
  };
  const ordered = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  ordered.forEach((e, i) => {
    const end = i + 1 < ordered.length ? ordered[i + 1].localOffset : directoryOffset;
    const start = offset;
    const replacement = replaced.get(e.name);
    if (replacement !== undefined) {
      const fresh = newEntry(e.name, replacement);
      push(fresh.local);
      central.push(fresh.central(start));
    } else {
      // The local header, data and any data descriptor, as written.
      push(zip.subarray(e.localOffset, end));
      const record = Uint8Array.from(e.record);
      new DataView(record.buffer, record.byteOffset).setUint32(42, start, true);
      central.push(record);
    }
  });
  for (const [name, content] of added) {
    const fresh = newEntry(name, content);
    const start = offset;
    push(fresh.local);
    central.push(fresh.central(start));
  }
  const directoryStart = offset;
  for (const record of central) push(record);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, central.length, true);
  v.setUint16(10, central.length, true);
  v.setUint32(12, offset - directoryStart, true);
  v.setUint32(16, directoryStart, true);
  push(end);
  const out = new Uint8Array(offset);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
