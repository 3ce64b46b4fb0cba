import { detectTable, readTable, SheetGrid } from "../../../../src/core";

const grid: SheetGrid = {
  sheetName: "Лист1",
  values: [
    ["ВПР математика 5 кл. 2024"],
    ["Игрушечный макет", "ОО", "% «2»"],
    [null, "МБОУ «СОШ № 1»", 12.5],
    [null, "МБОУ «СОШ № 2»", 30],
  ],
};

describe("the toy layout", () => {
  it("is recognised", () => {
    expect(detectTable(grid)?.layout).toBe("toy");
  });

  it("reads its schools and results", () => {
    const table = readTable(grid);
    expect(table.schools.map((s) => [s.name, s.results.map((r) => r.failPercent)])).toEqual([
      ["МБОУ «СОШ № 1»", [12.5]],
      ["МБОУ «СОШ № 2»", [30]],
    ]);
  });
});
