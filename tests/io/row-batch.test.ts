import fc from "fast-check";
import type { Cell } from "../../src/core";
import { batchBuffers, packRows, unpackRows } from "../../src/io/row-batch";
import type { SheetRow } from "../../src/io/types";

const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.double(),
  fc.constantFrom(0, -0, 1e-300, 35.5, Number.NaN, Infinity),
  fc.string(),
  fc.constantFrom("", " ", "МБОУ «СОШ № 1» 🏫", "35,5", "#N/A"),
);
const format = fc.oneof(fc.constant(null), fc.constantFrom("0%", "0.0%", "General", "dd.mm.yyyy"), fc.string({ maxLength: 4 }));

const row: fc.Arbitrary<SheetRow> = fc
  .record({
    index: fc.nat({ max: 1_048_575 }),
    cells: fc.array(fc.tuple(cell, format), { maxLength: 30 }),
    hidden: fc.boolean(),
    unsaved: fc.option(fc.array(fc.record({ column: fc.nat(100), formula: fc.string() }), { minLength: 1, maxLength: 3 }), {
      nil: undefined,
    }),
  })
  .map(({ index, cells, hidden, unsaved }) => {
    const r: SheetRow = { index, values: cells.map(([v]) => v), formats: cells.map(([, f]) => f) };
    if (hidden) r.hidden = true;
    if (unsaved) r.unsavedFormulas = unsaved;
    return r;
  });

describe("rows packed for another thread", () => {
  it("come back as the rows they were packed from", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const back = unpackRows(structuredClone(packRows(rows)));
        expect(back).toEqual(rows);
        // -0 and NaN stay what they were (toEqual tells -0 from 0).
        back.forEach((r, i) => r.values.forEach((v, c) => expect(Object.is(v, rows[i].values[c])).toBe(true)));
      }),
      { numRuns: 300 },
    );
  });

  it("give their buffers away, not copies of them", () => {
    const batch = packRows([{ index: 4, values: [1, "a", null], formats: ["0%", null, null] }]);
    const buffers = batchBuffers(batch);
    expect(buffers).toHaveLength(7);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(batch, buffers);
    expect(batch.numbers.byteLength).toBe(0);
    port1.close();
    port2.close();
  });
});
