/**
 * A toy layout, to walk the recipe: a header row starting «Игрушечный макет»,
 * then «ОО» and «% «2»», under a title line naming the procedure.
 */
import { normalizeText } from "../../cells";
import { completeProcedure } from "../../procedures";
import { contextParts, oneRowShape } from "../head";
import { idRoleOf } from "../headers";
import type { Head, TableLayout } from "../layout";
import { ColumnPlan, ColumnRole, TableShape } from "../model";

function detect({ rows, offset, colOffset, sheetName }: Head): TableShape | null {
  const r = rows.findIndex((row) => normalizeText(row[0]) === "игрушечный макет");
  if (r < 0) return null;
  const header = rows[r];
  const context = contextParts(sheetName, rows.slice(0, r));
  const procedure = completeProcedure(context);
  const columns: ColumnPlan[] = header.map((cell, c) => {
    const text = normalizeText(cell);
    let role: ColumnRole = { kind: "ignored", reason: "не нужен для правила" };
    if (idRoleOf(text) === "name") role = { kind: "name" };
    else if (text === "% 2" && procedure) role = { kind: "measure", procedure, measure: "failPercent" };
    return { column: colOffset + c, header: String(cell ?? "").trim(), role };
  });
  return oneRowShape("toy", sheetName, offset + r, colOffset, header, columns, { procedure: procedure ?? undefined, context });
}

export const toy: TableLayout<"toy"> = {
  name: "toy",
  title: "игрушечный макет (пример из рецепта)",
  detect,
  readRow: (builder, row, values, formats) => builder.addSchoolRow(row, values, formats),
};
