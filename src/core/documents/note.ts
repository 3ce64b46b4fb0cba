/**
 * «Аналитическая справка»: the numbers behind the list of ШНОР — schools,
 * ШНОР, risk and the share; low results by procedure; the change since the
 * year before — then the ШНОР with their reasons, and a chart the add-in
 * draws (the CLI writes its fallback text instead).
 */
import { Dynamics, dynamicsOf } from "../dynamics";
import { SIGN_TITLE } from "../dynamics/signals";
import { lastListChange, NO_PUPILS, NO_RATING } from "../dynamics/text";
import { procedureKey, procedureLabel } from "../procedures";
import { Analysis, isCountedResult, SchoolVerdict, Settings } from "../rule";
import { formatPercent } from "../cells";
import { landscapeA4, listText, num, SheetSpec, SpecValue, text } from "../render-contract/spec";
import { ResultsTable } from "../table/model";
import { eachResult } from "../table/stored";
import { countedProcedures } from "./annex";
import { Prose, rect, SheetBuilder } from "./builder";
import { DocumentSettings } from "./settings";
import { endYearText, schoolYearText } from "../school-year";
import { SHEET_TITLES } from "./names";
import { procedureKinds } from "./words";
import { sentence } from "../render-contract/word";
import { TaskAnalysis } from "../tasks/analysis";
import { ZONE_SOURCE } from "../tasks/levels";
import { municipalityTaskLines, NO_TASKS } from "../tasks/text";

export const NOTE_KIND = "shnor.note";

const WIDTH = 5;
export const CHART_TITLE = "Число ОО с низким результатом по процедурам";

export interface ProcedureLine {
  label: string;
  year: number;
  schools: number;
  low: number;
}

/** For each counted procedure of the two years: how many schools have a result, how many a low one. */
export function procedureLines(table: ResultsTable, analysis: Analysis): ProcedureLine[] {
  // One pass over the schools for all procedures (a region has 40,000 schools and dozens of procedures).
  const counted = new Map<string, { schools: number; low: number }>();
  const procedures = countedProcedures(table, analysis);
  for (const p of procedures) counted.set(procedureKey(p), { schools: 0, low: 0 });
  const seen = new Set<string>();
  for (const v of analysis.verdicts) {
    // A school's first result of a procedure is the one counted.
    seen.clear();
    // The results as the school's columns give them: none made an object (a region's 40,000 schools would keep 4 million).
    eachResult(v.school, (r) => {
      if (seen.has(r.key)) return;
      seen.add(r.key);
      const c = counted.get(r.key);
      if (c && isCountedResult(r, analysis.settings)) c.schools++;
    });
    seen.clear();
    for (const l of v.low) {
      const key = procedureKey(l.procedure);
      if (seen.has(key)) continue;
      seen.add(key);
      const c = counted.get(key);
      if (c) c.low++;
    }
  }
  return procedures.map((p) => {
    const { schools, low } = counted.get(procedureKey(p)) as { schools: number; low: number };
    return { label: procedureLabel(p), year: p.year, schools, low };
  });
}

interface YearFigures {
  schoolsWithLow: number;
  lowResults: number;
  meanFail: number | null;
}

function yearFigures(analysis: Analysis, year: number | null): YearFigures | null {
  if (year === null) return null;
  let schoolsWithLow = 0;
  let lowResults = 0;
  const fails: number[] = [];
  for (const v of analysis.verdicts) {
    const lows = v.low.filter((l) => l.procedure.year === year).length;
    if (lows > 0) schoolsWithLow++;
    lowResults += lows;
    eachResult(v.school, (r) => {
      if (r.procedure.year === year && isCountedResult(r, analysis.settings)) fails.push(r.failPercent as number);
    });
  }
  return { schoolsWithLow, lowResults, meanFail: fails.length === 0 ? null : fails.reduce((a, b) => a + b, 0) / fails.length };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** «о выявлении … на 2025/2026 учебный год»: what the note is about, under its name. */
export function noteSubject(settings: DocumentSettings): string {
  return `о выявлении общеобразовательных организаций с низкими образовательными результатами (ШНОР) на ${schoolYearText(settings.schoolYear)} учебный год`;
}

/** The two school years the rule read: «2018/2019 уч. г. и 2020/2021 уч. г.». */
export function yearsRead(analysis: Analysis): string {
  const [before, previous] = analysis.years;
  return previous === null ? "нет данных" : before === null ? endYearText(previous) : `${endYearText(before)} и ${endYearText(previous)}`;
}

/** The rule with its settings, in sentences: the low result, the two criteria, and what is counted. */
export function ruleSentences(rule: Settings): string[] {
  const sentences = [
    `Низкий результат — не менее ${formatPercent(rule.threshold)} % участников получили «2» (ВПР) или не преодолели минимальный порог (ОГЭ, ЕГЭ).`,
    "Критерий 1 — низкие результаты не менее чем по двум процедурам предыдущего учебного года.",
    rule.criterion2 === "same"
      ? "Критерий 2 — низкий результат по одной и той же процедуре в каждом из двух предыдущих учебных лет."
      : "Критерий 2 — низкий результат хотя бы по одной процедуре в каждом из двух предыдущих учебных лет.",
    "ШНОР — ОО, отвечающие хотя бы одному критерию; в зоне риска — ОО с одним низким результатом, не отвечающие критериям.",
    `Учитываются процедуры ${rule.countedTypes.join(", ")} по предметам: ${rule.countedSubjects.join(", ")}.`,
  ];
  if (rule.minParticipants > 1)
    sentences.push(`Результат, в котором меньше ${rule.minParticipants} участников, не учитывается ни в правиле, ни в документах.`);
  return sentences;
}

/** The counts of the note's first table: schools read, ШНОР by criterion, at risk, without low results, and the shares. */
export function summaryRows(analysis: Analysis): [string, number][] {
  const { summary } = analysis;
  const share = (n: number) => (summary.schools > 0 ? round1((n / summary.schools) * 100) : 0);
  const shnor = analysis.verdicts.filter((v) => v.status === "shnor");
  const byCriterion = (c: 1 | 2) => shnor.filter((v) => v.criteria.includes(c)).length;
  return [
    ["Всего ОО в таблице", summary.schools],
    ["ШНОР", summary.shnor],
    ["в том числе по критерию 1", byCriterion(1)],
    ["в том числе по критерию 2", byCriterion(2)],
    ["ОО в зоне риска (низкий результат по одной процедуре)", summary.risk],
    ["ОО без низких результатов", summary.ok],
    ["Доля ШНОР от общего числа ОО, %", share(summary.shnor)],
    ["Доля ОО в зоне риска, %", share(summary.risk)],
  ];
}

/** «Из 7 ОО к ШНОР отнесены 3 (42,9 %), в зоне риска — 4.» */
export function summarySentence(analysis: Analysis): string {
  const { summary } = analysis;
  const share = summary.schools > 0 ? round1((summary.shnor / summary.schools) * 100) : 0;
  return (
    `Из ${summary.schools} ОО к ШНОР ${summary.shnor === 1 ? "отнесена" : "отнесены"} ${summary.shnor} ` +
    `(${formatPercent(share)} %), в зоне риска — ${summary.risk}.`
  );
}

/** What the documents say when the rule names no school. */
export const NO_SHNOR = "ШНОР по данным таблицы не выявлены.";

/** Schools named in a sentence: «нет», or their names, cut with «и ещё N» once long (a region's list). */
export function namedSchools(list: readonly { name: string }[]): string {
  return list.length === 0
    ? "нет"
    : listText(
        list.map((s) => s.name),
        "; ",
      );
}

/** The share of a procedure's schools with a low result, %. */
export const lowShare = (l: ProcedureLine): number => (l.schools > 0 ? round1((l.low / l.schools) * 100) : 0);

/** The note's section on the ВПР tasks, in the sheet and in the Word note. */
export const NOTE_TASKS_SECTION = "Выполнение заданий ВПР по муниципалитету";

/**
 * What the note says of the ВПР tasks, in the sheet and in the Word note alike: how to read it, then a line a
 * procedure with its tasks red (and yellow) for all the schools together. `where` names the sheet of each
 * school's figures; null without pupils' task scores (the note then says NO_TASKS).
 */
export function noteTaskLines(tasks: TaskAnalysis, where: string): string[] | null {
  if (tasks.procedures.length === 0) return null;
  return [
    `Задания в красной и жёлтой зонах по всем ОО вместе (пороги: ${ZONE_SOURCE}). Выполнение по каждой ОО и задания — ${where}.`,
    ...municipalityTaskLines(tasks),
  ];
}

export function noteSheet(
  table: ResultsTable,
  analysis: Analysis,
  settings: DocumentSettings,
  resultsSheet: string,
  name: string = SHEET_TITLES.note,
  dynamics: Dynamics = dynamicsOf(analysis),
  tasks: TaskAnalysis = { procedures: [], warnings: [] },
): SheetSpec {
  const b = new SheetBuilder(name, NOTE_KIND);
  const page: Page = { b, doc: new Prose(b, WIDTH) };
  const { line } = page.doc;
  line(SHEET_TITLES.note, "title");
  line(noteSubject(settings));
  // What was read and counted, not what the rule would count: a table of ВПР only says «ВПР».
  const kinds = procedureKinds(countedProcedures(table, analysis), analysis.settings);
  line(
    `Источник: лист «${resultsSheet}» (${kinds.types.join(", ")}; ${kinds.subjects.join(", ")}), учебные годы: ${sentence(yearsRead(analysis))} ` +
      ruleSentences(analysis.settings).slice(0, 3).join(" "),
    "subtitle",
  );
  generalSection(page, analysis);
  const chart = proceduresSection(page, table, analysis);
  changeSection(page, analysis, dynamics);
  const next = listSections(page, analysis);
  signsSection(page, next, dynamics.signals);
  page.doc.section(`${next + 1}. ${NOTE_TASKS_SECTION}`);
  const taskLines = noteTaskLines(tasks, `на листе «${SHEET_TITLES.tasks}»`);
  if (!taskLines) line(NO_TASKS, "note");
  else for (const l of taskLines) line(l);

  const spec = b.finish();
  spec.columnWidths = [48, 16, 16, 14, 30, 4, 12];
  if (chart.lines > 0) {
    spec.charts.push({
      title: CHART_TITLE,
      type: "barClustered",
      categories: rect(chart.top + 1, 0, chart.lines, 1),
      series: [{ name: "ОО с низким результатом", values: rect(chart.top + 1, 2, chart.lines, 1) }],
      anchor: { row: chart.top, column: WIDTH + 1 },
      fallback: rect(chart.fallbackRow, 0, 1, WIDTH),
    });
  }
  spec.print = landscapeA4();
  return spec;
}

/** The sheet being written: its builder and its prose (the next row). */
interface Page {
  b: SheetBuilder;
  doc: Prose;
}

/** A small table: header, then rows; numbers right, a share with one decimal. */
function smallTable({ b, doc }: Page, headers: string[], rows: SpecValue[][], formats: (string | undefined)[] = []) {
  b.row(doc.row, 0, headers.map(text));
  b.style(rect(doc.row, 0, 1, headers.length), "header", { align: "center" });
  doc.row++;
  for (const values of rows) {
    b.row(doc.row, 0, values);
    b.style(rect(doc.row, 0, 1, 1), "cell", { wrap: true });
    for (let c = 1; c < values.length; c++) b.style(rect(doc.row, c, 1, 1), "cell", { numberFormat: formats[c], align: "center" });
    doc.row++;
  }
}

/** A row of three: the first two columns, and the third merged to the sheet's width. */
function rowOfThree({ b, doc }: Page, values: SpecValue[], style: "header" | "cell") {
  b.row(doc.row, 0, values);
  b.merge(rect(doc.row, 2, 1, WIDTH - 2));
  b.style(rect(doc.row, 0, 1, WIDTH), style, style === "header" ? { align: "center" } : { wrap: true });
}

/** 1. The counts: schools, ШНОР by criterion, risk, and the shares. */
function generalSection(page: Page, analysis: Analysis) {
  page.doc.section("1. Общие сведения");
  smallTable(
    page,
    ["Показатель", "Значение"],
    summaryRows(analysis).map(([label, value]) => [text(label), num(value)]),
  );
  page.doc.line(summarySentence(analysis));
}

/** 2. Low results by procedure, and the rows the chart reads. */
function proceduresSection(page: Page, table: ResultsTable, analysis: Analysis) {
  const { doc } = page;
  doc.section("2. Низкие результаты по процедурам");
  const lines = procedureLines(table, analysis);
  const top = doc.row;
  smallTable(
    page,
    ["Процедура", "ОО с результатом", "ОО с низким результатом", "Доля, %"],
    lines.map((l) => [text(l.label), num(l.schools), num(l.low), num(lowShare(l))]),
    [undefined, "0", "0", "0.0"],
  );
  if (lines.length === 0) doc.line("В таблице нет учитываемых процедур за эти годы.", "note");
  // A row for the line a writer without charts writes instead of the chart.
  const fallbackRow = lines.length > 0 ? doc.row++ : -1;
  const worst = [...lines].filter((l) => l.low > 0).sort((a, b) => b.low - a.low)[0];
  if (worst) doc.line(`Больше всего ОО с низким результатом — ${worst.low} — по процедуре «${worst.label}».`);
  return { top, lines: lines.length, fallbackRow };
}

/** 3. The change since the year before, and how the list of ШНОР changed. */
function changeSection(page: Page, analysis: Analysis, dynamics: Dynamics) {
  const { line } = page.doc;
  page.doc.section("3. Изменение по сравнению с предыдущим годом");
  const [before, previous] = analysis.years;
  const fb = yearFigures(analysis, before);
  const fp = yearFigures(analysis, previous);
  if (fb && fp && before !== null && previous !== null) {
    const change = (a: number | null, c: number | null) => (a === null || c === null ? text("—") : num(round1(c - a)));
    const value = (x: number | null) => (x === null ? text("—") : num(round1(x)));
    smallTable(
      page,
      ["Показатель", endYearText(before), endYearText(previous), "Изменение"],
      [
        [
          text("ОО хотя бы с одним низким результатом"),
          num(fb.schoolsWithLow),
          num(fp.schoolsWithLow),
          change(fb.schoolsWithLow, fp.schoolsWithLow),
        ],
        [text("Низких результатов (ОО × процедура)"), num(fb.lowResults), num(fp.lowResults), change(fb.lowResults, fp.lowResults)],
        [text("Средняя доля «2» по учитываемым процедурам, %"), value(fb.meanFail), value(fp.meanFail), change(fb.meanFail, fp.meanFail)],
      ],
    );
    const d = fp.schoolsWithLow - fb.schoolsWithLow;
    line(
      d === 0
        ? `Число ОО с низкими результатами не изменилось: ${fp.schoolsWithLow}.`
        : `Число ОО с низкими результатами ${d < 0 ? "уменьшилось" : "увеличилось"} с ${fb.schoolsWithLow} до ${fp.schoolsWithLow}.`,
    );
  } else line("Данных за более ранний учебный год в таблице нет: изменение не рассчитывается, действует только критерий 1.", "note");
  const listChange = lastListChange(dynamics);
  if (listChange) {
    const years = dynamics.history.years;
    const k = years.length - 1;
    line(
      `Перечень ШНОР: ${years[k - 1].shnor} ОО по результатам ${endYearText(listChange.before)}, ${years[k].shnor} — по результатам ` +
        `${sentence(endYearText(listChange.year))} Вошли в перечень: ${listChange.entered.length} (${namedSchools(listChange.entered)}); ` +
        `вышли из статуса ШНОР: ${listChange.left.length} (${namedSchools(listChange.left)}); остались: ${listChange.stayed.length}.`,
    );
  }
}

/** 4. The ШНОР with their reasons, and 5. those at risk if any; returns the next section's number. */
function listSections(page: Page, analysis: Analysis): number {
  page.doc.section("4. Перечень ШНОР");
  listSchools(
    page,
    analysis.verdicts.filter((v) => v.status === "shnor"),
    NO_SHNOR,
  );
  const risk = analysis.verdicts.filter((v) => v.status === "risk");
  if (risk.length === 0) return 5;
  page.doc.section("5. ОО в зоне риска");
  listSchools(page, risk, "");
  return 6;
}

function listSchools(page: Page, verdicts: SchoolVerdict[], empty: string) {
  const { b, doc } = page;
  if (verdicts.length === 0) return doc.line(empty, "note");
  rowOfThree(page, [text("ОО"), text("Критерий"), text("Низкие результаты")], "header");
  doc.row++;
  verdicts.forEach((v, i) => {
    const criteria = v.criteria.length > 0 ? v.criteria.join(" и ") : "—";
    const lows = v.low.map((l) => `${procedureLabel(l.procedure)} — ${formatPercent(l.percent)} %`).join("; ");
    rowOfThree(page, [text(`${i + 1}. ${v.school.name}`), text(criteria), text(lows)], "cell");
    b.style(rect(doc.row, 1, 1, 1), "cell", { align: "center" });
    doc.row++;
  });
}

/** The signs of possibly non-objective results: signals for attention, with their numbers. */
function signsSection(page: Page, number: number, signals: Dynamics["signals"]) {
  const { doc } = page;
  const { line } = doc;
  doc.section(`${number}. Признаки необъективности результатов ВПР`);
  line(NO_RATING, "note");
  if (!signals) return line(NO_PUPILS, "note");
  if (signals.signals.length === 0) return line("По загруженным данным об участниках ВПР признаков необъективности не выявлено.");
  const schoolsWithSigns = new Set(signals.signals.map((s) => s.login ?? s.school)).size;
  line(`Признаки отмечены у ${schoolsWithSigns} ОО (всего признаков: ${signals.signals.length}); это сигналы для внимания, а не вывод.`);
  rowOfThree(page, [text("ОО"), text("Признак"), text("Числа")], "header");
  doc.row++;
  for (const s of signals.signals) {
    rowOfThree(page, [text(s.school), text(SIGN_TITLE[s.sign]), text(s.note)], "cell");
    doc.row++;
  }
}
