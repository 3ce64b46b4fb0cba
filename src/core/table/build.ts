/**
 * Turns data rows into schools and their results, one row at a time, so a
 * host can stream a file or hand over a whole range alike. Everything a cell
 * needs (its procedure, key, measure) is worked out once per column, so the
 * per-cell work is one read and one store: 40,000 schools must take well
 * under a second.
 */
import { Cell, cleanFloat, columnLetter, displayText, isBlank, isPercentFormat, normalizeText, readCount, readPercent } from "../cells";
import { completeProcedure, mergeParts, parseProcedureParts, Procedure, procedureKey, ProcedureParts } from "../procedures";
import { Measure } from "../vocabulary";
import { looksLikeLogin, rowKind } from "./headers";
import { ColumnPlan, ProcedureResult, ResultsTable, SchoolRecord, SkippedRow, TableShape } from "./model";

/** Beyond this many, warnings are counted rather than listed. */
const MAX_WARNINGS = 50;

/** The measures of one procedure for one school; a fixed shape keeps V8 on its fast path. */
class MeasureValues {
  failPercent: number | null = null;
  highPercent: number | null = null;
  passPercent: number | null = null;
  participants: number | null = null;
  failCount: number | null = null;
  mark2: number | null = null;
  mark3: number | null = null;
  mark4: number | null = null;
  mark5: number | null = null;

  clear(): void {
    this.failPercent = this.highPercent = this.passPercent = this.participants = this.failCount = null;
    this.mark2 = this.mark3 = this.mark4 = this.mark5 = null;
  }
}

interface ResultDraft {
  procedure: Procedure;
  key: string;
  values: MeasureValues;
  /** The procedure has been listed in the table's procedures. */
  listed?: boolean;
}

/** A measure column with what per-cell work needs. */
interface MeasureSlot {
  plan: ColumnPlan;
  /** Index into a row's values. */
  index: number;
  measure: Measure;
  isCount: boolean;
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
    result.slots.push({ plan, index: plan.column - shape.firstColumn, measure: role.measure, isCount, draft, numbers: 0, fractions: 0 });
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
  /** Wide and ФИС ОКО tables: one draft per procedure, refilled row after row. */
  private readonly rowDrafts: ResultDraft[] = [];
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

  constructor(private readonly shape: TableShape) {
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
    for (const draft of prepared.drafts) this.rowDrafts.push({ procedure: draft.procedure, key: draft.key, values: new MeasureValues() });
    for (const slot of prepared.slots) this.slots.push({ ...slot, numbers: 0, fractions: 0 });
  }

  /** Adds one sheet row (0-based index); `values` starts at the shape's first column. */
  addRow(row: number, values: Cell[], formats?: Formats): void {
    if (row <= this.shape.headerBottom) return;
    const login = this.loginIndex >= 0 ? displayText(values[this.loginIndex]) || null : null;
    const territory = this.territoryIndex >= 0 ? displayText(values[this.territoryIndex]) || null : null;
    const name = (this.nameIndex >= 0 ? displayText(values[this.nameIndex]) : "") || login || "";
    const hasValues = this.slots.some((slot) => !isBlank(values[slot.index]));
    if (!name) {
      if (hasValues) this.skip(row, values, "нет названия ОО");
      else if (values.some((v) => rowKind(normalizeText(v), false, false) === "note")) this.skip(row, values, "примечание");
      return;
    }
    const normalized = normalizeText(name);
    if (this.shape.headerTexts.has(normalized)) return this.skip(row, values, "повтор заголовка");
    // A ФИС ОКО report lists the region and municipality above their schools, without a login.
    if (this.shape.layout === "fisoko" && this.loginIndex >= 0 && !looksLikeLogin(login)) {
      return this.skip(row, values, "строка территории или итога (нет логина ОО)");
    }
    const kind = rowKind(normalized, hasValues, login !== null);
    if (kind === "total") return this.skip(row, values, "итоговая строка");
    if (kind === "note") return this.skip(row, values, "примечание");
    if (kind === "section") return this.skip(row, values, "заголовок раздела, а не школа");
    this.lastRow = row;

    const school = this.schoolFor(name, login, territory, row);
    if (this.shape.layout === "long") {
      this.addLongRow(school, row, values, formats);
      return;
    }
    for (const draft of this.rowDrafts) draft.values.clear();
    for (const slot of this.slots) this.store(this.rowDrafts[slot.draft], slot, school, row, values, formats);
    for (const draft of this.rowDrafts) this.keep(draft, school);
  }

  finish(): ResultsTable {
    for (const [school, drafts] of this.longDrafts) for (const draft of drafts.values()) this.keep(draft, school);
    if (this.droppedWarnings > 0) this.warnings.push(`…и ещё ${this.droppedWarnings} предупреждений`);
    return {
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
    };
  }

  private addLongRow(school: SchoolRecord, row: number, values: Cell[], formats: Formats): void {
    const procedure = this.longProcedure(values);
    if (!procedure) return this.skip(row, values, "не определена процедура (вид, предмет, год)");
    const key = procedureKey(procedure);
    let drafts = this.longDrafts.get(school);
    if (!drafts) this.longDrafts.set(school, (drafts = new Map()));
    let draft = drafts.get(key);
    if (!draft) drafts.set(key, (draft = { procedure, key, values: new MeasureValues() }));
    for (const slot of this.slots) this.store(draft, slot, school, row, values, formats);
  }

  /** Reads one cell into its draft; the first of two values for one measure wins. */
  private store(draft: ResultDraft, slot: MeasureSlot, school: SchoolRecord, row: number, values: Cell[], formats: Formats): void {
    const cell = values[slot.index];
    if (isBlank(cell)) return;
    const value = this.readValue(cell, formats?.[slot.index], slot, row);
    if (value === null) return;
    if (draft.values[slot.measure] !== null) {
      this.warn(`строка ${row + 1}: «${school.name}» — повтор результата ${draft.key.replace(/\|/g, " ")}; взят первый`);
      return;
    }
    draft.values[slot.measure] = value;
  }

  private keep(draft: ResultDraft, school: SchoolRecord): void {
    const result = this.resolve(draft, school);
    if (!result) return;
    if (!draft.listed && !this.procedures.has(draft.key)) this.procedures.set(draft.key, draft.procedure);
    draft.listed = true;
    school.results.push(result);
  }

  private longProcedure(values: Cell[]): Procedure | null {
    const at = (role: LongRole): Cell => (this.longIndex[role] >= 0 ? values[this.longIndex[role]] : null);
    let parts: ProcedureParts = parseProcedureParts(at("procedure"));
    parts = mergeParts(parts, parseProcedureParts(at("subject")));
    const grade = at("grade");
    if (parts.grade === null && !isBlank(grade)) parts = mergeParts(parts, parseProcedureParts(`${displayText(grade)} кл`));
    parts = mergeParts(parts, parseProcedureParts(at("year")));
    return completeProcedure(parts);
  }

  private schoolFor(name: string, login: string | null, territory: string | null, row: number): SchoolRecord {
    if (this.shape.layout === "wide") {
      // One row a school, duplicates included: nothing to look up.
      const school = { name, login, territory, row, results: [] };
      this.schools.push(school);
      return school;
    }
    const identity = login ? `login:${login.toLowerCase()}` : `name:${normalizeText(name)}`;
    let school = this.byIdentity.get(identity);
    if (!school) {
      school = { name, login, territory, row, results: [] };
      this.byIdentity.set(identity, school);
      this.schools.push(school);
    }
    return school;
  }

  private readValue(cell: Cell, format: string | null | undefined, slot: MeasureSlot, row: number): number | null {
    // Most cells are plain numbers: read them without building a reading object.
    if (typeof cell === "number" && Number.isFinite(cell) && !slot.isCount) {
      const fraction = format ? isPercentFormat(format) : false;
      const percent = fraction ? cleanFloat(cell * 100) : cell;
      if (percent >= 0 && percent <= 100) {
        slot.numbers++;
        if (fraction) slot.fractions++;
        return percent;
      }
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
    const v = draft.values;
    if (v.participants === null && v.failCount === null && v.passPercent === null && v.mark2 === null && v.mark4 === null) {
      // The common case of a wide table: % «2» and % высоких, nothing to reconcile.
      if (v.failPercent === null && v.highPercent === null) return null;
      return {
        procedure: draft.procedure,
        key: draft.key,
        failPercent: v.failPercent,
        highPercent: v.highPercent,
        participants: null,
        failCount: null,
      };
    }
    let failPercent: number | null = v.failPercent ?? v.mark2 ?? (v.passPercent !== null ? cleanFloat(100 - v.passPercent) : null);
    const participants = v.participants;
    let failCount = v.failCount;
    if (participants === 0) {
      failPercent = null;
      failCount = null;
    } else if (participants !== null && failCount !== null) {
      if (failCount > participants) {
        this.warn(
          `«${school.name}», ${draft.key.replace(/\|/g, " ")}: не сдавших (${failCount}) больше, чем участников (${participants}); результат не учтён`,
        );
        return null;
      }
      failPercent = cleanFloat((failCount * 100) / participants);
    } else {
      failCount = null;
    }
    const high = v.highPercent ?? (v.mark4 !== null && v.mark5 !== null ? cleanFloat(v.mark4 + v.mark5) : null);
    if (failPercent === null && high === null) return null;
    return { procedure: draft.procedure, key: draft.key, failPercent, highPercent: high, participants, failCount };
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
