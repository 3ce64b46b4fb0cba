import fc from "fast-check";
import {
  readPercent,
  readCount,
  isPercentFormat,
  normalizeText,
  columnLetter,
  formatPercent,
  roundPercent,
  displayText,
} from "../../src/core";

describe("values officials type", () => {
  it.each([
    [35, null, 35],
    [12.5, null, 12.5],
    ["12,5", null, 12.5],
    [" 12,5 ", null, 12.5],
    ["35%", null, 35],
    ["35 %", null, 35],
    ["0,5%", null, 0.5],
    [0.35, "0%", 35],
    [0.355, "0.0%", 35.5],
    [0.3, "0%", 30],
    [1, "0%", 100],
    [0, "0%", 0],
    ["100", null, 100],
  ])("%p with format %p reads as %p percent", (cell, format, expected) => {
    const r = readPercent(cell, format);
    expect(r).toEqual({ kind: "number", value: expected, fraction: false });
  });

  it.each([
    "-",
    "–",
    "—",
    "н/д",
    "Н/Д",
    "нет данных",
    "x",
    "х",
    "",
    "   ",
    null,
    undefined,
    "#N/A",
    "#Н/Д",
    "#DIV/0!",
    "#ДЕЛ/0!",
    "#VALUE!",
  ])("%p is no data, never zero", (cell) => {
    expect(readPercent(cell as never).kind).toBe("missing");
  });

  it.each(["abc", "12,5,3", "101", "-5", "150%", true])("%p is invalid, not guessed", (cell) => {
    expect(readPercent(cell as never).kind).toBe("invalid");
  });

  it("a % in quotes or escaped in a format does not make a fraction", () => {
    expect(isPercentFormat('0" %"')).toBe(false);
    expect(isPercentFormat("0\\%")).toBe(false);
    expect(isPercentFormat("0.0%")).toBe(true);
    expect(isPercentFormat(null)).toBe(false);
  });

  it("counts are whole and non-negative", () => {
    expect(readCount("12")).toMatchObject({ kind: "number", value: 12 });
    expect(readCount(12.5).kind).toBe("invalid");
    expect(readCount(-1).kind).toBe("invalid");
    expect(readCount("1 200")).toMatchObject({ kind: "number", value: 1200 });
  });

  it("normalizes quotes, ё, case and spaces", () => {
    expect(normalizeText("  % «2»\u00a0 Учёт ")).toBe("% 2 учет");
  });

  it("normalizes as the six passes it was written as, skipping those that change nothing (property)", () => {
    const sixPasses = (text: string) =>
      text
        .replace(/\u00a0/g, " ")
        .replace(/[«»"“”„'`’]/g, "")
        .toLowerCase()
        .replace(/ё/g, "е")
        .replace(/\s+/g, " ")
        .trim();
    const unit = fc.constantFrom(
      ..."МБОУ «СОШ № 1» ЁёЕеaZ\"“”„'`’".split(""),
      " ",
      "  ",
      "\u00a0",
      "\t",
      "\n",
      "\r",
      "\u2003",
      "\ufeff",
      "İ",
      "ẞ",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (text) => {
        expect(normalizeText(text)).toBe(sixPasses(text));
      }),
      { numRuns: 2000, seed: 19 },
    );
    expect(normalizeText(12.5)).toBe("12.5");
  });

  it("writes a percent as the rounded number with a comma, whether its text was made before or not", () => {
    const plainly = (p: number) => String(roundPercent(p)).replace(".", ",");
    const percent = fc.oneof(
      fc.double({ min: -150, max: 150, noNaN: true }),
      fc.integer({ min: -10_000, max: 10_000 }).map((h) => h / 100),
      fc.double(),
    );
    fc.assert(
      fc.property(percent, (p) => formatPercent(p) === plainly(p) && formatPercent(p) === plainly(p)),
      { numRuns: 20_000 },
    );
    expect([33, 12.5, 12.345, -0.004, 100, -100, 100.5, Number.NaN].map(formatPercent)).toEqual([
      "33",
      "12,5",
      "12,35",
      "0",
      "100",
      "-100",
      "100,5",
      "NaN",
    ]);
  });

  it("names columns like Excel", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });
});

describe("a name as it is shown", () => {
  // Every character JavaScript counts as a space, among letters and plain spaces.
  const SPACES = [..." \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"];
  const text = fc.array(fc.constantFrom(...SPACES, "М", "Б", "О", "У", "№", "1", "_", "\u0001"), { maxLength: 12 }).map((c) => c.join(""));

  it("takes its quick way only where the full cleaning would change nothing", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(displayText(t)).toBe(
          t
            .replace(/\u00a0/g, " ")
            .replace(/\s+/g, " ")
            .trim(),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["МБОУ\vСОШ № 1", "МБОУ СОШ № 1"],
    ["МБОУ\fСОШ", "МБОУ СОШ"],
    ["МБОУ\u2003СОШ", "МБОУ СОШ"],
    ["МБОУ \u0001СОШ", "МБОУ \u0001СОШ"],
  ])("%j is shown as %j: a vertical tab or an em space is a space, as a tab is", (written, shown) => {
    expect(displayText(written)).toBe(shown);
  });
});
