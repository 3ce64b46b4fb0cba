/**
 * ФИС ОКО «Статистика по отметкам»: one procedure a sheet (from its title and
 * name), a row per school or territory with the shares of marks 2–5.
 */
import { isBlank, normalizeText } from "../../cells";
import { completeProcedure, lacksGrade } from "../../procedures";
import { findMeasure, Measure } from "../../vocabulary";
import { contextParts, noGrade, oneRowShape } from "../head";
import { idRoleOf } from "../headers";
import { Head, readSchoolRow, TableLayout } from "../layout";
import { ColumnPlan, ColumnRole, TableShape } from "../model";

/** ФИС ОКО's «Кол-во ОО»: how many schools a territory row stands for (blank on a school's row). */
const SCHOOL_COUNT_HEADER = /^(кол-?во|количество|число) (оо|оу|школ)$/;

function detect({ rows, surveys, offset, colOffset, sheetName }: Head): TableShape | null {
  const r = surveys.findIndex((s) => (s.ids.has("login") || s.ids.has("name")) && s.marks.size >= 3 && [...s.marks.values()].includes(2));
  if (r < 0) return null;
  const s = surveys[r];
  const context = contextParts(sheetName, rows.slice(0, r));
  const procedure = completeProcedure(context);
  if (procedure && lacksGrade(procedure)) throw noGrade(sheetName);
  const header = rows[r];
  const columns: ColumnPlan[] = [];
  let schoolCountColumn: number | undefined;
  for (let c = 0; c < header.length; c++) {
    if (isBlank(header[c])) continue;
    const text = normalizeText(header[c]);
    const id = idRoleOf(text);
    const mark = s.marks.get(c);
    const measure = findMeasure(text);
    let role: ColumnRole;
    if (schoolCountColumn === undefined && SCHOOL_COUNT_HEADER.test(text)) {
      schoolCountColumn = colOffset + c;
      role = { kind: "ignored", reason: "число ОО: строка, где оно указано, — территория, а не школа" };
    } else if (id && s.ids.get(id) === c) role = { kind: id };
    else if (mark !== undefined)
      role = procedure
        ? { kind: "measure", procedure, measure: `mark${mark}` as Measure }
        : { kind: "ignored", reason: "процедура листа не определена" };
    else if (measure?.measure === "participants" && procedure) role = { kind: "measure", procedure, measure: "participants" };
    else role = { kind: "ignored", reason: "не нужен для правила" };
    columns.push({ column: colOffset + c, header: String(header[c]).trim(), role });
  }
  const shape = oneRowShape("fisoko", sheetName, offset + r, colOffset, header, columns, { procedure: procedure ?? undefined });
  if (schoolCountColumn !== undefined) shape.schoolCountColumn = schoolCountColumn;
  return shape;
}

export const fisoko: TableLayout<"fisoko"> = {
  name: "fisoko",
  title: "отчёт ФИС ОКО «Статистика по отметкам» (одна процедура на лист)",
  detect,
  readRow: readSchoolRow,
};
