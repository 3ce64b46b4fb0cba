/**
 * The two writers of a SheetSpec agree: every generated sheet, for the sample
 * workbook and for a generated 40-school district, is rendered by the exceljs
 * writer (saved and read back as .xlsx) and by the Office.js writer on the fake
 * Excel; each cell is normalised (value or formula, number format, fill, font,
 * borders, wrap, alignment) and so are widths, heights, merges, validation,
 * conditional formats, print setup and frozen rows. They must be equal. The
 * one difference allowed is a capability: the fake draws a chart where the
 * exceljs writer writes its fallback line.
 */
import { join } from "node:path";
import ExcelJS from "exceljs";
import { analyzeTable, joinTables, markSpec, planReport, Rect, readTable, ResultsTable, SheetSpec } from "../../src/core";
import { buildDocuments, TASKS_KIND } from "../../src/core/documents";
import { chartFallbackText, writeSheetSpec } from "../../src/writers/sheet-writer";
import { readWorkbookTable } from "../../src/io/node";
import { parseRef } from "../../src/excel/address";
import { widthPoints } from "../../src/excel/render";
import { FakeExcel } from "../fakes/excel";
import { SheetModel } from "../fakes/excelModel";
import { bigWideGrid } from "../excel/bigTable";
import { hostFor } from "../excel/helpers";
import { f1Grid, makeF1 } from "../fixtures/tasks";

jest.setTimeout(120_000);

interface Look {
  value: string;
  numFmt: string;
  fill: string;
  bold: boolean;
  italic: boolean;
  size: number;
  fontColor: string;
  border: string;
  wrap: boolean;
  horizontal: string;
  vertical: string;
}

interface Normal {
  cells: Map<string, Look>;
  widths: Map<number, number>;
  heights: Map<number, number>;
  merges: string[];
  validations: string[];
  conditionalFormats: string[];
  print: string;
  freeze: [number, number];
}

const key = (r: number, c: number) => `${r},${c}`;
const hex = (color: string | undefined | null) => (color ? color.replace(/^#/, "").slice(-6).toUpperCase() : "");
const rectKey = (r: Rect) => `${r.row},${r.column},${r.rows},${r.columns}`;
/** One line a cell: exceljs reads validation back cell by cell. */
const perCell = (r: Rect, rest: string) => {
  const out: string[] = [];
  for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.columns; j++) out.push(`${key(r.row + i, r.column + j)} ${rest}`);
  return out;
};

function valueOfExcelJs(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined || v === "") return "";
  if (typeof v === "object" && "formula" in v) return `f:${(v as ExcelJS.CellFormulaValue).formula}`;
  if (typeof v === "object" && "richText" in v) return `t:${(v as ExcelJS.CellRichTextValue).richText.map((p) => p.text).join("")}`;
  if (typeof v === "number") return `n:${v}`;
  if (typeof v === "boolean") return `b:${v}`;
  return `t:${String(v)}`;
}

/**
 * `ws` is the book read back from its .xlsx; `written` the writer's own worksheet, for
 * validation only: exceljs reads a formula bound of a whole-number rule back as NaN.
 */
function fromExcelJs(ws: ExcelJS.Worksheet, written: ExcelJS.Worksheet, skip: Set<string>): Normal {
  const cells = new Map<string, Look>();
  ws.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      if (skip.has(key(r - 1, c - 1))) return;
      const master = cell.isMerged && cell.master.address !== cell.address;
      const b = cell.border ?? {};
      const look: Look = {
        value: master ? "" : valueOfExcelJs(cell.value),
        // A merged area shows its first cell's number format: the others' are not seen.
        numFmt: master ? "" : cell.numFmt && cell.numFmt !== "General" ? cell.numFmt : "General",
        fill: cell.fill && cell.fill.type === "pattern" && cell.fill.pattern === "solid" ? hex(cell.fill.fgColor?.argb) : "",
        bold: !!cell.font?.bold,
        italic: !!cell.font?.italic,
        size: cell.font?.size ?? 11,
        fontColor: hex(cell.font?.color?.argb),
        border: (["top", "bottom", "left", "right"] as const)
          .filter((side) => b[side]?.style)
          .map((side) => `${side}:${hex(b[side]?.color?.argb)}`)
          .join(" "),
        wrap: !!cell.alignment?.wrapText,
        horizontal: cell.alignment?.horizontal ?? "",
        vertical: cell.alignment?.vertical ?? "",
      };
      cells.set(key(r - 1, c - 1), look);
    }),
  );
  const widths = new Map<number, number>();
  (ws.columns ?? []).forEach((col, i) => {
    if (col.width !== undefined) widths.set(i, Math.round(widthPoints(col.width)));
  });
  const heights = new Map<number, number>();
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.height !== undefined) heights.set(r - 1, row.height);
  });
  const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).map((m) => rectKey(parseRef(m) as Rect)).sort();
  const dv = (written as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
  const validations = Object.entries(dv)
    .flatMap(([ref, v]) => {
      const rule =
        v.type === "list"
          ? `list:${String(v.formulae[0]).replace(/^"|"$/g, "")}`
          : `${v.type === "whole" ? "wholeNumber" : v.type}:${v.formulae.map((f) => String(f).replace(/^=/, "")).join("..")}`;
      return perCell(parseRef(ref) as Rect, `${rule} ${v.error} ${v.prompt ?? ""}`);
    })
    .sort();
  const formattings = (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings ?? [];
  const conditionalFormats = formattings.flatMap((cf) =>
    cf.rules.map((rule) => {
      const r = rule as ExcelJS.ExpressionRuleType;
      const fill = r.style?.fill as ExcelJS.FillPattern | undefined;
      return `${rectKey(parseRef(cf.ref) as Rect)} ${r.formulae?.[0]} ${hex(fill?.bgColor?.argb)} ${hex(r.style?.font?.color?.argb)} ${!!(r as { stopIfTrue?: boolean }).stopIfTrue}`;
    }),
  );
  const p = ws.pageSetup;
  const m = p.margins;
  const breaks = ((written as unknown as { rowBreaks?: { id: number }[] }).rowBreaks ?? []).map((b) => `A${b.id + 1}`);
  const print = p.orientation
    ? [
        p.orientation,
        p.paperSize === 9 ? "A4" : p.paperSize,
        p.fitToPage ? `${p.fitToWidth}x${p.fitToHeight}` : `${p.scale}%`,
        p.printTitlesRow ?? "",
        p.printTitlesColumn ?? "",
        m ? [m.left, m.right, m.top, m.bottom, m.header, m.footer].map((x) => Math.round(x * 7200) / 100).join(",") : "",
        breaks.join(","),
      ].join(" ")
    : "";
  const frozen = ws.views?.find((v) => v.state === "frozen") as ExcelJS.WorksheetViewFrozen | undefined;
  return { cells, widths, heights, merges, validations, conditionalFormats, print, freeze: [frozen?.ySplit ?? 0, frozen?.xSplit ?? 0] };
}

const ALIGN: Record<string, string> = { Left: "left", Center: "center", Right: "right" };
const VERTICAL: Record<string, string> = { Top: "top", Center: "middle" };

/** A cell's side in the fake: the range's edge where the cell is on it, its inside border elsewhere. */
function side(s: SheetModel, r: number, c: number, which: "top" | "bottom" | "left" | "right"): string {
  let color: string | undefined;
  for (const op of s.formats) {
    const m = /^border\.(\w+)\.color$/.exec(op.prop);
    if (!m) continue;
    const { rect } = op;
    if (r < rect.row || r >= rect.row + rect.rows || c < rect.column || c >= rect.column + rect.columns) continue;
    const edge = m[1];
    const onTop = r === rect.row;
    const onBottom = r === rect.row + rect.rows - 1;
    const onLeft = c === rect.column;
    const onRight = c === rect.column + rect.columns - 1;
    const hit =
      (which === "top" && ((edge === "EdgeTop" && onTop) || (edge === "InsideHorizontal" && !onTop))) ||
      (which === "bottom" && ((edge === "EdgeBottom" && onBottom) || (edge === "InsideHorizontal" && !onBottom))) ||
      (which === "left" && ((edge === "EdgeLeft" && onLeft) || (edge === "InsideVertical" && !onLeft))) ||
      (which === "right" && ((edge === "EdgeRight" && onRight) || (edge === "InsideVertical" && !onRight)));
    if (hit) color = op.value as string;
  }
  return color === undefined ? "" : `${which}:${hex(color)}`;
}

function fromFake(s: SheetModel, skip: Set<string>): Normal {
  let rows = s.rows.length;
  let columns = s.rows.reduce((m, row) => Math.max(m, row ? Math.max(row.v.length, row.f.length, row.nf.length) : 0), 0);
  for (const op of s.formats) {
    if (op.prop === "rowHeight") continue;
    rows = Math.max(rows, op.rect.row + op.rect.rows);
    columns = Math.max(columns, op.rect.column + op.rect.columns);
  }
  const cells = new Map<string, Look>();
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      if (skip.has(key(r, c))) continue;
      const f = s.formula(r, c);
      const v = s.value(r, c);
      const value =
        typeof f === "string" && f.startsWith("=") && s.rows[r]?.f[c] !== undefined
          ? `f:${f.slice(1)}`
          : v === "" || v === null || v === undefined
            ? ""
            : typeof v === "number"
              ? `n:${v}`
              : typeof v === "boolean"
                ? `b:${v}`
                : `t:${v}`;
      const merge = s.merges.find((m) => r >= m.row && r < m.row + m.rows && c >= m.column && c < m.column + m.columns);
      const hidden = merge !== undefined && (merge.row !== r || merge.column !== c);
      const look: Look = {
        value: hidden ? "" : value,
        numFmt: hidden ? "" : s.numberFormat(r, c),
        fill: hex(s.formatAt(r, c, "fill.color") as string),
        bold: !!s.formatAt(r, c, "font.bold"),
        italic: !!s.formatAt(r, c, "font.italic"),
        size: (s.formatAt(r, c, "font.size") as number) ?? 11,
        fontColor: hex(s.formatAt(r, c, "font.color") as string),
        border: (["top", "bottom", "left", "right"] as const)
          .map((w) => side(s, r, c, w))
          .filter((x) => x)
          .join(" "),
        wrap: !!s.formatAt(r, c, "wrapText"),
        horizontal: ALIGN[s.formatAt(r, c, "horizontalAlignment") as string] ?? "",
        vertical: VERTICAL[s.formatAt(r, c, "verticalAlignment") as string] ?? "",
      };
      cells.set(key(r, c), look);
    }
  const heights = new Map<number, number>();
  for (const op of s.formats)
    if (op.prop === "rowHeight") for (let r = op.rect.row; r < op.rect.row + op.rect.rows; r++) heights.set(r, op.value as number);
  const validations = s.validations
    .flatMap((v) => {
      const rule = v.rule as Record<string, Record<string, unknown>>;
      const [kind, body] = Object.entries(rule)[0];
      const text =
        kind === "list"
          ? `list:${body.source}`
          : `${kind}:${[body.formula1, body.formula2]
              .filter((x) => x !== undefined)
              .map((x) => String(x).replace(/^=/, ""))
              .join("..")}`;
      const alert = v.errorAlert as { message: string };
      const prompt = v.prompt as { message: string } | undefined;
      return perCell(v.rect, `${text} ${alert.message} ${prompt?.message ?? ""}`);
    })
    .sort();
  const conditionalFormats = s.cfs.map((cf) => {
    const formula = cf.formula.replace(/^=AND\((.*),N\("[^"]*"\)=0\)$/, "$1");
    return `${rectKey(cf.rect)} ${formula} ${hex(cf.fill)} ${hex(cf.fontColor)} ${cf.stopIfTrue}`;
  });
  const pl = s.pageLayout as Record<string, unknown> & { zoom?: Record<string, number>; rowBreaks?: string[] };
  const print = pl.orientation
    ? [
        String(pl.orientation).toLowerCase(),
        pl.paperSize,
        pl.zoom?.scale !== undefined ? `${pl.zoom.scale}%` : `${pl.zoom?.horizontalFitToPages}x${pl.zoom?.verticalFitToPages}`,
        String(pl.printTitleRows ?? "").replace(/\$/g, ""),
        String(pl.printTitleColumns ?? "").replace(/\$/g, ""),
        [pl.leftMargin, pl.rightMargin, pl.topMargin, pl.bottomMargin, pl.headerMargin, pl.footerMargin].join(","),
        (pl.rowBreaks ?? []).join(","),
      ].join(" ")
    : "";
  return {
    cells,
    widths: new Map([...s.columnWidths].map(([c, points]) => [c, Math.round(points)])),
    heights,
    merges: s.merges.map(rectKey).sort(),
    validations,
    conditionalFormats,
    print,
    freeze: [s.freezeRows, s.freezeColumns],
  };
}

function emptyLook(l: Look): boolean {
  return (
    l.value === "" &&
    (l.numFmt === "General" || l.numFmt === "") &&
    !l.fill &&
    !l.bold &&
    !l.italic &&
    l.size === 11 &&
    !l.fontColor &&
    !l.border &&
    !l.wrap &&
    !l.horizontal &&
    !l.vertical
  );
}

/** Cells that differ, as «row,col field: exceljs ≠ Office.js» lines (the first of each field). */
function cellDiffs(a: Normal, b: Normal): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const k of new Set([...a.cells.keys(), ...b.cells.keys()])) {
    const x = a.cells.get(k);
    const y = b.cells.get(k);
    if (x && y && JSON.stringify(x) === JSON.stringify(y)) continue;
    if ((!x || emptyLook(x)) && (!y || emptyLook(y))) continue;
    for (const field of Object.keys(x ?? y ?? {}) as (keyof Look)[]) {
      if (x?.[field] === y?.[field] || seen.has(field)) continue;
      seen.add(field);
      out.push(`${k} ${field}: ${JSON.stringify(x?.[field])} ≠ ${JSON.stringify(y?.[field])}`);
    }
  }
  return out;
}

async function renderBoth(specs: SheetSpec[]): Promise<{ excelJs: ExcelJS.Workbook; written: ExcelJS.Workbook; fake: FakeExcel }> {
  const wb = new ExcelJS.Workbook();
  for (const spec of specs) writeSheetSpec(wb, spec);
  const excelJs = new ExcelJS.Workbook();
  await excelJs.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const fake = new FakeExcel();
  fake.addSheet("Результаты", [["ВПР МА 5 2019"]]);
  const outcomes = await hostFor(fake).writeSheets(specs, { regenerate: "ask" });
  expect(outcomes.map((o) => o.sheet)).toEqual(specs.map((s) => s.name));
  return { excelJs, written: wb, fake };
}

function documentsOf(table: ResultsTable): SheetSpec[] {
  // Pupil-level exports are carried as the report plans them: the marked «Свод», then the documents.
  if (table.layout !== "wide" && table.layout !== "long")
    return planReport({ table, sources: [], files: 2, settings: {}, documents: {} }).sheets.flatMap((s) =>
      s.kind === "spec" ? [s.spec] : [],
    );
  const analysis = analyzeTable(table);
  return buildDocuments({
    table,
    analysis,
    settings: {},
    results: { sheetName: table.sheetName, marks: markSpec(table, analysis) },
    existingSheetNames: [table.sheetName],
  }).sheets;
}

const cases: [string, () => Promise<ResultsTable>][] = [
  ["the sample workbook", () => readWorkbookTable(join(__dirname, "..", "..", "samples", "prilozhenie-1.xlsx"))],
  ["a generated 40-school district", async () => readTable({ ...bigWideGrid(40, 7), sheetName: "Результаты" })],
  [
    "two Ф1 exports with task columns («Задания»)",
    async () =>
      joinTables(
        [makeF1(61, 12, undefined, "Русский язык"), makeF1(62, 12, undefined, "Математика")].map((f, i) => ({
          source: `файл ${i + 1}`,
          table: readTable(f1Grid(f)),
        })),
      ),
  ],
];

describe.each(cases)("the exceljs and Office.js writers agree on %s", (_, load) => {
  let specs: SheetSpec[];
  let excelJs: ExcelJS.Workbook;
  let written: ExcelJS.Workbook;
  let fake: FakeExcel;
  beforeAll(async () => {
    specs = documentsOf(await load());
    ({ excelJs, written, fake } = await renderBoth(specs));
  });

  it("generates every kind of sheet: indicators, roadmaps, annex, note (and «Задания» from task scores)", () => {
    if (specs.some((s) => s.kind === TASKS_KIND)) expect(specs[specs.length - 1].kind).toBe(TASKS_KIND);
    expect(new Set(specs.map((s) => s.kind)).size).toBeGreaterThanOrEqual(4);
    expect(specs.length).toBeLessThanOrEqual(12);
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])("sheet %i: every cell, width, height, merge, validation, format and print setup", (i) => {
    if (i >= specs.length) return;
    const spec = specs[i];
    // The capability difference: the fake draws the chart, the exceljs writer writes its line in the row kept for it.
    const fallbacks = spec.charts.map((c) => c.fallback);
    const anchors = new Set(fallbacks.flatMap((f) => Array.from({ length: f.columns }, (_, j) => key(f.row, f.column + j))));
    const ws = excelJs.getWorksheet(spec.name) as ExcelJS.Worksheet;
    const model = fake.sheet(spec.name);
    for (const c of spec.charts) expect(ws.getCell(c.fallback.row + 1, c.fallback.column + 1).value).toBe(chartFallbackText(c));
    expect(model.charts).toHaveLength(spec.charts.length);

    const a = fromExcelJs(ws, written.getWorksheet(spec.name) as ExcelJS.Worksheet, anchors);
    const b = fromFake(model, anchors);
    const kept = fallbacks.map((f) => rectKey({ ...f, rows: 1 }));
    a.merges = a.merges.filter((m) => !kept.includes(m));
    for (const f of fallbacks) a.heights.delete(f.row);
    expect(cellDiffs(a, b)).toEqual([]);
    expect(a.cells.size).toBeGreaterThan(0);
    expect([...a.widths].sort()).toEqual([...b.widths].sort());
    expect([...a.heights].sort()).toEqual([...b.heights].sort());
    expect(a.merges).toEqual(b.merges);
    expect(a.validations).toEqual(b.validations);
    expect(a.conditionalFormats).toEqual(b.conditionalFormats);
    expect(a.print).toEqual(b.print);
    if (spec.print) expect(a.print).toMatch(/^landscape A4 (1x0|\d+%) /);
    expect(a.freeze).toEqual(b.freeze);
  });
});
