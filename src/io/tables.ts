/**
 * The results table of a sheet, from any format: the first rows go to table
 * detection, the rest stream row by row to the builders, so a national file is
 * never held whole in memory. Runs in Node and the browser.
 */
import { Cell, ColumnOverride, columnName, DETECT_ROWS, explainNoTable, isBlank, ResultsTable, SheetTables } from "../core";
import type { SheetSource } from "./types";

/** Addresses of formulas without saved values listed in the warning; the rest are counted. */
const LISTED_FORMULAS = 10;

/** A sheet's table, or why it has none (explainNoTable: what its first rows show and lack). */
export type SheetRead =
  { table: ResultsTable; why?: undefined; dropped: ColumnOverride[] } | { table: null; why: string; dropped?: undefined };

/** Reads one sheet: buffers the first rows for detection, then streams. Without a table, the rest is only counted for the explanation. */
export async function readSheet(
  sheet: SheetSource,
  overrides: ColumnOverride[],
  /** Stop as soon as the sheet holds more schools than this (a report's limit): `onTooMany` says so. */
  maxSchools?: { count: number; onTooMany: () => Error },
): Promise<SheetRead> {
  const prefix: Cell[][] = [];
  const prefixFormats: (string | null)[][] = [];
  let tables: SheetTables | null = null;
  let decided = false;
  const add = (index: number, values: Cell[], formats: (string | null)[] | undefined) => tables?.addRow(index, values, formats);
  // Rows holding something below the detector's rows, when there is no table: the explanation counts them.
  let rowsBelow = 0;
  // Rows with formulas never calculated: reported once the table's extent is known.
  const unsaved: { index: number; columns: number[] }[] = [];
  const decide = () => {
    decided = true;
    fillGaps(prefix, prefixFormats);
    tables = SheetTables.detect({ values: prefix, numberFormats: prefixFormats, sheetName: sheet.name }, overrides);
    prefix.forEach((values, r) => add(r, values, prefixFormats[r]));
  };
  for await (const row of sheet.rows()) {
    const { index, values, formats } = row;
    if (row.unsavedFormulas) unsaved.push({ index, columns: row.unsavedFormulas.map((f) => f.column) });
    if (!decided) {
      if (index < DETECT_ROWS) {
        prefix[index] = values;
        prefixFormats[index] = formats;
        continue;
      }
      decide();
    }
    if (tables) {
      add(index, values, formats);
      if (maxSchools && (index & 1023) === 0 && (tables as SheetTables).schoolsRead > maxSchools.count) throw maxSchools.onTooMany();
    } else if (values.some((v) => !isBlank(v))) rowsBelow++;
  }
  if (!decided) decide();
  const found = tables as SheetTables | null;
  if (!found) {
    const why = explainNoTable({ values: prefix, numberFormats: prefixFormats, sheetName: sheet.name }, { rowsBelow });
    // The detector and the explainer read the same rows: one finds a table exactly when the other has nothing to say.
    return { table: null, why: why ?? "таблица результатов не найдена" };
  }
  const table = found.finish();
  const firstDataRow = found.firstDataRow;
  const addresses = unsaved
    .filter((u) => u.index >= firstDataRow && u.index <= table.lastRow)
    .flatMap((u) => u.columns.map((c) => `${columnName(c)}${u.index + 1}`));
  if (addresses.length > 0) {
    const more = addresses.length > LISTED_FORMULAS ? ` и ещё ${addresses.length - LISTED_FORMULAS}` : "";
    table.warnings.push(
      `в книге есть формулы без сохранённых значений (${addresses.slice(0, LISTED_FORMULAS).join(", ")}${more}): они прочитаны как «нет данных»; откройте книгу в Excel и сохраните`,
    );
  }
  return { table, dropped: found.dropped };
}

function fillGaps(values: Cell[][], formats: (string | null)[][]): void {
  for (let i = 0; i < values.length; i++) {
    if (!values[i]) values[i] = [];
    if (!formats[i]) formats[i] = [];
  }
}
