/**
 * The functions evaluated as worksheet formulas in HyperFormula, over sheets
 * built from the seeds' appendix tables: =SHNOR.STATUS(row; headers) beside
 * every school must say what `shnor analyze` says for the same table.
 */
import "./stub";
import { DetailedCellError, HyperFormula } from "hyperformula";
import { analyzeTable, Cell, columnLetter, readTable, reasonText, STATUS_TEXT } from "../../src/core";
import { wideGrid, WideOptions } from "../fixtures/layouts";
import { SEED_001, SEED_003, SeedTable } from "../fixtures/seeds";
import { CONFIG, engineWithFunctions } from "./hyperformula";

let HF: typeof HyperFormula;

beforeAll(async () => {
  HF = (await engineWithFunctions()).hf;
}, 30000);

type Value = ReturnType<HyperFormula["getCellValue"]>;

function errorOf(value: Value): { type: string; message: string } {
  if (!(value instanceof DetailedCellError)) throw new Error(`expected an error, got ${String(value)}`);
  return { type: value.type, message: value.message };
}

/** The seed's sheet with status, reason and count formulas right of each school's row. */
function sheetWithFormulas(seed: SeedTable, options: WideOptions) {
  const grid = wideGrid(seed, options);
  const table = readTable(grid);
  const analysis = analyzeTable(table);
  const first = seed.idHeaders.length;
  const width = Math.max(...grid.values.map((r) => r.length));
  const last = width - 1;
  const headers = `${columnLetter(first)}$${table.headerTop + 1}:${columnLetter(last)}$${table.headerBottom + 1}`;
  const values: (Cell | string)[][] = grid.values.map((row) => Array.from({ length: width + 3 }, (_, c) => row[c] ?? null));
  for (const v of analysis.verdicts) {
    const r = v.school.row;
    const results = `${columnLetter(first)}${r + 1}:${columnLetter(last)}${r + 1}`;
    values[r][width] = `=SHNOR.STATUS(${results};${headers})`;
    values[r][width + 1] = `=SHNOR.REASON(${results};${headers})`;
    values[r][width + 2] = `=SHNOR.COUNTLOW(${results};${headers})`;
  }
  const hf = HF.buildFromArray(values as (string | number | boolean | null)[][], CONFIG);
  return { hf, analysis, width };
}

describe("=SHNOR.STATUS(row; headers) beside every school equals `shnor analyze`", () => {
  const layouts: WideOptions[] = [{ headerRows: 2 }, { headerRows: 1 }, { headerRows: 3 }];
  for (const seed of [SEED_001, SEED_003]) {
    it.each(layouts)(`seed ${seed.source}, %o`, (options) => {
      const { hf, analysis, width } = sheetWithFormulas(seed, options);
      expect(analysis.verdicts).toHaveLength(seed.rows.length);
      for (const v of analysis.verdicts) {
        const at = (col: number) => hf.getCellValue({ sheet: 0, row: v.school.row, col });
        expect([v.school.name, at(width)]).toEqual([v.school.name, STATUS_TEXT[v.status]]);
        expect(at(width + 1)).toBe(reasonText(v));
        expect(at(width + 2)).toBe(v.low.length);
      }
      hf.destroy();
    });
  }

  it("seed 001 names three ШНОР, the answer the seed test works out by hand", () => {
    const { hf, analysis, width } = sheetWithFormulas(SEED_001, { headerRows: 2 });
    const statuses = analysis.verdicts.map((v) => hf.getCellValue({ sheet: 0, row: v.school.row, col: width }));
    expect(statuses.filter((s) => s === "ШНОР")).toHaveLength(3);
    hf.destroy();
  });
});

describe("the INDICATOR functions over an indicator table", () => {
  // A municipal programme's indicators: name, before, after, target, part, whole.
  const sheet = [
    ["Показатель", "Было", "Стало", "Цель", "Часть", "Целое"],
    ["Доля ШНОР", 7, 3, 5, 3, 18],
    ["Доля «2» ВПР МА 5, %", 31.5, 31.5, 25, 12, 12],
    ["Охват олимпиадами, %", 40, 55, 50, 0, 0],
    ["Доля с высокими результатами", 10, null, 15, 7, 6],
    ["Участники", "-", 12, "много", -1, 10],
  ];
  const formulas: [string, string, unknown][] = [
    ["share of ШНОР schools", "=INDICATOR.DOLYA(E2;F2)", 16.7],
    ["share, two decimals", "=INDICATOR.DOLYA(E2;F2;2)", 16.67],
    ["share over ranges", "=INDICATOR.DOLYA(E2:E3;F2:F3)", 50],
    ["part equal to whole", "=INDICATOR.DOLYA(E3;F3)", 100],
    ["a fall of the share of ШНОР", "=INDICATOR.DINAMIKA(B2;C2)", "положительная"],
    ["no change", "=INDICATOR.DINAMIKA(B3;C3)", "без изменений"],
    ["a rise where higher is better", "=INDICATOR.DINAMIKA(B4;C4;FALSE())", "положительная"],
    ["a rise where lower is better", "=INDICATOR.DINAMIKA(B4;C4)", "отрицательная"],
    ["a rise within tolerance", "=INDICATOR.DINAMIKA(B4;C4;FALSE();20)", "без изменений"],
    ["target met, lower is better", "=INDICATOR.STATUS(C2;D2;TRUE())", "достигнут"],
    ["target missed", "=INDICATOR.STATUS(C3;D3;TRUE())", "не достигнут"],
    ["target met, higher is better", "=INDICATOR.STATUS(C4;D4)", "достигнут"],
    ["no actual value", "=INDICATOR.STATUS(C5;D5)", "нет данных"],
    ["COUNTIF-style share of text (3 of 5)", '=INDICATOR.DOLYAIF(A2:A6;"Доля*")', 60],
    ["COUNTIF-style share of numbers («-» counts as filled: 2 of 5)", '=INDICATOR.DOLYAIF(B2:B6;">=31,5")', 40],
    ["a low percent", "=SHNOR.LOW(C3)", true],
    ["not a low percent", "=SHNOR.LOW(C3;40)", false],
  ];
  const errors: [string, string, string, RegExp | null][] = [
    ["zero whole", "=INDICATOR.DOLYA(E4;F4)", "DIV_BY_ZERO", null],
    ["part larger than whole", "=INDICATOR.DOLYA(E5;F5)", "VALUE", /Часть \(7\) больше целого \(6\)/],
    ["negative count", "=INDICATOR.DOLYA(E6;F6)", "VALUE", /отрицательное/],
    ["missing value for dynamics", "=INDICATOR.DINAMIKA(B5;C5)", "NA", /стало/],
    ["no data mark for dynamics", "=INDICATOR.DINAMIKA(B6;C6)", "NA", /было/],
    ["text target", "=INDICATOR.STATUS(C6;D6)", "VALUE", /«много» — не число/],
    ["empty range", '=INDICATOR.DOLYAIF(G2:G6;"ШНОР")', "DIV_BY_ZERO", null],
    ["percent over 100", "=SHNOR.LOW(150)", "VALUE", /не число от 0 до 100/],
    ["headers without procedures", "=SHNOR.STATUS(B2:F2;B1:F1)", "NA", /не найдены процедуры/],
  ];

  let hf: HyperFormula;
  beforeAll(() => {
    const rows = [...sheet.map((r) => [...r, null, null]), ...formulas.map(([, f]) => [f]), ...errors.map(([, f]) => [f])];
    hf = HF.buildFromArray(rows as (string | number | null)[][], CONFIG);
  });
  afterAll(() => hf.destroy());

  it.each(formulas.map((f, i) => [...f, i] as const))("%s: %s", (_name, _formula, expected, i) => {
    expect(hf.getCellValue({ sheet: 0, row: sheet.length + i, col: 0 })).toEqual(expected);
  });

  it.each(errors.map((e, i) => [...e, i] as const))("%s: %s is an error", (_name, _formula, type, message, i) => {
    const e = errorOf(hf.getCellValue({ sheet: 0, row: sheet.length + formulas.length + i, col: 0 }));
    expect(e.type).toBe(type);
    if (message) expect(e.message).toMatch(message);
  });

  it("a share of statuses computed by SHNOR.STATUS in the same workbook", () => {
    const { hf: book, analysis, width } = sheetWithFormulas(SEED_001, { headerRows: 2 });
    const rows = analysis.verdicts.map((v) => v.school.row + 1);
    const range = `${columnLetter(width)}${Math.min(...rows)}:${columnLetter(width)}${Math.max(...rows)}`;
    book.setCellContents({ sheet: 0, row: 0, col: width + 5 }, [[`=INDICATOR.DOLYAIF(${range};"ШНОР")`]]);
    expect(book.getCellValue({ sheet: 0, row: 0, col: width + 5 })).toBe(42.9);
    book.destroy();
  });
});
