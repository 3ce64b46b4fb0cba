/**
 * The add-in's side of the settings kept in the workbook: loading and saving
 * the custom XML part. What the part holds and how it is read is core's
 * (src/core/stored-settings.ts), shared with `shnor`.
 */
import { parseSettingsXml, SETTINGS_NAMESPACE, settingsXml, StoredSettings } from "../core";

export { SETTINGS_NAMESPACE, settingsXml, parseSettingsXml };
export type { StoredSettings, TableSource } from "../core";

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
