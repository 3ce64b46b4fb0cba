/**
 * Deterministic region-style workbooks for the benchmark: a wide table with a
 * title, a two-row merged header, four id columns and, for three years, 14
 * counted procedures and 2 that are not counted, two columns each.
 */
import ExcelJS from "exceljs";
import { Cell } from "../src/core";

export const YEARS = [2022, 2023, 2024];

let labelCache: { label: string; counted: boolean }[] | null = null;

export function procedureLabels(): { label: string; counted: boolean }[] {
  if (labelCache) return labelCache;
  const labels: { label: string; counted: boolean }[] = [];
  for (const year of YEARS) {
    for (const subject of ["МА", "РУ"])
      for (let grade = 4; grade <= 8; grade++) labels.push({ label: `ВПР ${subject} ${grade} ${year}`, counted: true });
    for (const exam of ["ОГЭ МА", "ОГЭ РУ", "ЕГЭ МА проф.", "ЕГЭ РУ"]) labels.push({ label: `${exam} ${year}`, counted: true });
    labels.push({ label: `ВПР ОМ 4 ${year}`, counted: false }, { label: `ВПР ИС 5 ${year}`, counted: false });
  }
  labelCache = labels;
  return labels;
}

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const TITLE_ROWS: Cell[][] = [["Результаты оценочных процедур общеобразовательных организаций региона"], []];

export function headerRows(): Cell[][] {
  const labels = procedureLabels();
  return [
    ["№", "Муниципалитет", "Наименование ОО", "Логин ОО", ...labels.flatMap((p) => [p.label, null])],
    [null, null, null, null, ...labels.flatMap(() => ["% «2»", "% выс. рез."])],
  ];
}

/** School i's row: weak schools (about one in eight) have many results at or above 30 %. */
export function schoolRow(i: number): Cell[] {
  const next = random(i + 1);
  const weak = next() < 0.125;
  const row: Cell[] = [i + 1, `Муниципалитет ${1 + (i % 60)}`, `МБОУ «СОШ № ${i + 1}»`, `sch${String(100000 + i)}`];
  const procedures = procedureLabels().length;
  for (let p = 0; p < procedures; p++) {
    if (next() < 0.08) {
      row.push("-", "-");
      continue;
    }
    const fail = Math.round((weak ? 15 + next() * 35 : next() * 28) * 10) / 10;
    row.push(fail, Math.round((10 + next() * 50) * 10) / 10);
  }
  return row;
}

export function gridOf(schools: number): Cell[][] {
  const rows: Cell[][] = [...TITLE_ROWS, ...headerRows()];
  for (let i = 0; i < schools; i++) rows.push(schoolRow(i));
  return rows;
}

export async function writeRegionWorkbook(file: string, schools: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet("Результаты");
  const head = [...TITLE_ROWS, ...headerRows()];
  head.forEach((row) => ws.addRow(row));
  // Merges must be declared before their rows are committed.
  procedureLabels().forEach((_, i) => ws.mergeCells(3, 5 + 2 * i, 3, 6 + 2 * i));
  for (let i = 0; i < schools; i++) ws.addRow(schoolRow(i)).commit();
  ws.commit();
  await wb.commit();
}
