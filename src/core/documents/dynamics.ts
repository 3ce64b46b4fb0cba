/**
 * «Динамика и объективность»: the ШНОР list by year (counts are formulas over
 * the status columns on this sheet, so a corrected status recounts), each
 * school's status per year, the dynamics of % «2» per series (change and
 * verdict are formulas over the percents and the margin cell), the signs of
 * possibly non-objective results with their numbers and sample size, and the
 * marks-against-journal comparison. A chart of the share of ШНОР by year is
 * drawn by the add-in.
 */
import { Dynamics } from "../dynamics";
import { DEFAULT_DYNAMICS_MARGIN, DYNAMICS_TEXT, SeriesChanges } from "../dynamics/series";
import { NO_PUPILS, NO_RATING } from "../dynamics/text";
import { SIGN_TITLE } from "../dynamics/signals";
import { type Procedure, procedureLabel, procedureSeriesKey, seriesLabel } from "../procedures";
import { Analysis, STATUS_TEXT } from "../rule";
import { roundPercent } from "../cells";
import { a1, COLORS, formula, LazyBlock, landscapeA4, num, SHEET_ROWS, SheetSpec, SpecValue, text } from "../render-contract/spec";
import { Prose, rect, SheetBuilder } from "./builder";
import { SHEET_TITLES } from "./names";

export const DYNAMICS_KIND = "shnor.dynamics";
export const DYNAMICS_CHART_TITLE = "Доля ШНОР по годам, %";

const WIDTH = 9;

/** The verdict formula's words are the engine's. */
const WORDS = DYNAMICS_TEXT;

/**
 * The rows of section 3, a row for each school and series: a million at 40,000 schools. They
 * are made as they are written (a lazy block) from the first `n` of the series, copied column by
 * column (typed arrays, about 30 bytes a row), so neither the rows nor the analysis stay in
 * memory; a name, a label or a year is one cell value however often it recurs.
 */
function seriesRows(series: SeriesChanges, n: number, analysis: Analysis, top: number, marginCell: string): LazyBlock {
  const schools = series.verdictIndex.slice(0, n);
  const seriesOf = new Int32Array(n);
  const from = series.from.slice(0, n);
  const to = series.to.slice(0, n);
  const fromPercent = series.fromPercent.slice(0, n);
  const toPercent = series.toPercent.slice(0, n);
  const names = new Map<number, SpecValue>();
  const labelIndex = new Map<string, number>();
  const labelOf = new Map<Procedure, number>();
  const labels: SpecValue[] = [];
  const years = new Map<number, SpecValue>();
  for (let i = 0; i < n; i++) {
    const v = schools[i];
    if (!names.has(v)) names.set(v, text(analysis.verdicts[v].school.name));
    const procedure = series.procedure(i);
    // A series' procedure is one object for all its rows: its label is found by the object, the key made once.
    let label = labelOf.get(procedure);
    if (label === undefined) {
      const key = procedureSeriesKey(procedure);
      label = labelIndex.get(key);
      if (label === undefined) {
        labelIndex.set(key, (label = labels.length));
        labels.push(text(seriesLabel(procedure)));
      }
      labelOf.set(procedure, label);
    }
    seriesOf[i] = label;
    if (!years.has(from[i])) years.set(from[i], num(from[i]));
    if (!years.has(to[i])) years.set(to[i], num(to[i]));
  }
  const verdict = (G: string) =>
    formula(`IF(${G}>=${marginCell},"${WORDS.negative}",IF(${G}<=-${marginCell},"${WORDS.positive}","${WORDS.stable}"))`);
  // A percent of one decimal recurs across a million rows: one cell value each (-0 kept as its own).
  const percents = new Map<number, SpecValue>();
  const percent = (p: number): SpecValue => {
    const rounded = roundPercent(p);
    if (Object.is(rounded, -0)) return num(rounded);
    let value = percents.get(rounded);
    if (!value) percents.set(rounded, (value = num(rounded)));
    return value;
  };
  const rowAt = (i: number): SpecValue[] => {
    const row = top + i;
    return [
      names.get(schools[i]) as SpecValue,
      labels[seriesOf[i]],
      years.get(from[i]) as SpecValue,
      percent(fromPercent[i]),
      years.get(to[i]) as SpecValue,
      percent(toPercent[i]),
      formula(`ROUND(${a1(row, 5)}-${a1(row, 3)},2)`),
      verdict(a1(row, 6)),
    ];
  };
  return {
    row: top,
    column: 0,
    rowCount: n,
    columns: 8,
    rowAt,
    // The two text columns without the rest of the row (numbers and formulas are not measured); the others as rowAt makes them.
    textColumns: [0, 1],
    valueAt: (i, j) => {
      if (j === 0) return names.get(schools[i]) as SpecValue;
      if (j === 1) return labels[seriesOf[i]];
      return j < 8 ? rowAt(i)[j] : null;
    },
  };
}

/** The sheet being written: its builder, its prose (the next row) and the rows where a printed page starts. */
interface Page {
  b: SheetBuilder;
  doc: Prose;
  breaks: number[];
}

/** Where section 2's status columns are, which section 1's formulas count. */
interface StatusColumns {
  firstSchool: number;
  schools: number;
  years: number;
}

/** The first status column is C: № and ОО come before it. */
const statusCol = (k: number) => 2 + k;

/** A table's header row, centred and wrapped. */
function header({ b, doc }: Page, titles: string[]) {
  b.row(doc.row, 0, titles.map(text));
  b.style(rect(doc.row, 0, 1, titles.length), "header", { align: "center", wrap: true });
  doc.row++;
}

/** `notes` gets a line if the sheet cannot hold every series; `maxRows` is the sheet's size (smaller in tests). */
export function dynamicsSheet(
  analysis: Analysis,
  dynamics: Dynamics,
  name: string = SHEET_TITLES.dynamics,
  notes?: string[],
  maxRows: number = SHEET_ROWS,
): SheetSpec {
  const b = new SheetBuilder(name, DYNAMICS_KIND);
  const page: Page = { b, doc: new Prose(b, WIDTH), breaks: [] };
  const { line } = page.doc;
  line("Динамика и объективность результатов", "title");
  line(
    "Статус ШНОР по правилу на каждый учебный год (по результатам этого и предыдущего года с данными), вход и выход из перечня, " +
      `динамика доли «2» по процедурам и признаки необъективности результатов ВПР (методика ФИОКО). ${NO_RATING}`,
    "subtitle",
  );
  const list = listByYear(page, dynamics.history);
  const statusRect = statusByYear(page, dynamics.history, list.status);
  const series = seriesSection(page, analysis, dynamics, notes, maxRows);
  signsSection(page, dynamics.signals);
  comparisonSection(page, dynamics.comparisons);

  const spec = b.finish();
  // One landscape page wide at 80 % or more (the notes print at 8 pt).
  spec.columnWidths = [32, 26, 11, 11, 11, 11, 13, 13, 34];
  spec.validations.push({
    ...rect(series.marginRow, 1),
    rule: { kind: "decimal", min: 0.01, max: 100 },
    errorMessage: "Введите порог в процентных пунктах: число больше 0 и не больше 100.",
  });
  colourStatuses(spec, list.status, statusRect, series);
  const years = dynamics.history.years;
  if (years.length > 0) {
    spec.charts.push({
      title: DYNAMICS_CHART_TITLE,
      type: "columnClustered",
      categories: rect(list.chartTop + 1, 0, years.length, 1),
      series: [{ name: "Доля ШНОР, %", values: rect(list.chartTop + 1, 4, years.length, 1) }],
      anchor: { row: 0, column: WIDTH + 1 },
      fallback: rect(list.fallbackRow, 0, 1, WIDTH),
    });
  }
  spec.print = landscapeA4(undefined, { breaks: page.breaks });
  return spec;
}

/** 1. The list by year: formulas over the status columns of section 2, and the rows a chart of it reads. */
function listByYear(page: Page, history: Dynamics["history"]) {
  const { b, doc } = page;
  const { line } = doc;
  const years = history.years;
  page.doc.section("1. Перечень ШНОР по годам");
  // Below the list: its note and, with years, the row kept for a chart's line (see fallbackRow).
  const statusHeaderRow = doc.row + years.length + 3 + (years.length > 0 ? 2 : 0);
  const status: StatusColumns = { firstSchool: statusHeaderRow + 1, schools: history.schools.length, years: years.length };
  const lastSchool = status.firstSchool + Math.max(status.schools, 1) - 1;
  const column = (k: number) => `${a1(status.firstSchool, statusCol(k), true)}:${a1(lastSchool, statusCol(k), true)}`;
  const chartTop = doc.row;
  if (years.length === 0) line("Данных за два учебных года с результатами нет: историю перечня построить нельзя.", "note");
  else {
    header(page, [
      "Учебный год (по году окончания)",
      "ОО",
      "ШНОР",
      "В зоне риска",
      "Доля ШНОР, %",
      "Вошли в перечень",
      "Вышли из статуса ШНОР",
      "Остались",
    ]);
    years.forEach((y, k) => {
      const c = column(k);
      const B = a1(doc.row, 1);
      const C = a1(doc.row, 2);
      const cells: SpecValue[] = [
        text(String(y.year)),
        formula(`COUNTA(${c})`),
        formula(`COUNTIF(${c},"${STATUS_TEXT.shnor}")`),
        formula(`COUNTIF(${c},"${STATUS_TEXT.risk}")`),
        formula(`IF(${B}>0,ROUND(${C}/${B}*100,1),"")`),
      ];
      if (k === 0) cells.push(text("—"), text("—"), text("—"));
      else {
        const p = column(k - 1);
        const s = `"${STATUS_TEXT.shnor}"`;
        const not = `"<>${STATUS_TEXT.shnor}"`;
        cells.push(
          formula(`COUNTIFS(${c},${s},${p},${not})`),
          formula(`COUNTIFS(${p},${s},${c},${not})`),
          formula(`COUNTIFS(${p},${s},${c},${s})`),
        );
      }
      b.row(doc.row, 0, cells);
      b.style(rect(doc.row, 0, 1, 8), "computed", { align: "center" });
      b.style(rect(doc.row, 4, 1, 1), "computed", { align: "center", numberFormat: "0.0" });
      doc.row++;
    });
    line(
      "Числа — формулы по столбцам статуса ниже: если статус ОО исправлен, они пересчитываются. «Вышли из статуса ШНОР» — ОО, " +
        "бывшие ШНОР годом ранее и не отнесённые к ШНОР в этом году.",
      "note",
    );
  }
  // A row for the line a writer without charts writes instead of the chart.
  const fallbackRow = years.length > 0 ? doc.row++ : -1;
  return { status, chartTop, fallbackRow };
}

/** 2. Each school's status by year, and the change in the last year (a formula over the two last columns). */
function statusByYear(page: Page, history: Dynamics["history"], { firstSchool, schools }: StatusColumns) {
  const { b, doc } = page;
  const years = history.years;
  // Each long table after the first starts a printed page of its own.
  page.breaks.push(doc.row + 1);
  doc.section("2. Статус ОО по годам");
  const changeCol = statusCol(years.length);
  header(page, ["№", "ОО", ...years.map((y) => `Статус ${y.year}`), ...(years.length > 1 ? ["Изменение за последний год"] : [])]);
  history.schools.forEach((s, i) => {
    b.row(doc.row, 0, [num(i + 1), text(s.school.name), ...s.entries.map((e) => text(STATUS_TEXT[e.status]))]);
    if (years.length > 1) {
      const last = a1(doc.row, statusCol(years.length - 1));
      const prev = a1(doc.row, statusCol(years.length - 2));
      const S = `"${STATUS_TEXT.shnor}"`;
      b.set(
        doc.row,
        changeCol,
        formula(`IF(AND(${last}=${S},${prev}<>${S}),"вошла",IF(AND(${prev}=${S},${last}<>${S}),"вышла",IF(${last}=${S},"осталась","")))`),
      );
    }
    doc.row++;
  });
  if (schools > 0 && years.length > 0) {
    b.style(rect(firstSchool, 0, schools, 1), "cell", { align: "center" });
    b.style(rect(firstSchool, 1, schools, 1), "cell", { wrap: true });
    b.style(rect(firstSchool, 2, schools, years.length), "input", { align: "center" });
    if (years.length > 1) b.style(rect(firstSchool, changeCol, schools, 1), "computed", { align: "center" });
  }
  return rect(firstSchool, 2, schools, years.length);
}

/**
 * 3. Dynamics of % «2»: the change and the verdict are formulas over the percents and the margin. The
 * sheet holds the series that fit, with the signs and the comparison below them; `notes` is told if not all.
 */
function seriesSection(page: Page, analysis: Analysis, dynamics: Dynamics, notes: string[] | undefined, maxRows: number) {
  const { b, doc } = page;
  const { line } = doc;
  page.breaks.push(doc.row + 1);
  doc.section("3. Динамика доли «2» по ОО и процедурам");
  b.row(doc.row, 0, [text(`Порог, п. п. (ФИОКО, 2026: ${DEFAULT_DYNAMICS_MARGIN})`), num(dynamics.margin)]);
  b.style(rect(doc.row, 0, 1, 1), "cell", { wrap: true });
  b.style(rect(doc.row, 1, 1, 1), "input", { align: "center" });
  const marginCell = a1(doc.row, 1, true);
  const marginRow = doc.row;
  doc.row++;
  line(
    `Изменение — разность долей «2» (стало − было) в процентных пунктах. Рост на порог и более — ${WORDS.negative} динамика, ` +
      `снижение на порог и более — ${WORDS.positive}, между ними — ${WORDS.stable}.`,
    "note",
  );
  const seriesTop = doc.row + 1;
  // A sheet holds SHEET_ROWS rows: the series that fit, with the signs and the comparison below them.
  const below = (dynamics.signals?.signals.length ?? 0) + (dynamics.signals?.warnings.length ?? 0) + dynamics.comparisons.length + 40;
  const n = Math.min(dynamics.series.length, Math.max(0, maxRows - seriesTop - below));
  if (dynamics.series.length === 0) line("Нет процедур, проведённых в ОО хотя бы в двух учебных годах.", "note");
  else {
    header(page, ["ОО", "Процедура", "Было: год", "Было: % «2»", "Стало: год", "Стало: % «2»", "Изменение, п. п.", "Динамика"]);
    b.lazy(seriesRows(dynamics.series, n, analysis, seriesTop, marginCell));
    doc.row += n;
    b.style(rect(seriesTop, 0, n, 2), "cell", { wrap: true });
    b.style(rect(seriesTop, 2, n, 4), "cell", { align: "center" });
    b.style(rect(seriesTop, 6, n, 2), "computed", { align: "center" });
    if (n < dynamics.series.length) {
      const left = `На листе ${n.toLocaleString("ru-RU")} из ${dynamics.series.length.toLocaleString("ru-RU")} рядов динамики: больше лист Excel не вмещает (${maxRows.toLocaleString("ru-RU")} строк). Все ряды — в shnor analyze --json (ключ dynamics).`;
      line(left, "note");
      notes?.push(left);
    }
  }
  return { marginRow, seriesTop, n };
}

/** 4. The signs of possibly non-objective results, with their numbers and sample size. */
function signsSection(page: Page, signals: Dynamics["signals"]) {
  const { b, doc } = page;
  const { line } = doc;
  page.breaks.push(doc.row + 1);
  doc.section("4. Признаки необъективности результатов ВПР (сигналы для внимания)");
  line(NO_RATING, "note");
  if (!signals) return line(NO_PUPILS, "note");
  line(
    "Методика ФИОКО: завышенный средний балл (95 % интервал ОО выше опорного), несоответствие отметкам по журналу " +
      "(корреляция Спирмена < 0), резкое изменение результатов параллели от 4 к 5 классу (K = S4/S5 вне Q25 − 3·IQR … Q75 + 3·IQR), " +
      `расхождение отметок на 2 и более. Опорный интервал: ${signals.reference}. Группы меньше 10 участников не оцениваются; ` +
      "n < 20 — выборка мала, вывод ограничен; 20–49 — ориентировочно.",
    "note",
  );
  for (const w of signals.warnings) line(w, "note");
  if (signals.signals.length === 0) return line("По загруженным данным признаков нет.");
  header(page, ["ОО", "Логин", "Признак", "Процедура", "n", "Выборка", "Числа"]);
  const top = doc.row;
  for (const s of signals.signals) {
    b.row(doc.row, 0, [
      text(s.school),
      text(s.login ?? ""),
      text(SIGN_TITLE[s.sign]),
      text(procedureLabel(s.procedure)),
      num(s.n),
      text(s.sample),
      text(s.note),
    ]);
    b.merge(rect(doc.row, 6, 1, WIDTH - 6));
    doc.row++;
  }
  b.style(rect(top, 0, doc.row - top, WIDTH), "cell", { wrap: true });
  b.style(rect(top, 1, doc.row - top, 1), "cell", { numberFormat: "@" });
  b.style(rect(top, 4, doc.row - top, 1), "cell", { align: "center" });
}

/** 5. Marks against the journal (ФИС ОКО), beside the municipality; no section without them. */
function comparisonSection(page: Page, comparisons: Dynamics["comparisons"]) {
  const { b, doc } = page;
  if (comparisons.length === 0) return;
  page.breaks.push(doc.row + 1);
  doc.section("5. Сравнение отметок с отметками по журналу, % участников");
  header(page, ["ОО", "Процедура", "Участников", "Понизили", "Подтвердили", "Повысили", "МО: понизили", "МО: подтвердили", "МО: повысили"]);
  const top = doc.row;
  for (const c of comparisons) {
    const m = c.municipality;
    const share = (x: number | undefined) => (x === undefined ? text("—") : num(roundPercent(x)));
    b.row(doc.row, 0, [
      text(c.school),
      text(procedureLabel(c.procedure)),
      c.participants === null ? text("—") : num(c.participants),
      share(c.lowered),
      share(c.confirmed),
      share(c.raised),
      share(m?.lowered),
      share(m?.confirmed),
      share(m?.raised),
    ]);
    doc.row++;
  }
  b.style(rect(top, 0, doc.row - top, 2), "cell", { wrap: true });
  b.style(rect(top, 2, doc.row - top, 7), "cell", { align: "center", numberFormat: "0.0" });
}

/** The statuses and the verdicts coloured: ШНОР and risk, negative and positive dynamics. */
function colourStatuses(
  spec: SheetSpec,
  status: StatusColumns,
  statusRect: ReturnType<typeof rect>,
  series: { seriesTop: number; n: number },
) {
  if (status.schools > 0 && status.years > 0) {
    const s = a1(status.firstSchool, 2);
    spec.conditionalFormats.push({ ...statusRect, formula: `${s}="${STATUS_TEXT.shnor}"`, fill: COLORS.shnor, priority: 1 });
    spec.conditionalFormats.push({ ...statusRect, formula: `${s}="${STATUS_TEXT.risk}"`, fill: COLORS.risk, priority: 2 });
  }
  const { seriesTop, n } = series;
  if (n > 0) {
    const r = rect(seriesTop, 7, n, 1);
    const v = a1(seriesTop, 7);
    spec.conditionalFormats.push({ ...r, formula: `${v}="${WORDS.negative}"`, fill: COLORS.notDone, priority: 3 });
    spec.conditionalFormats.push({ ...r, formula: `${v}="${WORDS.positive}"`, fill: COLORS.done, priority: 4 });
  }
}
