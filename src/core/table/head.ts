/**
 * What every layout's detector shares: how far down the header may sit, what
 * each of the first rows holds (a survey), the procedure the title lines and
 * the sheet name give, the shape of a one-row header, and the task columns of
 * a pupil-level table.
 */
import { Cell, isBlank, normalizeText, readNumber } from "../cells";
import { ShnorError } from "../errors";
import { hasAnyPart, lacksGrade, mergeParts, parseProcedureParts, Procedure, ProcedureParts } from "../procedures";
import { isLevelRowLabel, taskLevelOf } from "../tasks/levels";
import { findMeasure, Measure } from "../vocabulary";
import { idRoleOf, IdRole, longRoleOf, LongRole } from "./headers";
import { ColumnPlan, GRADE_HINT, Layout, TableShape } from "./model";

/** How many rows from the top may hold titles and headers. */
export const DETECT_ROWS = 40;
/** The most header rows the wide detector reads; a row read by itself (=SHNOR.STATUS) gets as many. */
export const MAX_HEADER_ROWS = 4;

export interface RowSurvey {
  ids: Map<IdRole, number>;
  longs: Map<LongRole, number>;
  measures: Map<number, Measure>;
  procedureLabels: number[];
  /** Cells naming any part of a procedure (a subject alone, «МА 5»), as in a lower header row. */
  partCells: number;
  marks: Map<number, number>;
  numericCells: number;
  textCells: number;
}

/** Surveys one row of the head (the detectors compare rows by their surveys). */
export function surveyRow(row: Cell[]): RowSurvey {
  const survey: RowSurvey = {
    ids: new Map(),
    longs: new Map(),
    measures: new Map(),
    procedureLabels: [],
    partCells: 0,
    marks: new Map(),
    numericCells: 0,
    textCells: 0,
  };
  row.forEach((cell, c) => {
    if (isBlank(cell)) return;
    if (typeof cell === "number") {
      survey.numericCells++;
      if (Number.isInteger(cell) && cell >= 2 && cell <= 5) survey.marks.set(c, cell);
      return;
    }
    const text = normalizeText(cell);
    if (readNumber(cell).kind === "number") {
      survey.numericCells++;
      if (/^[2-5]$/.test(text)) survey.marks.set(c, Number(text));
      return;
    }
    survey.textCells++;
    const id = idRoleOf(text);
    if (id && !survey.ids.has(id)) survey.ids.set(id, c);
    const long = longRoleOf(text);
    if (long && !survey.longs.has(long)) survey.longs.set(long, c);
    const measure = findMeasure(text);
    if (measure) survey.measures.set(c, measure.measure);
    const parts = parseProcedureParts(measure ? measure.rest : text);
    if (parts.type !== null || (parts.subject !== null && parts.year !== null)) survey.procedureLabels.push(c);
    if (hasAnyPart(parts)) survey.partCells++;
  });
  return survey;
}

/**
 * Reads the title lines above a table and the sheet name for what headers leave
 * out («ВПР 2023», «Математика 5 класс»); the line nearest the table wins.
 */
export function contextParts(sheetName: string, titleRows: Cell[][]): ProcedureParts {
  let parts: ProcedureParts = { type: null, subject: null, grade: null, level: null, year: null };
  for (let r = titleRows.length - 1; r >= 0; r--) {
    const line = titleRows[r]
      .filter((c) => !isBlank(c))
      .map((c) => String(c))
      .join(" ");
    if (line) parts = mergeParts(parts, parseProcedureParts(line));
  }
  // «Лист1» / «Sheet1» are Excel's default names, not «1 класс».
  if (!/^(лист|sheet)\s*\d*$/i.test(sheetName.trim())) parts = mergeParts(parts, parseProcedureParts(uncutSheetName(sheetName)));
  return parts;
}

/** Excel's longest sheet name: ФИС ОКО cuts its names there, often inside a word («… Математика 1» of «11 класс»). */
const SHEET_NAME_MAX = 31;

/** A sheet name of the longest length without its last word, which may be cut («Математика 1» is not grade 1). */
function uncutSheetName(sheetName: string): string {
  return sheetName.length === SHEET_NAME_MAX ? sheetName.replace(/\S+$/, "") : sheetName;
}

/** A complete procedure, or none where a ВПР lacks its grade (the rows or the caller must give it). */
export function withGrade(procedure: Procedure | null): Procedure | undefined {
  return procedure && !lacksGrade(procedure) ? procedure : undefined;
}

/** A ФИС ОКО sheet of one ВПР whose title and name give no grade: an error, never a silent merge of two grades. */
export function noGrade(sheetName: string): ShnorError {
  return new ShnorError(
    "no-procedure",
    `Лист «${sheetName}»: у ВПР не указан класс — ни в строках над таблицей, ни в названии листа (ФИС ОКО обрезает названия листов до ${SHEET_NAME_MAX} символа, и класс мог пропасть). Без класса результаты разных классов слились бы в одну процедуру: ${GRADE_HINT}.`,
  );
}

/** A table whose header is the one sheet row `row`. */
export function oneRowShape(
  layout: Layout,
  sheetName: string,
  row: number,
  firstColumn: number,
  header: Cell[],
  columns: ColumnPlan[],
  about: Pick<TableShape, "procedure" | "context">,
): TableShape {
  return { layout, sheetName, headerTop: row, headerBottom: row, firstColumn, columns, ...about, headerTexts: headerTextsOf([header]) };
}

/** The header cells' texts, normalized: a data row that repeats one is a repeated header, not a school. */
export function headerTextsOf(rows: Cell[][]): Set<string> {
  const set = new Set<string>();
  for (const row of rows) for (const cell of row) if (!isBlank(cell)) set.add(normalizeText(cell));
  return set;
}

/** The rows near a pupil table's header that a task's level or maximum may stand in: three above it, one below. */
function nearHeader(rows: Cell[][], header: number): Cell[][] {
  return [header - 1, header - 2, header - 3, header + 1].filter((r) => r >= 0 && r < rows.length).map((r) => rows[r]);
}

/**
 * The row «Уровень сложности задания» near the header, if any; without that label, a row whose cells above
 * (or under) the tasks are levels only («Б», «П», «В»), at least half of them filled.
 */
export function levelRow(rows: Cell[][], header: number, tasks: number[] = []): Cell[] | null {
  const near = nearHeader(rows, header);
  const labelled = near.find((row) => row.some((c) => typeof c === "string" && isLevelRowLabel(normalizeText(c))));
  if (labelled || tasks.length === 0) return labelled ?? null;
  return (
    near.find((row) => {
      const cells = tasks.map((c) => row[c] ?? null).filter((c) => !isBlank(c));
      return cells.length * 2 >= tasks.length && cells.every((c) => taskLevelOf(c) !== null);
    }) ?? null
  );
}

/** «Максимальный балл», «Макс. балл»: a row giving each task's maximum, where the headers do not («1» rather than «1 (2б)»). */
const MAX_ROW_LABEL = /^макс(имальный|\.)?\s*(первичный\s*)?балл/;

/**
 * Each task column takes its level («Б», «П», «В») from the level row (without one, or with another word, it
 * stays unknown), and a maximum its header does not give from a row of maxima under the tasks (a title line
 * «Максимальный первичный балл: 24» has no number under them and is not one).
 */
export function setTaskColumns(columns: ColumnPlan[], rows: Cell[][], header: number, colOffset: number): void {
  const tasks = columns.filter((p) => p.role.kind === "pupil" && p.role.field === "task");
  if (tasks.length === 0) return;
  const levels = levelRow(
    rows,
    header,
    tasks.map((p) => p.column - colOffset),
  );
  const at = (row: Cell[], plan: ColumnPlan) => row[plan.column - colOffset] ?? null;
  const whole = (cell: Cell) => {
    const r = readNumber(cell);
    return r.kind === "number" && Number.isInteger(r.value) && r.value >= 1 ? r.value : null;
  };
  const maxima = nearHeader(rows, header).find(
    (row) =>
      row.some((c) => typeof c === "string" && MAX_ROW_LABEL.test(normalizeText(c))) &&
      tasks.filter((plan) => whole(at(row, plan)) !== null).length * 2 >= tasks.length,
  );
  for (const plan of tasks) {
    if (plan.role.kind !== "pupil") continue;
    if (levels) plan.role.level = taskLevelOf(at(levels, plan));
    if (maxima && (plan.role.max ?? null) === null) plan.role.max = whole(at(maxima, plan));
  }
}
