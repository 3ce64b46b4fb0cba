/** Tables side by side are split at an empty column only when each part is a table with its own names. */
import { Cell, detectTables } from "../../../src/core";

const vpr: Cell[][] = [
  ["№", "Наименование ОО", "ВПР МА 5 2024 % «2»", "ВПР РУ 5 2024 % «2»"],
  [1, "МБОУ СОШ № 1", 35, 40],
  [2, "МБОУ СОШ № 2", 1, 2],
];
const oge: Cell[][] = [
  ["№", "Название ОО", "ОГЭ МА 2024 % не сдавших", "ОГЭ РУ 2024 % не сдавших"],
  [1, "Школа Б-1", 50, 50],
  [2, "Школа Б-2", 0, 0],
];

describe("tables side by side", () => {
  it("two tables with their own names, split by an empty column, are two", () => {
    const values = vpr.map((r, i) => [...r, null, ...oge[i]]);
    const placed = detectTables({ values, sheetName: "s" });
    expect(placed.map((p) => [p.left, p.right, p.shape.firstColumn])).toEqual([
      [0, 3, 0],
      [5, 8, 5],
    ]);
  });

  it("a spacer column inside one table does not split it", () => {
    const values = vpr.map((r) => [...r.slice(0, 3), null, r[3]]);
    const placed = detectTables({ values, sheetName: "s" });
    expect(placed).toHaveLength(1);
    expect(placed[0].shape.columns.filter((c) => c.role.kind === "measure")).toHaveLength(2);
  });

  it("a notes column beside a table is not a second table", () => {
    const values = vpr.map((r, i) => [...r, null, i === 0 ? "Примечание" : "данные ФИС ОКО"]);
    expect(detectTables({ values, sheetName: "s" })).toHaveLength(1);
  });
});
