/**
 * What the task pane computes without Excel or React: the settings form,
 * the recognition report, the results list, column corrections. Tested in
 * tests/taskpane.
 */
import {
  Analysis,
  ColumnOverride,
  columnLetter,
  Criterion2Variant,
  DEFAULT_SETTINGS,
  formatPercent,
  Measure,
  MEASURE_TEXT,
  parseSchoolYear,
  ProcedureType,
  reasonText,
  recognitionSummary,
  resolveSettings,
  ResultsTable,
  tableYears,
  roleText,
  Settings,
  ShnorError,
  Status,
} from "../core";
import { orderDate, type AnnexSchools, type DocumentSettingsInput } from "../core/documents";
import type { ReadResult } from "../excel";
import type { FileSummary } from "../io/inputs";
import { STRINGS } from "./strings";

/** The settings as the form holds them: numbers as typed, so «30,5» can be half-typed. */
export interface SettingsDraft {
  threshold: string;
  /** "" for «the latest year with data». */
  year: string;
  countedTypes: ProcedureType[];
  countedSubjects: string[];
  criterion2: Criterion2Variant;
  minParticipants: string;
}

export function draftOf(settings: Settings): SettingsDraft {
  return {
    threshold: formatPercent(settings.threshold),
    year: settings.year === null ? "" : String(settings.year),
    countedTypes: [...settings.countedTypes],
    countedSubjects: [...settings.countedSubjects],
    criterion2: settings.criterion2,
    minParticipants: String(settings.minParticipants),
  };
}

function parseNumber(text: string): number {
  const clean = text.replace(/\s/g, "").replace(",", ".");
  return clean === "" ? Number.NaN : Number(clean);
}

/** The settings the draft says, or the engine's Russian message about the first bad value. */
export function settingsOf(draft: SettingsDraft): { settings: Settings; error: null } | { settings: null; error: string } {
  try {
    const settings = resolveSettings({
      threshold: parseNumber(draft.threshold),
      year: draft.year.trim() === "" ? null : parseNumber(draft.year),
      countedTypes: draft.countedTypes,
      countedSubjects: draft.countedSubjects,
      criterion2: draft.criterion2,
      minParticipants: parseNumber(draft.minParticipants),
    });
    return { settings, error: null };
  } catch (error) {
    return { settings: null, error: error instanceof ShnorError ? error.message : String(error) };
  }
}

export const DEFAULT_DRAFT = draftOf(DEFAULT_SETTINGS);

export interface Recognition {
  counts: { schools: number; procedures: number; counted: number; previousYear: number | null };
  sheet: string;
  schools: string;
  procedures: string;
  years: string;
  yearsUsed: string;
  counted: string;
}

/**
 * The engine's recognition summary in the pane's words. Files read on the web page name the one sheet
 * taken, or how many were joined, and no range (each sheet has its line in the files' list); a sheet of
 * the open workbook is named with the range read.
 */
export function recognition(read: ReadResult, analysis: Analysis): Recognition {
  const r = recognitionSummary(read.table, analysis);
  const s = STRINGS.recognition;
  const files = (read as ReadResult & { perFile?: FileSummary[] }).perFile;
  const taken = files?.flatMap((f) => f.sheets.filter((sheet) => sheet.taken)) ?? [];
  const sheet = !files
    ? s.sheet(read.sheet, read.address, r.layout)
    : taken.length === 1
      ? s.fileSheet(taken[0].sheet, r.layout)
      : s.joinedSheets(taken.length);
  return {
    counts: { schools: r.schools, procedures: r.procedures, counted: r.counted, previousYear: r.previous },
    sheet,
    schools: s.schools(r.schools),
    procedures: s.procedures(r.procedures, r.counted),
    years: s.years(r.years),
    yearsUsed: s.yearsUsed(r.previous, r.before),
    counted: s.counted(r.countedTypes, r.countedSubjects, r.threshold),
  };
}

/** Sheet lines the recognition view shows before «показать все». */
export const SHEETS_SHOWN = 10;

/** One line of the files-and-sheets list: a file's heading, or one of its sheets. */
export type FileLine = { kind: "file"; key: string; text: string } | { kind: "sheet"; key: string; taken: boolean; text: string };

/**
 * The files and their sheets as lines, in order: a heading per file, then a line per sheet,
 * at most `limit` sheet lines (a file whose sheets are all past the limit is left out);
 * and how many sheets there are in all and how many were taken.
 */
export function fileLines(files: FileSummary[], limit = Infinity): { lines: FileLine[]; sheets: number; taken: number } {
  const t = STRINGS.recognition.files;
  const lines: FileLine[] = [];
  let sheets = 0;
  let taken = 0;
  files.forEach((f, i) => {
    if (sheets < limit)
      lines.push({ kind: "file", key: `${i}`, text: f.skipped ? t.skipped(f.file, f.format, f.skipped) : t.file(f.file, f.format) });
    f.sheets.forEach((s, j) => {
      if (sheets < limit) lines.push({ kind: "sheet", key: `${i}.${j}`, taken: s.taken, text: t.sheet(s.sheet, s.taken, s.what) });
      sheets++;
      if (s.taken) taken++;
    });
  });
  return { lines, sheets, taken };
}

/** Years a user may pick as «the previous year»: those of the table, newest first. */
export function yearChoices(table: ResultsTable | null): number[] {
  if (!table) return [];
  return tableYears(table).reverse();
}

export interface ColumnRow {
  column: number;
  letter: string;
  header: string;
  role: string;
  ignored: boolean;
  overridden: boolean;
}

export function columnRows(table: ResultsTable): ColumnRow[] {
  return table.columns.map((c) => ({
    column: c.column,
    letter: columnLetter(c.column),
    header: c.header,
    role: roleText(c),
    ignored: c.role.kind === "ignored",
    overridden: c.overridden === true,
  }));
}

export type ListFilter = "shnor" | "risk" | "all";

export interface ListItem {
  key: string;
  name: string;
  status: Status;
  reason: string;
  /** 0-based sheet row. */
  row: number;
}

/** The most schools the pane's and the page's list shows: the whole list is on the sheet or in the report. */
export const LIST_MOST = 200;

/** The schools to list: ШНОР first, then risk, then the rest, each in table order; at most `limit`. */
export function resultList(analysis: Analysis, filter: ListFilter, limit = LIST_MOST): { items: ListItem[]; total: number } {
  const order: Record<Status, number> = { shnor: 0, risk: 1, ok: 2 };
  const chosen = analysis.verdicts
    .filter((v) => filter === "all" || v.status === filter)
    .map((v, i) => ({ v, i }))
    .sort((a, b) => order[a.v.status] - order[b.v.status] || a.i - b.i);
  return {
    total: chosen.length,
    items: chosen.slice(0, limit).map(({ v }) => ({
      key: `${v.school.row}:${v.school.name}`,
      name: v.school.name,
      status: v.status,
      reason: reasonText(v),
      row: v.school.row,
    })),
  };
}

export type ColumnRoleChoice = "name" | "login" | "territory" | "measure" | "ignore";

export interface ColumnForm {
  role: ColumnRoleChoice;
  procedure: string;
  measure: Measure;
}

/** The editor's starting point for a column: what the engine took it as. */
export function formOf(table: ResultsTable, column: number): ColumnForm {
  const plan = table.columns.find((c) => c.column === column);
  const role = plan?.role;
  if (!role || role.kind === "ignored") return { role: "ignore", procedure: "", measure: "failPercent" };
  if (role.kind === "name" || role.kind === "login" || role.kind === "territory")
    return { role: role.kind, procedure: "", measure: "failPercent" };
  if (role.kind === "measure") {
    const p = role.procedure;
    const label = [p.type, p.subject, p.grade ?? "", p.type === "ЕГЭ" && p.level ? p.level : "", p.year].filter((x) => x !== "").join(" ");
    return { role: "measure", procedure: label, measure: role.measure };
  }
  if (role.kind === "longMeasure") return { role: "measure", procedure: "", measure: role.measure };
  return { role: "ignore", procedure: "", measure: "failPercent" };
}

export function overrideOf(column: number, form: ColumnForm): ColumnOverride {
  if (form.role === "measure") return { column, as: "measure", procedure: form.procedure.trim(), measure: form.measure };
  return { column, as: form.role };
}

/** One correction a column: a new one replaces the old. */
export function withOverride(list: ColumnOverride[], next: ColumnOverride): ColumnOverride[] {
  return [...list.filter((o) => o.column !== next.column), next].sort((a, b) => a.column - b.column);
}

export function withoutOverride(list: ColumnOverride[], column: number): ColumnOverride[] {
  return list.filter((o) => o.column !== column);
}

export function overrideText(o: ColumnOverride): string {
  const roles = STRINGS.column.roles;
  const what = o.as === "measure" ? `${o.procedure}, ${MEASURE_TEXT[o.measure]}` : roles[o.as];
  return `${columnLetter(o.column)}: ${what}`;
}

/** Same settings? Used to tell whether the marks on the sheet still match. */
export function sameSettings(a: Settings | null, b: Settings | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The documents' settings as the form holds them. */
export interface DocumentsForm {
  /** "" for the default: the school year after the previous year of the results. */
  schoolYear: string;
  annexSchools: AnnexSchools;
  schoolRoadmaps: boolean;
  orderNumber: string;
  orderDate: string;
  orderIssuer: string;
}

/** The engine's objection to the order's date as typed, or null (empty is a blank to fill in by hand). */
export function orderDateError(text: string): string | null {
  try {
    orderDate(text);
    return null;
  } catch (e) {
    if (e instanceof ShnorError) return e.message;
    throw e;
  }
}

export function documentsForm(input: DocumentSettingsInput | undefined): DocumentsForm {
  return {
    schoolYear: input?.schoolYear !== undefined ? String(input.schoolYear) : "",
    annexSchools: input?.annexSchools ?? "shnor",
    schoolRoadmaps: input?.schoolRoadmaps ?? true,
    orderNumber: input?.order?.number ?? "",
    orderDate: input?.order?.date ?? "",
    orderIssuer: input?.order?.issuer ?? "",
  };
}

export function documentsInput(form: DocumentsForm): DocumentSettingsInput {
  const year = form.schoolYear.trim();
  const start = year === "" ? null : parseSchoolYear(year);
  if (year !== "" && start === null) throw new ShnorError("bad-setting", STRINGS.documents.badSchoolYear(year));
  return {
    ...(start === null ? {} : { schoolYear: start }),
    annexSchools: form.annexSchools,
    schoolRoadmaps: form.schoolRoadmaps,
    order: { number: form.orderNumber.trim(), date: form.orderDate.trim(), issuer: form.orderIssuer.trim() },
  };
}
