/**
 * The settings the pane saved in the books a reading takes, found the same
 * way by `shnor analyze` / `shnor report` (files) and the web page (the
 * browser's File objects): they apply only when one book is read; with
 * several, whose would win is a guess, so none do and the books holding some
 * are named. The merge rules and the wording are core's (settings-source.ts).
 */
import {
  SETTINGS_NAMESPACE,
  BookSettings,
  NO_BOOK_SETTINGS,
  readSettingsXml,
  settingsXml,
  SettingsWording,
  severalBooksNotice,
  ShnorError,
  StoredSettings,
  unreadPartNotice,
} from "../core";
import { readStoredSettings } from "./open";
import { withCustomParts } from "./settings-part";
import { FORMS_NAMESPACE, FormsManifest, formsManifestXml } from "../core/forms";
import type { ByteSource } from "./types";

/** A book to look into: its name as the user knows it, and how to open it (opened once, closed after). */
export interface BookToRead {
  name: string;
  open: () => Promise<ByteSource> | ByteSource;
}

/** The part's XML, or null; a part that cannot be read is a notice, never a stop. */
async function partOf(file: BookToRead): Promise<{ xml: string | null; notice?: string }> {
  const source = await file.open();
  try {
    return { xml: await readStoredSettings(source) };
  } catch (e) {
    const why = e instanceof ShnorError ? e.message : "часть не читается";
    return { xml: null, notice: unreadPartNotice(file.name, why) };
  } finally {
    await source.close?.();
  }
}

/** The stored settings that apply to reading `files`, and what to say about them. */
export async function bookSettings(files: BookToRead[], ignore: boolean, wording: SettingsWording): Promise<BookSettings> {
  if (ignore) return { ...NO_BOOK_SETTINGS, ignored: true };
  if (files.length === 1) {
    const { xml, notice } = await partOf(files[0]);
    const { stored, notices } = readSettingsXml(xml);
    return { book: stored ? files[0].name : null, stored, notices: notice ? [notice] : notices };
  }
  const holding: string[] = [];
  for (const f of files) {
    // A file that cannot be opened is reported by the reading itself, with its own message.
    const { xml } = await partOf(f).catch(() => ({ xml: null }));
    if (xml !== null) holding.push(f.name);
  }
  if (holding.length === 0) return NO_BOOK_SETTINGS;
  return { ...NO_BOOK_SETTINGS, notices: [severalBooksNotice(holding, wording)] };
}

/**
 * The report's bytes with the settings it was made with and the forms' manifest (where the schools' figures
 * go), as `shnor report` and the page both store them: two custom parts, one copy of the bytes.
 */
export function reportWithSettings(bytes: Uint8Array, used: StoredSettings, forms?: FormsManifest): Uint8Array {
  const parts = [{ xml: settingsXml(used), namespace: SETTINGS_NAMESPACE }];
  if (forms) parts.push({ xml: formsManifestXml(forms), namespace: FORMS_NAMESPACE });
  return withCustomParts(bytes, parts);
}

/** A report's secret id: the key of its forms' signatures (see core/forms/identity.ts). */
export function newReportId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}
