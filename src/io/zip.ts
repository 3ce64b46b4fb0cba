/**
 * The project's one zip. A zip is read through its central directory by random
 * access, so the order of the entries, data descriptors and `xl/workbook.xml`
 * stored last change nothing. Entries inflate in chunks (fflate's streaming
 * Inflate, the same code in Node and the browser), and every inflated byte counts
 * against the book's limit and the size the directory declares. The package
 * editor (package.ts) reads the same directory and writes its new entries here.
 */
import { deflateSync, Inflate } from "fflate";
import { ShnorError } from "../core";
import { damaged, overLimit, ReaderLimits } from "./limits";
import type { ByteSource } from "./types";

export interface ZipEntry {
  /** The path inside the zip, as stored ("xl/worksheets/sheet1.xml"). */
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes read from the source at a time. */
const CHUNK = 1 << 20;

/** Which inflater entries use: the host's native one where it exists, or fflate's (the tests run both). */
let inflater: "native" | "fflate" = "native";
export function useInflater(kind: "native" | "fflate"): void {
  inflater = kind;
}

/** Raw deflate data in, inflated bytes out, both as they come. */
export type InflateStream = (compressed: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>;

/**
 * The host's own inflater when it has one better than DecompressionStream
 * (Node's zlib with large output chunks: src/io/node.ts sets it). The native
 * inflater is then this one; a browser keeps DecompressionStream.
 */
let hostInflate: InflateStream | null = null;
export function useHostInflater(inflate: InflateStream | null): void {
  hostInflate = inflate;
}

/** DecompressionStream as an InflateStream: the compressed bytes are pumped in as the output is read. */
async function* webInflate(compressed: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const stream = new DecompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let failure: unknown = null;
  const pump = (async () => {
    try {
      for await (const chunk of compressed) await writer.write(chunk as unknown as Uint8Array<ArrayBuffer>);
      await writer.close();
    } catch (e) {
      failure ??= e;
      await writer.abort(e).catch(() => undefined);
    }
  })();
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (e) {
        throw failure ?? e;
      }
      if (next.done) break;
      yield next.value;
    }
    await pump;
    if (failure) throw failure;
  } finally {
    reader.releaseLock();
  }
}

export const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
export const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 2 ** 32;

const utf8 = new TextDecoder("utf-8");
/** Code page 437 is the zip default; part names of a book are ASCII, so only that half matters. */
const latin = new TextDecoder("latin1");

/** Where the end-of-central-directory record sits in a file's last bytes (its comment within them), or -1. */
export function endRecordAt(tail: Uint8Array): number {
  for (let i = tail.length - 22; i >= 0; i--) if (u32(tail, i) === EOCD && i + 22 + u16(tail, i + 20) <= tail.length) return i;
  return -1;
}

/** An entry as the central directory describes it, with its flags and where its record lies in the directory. */
export interface DirectoryRecord extends ZipEntry {
  flags: number;
  record: { start: number; end: number };
}

/**
 * The central directory's `count` records, read from its bytes; zip64 sizes and offsets are
 * taken from the extra field. `bad` makes the error for a directory that is damaged.
 */
export function directoryRecords(dir: Uint8Array, count: number, bad: (detail: string) => Error): DirectoryRecord[] {
  const records: DirectoryRecord[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dir.length || u32(dir, p) !== CENTRAL) throw bad("повреждено оглавление архива");
    const flags = u16(dir, p + 8);
    const method = u16(dir, p + 10);
    let compressedSize = u32(dir, p + 20);
    let size = u32(dir, p + 24);
    const nameLength = u16(dir, p + 28);
    const extraLength = u16(dir, p + 30);
    const commentLength = u16(dir, p + 32);
    let localOffset = u32(dir, p + 42);
    const nameBytes = dir.subarray(p + 46, p + 46 + nameLength);
    const name = (flags & 0x800 ? utf8 : latin).decode(nameBytes);
    // zip64: the real sizes and offset are in the extra field, in this order, where the 32-bit ones are all ones.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = u16(dir, e);
      const length = u16(dir, e + 2);
      if (id === 1) {
        let q = e + 4;
        if (size === 0xffffffff) ((size = u64(dir, q)), (q += 8));
        if (compressedSize === 0xffffffff) ((compressedSize = u64(dir, q)), (q += 8));
        if (localOffset === 0xffffffff) localOffset = u64(dir, q);
      }
      e += 4 + length;
    }
    records.push({ name, method, compressedSize, size, localOffset, flags, record: { start: p, end: extraEnd + commentLength } });
    p = extraEnd + commentLength;
  }
  return records;
}

export class Zip {
  /** Lower-cased name → entry: part names in a package are case-insensitive. */
  private readonly byName = new Map<string, ZipEntry>();
  private inflated = 0;

  private constructor(
    private readonly source: ByteSource,
    readonly entries: ZipEntry[],
    private readonly limits: ReaderLimits,
  ) {
    for (const e of entries) if (!this.byName.has(e.name.toLowerCase())) this.byName.set(e.name.toLowerCase(), e);
  }

  static async open(source: ByteSource, limits: ReaderLimits): Promise<Zip> {
    const bad = (detail: string) => damaged(source.name, detail);
    const tailLength = Math.min(source.size, 22 + 0xffff);
    const tailStart = source.size - tailLength;
    const tail = await source.read(tailStart, tailLength);
    const at = endRecordAt(tail);
    if (at < 0) throw bad("не найдено оглавление архива zip: файл обрезан или это не книга");
    let count = u16(tail, at + 10);
    let dirSize = u32(tail, at + 12);
    let dirOffset = u32(tail, at + 16);
    if ((count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) && at >= 20 && u32(tail, at - 20) === EOCD64_LOCATOR) {
      const offset64 = u64(tail, at - 20 + 8);
      const record = await source.read(offset64, 56);
      if (record.length < 56 || u32(record, 0) !== EOCD64) throw bad("повреждено оглавление архива zip64");
      count = u64(record, 32);
      dirSize = u64(record, 40);
      dirOffset = u64(record, 48);
    }
    if (dirOffset + dirSize > source.size) throw bad("оглавление архива указывает за конец файла: файл обрезан");
    const dir = await source.read(dirOffset, dirSize);
    const entries: ZipEntry[] = [];
    for (const { flags, record: _record, ...entry } of directoryRecords(dir, count, bad)) {
      if (flags & 1) throw bad(`часть «${entry.name}» зашифрована`);
      entries.push(entry);
    }
    return new Zip(source, entries, limits);
  }

  get name(): string {
    return this.source.name;
  }

  entry(path: string): ZipEntry | undefined {
    return this.byName.get(path.replace(/^\/+/, "").toLowerCase());
  }

  /** The entry's bytes, inflated chunk by chunk; an error (never fewer bytes) if it is damaged or over the limit. */
  async *chunks(entry: ZipEntry): AsyncGenerator<Uint8Array> {
    const bad = (detail: string) => damaged(this.source.name, `часть «${entry.name}»: ${detail}`);
    if (entry.method !== 0 && entry.method !== 8) throw bad(`неизвестный метод сжатия ${entry.method}`);
    if (this.inflated + entry.size > this.limits.inflatedBytes)
      throw overLimit("inflatedBytes", this.source.name, this.limits.inflatedBytes);
    const header = await this.source.read(entry.localOffset, 30);
    if (header.length < 30 || u32(header, 0) !== LOCAL) throw bad("нет заголовка части");
    let offset = entry.localOffset + 30 + u16(header, 26) + u16(header, 28);
    const end = offset + entry.compressedSize;
    if (end > this.source.size) throw bad("часть обрезана");
    let produced = 0;
    const count = (chunk: Uint8Array) => {
      produced += chunk.length;
      this.inflated += chunk.length;
      if (produced > entry.size) throw bad("распакованная часть больше объявленного размера");
      if (this.inflated > this.limits.inflatedBytes) throw overLimit("inflatedBytes", this.source.name, this.limits.inflatedBytes);
    };
    if (entry.method === 0) {
      while (offset < end) {
        const chunk = await this.source.read(offset, Math.min(CHUNK, end - offset));
        if (chunk.length === 0) throw bad("часть обрезана");
        offset += chunk.length;
        count(chunk);
        yield chunk;
      }
    } else if (inflater === "native" && (hostInflate || typeof DecompressionStream === "function")) {
      const source = this.source;
      const compressed = async function* () {
        for (let at = offset; at < end;) {
          const chunk = await source.read(at, Math.min(CHUNK, end - at));
          if (chunk.length === 0) throw bad("часть обрезана");
          at += chunk.length;
          yield chunk;
        }
      };
      const inflated = (hostInflate ?? webInflate)(compressed())[Symbol.asyncIterator]();
      try {
        for (;;) {
          let next: IteratorResult<Uint8Array>;
          try {
            next = await inflated.next();
          } catch (e) {
            throw e instanceof ShnorError ? e : bad("данные сжатия повреждены");
          }
          if (next.done) break;
          count(next.value);
          yield next.value;
        }
      } finally {
        // Stopped early (an error, a limit, a reader that had enough): the inflater stops too.
        await inflated.return?.();
      }
    } else {
      let out: Uint8Array[] = [];
      const inflate = new Inflate((chunk) => {
        count(chunk);
        out.push(chunk);
      });
      const push = (chunk: Uint8Array, final: boolean) => {
        try {
          inflate.push(chunk, final);
        } catch (e) {
          if (e instanceof ShnorError) throw e;
          throw bad("данные сжатия повреждены");
        }
      };
      if (offset === end) push(new Uint8Array(0), true);
      while (offset < end) {
        const chunk = await this.source.read(offset, Math.min(CHUNK, end - offset));
        if (chunk.length === 0) throw bad("часть обрезана");
        offset += chunk.length;
        push(chunk, offset >= end);
        const ready = out;
        out = [];
        for (const c of ready) yield c;
      }
    }
    if (produced !== entry.size) throw bad(`распаковано ${produced} байт вместо ${entry.size}`);
  }

  /** A small part whole (relationships, the workbook, content types). */
  async bytes(entry: ZipEntry): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    for await (const c of this.chunks(entry)) parts.push(c);
    return concat(parts);
  }
}

export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const total = parts.reduce((n, p) => n + p.length, 0);
  const all = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

/* Writing: an entry added to a package (src/io/package.ts copies the others as they are). */

let crcTable: Uint32Array | null = null;
/** The zip's (and PNG's) CRC-32 of the bytes. */
export function crc32(data: Uint8Array): number {
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

/** A new entry's local header and central record, deflated, UTF-8 name. */
export function newEntry(name: string, text: string): { local: Uint8Array; central: (offset: number) => Uint8Array } {
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
