import { analyzeTable, Cell, markSpec, readTable, STATUS_HEADER } from "../../../src/core";
import { wideGrid } from "../../fixtures/layouts";
import { SEED_003 } from "../../fixtures/seeds";

describe("the marks on the results sheet", () => {
  const table = readTable(wideGrid(SEED_003));
  const analysis = analyzeTable(table);

  it("puts status and reasons right of the table, a row per school", () => {
    const spec = markSpec(table, analysis);
    expect(spec.columns).toEqual([35, 36]);
    expect(spec.block.values[0]).toEqual([{ text: STATUS_HEADER }, { text: "Основание (ШНОР-монитор)" }]);
    const first = table.schools[0].row - spec.firstRow;
    expect(spec.block.values[first]).toEqual([
      { text: "ШНОР" },
      { text: expect.stringMatching(/^критерий 2: ВПР математика 6 кл\. 2019 — 37 %/) },
    ]);
  });

  it("writes =SHNOR.STATUS() pinned to the analysed year when asked", () => {
    const spec = markSpec(table, analysis, { statusFormulas: true });
    const first = table.schools[0].row - spec.firstRow;
    expect(spec.block.values[first][0]).toEqual({ formula: "SHNOR.STATUS(D5:AI5,$D$3:$AI$4,2019,30)" });
  });

  it("keeps values when the headers alone do not name the procedures", () => {
    const values: Cell[][] = [
      ["Результаты ВПР 2023 года"],
      ["Название ОО", "Математика 5 кл.", null],
      [null, "% 2", "% 4 и 5"],
      ["МБОУ «СОШ № 1»", 31, 5],
    ];
    const t = readTable({ values });
    const spec = markSpec(t, analyzeTable(t), { statusFormulas: true });
    expect(spec.block.values[t.schools[0].row - spec.firstRow][0]).toEqual({ text: "риск" });
  });

  it("colours counted «% 2» cells at or above the threshold, and ШНОР and risk rows", () => {
    const spec = markSpec(table, analysis);
    const low = spec.conditionalFormats.filter((f) => f.priority === 1);
    expect(low).toHaveLength(16);
    expect(low[0]).toMatchObject({ column: 3, row: 4, formula: "AND(ISNUMBER(D5),D5>=30)" });
    expect(spec.conditionalFormats.filter((f) => f.priority > 1).map((f) => f.formula)).toEqual(['$AJ5="ШНОР"', '$AJ5="риск"']);
  });
});
