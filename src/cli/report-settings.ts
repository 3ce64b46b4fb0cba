/**
 * The report carries the settings it was made with, as the pane keeps them,
 * so the pane opening the report (or `shnor analyze` on it) gives its answer.
 * What is stored is core's `usedSettings`, and how it goes into the package is
 * io's `reportWithSettings`: the web page's report uses both as well.
 */
import { readFile, writeFile } from "node:fs/promises";
import { BookSettings, Settings, StoredSettings, usedSettings as used } from "../core";
import type { DocumentSettings } from "../core/documents";
import { reportWithSettings } from "../io/book-settings";
import type { FormsManifest } from "../core/forms";

/** What was used: the rule's settings and the document settings resolved, the book's corrections and choices. */
export function usedSettings(
  book: BookSettings,
  settings: Settings,
  documents: DocumentSettings,
  generatedSheets: string[],
): StoredSettings {
  return used({
    settings,
    documents,
    // The results sheets are copied under their own names, so the corrections still meet them.
    overrides: book.stored?.overrides ?? {},
    statusFormulas: book.stored?.statusFormulas,
    generatedSheets,
  });
}

/** Adds the settings part to the book just written (in place: it is still the temporary file). */
export async function storeSettings(path: string, stored: StoredSettings, forms?: FormsManifest): Promise<void> {
  await writeFile(path, reportWithSettings(await readFile(path), stored, forms));
}
