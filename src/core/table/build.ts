/**
 * Turns data rows into schools and their results, one row at a time, so a
 * host can stream a file or hand over a whole range alike. Everything a cell
 * needs (its procedure, key, measure) is worked out once per column, so the
 * per-cell work is one read and one store: 40,000 schools must take well
 * under a second.
 */
import {
  Cell,
  cleanFloat,
  columnLetter,
  displayText,
  formatPercent,
  isBlank,
  isPercentFormat,
  normalizeText,
  readCount,
  readNumber,
  readPercent,
  orNull,
} from "../cells";
import {
  completeProcedure,
  lacksGrade,
  mergeParts,
  parseProcedureParts,
  Procedure,
  procedureKey,
  procedureLabel,
  ProcedureParts,
} from "../procedures";
import { Measure, MEASURE_TEXT } from "../vocabulary";
import { NOT_ATTEMPTED, PupilGroup, PupilResult, TaskColumn } from "../pupils/model";
import { isAbsence, isComparisonSection, isNotAttempted, looksLikeSchool, passedOf, rowKind, taskLabel } from "./headers";
import type { TableLayout } from "./layout";
import { layoutNamed } from "./layouts";
import { ResultColumns, StoredSchool } from "./stored";
import { COMPARISON_TEXT, comparisonKindOf, isSchoolLogin, isTerritoryCode, schoolIdentity, splitCode } from "./identity";
import {
  ColumnPlan,
  ComparisonKind,
  ComparisonRow,
  JournalRow,
  NO_GRADE_REASON,
  NO_PROCEDURE_REASON,
  ProcedureResult,
  PupilField,
  ResultsTable,
  SchoolRecord,
  SkippedRow,
  TableShape,
} from "./model";

/** Beyond this many, warnings are counted rather than listed. */
const MAX_WARNINGS = 50;
/** How far from 100 % the marks 2–5 of a row may add up (rounding), in percentage points. */
export const MARKS_TOLERANCE = 1;

/** Every measure, each at its place in a draft (the list is the one MEASURE_TEXT names). */
const MEASURES = Object.keys(MEASURE_TEXT) as Measure[];
const MEASURE_INDEX = Object.fromEntries(MEASURES.map((m, i) => [m, i])) as Record<Measure, number>;
const {
  failPercent: FAIL,
  highPercent: HIGH,
  passPercent: PASS,
  participants: COUNT,
  failCount: FAILING,
  mark2: M2,
  mark4: M4,
} = MEASURE_INDEX;

/** A draft's measures as numbers or null, for the rows that need reconciling. */
type Measures = Record<Measure, number | null>;

/**
 * The measures of one procedure for one school, each at its MEASURE_INDEX as a number, NaN for
 * none: the drafts outlive a row, and a field that may hold null would box each number stored
 * in it and record the pointer (4 million cells a region).
 */
class MeasureValues {
  readonly at = new Float64Array(MEASURES.length).fill(NaN);

  clear(): void {
    // A loop, not fill(): a builtin's call costs more than nine stores (two million clears a region).
    const at = this.at;
    for (let i = 0; i < at.length; i++) at[i] = NaN;
  }

  /** Stores a measure's value (by its index) unless it has one; false if it had. */
  setFirst(index: number, value: number): boolean {
    const at = this.at;
    if (at[index] === at[index]) return false;
    at[index] = value;
    return true;
  }

  read(): Measures {
    return Object.fromEntries(MEASURES.map((m, i) => [m, orNull(this.at[i])])) as Measures;
  }
}

/**
 * Most cells: a plain number in a percent column, read without a reading object; NaN for any other
 * (then readValue). Small, so it is inlined and the number is not boxed on its way to the draft.
 */
function plainValue(cell: Cell, format: string | null | undefined, slot: MeasureSlot): number {
  if (typeof cell !== "number" || !Number.isFinite(cell) || slot.raw || slot.isCount) return NaN;
  const fraction = format ? isPercentFormat(format) : false;
  const percent = fraction ? cleanFloat(cell * 100) : cell;
  if (!(percent >= 0 && percent <= 100)) return NaN;
  slot.numbers++;
  if (fraction) slot.fractions++;
  return percent;
}

/** Only % «2» and % высоких (or nothing): nothing to reconcile. */
const plainPercents = ({ at }: MeasureValues) =>
  at[COUNT] !== at[COUNT] && at[FAILING] !== at[FAILING] && at[PASS] !== at[PASS] && at[M2] !== at[M2] && at[M4] !== at[M4];

interface ResultDraft {
  procedure: Procedure;
  key: string;
  values: MeasureValues;
  /** 0-based sheet row the values came from (the first, in a long table). */
  row: number;
  /** The procedure has been listed in the table's procedures. */
  listed?: boolean;
}

/** A measure column with what per-cell work needs. */
interface MeasureSlot {
  plan: ColumnPlan;
  /** Index into a row's values. */
  index: number;
  measure: Measure;
  /** The measure's place in a draft (MEASURE_INDEX), found once. */
  measureIndex: number;
  isCount: boolean;
  /** Long tables: marks 2–5 may be counts or percents; read as plain numbers ≥ 0 and decided per row. */
  raw: boolean;
  /** Wide and ФИС ОКО tables: the column's draft among the row's procedures; -1 in long tables. */
  draft: number;
  numbers: number;
  fractions: number;
}

type LongRole = "procedure" | "subject" | "grade" | "year";

interface Prepared {
  slots: MeasureSlot[];
  drafts: { procedure: Procedure; key: string }[];
}

/** Per-column facts of a shape, worked out once: a formula reads one row under the same shape many times. */
const prepared = new WeakMap<TableShape, Prepared>();

function preparedSlots(shape: TableShape): Prepared {
  const cached = prepared.get(shape);
  if (cached) return cached;
  const result: Prepared = { slots: [], drafts: [] };
  const draftOf = new Map<string, number>();
  for (const plan of shape.columns) {
    const role = plan.role;
    if (role.kind !== "measure" && role.kind !== "longMeasure") continue;
    let draft = -1;
    if (role.kind === "measure") {
      const key = procedureKey(role.procedure);
      draft = draftOf.get(key) ?? result.drafts.length;
      if (draft === result.drafts.length) {
        draftOf.set(key, draft);
        result.drafts.push({ procedure: role.procedure, key });
      }
    }
    const isCount = role.measure === "participants" || role.measure === "failCount";
    const raw = shape.layout === "long" && /^mark[2-5]$/.test(role.measure);
    result.slots.push({
      plan,
      index: plan.column - shape.firstColumn,
      measure: role.measure,
      measureIndex: MEASURE_INDEX[role.measure],
      isCount,
      raw,
      draft,
      numbers: 0,
      fractions: 0,
    });
  }
  prepared.set(shape, result);
  return result;
}
type Formats = (string | null | undefined)[] | undefined;

export class TableBuilder {
  private readonly schools: SchoolRecord[] = [];
  private readonly byIdentity = new Map<string, SchoolRecord>();
  /** Long tables: a school's results gather over many rows. */
  private readonly longDrafts = new Map<SchoolRecord, Map<string, ResultDraft>>();
  /** Long tables: the record holding a school's repeated procedures, after each record. */
  private readonly repeats = new Map<SchoolRecord, SchoolRecord>();
  /** Wide and ФИС ОКО tables: one draft per procedure, refilled row after row. */
  private readonly rowDrafts: ResultDraft[] = [];
  /** Wide tables: the schools' results, column by column (a region's 1.9 million results are no objects). */
  private readonly columns: ResultColumns | null;
  private readonly procedures = new Map<string, Procedure>();
  private readonly skipped: SkippedRow[] = [];
  private readonly warnings: string[] = [];
  private droppedWarnings = 0;
  private lastRow: number;
  private readonly nameIndex: number;
  private readonly loginIndex: number;
  private readonly territoryIndex: number;
  private readonly longIndex: Record<LongRole, number>;
  private readonly slots: MeasureSlot[] = [];
  /** The table gives all four marks 2–5: their percents must add up to 100. */
  private readonly allMarks: boolean;
  /** Rows kept for comparison (country, region, municipality, totals), by name. */
  private readonly comparisons: SchoolRecord[] = [];
  private readonly comparisonMeta = new Map<SchoolRecord, { kind: ComparisonKind; code: string | null }>();
  private readonly byComparison = new Map<string, SchoolRecord>();
  /** After a «Строки для сравнения» row, rows without a login are comparison rows. */
  private inComparisonSection = false;
  private readonly journal: JournalRow[] = [];
  private readonly pupilGroups = new Map<string, PupilGroup>();
  private currentGroup: { name: string; login: string | null } | null = null;
  private readonly pupilIndex: Partial<Record<PupilField, number>> = {};
  private readonly taskIndexes: number[] = [];
  private readonly taskMax: (number | null)[] = [];
  private readonly tasks: TaskColumn[] = [];
  /** Protocols: columns holding pupils' names, blanked in every text that leaves the reader. */
  private readonly personIndexes = new Set<number>();
  /** Protocols: the procedure of each distinct set of procedure cells. */
  private readonly rowProcedures = new Map<string, Procedure | null>();
  /** Protocols: a school's territory as its rows give it, by identity. */
  private readonly territoryOf = new Map<string, string>();
  /** Pupil-level tables: the first row of each pupil (by code, or by the row's cells), to count each once. */
  private readonly pupilRows = new Map<string, number>();
  /** Ф1: the schools' group rows; Ф1 and protocols: the schools that had a pupil (by identity). */
  private readonly groupRows: { name: string; login: string | null; row: number }[] = [];
  private readonly schoolsWithPupils = new Set<string>();

  private readonly layout: TableLayout;

  constructor(readonly shape: TableShape) {
    this.layout = layoutNamed(shape.layout);
    this.lastRow = shape.headerBottom;
    const indexOf = (kind: string) => {
      const plan = shape.columns.find((c) => c.role.kind === kind);
      return plan ? plan.column - shape.firstColumn : -1;
    };
    this.nameIndex = indexOf("name");
    this.loginIndex = indexOf("login");
    this.territoryIndex = indexOf("territory");
    this.longIndex = { procedure: indexOf("procedure"), subject: indexOf("subject"), grade: indexOf("grade"), year: indexOf("year") };
    const prepared = preparedSlots(shape);
    for (const draft of prepared.drafts)
      this.rowDrafts.push({ procedure: draft.procedure, key: draft.key, values: new MeasureValues(), row: -1 });
    this.columns = shape.layout === "wide" ? ResultColumns.create(prepared.drafts) : null;
    for (const slot of prepared.slots) this.slots.push({ ...slot, numbers: 0, fractions: 0 });
    this.allMarks = ["mark2", "mark3", "mark4", "mark5"].every((m) => this.slots.some((slot) => slot.measure === m));
    for (const plan of shape.columns) {
      if (plan.role.kind !== "pupil") continue;
      const index = plan.column - shape.firstColumn;
      if (plan.role.field === "task") {
        this.taskIndexes.push(index);
        this.taskMax.push(plan.role.max ?? null);
        this.tasks.push({ label: taskLabel(plan.header), max: plan.role.max ?? null, level: plan.role.level ?? null });
      } else if (plan.role.field === "person") this.personIndexes.add(index);
      else this.pupilIndex[plan.role.field] ??= index;
    }
  }

  /** Schools read so far (a long table's repeated rows and pupils' schools counted when seen). */
  get schoolsRead(): number {
    return this.schools.length + this.schoolsWithPupils.size;
  }

  /** Adds one sheet row (0-based index); `values` starts at the shape's first column. Its layout reads it. */
  addRow(row: number, values: Cell[], formats?: Formats): void {
    if (row <= this.shape.headerBottom) return;
    this.layout.readRow(this, row, values, formats);
  }

  /** A row of a table with a row per school (wide, long, ФИС ОКО, the journal comparison): a school, a comparison row, or a row skipped with its reason. */
  addSchoolRow(row: number, values: Cell[], formats?: Formats): void {
    const loginCell = this.loginIndex >= 0 ? displayText(values[this.loginIndex]) || null : null;
    const territory = this.territoryIndex >= 0 ? displayText(values[this.territoryIndex]) || null : null;
    const written = this.nameIndex >= 0 ? displayText(values[this.nameIndex]) : "";
    // A login or territory code in brackets after the name: the name comes back without it.
    const { name: bare, code } = splitCode(written);
    let login = loginCell;
    let territoryCode: string | null = null;
    if (login && isTerritoryCode(login)) {
      territoryCode = login;
      login = null;
    }
    if (code && isTerritoryCode(code)) territoryCode ??= code;
    else if (code && !login) login = code;
    const name = bare || login || "";
    const hasValues =
      this.shape.layout === "journal" ? this.hasJournalValues(values) : this.slots.some((slot) => !isBlank(values[slot.index]));
    if (!name) {
      if (hasValues) this.skip(row, values, "нет названия ОО");
      else if (values.some((v) => rowKind(normalizeText(v), false, false) === "note")) this.skip(row, values, "примечание");
      return;
    }
    const normalized = normalizeText(name);
    if (this.shape.headerTexts.has(written === name ? normalized : normalizeText(written)))
      return this.skip(row, values, "повтор заголовка");
    const kind = rowKind(normalized, hasValues, login !== null);
    if (kind === "note") return this.skip(row, values, "примечание");
    const comparison = this.comparisonKind(kind, normalized, login, territoryCode, hasValues, this.schoolCount(values));
    if (comparison) {
      const reason = comparison === "total" ? "итоговая строка" : `строка для сравнения (${COMPARISON_TEXT[comparison]}), не школа`;
      this.skip(row, values, reason);
      if (!hasValues) return;
      if (this.shape.layout === "journal") return this.addJournalRow(name, territoryCode, false, row, values);
      return this.addResults(this.comparisonFor(name, territoryCode, comparison, row), row, values, formats);
    }
    if (kind === "section") {
      if (isComparisonSection(normalized)) this.inComparisonSection = true;
      return this.skip(row, values, "заголовок раздела, а не школа");
    }
    this.lastRow = row;
    if (this.shape.layout === "journal") return this.addJournalRow(name, login, true, row, values);
    const school = this.schoolFor(name, login, territory, row);
    this.addResults(school, row, values, formats);
  }

  /**
   * A row that is not a school: a total, «Вся выборка», a territory with its
   * code, a row below «Строки для сравнения», and in a ФИС ОКО report a row
   * with neither a login nor a school's name (the region). Null for a school.
   */
  private comparisonKind(
    kind: string,
    normalized: string,
    login: string | null,
    territoryCode: string | null,
    hasValues: boolean,
    schoolCount: number | null,
  ): ComparisonKind | null {
    if (kind === "total") return comparisonKindOf(normalized, territoryCode) === "country" ? "country" : "total";
    if (territoryCode) return comparisonKindOf(normalized, territoryCode);
    if (login !== null || !hasValues) return null;
    // «Кол-во ОО» is filled on the rows of territories, blank on a school's: «Лицейский муниципальный
    // округ» with 47 schools is not a school, whatever its name says. One school may be a school's own count.
    if (schoolCount !== null && (schoolCount > 1 || (schoolCount === 1 && !looksLikeSchool(normalized))))
      return comparisonKindOf(normalized, null);
    const fisoko = this.shape.layout === "fisoko" || this.shape.layout === "journal";
    if (this.inComparisonSection || (fisoko && !looksLikeSchool(normalized))) return comparisonKindOf(normalized, null);
    return null;
  }

  /** The row's «Кол-во ОО» (ФИС ОКО), or null where the sheet has none or the cell holds no number. */
  private schoolCount(values: Cell[]): number | null {
    const column = this.shape.schoolCountColumn;
    if (column === undefined) return null;
    const reading = readNumber(values[column - this.shape.firstColumn]);
    return reading.kind === "number" ? reading.value : null;
  }

  private comparisonFor(name: string, code: string | null, kind: ComparisonKind, row: number): SchoolRecord {
    const key = `${code ?? ""}|${normalizeText(name)}`;
    let record = this.byComparison.get(key);
    if (!record) {
      record = { name, login: null, territory: null, row, results: [] };
      this.byComparison.set(key, record);
      this.comparisons.push(record);
      this.comparisonMeta.set(record, { kind, code });
    }
    return record;
  }

  private addResults(school: SchoolRecord, row: number, values: Cell[], formats: Formats): void {
    if (this.shape.layout === "long") {
      this.addLongRow(school, row, values, formats);
      return;
    }
    for (const draft of this.rowDrafts) {
      draft.values.clear();
      draft.row = row;
    }
    for (const slot of this.slots) this.store(this.rowDrafts[slot.draft], slot, school, row, values, formats);
    for (let i = 0; i < this.rowDrafts.length; i++) this.keep(this.rowDrafts[i], school, i);
  }

  private hasJournalValues(values: Cell[]): boolean {
    return this.shape.columns.some((c) => c.role.kind === "journal" && !isBlank(values[c.column - this.shape.firstColumn]));
  }

  private addJournalRow(name: string, login: string | null, school: boolean, row: number, values: Cell[]): void {
    const out: JournalRow = {
      name,
      login,
      school,
      row,
      procedure: this.shape.procedure ?? null,
      participants: null,
      lowered: null,
      confirmed: null,
      raised: null,
    };
    const counts: Partial<Record<"lowered" | "confirmed" | "raised", number>> = {};
    for (const plan of this.shape.columns) {
      if (plan.role.kind !== "journal") continue;
      const cell = values[plan.column - this.shape.firstColumn];
      const { share, unit } = plan.role;
      const reading = unit === "count" ? readCount(cell) : readPercent(cell);
      if (reading.kind === "invalid") {
        this.warn(`${columnLetter(plan.column)}${row + 1}: «${reading.text}» — не число; считается, что данных нет`);
        continue;
      }
      if (reading.kind !== "number") continue;
      if (share === "total") out.participants = reading.value;
      else if (unit === "percent") out[share] = reading.value;
      else counts[share] = reading.value;
    }
    // Counts alone give the shares when the percents are missing.
    for (const share of ["lowered", "confirmed", "raised"] as const) {
      const n = counts[share];
      if (out[share] === null && n !== undefined && out.participants) out[share] = cleanFloat((n * 100) / out.participants);
    }
    this.journal.push(out);
  }

  /** Ф1: a group row names the school («…(edu203389) | Кол-во участников: 89»); a row with a code is a pupil. */
  addPupilRow(row: number, values: Cell[]): void {
    const at = (field: PupilField): Cell => {
      const i = this.pupilIndex[field];
      return i === undefined ? null : values[i];
    };
    const written = displayText(at("code"));
    const code = /^(кол-?во|количество)/i.test(written) ? "" : written;
    const loginCell = this.loginIndex >= 0 ? displayText(values[this.loginIndex]) || null : null;
    const nameCell = this.nameIndex >= 0 ? displayText(values[this.nameIndex]) : "";
    if (!code) {
      const text = values.map(displayText).find((t) => t && (splitCode(t).code !== null || looksLikeSchool(normalizeText(t))));
      if (text) {
        const split = splitCode(text);
        this.currentGroup = { name: split.name, login: split.code && isSchoolLogin(split.code) ? split.code : null };
        this.groupRows.push({ ...this.currentGroup, row });
      } else if (values.some((v) => !isBlank(v))) this.skip(row, [], "не участник и не школа");
      return;
    }
    // A pupil's row is reported by its code alone: no other personal data leaves the sheet.
    if (this.shape.headerTexts.has(normalizeText(code))) return this.skip(row, [code], "повтор заголовка");
    let school = this.currentGroup;
    if (nameCell || loginCell) {
      const split = splitCode(nameCell);
      const login = loginCell && !isTerritoryCode(loginCell) ? loginCell : split.code && isSchoolLogin(split.code) ? split.code : null;
      school = { name: split.name || login || "", login };
    }
    if (!school) return this.skip(row, [code], "участник без школы (нет строки ОО выше)");
    this.lastRow = row;
    // A participant code names one pupil: listed twice (a row copied, a file pasted twice), counted once.
    if (this.twice(code, row, `участник с кодом «${code}» указан дважды`)) return;
    // Only a text cell holding the word can say «отсутствовал»: a pupil's row is mostly scores and codes.
    const absent = values.some((v) => typeof v === "string" && /отсутствовал/i.test(v) && /^отсутствовал/.test(normalizeText(v)));
    const mark = this.readMark(at("mark"), row, "отметка");
    const journalMark = this.readMark(at("journal"), row, "отметка по журналу");
    const primary = readNumber(at("primary"));
    const variant = displayText(at("variant"));
    const pupil: PupilResult = {
      code,
      variant: variant && !/^отсутствовал/.test(normalizeText(variant)) ? variant : null,
      primaryScore: !absent && primary.kind === "number" ? primary.value : null,
      mark: absent ? null : mark,
      journalMark,
      taskScores: this.taskScores(values),
      row,
    };
    if (absent) pupil.absent = true;
    const key = schoolIdentity(school.name, school.login);
    this.schoolsWithPupils.add(key);
    let group = this.pupilGroups.get(key);
    if (!group) {
      const parts = this.shape.context ?? { type: null, subject: null, grade: null, level: null, year: null };
      const grade = /\d+/.exec(displayText(at("grade")))?.[0];
      const procedure =
        this.shape.procedure ??
        completeProcedure(grade && parts.grade === null ? { ...parts, grade: Number(grade) } : parts) ??
        completeProcedure({ ...parts, type: parts.type ?? "ВПР" });
      if (!procedure) return this.skip(row, [code], NO_PROCEDURE_REASON);
      if (lacksGrade(procedure)) return this.skip(row, [code], NO_GRADE_REASON);
      group = { login: school.login, school: school.name, procedure, maxScore: null, taskMax: this.taskMax, tasks: this.tasks, pupils: [] };
      this.pupilGroups.set(key, group);
    }
    group.pupils.push(pupil);
  }

  /**
   * A protocol row: a pupil with a school and a mark or the threshold's
   * verdict. A row without a school or without either is skipped with its
   * reason; names are blanked from every text the row leaves in the report.
   */
  addProtocolRow(row: number, values: Cell[]): void {
    if (values.every((v) => isBlank(v))) return;
    // A skipped row is quoted without the pupil's name; the copy is made only then.
    const skip = (reason: string) =>
      this.skip(
        row,
        values.map((v, i) => (this.personIndexes.has(i) ? null : v)),
        reason,
      );
    const at = (field: PupilField): Cell => {
      const i = this.pupilIndex[field];
      return i === undefined ? null : values[i];
    };
    const titled = this.shape.titleSchool;
    const loginCell = this.loginIndex >= 0 ? displayText(values[this.loginIndex]) : (titled?.login ?? "");
    const nameCell = this.nameIndex >= 0 ? displayText(values[this.nameIndex]) : (titled?.name ?? "");
    const schoolText = titled ? "" : normalizeText(nameCell || loginCell);
    if (schoolText && this.shape.headerTexts.has(schoolText)) return skip("повтор заголовка");
    let pupilGiven = !isBlank(at("code")) || !isBlank(at("primary"));
    for (const i of this.personIndexes) pupilGiven ||= !isBlank(values[i]);
    if (!loginCell && !nameCell) {
      const reason = pupilGiven || !isBlank(at("mark")) ? "участник без ОО (нет кода и названия ОО)" : "не участник и не школа";
      return skip(reason);
    }
    // With the school in the title, a footer («Средняя отметка», «Итого») is told by its own first words.
    const lead = titled ? normalizeText(values.find((v) => typeof v === "string" && !isBlank(v)) ?? "") : schoolText;
    if (rowKind(lead, false, false) === "total") return skip("итоговая строка");
    if (titled && !pupilGiven) return skip("не участник (нет кода, имени или балла участника)");
    const verdict = this.protocolVerdict(row, at);
    if (typeof verdict === "string") return skip(verdict);
    const { mark, passed } = verdict;
    const procedure = this.protocolProcedure(values, at("grade"));
    if (!procedure) return skip(NO_PROCEDURE_REASON);
    if (lacksGrade(procedure)) return skip(NO_GRADE_REASON);
    // The same pupil twice (a row copied, a file pasted twice) is counted once: by the participant's
    // code, else by the whole row when it says who the pupil is. A row of scores alone names nobody.
    const code = displayText(at("code"));
    const who = code ? `код «${code}»` : this.personIndexes.size > 0 ? this.rowIdentity(values) : "";
    if (
      who &&
      this.twice(
        `${procedureKey(procedure)}|${who}`,
        row,
        code ? `участник с кодом «${code}» указан дважды` : "одна и та же строка участника указана дважды",
      )
    )
      return;
    const split = splitCode(nameCell);
    const login = loginCell && !isTerritoryCode(loginCell) ? loginCell : split.code && isSchoolLogin(split.code) ? split.code : null;
    const school = { name: split.name || login || "", login };
    this.lastRow = row;
    const primary = readNumber(at("primary"));
    const variant = displayText(at("variant"));
    const pupil: PupilResult = {
      code: displayText(at("code")),
      variant: variant || null,
      primaryScore: primary.kind === "number" ? primary.value : null,
      mark,
      journalMark: null,
      taskScores: this.taskScores(values),
      row,
    };
    if (passed !== null) pupil.passed = passed;
    const territory = this.territoryIndex >= 0 ? displayText(values[this.territoryIndex]) : "";
    this.addProtocolPupil(school, territory, procedure, pupil);
  }

  /** A protocol row's mark and verdict on the minimum threshold, or why the row is skipped (absent, neither given). */
  private protocolVerdict(row: number, at: (field: PupilField) => Cell): { mark: number | null; passed: boolean | null } | string {
    const markCell = at("mark");
    const passedCell = at("passed");
    if (isAbsence(normalizeText(markCell)) || isAbsence(normalizeText(passedCell)) || isAbsence(normalizeText(at("primary"))))
      return "участник не писал работу (неявка)";
    const mark = this.readMark(markCell, row, "отметка");
    let passed: boolean | null = null;
    if (!isBlank(passedCell)) {
      passed = passedOf(normalizeText(passedCell));
      if (passed === null && readNumber(passedCell).kind !== "missing")
        this.warn(
          `строка ${row + 1}: «${displayText(passedCell)}» — не ответ о минимальном пороге (да/нет, зачёт/незачёт); считается, что его нет`,
        );
    }
    if (mark === null && passed === null) return "нет отметки (и не сказано, пройден ли минимальный порог)";
    if (mark !== null && passed !== null && (mark === 2) === passed)
      this.warn(`строка ${row + 1}: отметка «${mark}», а минимальный порог ${passed ? "пройден" : "не пройден"}; взят ответ о пороге`);
    return { mark, passed };
  }

  /** A protocol's pupil into the group of its school and procedure; the school's first territory is kept. */
  private addProtocolPupil(
    school: { name: string; login: string | null },
    territory: string,
    procedure: Procedure,
    pupil: PupilResult,
  ): void {
    const identity = schoolIdentity(school.name, school.login);
    if (territory && !this.territoryOf.has(identity)) this.territoryOf.set(identity, territory);
    this.schoolsWithPupils.add(identity);
    const key = `${identity}|${procedureKey(procedure)}`;
    let group = this.pupilGroups.get(key);
    if (!group) {
      group = { login: school.login, school: school.name, procedure, maxScore: null, taskMax: this.taskMax, tasks: this.tasks, pupils: [] };
      this.pupilGroups.set(key, group);
    }
    group.pupils.push(pupil);
  }

  /**
   * A pupil seen before under `key` (kept only while reading, never in the table): a warning naming
   * both rows, and true, so the row is not counted again.
   */
  private twice(key: string, row: number, what: string): boolean {
    const first = this.pupilRows.get(key);
    if (first === undefined) {
      this.pupilRows.set(key, row);
      return false;
    }
    this.warn(`строки ${first + 1} и ${row + 1}: ${what}; учтён один раз`);
    return true;
  }

  /** A protocol row's cells as one text, «№» included: a copied row reads the same; namesakes have their own numbers. */
  private rowIdentity(values: Cell[]): string {
    return values.map(displayText).join("\u0001");
  }

  /** A protocol row's procedure: its exam, subject, date or year cells and the class, then the title block and sheet name. */
  private protocolProcedure(values: Cell[], gradeCell: Cell): Procedure | null {
    if (this.shape.procedure) return this.shape.procedure;
    const at = (role: LongRole): Cell => (this.longIndex[role] >= 0 ? values[this.longIndex[role]] : null);
    const grade = /\d+/.exec(displayText(gradeCell))?.[0] ?? "";
    const cells = [at("procedure"), at("subject"), at("year")].map(displayText);
    const cacheKey = `${cells.join("\u0001")}\u0001${grade}`;
    if (this.rowProcedures.has(cacheKey)) return this.rowProcedures.get(cacheKey) as Procedure | null;
    let parts: ProcedureParts = { type: null, subject: null, grade: null, level: null, year: null };
    for (const cell of cells) parts = mergeParts(parts, parseProcedureParts(cell));
    if (this.shape.context) parts = mergeParts(parts, this.shape.context);
    if (parts.grade === null && grade) parts = { ...parts, grade: Number(grade) };
    const procedure = completeProcedure(parts);
    this.rowProcedures.set(cacheKey, procedure);
    return procedure;
  }

  /** A pupil's task cells: a score, «X» (not attempted), or null (blank, not a number). */
  private taskScores(values: Cell[]): PupilResult["taskScores"] {
    return this.taskIndexes.map((i) => {
      const cell = values[i];
      if (typeof cell === "number") return Number.isFinite(cell) ? cell : null;
      if (isNotAttempted(cell)) return NOT_ATTEMPTED;
      const r = readNumber(cell);
      return r.kind === "number" ? r.value : null;
    });
  }

  /** A mark 2–5; «нет отметки», «X», blanks are none; anything else is a warning. */
  private readMark(cell: Cell, row: number, what: string): number | null {
    if (isBlank(cell)) return null;
    const r = readNumber(cell);
    if (r.kind === "number" && Number.isInteger(r.value) && r.value >= 2 && r.value <= 5) return r.value;
    const t = normalizeText(cell);
    if (r.kind === "missing" || /^нет отметки/.test(t) || isAbsence(t)) return null;
    this.warn(`строка ${row + 1}: ${what} «${displayText(cell)}» — не отметка 2–5; считается, что её нет`);
    return null;
  }

  finish(): ResultsTable {
    for (const [school, drafts] of this.longDrafts) for (const draft of drafts.values()) this.keep(draft, school);
    if (this.shape.layout === "pupils" || this.shape.layout === "protocol") this.aggregatePupils();
    // A Ф1 school whose group row has no pupil under it is listed, without a result, and says why.
    for (const group of this.groupRows) {
      const identity = schoolIdentity(group.name, group.login);
      if (this.schoolsWithPupils.has(identity)) continue;
      this.schoolsWithPupils.add(identity);
      this.schoolFor(group.name, group.login, null, group.row);
      this.warn(`строка ${group.row + 1}: «${group.name}» — в выгрузке нет ни одного участника этой ОО; результата нет`);
    }
    // A ФИС ОКО sheet names its one municipality in a comparison row: that is its schools' territory.
    const municipalities = this.comparisons.filter((c) => this.comparisonMeta.get(c)?.kind === "municipality");
    if (municipalities.length === 1) for (const s of this.schools) s.territory ??= municipalities[0].name;
    if (this.droppedWarnings > 0) this.warnings.push(`…и ещё ${this.droppedWarnings} предупреждений`);
    const table: ResultsTable = {
      layout: this.shape.layout,
      sheetName: this.shape.sheetName,
      headerTop: this.shape.headerTop,
      headerBottom: this.shape.headerBottom,
      lastRow: this.lastRow,
      columns: this.shape.columns.map((plan) => {
        const slot = this.slots.find((s) => s.plan === plan);
        return slot && slot.fractions * 2 > slot.numbers ? { ...plan, fraction: true } : plan;
      }),
      procedures: [...this.procedures.values()],
      schools: this.schools,
      skippedRows: this.skipped,
      warnings: this.warnings,
      comparisons: this.comparisons.map((record): ComparisonRow => {
        const meta = this.comparisonMeta.get(record) as { kind: ComparisonKind; code: string | null };
        return { name: record.name, code: meta.code, kind: meta.kind, row: record.row, results: record.results };
      }),
    };
    if (this.shape.layout === "journal") table.journal = this.journal;
    if (this.shape.layout === "pupils" || this.shape.layout === "protocol") table.pupils = [...this.pupilGroups.values()];
    return table;
  }

  /**
   * Pupils to school level (Ф1 and protocols alike): the participants are the
   * pupils with a mark or a verdict on the minimum threshold; «2» or «не
   * пройден» is a fail; % «4» и «5» only when every participant has a mark.
   * The pupils stay in `pupils`.
   */
  private aggregatePupils(): void {
    for (const group of this.pupilGroups.values()) {
      const identity = schoolIdentity(group.school, group.login);
      const school = this.schoolFor(
        group.school,
        group.login,
        this.territoryOf.get(identity) ?? null,
        group.pupils[0]?.row ?? this.lastRow,
      );
      const { participants, fails, high, marked } = pupilCounts(group.pupils);
      const key = procedureKey(group.procedure);
      if (!this.procedures.has(key)) this.procedures.set(key, group.procedure);
      if (participants === 0) {
        this.warn(`«${group.school}», ${procedureLabel(group.procedure)}: ни у одного участника нет отметки; результата нет`);
        continue;
      }
      school.results.push({
        procedure: group.procedure,
        key,
        failPercent: cleanFloat((fails * 100) / participants),
        highPercent: marked === participants ? cleanFloat((high * 100) / participants) : null,
        participants,
        failCount: fails,
      });
    }
  }

  private addLongRow(first: SchoolRecord, row: number, values: Cell[], formats: Formats): void {
    const procedure = this.longProcedure(values);
    if (!procedure) return this.skip(row, values, NO_PROCEDURE_REASON);
    if (lacksGrade(procedure)) return this.skip(row, values, NO_GRADE_REASON);
    const key = procedureKey(procedure);
    // The same school and procedure in another row: a record of its own, so the join compares the two
    // (equal values merge; different ones are a conflict, not counted) instead of one silently winning.
    let school = first;
    while (this.longDrafts.get(school)?.has(key)) {
      let next = this.repeats.get(school);
      if (!next) {
        next = { name: first.name, login: first.login, territory: first.territory, row, results: [] };
        this.repeats.set(school, next);
        this.schools.push(next);
      }
      school = next;
    }
    let drafts = this.longDrafts.get(school);
    if (!drafts) this.longDrafts.set(school, (drafts = new Map()));
    let draft = drafts.get(key);
    if (!draft) drafts.set(key, (draft = { procedure, key, values: new MeasureValues(), row }));
    for (const slot of this.slots) this.store(draft, slot, school, row, values, formats);
  }

  /** Reads one cell into its draft; the first of two values for one measure wins. */
  private store(draft: ResultDraft, slot: MeasureSlot, school: SchoolRecord, row: number, values: Cell[], formats: Formats): void {
    const cell = values[slot.index];
    if (isBlank(cell)) return;
    let value = plainValue(cell, formats?.[slot.index], slot);
    if (value !== value) {
      const read = this.readValue(cell, formats?.[slot.index], slot, row);
      if (read === null) return;
      value = read;
    }
    if (!draft.values.setFirst(slot.measureIndex, value))
      this.warn(`строка ${row + 1}: «${school.name}» — повтор результата ${procedureLabel(draft.procedure)}; взят первый`);
  }

  /** A draft's result into the school: the columns' `index` for a stored school. */
  private keep(draft: ResultDraft, school: SchoolRecord, index = -1): void {
    const v = draft.values;
    if (index >= 0 && school instanceof StoredSchool && plainPercents(v)) {
      // The common case of a wide table, % «2» and % высоких alone: straight into the columns, no object between.
      const { at } = v;
      if (at[FAIL] !== at[FAIL] && at[HIGH] !== at[HIGH]) return;
      const columns = school.columns;
      if (columns) {
        this.list(draft);
        columns.setPercents(school.place, index, at, FAIL, HIGH);
        return;
      }
    }
    const result = this.resolve(draft, school);
    if (!result) return;
    this.list(draft);
    const columns = index >= 0 && school instanceof StoredSchool ? school.columns : null;
    if (columns) columns.set((school as StoredSchool).place, index, result);
    else school.results.push(result);
  }

  /** The draft's procedure among the table's, once it has a result. */
  private list(draft: ResultDraft): void {
    if (!draft.listed && !this.procedures.has(draft.key)) this.procedures.set(draft.key, draft.procedure);
    draft.listed = true;
  }

  private longProcedure(values: Cell[]): Procedure | null {
    const at = (role: LongRole): Cell => (this.longIndex[role] >= 0 ? values[this.longIndex[role]] : null);
    let parts: ProcedureParts = parseProcedureParts(at("procedure"));
    parts = mergeParts(parts, parseProcedureParts(at("subject")));
    const grade = at("grade");
    if (parts.grade === null && !isBlank(grade)) parts = mergeParts(parts, parseProcedureParts(`${displayText(grade)} кл`));
    parts = mergeParts(parts, parseProcedureParts(at("year")));
    if (this.shape.context) parts = mergeParts(parts, this.shape.context);
    return completeProcedure(parts);
  }

  private schoolFor(name: string, login: string | null, territory: string | null, row: number): SchoolRecord {
    if (this.columns) {
      // A wide table: one row a school, duplicates included (the join names both rows and compares their values); its results go to the columns.
      const school = new StoredSchool(name, login, territory, row, this.columns, this.columns.addRow());
      this.schools.push(school);
      return school;
    }
    if (this.shape.layout === "fisoko") {
      // One row a school, duplicates included: the join names both rows and compares their values.
      const school = { name, login, territory, row, results: [] };
      this.schools.push(school);
      return school;
    }
    const identity = schoolIdentity(name, login);
    let school = this.byIdentity.get(identity);
    if (!school) {
      school = { name, login, territory, row, results: [] };
      this.byIdentity.set(identity, school);
      this.schools.push(school);
    }
    return school;
  }

  private readValue(cell: Cell, format: string | null | undefined, slot: MeasureSlot, row: number): number | null {
    if (slot.raw) {
      const r = readNumber(cell, format);
      if (r.kind === "number" && r.value >= 0) return r.value;
      if (r.kind !== "missing")
        this.warn(`${columnLetter(slot.plan.column)}${row + 1}: «${displayText(cell)}» — не число; считается, что данных нет`);
      return null;
    }
    const reading = slot.isCount ? readCount(cell, format) : readPercent(cell, format);
    if (reading.kind === "number") {
      slot.numbers++;
      if (typeof cell === "number" && isPercentFormat(format)) slot.fractions++;
      return reading.value;
    }
    if (reading.kind === "invalid") {
      const what = slot.isCount ? "не целое неотрицательное число" : "не процент от 0 до 100";
      this.warn(`${columnLetter(slot.plan.column)}${row + 1}: «${reading.text}» — ${what}; считается, что данных нет`);
    }
    return null;
  }

  /** One result per procedure: counts beat percents, percents beat успеваемость. */
  private resolve(draft: ResultDraft, school: SchoolRecord): ProcedureResult | null {
    if (plainPercents(draft.values)) {
      // The common case of a wide table: % «2» and % высоких, nothing to reconcile.
      const { at } = draft.values;
      if (at[FAIL] !== at[FAIL] && at[HIGH] !== at[HIGH]) return null;
      return {
        procedure: draft.procedure,
        key: draft.key,
        failPercent: orNull(at[FAIL]),
        highPercent: orNull(at[HIGH]),
        participants: null,
        failCount: null,
      };
    }
    const v = draft.values.read();
    let mark2 = v.mark2;
    let mark45 = v.mark4 !== null && v.mark5 !== null ? cleanFloat(v.mark4 + v.mark5) : null;
    let failCount = v.failCount;
    const markCounts = this.markCounts(v);
    if (markCounts) {
      // The dashboards give marks as head counts: «2» is the fail count.
      failCount ??= v.mark2;
      mark2 = null;
      mark45 = cleanFloat((((v.mark4 as number) + (v.mark5 as number)) * 100) / (v.participants as number));
    } else if ([v.mark2, v.mark3, v.mark4, v.mark5].some((m) => m !== null && m > 100)) {
      this.warn(
        `«${school.name}», ${procedureLabel(draft.procedure)}: отметки не похожи ни на проценты, ни на численности участников; результат не учтён`,
      );
      return null;
    } else if (!this.marksAddUp(v)) {
      const total = cleanFloat((v.mark2 ?? 0) + (v.mark3 ?? 0) + (v.mark4 ?? 0) + (v.mark5 ?? 0));
      this.warn(
        `строка ${draft.row + 1}: «${school.name}», ${procedureLabel(draft.procedure)} — доли отметок «2»–«5» в сумме ${formatPercent(total)} %, а не 100 %; результат не учтён: проверьте строку`,
      );
      return null;
    }
    let failPercent: number | null = v.failPercent ?? mark2 ?? (v.passPercent !== null ? cleanFloat(100 - v.passPercent) : null);
    const participants = v.participants;
    if (participants === 0) {
      failPercent = null;
      failCount = null;
    } else if (participants !== null && failCount !== null) {
      if (failCount > participants) {
        this.warn(
          `«${school.name}», ${procedureLabel(draft.procedure)}: не сдавших (${failCount}) больше, чем участников (${participants}); результат не учтён`,
        );
        return null;
      }
      failPercent = cleanFloat((failCount * 100) / participants);
    } else {
      failCount = null;
    }
    const high = v.highPercent ?? mark45;
    if (failPercent === null && high === null) return null;
    return { procedure: draft.procedure, key: draft.key, failPercent, highPercent: high, participants, failCount };
  }

  /**
   * Percents of marks 2–5 add up to 100 within 1 (ФИС ОКО rounds each to two places). A row of
   * 160 % or 50 % is damaged: its % «2» is not trusted. Blank marks are unknown, so only a sum
   * over 101 tells on them; a table without all four marks is not checked, nor a result over nobody.
   */
  private marksAddUp(v: Measures): boolean {
    if (!this.allMarks || v.participants === 0) return true;
    const marks = [v.mark2, v.mark3, v.mark4, v.mark5];
    const given = marks.filter((m): m is number => m !== null);
    if (given.length === 0) return true;
    const total = given.reduce((a, b) => a + b, 0);
    return given.length === 4 ? Math.abs(total - 100) <= MARKS_TOLERANCE : total <= 100 + MARKS_TOLERANCE;
  }

  /** Marks 2–5 that are whole numbers adding up to the participants are head counts, not percents. */
  private markCounts(v: Measures): boolean {
    const marks = [v.mark2, v.mark3, v.mark4, v.mark5];
    if (v.participants === null || v.participants === 0 || marks.some((m) => m === null || !Number.isInteger(m))) return false;
    const sum = (marks as number[]).reduce((a, b) => a + b, 0);
    return sum === v.participants && !(v.participants === 100 && this.shape.layout === "fisoko");
  }

  private skip(row: number, values: Cell[], reason: string): void {
    const text = values
      .map(displayText)
      .filter((t) => t)
      .join(" · ")
      .slice(0, 80);
    this.skipped.push({ row, text, reason });
  }

  private warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
    else this.droppedWarnings++;
  }
}

/**
 * The counts the rule takes from pupils: participants (a mark or a verdict on
 * the minimum threshold), fails («2», or the threshold not passed), «4» and
 * «5», and how many participants have a mark. Absent pupils are not participants.
 */
function pupilCounts(pupils: PupilResult[]): { participants: number; fails: number; high: number; marked: number } {
  let participants = 0;
  let fails = 0;
  let high = 0;
  let marked = 0;
  for (const p of pupils) {
    if (p.absent || (p.mark === null && p.passed === undefined)) continue;
    participants++;
    if (p.passed === false || (p.passed === undefined && p.mark === 2)) fails++;
    if (p.mark !== null) {
      marked++;
      if (p.mark >= 4) high++;
    }
  }
  return { participants, fails, high, marked };
}
