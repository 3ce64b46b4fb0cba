import { DetailedCellError } from "hyperformula";
import { buildDocuments, computeIndicator, DYNAMICS_KIND, dynamicsSheet, INDICATORS_KIND, NOTE_KIND } from "../../../src/core/documents";
import { SEED_001 } from "../../fixtures/seeds";
import { blockHeight, DYNAMICS_TEXT, STATUS_TEXT } from "../../../src/core";
import { wideGrid } from "../../fixtures/layouts";
import { evaluate, findRow, setup, specCells, specValue, texts } from "../documents/harness";
import { municipality, SchoolPlan } from "./municipality";
import { THREE_YEARS } from "./three-years";

const s = setup(wideGrid(THREE_YEARS));
const sheet = s.sheet(DYNAMICS_KIND);

describe("«Динамика и объективность»", () => {
  it("lists the series that fit a sheet, says how many it left out, and keeps the sections below inside the sheet", () => {
    const { analysis, docs } = s;
    const all = docs.dynamics.series.length;
    expect(all).toBeGreaterThan(3);
    const full = dynamicsSheet(analysis, docs.dynamics);
    const lastRow = (spec: typeof full) => Math.max(...spec.blocks.map((b) => b.row + blockHeight(b) - 1));
    // A sheet two rows too short for every series.
    const maxRows = lastRow(full) + 1 - 2;
    const notes: string[] = [];
    const cut = dynamicsSheet(analysis, docs.dynamics, "Д", notes, maxRows);
    const first = findRow(cut, "Было: год", 2) + 1;
    const isSeriesRow = (r: number) => {
      const v = specValue(cut, r, 3);
      return v !== null && v !== undefined && "number" in v;
    };
    let shown = 0;
    while (isSeriesRow(first + shown)) shown++;
    expect(shown).toBeLessThan(all);
    expect(lastRow(cut)).toBeLessThan(maxRows);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`${shown} из ${all} рядов`);
    expect(texts(cut)).toContain(notes[0]);
    // The sections after the series are still there.
    expect(texts(cut).some((t) => t.startsWith("4. Признаки необъективности"))).toBe(true);
    // With room for all, nothing is cut and nothing is said.
    const roomy: string[] = [];
    dynamicsSheet(analysis, docs.dynamics, "Д", roomy, lastRow(full) + 200);
    expect(roomy).toEqual([]);
  });

  it("is generated after the analytical note", () => {
    const names = s.docs.sheets.map((x) => x.name);
    expect(names.slice(-2)).toEqual(["Аналитическая справка", "Динамика и объективность"]);
  });

  it("counts the list by year with formulas, as worked out by hand", () => {
    const wb = evaluate(s, [sheet]);
    const at = (label: string) => {
      const r = findRow(sheet, label, 0);
      return [1, 2, 3, 4, 5, 6, 7].map((c) => wb.value(sheet.name, r, c));
    };
    expect(at("2023")).toEqual([5, 2, 1, 40, "—", "—", "—"]);
    expect(at("2024")).toEqual([5, 2, 1, 40, 1, 1, 1]);
  });

  it("recounts when a status is corrected, and names the change", () => {
    const wb = evaluate(s, [sheet]);
    const rowB = findRow(sheet, "МБОУ «СОШ № 2» (B)", 1);
    const rowA = findRow(sheet, "МБОУ «СОШ № 1» (A)", 1);
    expect(wb.value(sheet.name, rowB, 4)).toBe("вошла");
    expect(wb.value(sheet.name, rowA, 4)).toBe("вышла");
    expect(wb.value(sheet.name, findRow(sheet, "МБОУ «СОШ № 3» (C)", 1), 4)).toBe("осталась");
    wb.set(sheet.name, rowB, 3, STATUS_TEXT.ok);
    const r = findRow(sheet, "2024", 0);
    expect([2, 5, 6].map((c) => wb.value(sheet.name, r, c))).toEqual([1, 0, 1]);
    expect(wb.value(sheet.name, rowB, 4)).toBe("");
  });

  it("the % «2» dynamics follow the margin cell", () => {
    const wb = evaluate(s, [sheet]);
    const first = findRow(sheet, "Было: год", 2) + 1;
    const series = s.docs.dynamics.series.toArray();
    const verdicts = () => series.map((_, i) => wb.value(sheet.name, first + i, 7));
    expect(verdicts()).toEqual(series.map((c) => DYNAMICS_TEXT[c.verdict]));
    expect(series.map((c, i) => wb.value(sheet.name, first + i, 6))).toEqual(series.map((c) => c.change));
    const marginRow = findRow(sheet, "Порог, п. п.", 0);
    wb.set(sheet.name, marginRow, 1, 5);
    // B 2022 → 2023: +7 p.p. is negative with a margin of 5.
    expect(verdicts().filter((v) => v === DYNAMICS_TEXT.negative)).toHaveLength(2);
  });

  it("has no error cells", () => {
    const wb = evaluate(s, [sheet]);
    const cells = specCells(sheet);
    cells.forEach((line, r) => line.forEach((_, c) => expect(wb.value(sheet.name, r, c)).not.toBeInstanceOf(DetailedCellError)));
  });

  it("without pupil-level data says so; with it lists the signs with their numbers", () => {
    expect(texts(sheet).join("\n")).toMatch(/не загружены: признаки необъективности не рассчитаны/);
    const plans: SchoolPlan[] = [
      ...Array.from({ length: 10 }, (_, i) => ({ name: `ОО ${i + 1}`, id: String(200000 + i), size: 3, plant: null })),
      { name: "МБОУ «СОШ № 3» (C)", id: "300000", size: 3, plant: "inflated-mean" },
    ];
    const withPupils = setup(wideGrid(THREE_YEARS));
    const docs = buildDocuments({
      table: withPupils.table,
      analysis: withPupils.analysis,
      results: { sheetName: "Лист1", marks: withPupils.marks },
      existingSheetNames: ["Лист1"],
      dynamics: { pupils: municipality(plans).groups },
    });
    const dyn = docs.sheets.find((x) => x.kind === DYNAMICS_KIND)!;
    const all = texts(dyn).join("\n");
    expect(all).toContain("признак завышенного среднего балла");
    expect(all).toContain("n = 30, ориентировочно");
    expect(all).not.toMatch(/необъективна|рейтинг ОО|место в рейтинге/);
    const note = texts(docs.sheets.find((x) => x.kind === NOTE_KIND)!).join("\n");
    expect(note).toContain("Признаки отмечены у 1 ОО (всего признаков: 1)");
    expect(note).toContain("вышли из статуса ШНОР: 1 (МБОУ «СОШ № 1» (A))");
    expect(note).toContain("Вошли в перечень: 1 (МБОУ «СОШ № 2» (B))");
  });
});

describe("«Вышли из статуса ШНОР» in «Показатели»", () => {
  it("is computed from the history: 1 of the 2 ШНОР of 2023 left in 2024", () => {
    expect(computeIndicator("countLeftShnor", s.analysis)).toEqual({ numerator: 1, denominator: null, value: 1 });
    expect(computeIndicator("shareLeftShnor", s.analysis)).toEqual({ numerator: 1, denominator: 2, value: 50 });
    const indicators = s.sheet(INDICATORS_KIND);
    const wb = evaluate(s, [indicators]);
    const r = findRow(indicators, "Доля ОО, вышедших из статуса ШНОР", 1);
    expect(r).toBeGreaterThan(0);
    expect([3, 4, 5].map((c) => wb.value(indicators.name, r, c))).toEqual([1, 2, 50]);
  });

  it("without three years it has no data and asks for input", () => {
    const two = setup(wideGrid(SEED_001));
    expect(computeIndicator("shareLeftShnor", two.analysis).value).toBeNull();
    const indicators = two.sheet(INDICATORS_KIND);
    expect(texts(indicators).join("\n")).toContain("выход из статуса ШНОР не рассчитывается");
  });
});
