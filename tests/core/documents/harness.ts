/**
 * Builds the documents for a results grid as the CLI and the add-in would,
 * and evaluates their formulas with HyperFormula, so the tests check what a
 * spreadsheet shows rather than formula strings.
 */
import { HyperFormula } from "hyperformula";
import {
  analyzeTable,
  blockHeight,
  blockRow,
  Cell,
  markSpec,
  MarkSpec,
  readTable,
  SheetGrid,
  SheetSpec,
  SpecValue,
  specRows,
} from "../../../src/core";
import { buildDocuments, DocumentSettingsInput, Documents } from "../../../src/core/documents";
import { ResultsTable, Analysis, Settings } from "../../../src/core";

export interface Setup {
  grid: SheetGrid;
  table: ResultsTable;
  analysis: Analysis;
  marks: MarkSpec;
  docs: Documents;
  sheet(name: string): SheetSpec;
}

export function setup(grid: SheetGrid, settings: DocumentSettingsInput = {}, rule: Partial<Settings> = {}): Setup {
  const table = readTable(grid);
  const analysis = analyzeTable(table, rule);
  const marks = markSpec(table, analysis);
  const sheetName = grid.sheetName ?? "Лист1";
  const docs = buildDocuments({ table, analysis, settings, results: { sheetName, marks }, existingSheetNames: [sheetName] });
  return {
    grid,
    table,
    analysis,
    marks,
    docs,
    sheet: (kindOrName: string) => {
      const found = docs.sheets.find((s) => s.kind === kindOrName || s.name === kindOrName);
      if (!found) throw new Error(`no sheet ${kindOrName}`);
      return found;
    },
  };
}

type HfCell = string | number | boolean | null;

function hfValue(v: SpecValue): HfCell {
  if (v === null) return null;
  if ("formula" in v) return `=${v.formula}`;
  if ("number" in v) return v.number;
  if ("bool" in v) return v.bool;
  // An apostrophe keeps HyperFormula from reading «=…» text as a formula, as Excel keeps text cells text.
  return /^[='+-]/.test(v.text) ? `'${v.text}` : v.text;
}

function put(rows: HfCell[][], r: number, c: number, v: HfCell) {
  while (rows.length <= r) rows.push([]);
  const row = rows[r];
  while (row.length <= c) row.push(null);
  row[c] = v;
}

/** The values a spec's blocks write, as a 2-D array (for HyperFormula and for looking at cells). */
export function specCells(spec: SheetSpec): HfCell[][] {
  const rows: HfCell[][] = [];
  for (const { row, column, values } of specRows(spec)) values.forEach((v, j) => put(rows, row, column + j, hfValue(v)));
  return rows;
}

export function specValue(spec: SheetSpec, row: number, column: number): SpecValue | undefined {
  for (const b of spec.blocks) {
    const i = row - b.row;
    const j = column - b.column;
    if (i < 0 || i >= blockHeight(b) || j < 0) continue;
    const values = blockRow(b, i);
    if (j < values.length) return values[j];
  }
  return undefined;
}

/** Finds the first row whose column `column` holds text starting with `start`. */
export function findRow(spec: SheetSpec, start: string, column = 1): number {
  for (const { row, column: left, values } of specRows(spec)) {
    const v = values[column - left];
    if (v && "text" in v && v.text.startsWith(start)) return row;
  }
  return -1;
}

export interface Workbook {
  hf: HyperFormula;
  value(sheet: string, row: number, column: number): unknown;
  set(sheet: string, row: number, column: number, value: Cell): void;
}

/** The results sheet (grid plus marks) and the given specs in one HyperFormula workbook. */
export function evaluate(s: Setup, specs: SheetSpec[]): Workbook {
  const results: HfCell[][] = [];
  const first = s.grid.firstRow ?? 0;
  s.grid.values.forEach((line, i) => line.forEach((v, j) => put(results, first + i, j, v === undefined ? null : (v as HfCell))));
  s.marks.block.values.forEach((line, i) =>
    line.forEach((v, j) => put(results, s.marks.block.row + i, s.marks.block.column + j, hfValue(v))),
  );
  const sheets: Record<string, HfCell[][]> = { [s.grid.sheetName ?? "Лист1"]: results };
  for (const spec of specs) sheets[spec.name] = specCells(spec);
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3" });
  const id = (name: string) => {
    const sheetId = hf.getSheetId(name);
    if (sheetId === undefined) throw new Error(`no sheet ${name}`);
    return sheetId;
  };
  return {
    hf,
    value: (sheet, row, col) => hf.getCellValue({ sheet: id(sheet), row, col }),
    set: (sheet, row, col, value) => hf.setCellContents({ sheet: id(sheet), row, col }, [[value === undefined ? null : value]]),
  };
}

/** Every formula in a spec, with where it is. */
export function formulas(spec: SheetSpec): string[] {
  const out: string[] = [];
  for (const { values } of specRows(spec)) for (const v of values) if (v && "formula" in v) out.push(v.formula);
  return out;
}

export function texts(spec: SheetSpec): string[] {
  const out: string[] = [];
  for (const { values } of specRows(spec)) for (const v of values) if (v && "text" in v) out.push(v.text);
  return out;
}
