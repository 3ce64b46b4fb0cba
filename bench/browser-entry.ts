/** The browser side of the bench: src/io bundled for a page, reading a book from bytes. */
import { bytesSource } from "../src/io/bytes";
import { openBook } from "../src/io/open";
import { useInflater } from "../src/io/zip";

async function readBook(bytes: Uint8Array): Promise<{ ms: number; cells: number; names: string[] }> {
  const start = performance.now();
  const book = await openBook(bytesSource(bytes, "region.xlsx"));
  let cells = 0;
  const names: string[] = [];
  for await (const sheet of book.sheets())
    for await (const row of sheet.rows()) {
      cells += row.values.length;
      if (typeof row.values[2] === "string") names.push(row.values[2]);
    }
  return { ms: performance.now() - start, cells, names };
}

(globalThis as unknown as { readBook: typeof readBook }).readBook = readBook;
(globalThis as unknown as { useInflater: typeof useInflater }).useInflater = useInflater;
