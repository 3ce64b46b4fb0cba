/**
 * Node only: a ByteSource over a file handle (random access, nothing read
 * whole), with a Russian message for a missing file, a folder, an unreadable
 * or an empty file; and the command's one call to read a results table.
 */
import { open, FileHandle } from "node:fs/promises";
import { basename } from "node:path";
import { createInflateRaw } from "node:zlib";
import { ResultsTable, ShnorError } from "../core";
import { InputsOptions, readInputs } from "./inputs";
import type { ByteSource } from "./types";
import { useHostInflater } from "./zip";

/**
 * Node's zlib straight, with 256 KB output chunks: DecompressionStream hands
 * the reader 16 KB at a time through web streams, which cost about as much
 * CPU as inflating itself. zlib still works on its own thread while the
 * reader parses.
 */
export async function* zlibInflate(compressed: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
  // Errors reach the reader through the loop below; one after it has stopped (a write after destroy) goes nowhere.
  inflate.on("error", () => undefined);
  const pump = (async () => {
    try {
      for await (const chunk of compressed) {
        if (!inflate.write(chunk)) await new Promise<void>((resolve) => inflate.once("drain", resolve));
      }
      inflate.end();
    } catch (e) {
      inflate.destroy(e as Error);
    }
  })();
  try {
    for await (const chunk of inflate) yield chunk as Uint8Array;
    await pump;
  } finally {
    inflate.destroy();
  }
}
useHostInflater(zlibInflate);

export async function fileSource(path: string, name: string = basename(path)): Promise<ByteSource> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (e) {
    throw openError(path, e);
  }
  let size: number;
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw new ShnorError("unreadable-file", `«${path}» — это папка, а не файл книги.`);
    if (!stats.isFile()) throw new ShnorError("unreadable-file", `«${path}» — не обычный файл, а книгу можно прочитать только из файла.`);
    size = stats.size;
    if (size === 0) throw new ShnorError("unreadable-file", `Файл «${path}» пуст.`);
  } catch (e) {
    await handle.close();
    throw e instanceof ShnorError ? e : openError(path, e);
  }
  return {
    name,
    size,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const want = Math.max(0, Math.min(length, size - offset));
      if (want === 0) return new Uint8Array(0);
      const buffer = new Uint8Array(want);
      let got = 0;
      try {
        while (got < want) {
          const { bytesRead } = await handle.read(buffer, got, want - got, offset + got);
          if (bytesRead === 0) break;
          got += bytesRead;
        }
      } catch (e) {
        throw openError(path, e);
      }
      return got === want ? buffer : buffer.subarray(0, got);
    },
    close: () => handle.close(),
  };
}

function openError(path: string, e: unknown): ShnorError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new ShnorError("unreadable-file", `Файл «${path}» не найден.`);
  if (code === "EISDIR") return new ShnorError("unreadable-file", `«${path}» — это папка, а не файл книги.`);
  if (code === "EACCES" || code === "EPERM") return new ShnorError("unreadable-file", `Нет прав на чтение файла «${path}».`);
  return new ShnorError("unreadable-file", `Не удалось прочитать файл «${path}» (${code ?? "ошибка чтения"}).`);
}

/** The results table of one workbook file, read as `shnor analyze FILE` reads it (readInputs); the file is only read. */
export async function readWorkbookTable(path: string, options: Omit<InputsOptions, "onProgress"> = {}): Promise<ResultsTable> {
  return (await readInputs([await fileSource(path)], options)).table;
}
