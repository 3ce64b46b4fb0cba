import { a1, SheetGrid, specRows } from "../../../src/core";
import {
  computeIndicator,
  INDICATOR_STATUS,
  INDICATORS,
  INDICATORS_KIND,
  schoolFigures,
  selectedIndicators,
  resolveDocumentSettings,
} from "../../../src/core/documents";
import { longGrid, wideGrid } from "../../fixtures/layouts";
import { SEED_001, SEED_003 } from "../../fixtures/seeds";
import { evaluate, findRow, formulas, setup, specValue } from "./harness";

const COL = { numerator: 3, denominator: 4, value: 5, baseline: 6, target: 7 };
const STATUS = 10; // three target years
const WORDING = "Доля ОО с низкими образовательными результатами (ШНОР)";

describe("«Показатели» on seed 003: both schools of the table are ШНОР", () => {
  const s = setup(wideGrid(SEED_003));
  const sheet = s.sheet(INDICATORS_KIND);
  const wb = evaluate(s, [sheet]);
  const row = findRow(sheet, WORDING);

  it("has the issue's columns, with a target column per school year from 2019/2020", () => {
    const headers = [0, 1, 2, 3, 4, 5, 6, 7, 10, 11].map((c) => specValue(sheet, 3, c));
    expect(headers.map((h) => (h && "text" in h ? h.text : null))).toEqual([
      "№",
      "Показатель",
      "Ед. изм.",
      "Числитель",
      "Знаменатель",
      "Значение",
      "Базовое значение (2018/2019 уч. г.)",
      "Целевые значения (по годам)",
      "Статус",
      "Источник данных",
    ]);
    expect([7, 8, 9].map((c) => specValue(sheet, 4, c))).toEqual([{ text: "2019/2020" }, { text: "2020/2021" }, { text: "2021/2022" }]);
    expect(sheet.merges).toContainEqual({ row: 3, column: 7, rows: 1, columns: 3 });
  });

  it("counts ШНОР with COUNTIF over the status column of the results sheet", () => {
    const status = `'Приложение 1'!${a1(s.table.headerBottom + 1, s.marks.columns[0], true)}:${a1(s.marks.lastRow, s.marks.columns[0], true)}`;
    expect(specValue(sheet, row, COL.numerator)).toEqual({ formula: `COUNTIF(${status},"ШНОР")` });
    expect(specValue(sheet, row, COL.denominator)).toEqual({ formula: `COUNTA(${status})` });
  });

  it("shows доля ШНОР = 100 % and «без изменений» against the baseline it was written with", () => {
    expect(wb.value(sheet.name, row, COL.numerator)).toBe(2);
    expect(wb.value(sheet.name, row, COL.denominator)).toBe(2);
    expect(wb.value(sheet.name, row, COL.value)).toBe(100);
    expect(specValue(sheet, row, COL.baseline)).toEqual({ number: 100 });
    expect(wb.value(sheet.name, row, STATUS)).toBe(INDICATOR_STATUS.same);
  });

  it("follows the status column: a school marked «нет» halves the share", () => {
    const w = evaluate(s, [sheet]);
    w.set("Приложение 1", s.analysis.verdicts[0].school.row, s.marks.columns[0], "нет");
    expect(w.value(sheet.name, row, COL.value)).toBe(50);
    expect(w.value(sheet.name, row, STATUS)).toBe(INDICATOR_STATUS.better);
    w.set(sheet.name, row, COL.target, 0);
    expect(w.value(sheet.name, row, STATUS)).toBe(INDICATOR_STATUS.notAchieved);
    w.set(sheet.name, row, COL.target, 50);
    expect(w.value(sheet.name, row, STATUS)).toBe(INDICATOR_STATUS.achieved);
  });

  it("leaves no formula error anywhere on the sheet", () => {
    for (const { row, column, values } of specRows(sheet))
      values.forEach((v, j) => {
        if (!v || !("formula" in v)) return;
        const value = wb.value(sheet.name, row, column + j);
        expect(typeof value === "object" && value !== null ? `error at ${a1(row, column + j)}` : "ok").toBe("ok");
      });
  });
});

describe("«Показатели» on seed 001: 3 ШНОР of 7", () => {
  const s = setup(wideGrid(SEED_001), { indicators: "all" });
  const sheet = s.sheet(INDICATORS_KIND);
  const wb = evaluate(s, [sheet]);
  const valueOf = (wording: string) => wb.value(sheet.name, findRow(sheet, wording), COL.value) as number;

  it("gives доля ШНОР 42,9 % and число ШНОР 3", () => {
    expect(valueOf(WORDING)).toBeCloseTo(300 / 7, 6);
    expect(valueOf("Число ОО с низкими образовательными результатами")).toBe(3);
    expect(valueOf("Доля ОО в зоне риска")).toBeCloseTo(400 / 7, 6);
  });

  it("computes the dynamics and low-procedure shares in the sheet exactly as the engine does", () => {
    for (const [wording, key] of [
      ["Доля ОО с положительной динамикой", "sharePositiveDynamicsVpr"],
      ["Доля оценочных процедур с низкими результатами", "shareLowProcedures"],
    ] as const) {
      const row = findRow(sheet, wording);
      const engine = computeIndicator(key, s.analysis);
      expect([wb.value(sheet.name, row, COL.numerator), wb.value(sheet.name, row, COL.denominator)]).toEqual([
        engine.numerator,
        engine.denominator,
      ]);
      expect(valueOf(wording)).toBeCloseTo(engine.value as number, 6);
    }
    expect(computeIndicator("shareLowProcedures", s.analysis)).toMatchObject({ numerator: 6 });
  });

  it("fills the per-school helper rows with the engine's figures", () => {
    const first = findRow(sheet, "МБОУ «Краснинская СОШ»");
    expect(first).toBeGreaterThan(0);
    s.analysis.verdicts.forEach((v, i) => {
      const f = schoolFigures(v, s.analysis);
      const at = (c: number) => wb.value(sheet.name, first + i, c);
      expect(at(2)).toBeCloseTo(f.vprBefore as number, 6);
      expect(at(3)).toBeCloseTo(f.vprPrevious as number, 6);
      expect(at(4)).toBe(f.dynamics);
    });
    // Results and low results are counted a column at a time in the indicator rows, not per school.
    expect(specValue(sheet, first, 5)).toBeUndefined();
  });

  it("follows the results: a low result added to Краснинская raises the low-procedure share", () => {
    const w = evaluate(s, [sheet]);
    const row = findRow(sheet, "Доля оценочных процедур с низкими результатами");
    const before = w.value(sheet.name, row, COL.numerator) as number;
    const vpr = s.table.columns.find(
      (c) => c.header.includes("ВПР МА 7 2021") && c.role.kind === "measure" && c.role.measure === "failPercent",
    );
    w.set("Приложение 1", s.analysis.verdicts[0].school.row, vpr!.column, 45);
    expect(w.value(sheet.name, row, COL.numerator)).toBe(before + 1);
  });

  it("turns ГИА fails into input cells when the table has no numbers of participants", () => {
    const row = findRow(sheet, "Доля обучающихся, не преодолевших минимальный порог ГИА");
    expect(specValue(sheet, row, COL.numerator)).toBeNull();
    expect(sheet.styles).toContainEqual(expect.objectContaining({ row, column: COL.numerator, style: "input" }));
    const source = specValue(sheet, row, 11);
    expect(source && "text" in source && source.text).toContain("нет числа участников ГИА");
    expect(wb.value(sheet.name, row, STATUS)).toBe(INDICATOR_STATUS.noData);
  });
});

describe("input indicators", () => {
  const s = setup(wideGrid(SEED_003), { indicators: ["dolya-pedagogov-kpk", "nalichie-celevoy-modeli"] });
  const sheet = s.sheet(INDICATORS_KIND);
  const kpk = findRow(sheet, "Доля педагогов ШНОР, прошедших повышение квалификации");
  const model = findRow(sheet, "Наличие целевой модели");

  it("are yellow input cells validated as whole numbers ≥ 0, the numerator no larger than the denominator", () => {
    expect(sheet.styles).toContainEqual(expect.objectContaining({ row: kpk, column: COL.numerator, columns: 2, style: "input" }));
    const numerator = sheet.validations.find((v) => v.row === kpk && v.column === COL.numerator);
    expect(numerator?.rule).toEqual({ kind: "wholeNumber", min: 0, maxFormula: `IF(ISNUMBER(${a1(kpk, 4)}),${a1(kpk, 4)},1E+15)` });
    expect(numerator?.errorMessage).toMatch(/не больше знаменателя/);
    expect(sheet.validations.find((v) => v.row === kpk && v.column === COL.denominator)?.rule).toEqual({ kind: "wholeNumber", min: 0 });
    expect(sheet.validations.find((v) => v.row === kpk && v.column === COL.baseline)?.rule).toEqual({ kind: "decimal", min: 0, max: 100 });
    expect(sheet.validations.find((v) => v.row === model && v.column === COL.numerator)?.rule).toEqual({ kind: "wholeNumber", min: 0 });
  });

  it("show «нет данных» and an empty value while empty, never #DIV/0!", () => {
    const wb = evaluate(s, [sheet]);
    expect(wb.value(sheet.name, kpk, COL.value)).toBe("");
    expect(wb.value(sheet.name, kpk, STATUS)).toBe(INDICATOR_STATUS.noData);
    wb.set(sheet.name, kpk, COL.numerator, 5);
    expect(wb.value(sheet.name, kpk, STATUS)).toBe(INDICATOR_STATUS.noData);
    wb.set(sheet.name, kpk, COL.denominator, 0);
    expect(wb.value(sheet.name, kpk, COL.value)).toBe("");
  });

  it("compute the share, flag a numerator above the denominator, and compare with the year's target", () => {
    const wb = evaluate(s, [sheet]);
    wb.set(sheet.name, kpk, COL.numerator, 3);
    wb.set(sheet.name, kpk, COL.denominator, 4);
    expect(wb.value(sheet.name, kpk, COL.value)).toBe(75);
    expect(wb.value(sheet.name, kpk, STATUS)).toBe(INDICATOR_STATUS.noTarget);
    wb.set(sheet.name, kpk, COL.baseline, 60);
    expect(wb.value(sheet.name, kpk, STATUS)).toBe(INDICATOR_STATUS.better);
    wb.set(sheet.name, kpk, COL.target, 80);
    expect(wb.value(sheet.name, kpk, STATUS)).toBe(INDICATOR_STATUS.notAchieved);
    wb.set(sheet.name, kpk, COL.target, 75);
    expect(wb.value(sheet.name, kpk, STATUS)).toBe(INDICATOR_STATUS.achieved);
    wb.set(sheet.name, kpk, COL.numerator, 5);
    expect(wb.value(sheet.name, kpk, STATUS)).toBe(INDICATOR_STATUS.check);
  });

  it("keep a count indicator's value as its numerator", () => {
    const wb = evaluate(s, [sheet]);
    wb.set(sheet.name, model, COL.numerator, 1);
    expect(wb.value(sheet.name, model, COL.value)).toBe(1);
  });

  it("keep what users typed across regeneration: numerators, denominators, baseline and targets, keyed by the wording", () => {
    expect(sheet.keptInputs).toEqual({ keyColumn: 1, columns: [3, 4, 6, 7, 8, 9], firstRow: 5 });
  });
});

describe("choosing indicators", () => {
  const analysis = setup(wideGrid(SEED_003)).analysis;

  it("«typical» takes the catalogue's typical set, a list keeps its order", () => {
    expect(selectedIndicators(resolveDocumentSettings(analysis, {})).map((i) => i.id)).toEqual(
      INDICATORS.filter((i) => i.typical).map((i) => i.id),
    );
    expect(selectedIndicators(resolveDocumentSettings(analysis, { indicators: ["chislo-shnor", "dolya-shnor"] })).map((i) => i.id)).toEqual(
      ["chislo-shnor", "dolya-shnor"],
    );
  });

  it("refuses an unknown id in Russian", () => {
    expect(() => resolveDocumentSettings(analysis, { indicators: ["no-such"] })).toThrow(/Неизвестные показатели: no-such/);
  });

  it("writes targets given in the settings", () => {
    const s = setup(wideGrid(SEED_003), { indicators: ["dolya-shnor"], targets: { "dolya-shnor": [16, 8, 0] } });
    const sheet = s.sheet(INDICATORS_KIND);
    expect([7, 8, 9].map((c) => specValue(sheet, 5, c))).toEqual([{ number: 16 }, { number: 8 }, { number: 0 }]);
  });
});

describe("ГИА with numbers of participants", () => {
  const grid: SheetGrid = {
    sheetName: "ГИА",
    values: [
      ["Название ОО", "ОГЭ МА 2021 участников", "ОГЭ МА 2021 не преодолели порог, чел.", "ОГЭ РУ 2021 участников", "ОГЭ РУ 2021 % 2"],
      ["МБОУ «СОШ № 1»", 20, 5, 10, 30],
      ["МБОУ «СОШ № 2»", 10, 1, "-", "-"],
    ],
  };
  const s = setup(grid, { indicators: ["dolya-ne-preodolevshih-porog-gia"] });
  const sheet = s.sheet(INDICATORS_KIND);

  it("sums participants and fails per school in the sheet: 9 of 40", () => {
    const wb = evaluate(s, [sheet]);
    expect(computeIndicator("shareGiaFail", s.analysis)).toEqual({ numerator: 9, denominator: 40, value: 22.5 });
    expect([wb.value(sheet.name, 5, COL.numerator), wb.value(sheet.name, 5, COL.denominator), wb.value(sheet.name, 5, COL.value)]).toEqual([
      9, 40, 22.5,
    ]);
  });
});

describe("results that are not one row a school", () => {
  const s = setup(longGrid(SEED_003), { indicators: ["dolya-shnor", "dolya-oo-dinamika-vpr"] });
  const sheet = s.sheet(INDICATORS_KIND);

  it("still count ШНОР through the status column", () => {
    expect(evaluate(s, [sheet]).value(sheet.name, 5, COL.value)).toBe(100);
  });

  it("get the engine's numbers for the dynamics, with a note to regenerate", () => {
    const engine = computeIndicator("sharePositiveDynamicsVpr", s.analysis);
    expect(specValue(sheet, 6, COL.numerator)).toEqual({ number: engine.numerator });
    const note = specValue(sheet, 6, 11);
    expect(note && "text" in note && note.text).toMatch(/при создании листа/);
    expect(formulas(sheet).some((f) => f.includes("AVERAGE"))).toBe(false);
  });
});
