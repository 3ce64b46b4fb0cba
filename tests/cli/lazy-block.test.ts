/**
 * A lazy block (rows made on demand, as «Динамика и объективность» describes its
 * million series rows) renders exactly as the same rows written out as a plain
 * block: through the exceljs writer (saved and read back), through the Office.js
 * writer on the fake Excel, and fitSheet gives the same widths and heights.
 */
import fc from "fast-check";
import ExcelJS from "exceljs";
import { fitSheet, emptySheet, LazyBlock, plainBlock, SheetSpec, SpecValue, StyleName, specRows } from "../../src/core";
import { prepareSheet, renderRows, writeSheetSpec } from "../../src/writers/sheet-writer";
import { FakeExcel } from "../fakes/excel";
import { hostFor } from "../excel/helpers";

jest.setTimeout(120_000);

const WORDS = ["МБОУ", "«СОШ", "№", "12»", "Муниципальное", "общеобразовательное", "учреждение", "=1+1", "+7", "ВПР", "математика", "5"];

const value: fc.Arbitrary<SpecValue> = fc.oneof(
  fc.constant(null),
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((w) => ({ text: w.join(" ") })),
  fc.double({ min: -1000, max: 1000, noNaN: true }).map((n) => ({ number: Math.round(n * 100) / 100 })),
  fc.boolean().map((b) => ({ bool: b })),
  fc.constantFrom("ROUND(F5-D5,2)", 'IF(G5>=$B$3,"отрицательная","стабильная")', "SUM(A1:A3)").map((f) => ({ formula: f })),
);

interface Case {
  top: number;
  column: number;
  rows: SpecValue[][];
  columns: number;
  styles: { row: number; column: number; rows: number; columns: number; style: StyleName; numberFormat?: string; wrap?: boolean }[];
  widths: number[];
  /** A plain header row above (adjacent or not) and a note below. */
  gap: number;
  /** Whether the lazy block gives a cell alone (valueAt) as well as a row. */
  cellwise: boolean;
}

const cases: fc.Arbitrary<Case> = fc
  .record({
    top: fc.integer({ min: 1, max: 6 }),
    column: fc.integer({ min: 0, max: 2 }),
    columns: fc.integer({ min: 1, max: 5 }),
    height: fc.integer({ min: 1, max: 25 }),
    gap: fc.integer({ min: 0, max: 2 }),
  })
  .chain(({ top, column, columns, height, gap }) =>
    fc.record({
      top: fc.constant(top + gap),
      column: fc.constant(column),
      columns: fc.constant(columns),
      gap: fc.constant(gap),
      cellwise: fc.boolean(),
      rows: fc.array(fc.array(value, { minLength: 1, maxLength: columns }), { minLength: height, maxLength: height }),
      widths: fc.array(fc.integer({ min: 4, max: 30 }), { minLength: column + columns, maxLength: column + columns }),
      styles: fc.array(
        fc.record({
          row: fc.integer({ min: top + gap, max: top + gap + height - 1 }),
          column: fc.integer({ min: column, max: column + columns - 1 }),
          rows: fc.integer({ min: 1, max: height }),
          columns: fc.integer({ min: 1, max: columns }),
          style: fc.constantFrom<StyleName>("cell", "computed", "input", "header", "low", "note", "title"),
          numberFormat: fc.option(fc.constantFrom("0.0", "0%", "@"), { nil: undefined }),
          wrap: fc.option(fc.boolean(), { nil: undefined }),
        }),
        { maxLength: 4 },
      ),
    }),
  );

/** The same sheet twice: its long run of rows once as a lazy block, once written out. */
function specs(c: Case): { lazy: SheetSpec; plain: SheetSpec; made: () => number } {
  let made = 0;
  const block: LazyBlock = {
    row: c.top,
    column: c.column,
    rowCount: c.rows.length,
    // As wide as its widest row, as the plain block is.
    columns: Math.max(...c.rows.map((r) => r.length)),
    rowAt: (i) => {
      made++;
      // A fresh array each time, as a lazy block makes it.
      return c.rows[i].map((v) => (v === null ? null : { ...v }));
    },
  };
  // Half the cases give cells alone too, as «Динамика» does for fitSheet.
  if (c.cellwise) {
    const texts = new Set<number>();
    c.rows.forEach((r) => r.forEach((v, j) => v !== null && "text" in v && texts.add(j)));
    block.textColumns = [...texts];
    block.valueAt = (i, j) => {
      made++;
      const v = c.rows[i][j];
      return v === null || v === undefined ? null : { ...v };
    };
  }
  const make = (blocks: SheetSpec["blocks"]): SheetSpec => {
    const spec = emptySheet("Лист", "test");
    spec.columnWidths = [...c.widths];
    const headerRow = c.top - 1 - c.gap;
    spec.blocks = [
      { row: headerRow, column: c.column, values: [Array.from({ length: c.columns }, (_, j) => ({ text: `Столбец ${j + 1}` }))] },
      ...blocks,
      { row: c.top + c.rows.length, column: 0, values: [[{ text: "Примечание под таблицей" }]] },
    ];
    spec.styles = [
      { row: headerRow, column: c.column, rows: 1, columns: c.columns, style: "header", wrap: true },
      { row: c.top, column: c.column, rows: c.rows.length, columns: c.columns, style: "cell", wrap: true },
      ...c.styles.map((s) => ({
        ...s,
        rows: Math.min(s.rows, c.top + c.rows.length - s.row),
        columns: Math.min(s.columns, c.column + c.columns - s.column),
      })),
    ];
    spec.merges = [{ row: c.top + c.rows.length, column: 0, rows: 1, columns: c.column + c.columns }].filter((m) => m.columns > 1);
    return spec;
  };
  return { lazy: make([block]), plain: make([plainBlock(block)]), made: () => made };
}

async function excelJsDump(spec: SheetSpec): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  writeSheetSpec(wb, spec);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const ws = back.getWorksheet(spec.name) as ExcelJS.Worksheet;
  const cells: unknown[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    cells.push({ r, height: row.height });
    row.eachCell({ includeEmpty: true }, (cell, c) => cells.push({ r, c, value: cell.value, style: cell.style }));
  });
  return { cells, widths: (ws.columns ?? []).map((col) => col.width), merges: (ws.model as unknown as { merges?: string[] }).merges };
}

async function fakeDump(spec: SheetSpec): Promise<unknown> {
  const fake = new FakeExcel();
  fake.addSheet("Результаты", [["ВПР МА 5 2019"]]);
  await hostFor(fake).writeSheets([spec], { regenerate: "ask" });
  const s = fake.sheet(spec.name);
  const sortedJson = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
  // An empty cell written as "" in General (a plain block merged with its neighbours' rows) is no cell.
  const cells: string[] = [];
  s.rows.forEach((row, r) => {
    if (!row) return;
    for (let c = 0; c < Math.max(row.v.length, row.f.length, row.nf.length); c++) {
      const v = row.v[c];
      const f = row.f[c];
      const nf = row.nf[c] ?? "General";
      if ((v === "" || v === null || v === undefined) && (f === null || f === undefined) && nf === "General") continue;
      cells.push(JSON.stringify([r, c, v, f, nf]));
    }
  });
  return {
    cells,
    formats: sortedJson(s.formats),
    merges: sortedJson(s.merges),
    widths: [...s.columnWidths].sort(),
  };
}

describe("a lazy block renders as the same rows written out", () => {
  it("fitSheet: the same widths and heights, from rows made one at a time", () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { lazy, plain, made } = specs(c);
        const a = fitSheet(lazy);
        expect(made()).toBeGreaterThan(0);
        const b = fitSheet(plain);
        expect(a.columnWidths).toEqual(b.columnWidths);
        expect([...a.rowHeights].sort()).toEqual([...b.rowHeights].sort());
      }),
      { numRuns: 200 },
    );
  });

  it("specRows yields every row of both kinds in order", () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { lazy, plain } = specs(c);
        expect([...specRows(lazy)]).toEqual([...specRows(plain)]);
      }),
    );
  });

  it("the exceljs writer: the same book read back", async () => {
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const { lazy, plain } = specs(c);
        expect(await excelJsDump(lazy)).toEqual(await excelJsDump(plain));
      }),
      { numRuns: 40 },
    );
  });

  it("the Office.js writer: the same cells, formats, merges and widths in the fake Excel", async () => {
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const { lazy, plain } = specs(c);
        expect(await fakeDump(lazy)).toEqual(await fakeDump(plain));
      }),
      { numRuns: 40 },
    );
  });

  it("the exceljs writer makes each row when it reaches it, not all before the first", () => {
    const rows = 50_000;
    let made = 0;
    const spec = emptySheet("Лист", "test");
    spec.blocks = [{ row: 0, column: 0, rowCount: rows, columns: 2, rowAt: (i) => (made++, [{ text: `ОО ${i}` }, { number: i }]) }];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Лист");
    const prepared = prepareSheet(spec);
    // fitSheet reads every row twice (widths, then heights).
    const afterFit = made;
    expect(afterFit).toBeLessThanOrEqual(2 * rows);
    const render = renderRows(ws, prepared);
    render.next();
    // The writing itself has made one so far.
    expect(made - afterFit).toBe(1);
    for (let i = 0; i < 99; i++) render.next();
    expect(made - afterFit).toBeLessThanOrEqual(100);
    expect(ws.getCell(100, 1).value).toBe("ОО 99");
  });
});
