/**
 * The results table of a book, from any format: the first rows of each sheet
 * go to table detection, the rest stream row by row to the builder, so a
 * national file is never held whole in memory. Runs in Node and the browser.
 */
import { Cell, ColumnOverride, columnName, DETECT_ROWS, mergeTables, noTable, ResultsTable, SheetTables, ShnorError } from "../core";
import type { BookSource, SheetSource } from "./types";

export interface ReadOptions {
  sheet?: string;
  overrides?: ColumnOverride[];
}

/** Addresses of formulas without saved values listed in the warning; the rest are counted. */
const LISTED_FORMULAS = 10;

/** Reads one sheet: buffers the first rows for detection, then streams. Null when it holds no table. */
export async function readSheet(sheet: SheetSource, overrides: ColumnOverride[]): Promise<ResultsTable | null> {
  const prefix: Cell[][] = [];
  const prefixFormats: (string | null)[][] = [];
  let tables: SheetTables | null = null;
  let decided = false;
  const add = (index: number, values: Cell[], formats: (string | null)[] | undefined) => tables?.addRow(index, values, formats);
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
    add(index, values, formats);
  }
  if (!decided) decide();
  const found = tables as SheetTables | null;
  if (!found) return null;
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
  return table;
}

function fillGaps(values: Cell[][], formats: (string | null)[][]): void {
  for (let i = 0; i < values.length; i++) {
    if (!values[i]) values[i] = [];
    if (!formats[i]) formats[i] = [];
  }
}

/**
 * The results table of a book: the named sheet, or the first sheet with a
 * table. ФИС ОКО reports hold one procedure a sheet, so all such sheets are joined.
 */
export async function readBookTable(book: BookSource, options: ReadOptions = {}): Promise<ResultsTable> {
  const found: ResultsTable[] = [];
  const names = book.sheetNames;
  if (names.length === 0) throw new ShnorError("no-table", `В книге «${book.name}» нет ни одного листа.`);
  if (options.sheet !== undefined && !names.includes(options.sheet)) {
    throw new ShnorError("no-table", `В книге нет листа «${options.sheet}». Листы: ${names.map((n) => `«${n}»`).join(", ")}.`);
  }
  for await (const sheet of book.sheets()) {
    const wanted = options.sheet === undefined || sheet.name === options.sheet;
    const joinFisOko = found.length > 0 && found[0].layout === "fisoko" && options.sheet === undefined;
    if (!wanted || (found.length > 0 && !joinFisOko)) continue;
    const table = await readSheet(sheet, options.overrides ?? []);
    if (!table) {
      if (options.sheet !== undefined) throw noTable(sheet.name);
      continue;
    }
    if (found.length === 0 || table.layout === "fisoko") found.push(table);
  }
  if (found.length === 0)
    throw new ShnorError("no-table", `Ни на одном листе книги «${book.name}» не найдена таблица результатов ВПР, ОГЭ или ЕГЭ.`);
  return mergeTables(found);
}
