/**
 * The pane's «Скачать документы Word»: the Word documents of the analysed
 * sheet, as `shnor report --word` makes them (core's one list, wordDocuments,
 * rendered by src/writers/word.ts), zipped in the pane and handed to the user.
 * The Word writer is loaded only when asked for, so the pane opens as fast.
 */
import { dynamicsInputOf, dynamicsOf, ResultsTable, taskAnalysis, type Analysis } from "../core";
import { DocumentSettingsInput, resolveDocumentSettings, wordDocuments } from "../core/documents";

/** The .zip's name in the pane: the workbook's own name is not the pane's to know. */
export const PANE_WORD_ZIP = "shnor-dokumenty.zip";

export async function paneWordZip(
  table: ResultsTable,
  analysis: Analysis,
  documents: DocumentSettingsInput,
): Promise<{ fileName: string; bytes: Uint8Array; files: string[] }> {
  const settings = resolveDocumentSettings(analysis, documents);
  const pupils = dynamicsInputOf(table);
  const docs = wordDocuments({
    table,
    analysis,
    settings,
    dynamics: dynamicsOf(analysis, pupils),
    tasks: taskAnalysis(pupils.pupils ?? []),
    read: [`лист «${table.sheetName}» открытой книги`],
  });
  const { wordZip } = await import(/* webpackChunkName: "word" */ "../writers/word");
  return { fileName: PANE_WORD_ZIP, bytes: await wordZip(docs, settings.font), files: docs.map((d) => d.fileName) };
}
