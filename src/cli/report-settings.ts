/**
 * The report carries the settings it was made with, as the pane keeps them,
 * so the pane opening the report (or `shnor analyze` on it) gives its answer.
 */
import { readFile, writeFile } from "node:fs/promises";
import { Settings, settingsXml, StoredSettings } from "../core";
import type { DocumentSettings } from "../core/documents";
import { withSettingsPart } from "../io/settings-part";
import type { BookSettings } from "./book-settings";

/** What was used: the rule's settings and the document settings resolved, the book's corrections and choices. */
export function usedSettings(
  book: BookSettings,
  settings: Settings,
  documents: DocumentSettings,
  generatedSheets: string[],
): StoredSettings {
  return {
    generatedSheets,
    settings,
    // The results sheets are copied under their own names, so the corrections still meet them.
    overrides: book.stored?.overrides ?? {},
    source: "sheet",
    statusFormulas: book.stored?.statusFormulas === true,
    documents,
  };
}

/** Adds the settings part to the book just written (in place: it is still the temporary file). */
export async function storeSettings(path: string, stored: StoredSettings): Promise<void> {
  const bytes = await readFile(path);
  await writeFile(path, withSettingsPart(bytes, settingsXml(stored)));
}
