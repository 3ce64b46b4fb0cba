/**
 * Which files are books to read, by name: the command walking a folder and the web page given a
 * folder (picked or dropped) take the same ones. No imports, so the page's picker can use it
 * without loading the file layer.
 */

/**
 * The extensions read, in the order messages list them: books, CSV, and the markup
 * web systems and LibreOffice save tables as (a page's table, «Таблица XML 2003»,
 * flat .fods). Which reader takes a file is decided by its content, never by these.
 */
export const BOOK_EXTENSIONS = ["xlsx", "xlsm", "xls", "ods", "csv", "html", "htm", "xml", "fods"] as const;

/** «.xlsx, .xlsm, .xls, .ods, .csv, .html, …»: for messages and the file dialog's filter. */
export const BOOK_EXTENSIONS_TEXT = BOOK_EXTENSIONS.map((e) => `.${e}`).join(", ");

const BOOK = new RegExp(`\\.(${BOOK_EXTENSIONS.join("|")})$`, "i");

/** A book an official may have; Excel's lock files («~$книга.xlsx») and hidden files are not. */
export function isBookFile(name: string): boolean {
  const base = name.split(/[/\\]/).pop() ?? name;
  return BOOK.test(base) && !base.startsWith(".") && !base.startsWith("~$");
}
