/**
 * Where the command writes: a line, an error line, or a long output in pieces.
 * The commands take it as a value, so the tests run them in-process.
 */
export interface Io {
  /** A line of output (the newline is added). */
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * A piece of a long output, as it is made (`--json` at 40,000 schools is 250 MB, never held
   * whole); awaited, so the output's backpressure holds the writer back. Without it, the
   * pieces are gathered and given to `out` at the end.
   */
  write?: (chunk: string) => void | Promise<void>;
  /** The same as UTF-8 bytes, where the output takes them: lines are encoded straight into a buffer, no string between. */
  writeBytes?: (chunk: Uint8Array) => void | Promise<void>;
}

const drained = (written: boolean): void | Promise<void> =>
  written ? undefined : new Promise<void>((resolve) => process.stdout.once("drain", () => resolve()));

export const defaultIo: Io = {
  out: (t) => process.stdout.write(t + "\n"),
  err: (t) => process.stderr.write(t + "\n"),
  write: (chunk) => drained(process.stdout.write(chunk)),
  writeBytes: (chunk) => drained(process.stdout.write(chunk)),
};

/** Lines joined by newlines, handed on in pieces of about 64 K characters. */
export async function writeLines(parts: Iterable<string>[], write: (chunk: string) => void | Promise<void>): Promise<void> {
  let buffer = "";
  let first = true;
  for (const part of parts)
    for (const line of part) {
      buffer += first ? line : `\n${line}`;
      first = false;
      if (buffer.length >= 1 << 16) {
        const chunk = buffer;
        buffer = "";
        await write(chunk);
      }
    }
  if (buffer.length > 0) await write(buffer);
}

/** The size of the pieces of encoded lines. */
const BYTES_CHUNK = 1 << 18;

/**
 * Lines joined by newlines and ended by one, encoded into buffers of about 256 KB and handed on (a fresh buffer
 * each: an output to a pipe keeps it until written). Each line is encoded where it goes: the text report is
 * 16 MB at 40,000 schools, and a string gathered first cost twice the encoding.
 */
export async function writeLinesAsBytes(parts: Iterable<string>[], write: (chunk: Uint8Array) => void | Promise<void>): Promise<void> {
  let out = Buffer.allocUnsafe(BYTES_CHUNK);
  let at = 0;
  let first = true;
  for (const part of parts)
    for (const line of part) {
      // Three bytes a UTF-16 unit at most, and the newline.
      const room = 3 * line.length + 1;
      if (at + room > out.length) {
        if (at > 0) await write(out.subarray(0, at));
        out = Buffer.allocUnsafe(Math.max(BYTES_CHUNK, room));
        at = 0;
      }
      if (!first) out[at++] = 0x0a;
      first = false;
      at += out.write(line, at);
    }
  if (at + 1 > out.length) {
    await write(out.subarray(0, at));
    out = Buffer.allocUnsafe(1);
    at = 0;
  }
  out[at++] = 0x0a;
  await write(out.subarray(0, at));
}

/** Writes a long output piece by piece (io.write), or whole through io.out; both end with a newline, as `out` does. */
export async function writeLong(io: Io, produce: (write: (chunk: string) => void | Promise<void>) => Promise<void>): Promise<void> {
  if (io.write) {
    await produce(io.write);
    await io.write("\n");
    return;
  }
  const pieces: string[] = [];
  await produce((chunk) => void pieces.push(chunk));
  io.out(pieces.join(""));
}
