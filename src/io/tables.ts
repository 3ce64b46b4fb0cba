/**
 * The results table of a book, from any format: the first rows of each sheet
 * go to table detection, the rest stream row by row to the builder, so a
 * national file is never held whole in memory. Runs in Node and the browser.
 */
import {
  applyOverrides,
  Cell,
  ColumnOverride,
  columnName,
  DETECT_ROWS,
  detectTables,
  joinTables,
  mergeTables,
  noTable,
  ResultsTable,
  ShnorError,
  TableBuilder,
} from "../core";
import type { BookSource, SheetSource } from "./types";

export interface ReadOptions {
  sheet?: string;
  overrides?: ColumnOverride[];
}

/** Addresses of formulas without saved values listed in the warning; the rest are counted. */
const LISTED_FORMULAS = 10;

/** One table of a sheet being built: several stand side by side on some sheets. */
interface Part {
  builder: TableBuilder;
  left: number;
  right: number;
}

/** Reads one sheet: buffers the first rows for detection, then streams. Null when it holds no table. */
export async function readSheet(sheet: SheetSource, overrides: ColumnOverride[]): Promise<ResultsTable | null> {
  const prefix: Cell[][] = [];
  const prefixFormats: (string | null)[][] = [];
  let parts: Part[] = [];
  let decided = false;
  let firstDataRow = Infinity;
  // Rows with formulas never calculated: reported once the table's extent is known.
  const unsaved: { index: number; columns: number[] }[] = [];
  const add = (part: Part, index: number, values: Cell[], formats: (string | null)[] | undefined) => {
    if (part.left === 0 && part.right >= values.length) part.builder.addRow(index, values, formats);
    else part.builder.addRow(index, values.slice(part.left, part.right + 1), formats?.slice(part.left, part.right + 1));
  };
  const decide = () => {
    decided = true;
    fillGaps(prefix, prefixFormats);
    parts = detectTables({ values: prefix, numberFormats: prefixFormats, sheetName: sheet.name }).map(({ shape, left, right }) => {
      const mine = overrides.filter((o) => o.column >= left && o.column <= right);
      return { builder: new TableBuilder(applyOverrides(shape, mine)), left, right };
    });
    for (const part of parts) {
      const top = part.builder.shape.headerBottom + 1;
      firstDataRow = Math.min(firstDataRow, top);
      for (let r = top; r < prefix.length; r++) add(part, r, prefix[r] ?? [], prefixFormats[r]);
    }
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
    for (const part of parts) add(part, index, values, formats);
  }
  if (!decided) decide();
  if (parts.length === 0) return null;
  const tables = parts.map((p) => p.builder.finish());
  const table =
    tables.length === 1
      ? tables[0]
      : {
          ...joinTables(tables.map((t, i) => ({ source: `${sheet.name}, ${columnsText(parts[i], t)}`, table: t }))),
          sheetName: sheet.name,
        };
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

/** «столбцы A–D»: where a table of a sheet with several stands. */
function columnsText(part: Part, table: ResultsTable): string {
  const last = Math.min(part.right, Math.max(...table.columns.map((c) => c.column)));
  return `столбцы ${columnName(part.left)}–${columnName(last)}`;
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
