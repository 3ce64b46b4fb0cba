/**
 * Reads results tables from .xlsx files with exceljs's streaming reader: the
 * first rows of each sheet go to detection, the rest straight to the builder,
 * so a national file is never held whole in memory.
 */
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { CentralDirectory, Open } from "unzipper";
import ExcelJS from "exceljs";
import {
  Cell,
  DETECT_ROWS,
  detectTable,
  mergeTables,
  noTable,
  ResultsTable,
  ShnorError,
  TableBuilder,
  applyOverrides,
  ColumnOverride,
} from "../core";

/** exceljs cell values → the engine's cells; formulas give their cached result. */
export function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("error" in value) return String(value.error);
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("result" in value) return toCell((value.result ?? null) as ExcelJS.CellValue);
    if ("formula" in value || "sharedFormula" in value) return null;
    if ("text" in value) return String((value as { text: unknown }).text);
  }
  return String(value);
}

export interface ReadOptions {
  sheet?: string;
  overrides?: ColumnOverride[];
}

/** Checks the first bytes so a wrong file gets a clear message instead of a zip error. */
export async function checkXlsx(file: string): Promise<void> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ShnorError("unreadable-file", `Файл «${file}» не найден.`);
    if (code === "EISDIR") throw new ShnorError("unreadable-file", `«${file}» — это папка, а не файл .xlsx.`);
    throw new ShnorError("unreadable-file", `Не удалось открыть файл «${file}» (${code ?? "ошибка чтения"}).`);
  }
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0);
    if (bytesRead === 0) throw new ShnorError("unreadable-file", `Файл «${file}» пуст.`);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
      throw new ShnorError(
        "unreadable-file",
        `Файл «${file}» защищён паролем или сохранён в старом формате .xls. Откройте его в Excel и сохраните как книгу .xlsx без пароля.`,
      );
    }
    if (head[0] !== 0x50 || head[1] !== 0x4b) {
      throw new ShnorError("unreadable-file", `Файл «${file}» — не книга Excel .xlsx. Сохраните таблицу в формате .xlsx.`);
    }
  } finally {
    await handle.close();
  }
}

export interface SheetRows {
  name: string;
  rows: AsyncIterable<ExcelJS.Row>;
}

/** The semi-internal steps of exceljs's streaming reader, which this module drives in a safe order. */
interface ReaderSteps {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
  model?: { sheets?: { name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
}

/**
 * Streams the sheets of a workbook in tab order. exceljs's WorkbookReader reads
 * the zip in one pass and loses xl/workbook.xml when it is stored last (exceljs
 * issue #3064: «Cannot read properties of undefined (reading 'sheets')»), so the
 * entries are opened through the zip's central directory instead and handed to
 * the reader's own parsers: relations, workbook, shared strings and styles first,
 * then each sheet, still row by row.
 */
export async function* sheetsOf(file: string): AsyncGenerator<SheetRows> {
  let directory: CentralDirectory;
  try {
    directory = await Open.file(file);
  } catch (e) {
    throw new ShnorError(
      "unreadable-file",
      `Не удалось прочитать книгу «${file}»: файл повреждён или это не .xlsx (${(e as Error).message}).`,
    );
  }
  const entry = (path: string) => directory.files.find((f) => f.path === path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  }) as unknown as ReaderSteps;
  const rels = entry("xl/_rels/workbook.xml.rels");
  const workbook = entry("xl/workbook.xml");
  if (!rels || !workbook) throw new ShnorError("unreadable-file", `Книга «${file}» повреждена: в ней нет описания листов.`);
  try {
    await reader._parseRels(rels.stream());
    await reader._parseWorkbook(workbook.stream());
    const strings = entry("xl/sharedStrings.xml");
    if (strings) for await (const _ of reader._parseSharedStrings(strings.stream())) void _;
    const styles = entry("xl/styles.xml");
    if (styles) await reader._parseStyles(styles.stream());
  } catch (e) {
    throw new ShnorError("unreadable-file", `Не удалось прочитать книгу «${file}»: файл повреждён (${(e as Error).message}).`);
  }
  for (const sheet of reader.model?.sheets ?? []) {
    const target = reader.workbookRels?.find((r) => r.Id === sheet.rId)?.Target ?? "";
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    const sheetNo = /sheet(\d+)\.xml$/.exec(target)?.[1];
    const part = entry(path);
    if (!part || !sheetNo) continue;
    for (const event of reader._parseWorksheet(part.stream(), sheetNo)) {
      const ws = event.value as { name?: string } & AsyncIterable<ExcelJS.Row>;
      yield { name: ws.name ?? sheet.name, rows: ws };
    }
  }
}

function rowCells(row: ExcelJS.Row): { values: Cell[]; formats: (string | null)[] } {
  const values: Cell[] = [];
  const formats: (string | null)[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const value = toCell(cell.value);
    values[col - 1] = value;
    // Only a number's format matters (a % format makes it a fraction).
    if (typeof value === "number") formats[col - 1] = cell.numFmt ?? null;
  });
  for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
  return { values, formats };
}

/** Reads one sheet: buffers the first rows for detection, then streams. Null when it holds no table. */
async function readSheet(sheet: SheetRows, overrides: ColumnOverride[]): Promise<ResultsTable | null> {
  const prefix: Cell[][] = [];
  const prefixFormats: (string | null)[][] = [];
  let builder: TableBuilder | null = null;
  let decided = false;
  const decide = () => {
    decided = true;
    const shape = detectTable({ values: prefix, numberFormats: prefixFormats, sheetName: sheet.name });
    if (!shape) return;
    builder = new TableBuilder(applyOverrides(shape, overrides));
    for (let r = shape.headerBottom + 1; r < prefix.length; r++) builder.addRow(r, prefix[r] ?? [], prefixFormats[r]);
  };
  for await (const row of sheet.rows) {
    const index = row.number - 1;
    const { values, formats } = rowCells(row);
    if (!decided) {
      if (index < DETECT_ROWS) {
        prefix[index] = values;
        prefixFormats[index] = formats;
        continue;
      }
      fillGaps(prefix, prefixFormats);
      decide();
    }
    if (!builder) continue; // keep draining: the stream must be read to reach the next sheet
    (builder as TableBuilder).addRow(index, values, formats);
  }
  if (!decided) {
    fillGaps(prefix, prefixFormats);
    decide();
  }
  return builder ? (builder as TableBuilder).finish() : null;
}

function fillGaps(values: Cell[][], formats: (string | null)[][]): void {
  for (let i = 0; i < values.length; i++) {
    if (!values[i]) values[i] = [];
    if (!formats[i]) formats[i] = [];
  }
}

/**
 * The results table of a workbook: the named sheet, or the first sheet with
 * a table. ФИС ОКО reports hold one procedure a sheet, so all such sheets are joined.
 */
export async function readWorkbookTable(file: string, options: ReadOptions = {}): Promise<ResultsTable> {
  await checkXlsx(file);
  const found: ResultsTable[] = [];
  const names: string[] = [];
  for await (const sheet of sheetsOf(file)) {
    names.push(sheet.name);
    const wanted = options.sheet === undefined || sheet.name === options.sheet;
    const joinFisOko = found.length > 0 && found[0].layout === "fisoko" && options.sheet === undefined;
    if (!wanted || (found.length > 0 && !joinFisOko)) {
      for await (const _ of sheet.rows) void _;
      continue;
    }
    const table = await readSheet(sheet, options.overrides ?? []);
    if (!table) {
      if (options.sheet !== undefined) throw noTable(sheet.name);
      continue;
    }
    if (found.length === 0 || table.layout === "fisoko") found.push(table);
  }
  if (names.length === 0) throw new ShnorError("no-table", `В книге «${file}» нет ни одного листа.`);
  if (options.sheet !== undefined && !names.includes(options.sheet)) {
    throw new ShnorError("no-table", `В книге нет листа «${options.sheet}». Листы: ${names.map((n) => `«${n}»`).join(", ")}.`);
  }
  if (found.length === 0)
    throw new ShnorError("no-table", `Ни на одном листе книги «${file}» не найдена таблица результатов ВПР, ОГЭ или ЕГЭ.`);
  return mergeTables(found);
}
