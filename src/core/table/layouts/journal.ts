/**
 * ФИС ОКО «Сравнение отметок с отметками по журналу»: a row per school with
 * понизили / подтвердили / повысили. Kept for the dynamics signals, never read as results.
 */
import { isBlank, normalizeText } from "../../cells";
import { completeProcedure } from "../../procedures";
import { contextParts, oneRowShape, withGrade } from "../head";
import { idRoleOf, journalRoleOf } from "../headers";
import { Head, readSchoolRow, TableLayout } from "../layout";
import { ColumnPlan, ColumnRole, TableShape } from "../model";

/** «Сравнение отметок с отметками по журналу»: a names column and понизили / подтвердили / повысили. */
function detect({ rows, offset, colOffset, sheetName }: Head): TableShape | null {
  const r = rows.findIndex((row) => {
    const texts = row.map((c) => normalizeText(c));
    return texts.some((t) => /^понизил/.test(t)) && texts.some((t) => /^повысил/.test(t)) && texts.some((t) => idRoleOf(t) === "name");
  });
  if (r < 0) return null;
  const header = rows[r];
  const context = contextParts(sheetName, rows.slice(0, r));
  const columns: ColumnPlan[] = [];
  let named = false;
  for (let c = 0; c < header.length; c++) {
    if (isBlank(header[c])) continue;
    const text = normalizeText(header[c]);
    const id = idRoleOf(text);
    const journal = journalRoleOf(text);
    let role: ColumnRole;
    if (id === "name" && !named) {
      role = { kind: "name" };
      named = true;
    } else if (id === "login" || id === "territory") role = { kind: id };
    else if (journal) role = { kind: "journal", ...journal };
    else role = { kind: "ignored", reason: "не нужен для сравнения с журналом" };
    columns.push({ column: colOffset + c, header: String(header[c]).trim(), role });
  }
  return oneRowShape("journal", sheetName, offset + r, colOffset, header, columns, {
    procedure: withGrade(completeProcedure(context)),
    context,
  });
}

export const journal: TableLayout<"journal"> = {
  name: "journal",
  title: "отчёт ФИС ОКО «Сравнение отметок с отметками по журналу» (не результаты: сохранён для анализа объективности)",
  detect,
  readRow: readSchoolRow,
};
