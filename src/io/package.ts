/**
 * Editing an .xlsx package without rewriting it: the entries named are
 * replaced or added, every other entry is copied byte for byte (no
 * recompression), so charts, pictures and anything else a program put in the
 * book survive. The settings part, the forms' manifest and the collected
 * figures all go into a book this way. Node and the browser alike.
 */
import { deflateSync, inflateSync } from "fflate";
import { ShnorError } from "../core";
import { concat } from "./zip";

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

function readDirectory(zip: Uint8Array, what: string): { entries: CentralEntry[]; directoryOffset: number } {
  const bad = () => new ShnorError("host", `Не удалось дописать ${what}: архив книги не прочитан.`);
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

/** A package opened for editing: its entries' texts, read on demand. */
export interface PackageView {
  names: string[];
  /** The entry's text (inflated), or null when there is none. */
  text(name: string): string | null;
}

export interface PackageEdit {
  /** Entries whose content is replaced (or added, where the package has none), by name. */
  replace: Map<string, string>;
}

/**
 * The package with `edit`'s entries written, read through `plan` first. `what`
 * names the change for the one Russian line a package that cannot be read gets.
 */
export function editPackage(bytes: Uint8Array, what: string, plan: (view: PackageView) => PackageEdit): Uint8Array {
  // A plain view: a Node Buffer's slice() would share memory where a copy is meant.
  const zip = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { entries, directoryOffset } = readDirectory(zip, what);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const { replace } = plan({
    names: entries.map((e) => e.name),
    text: (name) => {
      const e = byName.get(name);
      return e ? entryText(zip, e) : null;
    },
  });

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
    const replacement = replace.get(e.name);
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
  for (const [name, content] of replace) {
    if (byName.has(name)) continue;
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
  return concat(pieces);
}

/** The workbook part's name, from the package's root relationships. */
export function workbookEntry(view: PackageView): string {
  const rootRels = view.text("_rels/.rels") ?? "";
  const m = /Type="[^"]*\/officeDocument"[^>]*Target="\/?([^"]+)"|Target="\/?([^"]+)"[^>]*Type="[^"]*\/officeDocument"/.exec(rootRels);
  return m ? (m[1] ?? m[2]) : "xl/workbook.xml";
}
