/**
 * The documents of a ШНОР programme, described once: the generated sheets
 * (REPORT_SHEETS, ./sheets.ts) as SheetSpecs for the add-in's Excel writer and
 * the exceljs writer, and the Word documents.
 */
import type { WordDocument } from "../render-contract/word";
import { annexWord } from "./word-annex";
import type { WordInput } from "./word-input";
import { noteWord } from "./word-note";
import { roadmapWord } from "./word-roadmap";

export * from "./annex";
export * from "./catalogue";
export * from "./compute";
export * from "./dynamics";
export * from "./indicators-sheet";
export * from "./names";
export * from "./note";
export * from "./results-ref";
export * from "./roadmap";
export * from "./settings";
export * from "./sheets";
export * from "./status-list";
export * from "./tasks-sheet";
export * from "./words";
export * from "./word-annex";
export * from "./word-input";
export * from "./word-note";
export * from "./word-roadmap";

/**
 * The Word documents of the report, in order: the one list `shnor report --word`, the page's and the pane's
 * .zip render (src/writers/word.ts). A new document is its builder (word-*.ts, a WordDocument) and a line here.
 */
export function wordDocuments(input: WordInput): WordDocument[] {
  return [annexWord(input), noteWord(input), roadmapWord(input)];
}
