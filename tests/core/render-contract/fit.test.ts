/**
 * Styles as data and the print fit: resolving and layering named styles, the
 * number format a cell gets, and row heights and widths from text, width and font.
 */
import fc from "fast-check";
import {
  cellFormat,
  columnPx,
  DEFAULT_ROW_HEIGHT,
  emptySheet,
  fitSheet,
  formula,
  layer,
  lineCount,
  MAX_ROW_HEIGHT,
  num,
  SheetSpec,
  StyleIndex,
  styleOf,
  STYLES,
  text,
  textWidthPx,
} from "../../../src/core";

const words = fc.array(fc.stringMatching(/^[а-яА-Я0-9«»().,-]{1,14}$/), { minLength: 1, maxLength: 40 }).map((w) => w.join(" "));

describe("named styles", () => {
  it("resolve to the table's style with the range's own overrides on top", () => {
    expect(styleOf({ row: 0, column: 0, rows: 1, columns: 1, style: "header", align: "left", wrap: false })).toEqual({
      ...STYLES.header,
      horizontal: "left",
      wrap: false,
    });
  });

  it("layer property by property: a later range keeps what it does not set", () => {
    const index = new StyleIndex([
      { row: 0, column: 0, rows: 3, columns: 3, style: "input" },
      { row: 1, column: 1, rows: 1, columns: 1, style: "low" },
    ]);
    expect(index.at(1, 1)).toEqual(layer(STYLES.input, STYLES.low));
    expect(index.at(1, 1).vertical).toBe("top"); // from «input»
    expect(index.at(1, 1).fill).toBe(STYLES.low.fill);
    expect(index.at(0, 0)).toEqual(STYLES.input);
    expect(index.at(5, 5)).toEqual({});
  });

  it("keep text as text and never make a formula text", () => {
    expect(cellFormat(text("=1"), "0.0")).toBe("@");
    expect(cellFormat(formula("A1"), "@")).toBe("General");
    expect(cellFormat(num(1), "0%")).toBe("0%");
    expect(cellFormat(null, undefined)).toBe("General");
  });
});

describe("lines of wrapped text", () => {
  it("are one for a text that fits, more as the column narrows", () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 5, max: 80 }), (t, width) => {
        const wide = lineCount(t, columnPx(width + 10), 11);
        const narrow = lineCount(t, columnPx(width), 11);
        expect(wide).toBeLessThanOrEqual(narrow);
        expect(lineCount(t, 100_000, 11)).toBe(1);
      }),
    );
  });

  it("grow with the font size and the text", () => {
    fc.assert(
      fc.property(words, words, (a, b) => {
        const px = columnPx(20);
        expect(lineCount(a, px, 9)).toBeLessThanOrEqual(lineCount(a, px, 14));
        expect(lineCount(a, px, 11)).toBeLessThanOrEqual(lineCount(`${a} ${b}`, px, 11));
      }),
    );
  });

  it("count paragraphs", () => {
    expect(lineCount("а\nб\nв", 1000, 11)).toBe(3);
  });
});

function sheetWith(value: string, width: number, style: SheetSpec["styles"][number]["style"] = "cell"): SheetSpec {
  const spec = emptySheet("Лист", "test");
  spec.columnWidths = [width];
  spec.blocks.push({ row: 0, column: 0, values: [[text(value)]] });
  spec.styles.push({ row: 0, column: 0, rows: 1, columns: 1, style });
  return spec;
}

describe("fitting a sheet", () => {
  it("gives a wrapped long text a row tall enough for its lines", () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 8, max: 60 }), (t, width) => {
        const fit = fitSheet(sheetWith(t, width));
        const lines = lineCount(t, columnPx(fit.columnWidths[0]), 11);
        const height = fit.rowHeights.get(0) ?? DEFAULT_ROW_HEIGHT;
        expect(height).toBeGreaterThanOrEqual(Math.min(MAX_ROW_HEIGHT, lines * 11 * 1.2));
      }),
    );
  });

  it("widens a column so that its widest word fits: a header never breaks inside a word", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[а-я]{6,30}$/), (word) => {
        const fit = fitSheet(sheetWith(`Итого ${word}`, 4, "header"));
        expect(columnPx(fit.columnWidths[0])).toBeGreaterThanOrEqual(textWidthPx(word, 11, true));
      }),
    );
  });

  it("leaves short texts and unwrapped cells at the default height", () => {
    expect(fitSheet(sheetWith("да", 10)).rowHeights.size).toBe(0);
    expect(fitSheet(sheetWith("очень длинный текст ".repeat(20), 10, "note")).rowHeights.size).toBe(0);
  });

  it("gives a larger font a taller row even on one line", () => {
    expect(fitSheet(sheetWith("Заголовок", 40, "title")).rowHeights.get(0)).toBeGreaterThan(DEFAULT_ROW_HEIGHT);
  });

  it("takes the width of a merge across columns, and gives a tall merge only what its rows lack", () => {
    const spec = sheetWith("слово ".repeat(30), 10);
    spec.columnWidths = [10, 10, 10];
    spec.merges.push({ row: 0, column: 0, rows: 1, columns: 3 });
    const merged = fitSheet(spec).rowHeights.get(0) ?? DEFAULT_ROW_HEIGHT;
    const alone = fitSheet(sheetWith("слово ".repeat(30), 10)).rowHeights.get(0) as number;
    expect(merged).toBeLessThan(alone);
    // Three rows hold the text together: the last grows by what the three default rows lack, the others keep theirs.
    spec.merges = [{ row: 0, column: 0, rows: 3, columns: 1 }];
    const heights = fitSheet(spec).rowHeights;
    expect([...heights.keys()]).toEqual([2]);
    expect(heights.get(2)).toBe(alone - 2 * DEFAULT_ROW_HEIGHT);
    // Rows tall enough already: nothing changes.
    const short = sheetWith("два слова", 10);
    short.merges = [{ row: 0, column: 0, rows: 3, columns: 1 }];
    expect(fitSheet(short).rowHeights.size).toBe(0);
  });
});
