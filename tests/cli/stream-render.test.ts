/**
 * `shnor report` renders the documents through exceljs's streaming writer,
 * which takes merges row by row and waits for the zip (see streamSheetSpec); the page renders the
 * same descriptions into an ordinary workbook. Both books, read back, must hold
 * the same cells, styles, merges, widths and heights, sheet by sheet.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { analyzeTable, emptySheet, markSpec, readTable, ResultsTable, SheetSpec } from "../../src/core";
import { buildDocuments } from "../../src/core/documents";
import { prepareSheet, writeSheetSpec } from "../../src/writers/sheet-writer";
import { addStreamSheet, streamSheetSpec } from "../../src/writers/stream-book";
import { readWorkbookTable } from "../../src/io/node";
import { bigWideGrid } from "../excel/bigTable";

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), "shnor-stream-render-"));

function documentsOf(table: ResultsTable): SheetSpec[] {
  const analysis = analyzeTable(table);
  return buildDocuments({
    table,
    analysis,
    settings: {},
    results: { sheetName: table.sheetName, marks: markSpec(table, analysis) },
    existingSheetNames: [table.sheetName],
  }).sheets;
}

/** Every sheet as a reader sees it: cells (value and style), merges, widths, heights. */
function normalised(wb: ExcelJS.Workbook) {
  return wb.worksheets.map((ws) => {
    const cells: Record<string, string> = {};
    const heights: Record<number, number> = {};
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      if (row.height !== undefined) heights[r] = row.height;
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (cell.value === null && Object.keys(cell.style ?? {}).length === 0) return;
        cells[`${r}:${c}`] = JSON.stringify([cell.value, cell.style]);
      });
    });
    const widths: (number | null)[] = [];
    for (let c = 1; c <= ws.columnCount; c++) widths.push(ws.getColumn(c).width ?? null);
    return { name: ws.name, cells, heights, widths, merges: [...((ws.model as { merges?: string[] }).merges ?? [])].sort() };
  });
}

const cases: [string, () => Promise<ResultsTable>][] = [
  ["the sample workbook", () => readWorkbookTable(join(__dirname, "..", "..", "samples", "prilozhenie-1.xlsx"))],
  ["a generated 60-school district", async () => readTable({ ...bigWideGrid(60, 11), sheetName: "Результаты" })],
];

it.each(cases)("the streaming and the ordinary writer give the same documents for %s", async (name, load) => {
  const specs = documentsOf(await load());
  const ordinary = new ExcelJS.Workbook();
  for (const spec of specs) writeSheetSpec(ordinary, spec);
  const file = join(dir, `${name}.xlsx`);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  for (const spec of specs) {
    const prepared = prepareSheet(spec);
    const ws = addStreamSheet(book, spec.name, prepared.options);
    await streamSheetSpec(ws, prepared);
    (ws as unknown as { commit(): void }).commit();
  }
  await book.commit();
  const [a, b] = [new ExcelJS.Workbook(), new ExcelJS.Workbook()];
  await a.xlsx.load((await ordinary.xlsx.writeBuffer()) as ArrayBuffer);
  await b.xlsx.readFile(file);
  const want = normalised(a);
  const got = normalised(b);
  expect(got.map((s) => s.name)).toEqual(want.map((s) => s.name));
  want.forEach((sheet, i) => expect(got[i]).toEqual(sheet));
  // Something was compared: merges and cells on the documents.
  expect(want.reduce((n, s) => n + s.merges.length, 0)).toBeGreaterThan(0);
  expect(want.reduce((n, s) => n + Object.keys(s.cells).length, 0)).toBeGreaterThan(100);
});

it("keeps no written formula cells while a long lazy run of formulas streams (exceljs would hold them all)", async () => {
  const rows = 9_000;
  const spec = emptySheet("Ряды", "test");
  spec.blocks = [
    {
      row: 0,
      column: 0,
      rowCount: rows,
      columns: 3,
      rowAt: (i) => [{ number: i }, { formula: `A${i + 1}*2` }, { formula: `ROUND(B${i + 1}/3,2)` }],
    },
  ];
  const file = join(dir, "lazy-formulas.xlsx");
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const prepared = prepareSheet(spec);
  const ws = addStreamSheet(book, spec.name, prepared.options);
  const held = () => Object.keys((ws as unknown as { _formulae: object })._formulae).length;
  let most = 0;
  const watch = setInterval(() => (most = Math.max(most, held())), 0);
  await streamSheetSpec(ws, prepared);
  clearInterval(watch);
  (ws as unknown as { commit(): void }).commit();
  await book.commit();
  // At most the rows since the last pause (2,000 rows, two formulas each), never the sheet's 18,000.
  expect(most).toBeLessThanOrEqual(2 * 2_000);
  expect(held()).toBe(0);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(file);
  const sheet = back.getWorksheet("Ряды") as ExcelJS.Worksheet;
  expect(sheet.getCell(rows, 3).value).toEqual({ formula: `ROUND(B${rows}/3,2)` });
  expect(sheet.getCell(1, 2).value).toEqual({ formula: "A1*2" });
  expect(sheet.getCell(rows, 1).value).toBe(rows - 1);
});
