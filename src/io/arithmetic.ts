/**
 * Formulas that other programs write without a saved value. When a formula
 * is plain arithmetic on constants («=12/40*100», «=(3+4)*10%») its value is
 * certain, so it is computed here; anything else (a reference, a function)
 * gives null and the reader reports the cell instead of reading it as blank.
 *
 * Excel's precedence: unary minus, then %, then ^, then * and /, then + and -
 * (so -2^2 is 4). Proven against HyperFormula in tests/io/arithmetic.test.ts.
 */

/** Longer formulas are not «plain arithmetic» a person typed: leave them to Excel. */
const MAX_FORMULA_LENGTH = 256;

export function evaluateConstantFormula(formula: string): number | null {
  const text = formula.startsWith("=") ? formula.slice(1) : formula;
  if (text.length === 0 || text.length > MAX_FORMULA_LENGTH) return null;
  const parser = new Parser(text);
  const value = parser.expression();
  if (value === null || !parser.atEnd()) return null;
  return Number.isFinite(value) ? value : null;
}

class Parser {
  private at = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    this.spaces();
    return this.at === this.text.length;
  }

  /** + and -, left to right. */
  expression(): number | null {
    if (++this.depth > 64) return null;
    let left = this.term();
    while (left !== null) {
      const op = this.peek();
      if (op !== "+" && op !== "-") break;
      this.at++;
      const right = this.term();
      if (right === null) return null;
      left = op === "+" ? left + right : left - right;
    }
    this.depth--;
    return left;
  }

  /** * and /, left to right; division by zero is an error, not a number. */
  private term(): number | null {
    let left = this.power();
    while (left !== null) {
      const op = this.peek();
      if (op !== "*" && op !== "/") break;
      this.at++;
      const right = this.power();
      if (right === null) return null;
      if (op === "/" && right === 0) return null;
      left = op === "*" ? left * right : left / right;
    }
    return left;
  }

  /** ^ is left-associative in Excel: 2^3^2 is 64. */
  private power(): number | null {
    let left = this.percent();
    while (left !== null && this.peek() === "^") {
      this.at++;
      const right = this.percent();
      if (right === null) return null;
      left = Math.pow(left, right);
      if (!Number.isFinite(left)) return null;
    }
    return left;
  }

  private percent(): number | null {
    let value = this.unary();
    while (value !== null && this.peek() === "%") {
      this.at++;
      value = value / 100;
    }
    return value;
  }

  private unary(): number | null {
    const op = this.peek();
    if (op === "-" || op === "+") {
      this.at++;
      const value = this.unary();
      return value === null ? null : op === "-" ? -value : value;
    }
    return this.primary();
  }

  private primary(): number | null {
    this.spaces();
    if (this.text[this.at] === "(") {
      this.at++;
      const value = this.expression();
      if (value === null || this.peek() !== ")") return null;
      this.at++;
      return value;
    }
    const match = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 40));
    if (!match) return null;
    this.at += match[0].length;
    return Number(match[0]);
  }

  private peek(): string | undefined {
    this.spaces();
    return this.text[this.at];
  }

  private spaces(): void {
    while (this.text[this.at] === " ") this.at++;
  }
}
