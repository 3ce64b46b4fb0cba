/**
 * Turns data rows into schools and their results, one row at a time, so a
 * host can stream a file or hand over a whole range alike.
 */
import { Cell, cleanFloat, columnLetter, displayText, isBlank, isPercentFormat, normalizeText, readCount, readPercent } from "../cells";
import { completeProcedure, mergeParts, parseProcedureParts, Procedure, procedureKey, ProcedureParts } from "../procedures";
import { Measure } from "../vocabulary";
import { looksLikeLogin, rowKind } from "./headers";
import { ColumnPlan, ProcedureResult, ResultsTable, SchoolRecord, SkippedRow, TableShape } from "./model";

/** Beyond this many, warnings are counted rather than listed. */
const MAX_WARNINGS = 50;

interface MeasureValues {
  failPercent?: number;
  highPercent?: number;
  passPercent?: number;
  participants?: number;
  failCount?: number;
  mark2?: number;
  mark3?: number;
  mark4?: number;
  mark5?: number;
}

interface ResultDraft {
  procedure: Procedure;
  key: string;
  values: MeasureValues;
}

export class TableBuilder {
  private readonly schools: SchoolRecord[] = [];
  private readonly byIdentity = new Map<string, SchoolRecord>();
  private readonly drafts = new Map<SchoolRecord, Map<string, ResultDraft>>();
  private readonly procedures = new Map<string, Procedure>();
  private readonly skipped: SkippedRow[] = [];
  private readonly warnings: string[] = [];
  private droppedWarnings = 0;
  /** Per measure column: numbers read, and how many through a % format. */
  private readonly numberCounts = new Map<ColumnPlan, { numbers: number; fractions: number }>();
  private lastRow: number;
  private readonly nameColumn: ColumnPlan | undefined;
  private readonly loginColumn: ColumnPlan | undefined;
  private readonly territoryColumn: ColumnPlan | undefined;
  private readonly measureColumns: ColumnPlan[];
  private readonly longColumns: Partial<Record<"procedure" | "subject" | "grade" | "year", ColumnPlan>> = {};

  constructor(private readonly shape: TableShape) {
    this.lastRow = shape.headerBottom;
    const byKind = (kind: string) => shape.columns.find((c) => c.role.kind === kind);
    this.nameColumn = byKind("name");
    this.loginColumn = byKind("login");
    this.territoryColumn = byKind("territory");
    this.measureColumns = shape.columns.filter((c) => c.role.kind === "measure" || c.role.kind === "longMeasure");
    for (const kind of ["procedure", "subject", "grade", "year"] as const) this.longColumns[kind] = byKind(kind);
  }

  /** Adds one sheet row (0-based index); `values` starts at the shape's first column. */
  addRow(row: number, values: Cell[], formats?: (string | null | undefined)[]): void {
    if (row <= this.shape.headerBottom) return;
    const at = (plan: ColumnPlan | undefined): Cell => (plan ? values[plan.column - this.shape.firstColumn] : null);
    const formatAt = (plan: ColumnPlan): string | null | undefined => formats?.[plan.column - this.shape.firstColumn];
    const login = displayText(at(this.loginColumn)) || null;
    let name = displayText(at(this.nameColumn));
    const territory = displayText(at(this.territoryColumn)) || null;
    if (!name && login) name = login;
    const readings = this.measureColumns.map((plan) => ({ plan, reading: isBlank(at(plan)) ? null : at(plan) }));
    const hasValues = readings.some((r) => r.reading !== null);
    if (!name) {
      if (hasValues) this.skip(row, values, "нет названия ОО");
      else if (values.some((v) => rowKind(displayText(v), false, false) === "note")) this.skip(row, values, "примечание");
      return;
    }
    if (this.shape.headerTexts.has(normalizeText(name))) return this.skip(row, values, "повтор заголовка");
    // A ФИС ОКО report lists the region and municipality above their schools, without a login.
    if (this.shape.layout === "fisoko" && this.loginColumn && !looksLikeLogin(login)) {
      return this.skip(row, values, "строка территории или итога (нет логина ОО)");
    }
    const kind = rowKind(name, hasValues, login !== null);
    if (kind === "total") return this.skip(row, values, "итоговая строка");
    if (kind === "note") return this.skip(row, values, "примечание");
    if (kind === "section") return this.skip(row, values, "заголовок раздела, а не школа");
    this.lastRow = row;

    const school = this.schoolFor(name, login, territory, row);
    const rowProcedure = this.shape.layout === "long" ? this.longProcedure(at) : null;
    if (this.shape.layout === "long" && !rowProcedure) return this.skip(row, values, "не определена процедура (вид, предмет, год)");
    for (const { plan, reading } of readings) {
      if (reading === null) continue;
      const role = plan.role;
      const procedure = role.kind === "measure" ? role.procedure : rowProcedure;
      const measure = role.kind === "measure" || role.kind === "longMeasure" ? role.measure : null;
      if (!procedure || !measure) continue;
      const value = this.readValue(reading, formatAt(plan), measure, row, plan);
      if (value === null) continue;
      this.put(school, procedure, measure, value, row);
    }
  }

  finish(): ResultsTable {
    for (const school of this.schools) {
      const drafts = this.drafts.get(school);
      if (!drafts) continue;
      for (const draft of drafts.values()) {
        const result = this.resolve(draft, school);
        if (result) school.results.push(result);
      }
    }
    if (this.droppedWarnings > 0) this.warnings.push(`…и ещё ${this.droppedWarnings} предупреждений`);
    const procedures = [...this.procedures.values()];
    return {
      layout: this.shape.layout,
      sheetName: this.shape.sheetName,
      headerTop: this.shape.headerTop,
      headerBottom: this.shape.headerBottom,
      lastRow: this.lastRow,
      columns: this.shape.columns.map((plan) => {
        const counts = this.numberCounts.get(plan);
        return counts && counts.fractions * 2 > counts.numbers ? { ...plan, fraction: true } : plan;
      }),
      procedures,
      schools: this.schools,
      skippedRows: this.skipped,
      warnings: this.warnings,
    };
  }

  private longProcedure(at: (plan: ColumnPlan | undefined) => Cell): Procedure | null {
    const cols = this.longColumns;
    let parts: ProcedureParts = parseProcedureParts(at(cols.procedure));
    parts = mergeParts(parts, parseProcedureParts(at(cols.subject)));
    const grade = at(cols.grade);
    if (parts.grade === null && !isBlank(grade)) parts = mergeParts(parts, parseProcedureParts(`${displayText(grade)} кл`));
    parts = mergeParts(parts, parseProcedureParts(at(cols.year)));
    return completeProcedure(parts);
  }

  private schoolFor(name: string, login: string | null, territory: string | null, row: number): SchoolRecord {
    // Long tables repeat a school on many rows; wide ones have one row a school, duplicates included.
    const identity = this.shape.layout === "wide" ? `row:${row}` : login ? `login:${login.toLowerCase()}` : `name:${normalizeText(name)}`;
    let school = this.byIdentity.get(identity);
    if (!school) {
      school = { name, login, territory, row, results: [] };
      this.byIdentity.set(identity, school);
      this.schools.push(school);
    }
    return school;
  }

  private readValue(cell: Cell, format: string | null | undefined, measure: Measure, row: number, plan: ColumnPlan): number | null {
    const isCount = measure === "participants" || measure === "failCount";
    const reading = isCount ? readCount(cell, format) : readPercent(cell, format);
    if (reading.kind === "number") {
      let counts = this.numberCounts.get(plan);
      if (!counts) this.numberCounts.set(plan, (counts = { numbers: 0, fractions: 0 }));
      counts.numbers++;
      if (typeof cell === "number" && isPercentFormat(format)) counts.fractions++;
      return reading.value;
    }
    if (reading.kind === "invalid") {
      const what = isCount ? "не целое неотрицательное число" : "не процент от 0 до 100";
      this.warn(`${columnLetter(plan.column)}${row + 1}: «${reading.text}» — ${what}; считается, что данных нет`);
    }
    return null;
  }

  private put(school: SchoolRecord, procedure: Procedure, measure: Measure, value: number, row: number): void {
    const key = procedureKey(procedure);
    if (!this.procedures.has(key)) this.procedures.set(key, procedure);
    let drafts = this.drafts.get(school);
    if (!drafts) this.drafts.set(school, (drafts = new Map()));
    let draft = drafts.get(key);
    if (!draft) drafts.set(key, (draft = { procedure, key, values: {} }));
    if (draft.values[measure] !== undefined) {
      this.warn(`строка ${row + 1}: «${school.name}» — повтор результата ${key.replace(/\|/g, " ")}; взят первый`);
      return;
    }
    draft.values[measure] = value;
  }

  /** One result per procedure: counts beat percents, percents beat успеваемость. */
  private resolve(draft: ResultDraft, school: SchoolRecord): ProcedureResult | null {
    const v = draft.values;
    let failPercent: number | null = v.failPercent ?? v.mark2 ?? (v.passPercent !== undefined ? cleanFloat(100 - v.passPercent) : null);
    const participants = v.participants ?? null;
    let failCount = v.failCount ?? null;
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
    const high = v.highPercent ?? (v.mark4 !== undefined && v.mark5 !== undefined ? cleanFloat(v.mark4 + v.mark5) : null);
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
