/** A ByteSource over bytes already in memory (an upload, a test, a file read whole). */
import type { ByteSource } from "./types";

export function bytesSource(bytes: Uint8Array, name: string): ByteSource {
  return {
    name,
    size: bytes.length,
    async read(offset: number, length: number): Promise<Uint8Array> {
      return bytes.subarray(Math.max(0, offset), Math.min(bytes.length, offset + length));
    },
  };
}

/** The whole source in memory (formats without random access: .xls, .ods, .csv). */
export async function readAll(source: ByteSource): Promise<Uint8Array> {
  const all = new Uint8Array(source.size);
  const step = 8 << 20;
  for (let at = 0; at < source.size; at += step) {
    const chunk = await source.read(at, Math.min(step, source.size - at));
    all.set(chunk, at);
    if (chunk.length < Math.min(step, source.size - at)) return all.subarray(0, at + chunk.length);
  }
  return all;
}
