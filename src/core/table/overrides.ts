/** The user's corrections of a detected table, column by column («this column is the names»). */
import { ShnorError } from "../errors";
import { completeProcedure, parseProcedureParts, PROCEDURE_EXAMPLE } from "../procedures";
import { Measure } from "../vocabulary";
import { ColumnRole, TableShape } from "./model";

/** A user's correction of one column, by 0-based sheet column. */
export type ColumnOverride =
  | { column: number; as: "name" | "login" | "territory" | "ignore" }
  | { column: number; as: "measure"; procedure: string; measure: Measure };

/** Applies the user's corrections to a detected shape; a procedure is written as in a header («ВПР МА 5 2019»). */
export function applyOverrides(shape: TableShape, overrides: ColumnOverride[] = []): TableShape {
  if (overrides.length === 0) return shape;
  const columns = shape.columns.map((c) => ({ ...c }));
  for (const o of overrides) {
    let role: ColumnRole;
    if (o.as === "ignore") role = { kind: "ignored", reason: "исключён пользователем" };
    else if (o.as === "measure") {
      const procedure = completeProcedure(parseProcedureParts(o.procedure));
      if (!procedure)
        throw new ShnorError(
          "bad-override",
          `Не удалось прочитать процедуру «${o.procedure}»: укажите вид, предмет и год, например «${PROCEDURE_EXAMPLE}».`,
        );
      role = { kind: "measure", procedure, measure: o.measure };
    } else role = { kind: o.as };
    if (role.kind === "name" || role.kind === "login" || role.kind === "territory") {
      for (const c of columns) if (c.role.kind === role.kind) c.role = { kind: "ignored", reason: "заменён пользователем" };
    }
    const existing = columns.find((c) => c.column === o.column);
    if (existing) {
      existing.role = role;
      existing.overridden = true;
      existing.note = undefined;
    } else columns.push({ column: o.column, header: "", role, overridden: true });
  }
  columns.sort((a, b) => a.column - b.column);
  return { ...shape, columns };
}
