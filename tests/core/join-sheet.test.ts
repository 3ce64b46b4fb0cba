/**
 * «Свод» as a sheet (src/core/join-sheet.ts): its schools are a lazy block, made
 * row by row as a writer reaches them (a region's «Свод» is millions of cells),
 * and they are the cells the grid holds, as the plain block of before gave them.
 */
import { collectGrid, collectSpec, isLazy, plainBlock, readTable, specRows } from "../../src/core";
import { gridOf } from "../../bench/generate";

describe("«Свод» as a sheet", () => {
  const table = readTable({ values: gridOf(200), sheetName: "Результаты" });
  const grid = collectGrid(table);
  const spec = collectSpec(grid);

  it("holds its title and headers, and describes its schools lazily", () => {
    expect(spec.blocks.map((b) => [b.row, isLazy(b)])).toEqual([
      [0, false],
      [4, true],
    ]);
    expect(plainBlock(spec.blocks[1]).values).toHaveLength(grid.values.length - 4);
  });

  it("gives every cell of the grid, a number as a number, a text as a text, none as none", () => {
    const width = Math.max(...grid.values.map((r) => r.length));
    const rows = [...specRows(spec)];
    expect(rows.map((r) => r.row)).toEqual(grid.values.map((_, i) => i));
    rows.forEach(({ row, values }) => {
      expect(values).toHaveLength(width);
      values.forEach((v, c) => {
        const cell = grid.values[row][c];
        if (cell === null || cell === undefined || cell === "") expect(v).toBeNull();
        else if (typeof cell === "number") expect(v).toEqual({ number: cell });
        else expect(v).toEqual({ text: cell });
      });
    });
    expect(rows.some(({ values }) => values.some((v) => v !== null && "number" in v))).toBe(true);
  });
});
