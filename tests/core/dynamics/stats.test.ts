import fc from "fast-check";
import { averageRanks, confidence95, quantileInc, sampleSd, spearman } from "../../../src/core/dynamics";

describe("the statistics of the signs, worked by hand", () => {
  it("s is the sample standard deviation (n − 1)", () => {
    // [10, 12, 14]: mean 12, squares 4 + 0 + 4 = 8, 8 / 2 = 4, s = 2 (with n it would be 1.633).
    expect(sampleSd([10, 12, 14])).toBeCloseTo(2, 12);
    expect(sampleSd([7])).toBeNull();
  });

  it("the 95 % interval is mean ± 1.96·s/√n", () => {
    // s = 2, n = 3: 3.92 / 1.7320508 = 2.263212
    const ci = confidence95([10, 12, 14])!;
    expect(ci.mean).toBe(12);
    expect(ci.lower).toBeCloseTo(9.736788, 5);
    expect(ci.upper).toBeCloseTo(14.263212, 5);
  });

  it("ties share the average of their ranks", () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([5, 5, 5])).toEqual([2, 2, 2]);
    expect(averageRanks([3, 1, 2])).toEqual([3, 1, 2]);
  });

  it("Spearman with ties: ρ = −3/√10", () => {
    // Ranks x: 1, 2.5, 2.5, 4; y: 4, 3, 2, 1. Deviations from 2.5: x −1.5, 0, 0, 1.5; y 1.5, 0.5, −0.5, −1.5.
    // Σdx·dy = −4.5, Σdx² = 4.5, Σdy² = 5 → −4.5 / √22.5 = −3/√10.
    expect(spearman([2, 3, 3, 5], [40, 30, 20, 10])).toBeCloseTo(-3 / Math.sqrt(10), 12);
  });

  it("a constant side has no correlation", () => {
    expect(spearman([4, 4, 4, 4], [1, 2, 3, 4])).toBeNull();
    expect(spearman([1, 2, 3], [9, 9, 9])).toBeNull();
  });

  it("Spearman is 1 for any increasing relation and −1 for any decreasing one", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 30 }), (xs) => {
        expect(
          spearman(
            xs,
            xs.map((x) => x ** 3 + 7),
          ),
        ).toBeCloseTo(1, 9);
        expect(
          spearman(
            xs,
            xs.map((x) => -2 * x),
          ),
        ).toBeCloseTo(-1, 9);
      }),
    );
  });

  it("quartiles as QUARTILE.INC", () => {
    // Excel: QUARTILE.INC({1,2,3,4},1) = 1.75, …,3) = 3.25; {1..5}: 2 and 4.
    expect(quantileInc([4, 1, 3, 2], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantileInc([4, 1, 3, 2], 0.75)).toBeCloseTo(3.25, 12);
    expect(quantileInc([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantileInc([1, 2, 3, 4, 5], 0.75)).toBe(4);
    expect(quantileInc([7], 0.75)).toBe(7);
    expect(quantileInc([], 0.5)).toBeNull();
  });

  it("quartiles stay between the order statistics they interpolate", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, p) => {
          const q = quantileInc(xs, p)!;
          const sorted = [...xs].sort((a, b) => a - b);
          const h = (xs.length - 1) * p;
          expect(q).toBeGreaterThanOrEqual(sorted[Math.floor(h)] - 1e-9);
          expect(q).toBeLessThanOrEqual(sorted[Math.ceil(h)] + 1e-9);
        },
      ),
    );
  });
});
