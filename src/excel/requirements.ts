/**
 * The Office.js requirement sets each feature needs, checked before any call
 * so an old Excel gets a message rather than a failure half-way.
 */
import { ExcelHostError, HOST_MESSAGES } from "./errors";

export type Feature = "analyse" | "mark" | "documents" | "print" | "merges";

/**
 * analyse and mark: getRangeByIndexes (1.7), conditional formats and suspended calculation (1.6),
 * named items with comments (1.4), custom XML parts (1.5). Documents add data validation (1.8);
 * print setup (1.9) and merged-header reading (1.13) are used only where present.
 */
export const REQUIREMENTS: Record<Feature, { set: string; version: string }> = {
  analyse: { set: "ExcelApi", version: "1.7" },
  mark: { set: "ExcelApi", version: "1.7" },
  documents: { set: "ExcelApi", version: "1.8" },
  print: { set: "ExcelApi", version: "1.9" },
  merges: { set: "ExcelApi", version: "1.13" },
};

export type IsSetSupported = (name: string, version: string) => boolean;

export function supports(isSetSupported: IsSetSupported, feature: Feature): boolean {
  const r = REQUIREMENTS[feature];
  try {
    return isSetSupported(r.set, r.version);
  } catch {
    return false;
  }
}

export function requireFeature(isSetSupported: IsSetSupported, feature: Feature): void {
  if (!supports(isSetSupported, feature)) {
    const r = REQUIREMENTS[feature];
    throw new ExcelHostError("old-excel", HOST_MESSAGES.oldExcel(`${r.set} ${r.version}`));
  }
}
