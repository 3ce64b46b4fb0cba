/**
 * «Протокол совещания.docx»: the minutes of the meeting that hears the list of ШНОР — what was heard
 * (the counts of the note), and the decision with the list of ШНОР.
 */
import { cell, paragraph, sentence, WordDocument, WordRow } from "../render-contract/word";
import { WORD_FILES } from "./names";
import { NO_SHNOR, summarySentence, yearsRead } from "./note";
import type { WordInput } from "./word-input";

export function protocolWord({ analysis }: WordInput): WordDocument {
  const shnor = analysis.verdicts.filter((v) => v.status === "shnor");
  const rows: WordRow[] = shnor.map((v, i) => ({ cells: [cell(`${i + 1}.`, { align: "center" }), cell(v.school.name)] }));
  return {
    fileName: WORD_FILES.protocol,
    orientation: "portrait",
    blocks: [
      paragraph("Протокол совещания", "heading"),
      paragraph("Слушали", "section"),
      paragraph(sentence(`О результатах оценочных процедур ${yearsRead(analysis)}`)),
      paragraph(summarySentence(analysis)),
      paragraph("Решили", "section"),
      rows.length > 0 ? { kind: "table", columns: [1, 10], header: [[cell("№"), cell("ОО")]], rows } : paragraph(NO_SHNOR),
    ],
  };
}
