/**
 * Region-sized results tables, deterministic: wide layout, three years of the
 * 14 procedures the rule counts (ВПР математика and русский язык in grades
 * 4–8, ОГЭ and ЕГЭ in both) plus three it does not, two columns each.
 */
import { Cell, SheetGrid } from "../../src/core";

const COUNTED = [...[4, 5, 6, 7, 8].flatMap((g) => [`ВПР МА ${g}`, `ВПР РУ ${g}`]), "ОГЭ МА", "ОГЭ РУ", "ЕГЭ МА", "ЕГЭ РУ"];
const NOT_COUNTED = ["ВПР ОМ 4", "ОГЭ история", "ЕГЭ физика"];

/** A small linear congruential generator: the same table on every machine. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

export function bigWideGrid(schools: number, seed = 42, years = [2022, 2023, 2024]): SheetGrid {
  const next = random(seed);
  const procedures = years.flatMap((y) => [...COUNTED, ...NOT_COUNTED].map((p) => `${p} ${y}`));
  const ids = ["Муниципалитет", "Наименование ОО", "Логин ОО"];
  const values: Cell[][] = [
    ["Результаты оценочных процедур по ОО региона"],
    [],
    [...ids, ...procedures.flatMap((p) => [p, null])],
    [null, null, null, ...procedures.flatMap(() => ["% 2", "% выс. рез."])],
  ];
  for (let i = 0; i < schools; i++) {
    const row: Cell[] = [
      `МО № ${1 + (i % 60)}`,
      `МБОУ «СОШ № ${i + 1}» ${["г. Н-ска", "с. Заречное", "пос. Лесной"][i % 3]}`,
      `sch${100000 + i}`,
    ];
    // A few schools are weak everywhere, so some are ШНОР and more at risk.
    const weak = next() < 0.04;
    for (let p = 0; p < procedures.length; p++) {
      if (next() < 0.05) {
        row.push("-", "-");
        continue;
      }
      // Now and then an ordinary school has one bad result: «в зоне риска».
      const bad = weak || next() < 0.01;
      const fail = Math.round((bad ? 20 + next() * 30 : next() * 22) * 10) / 10;
      row.push(fail, Math.round(next() * 40 * 10) / 10);
    }
    values.push(row);
  }
  return { values, sheetName: "Регион" };
}
