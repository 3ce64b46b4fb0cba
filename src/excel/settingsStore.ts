/**
 * The settings of the last analysis, kept in the workbook as one custom XML
 * part, so the next person who opens the file gets the same answer.
 *
 * Why custom XML rather than Office.context.document.settings: document
 * settings belong to one add-in ID, and the sideloaded copy, the copy the
 * administrator deploys and `shnor analyze` (which reads the .xlsx zip) would
 * each see their own or none. A custom XML part is plain XML inside the file,
 * readable by all of them.
 */
import { ColumnOverride, Settings } from "../core";
import type { DocumentSettingsInput } from "../core/documents";

export const SETTINGS_NAMESPACE = "urn:shnor-monitor:settings:1";

export type TableSource = "sheet" | "selection";

export interface StoredSettings {
  settings: Settings;
  /** Column corrections by sheet name. */
  overrides: Record<string, ColumnOverride[]>;
  source?: TableSource;
  statusFormulas?: boolean;
  /** What the official chose for the documents (school year, order, annex). */
  documents?: DocumentSettingsInput;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

export function settingsXml(stored: StoredSettings): string {
  return `<shnorMonitor xmlns="${SETTINGS_NAMESPACE}"><settings>${escapeXml(JSON.stringify(stored))}</settings></shnorMonitor>`;
}

/** The stored settings, or null when the part is missing or unreadable (then defaults apply). */
export function parseSettingsXml(xml: string | null | undefined): StoredSettings | null {
  if (!xml) return null;
  const m = /<settings>([\s\S]*)<\/settings>/.exec(xml);
  if (!m) return null;
  try {
    const data = JSON.parse(unescapeXml(m[1])) as Partial<StoredSettings>;
    if (typeof data !== "object" || data === null || typeof data.settings !== "object" || data.settings === null) return null;
    return {
      settings: data.settings as Settings,
      overrides: typeof data.overrides === "object" && data.overrides !== null ? data.overrides : {},
      source: data.source === "selection" ? "selection" : "sheet",
      statusFormulas: data.statusFormulas === true,
      ...(typeof data.documents === "object" && data.documents !== null ? { documents: data.documents } : {}),
    };
  } catch {
    return null;
  }
}

/** All parts with their namespaces: a workbook has few, and the add-in's are picked out here. */
function loadParts(context: Excel.RequestContext): Excel.CustomXmlPartCollection {
  const parts = context.workbook.customXmlParts;
  parts.load("items/id,items/namespaceUri");
  return parts;
}

export async function loadSettings(context: Excel.RequestContext): Promise<StoredSettings | null> {
  const parts = loadParts(context);
  await context.sync();
  // Two parts can exist if two people saved at once; the first wins, and saving removes the rest.
  const ours = parts.items.filter((p) => p.namespaceUri === SETTINGS_NAMESPACE);
  if (ours.length === 0) return null;
  const xml = ours[0].getXml();
  await context.sync();
  // eslint-disable-next-line office-addins/load-object-before-read -- a ClientResult has no load(): the sync above filled it.
  return parseSettingsXml(xml.value);
}

export async function saveSettings(context: Excel.RequestContext, stored: StoredSettings): Promise<void> {
  const parts = loadParts(context);
  await context.sync();
  const ours = parts.items.filter((p) => p.namespaceUri === SETTINGS_NAMESPACE);
  const xml = settingsXml(stored);
  if (ours.length === 0) context.workbook.customXmlParts.add(xml);
  else {
    ours[0].setXml(xml);
    ours.slice(1).forEach((p) => p.delete());
  }
  await context.sync();
}
