import { Cell, SheetGrid } from "../cells";
import { ShnorError } from "../errors";
import { completeProcedure, GIA_PROCEDURE_EXAMPLE, parseProcedureParts, PROCEDURE_EXAMPLE } from "../procedures";
import { Measure } from "../vocabulary";
import { SheetTables } from "./blocks";
import { DETECT_ROWS } from "./detect";
import { explainNoTable } from "./explain";
import { ColumnRole, ResultsTable, TableShape } from "./model";

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

/** Finds and reads the results table (or the tables side by side) in an in-memory grid. */
export function readTable(grid: SheetGrid, overrides: ColumnOverride[] = []): ResultsTable {
  const tables = SheetTables.detect({ ...grid, values: grid.values.slice(0, DETECT_ROWS) }, overrides);
  if (!tables) throw noTable(grid.sheetName, explainNoTable(grid));
  const firstRow = grid.firstRow ?? 0;
  grid.values.forEach((values, i) => tables.addRow(firstRow + i, values as Cell[], grid.numberFormats?.[i] ?? undefined));
  return tables.finish();
}

/** What a results table needs: the end of every «no table» message, written once. */
export const NO_TABLE_HINT = `нужны заголовки процедур вроде «${PROCEDURE_EXAMPLE}» или «${GIA_PROCEDURE_EXAMPLE}» и столбец с названиями ОО`;

/** NO_TABLE_HINT as a sentence of its own. */
export const NO_TABLE_SENTENCE = `${NO_TABLE_HINT[0].toUpperCase()}${NO_TABLE_HINT.slice(1)}.`;

/** No table on a sheet; `why` (explainNoTable) says what the sheet shows instead. */
export function noTable(sheetName: string | undefined, why?: string | null): ShnorError {
  const where = sheetName ? `На листе «${sheetName}»` : "На листе";
  return new ShnorError(
    "no-table",
    why
      ? `${where} не найдена таблица результатов: ${why}. ${NO_TABLE_SENTENCE}`
      : `${where} не найдена таблица результатов: ${NO_TABLE_HINT}.`,
  );
}
