/**
 * The command writes a described sheet's rows as SpreadsheetML directly
 * (src/writers/sheet-xml.ts) instead of through exceljs's row and cell objects.
 * Writer parity: every part of the book is the same, byte for byte once
 * inflated, as exceljs's own rendering of the same sheets — the report's
 * described sheets for the sample, a generated district and a .csv («Свод»),
 * and random sheets (values of every kind, Cyrillic and characters XML
 * escapes, styles, merges over and past the values, heights, lazy blocks).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { unzipSync } from "fflate";
import { emptySheet, planReport, SheetSpec, SpecValue, StyleName } from "../../src/core";
import { prepareSheet } from "../../src/writers/sheet-writer";
import { addStreamSheet, computeOnOpening, streamSheetSpec, streamSheetSpecWithExcelJs } from "../../src/writers/stream-book";
import { writeEscaped } from "../../src/writers/sheet-xml";
import { readInputs, sourceTables } from "../../src/io/inputs";
import { fileSource } from "../../src/io/node";
import { bigWideGrid } from "../excel/bigTable";

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), "shnor-sheet-xml-"));
let count = 0;

type Render = typeof streamSheetSpec;

/** The sheets written into a streaming book by one of the two renderings; its parts, inflated. */
async function book(specs: SheetSpec[], render: Render): Promise<Record<string, string>> {
  const file = join(dir, `book-${count++}.xlsx`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  computeOnOpening(wb);
  for (const spec of specs) {
    const prepared = prepareSheet(spec);
    const ws = addStreamSheet(wb, spec.name, prepared.options);
    await render(ws, prepared);
    (ws as unknown as { commit(): void }).commit();
  }
  await wb.commit();
  const parts = unzipSync(new Uint8Array(readFileSync(file)));
  // The book's creation time is the one part that may differ.
  delete parts["docProps/core.xml"];
  return Object.fromEntries(Object.entries(parts).map(([name, bytes]) => [name, Buffer.from(bytes).toString("utf8")]));
}

async function expectSameBooks(specs: () => SheetSpec[]): Promise<Record<string, string>> {
  const want = await book(specs(), streamSheetSpecWithExcelJs);
  const got = await book(specs(), streamSheetSpec);
  expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
  for (const name of Object.keys(want)) if (got[name] !== want[name]) expect({ name, xml: got[name] }).toEqual({ name, xml: want[name] });
  return want;
}

/** The report's described sheets for the files, as `shnor report` plans them. */
async function reportSpecs(paths: string[]): Promise<SheetSpec[]> {
  const reading = await readInputs(await Promise.all(paths.map((p) => fileSource(p))));
  const plan = planReport({
    table: reading.table,
    sources: sourceTables(reading),
    files: reading.files.length,
    settings: {},
    documents: {},
  });
  return plan.sheets.flatMap((s) => (s.kind === "spec" ? [s.spec] : []));
}

const sample = join(__dirname, "..", "..", "samples", "prilozhenie-1.xlsx");

it("writes the sample's report sheets as exceljs does, byte for byte", async () => {
  const specs = await reportSpecs([sample]);
  const parts = await expectSameBooks(() => specs);
  expect(Object.keys(parts).filter((p) => p.startsWith("xl/worksheets/sheet")).length).toBe(specs.length);
  expect(parts["xl/sharedStrings.xml"].length).toBeGreaterThan(1000);
});

it("writes a generated district's report sheets, «Динамика» among them, as exceljs does", async () => {
  const file = join(dir, "district.xlsx");
  const grid = new ExcelJS.Workbook();
  grid.addWorksheet("Результаты").addRows(bigWideGrid(80, 7).values as ExcelJS.CellValue[][]);
  await grid.xlsx.writeFile(file);
  const specs = await reportSpecs([file]);
  expect(specs.some((s) => /Динамика/.test(s.name))).toBe(true);
  const parts = await expectSameBooks(() => specs);
  expect(Object.values(parts).some((xml) => xml.includes("<mergeCell "))).toBe(true);
});

it("writes a .csv's «Свод» and documents as exceljs does", async () => {
  const file = join(dir, "results.csv");
  const grid = bigWideGrid(30, 3).values;
  writeFileSync(
    file,
    grid.map((row) => row.map((v) => (v === null || v === undefined ? "" : `"${String(v).replace(/"/g, '""')}"`)).join(";")).join("\n"),
  );
  const specs = await reportSpecs([file]);
  expect(specs.some((s) => s.name === "Свод")).toBe(true);
  await expectSameBooks(() => specs);
});

const STYLES: StyleName[] = ["title", "subtitle", "header", "cell", "input", "computed", "low", "shnor", "risk", "note"];
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("Школа № 5 «Луч»", "<a & b>", "'\"", "=A1", " x ", "\u0001ctl", ""));
const value: fc.Arbitrary<SpecValue> = fc.oneof(
  fc.constant(null),
  text.map((t) => ({ text: t })),
  fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(-0)).map((n) => ({ number: n })),
  fc.boolean().map((b) => ({ bool: b })),
  fc.constantFrom("A1*2", "SUM(A1:B3)", 'IF(A1>0,"да","нет")').map((f) => ({ formula: f })),
);
const rect = fc.record({
  row: fc.nat(12),
  column: fc.nat(6),
  rows: fc.integer({ min: 1, max: 4 }),
  columns: fc.integer({ min: 1, max: 4 }),
});

/** Merges that never overlap (a description's never do): each kept only if clear of the ones before. */
function disjoint(rects: { row: number; column: number; rows: number; columns: number }[]) {
  const kept: typeof rects = [];
  for (const r of rects) {
    if (r.rows * r.columns < 2) continue;
    const clear = kept.every(
      (k) => r.row >= k.row + k.rows || k.row >= r.row + r.rows || r.column >= k.column + k.columns || k.column >= r.column + r.columns,
    );
    if (clear) kept.push(r);
  }
  return kept;
}

const randomSheet = fc
  .record({
    blocks: fc.array(
      fc.record({ row: fc.nat(10), column: fc.nat(5), values: fc.array(fc.array(value, { maxLength: 5 }), { maxLength: 5 }) }),
      {
        maxLength: 3,
      },
    ),
    lazy: fc.option(fc.record({ row: fc.integer({ min: 14, max: 20 }), rowCount: fc.nat(30) })),
    styles: fc.array(
      fc.record({
        at: rect,
        style: fc.constantFrom(...STYLES),
        numberFormat: fc.option(fc.constantFrom("0.0", "0%", "@")),
        bold: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
    merges: fc.array(rect, { maxLength: 4 }),
    widths: fc.array(fc.integer({ min: 4, max: 40 }), { maxLength: 6 }),
    freeze: fc.nat(2),
  })
  .map(({ blocks, lazy, styles, merges, widths, freeze }) => {
    const spec = emptySheet("Лист", "test");
    spec.columnWidths = widths;
    spec.blocks = [...blocks];
    if (lazy)
      spec.blocks.push({
        row: lazy.row,
        column: 1,
        rowCount: lazy.rowCount,
        columns: 3,
        rowAt: (k) => [{ number: k / 7 }, { text: `Ряд ${k} «ВПР»` }, k % 3 === 0 ? null : { formula: `B${lazy.row + k + 1}*2` }],
      });
    spec.styles = styles.map((s) => ({
      ...s.at,
      style: s.style,
      bold: s.bold,
      ...(s.numberFormat ? { numberFormat: s.numberFormat } : {}),
    }));
    spec.merges = disjoint(merges);
    if (freeze) spec.freezeRows = freeze;
    return spec;
  });

it("writes random sheets as exceljs does, byte for byte", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(randomSheet, { minLength: 1, maxLength: 3 }), async (sheets) => {
      const specs = () => sheets.map((s, i) => ({ ...s, name: `Лист ${i + 1}` }));
      await expectSameBooks(specs);
    }),
    { numRuns: 60 },
  );
});

it("writes long rows as exceljs does: pieces handed to the zip mid-sheet, a row longer than a piece, Cyrillic across them", async () => {
  const long = (n: number) => `IF(A1>0,"${"д".repeat(n)}","нет")`;
  const specs = () => {
    const spec = emptySheet("Лист", "test");
    spec.blocks = [
      { row: 0, column: 0, values: [[{ formula: long(300_000) }, { text: "Школа № 5 «Луч»" }], [{ formula: long(400_000) }]] },
      {
        row: 3,
        column: 0,
        rowCount: 4000,
        columns: 3,
        rowAt: (k) => [{ number: k }, { formula: `ROUND(A${k + 4}*2,2)&"${"ж".repeat(k % 200)}"` }, { text: `ОО ${k % 50}` }],
      },
      { row: 4003, column: 1, values: [[{ formula: long(500_000) }, { number: 1 }]] },
    ];
    spec.styles = [{ row: 3, column: 0, rows: 4000, columns: 3, style: "cell" }];
    return [spec];
  };
  const parts = await expectSameBooks(specs);
  expect(parts["xl/worksheets/sheet1.xml"].length).toBeGreaterThan(2_000_000);
});

it("escapes and encodes text as exceljs's xmlEncode and Buffer do: entities, dropped controls, Cyrillic, surrogates whole, parted and alone", () => {
  const { xmlEncode } = require("exceljs/lib/utils/utils") as { xmlEncode(text: string): string };
  const unit = fc.oneof(
    fc.constantFrom(..."<>&'\"\t\n\r\u0000\u0001\u000b\u001f\u007f\u0080дЁ€\uffff\ud83d\ude00\ud800\udfff"),
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  );
  const examples: [string[], number][] = [[["\ud83d", "\u0001", "\u007f", "\ude00", "д", "\ud800"], 0]];
  fc.assert(
    fc.property(fc.array(unit, { maxLength: 40 }), fc.nat(5), (units, offset) => {
      const raw = units.join("");
      const out = Buffer.alloc(offset + raw.length * 6);
      const end = writeEscaped(out, offset, raw);
      expect(out.subarray(offset, end).toString("hex")).toBe(Buffer.from(xmlEncode(raw)).toString("hex"));
    }),
    { numRuns: 2000, examples },
  );
});
