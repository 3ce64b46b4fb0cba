/**
 * The returned forms, checked and matched to the report's schools by their
 * identity (never by file name): each value a whole number ≥ 0, a numerator
 * no larger than its denominator, a mark from the list. A school with no form
 * is missing; the same form twice counts once; one school with two different
 * forms is a conflict and counts not at all. Pure: the files come as grids.
 */
import { pushAll } from "../arrays";
import { Cell, normalizeText } from "../cells";
import { a1 } from "../render-contract/spec";
import { MARKS } from "../documents/roadmap";
import { FORM_HEADERS, FORM_ROADMAP_HEADERS, FormSchools } from "./form-sheets";
import { FormIdentity, IDENTITY_FIELDS, IDENTITY_MARK, IdentityField, identityProblem, schoolKey } from "./identity";
import { FormSchool, FormsManifest } from "./manifest";

/** A sheet of a returned file, its rows from the first (0-based, as read). */
export interface ReadSheet {
  name: string;
  rows: Cell[][];
}

/** A returned file as read, or why it could not be. */
export type ReadForm = { file: string; sheets: ReadSheet[] } | { file: string; error: string };

export type RejectedValue = string | number | boolean | null;

export interface Rejected {
  file: string;
  sheet: string | null;
  cell: string | null;
  value: RejectedValue;
  reason: string;
}

export type SchoolStatus = "received" | "missing" | "conflict";

export interface CollectedSchool {
  login: string | null;
  name: string;
  status: SchoolStatus;
  files: string[];
  /** The same form more than once, and so on. */
  note: string | null;
}

export interface CollectedValue {
  /** The indicator's text as on the form. */
  indicator: string;
  id: string;
  numerator: number | null;
  denominator: number | null;
  /** How many schools' figures the sums hold. */
  schools: number;
}

export interface CollectedMark {
  school: FormSchool;
  no: string;
  activity: string;
  /** The cell on the school's roadmap sheet in the report. */
  sheet: string;
  cell: string;
  mark: string | null;
  comment: string | null;
}

export interface CollectedForms {
  schools: CollectedSchool[];
  rejected: Rejected[];
  values: CollectedValue[];
  marks: CollectedMark[];
  /** Which schools were expected (the forms' choice, inferred from what came back unless given). */
  expected: FormSchools;
  /** The period the forms name (the commonest). */
  period: string | null;
}

/** One form as read: what it says for its school, and what was refused in it. */
interface FormReading {
  file: string;
  school: FormSchool;
  period: string;
  values: Map<string, { numerator: number; denominator: number | null }>;
  marks: { activity: number; mark: string | null; comment: string | null }[];
  rejected: Rejected[];
  /** Everything read, to tell the same form from a different one. */
  fingerprint: string;
}

const isEmpty = (c: Cell) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");
const shown = (c: Cell): RejectedValue => (c === undefined ? null : c);

/** The first row (of the first 30) holding every header, with the column of each. */
function findHeader(rows: Cell[][], words: string[]): { row: number; columns: number[] } | null {
  const wanted = words.map(normalizeText);
  for (let r = 0; r < Math.min(rows.length, 30); r++) {
    const line = (rows[r] ?? []).map(normalizeText);
    const columns = wanted.map((w) => line.indexOf(w));
    if (columns.every((c) => c >= 0)) return { row: r, columns };
  }
  return null;
}

function findSheet(
  form: { sheets: ReadSheet[] },
  words: string[],
): { sheet: ReadSheet; header: { row: number; columns: number[] } } | null {
  for (const sheet of form.sheets) {
    const header = findHeader(sheet.rows, words);
    if (header) return { sheet, header };
  }
  return null;
}

function identityOf(form: { sheets: ReadSheet[] }): Partial<FormIdentity> | null {
  const sheet = form.sheets.find((s) => s.rows[0]?.[0] === IDENTITY_MARK);
  if (!sheet) return null;
  const byLabel = new Map<string, string>();
  for (const row of sheet.rows.slice(1))
    if (typeof row?.[0] === "string") byLabel.set(row[0], row[1] === null || row[1] === undefined ? "" : String(row[1]));
  const found: Partial<FormIdentity> = {};
  for (const field of Object.keys(IDENTITY_FIELDS) as IdentityField[]) {
    const v = byLabel.get(IDENTITY_FIELDS[field]);
    if (v !== undefined) found[field] = v;
  }
  return found;
}

/** Why a cell is no count, or null: a whole number ≥ 0. */
function countProblem(c: Cell): string | null {
  if (typeof c === "string") return "текст вместо числа";
  if (typeof c !== "number") return "не число";
  if (!Number.isFinite(c)) return "не число";
  if (c < 0) return "отрицательное число";
  if (!Number.isInteger(c)) return "не целое число";
  return null;
}

type Refuse = (sheet: string | null, cell: string | null, value: RejectedValue, reason: string) => void;

/** The report's school a form names, by its sheet of identity; else null, with why refused. */
function formSchool(manifest: FormsManifest, form: { sheets: ReadSheet[] }, refuse: Refuse): { school: FormSchool; period: string } | null {
  const identity = identityOf(form);
  if (!identity) {
    refuse(null, null, null, "не форма ШНОР-монитора: в книге нет листа подлинности формы");
    return null;
  }
  const key = identity.login ? identity.login : (identity.name ?? "");
  const school = manifest.schools.find((s) => schoolKey(s) === key);
  const problem = identityProblem(manifest, identity, school);
  if (problem || !school) {
    refuse(null, null, identity.login || identity.name || null, problem ?? "ОО формы нет в отчёте");
    return null;
  }
  return { school, period: identity.period ?? "" };
}

/** The indicators' numerators and denominators on the form's sheet of them, each checked. */
function readIndicatorValues(
  manifest: FormsManifest,
  form: { sheets: ReadSheet[] },
  reading: FormReading,
  own: Refuse,
  seen: unknown[],
): void {
  const h = FORM_HEADERS;
  const found = findSheet(form, [h.indicator, h.numerator, h.denominator]);
  if (!found && manifest.indicators.length > 0)
    own(null, null, null, `нет листа с заголовками «${h.indicator}», «${h.numerator}», «${h.denominator}»`);
  if (found) {
    const { sheet, header } = found;
    const [textColumn, nColumn, dColumn] = header.columns;
    const rowOf = new Map<string, number>();
    for (let r = header.row + 1; r < sheet.rows.length; r++) {
      const t = normalizeText(sheet.rows[r]?.[textColumn]);
      if (t && !rowOf.has(t)) rowOf.set(t, r);
    }
    for (const ind of manifest.indicators) {
      const r = rowOf.get(normalizeText(ind.text));
      if (r === undefined) {
        own(sheet.name, null, ind.text, "в форме нет строки этого показателя");
        continue;
      }
      const n = sheet.rows[r]?.[nColumn];
      const d = ind.denominator === null ? null : sheet.rows[r]?.[dColumn];
      seen.push([ind.id, shown(n), shown(d)]);
      const nCell = a1(r, nColumn);
      const dCell = a1(r, dColumn);
      if (isEmpty(n) && isEmpty(d)) continue;
      const nProblem = isEmpty(n) ? null : countProblem(n);
      const dProblem = ind.denominator === null || isEmpty(d) ? null : countProblem(d);
      if (nProblem) own(sheet.name, nCell, shown(n), `${nProblem} (${h.numerator.toLowerCase()}: ${ind.text})`);
      if (dProblem) own(sheet.name, dCell, shown(d), `${dProblem} (${h.denominator.toLowerCase()}: ${ind.text})`);
      if (nProblem || dProblem) continue;
      if (ind.denominator !== null && isEmpty(d)) {
        own(sheet.name, dCell, null, `нет знаменателя при числителе ${String(n)} (${ind.text})`);
        continue;
      }
      if (isEmpty(n)) {
        own(sheet.name, nCell, null, `нет числителя при знаменателе ${String(d)} (${ind.text})`);
        continue;
      }
      if (ind.denominator !== null && (n as number) > (d as number)) {
        own(sheet.name, nCell, n as number, `числитель ${String(n)} больше знаменателя ${String(d)} (${ind.text})`);
        continue;
      }
      reading.values.set(ind.id, { numerator: n as number, denominator: ind.denominator === null ? null : (d as number) });
    }
  }
}

/** The marks and comments on the form's roadmap sheet, for the school's activities. */
function readRoadmapMarks(form: { sheets: ReadSheet[] }, reading: FormReading, own: Refuse, seen: unknown[]): void {
  const activities = reading.school.roadmap?.activities ?? [];
  if (activities.length > 0) {
    const m = FORM_ROADMAP_HEADERS;
    const road = findSheet(form, [m.no, m.text, m.mark, m.comment]);
    if (!road) own(null, null, null, `нет листа с заголовками «${m.text}», «${m.mark}», «${m.comment}»`);
    else {
      const { sheet, header } = road;
      const [noColumn, textColumn, markColumn, commentColumn] = header.columns;
      const rowOf = new Map<string, number>();
      for (let r = header.row + 1; r < sheet.rows.length; r++) {
        const k = `${normalizeText(sheet.rows[r]?.[noColumn])}|${normalizeText(sheet.rows[r]?.[textColumn])}`;
        if (!rowOf.has(k)) rowOf.set(k, r);
      }
      const allowed = new Map(MARKS.map((w) => [normalizeText(w), w as string]));
      activities.forEach((a, i) => {
        const r = rowOf.get(`${normalizeText(a.no)}|${normalizeText(a.text)}`);
        if (r === undefined) {
          own(sheet.name, null, a.text, "в форме нет строки этого мероприятия");
          return;
        }
        const raw = sheet.rows[r]?.[markColumn];
        const rawComment = sheet.rows[r]?.[commentColumn];
        seen.push([a.no, shown(raw), shown(rawComment)]);
        const comment = isEmpty(rawComment) ? null : String(rawComment).trim();
        let mark: string | null = null;
        if (!isEmpty(raw)) {
          mark = allowed.get(normalizeText(raw)) ?? null;
          if (mark === null)
            own(sheet.name, a1(r, markColumn), shown(raw), `отметка не из списка: ${MARKS.join(", ")} (${a.no} ${a.text})`);
        }
        if (mark !== null || comment !== null) reading.marks.push({ activity: i, mark, comment });
      });
    }
  }
}

function readForm(manifest: FormsManifest, form: { file: string; sheets: ReadSheet[] }, rejected: Rejected[]): FormReading | null {
  const refuse: Refuse = (sheet, cell, value, reason) => rejected.push({ file: form.file, sheet, cell, value, reason });
  const named = formSchool(manifest, form, refuse);
  if (!named) return null;
  const reading: FormReading = {
    file: form.file,
    school: named.school,
    period: named.period,
    values: new Map(),
    marks: [],
    rejected: [],
    fingerprint: "",
  };
  const own: Refuse = (sheet, cell, value, reason) => reading.rejected.push({ file: form.file, sheet, cell, value, reason });
  const seen: unknown[] = [];
  readIndicatorValues(manifest, form, reading, own, seen);
  readRoadmapMarks(form, reading, own, seen);
  reading.fingerprint = JSON.stringify(seen);
  return reading;
}

const ORDER: FormSchools[] = ["shnor", "risk", "all"];

/** The smallest choice of `shnor forms --schools` that holds every school that answered. */
function inferExpected(readings: FormReading[]): FormSchools {
  let at = 0;
  for (const r of readings) at = Math.max(at, r.school.status === "shnor" ? 0 : r.school.status === "risk" ? 1 : 2);
  return ORDER[at];
}

function isExpected(school: FormSchool, expected: FormSchools): boolean {
  return expected === "all" || school.status === "shnor" || (expected === "risk" && school.status === "risk");
}

/** Every file read as a form, by name; a file that could not be read, or is no form of the report, is refused. */
function readForms(manifest: FormsManifest, files: ReadForm[], rejected: Rejected[]): FormReading[] {
  const readings: FormReading[] = [];
  for (const form of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    if ("error" in form) {
      rejected.push({ file: form.file, sheet: null, cell: null, value: null, reason: form.error });
      continue;
    }
    const reading = readForm(manifest, form, rejected);
    if (reading) readings.push(reading);
  }
  return readings;
}

/** Each school of the report with its forms: received (the same form counted once), missing or in conflict. */
function matchSchools(
  manifest: FormsManifest,
  readings: FormReading[],
  chosen: FormSchools,
  rejected: Rejected[],
): { counted: FormReading[]; schools: CollectedSchool[] } {
  const bySchool = new Map<FormSchool, FormReading[]>();
  for (const r of readings) bySchool.set(r.school, [...(bySchool.get(r.school) ?? []), r]);

  const counted: FormReading[] = [];
  const schools: CollectedSchool[] = [];
  for (const school of manifest.schools) {
    const forms = bySchool.get(school) ?? [];
    if (forms.length === 0) {
      if (isExpected(school, chosen)) schools.push({ login: school.login, name: school.name, status: "missing", files: [], note: null });
      continue;
    }
    const files = forms.map((f) => f.file);
    if (forms.every((f) => f.fingerprint === forms[0].fingerprint)) {
      counted.push(forms[0]);
      pushAll(rejected, forms[0].rejected);
      schools.push({
        login: school.login,
        name: school.name,
        status: "received",
        files,
        note: forms.length > 1 ? `одна и та же форма получена ${forms.length} раза (${files.join(", ")}): учтена один раз` : null,
      });
    } else {
      for (const f of forms) pushAll(rejected, f.rejected);
      schools.push({
        login: school.login,
        name: school.name,
        status: "conflict",
        files,
        note: `формы с разными значениями (${files.join(", ")}): не учтены, оставьте одну`,
      });
    }
  }
  return { counted, schools };
}

/** Each indicator's numerators and denominators summed over the counted forms. */
function sumValues(manifest: FormsManifest, counted: FormReading[]): CollectedValue[] {
  return manifest.indicators.map((ind): CollectedValue => {
    let numerator = 0;
    let denominator = 0;
    let n = 0;
    for (const r of counted) {
      const v = r.values.get(ind.id);
      if (!v) continue;
      n++;
      numerator += v.numerator;
      denominator += v.denominator ?? 0;
    }
    return {
      indicator: ind.text,
      id: ind.id,
      numerator: n > 0 ? numerator : null,
      denominator: n > 0 && ind.denominator !== null ? denominator : null,
      schools: n,
    };
  });
}

/** The counted forms' marks, each with its cell on the school's roadmap sheet. */
function collectedMarks(counted: FormReading[]): CollectedMark[] {
  return counted.flatMap((r) =>
    r.marks.map((m) => {
      const a = r.school.roadmap!.activities[m.activity];
      return {
        school: r.school,
        no: a.no,
        activity: a.text,
        sheet: r.school.roadmap!.sheet,
        cell: a.cell,
        mark: m.mark,
        comment: m.comment,
      };
    }),
  );
}

/** The period most counted forms name. */
function commonestPeriod(counted: FormReading[]): string | null {
  const periods = new Map<string, number>();
  for (const r of counted) if (r.period) periods.set(r.period, (periods.get(r.period) ?? 0) + 1);
  return [...periods.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** By file, then as found in it (the whole-file refusals were found first). */
function byFile(rejected: Rejected[]): Rejected[] {
  const order = (r: Rejected) => r.file;
  const sorted = rejected
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (order(a.r) < order(b.r) ? -1 : order(a.r) > order(b.r) ? 1 : a.i - b.i));
  return sorted.map((x) => x.r);
}

/** The forms read, checked, matched and summed. `files` in any order: they are taken by name. */
export function collectForms(manifest: FormsManifest, files: ReadForm[], expected?: FormSchools): CollectedForms {
  const rejected: Rejected[] = [];
  const readings = readForms(manifest, files, rejected);
  const chosen = expected ?? inferExpected(readings);
  const { counted, schools } = matchSchools(manifest, readings, chosen, rejected);
  const values = sumValues(manifest, counted);
  const marks = collectedMarks(counted);
  const period = commonestPeriod(counted);
  return { schools, rejected: byFile(rejected), values, marks, expected: chosen, period };
}

/** The public JSON of `shnor collect-forms --json`. */
export function collectedJson(c: CollectedForms): {
  schools: { login: string | null; name: string; status: SchoolStatus; files: string[]; note?: string }[];
  rejected: Rejected[];
  values: { indicator: string; numerator: number | null; denominator: number | null; schools: number }[];
} {
  return {
    schools: c.schools.map((s) => ({
      login: s.login,
      name: s.name,
      status: s.status,
      files: s.files,
      ...(s.note ? { note: s.note } : {}),
    })),
    rejected: c.rejected,
    values: c.values.map((v) => ({ indicator: v.indicator, numerator: v.numerator, denominator: v.denominator, schools: v.schools })),
  };
}
