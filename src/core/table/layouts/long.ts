/**
 * A long table: a row per school and procedure (Процедура | Предмет | Класс | Год
 * and the measures). The regional dashboards are long tables too: they give
 * Год | Класс | Предмет and no type, and a grade says ВПР.
 */
import { normalizeText } from "../../cells";
import { Measure } from "../../vocabulary";
import { contextParts, oneRowShape } from "../head";
import { idRoleOf, longRoleOf } from "../headers";
import { Head, readSchoolRow, TableLayout } from "../layout";
import { ColumnPlan, ColumnRole, TableShape } from "../model";

function detect({ rows, surveys, offset, colOffset, sheetName }: Head): TableShape | null {
  const r = surveys.findIndex(
    (s) =>
      (s.ids.has("name") || s.ids.has("login")) &&
      (s.longs.has("procedure") || s.longs.has("subject")) &&
      [...s.measures.values()].some((m) => m === "failPercent" || m === "failCount" || m === "passPercent" || m === "participants"),
  );
  if (r < 0) return null;
  const s = surveys[r];
  const columns: ColumnPlan[] = [];
  const header = rows[r];
  for (let c = 0; c < header.length; c++) {
    const text = normalizeText(header[c]);
    if (!text) continue;
    const id = idRoleOf(text);
    const long = longRoleOf(text);
    const mark = s.marks.get(c);
    const measure = s.measures.get(c) ?? (mark !== undefined ? (`mark${mark}` as Measure) : undefined);
    let role: ColumnRole;
    if (id && s.ids.get(id) === c) role = { kind: id };
    else if (long && s.longs.get(long) === c) role = { kind: long };
    else if (measure) role = { kind: "longMeasure", measure };
    else role = { kind: "ignored", reason: "заголовок не распознан" };
    columns.push({ column: colOffset + c, header: String(header[c]).trim(), role });
  }
  const context = contextParts(sheetName, rows.slice(0, r));
  // The regional dashboards give Год | Класс | Предмет and no type: a grade says ВПР.
  if (!s.longs.has("procedure") && context.type === null && s.longs.has("grade")) {
    context.type = "ВПР";
    const grade = columns.find((c) => c.role.kind === "grade");
    if (grade) grade.note = "вид процедуры не указан: принят ВПР (есть класс)";
  }
  return oneRowShape("long", sheetName, offset + r, colOffset, header, columns, { context });
}

export const long: TableLayout<"long"> = {
  name: "long",
  title: "длинная таблица (строка на школу и процедуру)",
  detect,
  readRow: readSchoolRow,
};
