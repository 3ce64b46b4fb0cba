/** A ByteSource over a browser Blob or File: random access by slicing, nothing read whole. */
import type { ByteSource } from "./types";

export function blobSource(blob: Blob, name?: string): ByteSource {
  const fileName = name ?? (blob as Blob & { name?: string }).name ?? "книга";
  return {
    name: fileName,
    size: blob.size,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const end = Math.min(blob.size, offset + length);
      if (offset >= end) return new Uint8Array(0);
      return new Uint8Array(await blob.slice(offset, end).arrayBuffer());
    },
  };
}
