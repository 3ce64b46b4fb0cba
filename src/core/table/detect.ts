/**
 * Finds a results table in the first rows of a sheet and decides what each
 * column holds. Only a prefix is needed, so a file can be streamed.
 */
import { minOf } from "../arrays";
import { Cell, displayText, isBlank, normalizeText, readNumber, SheetGrid } from "../cells";
import { ShnorError } from "../errors";
import {
  completeProcedure,
  hasAnyPart,
  lacksGrade,
  mergeParts,
  parseProcedureParts,
  Procedure,
  ProcedureParts,
  procedureLabel,
} from "../procedures";
import { findMeasure, GIA_TYPES, Measure } from "../vocabulary";
import { idRoleOf, IdRole, journalRoleOf, longRoleOf, LongRole, pupilRoleOf, RECOGNITION_TITLE, titleSchoolOf } from "./headers";
import { ColumnPlan, ColumnRole, GRADE_HINT, Layout, TableShape } from "./model";
import { isLevelRowLabel, taskLevelOf } from "../tasks/levels";

/** How many rows from the top may hold titles and headers. */
export const DETECT_ROWS = 40;
/** The most header rows the wide detector reads; a row read by itself (=SHNOR.STATUS) gets as many. */
export const MAX_HEADER_ROWS = 4;

interface RowSurvey {
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

function surveyRow(row: Cell[]): RowSurvey {
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
function withGrade(procedure: Procedure | null): Procedure | undefined {
  return procedure && !lacksGrade(procedure) ? procedure : undefined;
}

/** A ФИС ОКО sheet of one ВПР whose title and name give no grade: an error, never a silent merge of two grades. */
export function noGrade(sheetName: string): ShnorError {
  return new ShnorError(
    "no-procedure",
    `Лист «${sheetName}»: у ВПР не указан класс — ни в строках над таблицей, ни в названии листа (ФИС ОКО обрезает названия листов до ${SHEET_NAME_MAX} символа, и класс мог пропасть). Без класса результаты разных классов слились бы в одну процедуру: ${GRADE_HINT}.`,
  );
}

function mergedValue(grid: SheetGrid, r: number, c: number): Cell {
  for (const m of grid.merges ?? []) {
    if (r >= m.top && r <= m.bottom && c >= m.left && c <= m.right) return grid.values[m.top]?.[m.left];
  }
  return grid.values[r]?.[c];
}

function widthOf(rows: Cell[][]): number {
  return rows.reduce((w, row) => Math.max(w, row.length), 0);
}

/**
 * Finds the table in the first rows of a sheet, or null when there is none.
 * `grid` needs only the first DETECT_ROWS rows (more are ignored).
 */
export function detectTable(grid: SheetGrid): TableShape | null {
  const rows = grid.values.slice(0, DETECT_ROWS);
  const sheetName = grid.sheetName ?? "";
  const offset = grid.firstRow ?? 0;
  // The recognition report `shnor collect` writes beside the joined table quotes headers: not a table.
  if (rows[0]?.[0] === RECOGNITION_TITLE) return null;
  const surveys = rows.map(surveyRow);
  const colOffset = grid.firstColumn ?? 0;
  return (
    detectJournal(rows, offset, colOffset, sheetName) ??
    detectPupils(rows, offset, colOffset, sheetName) ??
    detectProtocol(rows, offset, colOffset, sheetName) ??
    detectLong(rows, surveys, offset, colOffset, sheetName) ??
    detectFisOko(rows, surveys, offset, colOffset, sheetName) ??
    detectWide(grid, rows, surveys, offset, sheetName)
  );
}

function detectLong(rows: Cell[][], surveys: RowSurvey[], offset: number, colOffset: number, sheetName: string): TableShape | null {
  const r = surveys.findIndex(
    (s) =>
      (s.ids.has("name") || s.ids.has("login")) &&
      (s.longs.has("procedure") || s.longs.has("subject")) &&
      [...s.measures.values()].some((m) => m === "failPercent" || m === "failCount" || m === "passPercent" || m === "participants"),
  );
  if (r < 0) return null;
  const s = surveys[r];
  const columns: ColumnPlan[] = [];
  const header = rows[r];
  for (let c = 0; c < header.length; c++) {
    const text = normalizeText(header[c]);
    if (!text) continue;
    const id = idRoleOf(text);
    const long = longRoleOf(text);
    const mark = s.marks.get(c);
    const measure = s.measures.get(c) ?? (mark !== undefined ? (`mark${mark}` as Measure) : undefined);
    let role: ColumnRole;
    if (id && s.ids.get(id) === c) role = { kind: id };
    else if (long && s.longs.get(long) === c) role = { kind: long };
    else if (measure) role = { kind: "longMeasure", measure };
    else role = { kind: "ignored", reason: "заголовок не распознан" };
    columns.push({ column: colOffset + c, header: String(header[c]).trim(), role });
  }
  const context = contextParts(sheetName, rows.slice(0, r));
  // The regional dashboards give Год | Класс | Предмет and no type: a grade says ВПР.
  if (!s.longs.has("procedure") && context.type === null && s.longs.has("grade")) {
    context.type = "ВПР";
    const grade = columns.find((c) => c.role.kind === "grade");
    if (grade) grade.note = "вид процедуры не указан: принят ВПР (есть класс)";
  }
  return oneRowShape("long", sheetName, offset + r, colOffset, header, columns, { context });
}

/** «Сравнение отметок с отметками по журналу»: a names column and понизили / подтвердили / повысили. */
function detectJournal(rows: Cell[][], offset: number, colOffset: number, sheetName: string): TableShape | null {
  const r = rows.findIndex((row) => {
    const texts = row.map((c) => normalizeText(c));
    return texts.some((t) => /^понизил/.test(t)) && texts.some((t) => /^повысил/.test(t)) && texts.some((t) => idRoleOf(t) === "name");
  });
  if (r < 0) return null;
  const header = rows[r];
  const context = contextParts(sheetName, rows.slice(0, r));
  const columns: ColumnPlan[] = [];
  let named = false;
  for (let c = 0; c < header.length; c++) {
    if (isBlank(header[c])) continue;
    const text = normalizeText(header[c]);
    const id = idRoleOf(text);
    const journal = journalRoleOf(text);
    let role: ColumnRole;
    if (id === "name" && !named) {
      role = { kind: "name" };
      named = true;
    } else if (id === "login" || id === "territory") role = { kind: id };
    else if (journal) role = { kind: "journal", ...journal };
    else role = { kind: "ignored", reason: "не нужен для сравнения с журналом" };
    columns.push({ column: colOffset + c, header: String(header[c]).trim(), role });
  }
  return oneRowShape("journal", sheetName, offset + r, colOffset, header, columns, {
    procedure: withGrade(completeProcedure(context)),
    context,
  });
}

/**
 * «Индивидуальные результаты» (Ф1): a participant code column, a mark or a
 * primary score, and a school (a name or login column, or group rows).
 */
function detectPupils(rows: Cell[][], offset: number, colOffset: number, sheetName: string): TableShape | null {
  const r = rows.findIndex((row) => {
    const roles = row.filter((c) => !isBlank(c)).map((c) => pupilRoleOf(normalizeText(c))?.field);
    const school = row.some((c) => !isBlank(c) && idRoleOf(normalizeText(c)) !== null);
    return school && roles.includes("code") && (roles.includes("mark") || roles.includes("primary")) && roles.includes("task");
  });
  if (r < 0) return null;
  const header = rows[r];
  const levels = levelRow(rows, r);
  const context = contextParts(
    sheetName,
    rows.slice(0, r).filter((row) => row !== levels),
  );
  const texts = header.map((c) => normalizeText(c));
  // «ОО | Муниципалитет | Название ОО»: the name is the «Название» column, the bare «ОО» holds the login.
  const nameAt = texts.findIndex((t) => idRoleOf(t) === "name" && /назван|наимен/.test(t));
  const columns: ColumnPlan[] = [];
  const taken = new Set<string>();
  for (let c = 0; c < header.length; c++) {
    if (isBlank(header[c])) continue;
    const text = texts[c];
    const pupil = pupilRoleOf(text);
    const id = idRoleOf(text);
    let role: ColumnRole;
    if (pupil && (pupil.field === "task" || !taken.has(pupil.field))) {
      role = { kind: "pupil", ...pupil };
      taken.add(pupil.field);
    } else if (id === "name" && nameAt >= 0 && c !== nameAt && !taken.has("login")) role = { kind: "login" };
    else if (id && !taken.has(id)) role = { kind: id };
    else role = { kind: "ignored", reason: "не нужен для правила" };
    if (role.kind === "name" || role.kind === "login" || role.kind === "territory") taken.add(role.kind);
    columns.push({ column: colOffset + c, header: String(header[c]).trim(), role });
  }
  setTaskColumns(columns, rows, r, colOffset);
  // A ВПР without a grade in the title takes it from the class column, group by group.
  return oneRowShape("pupils", sheetName, offset + r, colOffset, header, columns, {
    procedure: withGrade(completeProcedure(context)),
    context,
  });
}

/**
 * A protocol of the regional centre (РЦОИ) or a school: a row per pupil with
 * the school (a login/code or name column), a mark or the minimum threshold's
 * verdict, and who the pupil is (a code, the name, or a primary score). Tasks
 * are optional. The procedure comes from the title block and the sheet name,
 * or per row from subject / exam / date / year columns (several exams a sheet).
 */
function detectProtocol(rows: Cell[][], offset: number, colOffset: number, sheetName: string): TableShape | null {
  const lineOf = (row: Cell[]) =>
    row
      .filter((c) => !isBlank(c))
      .map((c) => displayText(c))
      .join(" ");
  let titleSchool: { name: string | null; login: string | null } | undefined;
  const r = rows.findIndex((row, i) => {
    const texts = row.filter((c) => !isBlank(c)).map((c) => normalizeText(c));
    const roles = texts.map((t) => pupilRoleOf(t)?.field);
    const verdict = roles.includes("mark") || roles.includes("passed");
    const pupil = roles.includes("code") || roles.includes("person") || roles.includes("primary");
    if (!verdict || !pupil) return false;
    const school = texts.some((t) => {
      const id = idRoleOf(t);
      return id === "name" || id === "login";
    });
    if (school) return true;
    // A protocol of one school names it in the title block.
    for (const line of rows.slice(0, i).map(lineOf)) {
      const found = titleSchoolOf(line);
      if (found) titleSchool = { name: found.name ?? titleSchool?.name ?? null, login: found.login ?? titleSchool?.login ?? null };
    }
    return titleSchool !== undefined;
  });
  if (r < 0) return null;
  const header = rows[r];
  const levels = levelRow(rows, r);
  // The school's line is no part of the procedure («СОШ № 1» is not grade 1).
  const context = contextParts(
    sheetName,
    rows.slice(0, r).filter((row) => row !== levels && titleSchoolOf(lineOf(row)) === null),
  );
  const columns: ColumnPlan[] = [];
  const taken = new Set<string>();
  for (let c = 0; c < header.length; c++) {
    if (isBlank(header[c])) continue;
    const text = normalizeText(header[c]);
    const pupil = pupilRoleOf(text);
    const id = idRoleOf(text);
    const long = longRoleOf(text);
    let role: ColumnRole;
    if (pupil && (pupil.field === "task" || pupil.field === "person" || !taken.has(pupil.field))) {
      role = { kind: "pupil", ...pupil };
      taken.add(pupil.field);
    } else if (id && id !== "number" && !taken.has(id)) role = { kind: id };
    else if (long && long !== "grade" && !taken.has(long)) role = { kind: long };
    else if (id === "number") role = { kind: "number" };
    else role = { kind: "ignored", reason: "не нужен для правила" };
    if (role.kind !== "pupil" && role.kind !== "ignored") taken.add(role.kind);
    columns.push({ column: colOffset + c, header: String(header[c]).trim(), role });
  }
  setTaskColumns(columns, rows, r, colOffset);
  // A class column gives a ВПР protocol its grade when the title does not («ВПР Математика», «5А»).
  const gradeByRow =
    context.grade === null &&
    !(context.type && GIA_TYPES.has(context.type)) &&
    columns.some((c) => c.role.kind === "pupil" && c.role.field === "grade");
  const perRow = gradeByRow || columns.some((c) => c.role.kind === "procedure" || c.role.kind === "subject" || c.role.kind === "year");
  const shape = oneRowShape("protocol", sheetName, offset + r, colOffset, header, columns, {
    procedure: perRow ? undefined : withGrade(completeProcedure(context)),
    context,
  });
  if (titleSchool && !columns.some((c) => c.role.kind === "name" || c.role.kind === "login")) shape.titleSchool = titleSchool;
  return shape;
}

/** ФИС ОКО's «Кол-во ОО»: how many schools a territory row stands for (blank on a school's row). */
const SCHOOL_COUNT_HEADER = /^(кол-?во|количество|число) (оо|оу|школ)$/;

/** The rows near a pupil table's header that a task's level or maximum may stand in: three above it, one below. */
function nearHeader(rows: Cell[][], header: number): Cell[][] {
  return [header - 1, header - 2, header - 3, header + 1].filter((r) => r >= 0 && r < rows.length).map((r) => rows[r]);
}

/**
 * The row «Уровень сложности задания» near the header, if any; without that label, a row whose cells above
 * (or under) the tasks are levels only («Б», «П», «В»), at least half of them filled.
 */
function levelRow(rows: Cell[][], header: number, tasks: number[] = []): Cell[] | null {
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
function setTaskColumns(columns: ColumnPlan[], rows: Cell[][], header: number, colOffset: number): void {
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

function detectFisOko(rows: Cell[][], surveys: RowSurvey[], offset: number, colOffset: number, sheetName: string): TableShape | null {
  const r = surveys.findIndex((s) => (s.ids.has("login") || s.ids.has("name")) && s.marks.size >= 3 && [...s.marks.values()].includes(2));
  if (r < 0) return null;
  const s = surveys[r];
  const context = contextParts(sheetName, rows.slice(0, r));
  const procedure = completeProcedure(context);
  if (procedure && lacksGrade(procedure)) throw noGrade(sheetName);
  const header = rows[r];
  const columns: ColumnPlan[] = [];
  let schoolCountColumn: number | undefined;
  for (let c = 0; c < header.length; c++) {
    if (isBlank(header[c])) continue;
    const text = normalizeText(header[c]);
    const id = idRoleOf(text);
    const mark = s.marks.get(c);
    const measure = findMeasure(text);
    let role: ColumnRole;
    if (schoolCountColumn === undefined && SCHOOL_COUNT_HEADER.test(text)) {
      schoolCountColumn = colOffset + c;
      role = { kind: "ignored", reason: "число ОО: строка, где оно указано, — территория, а не школа" };
    } else if (id && s.ids.get(id) === c) role = { kind: id };
    else if (mark !== undefined)
      role = procedure
        ? { kind: "measure", procedure, measure: `mark${mark}` as Measure }
        : { kind: "ignored", reason: "процедура листа не определена" };
    else if (measure?.measure === "participants" && procedure) role = { kind: "measure", procedure, measure: "participants" };
    else role = { kind: "ignored", reason: "не нужен для правила" };
    columns.push({ column: colOffset + c, header: String(header[c]).trim(), role });
  }
  const shape = oneRowShape("fisoko", sheetName, offset + r, colOffset, header, columns, { procedure: procedure ?? undefined });
  if (schoolCountColumn !== undefined) shape.schoolCountColumn = schoolCountColumn;
  return shape;
}

function detectWide(grid: SheetGrid, rows: Cell[][], surveys: RowSurvey[], offset: number, sheetName: string): TableShape | null {
  const first = procedureHeaderRow(surveys);
  if (first < 0) return null;
  let top = first;
  for (let r = first - 1; r >= Math.max(0, first - 2); r--) if (surveys[r].ids.size > 0) top = r;
  let bottom = first;
  while (
    bottom + 1 < rows.length &&
    bottom - top + 1 < MAX_HEADER_ROWS &&
    isHeaderLike(rows[bottom + 1], surveys[bottom + 1], surveys[first])
  )
    bottom++;

  const width = widthOf(rows.slice(top, bottom + 1));
  const block = fillHeaderBlock(grid, top, bottom, width);
  const context = contextParts(sheetName, rows.slice(0, top));
  const colOffset = grid.firstColumn ?? 0;
  const drafts: WideDraft[] = [];
  const idTaken = new Set<IdRole>();
  for (let c = 0; c < width; c++) {
    const texts = block.map((row) => row[c].text);
    const own = block.map((row) => (row[c].inherited ? "" : row[c].text));
    if (texts.every((t) => t === "")) continue;
    const draft = draftWideColumn(colOffset + c, texts, own, context);
    draft.header = joinHeader(block.map((row) => row[c].display));
    if (draft.idRole) {
      if (idTaken.has(draft.idRole)) draft.idRole = undefined;
      else idTaken.add(draft.idRole);
    }
    drafts.push(draft);
  }
  const columns = drafts.map((d) => finishWideColumn(d, drafts));
  if (!columns.some((p) => p.role.kind === "measure")) return null;
  // A title block over a table the detectors missed («Протокол … ОГЭ / Предмет: …») is one column of labels: no room for names.
  if (!columns.some((p) => p.role.kind !== "measure")) return null;
  return {
    layout: "wide",
    sheetName,
    headerTop: offset + top,
    headerBottom: offset + bottom,
    firstColumn: colOffset,
    columns,
    headerTexts: headerTextsOf(rows.slice(top, bottom + 1)),
  };
}

/**
 * The row of procedure labels: the one naming most procedures or their parts
 * («Математика 5 кл.»), helped by id headers beside it or measures under it, so
 * a title like «Итоги ВПР, ОГЭ, ЕГЭ» loses and becomes context.
 */
function procedureHeaderRow(surveys: RowSurvey[]): number {
  let best = -1;
  let bestScore = 0;
  surveys.forEach((s, r) => {
    if (s.partCells === 0) return;
    const score = s.procedureLabels.length + s.partCells + (s.ids.size > 0 ? 1 : 0) + ((surveys[r + 1]?.measures.size ?? 0) > 0 ? 1 : 0);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  });
  return best;
}

/** A row under the procedure labels that still belongs to the header: text where the data will be numbers. */
function isHeaderLike(row: Cell[], survey: RowSurvey, labels: RowSurvey): boolean {
  if (survey.textCells === 0) return false;
  const firstLabel = minOf(labels.procedureLabels);
  for (let c = firstLabel; c < row.length; c++) {
    if (isBlank(row[c])) continue;
    if (readNumber(row[c]).kind === "number") return false;
  }
  return survey.measures.size > 0 || survey.partCells > 0;
}

interface HeaderCell {
  /** Normalized, for matching. */
  text: string;
  /** As the user wrote it, for the report. */
  display: string;
  inherited: boolean;
}

/**
 * The header block with merged areas resolved and a blank after a procedure
 * label read as that label (how a merge arrives from a range without merge info).
 */
function fillHeaderBlock(grid: SheetGrid, top: number, bottom: number, width: number): HeaderCell[][] {
  const block: HeaderCell[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row: HeaderCell[] = [];
    for (let c = 0; c < width; c++) {
      const own = grid.values[r]?.[c];
      const merged = isBlank(own) ? mergedValue(grid, r, c) : own;
      row.push({ text: normalizeText(merged), display: displayText(merged), inherited: isBlank(own) && !isBlank(merged) });
    }
    block.push(row);
  }
  const last = block.length - 1;
  for (let i = 0; i < last; i++) {
    const row = block[i];
    for (let c = 1; c < width; c++) {
      if (row[c].text !== "") continue;
      const left = row[c - 1];
      if (!left.text || !hasAnyPart(parseProcedureParts(left.text))) continue;
      const sameParent = i === 0 || block[i - 1][c].text === block[i - 1][c - 1].text;
      const underMeasure = block[last][c].text !== "" || block.slice(i + 1, last).some((below) => below[c].text !== "");
      if (sameParent && underMeasure) row[c] = { ...left, inherited: true };
    }
  }
  return block;
}

function joinHeader(texts: string[]): string {
  const out: string[] = [];
  for (const t of texts) if (t && out[out.length - 1] !== t) out.push(t);
  return out.join(" / ");
}

interface WideDraft {
  column: number;
  header: string;
  idRole?: IdRole;
  procedure: Procedure | null;
  measure: Measure | null;
  /** The procedure label stands in this column itself, not inherited from a merge. */
  ownLabel: boolean;
  missing: string[];
  anyPart: boolean;
}

function draftWideColumn(column: number, texts: string[], own: string[], context: ProcedureParts): WideDraft {
  const header = joinHeader(texts);
  const idRole = own.map((t) => idRoleOf(t)).find((x) => x !== null) ?? undefined;
  let measure: Measure | null = null;
  let parts: ProcedureParts = { type: null, subject: null, grade: null, level: null, year: null };
  let ownLabel = false;
  // Lower rows are more specific: read them first so they win a conflict.
  for (let r = texts.length - 1; r >= 0; r--) {
    const text = texts[r];
    if (!text || (r > 0 && text === texts[r - 1])) continue;
    const found = findMeasure(text);
    if (found && measure === null) measure = found.measure;
    const rowParts = parseProcedureParts(found ? found.rest : text);
    if (own[r] && hasAnyPart(rowParts)) ownLabel = true;
    parts = mergeParts(parts, rowParts);
  }
  const anyPart = hasAnyPart(parts);
  parts = mergeParts(parts, context);
  const missing = [parts.type ? "" : "вид процедуры", parts.subject ? "" : "предмет", parts.year !== null ? "" : "год"].filter((x) => x);
  const procedure = completeProcedure(parts);
  // A ВПР column without a grade would merge with every grade's: it is left out, and the reason says what is missing.
  if (procedure && lacksGrade(procedure))
    return { column, header, idRole, procedure: null, measure, ownLabel, missing: ["класс"], anyPart };
  return { column, header, idRole, procedure, measure, ownLabel, missing, anyPart };
}

function finishWideColumn(d: WideDraft, all: WideDraft[]): ColumnPlan {
  const base = { column: d.column, header: d.header };
  if (d.idRole) return { ...base, role: { kind: d.idRole } };
  if (!d.procedure) {
    const reason = d.anyPart ? `в заголовке не хватает: ${d.missing.join(", ")}` : "заголовок не распознан";
    return { ...base, role: { kind: "ignored", reason } };
  }
  if (d.measure) return { ...base, role: { kind: "measure", procedure: d.procedure, measure: d.measure } };
  // A procedure label over a single unlabelled column: read it as % «2», and say so.
  const key = procedureLabel(d.procedure);
  const alone = !all.some((o) => o !== d && o.procedure && procedureLabel(o.procedure) === key);
  if (d.ownLabel && alone) {
    return {
      ...base,
      role: { kind: "measure", procedure: d.procedure, measure: "failPercent" },
      note: "показатель не подписан: принят за «% 2»",
    };
  }
  return { ...base, role: { kind: "ignored", reason: "не распознан показатель" } };
}

/** A table whose header is the one sheet row `row`. */
function oneRowShape(
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

function headerTextsOf(rows: Cell[][]): Set<string> {
  const set = new Set<string>();
  for (const row of rows) for (const cell of row) if (!isBlank(cell)) set.add(normalizeText(cell));
  return set;
}
