/**
 * «Статус ШНОР»: one row a school with its status and reasons, for results
 * that are not one sheet with one row a school (ФИС ОКО gives a sheet per
 * procedure), so the indicator formulas still have a status column to count.
 */
import { Analysis, reasonText, STATUS_TEXT } from "../rule";
import { COLORS, num, SheetSpec, text } from "../render-contract/spec";
import { STATUS_HEADER, REASON_HEADER } from "../render-contract/marks";
import { rect, SheetBuilder } from "./builder";
import { ResultsRef } from "./results-ref";
import { SHEET_TITLES } from "./names";

export const STATUS_LIST_KIND = "shnor.status";
const HEADER_ROW = 2;
const STATUS_COL = 3;

export function statusListSheet(analysis: Analysis, name: string = SHEET_TITLES.statusList): { spec: SheetSpec; ref: ResultsRef } {
  const b = new SheetBuilder(name, STATUS_LIST_KIND);
  b.set(0, 0, text("Статус ОО по правилу ШНОР"));
  b.style(rect(0, 0, 1, 5), "title").merge(rect(0, 0, 1, 5));
  b.row(HEADER_ROW, 0, [text("№"), text("Логин ОО"), text("Название ОО"), text(STATUS_HEADER), text(REASON_HEADER)]);
  b.style(rect(HEADER_ROW, 0, 1, 5), "header", { align: "center" });
  const first = HEADER_ROW + 1;
  analysis.verdicts.forEach((v, i) => {
    b.row(first + i, 0, [num(i + 1), text(v.school.login ?? ""), text(v.school.name), text(STATUS_TEXT[v.status]), text(reasonText(v))]);
  });
  const rows = analysis.verdicts.length;
  if (rows > 0)
    b.style(rect(first, 0, rows, 1), "cell", { align: "center" }).style(rect(first, 1, rows, 4), "cell", { wrap: true, numberFormat: "@" });
  const spec = b.finish();
  spec.columnWidths = [5, 12, 40, 12, 70];
  spec.freezeRows = first;
  if (rows > 0) {
    const s = `$D${first + 1}`;
    spec.conditionalFormats.push({ ...rect(first, 0, rows, 5), formula: `${s}="${STATUS_TEXT.shnor}"`, fill: COLORS.shnor, priority: 1 });
    spec.conditionalFormats.push({ ...rect(first, 0, rows, 5), formula: `${s}="${STATUS_TEXT.risk}"`, fill: COLORS.risk, priority: 2 });
  }
  return {
    spec,
    ref: {
      sheetName: spec.name,
      statusColumn: STATUS_COL,
      firstRow: first,
      lastRow: first + Math.max(rows, 1) - 1,
      columns: null,
      schools: null,
    },
  };
}
