/**
 * «Приложение к приказу.docx»: the annex of the order naming the schools — the
 * reference to its order (blanks where a detail is unset), the list's title,
 * and a table № | ОО | Основание, the reason giving the criteria and each
 * deciding low result with its percent. One row per school of the chosen set.
 */
import { reasonText } from "../rule";
import { cell, paragraph, WordDocument, WordRow } from "../render-contract/word";
import { annexVerdicts, NO_ANNEX_SCHOOLS, orderParts } from "./annex";
import { WORD_FILES } from "./names";
import { ruleSentences, yearsRead } from "./note";
import type { WordInput } from "./word-input";

export const ANNEX_WORD_TITLE = "Перечень общеобразовательных организаций с низкими образовательными результатами";

const WHO = {
  shnor: null,
  risk: "В перечень включены также ОО в зоне риска (низкий результат по одной процедуре).",
  all: "В перечень включены все ОО; для ОО без признаков ШНОР указано основание их статуса.",
} as const;

export function annexWord({ analysis, settings }: WordInput): WordDocument {
  const { order, date } = orderParts(settings);
  const verdicts = annexVerdicts(analysis, settings.annexSchools);
  const rows: WordRow[] = verdicts.map((v, i) => ({
    cells: [cell(`${i + 1}.`, { align: "center" }), cell(v.school.name), cell(reasonText(v))],
  }));
  const rule = ruleSentences(analysis.settings);
  const who = WHO[settings.annexSchools];
  return {
    fileName: WORD_FILES.annex,
    orientation: "portrait",
    blocks: [
      paragraph("Приложение", "right"),
      paragraph(order, "right"),
      paragraph(date, "right"),
      paragraph("", "item"),
      paragraph(ANNEX_WORD_TITLE, "heading"),
      paragraph(`по результатам оценочных процедур ${yearsRead(analysis)}`, "title"),
      ...(who ? [paragraph(who)] : []),
      rows.length > 0
        ? { kind: "table", columns: [1, 6, 10], header: [[cell("№"), cell("ОО"), cell("Основание")]], rows }
        : paragraph(NO_ANNEX_SCHOOLS),
      paragraph(`Основание включения в перечень. ${rule.slice(0, 3).join(" ")}`, "note"),
    ],
  };
}
