/**
 * The add-in's side of forms for schools: the forms' manifest kept in the
 * open book as a custom XML part (the same part `shnor report` writes), the
 * report's cells read before they are filled, and the collected figures
 * written in place — the sums into «Показатели», the marks into the roadmaps.
 * One sync to read, one to write: a district's forms are a few hundred cells.
 */
import type { Cell } from "../core";
import { CellWrite, FORMS_NAMESPACE } from "../core/forms";
import { loadPartXml, savePartXml } from "./settingsStore";

export const loadFormsPart = (context: Excel.RequestContext): Promise<string | null> => loadPartXml(context, FORMS_NAMESPACE);

export const saveFormsPart = (context: Excel.RequestContext, xml: string): Promise<void> => savePartXml(context, FORMS_NAMESPACE, xml);

/** The values of the cells named (sheet and A1), in one sync; a missing sheet is an error naming it. */
export async function readCells(context: Excel.RequestContext, cells: { sheet: string; cell: string }[]): Promise<Cell[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const names = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  const missing = cells.find((c) => !names.has(c.sheet.toLowerCase()));
  if (missing) throw new Error(`В книге нет листа «${missing.sheet}», в который собираются формы: отчёт изменён.`);
  const ranges = cells.map((c) => {
    const range = sheets.getItem(c.sheet).getRange(c.cell);
    range.load("values");
    return range;
  });
  await context.sync();
  return ranges.map((r) => {
    const v = r.values[0][0] as Cell;
    return v === "" ? null : v;
  });
}

/** Writes each value into its cell: sums as numbers, marks and the summary line as text (none starts with «=»); a row made tall for a wrapped line. */
export async function writeCells(context: Excel.RequestContext, writes: CellWrite[]): Promise<void> {
  for (const w of writes) {
    const range = context.workbook.worksheets.getItem(w.sheet).getRange(w.cell);
    range.values = [[w.value]];
    if (w.height) range.format.rowHeight = w.height;
  }
  await context.sync();
}
