/**
 * The formulas «Показатели» counts the results with. A count over all schools
 * (results, low results, ГИА participants and fails) is one COUNTIFS or SUMIFS
 * a result column, over the rows that carry a status; what only a school's row
 * gives — its mean % «2» in a year — is a short formula over its own cells.
 * For numbers, text («-», «н/д») and blanks they give what the per-cell
 * ISNUMBER formulas gave, in Excel, LibreOffice and HyperFormula alike.
 */
import { cleanFloat } from "../cells";
import { columnRange, ResultCell, resultCell, ResultColumns, resultRef, ResultsRef, statusRange } from "./results-ref";

/** Matches every number and nothing else: no text, blank, error (nor TRUE/FALSE, in Excel). */
const NUMBER = '"<1E+307"';
/** The rows the marks gave a status: the schools, not a total or a blank row inside the table. */
const SCHOOL = '"<>"';

/**
 * A COUNTIFS criterion. A criterion string is read in the user's locale, so a
 * decimal is joined to it as a number («">="&0.3» is «>=0,3» in Russian Excel).
 */
export function criterion(op: "<" | "<=" | ">=", value: number): string {
  return Number.isInteger(value) ? `"${op}${value}"` : `"${op}"&${value}`;
}

/** The test of a low result on the stored value: ≥ 30 % «2», ≤ 70 % успеваемости; a column of fractions compares with 0.3. */
export function lowCriterion(percent: NonNullable<ResultColumns["percent"]>, threshold: number): string {
  const stored = (p: number) => (percent.fraction ? cleanFloat(p / 100) : cleanFloat(p));
  return percent.pass ? criterion("<=", stored(100 - threshold)) : criterion(">=", stored(threshold));
}

export interface Counting {
  ref: ResultsRef;
  /** Participants a result needs to count (at least 1). */
  min: number;
  threshold: number;
}

function ifs(k: Counting, fn: "COUNTIFS" | "SUMIFS", sum: string | null, pairs: [string, string][]): string {
  const args = pairs.flatMap(([range, test]) => [range, test]);
  return `${fn}(${[...(sum ? [sum] : []), ...args, statusRange(k.ref), SCHOOL].join(",")})`;
}

/**
 * How many schools' results in these columns count and pass `test` on the
 * stored percent: a number, and participants not known to be too few.
 */
function countPercent(k: Counting, p: ResultColumns, test: string): string {
  const column = columnRange(k.ref, (p.percent as NonNullable<ResultColumns["percent"]>).column);
  const all = ifs(k, "COUNTIFS", null, [[column, test]]);
  if (p.participants === null) return all;
  const few = ifs(k, "COUNTIFS", null, [
    [column, test],
    [columnRange(k.ref, p.participants), criterion("<", k.min)],
  ]);
  return `${all}-${few}`;
}

/** The column whose number says a result is there: the percent, else the number failing. */
function dataColumn(p: ResultColumns): number {
  return p.percent ? p.percent.column : (p.failCount as number);
}

/** The schools' results that count in these columns. */
export function countResults(k: Counting, p: ResultColumns): string {
  if (p.percent) return countPercent(k, p, NUMBER);
  return ifs(k, "COUNTIFS", null, [
    [columnRange(k.ref, dataColumn(p)), NUMBER],
    [columnRange(k.ref, p.participants as number), criterion(">=", k.min)],
  ]);
}

/** The low ones among them; null when only counts give the percent (the helper rows divide them). */
export function countLow(k: Counting, p: ResultColumns): string | null {
  return p.percent ? countPercent(k, p, lowCriterion(p.percent, k.threshold)) : null;
}

function sumWithParticipants(k: Counting, p: ResultColumns, sum: number): string {
  const n = columnRange(k.ref, p.participants as number);
  return ifs(k, "SUMIFS", columnRange(k.ref, sum), [
    [columnRange(k.ref, dataColumn(p)), NUMBER],
    [n, criterion(">=", k.min)],
  ]);
}

/** ГИА participants of the counted results in these columns (which have a participants column). */
export function sumParticipants(k: Counting, p: ResultColumns): string {
  return sumWithParticipants(k, p, p.participants as number);
}

/** Those below the minimum, from the count column; null without one (the helper rows multiply participants by %). */
export function sumFailing(k: Counting, p: ResultColumns): string | null {
  return p.failCount === null ? null : sumWithParticipants(k, p, p.failCount);
}

/**
 * A school's mean % «2» over these results, "" when none has data:
 * IFERROR(AVERAGE(cells),"") when they are all plain percent columns of one
 * kind (AVERAGE skips text and blanks), a sum over a count otherwise.
 */
export function meanPercent(ref: ResultsRef, row: number, list: ResultColumns[], min: number): string | null {
  if (list.length === 0) return null;
  const groups = new Map<string, { fraction: boolean; pass: boolean; cells: string[] }>();
  const general: ResultCell[] = [];
  for (const p of list) {
    if (p.percent && p.participants === null) {
      const key = `${p.percent.fraction}|${p.percent.pass}`;
      const group = groups.get(key) ?? { fraction: p.percent.fraction, pass: p.percent.pass, cells: [] };
      groups.set(key, group);
      group.cells.push(resultRef(ref, row, p.percent.column));
    } else general.push(resultCell(ref, p, row, min));
  }
  if (general.length === 0 && groups.size === 1) {
    const g = [...groups.values()][0];
    const mean = `AVERAGE(${g.cells.join(",")})${g.fraction ? "*100" : ""}`;
    return `IFERROR(${g.pass ? `100-${mean}` : mean},"")`;
  }
  const sums: string[] = [];
  const counts: string[] = [];
  for (const g of groups.values()) {
    const cells = g.cells.join(",");
    const sum = `SUM(${cells})${g.fraction ? "*100" : ""}`;
    counts.push(`COUNT(${cells})`);
    sums.push(g.pass ? `(100*COUNT(${cells})-${sum})` : sum);
  }
  for (const x of general) {
    sums.push(`IF(${x.has},${x.percent},0)`);
    counts.push(`${x.has}*1`);
  }
  return `IFERROR((${sums.join("+")})/(${counts.join("+")}),"")`;
}
