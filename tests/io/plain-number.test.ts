/**
 * A cell's number read from its bytes where they lie (the tokenizer hands the sheet's own bytes, the value
 * anywhere in them): the same as Number() of its text, at any offset, and never the slow way for a plain number.
 */
import fc from "fast-check";
import { strToU8 } from "fflate";
import { plainNumber } from "../../src/io/xlsx";

const at = (text: string, before: string, after: string) => {
  const bytes = strToU8(before + text + after);
  const start = strToU8(before).length;
  return plainNumber(bytes, start, start + strToU8(text).length);
};

describe("plainNumber", () => {
  it("reads a plain number at any offset, as Number() does", () => {
    for (const text of ["-5", "-12.5", "3", "0.25", "1.5E-3", "-1.5E-3", "27.5", "-0", "100"])
      for (const before of ["", "x", '<c r="A1"><v>', "ЖЖЖ-"]) expect(at(text, before, "</v>")).toBe(Number(text));
  });

  it("gives Number()'s value or NaN (then the text is read), wherever the bytes lie (property)", () => {
    const text = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.integer().map(String),
      fc.string({ unit: fc.constantFrom(..."-+.eE0123456789 x"), maxLength: 12 }),
    );
    fc.assert(
      fc.property(text, fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (t, before, after) => {
        const n = at(t, before, after);
        if (!Number.isNaN(n)) expect(n).toBe(Number(t));
        // A short plain decimal is read from its bytes, never left to the text.
        if (/^-?\d{1,9}(\.\d{1,5})?$/.test(t)) expect(n).toBe(Number(t));
      }),
      { numRuns: 3000, seed: 41 },
    );
  });
});
