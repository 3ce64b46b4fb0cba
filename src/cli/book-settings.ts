/**
 * The settings the pane saved in the workbook, for `shnor analyze` and
 * `shnor report`: read from the one book named, overridden option by option
 * by the command line, and said back to the user (which came from where).
 * The rules are shared with the web page: core's settings-source.ts (merge and
 * wording) and io's book-settings.ts (finding the part); only the files are Node's.
 */
import {
  BookSettings,
  CLI_WORDING,
  Settings,
  settingsSource as sharedSource,
  SettingsSource,
  withoutDropped,
  withoutYearLackingData,
} from "../core";
import type { DocumentSettingsInput } from "../core/documents";
import { bookSettings as findBookSettings } from "../io/book-settings";
import { droppedCorrections, InputsReading } from "../io/inputs";
import { fileSource } from "../io/node";
import { expandInputs } from "./inputs";

export { mergedDocuments, mergedSettings } from "../core";
export type { BookSettings, SettingsSource };

/**
 * Stored settings apply only when one book is read: with several, whose would
 * win is a guess, so none do, and the books that hold some are named.
 */
export async function bookSettings(args: string[], ignore: boolean): Promise<BookSettings> {
  if (ignore) return findBookSettings([], true, CLI_WORDING);
  const files = await expandInputs(args);
  return findBookSettings(
    files.map((f) => ({ name: f.name, open: () => fileSource(f.path, f.name) })),
    false,
    CLI_WORDING,
  );
}

/** Every sheet of every book read, taken or not: the corrections that met one are counted. */
const sheetsRead = (read: InputsReading): string[] => read.files.flatMap((f) => f.sheets.map((s) => s.sheet));

/**
 * The source of each value used, and the line that says it:
 * «Настройки из книги «x.xlsx»: порог 25 %, …; из командной строки: порог 20 %.»
 */
export function settingsSource(
  /** The book's settings once read (settingsAfterReading). */
  book: BookSettings,
  options: Partial<Settings>,
  read: InputsReading,
  documents?: DocumentSettingsInput,
): { source: SettingsSource; lines: string[] } {
  return sharedSource(book, options, sheetsRead(read), documents, CLI_WORDING);
}

/**
 * The book's settings once read, as the options meet them: the stored corrections that met nothing
 * and a stored year the table has no counted results for are left out, each with a notice.
 */
export function settingsAfterReading(book: BookSettings, read: InputsReading, options: Partial<Settings>): BookSettings {
  return withoutYearLackingData(withoutDropped(book, droppedCorrections(read)), read.table.schools, options);
}
