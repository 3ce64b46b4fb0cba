/** The Office.js layer: the only code of the add-in that calls Excel. */
export * from "./host";
export { ExcelHostError, HOST_MESSAGES, toHostError } from "./errors";
export type { HostProblem } from "./errors";
export type { ReadRequest, ReadResult } from "./read";
export type { MarkRequest, MarkOutcome, ClearOutcome, AddedItems } from "./marks";
export type { WriteSheetOptions, WriteSheetOutcome } from "./sheets";
export { SETTINGS_NAMESPACE, settingsXml, parseSettingsXml } from "./settingsStore";
export type { StoredSettings, TableSource } from "./settingsStore";
export { CF_TAG, RECORD_PREFIX } from "./record";
export { PAYLOAD } from "./budget";
