/**
 * «Показатели»: the programme's target indicators. Those the workbook can
 * compute are native formulas over the status column and the results; the
 * others get input cells. Value and status are formulas that show «нет
 * данных» rather than an error while inputs are empty.
 */
import { ShnorError } from "../errors";
import { procedureKey } from "../procedures";
import { CHANGE_TEXT, TARGET_STATUS_TEXT } from "../indicator-arithmetic";
import { Analysis, leastParticipants, STATUS_TEXT } from "../rule";
import { a1, COLORS, ConditionalFormatSpec, formula, landscapeA4, num, SpecValue, text, ValidationSpec } from "../render-contract/spec";
import { rect, SheetBuilder } from "./builder";
import { ComputeKey, Indicator, indicatorById, INDICATORS } from "./catalogue";
import { computeIndicator, figuresOf, schoolFigures } from "./compute";
import { GIA_TYPES } from "../vocabulary";
import { someResult } from "../table/stored";
import { countLow, Counting, countResults, meanPercent, sumFailing, sumParticipants } from "./result-formulas";
import { resultCell, ResultColumns, ResultsRef, statusRange } from "./results-ref";
import { DocumentSettings } from "./settings";
import { endYearText, schoolYearText } from "../school-year";
import { SHEET_TITLES } from "./names";

export const INDICATORS_KIND = "shnor.indicators";

/** The words of the SHNOR.* functions (core/indicator-arithmetic), so a sheet reads the same with or without the add-in. */
export const INDICATOR_STATUS = {
  achieved: TARGET_STATUS_TEXT.met,
  notAchieved: TARGET_STATUS_TEXT.notMet,
  better: `${CHANGE_TEXT.better} динамика`,
  same: CHANGE_TEXT.same,
  worse: `${CHANGE_TEXT.worse} динамика`,
  noData: TARGET_STATUS_TEXT.noData,
  noTarget: "цель не задана",
  check: "проверьте: числитель больше знаменателя",
} as const;

/** Column positions, 0-based. Targets take `targetYears` columns from TARGETS. */
const COL = { no: 0, wording: 1, unit: 2, numerator: 3, denominator: 4, value: 5, baseline: 6, targets: 7 } as const;
const HEADER_TOP = 3;
/** The empty row above the header where collected forms say who answered (core/forms). */
export const COLLECTION_NOTE_ROW = HEADER_TOP - 1;
const FIRST_ROW = HEADER_TOP + 2;
/** Above this a denominator is «no limit» for the numerator's validation (the forms for schools too). */
export const NO_LIMIT = "1E+15";

export function selectedIndicators(settings: DocumentSettings): Indicator[] {
  if (settings.indicators === "all") return INDICATORS;
  if (settings.indicators === "typical") return INDICATORS.filter((i) => i.typical);
  return settings.indicators.map((id) => {
    const found = indicatorById(id);
    if (!found) throw new ShnorError("bad-setting", `Неизвестный показатель «${id}».`);
    return found;
  });
}

/** A computed indicator's value on the results read, to one decimal: the programme's baseline; null for the others. */
export function indicatorBaseline(indicator: Indicator, analysis: Analysis): number | null {
  const value = indicator.compute ? computeIndicator(indicator.compute, analysis).value : null;
  return value === null ? null : Math.round(value * 10) / 10;
}

interface Row {
  indicator: Indicator;
  /** Formulas or engine numbers for a computed indicator; null: input cells. */
  numerator: SpecValue | null;
  denominator: SpecValue | null;
  note: string | null;
}

/** Where the sheet's columns are: the target years, then the status and the source. */
interface Columns {
  years: number[];
  statusCol: number;
  sourceCol: number;
  width: number;
}

export function indicatorsSheet(
  analysis: Analysis,
  settings: DocumentSettings,
  ref: ResultsRef,
  name: string = SHEET_TITLES.indicators,
): ReturnType<SheetBuilder["finish"]> {
  const b = new SheetBuilder(name, INDICATORS_KIND);
  const indicators = selectedIndicators(settings);
  const years = Array.from({ length: settings.targetYears }, (_, i) => settings.schoolYear + i);
  const statusCol = COL.targets + years.length;
  const columns: Columns = { years, statusCol, sourceCol: statusCol + 1, width: statusCol + 2 };
  writeHead(b, settings, ref, columns, analysis.years[1]);

  const src = sourcesOf(analysis, ref);
  const helper = helperLayout(FIRST_ROW + indicators.length + 2, indicators, src);
  const rows = indicators.map((indicator) => rowFor(indicator, analysis, ref, src, helper));
  const validations: ValidationSpec[] = [];
  rows.forEach((r, i) => writeIndicator(b, FIRST_ROW + i, i, r, { analysis, settings, columns, validations }));
  const formats = rows.length > 0 ? statusColours(rect(FIRST_ROW, statusCol, rows.length, 1)) : [];
  if (helper && src) writeHelper(b, helper, analysis, src);

  const spec = b.finish();
  // One landscape page wide with three target years; more run onto a second page, № and the wording repeated.
  spec.columnWidths = [5, 37, 7, 11, 12, 10, 12, ...years.map(() => 10), 16, 18];
  spec.validations = validations;
  spec.conditionalFormats = formats;
  spec.freezeRows = FIRST_ROW;
  spec.print = landscapeA4({ first: HEADER_TOP, last: HEADER_TOP + 1 }, { repeatColumns: { first: COL.no, last: COL.wording } });
  spec.keptInputs = {
    keyColumn: COL.wording,
    columns: [COL.numerator, COL.denominator, COL.baseline, ...years.map((_, k) => COL.targets + k)],
    firstRow: FIRST_ROW,
  };
  return spec;
}

/** The title, how the sheet works, the row kept for the forms' collection note, and the two header rows. */
function writeHead(b: SheetBuilder, settings: DocumentSettings, ref: ResultsRef, columns: Columns, previous: number | null) {
  const { years, statusCol, sourceCol, width } = columns;
  b.set(0, 0, text("Целевые показатели программы повышения качества образования в ОО с низкими образовательными результатами (ШНОР)"));
  b.style(rect(0, 0, 1, width), "title").merge(rect(0, 0, 1, width));
  b.set(
    1,
    0,
    text(
      `Учебный год ${schoolYearText(settings.schoolYear)}. Рассчитываемые показатели — формулы по листу «${ref.sheetName}» ` +
        "(столбец статуса ШНОР и результаты); жёлтые ячейки заполняются вручную. Значение сравнивается с целью на текущий учебный год, " +
        "а если цель не задана — с базовым значением.",
    ),
  );
  b.style(rect(1, 0, 1, width), "subtitle", { wrap: true }).merge(rect(1, 0, 1, width));
  // Empty until forms are collected: then who answered and who did not, wrapped across the sheet.
  b.style(rect(COLLECTION_NOTE_ROW, 0, 1, width), "subtitle", { wrap: true, bold: true }).merge(rect(COLLECTION_NOTE_ROW, 0, 1, width));

  const baselineHeader = previous === null ? "Базовое значение" : `Базовое значение (${endYearText(previous)})`;
  const headers: [number, string][] = [
    [COL.no, "№"],
    [COL.wording, "Показатель"],
    [COL.unit, "Ед. изм."],
    [COL.numerator, "Числитель"],
    [COL.denominator, "Знаменатель"],
    [COL.value, "Значение"],
    [COL.baseline, baselineHeader],
    [statusCol, "Статус"],
    [sourceCol, "Источник данных"],
  ];
  for (const [c, h] of headers) {
    b.set(HEADER_TOP, c, text(h));
    b.merge(rect(HEADER_TOP, c, 2, 1));
  }
  b.set(HEADER_TOP, COL.targets, text("Целевые значения (по годам)"));
  b.merge(rect(HEADER_TOP, COL.targets, 1, years.length));
  years.forEach((y, i) => b.set(HEADER_TOP + 1, COL.targets + i, text(schoolYearText(y))));
  b.style(rect(HEADER_TOP, 0, 2, width), "header", { align: "center" });
}

/** An indicator's row at `row`: its wording, its figures (formulas or input cells), value, baseline, targets, status and source. */
function writeIndicator(
  b: SheetBuilder,
  row: number,
  i: number,
  r: Row,
  {
    analysis,
    settings,
    columns,
    validations,
  }: { analysis: Analysis; settings: DocumentSettings; columns: Columns; validations: ValidationSpec[] },
) {
  const { years, statusCol, sourceCol } = columns;
  const ind = r.indicator;
  const isShare = ind.unit === "%" && ind.denominator !== null;
  const D = a1(row, COL.numerator);
  const E = a1(row, COL.denominator);
  const F = a1(row, COL.value);
  const G = a1(row, COL.baseline);
  const T = a1(row, COL.targets);
  const labels = ind.denominator ? `Числитель — ${ind.numerator}; знаменатель — ${ind.denominator}.` : `Значение — ${ind.numerator}.`;
  b.row(row, 0, [num(i + 1), text(`${ind.wording}\n${labels}`), text(ind.unit)]);
  b.style(rect(row, 0, 1, 3), "cell", { wrap: true });
  b.style(rect(row, COL.no, 1, 1), "cell", { align: "center" });
  writeFigures(b, row, r, isShare, E, validations);

  const valueFormula = isShare ? `IF(AND(ISNUMBER(${D}),ISNUMBER(${E})),IF(${E}>0,${D}/${E}*100,""),"")` : `IF(ISNUMBER(${D}),${D},"")`;
  b.set(row, COL.value, formula(valueFormula));
  const format = ind.unit === "%" ? "0.0" : "0";
  b.style(rect(row, COL.value, 1, 1), "computed", { numberFormat: format, bold: true });

  // Baseline: the engine's value for computed indicators, kept once a user corrects it.
  const baseline = r.numerator !== null ? indicatorBaseline(ind, analysis) : null;
  if (baseline !== null) b.set(row, COL.baseline, num(baseline));
  const targets = settings.targets[ind.id] ?? [];
  years.forEach((_, k) => {
    const t = targets[k];
    if (typeof t === "number" && Number.isFinite(t)) b.set(row, COL.targets + k, num(t));
  });
  b.style(rect(row, COL.baseline, 1, 1 + years.length), "input", { numberFormat: format });
  validations.push({
    ...rect(row, COL.baseline, 1, 1 + years.length),
    rule: ind.unit === "%" ? { kind: "decimal", min: 0, max: 100 } : { kind: "decimal", min: 0 },
    errorMessage: ind.unit === "%" ? "Введите процент от 0 до 100." : "Введите число не меньше 0.",
  });

  b.set(row, statusCol, formula(statusFormula(ind, { D, E, F, G, T }, isShare)));
  b.style(rect(row, statusCol, 1, 1), "computed", { wrap: true });
  b.set(row, sourceCol, text(r.note ? `${ind.dataSource}. ${r.note}` : ind.dataSource));
  b.style(rect(row, sourceCol, 1, 1), "cell", { wrap: true });
}

/** Numerator and denominator: formulas or engine numbers for computed indicators, input cells (validated) for the rest. */
function writeFigures(b: SheetBuilder, row: number, r: Row, isShare: boolean, E: string, validations: ValidationSpec[]) {
  const ind = r.indicator;
  if (r.numerator !== null) {
    b.set(row, COL.numerator, r.numerator);
    if (isShare) b.set(row, COL.denominator, r.denominator);
    b.style(rect(row, COL.numerator, 1, 2), "computed", { numberFormat: "0" });
    return;
  }
  b.style(rect(row, COL.numerator, 1, isShare ? 2 : 1), "input", { numberFormat: "0" });
  if (!isShare) b.style(rect(row, COL.denominator, 1, 1), "computed");
  validations.push({
    ...rect(row, COL.numerator),
    rule: isShare ? { kind: "wholeNumber", min: 0, maxFormula: `IF(ISNUMBER(${E}),${E},${NO_LIMIT})` } : { kind: "wholeNumber", min: 0 },
    errorMessage: isShare ? "Введите целое число не меньше 0 и не больше знаменателя." : "Введите целое число не меньше 0.",
    prompt: ind.numerator,
  });
  if (isShare)
    validations.push({
      ...rect(row, COL.denominator),
      rule: { kind: "wholeNumber", min: 0 },
      errorMessage: "Введите целое число не меньше 0.",
      prompt: ind.denominator ?? undefined,
    });
}

/** The statuses coloured: achieved or better green, not achieved, worse or to check red. */
function statusColours(statusRect: ReturnType<typeof rect>): ConditionalFormatSpec[] {
  const s = a1(statusRect.row, statusRect.column);
  const when = (words: string[]) => `OR(${words.map((w) => `${s}="${w}"`).join(",")})`;
  return [
    { ...statusRect, formula: when([INDICATOR_STATUS.achieved, INDICATOR_STATUS.better]), fill: COLORS.done, priority: 1 },
    {
      ...statusRect,
      formula: when([INDICATOR_STATUS.notAchieved, INDICATOR_STATUS.worse, INDICATOR_STATUS.check]),
      fill: COLORS.notDone,
      priority: 2,
    },
  ];
}

/** The status in words; values are compared at the one decimal they are shown with. */
function statusFormula(ind: Indicator, c: { D: string; E: string; F: string; G: string; T: string }, isShare: boolean): string {
  const S = INDICATOR_STATUS;
  const v = `ROUND(${c.F},1)`;
  const meets = ind.direction === "up" ? `${v}>=${c.T}` : `${v}<=${c.T}`;
  const better = ind.direction === "up" ? `${v}>${c.G}` : `${v}<${c.G}`;
  let f =
    `IF(NOT(ISNUMBER(${c.F})),"${S.noData}",` +
    `IF(ISNUMBER(${c.T}),IF(${meets},"${S.achieved}","${S.notAchieved}"),` +
    `IF(ISNUMBER(${c.G}),IF(${better},"${S.better}",IF(${v}=${c.G},"${S.same}","${S.worse}")),"${S.noTarget}")))`;
  if (isShare) f = `IF(AND(ISNUMBER(${c.D}),ISNUMBER(${c.E}),${c.D}>${c.E}),"${S.check}",${f})`;
  return f;
}

interface HelperLayout {
  titleRow: number;
  headerRow: number;
  firstRow: number;
  lastRow: number;
  /** Columns of the helper block; null: not needed by the chosen indicators. */
  col: {
    no: number;
    name: number;
    vprBefore: number | null;
    vprPrevious: number | null;
    dynamics: number | null;
    /** Low results of the previous year that only counts give (no percent column). */
    low: number | null;
    /** ГИА fails of the previous year without a count column: participants × %. */
    giaFail: number | null;
  };
  width: number;
}

/** What «Показатели» counts the results with, when the results sheet has one row a school. */
interface Sources {
  ref: ResultsRef & { columns: ResultColumns[]; schools: number[] };
  counting: Counting;
  /** Counted results of the previous year. */
  last: ResultColumns[];
  /** Those of ГИА with a participants column. */
  gia: ResultColumns[];
  giaHasParticipants: boolean;
}

function sourcesOf(analysis: Analysis, ref: ResultsRef): Sources | null {
  if (ref.columns === null || ref.schools === null) return null;
  const previous = analysis.years[1];
  const last = ref.columns.filter((p) => previous !== null && p.procedure.year === previous);
  return {
    ref: ref as Sources["ref"],
    counting: { ref, min: leastParticipants(analysis.settings), threshold: analysis.settings.threshold },
    last,
    gia: last.filter((p) => GIA_TYPES.has(p.procedure.type) && p.participants !== null),
    giaHasParticipants: ref.columns.some((p) => GIA_TYPES.has(p.procedure.type) && p.participants !== null),
  };
}

/** Rows a school only for what a single COUNTIFS cannot give: the mean % «2» of a year, low results and fails from counts. */
function helperLayout(titleRow: number, indicators: Indicator[], src: Sources | null): HelperLayout | null {
  if (!src) return null;
  const wants = (key: ComputeKey) => indicators.some((i) => i.kind === "computed" && i.compute === key);
  const dynamics = wants("sharePositiveDynamicsVpr");
  const low = wants("shareLowProcedures") && src.last.some((p) => !p.percent);
  const gia = wants("shareGiaFail") && src.giaHasParticipants && src.gia.some((p) => p.failCount === null);
  if (!dynamics && !low && !gia) return null;
  let next = 2;
  const take = (on: boolean) => (on ? next++ : null);
  const col = {
    no: 0,
    name: 1,
    vprBefore: take(dynamics),
    vprPrevious: take(dynamics),
    dynamics: take(dynamics),
    low: take(low),
    giaFail: take(gia),
  };
  const firstRow = titleRow + 2;
  return {
    titleRow,
    headerRow: titleRow + 1,
    firstRow,
    lastRow: firstRow + Math.max(src.ref.schools.length, 1) - 1,
    col,
    width: next,
  };
}

/** Excel refuses formulas over 8192 characters: a very wide table gets the engine's number instead. */
const MAX_FORMULA = 8000;

function capped(f: string, engine: number | null): SpecValue {
  if (f.length <= MAX_FORMULA) return formula(f);
  return engine === null ? text("") : num(engine);
}

function helperColumn(h: HelperLayout, column: number): string {
  return `${a1(h.firstRow, column, true)}:${a1(h.lastRow, column, true)}`;
}

/** Terms added up into one formula; with nothing to add, 0. */
function total(terms: (string | null)[]): string {
  const present = terms.filter((t): t is string => t !== null);
  return present.length === 0 ? "0" : present.join("+");
}

const LEFT_NOTE =
  "Рассчитано по правилу ШНОР на каждый учебный год при создании листа (см. лист «Динамика и объективность»); при изменении данных создайте лист заново.";
const LEFT_NO_HISTORY = "В таблице нет результатов за три учебных года: выход из статуса ШНОР не рассчитывается, введите значения.";

const ENGINE_NOTE = "Рассчитано по таблице результатов при создании листа; при изменении данных создайте лист заново.";

function engineRow(indicator: Indicator, key: ComputeKey, analysis: Analysis): Row {
  const n = computeIndicator(key, analysis);
  return {
    indicator,
    numerator: n.numerator === null ? null : num(n.numerator),
    denominator: n.denominator === null ? null : num(n.denominator),
    note: ENGINE_NOTE,
  };
}

function rowFor(indicator: Indicator, analysis: Analysis, ref: ResultsRef, src: Sources | null, helper: HelperLayout | null): Row {
  const key = indicator.compute;
  if (indicator.kind !== "computed" || key === null) return { indicator, numerator: null, denominator: null, note: null };
  const status = statusRange(ref);
  switch (key) {
    case "countShnor":
      return { indicator, numerator: formula(`COUNTIF(${status},"${STATUS_TEXT.shnor}")`), denominator: null, note: null };
    case "shareShnor":
      return {
        indicator,
        numerator: formula(`COUNTIF(${status},"${STATUS_TEXT.shnor}")`),
        denominator: formula(`COUNTA(${status})`),
        note: null,
      };
    case "shareRisk":
      return {
        indicator,
        numerator: formula(`COUNTIF(${status},"${STATUS_TEXT.risk}")`),
        denominator: formula(`COUNTA(${status})`),
        note: null,
      };
    case "countLeftShnor":
    case "shareLeftShnor":
      // Earlier years' statuses are on «Динамика и объективность», not on the results sheet: the engine's numbers.
      return computeIndicator(key, analysis).numerator === null
        ? { indicator, numerator: null, denominator: null, note: LEFT_NO_HISTORY }
        : { ...engineRow(indicator, key, analysis), note: LEFT_NOTE };
  }
  if (key === "shareGiaFail" && !giaCountsKnown(analysis, src))
    return {
      indicator,
      numerator: null,
      denominator: null,
      note: "В таблице результатов нет числа участников ГИА по ОО: введите числитель и знаменатель.",
    };
  // Results not one row a school (long tables, ФИС ОКО): the engine's numbers at the time of writing.
  if (!src) return engineRow(indicator, key, analysis);
  const k = src.counting;
  const helperSum = (column: number | null | undefined) => (helper && column != null ? `SUM(${helperColumn(helper, column)})` : null);
  let numerator: string;
  let denominator: string;
  if (key === "sharePositiveDynamicsVpr") {
    const c = helper?.col.dynamics;
    if (!helper || c == null) return engineRow(indicator, key, analysis);
    numerator = `SUM(${helperColumn(helper, c)})`;
    denominator = `COUNT(${helperColumn(helper, c)})`;
  } else if (key === "shareLowProcedures") {
    numerator = total([...src.last.map((p) => countLow(k, p)), helperSum(helper?.col.low)]);
    denominator = total(src.last.map((p) => countResults(k, p)));
  } else {
    numerator = `ROUND(${total([...src.gia.map((p) => sumFailing(k, p)), helperSum(helper?.col.giaFail)])},0)`;
    denominator = total(src.gia.map((p) => sumParticipants(k, p)));
  }
  // A table too wide for one formula: the engine's numbers.
  if (numerator.length > MAX_FORMULA || denominator.length > MAX_FORMULA) return engineRow(indicator, key, analysis);
  return { indicator, numerator: formula(numerator), denominator: formula(denominator), note: null };
}

function giaCountsKnown(analysis: Analysis, src: Sources | null): boolean {
  if (src) return src.giaHasParticipants;
  return analysis.verdicts.some((v) => someResult(v.school, (r) => GIA_TYPES.has(r.procedure.type) && r.participants !== null));
}

/** One row a school: its mean % «2» of each year and whether it fell; low results and ГИА fails only counts give. */
function writeHelper(b: SheetBuilder, h: HelperLayout, analysis: Analysis, src: Sources): void {
  const [before, previous] = analysis.years;
  const { ref, counting } = src;
  const c = h.col;
  const yb = before === null ? "—" : String(before);
  const yp = previous === null ? "—" : String(previous);
  b.set(h.titleRow, 0, text(`Расчёт по школам для показателей (формулы по листу «${ref.sheetName}»; не заполнять)`));
  b.style(rect(h.titleRow, 0, 1, h.width), "subtitle").merge(rect(h.titleRow, 0, 1, h.width));
  const headers: [number | null, string][] = [
    [c.no, "№"],
    [c.name, "ОО"],
    [c.vprBefore, `ВПР: средний % «2», ${yb}`],
    [c.vprPrevious, `ВПР: средний % «2», ${yp}`],
    [c.dynamics, "Снижение доли «2» (1 — да)"],
    [c.low, `Низких в ${yp} (по числу «2» и участников)`],
    [c.giaFail, `ГИА ${yp}: ниже порога`],
  ];
  for (const [column, header] of headers) if (column !== null) b.set(h.headerRow, column, text(header));
  b.style(rect(h.headerRow, 0, 1, h.width), "header", { align: "center" });
  const t = analysis.settings.threshold;
  const vprOf = (year: number | null) =>
    ref.columns.filter((p) => year !== null && p.procedure.type === "ВПР" && p.procedure.year === year);
  const vprBefore = vprOf(before);
  const vprPrevious = vprOf(previous);
  const countsOnly = src.last.filter((p) => !p.percent);
  const giaNoCount = src.gia.filter((p) => p.failCount === null);
  const keys = (list: ResultColumns[]) => new Set(list.map((p) => procedureKey(p.procedure)));
  const countsOnlyKeys = keys(countsOnly);
  const giaNoCountKeys = keys(giaNoCount);
  ref.schools.forEach((sheetRow, i) => {
    const row = h.firstRow + i;
    const verdict = analysis.verdicts[i];
    b.set(row, c.no, num(i + 1));
    b.set(row, c.name, text(verdict.school.name));
    if (c.vprBefore !== null && c.vprPrevious !== null && c.dynamics !== null) {
      const figures = figuresOf(analysis)[i];
      const mean = (list: ResultColumns[], engine: number | null) => {
        const f = meanPercent(ref, sheetRow, list, counting.min);
        return f === null ? text("") : capped(f, engine);
      };
      b.set(row, c.vprBefore, mean(vprBefore, figures.vprBefore));
      b.set(row, c.vprPrevious, mean(vprPrevious, figures.vprPrevious));
      const means = `${a1(row, c.vprBefore)}:${a1(row, c.vprPrevious)}`;
      b.set(row, c.dynamics, formula(`IF(COUNT(${means})=2,IF(${a1(row, c.vprPrevious)}<${a1(row, c.vprBefore)},1,0),"")`));
    }
    if (c.low !== null) {
      const cells = countsOnly.map((p) => resultCell(ref, p, sheetRow, counting.min));
      const engine = schoolFigures(verdict, analysis, (r) => countsOnlyKeys.has(r.key)).low;
      b.set(row, c.low, capped(cells.map((x) => `IF(${x.has},IF(${x.percent}>=${t},1,0),0)`).join("+"), engine));
    }
    if (c.giaFail !== null) {
      const cells = giaNoCount.map((p) => resultCell(ref, p, sheetRow, counting.min));
      const engine = schoolFigures(verdict, analysis, (r) => giaNoCountKeys.has(r.key)).giaFailing;
      b.set(row, c.giaFail, capped(cells.map((x) => `IF(AND(${x.has},ISNUMBER(${x.participants})),${x.failing},0)`).join("+"), engine));
    }
  });
  const schools = ref.schools.length;
  if (schools > 0) {
    b.style(rect(h.firstRow, 0, schools, h.width), "computed");
    if (c.vprBefore !== null) b.style(rect(h.firstRow, c.vprBefore, schools, 2), "computed", { numberFormat: "0.0" });
    if (c.giaFail !== null) b.style(rect(h.firstRow, c.giaFail, schools, 1), "computed", { numberFormat: "0" });
  }
}
