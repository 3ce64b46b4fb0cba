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
}

export const defaultIo: Io = {
  out: (t) => process.stdout.write(t + "\n"),
  err: (t) => process.stderr.write(t + "\n"),
  write: (chunk) =>
    process.stdout.write(chunk) ? undefined : new Promise<void>((resolve) => process.stdout.once("drain", () => resolve())),
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
