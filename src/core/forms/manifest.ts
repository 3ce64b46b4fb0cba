/**
 * What forms for schools need to know about a report, taken from the very
 * SheetSpecs that wrote it: the input cells of «Показатели» (one row per
 * indicator the schools fill), the «Отметка о выполнении» cells of each
 * ШНОР's roadmap, the schools and the report's secret id. The report keeps it
 * as a custom XML part of its own (FORMS_NAMESPACE), so `shnor forms` and
 * `shnor collect-forms` never guess a layout and never re-analyse the book.
 */
import { ShnorError } from "../errors";
import { columnPx, fitSheet } from "../render-contract/fit";
import { a1, SheetSpec, SpecValue, specRows } from "../render-contract/spec";
import type { Status } from "../rule";
import {
  ComputeKey,
  Documents,
  indicatorById,
  INDICATORS_KIND,
  MARK_HEADER,
  SCHOOL_ROADMAP_KIND,
  schoolRoadmapVerdicts,
  selectedIndicators,
} from "../documents";
import type { ReportPlan } from "../documents/plan";
import { COLLECTION_NOTE_ROW } from "../documents/indicators-sheet";
import { jsonPartValue, jsonPartXml } from "../stored-settings";

export const FORMS_NAMESPACE = "urn:shnor-monitor:forms:1";

export interface FormIndicator {
  id: string;
  /** The wording as the form and `--json` write it. */
  text: string;
  unit: string;
  /** What the numerator and the denominator count, from the catalogue. */
  numeratorHint: string;
  denominatorHint: string | null;
  /** Where the sums go in the report: sheet and A1 cells (no denominator: a count). */
  sheet: string;
  numerator: string;
  denominator: string | null;
}

export interface FormActivity {
  /** «1.2.» as the roadmap numbers it. */
  no: string;
  text: string;
  timing: string;
  /** The «Отметка о выполнении» cell on the school's roadmap sheet. */
  cell: string;
}

export interface FormSchool {
  login: string | null;
  name: string;
  status: Status;
  /** The school's own roadmap sheet in the report, if it has one. */
  roadmap: { sheet: string; activities: FormActivity[] } | null;
}

export interface FormsManifest {
  version: 1;
  /** Random, kept only in the report: the key of every form's signature. */
  reportId: string;
  /** The roadmap's school year (its start): 2025 → 2025/2026. */
  schoolYear: number;
  indicators: FormIndicator[];
  schools: FormSchool[];
  /** Where «Показатели» says who answered: a cell merged across the sheet, `widthPx` wide (older reports: unknown). */
  summary: { sheet: string; cell: string; widthPx?: number };
}

/** Text of a described cell, or "". */
function textOf(value: SpecValue | undefined): string {
  return value && "text" in value ? value.text : "";
}

/** The cells of a described sheet by row, for the few small sheets read here. */
function cellsOf(spec: SheetSpec): Map<number, Map<number, SpecValue>> {
  const rows = new Map<number, Map<number, SpecValue>>();
  for (const { row, column, values } of specRows(spec)) {
    const cells = rows.get(row) ?? new Map<number, SpecValue>();
    values.forEach((v, i) => cells.set(column + i, v));
    rows.set(row, cells);
  }
  return rows;
}

/** The header row holding all `words` (first match), with the column of each. */
function headerOf(cells: Map<number, Map<number, SpecValue>>, words: string[]): { row: number; columns: number[] } | null {
  for (const [row, line] of [...cells.entries()].sort((a, b) => a[0] - b[0])) {
    const columns = words.map((w) => [...line.entries()].find(([, v]) => textOf(v) === w)?.[0] ?? -1);
    if (columns.every((c) => c >= 0)) return { row, columns };
  }
  return null;
}

const layoutChanged = (sheet: string) => new ShnorError("host", `Лист «${sheet}» описан не так, как ожидают формы для школ.`);

/**
 * A computed indicator the table could not give is left to input on «Показатели»; it goes to the
 * forms only if a school can count it for itself. The ГИА participants below the threshold are a
 * school's own pupils; which schools are ШНОР, left the list or lowered their «2» is the
 * municipality's count, and a school's form asking it would be nonsense summed.
 */
const COUNTED_BY_SCHOOLS: ReadonlySet<ComputeKey> = new Set<ComputeKey>(["shareGiaFail"]);

/** The indicators the schools fill: those whose numerator «Показатели» leaves to input and a school can count. */
function formIndicators(documents: Documents): FormIndicator[] {
  const spec = documents.sheets.find((s) => s.kind === INDICATORS_KIND);
  if (!spec || !spec.keptInputs) return [];
  const cells = cellsOf(spec);
  const header = headerOf(cells, ["Показатель", "Числитель", "Знаменатель"]);
  if (!header) throw layoutChanged(spec.name);
  const [wordingColumn, numeratorColumn, denominatorColumn] = header.columns;
  const isInput = (row: number, column: number) =>
    spec.validations.some((v) => v.rule.kind === "wholeNumber" && v.row === row && v.column === column);
  return selectedIndicators(documents.settings).flatMap((indicator, i): FormIndicator[] => {
    const row = spec.keptInputs!.firstRow + i;
    if (!textOf(cells.get(row)?.get(wordingColumn)).startsWith(indicator.wording)) throw layoutChanged(spec.name);
    if (!isInput(row, numeratorColumn)) return [];
    const catalogue = indicatorById(indicator.id)!;
    if (catalogue.kind === "computed" && !(catalogue.compute && COUNTED_BY_SCHOOLS.has(catalogue.compute))) return [];
    const share = isInput(row, denominatorColumn);
    return [
      {
        id: indicator.id,
        text: indicator.wording,
        unit: indicator.unit,
        numeratorHint: catalogue.numerator,
        denominatorHint: share ? catalogue.denominator : null,
        sheet: spec.name,
        numerator: a1(row, numeratorColumn),
        denominator: share ? a1(row, denominatorColumn) : null,
      },
    ];
  });
}

/** The activity rows of a school's roadmap: those with a «Отметка о выполнении» drop-down. */
function roadmapActivities(spec: SheetSpec): FormActivity[] {
  const cells = cellsOf(spec);
  const header = headerOf(cells, ["№ п/п", "Мероприятие", "Сроки", MARK_HEADER]);
  if (!header) throw layoutChanged(spec.name);
  const [noColumn, textColumn, timingColumn, markColumn] = header.columns;
  const rows = spec.validations
    .filter((v) => v.rule.kind === "list" && v.column === markColumn)
    .flatMap((v) => Array.from({ length: v.rows }, (_, i) => v.row + i))
    .sort((a, b) => a - b);
  return rows.map((row) => ({
    no: textOf(cells.get(row)?.get(noColumn)),
    text: textOf(cells.get(row)?.get(textColumn)),
    timing: textOf(cells.get(row)?.get(timingColumn)),
    cell: a1(row, markColumn),
  }));
}

/** The px width of the merged cell where collected forms say who answered (its columns as the writers widen them). */
function noteWidth(spec: SheetSpec): number | undefined {
  const merge = spec.merges.find((m) => m.row === COLLECTION_NOTE_ROW && m.column === 0);
  if (!merge) return undefined;
  const widths = fitSheet(spec).columnWidths;
  let px = 0;
  for (let c = 0; c < merge.columns && c < widths.length; c++) px += columnPx(widths[c]);
  return Math.round(px);
}

/**
 * What a manifest is made from: the report plan (`shnor report` and the
 * page's «Скачать отчёт» pass theirs whole), or the pane's documents with
 * the analysis they were built from. Either way the very SheetSpecs the
 * writers render.
 */
export type FormsSource = Pick<ReportPlan, "documents" | "analysis">;

/**
 * The manifest of a report, from its plan. A ШНОР's roadmap is the school
 * roadmap sheet buildDocuments wrote for it, in the order of
 * schoolRoadmapVerdicts.
 */
export function formsManifest({ documents, analysis }: FormsSource, reportId: string): FormsManifest {
  const indicatorsSpec = documents.sheets.find((s) => s.kind === INDICATORS_KIND);
  const roadmaps = documents.sheets.filter((s) => s.kind === SCHOOL_ROADMAP_KIND);
  const withRoadmaps = schoolRoadmapVerdicts(analysis, documents.settings).verdicts;
  if (roadmaps.length !== withRoadmaps.length) throw layoutChanged(roadmaps[0]?.name ?? "Дорожная карта ОО");
  const roadmapOf = new Map(withRoadmaps.map((v, i) => [v, roadmaps[i]] as const));
  return {
    version: 1,
    reportId,
    schoolYear: documents.settings.schoolYear,
    indicators: formIndicators(documents),
    schools: analysis.verdicts.map((v) => {
      const spec = roadmapOf.get(v);
      return {
        login: v.school.login,
        name: v.school.name,
        status: v.status,
        roadmap: spec ? { sheet: spec.name, activities: roadmapActivities(spec) } : null,
      };
    }),
    summary: {
      sheet: indicatorsSpec?.name ?? "",
      cell: a1(COLLECTION_NOTE_ROW, 0),
      ...(indicatorsSpec ? { widthPx: noteWidth(indicatorsSpec) } : {}),
    },
  };
}

/* The part's XML: the manifest as JSON in one element, as the settings part keeps its own. */

export function formsManifestXml(manifest: FormsManifest): string {
  return jsonPartXml("shnorForms", FORMS_NAMESPACE, "manifest", manifest);
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isText = (x: unknown): x is string => typeof x === "string";
const CELL = /^[A-Z]{1,3}[1-9]\d{0,6}$/;

function checkedIndicator(x: unknown): FormIndicator | null {
  if (!isObject(x)) return null;
  const ok =
    isText(x.id) &&
    isText(x.text) &&
    isText(x.unit) &&
    isText(x.numeratorHint) &&
    (x.denominatorHint === null || isText(x.denominatorHint)) &&
    isText(x.sheet) &&
    isText(x.numerator) &&
    CELL.test(x.numerator) &&
    (x.denominator === null || (isText(x.denominator) && CELL.test(x.denominator)));
  return ok ? (x as unknown as FormIndicator) : null;
}

function checkedSchool(x: unknown): FormSchool | null {
  if (!isObject(x) || !(x.login === null || isText(x.login)) || !isText(x.name) || !["shnor", "risk", "ok"].includes(x.status as string))
    return null;
  let roadmap: FormSchool["roadmap"] = null;
  if (x.roadmap !== null) {
    const r = x.roadmap;
    if (!isObject(r) || !isText(r.sheet) || !Array.isArray(r.activities)) return null;
    const good = r.activities.every(
      (a) => isObject(a) && isText(a.no) && isText(a.text) && isText(a.timing) && isText(a.cell) && CELL.test(a.cell),
    );
    if (!good) return null;
    roadmap = { sheet: r.sheet, activities: r.activities as FormActivity[] };
  }
  return { login: x.login as string | null, name: x.name, status: x.status as Status, roadmap };
}

const BROKEN = "описание форм в отчёте повреждено";

/** The manifest from the part's XML, every field checked; a damaged part is one Russian line naming the book. */
export function readFormsManifestXml(xml: string | null, book: string): FormsManifest {
  if (xml === null)
    throw new ShnorError(
      "bad-setting",
      `В книге «${book}» нет описания форм для школ: это не отчёт ШНОР-монитора или он создан до появления форм. Создайте отчёт заново (shnor report или «Скачать отчёт»).`,
    );
  const broken = new ShnorError("unreadable-file", `Книга «${book}»: ${BROKEN}. Создайте отчёт заново.`);
  const data = jsonPartValue(xml, "manifest");
  if (!isObject(data) || data.version !== 1 || !isText(data.reportId) || !/^[0-9a-f]{32,}$/.test(data.reportId)) throw broken;
  if (!Number.isInteger(data.schoolYear) || !Array.isArray(data.indicators) || !Array.isArray(data.schools)) throw broken;
  const indicators = data.indicators.map(checkedIndicator);
  const schools = data.schools.map(checkedSchool);
  const summary = data.summary;
  if (indicators.includes(null) || schools.includes(null) || !isObject(summary) || !isText(summary.sheet) || !isText(summary.cell))
    throw broken;
  const widthPx = summary.widthPx;
  if (widthPx !== undefined && !(typeof widthPx === "number" && Number.isFinite(widthPx) && widthPx > 0)) throw broken;
  return {
    version: 1,
    reportId: data.reportId,
    schoolYear: data.schoolYear as number,
    indicators: indicators as FormIndicator[],
    schools: schools as FormSchool[],
    summary: { sheet: summary.sheet, cell: summary.cell, ...(widthPx !== undefined ? { widthPx } : {}) },
  };
}
