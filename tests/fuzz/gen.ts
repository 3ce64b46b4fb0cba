/**
 * Generators of the second fuzz campaign: exports as ФИС ОКО and the regional
 * centre write them, with one defect planted where a reader could give a wrong
 * answer with exit 0 (the same school twice, a pupil twice, a sheet without
 * its grade, a municipality named like a school, marks that do not add up).
 * Each takes a seed, so a failing case reruns; each says what the right answer is.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { strToU8, unzipSync, Zip, ZipDeflate } from "fflate";
import { Cell, SheetGrid } from "../../src/core";
import {
  Counts,
  GenProcedure,
  loginOf,
  makeMunicipality,
  Municipality,
  nameIn,
  percent,
  procedureId,
  random,
  statGrid,
  sum,
} from "../fixtures/fisoko";
import { CraftSheet } from "./craft";

export const craftSheet = (grid: SheetGrid): CraftSheet => ({ name: grid.sheetName ?? "Лист1", rows: grid.values });

export type Rnd = () => number;
export const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

/** A municipality of a few schools, two years of ВПР РУ/МА 4 and 5 (eight procedures). */
export function smallMunicipality(seed: number, schools = 10): Municipality {
  return makeMunicipality(seed, schools, [2025, 2026]);
}

/** The schools that wrote `p`. */
export const writers = (m: Municipality, p: GenProcedure) => m.schools.filter((s) => m.results.has(`${s.digits}|${procedureId(p)}`));

/** Other counts for the same participants with a clearly different % «2». */
export function otherCounts(c: Counts, rnd: Rnd): Counts {
  const total = sum(c);
  let n2 = Math.floor(rnd() * (total + 1));
  if (Math.abs(percent(n2, total) - percent(c[0], total)) < 5) n2 = c[0] * 2 < total ? total - c[0] : 0;
  const rest = total - n2;
  const n3 = Math.floor(rest / 2);
  return [n2, n3, rest - n3, 0];
}

/** A ФИС ОКО school row as statGrid writes it (login in brackets). */
export function schoolRow(m: Municipality, digits: string, p: GenProcedure, c: Counts, prefix?: "sch" | "edu"): Cell[] {
  const s = m.schools.find((x) => x.digits === digits)!;
  return [`${nameIn(s, p.year)}(${loginOf(s, p.year, prefix)})`, null, sum(c), ...c.map((n) => percent(n, sum(c)))];
}

/** Inserts `row` among the school rows of a statGrid (after the three comparison rows), at a random place. */
export function insertSchoolRow(grid: SheetGrid, row: Cell[], rnd: Rnd): SheetGrid {
  const header = grid.values.findIndex((r) => r[0] === "Группы участников");
  const first = header + 4;
  const at = first + Math.floor(rnd() * (grid.values.length - first + 1));
  const values = [...grid.values.slice(0, at), row, ...grid.values.slice(at)];
  return { ...grid, values };
}

/** Every procedure of `m` as ФИС ОКО sheets (title and sheet name naming it). */
export function statSheets(m: Municipality, patch?: (p: GenProcedure, grid: SheetGrid) => SheetGrid): CraftSheet[] {
  return m.procedures.map((p) => craftSheet(patch ? patch(p, statGrid(m, p)) : statGrid(m, p)));
}

export { random, procedureId, sum, percent };

/**
 * A small file that inflates to a huge part: `book`'s parts as they are, with
 * `part` replaced by `head`, `repeat(i)` for i < `times`, then `tail`, deflated as a
 * stream (never held whole), written to `file`. Returns the part's inflated size.
 */
export function bombBook(
  file: string,
  book: Uint8Array,
  part: string,
  piece: { head: string; repeat: (i: number) => string; times: number; tail: string },
): number {
  const parts = unzipSync(book);
  const fd = openSync(file, "w");
  let inflated = 0;
  try {
    const zip = new Zip((err, chunk) => {
      if (err) throw err;
      writeSync(fd, chunk);
    });
    for (const [name, bytes] of Object.entries(parts)) {
      if (name === part) continue;
      const entry = new ZipDeflate(name, { level: 6 });
      zip.add(entry);
      entry.push(bytes, true);
    }
    const big = new ZipDeflate(part, { level: 1 });
    zip.add(big);
    const push = (text: string, last = false) => {
      const bytes = strToU8(text);
      inflated += bytes.length;
      big.push(bytes, last);
    };
    push(piece.head);
    // Batched: one push per about a megabyte.
    let batch = "";
    for (let i = 0; i < piece.times; i++) {
      batch += piece.repeat(i);
      if (batch.length > 1 << 20) {
        push(batch);
        batch = "";
      }
    }
    push(batch + piece.tail, true);
    zip.end();
  } finally {
    closeSync(fd);
  }
  return inflated;
}
