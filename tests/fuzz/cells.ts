/**
 * Every text cell of every sheet of a written book, read back with the
 * project's own reader (so `_xHHHH_` escapes count as the characters Excel
 * shows): for checks that hold of every cell of an output, whatever sheet
 * wrote it.
 */
import { openBook } from "../../src/io/open";
import { fileSource } from "../../src/io/node";

export interface TextCell {
  sheet: string;
  row: number;
  column: number;
  text: string;
}

export async function* textCells(file: string): AsyncGenerator<TextCell> {
  const source = await fileSource(file);
  try {
    const book = await openBook(source);
    for await (const sheet of book.sheets())
      for await (const row of sheet.rows())
        for (let column = 0; column < row.values.length; column++) {
          const value = row.values[column];
          if (typeof value === "string") yield { sheet: sheet.name, row: row.index, column, text: value };
        }
  } finally {
    await source.close?.();
  }
}

/** The longest text cell of the book (its place and length), or null when it has none. */
export async function longestText(file: string): Promise<{ sheet: string; row: number; column: number; length: number } | null> {
  let longest: { sheet: string; row: number; column: number; length: number } | null = null;
  for await (const cell of textCells(file))
    if (!longest || cell.text.length > longest.length)
      longest = { sheet: cell.sheet, row: cell.row, column: cell.column, length: cell.text.length };
  return longest;
}
