/**
 * The joined table officials keep («свод»): a row per school (№, Муниципалитет,
 * Логин, ОО), a merged group per procedure with % «2», % «4» и «5» and the
 * participants, procedures sorted by year, type, subject and grade, and the
 * comparison rows below a gap under a «Строки для сравнения» row. Reading it
 * back with the same engine gives the same schools and results.
 */
import { Cell, MergeArea, SheetGrid } from "./cells";
import { compareProcedures, procedureKey, procedureLabel } from "./procedures";
import { COMPARISON_SECTION } from "./table/headers";
import { ResultsTable, SchoolRecord } from "./table/model";
import { eachResult } from "./table/stored";
import { DIGIT_PX, textWidthPx } from "./render-contract/fit";
import { gridSpec } from "./render-contract/grid";
import { landscapeA4, type SheetSpec } from "./render-contract/spec";
import { DEFAULT_FONT } from "./render-contract/styles";

export const COLLECT_SHEET = "Свод";
export const RECOGNITION_SHEET = "Распознавание";
export const COLLECT_TITLE = "Свод результатов оценочных процедур";
const ID_HEADERS = ["№", "Муниципалитет", "Логин", "ОО"];
const MEASURES = ["% «2»", "% «4» и «5»", "Кол-во участников"];

/**
 * A school's result cells in the procedures' order: three a procedure, null where it has none. Read through
 * eachResult, so a stored school's results are never made into objects (and kept) for it.
 */
function resultCells(school: Pick<SchoolRecord, "results">, placeOf: Map<string, number>, width: number): Cell[] {
  const cells: Cell[] = new Array<Cell>(width).fill(null);
  eachResult(school as SchoolRecord, (r) => {
    const place = placeOf.get(r.key);
    if (place === undefined) return;
    cells[place] = r.failPercent;
    cells[place + 1] = r.highPercent;
    cells[place + 2] = r.participants;
  });
  return cells;
}

/** The joined table as a grid: values, merges and number formats, for any writer (the command's and the add-in's). */
export function collectGrid(table: ResultsTable, title = COLLECT_TITLE): SheetGrid {
  const procedures = [...table.procedures].sort(compareProcedures);
  const values: Cell[][] = [[title], []];
  const merges: MergeArea[] = [];
  const top = values.length;
  values.push([...ID_HEADERS, ...procedures.flatMap((p) => [procedureLabel(p), null, null])]);
  values.push([...ID_HEADERS.map(() => null), ...procedures.flatMap(() => MEASURES)]);
  ID_HEADERS.forEach((_, c) => merges.push({ top, left: c, bottom: top + 1, right: c }));
  procedures.forEach((_, i) => {
    const left = ID_HEADERS.length + MEASURES.length * i;
    merges.push({ top, left, bottom: top, right: left + MEASURES.length - 1 });
  });
  // The table's procedures have one key each: a result's key finds its three columns.
  const placeOf = new Map(procedures.map((p, i) => [procedureKey(p), MEASURES.length * i]));
  const width = MEASURES.length * procedures.length;
  table.schools.forEach((s, i) => values.push([i + 1, s.territory, s.login, s.name, ...resultCells(s, placeOf, width)]));
  const comparisons = (table.comparisons ?? []).filter((c) => c.results.length > 0);
  if (comparisons.length > 0) {
    values.push([]);
    values.push([null, null, null, COMPARISON_SECTION]);
    for (const c of comparisons) {
      const name = c.code ? `${c.name}(${c.code})` : c.name;
      values.push([null, null, null, name, ...resultCells(c, placeOf, width)]);
    }
  }
  return { values, merges, sheetName: COLLECT_SHEET };
}

/** The first row of the schools: below the title, a blank row and the two header rows. */
const BODY_TOP = 4;

/** The narrowest and widest the id columns are made, characters: a longer name is cut by the next column, as a user's sheet cuts it. */
const ID_WIDTHS = { min: [4, 8, 8, 20], max: [8, 30, 14, 60] };

/**
 * The id columns' widths from their content (a .csv or an export gives none):
 * the longest text at the default font, between the bounds above.
 */
function idWidths(grid: SheetGrid): number[] {
  return ID_HEADERS.map((_, c) => {
    let px = 0;
    for (let r = BODY_TOP; r < grid.values.length; r++) {
      const v = grid.values[r]?.[c];
      if (v !== null && v !== undefined && v !== "") px = Math.max(px, textWidthPx(String(v), DEFAULT_FONT.size));
    }
    const chars = Math.ceil((px + 12) / DIGIT_PX);
    return Math.min(ID_WIDTHS.max[c], Math.max(ID_WIDTHS.min[c], chars));
  });
}

/** «Свод» as a sheet: the header rows bold, the four id columns (as wide as their content) and the header frozen. */
export function collectSpec(grid: SheetGrid): SheetSpec {
  const spec = gridSpec(grid, COLLECT_SHEET, "shnor.collect", {
    headerRows: [2, 3],
    columnWidths: idWidths(grid),
    freezeRows: 4,
    freezeColumns: 4,
    lazyFrom: BODY_TOP,
    textColumns: ID_HEADERS.map((_, c) => c),
  });
  // Printed: A4 landscape, the header rows and the id columns on every page the procedures run onto.
  spec.print = landscapeA4({ first: 2, last: 3 }, { repeatColumns: { first: 0, last: ID_HEADERS.length - 1 } });
  return spec;
}

/**
 * The two sheets `shnor collect` writes, as SheetSpecs for the add-in's writer: «Свод»
 * (headers bold, ids frozen as in the command's book) and «Распознавание», one line a row.
 */
export function collectSheetSpecs(table: ResultsTable, recognitionLines: string[]): SheetSpec[] {
  const collect = collectSpec(collectGrid(table));
  const report = gridSpec({ values: recognitionLines.map((line) => [line]) }, RECOGNITION_SHEET, "shnor.collect.recognition", {
    columnWidths: [120],
  });
  return [collect, report];
}
