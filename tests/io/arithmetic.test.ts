/** Plain arithmetic on constants, proven against HyperFormula (an established spreadsheet engine). */
import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import { evaluateConstantFormula } from "../../src/io/arithmetic";

const engine = HyperFormula.buildEmpty({ licenseKey: "gpl-v3" });
const sheet = engine.getSheetId(engine.addSheet("s"))!;

function hyperformula(formula: string): number | null {
  engine.setCellContents({ sheet, row: 0, col: 0 }, [[formula]]);
  const value = engine.getCellValue({ sheet, row: 0, col: 0 });
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

// HyperFormula gives NaN for results near the smallest double (8^-330 ≈ 9,6E-299), where Excel still gives the number; such results are not compared.
const NEAR_UNDERFLOW = 1e-290;

const close = (a: number | null, b: number | null) => {
  if (b === null && a !== null && a !== 0 && Math.abs(a) < NEAR_UNDERFLOW) return true;
  return a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
};

describe("formulas of constants", () => {
  it.each([
    ["=12/40*100", 30],
    ["=(3+4)*10", 70],
    ["=-2^2", 4],
    ["=2^3^2", 64],
    ["=50%", 0.5],
    ["=-50%*2", -1],
    ["= 1 + 2 * 3", 7],
    ["=.5+1.", 1.5],
    ["=1e2/4", 25],
  ])("%s is %p", (formula, value) => {
    expect(evaluateConstantFormula(formula)).toBeCloseTo(value, 12);
    expect(hyperformula(formula)).toBeCloseTo(value, 12);
  });

  it.each(["=A1*2", "=SUM(1,2)", "=1/0", "=(1+2", "=1+", "=", "=1 2", '="12"', "=1,5+1", `=${"(".repeat(100)}1${")".repeat(100)}`])(
    "%s is not computed",
    (formula) => {
      expect(evaluateConstantFormula(formula)).toBeNull();
    },
  );

  it("agrees with HyperFormula on random expressions", () => {
    const number = fc.oneof(
      fc.integer({ min: 0, max: 1000 }).map(String),
      fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${b}`),
    );
    const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        number,
        fc.tuple(tie("e"), fc.constantFrom("+", "-", "*", "/", "^"), tie("e")).map(([a, op, b]) => `${a}${op}${b}`),
        tie("e").map((a) => `(${a})`),
        tie("e").map((a) => `-${a}`),
        // HyperFormula takes one % after an operand (Excel also takes «50%%»).
        number.map((a) => `${a}%`),
      ),
    })).e;
    fc.assert(
      fc.property(expression, (text) => {
        const ours = evaluateConstantFormula(`=${text}`);
        const theirs = hyperformula(`=${text}`);
        // Where HyperFormula gives an error (division by zero, overflow) we give null.
        return close(ours, theirs);
      }),
      { numRuns: 500, examples: [["(8)^-330"]] },
    );
  });
});
