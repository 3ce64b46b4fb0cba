/**
 * The book `shnor collect` writes and the web page offers as «Скачать сводную
 * таблицу»: «Свод» and «Распознавание», as core describes them (collectSheetSpecs),
 * rendered by the exceljs sheet writer. It takes what the file layer read and
 * never touches files, so it runs in Node and in the page's worker alike.
 */
import ExcelJS from "exceljs";
import { collectSheetSpecs, type SheetSpec } from "../core";
import { writeSheetSpec } from "./sheet-writer";
import { InputsReading, recognitionSheetLines } from "../io/inputs";

/** «Свод» and «Распознавание» as core describes them: the page renders them in memory, the command streams them. */
export function collectSpecs(read: InputsReading): SheetSpec[] {
  return collectSheetSpecs(read.table, recognitionSheetLines(read));
}

export function collectBook(read: InputsReading): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = "ШНОР-монитор";
  for (const spec of collectSpecs(read)) writeSheetSpec(book, spec);
  return book;
}

/** What the new book holds, in Russian: the same lines from the command and the page. */
export function collectLines(read: InputsReading): string[] {
  const { table } = read;
  const comparisons = (table.comparisons ?? []).filter((c) => c.results.length > 0).length;
  const lines = [
    `ОО — ${table.schools.length}, процедур — ${table.procedures.length}, строк для сравнения — ${comparisons}.`,
    `Прочитано файлов: ${read.files.length}, листов с таблицами: ${read.inputs.length}.`,
  ];
  if (table.conflicts.length > 0)
    lines.push(`Расхождений: ${table.conflicts.length} — эти результаты в свод не вошли; см. лист «Распознавание».`);
  return lines;
}
