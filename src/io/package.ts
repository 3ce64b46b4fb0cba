/**
 * Editing an .xlsx package without rewriting it: the entries named are
 * replaced or added, every other entry is copied byte for byte (no
 * recompression), so charts, pictures and anything else a program put in the
 * book survive. The settings part, the forms' manifest and the collected
 * figures all go into a book this way. Node and the browser alike.
 */
import { inflateSync } from "fflate";
import { ShnorError } from "../core";
import { concat, directoryRecords, endRecordAt, newEntry, u16, u32 } from "./zip";

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
  const tailStart = Math.max(0, zip.length - 22 - 0xffff);
  const end = endRecordAt(zip.subarray(tailStart));
  if (end < 0) throw bad();
  const at = tailStart + end;
  const count = u16(zip, at + 10);
  const directoryOffset = u32(zip, at + 16);
  // A package past zip64's thresholds is left as exceljs wrote it (the caller says so).
  if (count === 0xffff || directoryOffset === 0xffffffff) throw bad();
  const dir = zip.subarray(directoryOffset);
  const entries = directoryRecords(dir, count, bad).map((e) => ({
    name: e.name,
    record: Uint8Array.prototype.slice.call(dir, e.record.start, e.record.end),
    method: e.method,
    compressedSize: e.compressedSize,
    localOffset: e.localOffset,
  }));
  return { entries, directoryOffset };
}

function entryText(zip: Uint8Array, e: CentralEntry): string {
  const start = e.localOffset + 30 + u16(zip, e.localOffset + 26) + u16(zip, e.localOffset + 28);
  const data = zip.subarray(start, start + e.compressedSize);
  return new TextDecoder().decode(e.method === 8 ? inflateSync(data) : data);
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
