/**
 * The add-in's side of the settings kept in the workbook: loading and saving
 * the custom XML part. What the part holds and how it is read is core's
 * (src/core/stored-settings.ts), shared with `shnor`.
 */
import { parseSettingsXml, SETTINGS_NAMESPACE, settingsXml, StoredSettings } from "../core";

export { SETTINGS_NAMESPACE, settingsXml, parseSettingsXml };
export type { StoredSettings, TableSource } from "../core";

/** The book's custom parts of a namespace (all parts are listed with their namespaces: a workbook has few). */
async function partsOf(context: Excel.RequestContext, namespace: string): Promise<Excel.CustomXmlPart[]> {
  const parts = context.workbook.customXmlParts;
  parts.load("items/id,items/namespaceUri");
  await context.sync();
  return parts.items.filter((p) => p.namespaceUri === namespace);
}

/** The XML of the book's custom part of a namespace, or null. Two can exist if two people saved at once: the first wins. */
export async function loadPartXml(context: Excel.RequestContext, namespace: string): Promise<string | null> {
  const ours = await partsOf(context, namespace);
  if (ours.length === 0) return null;
  const xml = ours[0].getXml();
  await context.sync();
  // eslint-disable-next-line office-addins/load-object-before-read -- a ClientResult has no load(): the sync above filled it.
  return xml.value;
}

/** Writes the book's part of a namespace: added, or the first replaced and any others removed. */
export async function savePartXml(context: Excel.RequestContext, namespace: string, xml: string): Promise<void> {
  const ours = await partsOf(context, namespace);
  if (ours.length === 0) context.workbook.customXmlParts.add(xml);
  else {
    ours[0].setXml(xml);
    ours.slice(1).forEach((p) => p.delete());
  }
  await context.sync();
}

export async function loadSettings(context: Excel.RequestContext): Promise<StoredSettings | null> {
  const xml = await loadPartXml(context, SETTINGS_NAMESPACE);
  return xml === null ? null : parseSettingsXml(xml);
}

export async function saveSettings(context: Excel.RequestContext, stored: StoredSettings): Promise<void> {
  await savePartXml(context, SETTINGS_NAMESPACE, settingsXml(stored));
}
