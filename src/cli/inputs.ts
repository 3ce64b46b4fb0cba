/**
 * The command's inputs: files and folders (read recursively) turned into the
 * file layer's byte sources, then read and joined by src/io/inputs.ts. Only
 * the folder walking is Node's; everything else is shared with the pane.
 */
import { readdir, stat } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { ShnorError } from "../core";
import { BOOK_EXTENSIONS_TEXT, isBookFile } from "../io/book-files";
import { InputsOptions, InputsReading, readInputs } from "../io/inputs";
import { fileSource } from "../io/node";
import type { ByteSource } from "../io/types";

export interface InputFile {
  path: string;
  /** As the user knows it: the file name, or its path inside the folder given. */
  name: string;
}

async function walk(root: string, dir: string, out: InputFile[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name, "ru"));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) await walk(root, path, out);
    else if (e.isFile() && isBookFile(e.name)) out.push({ path, name: join(basename(root), relative(root, path)) });
  }
}

/** The files named and the books inside the folders named, in a stable order. */
export async function expandInputs(args: string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (info?.isDirectory()) {
      const before = out.length;
      await walk(arg, arg, out);
      if (out.length === before) throw new ShnorError("unreadable-file", `В папке «${arg}» нет книг (${BOOK_EXTENSIONS_TEXT}).`);
    } else out.push({ path: arg, name: basename(arg) });
  }
  const seen = new Set<string>();
  return out.filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)));
}

/**
 * A file opened only when its book is read and closed right after, so a folder
 * of hundreds of books never holds hundreds of open files.
 */
async function lazySource(f: InputFile): Promise<ByteSource> {
  const info = await stat(f.path).catch(() => null);
  if (!info?.isFile() || info.size === 0) {
    // Missing, a special file or empty: the file layer's own Russian message.
    const source = await fileSource(f.path, f.name);
    await source.close?.();
    return source;
  }
  let inner: ByteSource | null = null;
  return {
    name: f.name,
    size: info.size,
    async read(offset: number, length: number): Promise<Uint8Array> {
      inner ??= await fileSource(f.path, f.name);
      return inner.read(offset, length);
    },
    async close(): Promise<void> {
      const open = inner;
      inner = null;
      await open?.close?.();
    },
  };
}

/** Reads and joins everything the user named; every file is closed whatever happens. */
export async function readInputPaths(args: string[], options: InputsOptions = {}): Promise<InputsReading> {
  if (args.length === 0) throw new ShnorError("bad-setting", "Укажите файл или папку с книгами: shnor analyze ФАЙЛ|ПАПКА …");
  const files = await expandInputs(args);
  const sources: ByteSource[] = [];
  try {
    for (const f of files) sources.push(await lazySource(f));
    return await readInputs(sources, options);
  } finally {
    for (const s of sources) await s.close?.();
  }
}
