import fc from "fast-check";
import {
  Cell,
  changeDirection,
  share,
  shareIf,
  targetStatus,
  matchesCriterion,
  Outcome,
  parseCriterion,
  roundTo,
  sumCells,
} from "../../src/core";

function value<T>(o: Outcome<T>): T {
  if (!o.ok) throw new Error(`expected a value, got ${o.failure}: ${o.message}`);
  return o.value;
}

function failure<T>(o: Outcome<T>): { failure: string; message: string } {
  if (o.ok) throw new Error(`expected a failure, got ${String(o.value)}`);
  return { failure: o.failure, message: o.message };
}

function matches(cell: Cell, criterion: Cell): boolean {
  return matchesCriterion(cell, value(parseCriterion(criterion)));
}

describe("roundTo", () => {
  it("rounds half away from zero despite binary fractions", () => {
    expect(roundTo(16.65, 1)).toBe(16.7);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(100 / 6, 1)).toBe(16.7);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(2 / 3, 0)).toBe(1);
  });
});

describe("share", () => {
  it("gives the share in percent with one decimal by default", () => {
    expect(value(share([1], [6]))).toBe(16.7);
    expect(value(share([1], [6], 3))).toBe(16.667);
    expect(value(share([3], [3]))).toBe(100);
    expect(value(share([0], [5]))).toBe(0);
  });

  it("sums ranges, skipping blanks and «no data» marks, reading Russian decimals", () => {
    expect(value(share([1, null, 2, "-", "н/д", ""], [3, 3]))).toBe(50);
    expect(value(share(["1,5"], [3]))).toBe(50);
  });

  it("is #DIV/0! for a zero whole", () => {
    expect(failure(share([0], [0, null]))).toEqual({ failure: "div0", message: expect.stringMatching(/Целое равно 0/) });
  });

  it("is #VALUE! for a part larger than the whole, a negative count, text or a bad digits count", () => {
    expect(failure(share([7], [6])).failure).toBe("value");
    expect(failure(share([7], [6])).message).toMatch(/Часть \(7\) больше целого \(6\)/);
    expect(failure(share([-1], [6])).message).toMatch(/отрицательное/);
    expect(failure(share([1], [-6])).failure).toBe("value");
    expect(failure(share(["много"], [6])).message).toMatch(/«много» — не число/);
    expect(failure(share([true], [6])).failure).toBe("value");
    expect(failure(share([1], [6], 1.5)).message).toMatch(/целым от 0 до 10/);
    expect(failure(share([1], [6], -1)).failure).toBe("value");
  });

  it("is #N/A when a side has no numbers", () => {
    expect(failure(share([null, "-"], [6]))).toEqual({ failure: "na", message: expect.stringMatching(/в части нет чисел/) });
    expect(failure(share([1], [""])).failure).toBe("na");
  });

  it("stays within 0–100 and matches the formula for any counts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 0, max: 100000 }), (whole, p) => {
        const part = p % (whole + 1);
        const percent = value(share([part], [whole], 2));
        return percent >= 0 && percent <= 100 && Math.abs(percent - (part * 100) / whole) <= 0.005 + 1e-9;
      }),
    );
  });
});

describe("sumCells", () => {
  it("returns null when no cell has a number", () => {
    expect(value(sumCells([null, "", "—"], "x"))).toBeNull();
    expect(value(sumCells([0.1, 0.2], "x"))).toBe(0.3);
  });
});

describe("COUNTIF-style criteria", () => {
  it("matches text case-insensitively, whole cell only", () => {
    expect(matches("ШНОР", "шнор")).toBe(true);
    expect(matches("ШНОР (критерий 2)", "ШНОР")).toBe(false);
    expect(matches("риск", "ШНОР")).toBe(false);
  });

  it("supports wildcards and the ~ escape", () => {
    expect(matches("ШНОР (критерий 2)", "ШНОР*")).toBe(true);
    expect(matches("кот", "к?т")).toBe(true);
    expect(matches("к?т", "к~?т")).toBe(true);
    expect(matches("кот", "к~?т")).toBe(false);
  });

  it("compares numbers with operators, and numeric text as numbers", () => {
    expect(matches(30, ">=30")).toBe(true);
    expect(matches(29.9, ">=30")).toBe(false);
    expect(matches("35", ">=30")).toBe(true);
    expect(matches(30, 30)).toBe(true);
    expect(matches(30, "30")).toBe(true);
    expect(matches(12.5, "<12,6")).toBe(true);
    expect(matches("ШНОР", ">=30")).toBe(false);
    expect(matches(0.35, ">=30%")).toBe(true);
  });

  it("<> matches everything that differs, text and numbers alike", () => {
    expect(matches("ШНОР", "<>нет")).toBe(true);
    expect(matches("нет", "<>нет")).toBe(false);
    expect(matches(5, "<>нет")).toBe(true);
    expect(matches("нет", "<>30")).toBe(true);
    expect(matches(30, "<>30")).toBe(false);
    expect(matches("что угодно", "<>")).toBe(true);
  });

  it("matches booleans by TRUE/FALSE or ИСТИНА/ЛОЖЬ", () => {
    expect(matches(true, true)).toBe(true);
    expect(matches(false, "ИСТИНА")).toBe(false);
    expect(matches(false, "=ложь")).toBe(true);
    expect(matches("ИСТИНА", true)).toBe(false);
  });

  it("orders text with text only", () => {
    expect(matches("б", ">а")).toBe(true);
    expect(matches(5, ">а")).toBe(false);
  });

  it("rejects an empty criterion", () => {
    expect(failure(parseCriterion("")).failure).toBe("value");
    expect(failure(parseCriterion(null)).message).toMatch(/Условие не задано/);
  });
});

describe("shareIf", () => {
  const statuses: Cell[] = ["ШНОР", "риск", "нет", "нет", "ШНОР", "нет", null, ""];

  it("counts over the non-empty cells only", () => {
    expect(value(shareIf(statuses, "ШНОР"))).toBe(33.3);
    expect(value(shareIf(statuses, "<>нет", 2))).toBe(50);
    expect(value(shareIf([10, 30, 45, "-"], ">=30"))).toBe(50);
  });

  it("is #DIV/0! for a range of blanks and #VALUE! for no criterion", () => {
    expect(failure(shareIf([null, ""], "ШНОР")).failure).toBe("div0");
    expect(failure(shareIf(statuses, "")).failure).toBe("value");
  });

  it("a criterion and its <> complement add up to 100 %", () => {
    const cells = fc.array(fc.oneof(fc.constantFrom("ШНОР", "риск", "нет"), fc.integer({ min: 0, max: 100 })), { minLength: 1 });
    fc.assert(
      fc.property(cells, fc.constantFrom("ШНОР", "нет", "30"), (range, c) => {
        const yes = value(shareIf(range, c, 6));
        const no = value(shareIf(range, `<>${c}`, 6));
        return Math.abs(yes + no - 100) < 1e-5;
      }),
    );
  });
});

describe("changeDirection", () => {
  it("by default a fall is positive (the share of «2» is better lower)", () => {
    expect(value(changeDirection(35, 20))).toBe("положительная");
    expect(value(changeDirection(20, 35))).toBe("отрицательная");
    expect(value(changeDirection(20, 20))).toBe("без изменений");
  });

  it("with lowerIsBetter = false a rise is positive", () => {
    expect(value(changeDirection(20, 35, false))).toBe("положительная");
    expect(value(changeDirection(35, 20, false))).toBe("отрицательная");
  });

  it("treats a change within the tolerance as none, float noise included", () => {
    expect(value(changeDirection(20, 21, true, 1))).toBe("без изменений");
    expect(value(changeDirection(20, 21.5, true, 1))).toBe("отрицательная");
    expect(value(changeDirection(0.1 + 0.2, 0.3))).toBe("без изменений");
    expect(value(changeDirection(0.3, 0.4, true, 0.1))).toBe("без изменений");
  });

  it("is #N/A without data and #VALUE! for text or a negative tolerance", () => {
    expect(failure(changeDirection(null, 20))).toEqual({ failure: "na", message: expect.stringMatching(/было/) });
    expect(failure(changeDirection(20, "-")).failure).toBe("na");
    expect(failure(changeDirection("двадцать", 20)).failure).toBe("value");
    expect(failure(changeDirection(20, 21, true, -1)).message).toMatch(/Допуск/);
  });
});

describe("targetStatus", () => {
  it("is met at or above the target by default", () => {
    expect(value(targetStatus(80, 80))).toBe("достигнут");
    expect(value(targetStatus(79.9, 80))).toBe("не достигнут");
  });

  it("is met at or below the target when lower is better", () => {
    expect(value(targetStatus(10, 15, true))).toBe("достигнут");
    expect(value(targetStatus(16, 15, true))).toBe("не достигнут");
  });

  it("says «нет данных» for a missing value and is #VALUE! for text", () => {
    expect(value(targetStatus(null, 15))).toBe("нет данных");
    expect(value(targetStatus(10, "н/д"))).toBe("нет данных");
    expect(failure(targetStatus("много", 15)).failure).toBe("value");
  });
});
