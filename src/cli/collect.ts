/**
 * `shnor collect`: many exports into the one wide table officials keep
 * («свод»), with what was read from each file on a second sheet. The sources
 * are only read; the new book is written beside its target and renamed.
 */
import { randomBytes } from "node:crypto";
import { realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { collectGrid, RECOGNITION_SHEET, SheetGrid, ShnorError } from "../core";
import { recognitionSheetLines } from "../io/inputs";
import { expandInputs, readInputPaths } from "./inputs";
import type { Io } from "./main";
import { parseOptions, RULE_OPTIONS } from "./options";

export { recognitionSheetLines };

const OPTIONS = { sheet: RULE_OPTIONS.sheet, help: RULE_OPTIONS.help, output: { type: "string", short: "o" } } as const;

const real = async (p: string): Promise<string> => realpath(p).catch(() => resolve(p));

/** Checks the output before anything is read: .xlsx, an existing folder, not one of the inputs. */
export async function checkOutput(output: string | undefined, inputs: string[], what: string): Promise<string> {
  if (!output) throw new ShnorError("bad-setting", `Укажите, куда записать ${what}: -o НОВЫЙ.xlsx`);
  if (extname(output).toLowerCase() !== ".xlsx")
    throw new ShnorError("bad-setting", `Новая книга должна иметь расширение .xlsx, а не «${basename(output)}».`);
  const target = await real(output);
  for (const f of await expandInputs(inputs).catch(() => []))
    if ((await real(f.path)) === target)
      throw new ShnorError(
        "bad-setting",
        `Новая книга не может заменить исходную «${f.name}»: исходные файлы не изменяются. Укажите другое имя в -o.`,
      );
  const outDir = dirname(resolve(output));
  if (!(await stat(outDir).catch(() => null))?.isDirectory())
    throw new ShnorError("bad-setting", `Папка «${outDir}» для новой книги не существует.`);
  return outDir;
}

/** Writes a grid as a sheet: values as they are (text stays text), merges, bold headers, widths. */
export function writeGrid(wb: ExcelJS.Workbook, grid: SheetGrid, headerRows: number[] = []): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(grid.sheetName ?? `Лист${wb.worksheets.length + 1}`);
  grid.values.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value === null || value === undefined) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = value as ExcelJS.CellValue;
      if (headerRows.includes(r)) {
        cell.font = { bold: true };
        cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      }
    });
  });
  for (const m of grid.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  return ws;
}

export async function collectCommand(args: string[], io: Io, usage: string): Promise<number> {
  const { values, positionals } = parseOptions(args, OPTIONS);
  if (values.help) {
    io.out(usage);
    return 0;
  }
  if (positionals.length === 0)
    throw new ShnorError("bad-setting", "Укажите файлы или папки с выгрузками: shnor collect ФАЙЛ|ПАПКА … -o СВОД.xlsx");
  const output = values.output as string | undefined;
  const outDir = await checkOutput(output, positionals, "свод");
  const read = await readInputPaths(positionals, { sheet: values.sheet });
  const grid = collectGrid(read.table);
  const book = new ExcelJS.Workbook();
  book.creator = "ШНОР-монитор";
  const ws = writeGrid(book, grid, [2, 3]);
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 24;
  ws.getColumn(3).width = 12;
  ws.getColumn(4).width = 42;
  ws.views = [{ state: "frozen", xSplit: 4, ySplit: 4 }];
  const report = book.addWorksheet(RECOGNITION_SHEET);
  recognitionSheetLines(read).forEach((line, i) => (report.getCell(i + 1, 1).value = line));
  report.getColumn(1).width = 120;

  const target = output as string;
  const temp = join(outDir, `.${basename(target)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await book.xlsx.writeFile(temp);
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw new ShnorError("host", `Не удалось записать книгу «${target}» (${(e as Error).message}).`);
  }
  const procedures = read.table.procedures.length;
  io.out(
    `Записан свод «${target}»: ОО — ${read.table.schools.length}, процедур — ${procedures}, строк для сравнения — ${(read.table.comparisons ?? []).filter((c) => c.results.length > 0).length}.`,
  );
  io.out(`Прочитано файлов: ${read.files.length}, листов с таблицами: ${read.inputs.length}.`);
  if (read.table.conflicts.length > 0)
    io.out(`Расхождений: ${read.table.conflicts.length} — эти результаты в свод не вошли; см. лист «Распознавание».`);
  return 0;
}
