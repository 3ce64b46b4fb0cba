/**
 * The style and merge indexes answer what a scan of every range would: the
 * sweep that shares one list among rows under the same ranges, and the looks
 * remembered per stretch and column, change nothing a cell gets.
 */
import fc from "fast-check";
import { layer, MergeIndex, StyleIndex, styleOf, STYLES, StyleName, StyleRange } from "../../../src/core/render-contract/spec";

const names = Object.keys(STYLES) as StyleName[];

const range = fc.record({
  row: fc.integer({ min: 0, max: 30 }),
  column: fc.integer({ min: 0, max: 6 }),
  rows: fc.integer({ min: 0, max: 12 }),
  columns: fc.integer({ min: 0, max: 4 }),
  style: fc.constantFrom(...names),
  wrap: fc.option(fc.boolean(), { nil: undefined }),
  bold: fc.option(fc.boolean(), { nil: undefined }),
});

function scanned(styles: StyleRange[], row: number, column: number) {
  let style = {};
  for (const s of styles)
    if (row >= s.row && row < s.row + s.rows && column >= s.column && column < s.column + s.columns) style = layer(style, styleOf(s));
  return style;
}

it("a cell's style is every range over it, later ones on top, as a scan of all ranges gives", () => {
  fc.assert(
    fc.property(fc.array(range, { maxLength: 25 }), (styles) => {
      const index = new StyleIndex(styles);
      for (let row = 0; row < 45; row++) {
        const over = styles.filter((s) => row >= s.row && row < s.row + s.rows);
        expect(index.rangesOn(row)).toEqual(over);
        // Twice: the second answer comes from what the index remembered.
        for (const _ of [1, 2])
          for (let column = 0; column < 11; column++) expect(index.at(row, column)).toEqual(scanned(styles, row, column));
      }
    }),
    { numRuns: 150 },
  );
});

it("a merged cell finds its merge, and no other cell does", () => {
  const rect = fc.record({
    row: fc.integer({ min: 0, max: 20 }),
    column: fc.integer({ min: 0, max: 6 }),
    rows: fc.integer({ min: 1, max: 4 }),
    columns: fc.integer({ min: 1, max: 4 }),
  });
  fc.assert(
    fc.property(fc.array(rect, { maxLength: 10 }), (merges) => {
      const index = new MergeIndex(merges);
      for (let row = 0; row < 26; row++)
        for (let column = 0; column < 12; column++) {
          const over = merges.filter((m) => row >= m.row && row < m.row + m.rows && column >= m.column && column < m.column + m.columns);
          // Overlapping merges: the last one listed holds the cell, as before.
          expect(index.at(row, column)).toBe(over.length ? over[over.length - 1] : undefined);
        }
    }),
  );
});
