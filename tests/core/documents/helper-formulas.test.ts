/**
 * «Показатели» counts results with one COUNTIFS/SUMIFS a column and keeps per
 * school only the mean % «2» of each year. These tests hold the sheet to the
 * per-cell ISNUMBER formulas it used to write (rebuilt here from the same
 * pieces), on a table with every kind of result column, and keep the
 * per-school rows small.
 */
import {
  analyzeTable,
  blockRow,
  Cell,
  emptySheet,
  GIA_TYPES,
  leastParticipants,
  formula,
  markSpec,
  num,
  readTable,
  SheetGrid,
  SheetSpec,
  SpecValue,
} from "../../../src/core";
import { buildDocuments, computeIndicator, INDICATORS_KIND, resultCell, ResultsRef, schoolFigures } from "../../../src/core/documents";
import { gridOf } from "../../../bench/generate";
import { wideGrid } from "../../fixtures/layouts";
import { SEED_001 } from "../../fixtures/seeds";
import { evaluate, findRow, formulas, setup, Setup, specValue } from "./harness";

const COL = { numerator: 3, denominator: 4, value: 5 };
const DYNAMICS = "Доля ОО с положительной динамикой";
const LOW = "Доля оценочных процедур с низкими результатами";
const GIA = "Доля обучающихся, не преодолевших минимальный порог ГИА";

/** The formulas of the helper rows before they were shortened, one row a school: the reference. */
function previousHelper(s: Setup): SheetSpec {
  const ref = s.docs.ref as ResultsRef & { columns: NonNullable<ResultsRef["columns"]>; schools: number[] };
  const [before, previous] = s.analysis.years;
  const t = s.analysis.settings.threshold;
  const min = leastParticipants(s.analysis.settings);
  const spec = emptySheet("Прежние", "test");
  const sum = (terms: string[]): SpecValue => (terms.length === 0 ? num(0) : formula(terms.join("+")));
  const rows = ref.schools.map((sheetRow): SpecValue[] => {
    const cells = ref.columns.map((p) => resultCell(ref, p, sheetRow, min));
    const vpr = (year: number | null): SpecValue => {
      const list = cells.filter((x) => x.procedure.type === "ВПР" && x.procedure.year === year);
      if (year === null || list.length === 0) return { text: "" };
      const count = list.map((x) => `${x.has}*1`).join("+");
      const total = list.map((x) => `IF(${x.has},${x.percent},0)`).join("+");
      return formula(`IF(${count}>0,(${total})/(${count}),"")`);
    };
    const last = cells.filter((x) => x.procedure.year === previous);
    const gia = last.filter((x) => GIA_TYPES.has(x.procedure.type) && x.participants !== null);
    return [
      vpr(before),
      vpr(previous),
      sum(last.map((x) => `${x.has}*1`)),
      sum(last.map((x) => `IF(${x.has},IF(${x.percent}>=${t},1,0),0)`)),
      sum(gia.map((x) => `IF(AND(${x.has},ISNUMBER(${x.participants})),${x.participants},0)`)),
      sum(gia.map((x) => `IF(AND(${x.has},ISNUMBER(${x.participants})),${x.failing},0)`)),
    ];
  });
  const n = rows.length;
  const dynamics = rows.map((_, i) => formula(`IF(AND(ISNUMBER(A${i + 1}),ISNUMBER(B${i + 1})),IF(B${i + 1}<A${i + 1},1,0),"")`));
  spec.blocks = [
    { row: 0, column: 0, values: rows.map((r, i) => [...r, dynamics[i]]) },
    { row: n, column: 0, values: [[null, null, ...["C", "D", "E", "F"].map((c) => formula(`SUM(${c}1:${c}${n})`))]] },
    { row: n + 1, column: 0, values: [[formula(`SUM(G1:G${n})`), formula(`COUNT(G1:G${n})`)]] },
  ];
  return spec;
}

const HEADERS = [
  "Наименование ОО",
  "ВПР МА 5 2023 % «2»", // fractions under a % format
  "ВПР МА 5 2023 % выс. рез.",
  "ВПР РУ 5 2023 % «2»",
  "ВПР МА 6 2024 участников",
  "ВПР МА 6 2024 % «2»",
  "ВПР РУ 6 2024 успеваемость, %",
  "ВПР МА 7 2024 % «2»", // fractions
  "ВПР РУ 7 2024 успеваемость, %", // fractions
  "ОГЭ МА 2024 участников",
  "ОГЭ МА 2024 % «2»",
  "ОГЭ РУ 2024 участников",
  "ОГЭ РУ 2024 не преодолели порог, чел.",
  "ЕГЭ РУ 2024 участников",
  "ЕГЭ РУ 2024 % «2»",
  "ЕГЭ РУ 2024 не преодолели порог, чел.",
];
const FRACTIONS = new Set([1, 7, 8]);

const ROWS: Cell[][] = [
  ["МБОУ «СОШ № 1»", 0.35, 0.2, 40, 20, 30, 65, 0.3, 0.75, 20, 10, 10, 4, 12, 25, 3],
  ["МБОУ «СОШ № 2»", 0.1, "-", 10, 20, 29.9, 70, 0.299, 0.7, 20, 35, 10, 1, 12, 25, 3],
  ["Итого по району", 0.5, 0.5, 50, 50, 50, 50, 0.5, 0.5, 50, 50, 50, 50, 50, 50, 50],
  ["МБОУ «СОШ № 3»", "н/д", 0.1, null, 0, 50, 40, null, "-", "-", 40, 0, 0, 8, 50, 4],
  ["МБОУ «СОШ № 4»", 0.2, 0.3, 35, "-", 12, 90, 0.31, 0.95, 15, "н/д", 9, 5, null, null, null],
  ["МБОУ «СОШ № 5»", null, null, null, 25, 8, null, null, null, 0, 60, "-", 3, 10, 30, 3],
  ["МБОУ «СОШ № 6»", 0.4, 0.1, 45, 30, 31, 50, 0.33, 0.6, 18, 33.3, 12, 6, 9, 33.3, 3],
];

function mixedGrid(rows: Cell[][] = ROWS): SheetGrid {
  const values: Cell[][] = [HEADERS, ...rows];
  const numberFormats = values.map((r, i) => r.map((_, j) => (i > 0 && FRACTIONS.has(j) ? "0%" : null)));
  return { values, numberFormats, sheetName: "Итоги" };
}

function compare(s: Setup, edits: (w: ReturnType<typeof evaluate>) => void = () => undefined) {
  const sheet = s.sheet(INDICATORS_KIND);
  const old = previousHelper(s);
  const wb = evaluate(s, [sheet, old]);
  edits(wb);
  const n = s.analysis.verdicts.length;
  const at = (name: string, row: number, column: number) => wb.value(name, row, column);
  const ind = (wording: string) => [COL.numerator, COL.denominator].map((c) => at(sheet.name, findRow(sheet, wording), c));
  return { sheet, wb, n, at, ind, old: (row: number, column: number) => at(old.name, row, column) };
}

describe("the counts on a table with every kind of result column", () => {
  const s = setup(mixedGrid(), { indicators: "all" });

  it("reads the table as meant: fractions, успеваемость, participants, counts only, a total row that is not a school", () => {
    expect(s.analysis.years).toEqual([2023, 2024]);
    expect(s.analysis.verdicts.map((v) => v.school.name)).not.toContain("Итого по району");
    const columns = s.docs.ref.columns ?? [];
    expect(columns.filter((p) => p.percent?.fraction).length).toBe(3);
    expect(columns.filter((p) => p.percent?.pass).length).toBe(2);
    expect(columns.filter((p) => p.percent === null).length).toBe(1);
  });

  it("gives the numerators and denominators of the per-cell formulas, and the engine's", () => {
    const c = compare(s);
    const n = c.n;
    expect(c.ind(LOW)).toEqual([c.old(n, 3), c.old(n, 2)]);
    expect(c.ind(GIA)).toEqual([Math.round(c.old(n, 5) as number), c.old(n, 4)]);
    expect(c.ind(DYNAMICS)).toEqual([c.old(n + 1, 0), c.old(n + 1, 1)]);
    for (const [wording, key] of [
      [LOW, "shareLowProcedures"],
      [GIA, "shareGiaFail"],
      [DYNAMICS, "sharePositiveDynamicsVpr"],
    ] as const) {
      const engine = computeIndicator(key, s.analysis);
      expect(c.ind(wording)).toEqual([engine.numerator, engine.denominator]);
    }
  });

  it("gives each school the mean % «2» of the per-cell formulas", () => {
    const c = compare(s);
    const first = findRow(c.sheet, "МБОУ «СОШ № 1»");
    s.analysis.verdicts.forEach((v, i) => {
      const f = schoolFigures(v, s.analysis);
      for (const [column, old, engine] of [
        [2, 0, f.vprBefore],
        [3, 1, f.vprPrevious],
      ] as const) {
        const value = c.at(c.sheet.name, first + i, column);
        if (engine === null) expect([value, c.old(i, old)]).toEqual(["", ""]);
        else {
          expect(value).toBeCloseTo(c.old(i, old) as number, 9);
          expect(value).toBeCloseTo(engine, 9);
        }
      }
      expect(c.at(c.sheet.name, first + i, 4)).toBe(c.old(i, 6) === "" ? "" : c.old(i, 6));
    });
  });

  it("follows edits to the results as the per-cell formulas do", () => {
    const row = (name: string) => s.analysis.verdicts.find((v) => v.school.name === name)!.school.row;
    const c = compare(s, (w) => {
      w.set("Итоги", row("МБОУ «СОШ № 1»"), 5, "н/д"); // ВПР МА 6 2024
      w.set("Итоги", row("МБОУ «СОШ № 2»"), 4, 0); // too few participants
      w.set("Итоги", row("МБОУ «СОШ № 4»"), 7, 0.45); // a low fraction
      w.set("Итоги", row("МБОУ «СОШ № 5»"), 11, 30); // ОГЭ РУ participants appear
      w.set("Итоги", row("МБОУ «СОШ № 6»"), 13, null);
      w.set("Итоги", 3, 10, 90); // the total row changes nothing
    });
    const n = c.n;
    expect(c.ind(LOW)).toEqual([c.old(n, 3), c.old(n, 2)]);
    expect(c.ind(GIA)).toEqual([Math.round(c.old(n, 5) as number), c.old(n, 4)]);
    expect(c.ind(DYNAMICS)).toEqual([c.old(n + 1, 0), c.old(n + 1, 1)]);
  });

  it("compares fractions with 0.3 and успеваемость with 70, counting only the rows with a status", () => {
    const f = formulas(s.sheet(INDICATORS_KIND));
    const low = f.find((x) => x.startsWith("COUNTIFS") && x.includes(">="))!;
    expect(low).toContain('">="&0.3');
    expect(low).toContain('">=30"');
    expect(low).toContain('"<=70"');
    expect(low).toContain('"<="&0.7');
    expect(low).toContain(`'Итоги'!$Q$2:$Q$8,"<>"`);
  });

  it("keeps per school only what a column count cannot give", () => {
    const sheet = s.sheet(INDICATORS_KIND);
    const header = findRow(sheet, "ОО");
    expect(header).toBeGreaterThan(0);
    const titles = [2, 3, 4, 5, 6, 7].map((c) => specValue(sheet, header, c) ?? null);
    expect(titles.map((t) => (t && "text" in t ? t.text : null))).toEqual([
      "ВПР: средний % «2», 2023",
      "ВПР: средний % «2», 2024",
      "Снижение доли «2» (1 — да)",
      "Низких в 2024 (по числу «2» и участников)",
      "ГИА 2024: ниже порога",
      null,
    ]);
  });
});

describe("a threshold with decimals", () => {
  const s = setup(mixedGrid(), { indicators: ["dolya-procedur-nizkie"] }, { threshold: 33.3 });

  it("joins the decimal to the criterion as a number and still counts as the per-cell formulas", () => {
    const f = formulas(s.sheet(INDICATORS_KIND)).join(" ");
    expect(f).toContain('">="&33.3');
    expect(f).toContain('">="&0.333');
    expect(f).toContain('"<="&66.7');
    const c = compare(s);
    expect(c.ind(LOW)).toEqual([c.old(c.n, 3), c.old(c.n, 2)]);
    const engine = computeIndicator("shareLowProcedures", s.analysis);
    expect(c.ind(LOW)).toEqual([engine.numerator, engine.denominator]);
  });
});

describe("results with a percent column for every procedure (the seeds)", () => {
  it("need no per-school rows for the low-procedure and ГИА shares", () => {
    const plain = setup(wideGrid(SEED_001), { indicators: ["dolya-procedur-nizkie", "dolya-ne-preodolevshih-porog-gia"] });
    const sheet = plain.sheet(INDICATORS_KIND);
    expect(findRow(sheet, "Расчёт по школам", 0)).toBe(-1);
    const engine = computeIndicator("shareLowProcedures", plain.analysis);
    const row = findRow(sheet, LOW);
    const wb = evaluate(plain, [sheet]);
    expect([wb.value(sheet.name, row, COL.numerator), wb.value(sheet.name, row, COL.denominator)]).toEqual([
      engine.numerator,
      engine.denominator,
    ]);
  });
});

describe("a value Excel shows as an error", () => {
  const s = setup(mixedGrid(), { indicators: "all" });

  it("is skipped by the column counts; the school's mean of that year is left empty (AVERAGE stops at an error)", () => {
    const row = s.analysis.verdicts[0].school.row;
    const c = compare(s, (w) => {
      w.set("Итоги", row, 6, "=1/0"); // ВПР РУ 6 2024, успеваемость
      w.set("Итоги", row, 2, "=NA()"); // % выс. рез., not counted
    });
    expect(c.ind(LOW)).toEqual([c.old(c.n, 3), c.old(c.n, 2)]);
    const first = findRow(c.sheet, "МБОУ «СОШ № 1»");
    expect(c.at(c.sheet.name, first, 2)).toBeCloseTo(c.old(0, 0) as number, 9);
    expect(c.at(c.sheet.name, first, 3)).toBe("");
    expect(typeof c.old(0, 1)).toBe("number");
  });
});

describe("size", () => {
  const schools = 1_000;
  const table = readTable({ values: gridOf(schools), sheetName: "Результаты" });
  const analysis = analyzeTable(table);
  const marks = markSpec(table, analysis);

  it.each(["typical", "all"] as const)("stays under 1 KB a school on the bench's 48-procedure table (%s indicators)", (indicators) => {
    const docs = buildDocuments({
      table,
      analysis,
      settings: { indicators },
      results: { sheetName: "Результаты", marks },
      existingSheetNames: ["Результаты"],
    });
    const sheet = docs.sheets.find((x) => x.kind === INDICATORS_KIND)!;
    const first = sheet.blocks.findIndex((b) => blockRow(b, 0).some((v) => v && "text" in v && v.text === "МБОУ «СОШ № 1»"));
    expect(first).toBeGreaterThan(0);
    const perSchool = Buffer.byteLength(JSON.stringify(sheet.blocks.slice(first))) / schools;
    expect(perSchool).toBeLessThanOrEqual(1024);
    // The per-cell formulas took 5.5 KB a school here; the indicator rows above add a few dozen KB in all.
    expect(Buffer.byteLength(JSON.stringify(sheet.blocks.slice(0, first)))).toBeLessThan(64 * 1024);
  });
});
