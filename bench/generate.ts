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

/** The Ф1 bench: tasks of a ВПР work with their levels and maxima (20 columns, sub-items among them). */
export const F1_TASKS: { label: string; max: number; level: string }[] = Array.from({ length: 20 }, (_, i) => ({
  label: i === 8 ? "9.1" : i === 9 ? "9.2" : i === 17 ? "17К1" : String(i + 1),
  max: 1 + (i % 3),
  level: i < 12 ? "Б" : i < 17 ? "П" : "В",
}));
export const F1_PUPILS_PER_SCHOOL = 50;

export const F1_HEAD: Cell[][] = [
  ["Индивидуальные результаты участников"],
  ["ВПР 2026 Математика 5 класс"],
  [],
  ["Уровень сложности задания", null, null, null, null, null, ...F1_TASKS.map((t) => t.level)],
  [
    "ОО",
    "Муниципалитет",
    "Название ОО",
    "Код участника",
    "Класс",
    "Вариант",
    ...F1_TASKS.map((t) => `${t.label} (${t.max}б)`),
    "Первичный балл",
    "Отметка",
  ],
];

/** Pupil k's row (k from 0), and before each school's first pupil its group row; one in 30 is absent. */
export function f1Rows(k: number): Cell[][] {
  const school = Math.floor(k / F1_PUPILS_PER_SCHOOL);
  const login = `edu${String(400000 + school)}`;
  const name = `МБОУ «СОШ № ${school + 1}»`;
  const rows: Cell[][] = [];
  if (k % F1_PUPILS_PER_SCHOOL === 0) rows.push([`${name}(${login})`, `Кол-во участников: ${F1_PUPILS_PER_SCHOOL}`]);
  const lead = [login, `Муниципалитет ${1 + (school % 60)}`, name, String(10000000 + k), "5А"];
  const next = random(k + 7);
  if (next() < 1 / 30) {
    rows.push([...lead, "отсутствовал", ...F1_TASKS.map(() => "X"), null, null]);
    return rows;
  }
  const ability = 0.3 + next() * 0.6;
  const scores = F1_TASKS.map((t) => {
    let s = 0;
    for (let p = 0; p < t.max; p++) if (next() < ability) s++;
    return s;
  });
  const primary = scores.reduce((a, b) => a + b, 0);
  rows.push([...lead, 1 + (k % 2), ...scores, primary, primary >= 30 ? 5 : primary >= 22 ? 4 : primary >= 12 ? 3 : 2]);
  return rows;
}

/** A region's Ф1 of `pupils` pupil rows, 20 tasks each, streamed. */
export async function writeF1Workbook(file: string, pupils: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet("МА 5 Индивидуальные результаты");
  F1_HEAD.forEach((row) => ws.addRow(row));
  for (let k = 0; k < pupils; k++) for (const row of f1Rows(k)) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
}

export function f1Grid(pupils: number): Cell[][] {
  const rows: Cell[][] = [...F1_HEAD];
  for (let k = 0; k < pupils; k++) rows.push(...f1Rows(k));
  return rows;
}
