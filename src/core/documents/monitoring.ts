/** «Мониторинг»: one row a ШНОР, with a cell the methodist fills in through the year. */
import { Analysis } from "../rule";
import { landscapeA4, SheetSpec, text } from "../render-contract/spec";
import { rect, SheetBuilder } from "./builder";
import { SHEET_TITLES } from "./names";

export const MONITORING_KIND = "shnor.monitoring";
const HEADER_ROW = 2;

export function monitoringSheet(analysis: Analysis, name: string = SHEET_TITLES.monitoring): SheetSpec {
  const b = new SheetBuilder(name, MONITORING_KIND);
  b.set(0, 0, text("Мониторинг ШНОР"));
  b.style(rect(0, 0, 1, 2), "title").merge(rect(0, 0, 1, 2));
  b.row(HEADER_ROW, 0, [text("Название ОО"), text("Отметка методиста")]);
  b.style(rect(HEADER_ROW, 0, 1, 2), "header", { align: "center" });
  const shnor = analysis.verdicts.filter((v) => v.status === "shnor");
  shnor.forEach((v, i) => b.row(HEADER_ROW + 1 + i, 0, [text(v.school.name), null]));
  if (shnor.length > 0) b.style(rect(HEADER_ROW + 1, 0, shnor.length, 1), "cell").style(rect(HEADER_ROW + 1, 1, shnor.length, 1), "input");
  const spec = b.finish();
  spec.columnWidths = [60, 40];
  spec.print = landscapeA4({ first: HEADER_ROW, last: HEADER_ROW });
  spec.keptInputs = { keyColumn: 0, columns: [1], firstRow: HEADER_ROW + 1 };
  return spec;
}
