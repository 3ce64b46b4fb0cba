import { Cell, SheetGrid } from "../cells";
import { ShnorError } from "../errors";
import { GIA_PROCEDURE_EXAMPLE, PROCEDURE_EXAMPLE } from "../procedures";
import { SheetTables } from "./blocks";
import { DETECT_ROWS } from "./head";
import { explainNoTable } from "./explain";
import { ResultsTable } from "./model";
import { ColumnOverride } from "./overrides";

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
