/**
 * `shnor analyze`'s readable report, line by line as it is written (the list of
 * negative dynamics alone is 100,000 lines at 40,000 schools): one generator a
 * section, in the order the report reads.
 */
import {
  Analysis,
  COMPARISON_TEXT,
  conflictText,
  Dynamics,
  dynamicsInputOf,
  dynamicsLines,
  dynamicsOf,
  formatPercent,
  JoinedTable,
  municipalityTaskLines,
  procedureLabel,
  reasonText,
  recognitionLines,
  renamedText,
  ResultsTable,
  sheetRecognitionLines,
  taskAnalysis,
  TaskAnalysis,
  ZONE_SOURCE,
} from "../core";
import { SHEET_TITLES } from "../core/documents/names";
import { endYearText } from "../core/school-year";
import { sheetLine } from "../io/inputs";
import type { InputsReading } from "../io/inputs";

/** 2021 → «2020/2021 уч. г.», as the documents write it. */
const schoolYear = endYearText;

type Joined = ResultsTable & Partial<Pick<JoinedTable, "conflicts" | "renamed" | "joinWarnings">>;

export function* readableReport(
  file: string,
  table: ResultsTable,
  analysis: Analysis,
  read?: InputsReading,
  // The report shows the changes to the previous year only: the others are not worked out.
  dynamics: Dynamics = dynamicsOf(analysis, { ...dynamicsInputOf(table), seriesTo: analysis.years[1] }),
  tasks: TaskAnalysis = taskAnalysis(table.pupils ?? []),
): Generator<string> {
  const many = read !== undefined && read.inputs.length > 1;
  yield* headLines(file, table, analysis, many ? read : undefined);
  yield* verdictLines(analysis);
  const joined = table as Joined;
  const conflicts = (joined.conflicts ?? []).map(conflictText);
  const renamed = (joined.renamed ?? []).map(renamedText);
  yield* joinLines(conflicts, renamed);
  yield* comparisonLines(table);
  yield "Динамика и объективность:";
  for (const l of dynamicsLines(analysis, dynamics)) yield `  ${l}`;
  yield "";
  yield* taskLines(tasks);
  if (!read || !many) yield* oneTableRecognition(table, analysis, read);
  else yield* filesRecognition(read, joined, new Set([...conflicts, ...renamed]));
}

/** What was read, the years compared and the threshold, and the counts. */
function* headLines(file: string, table: ResultsTable, analysis: Analysis, many: InputsReading | undefined): Generator<string> {
  const [before, previous] = analysis.years;
  const { summary } = analysis;
  yield many ? `Файлы: ${file}; листов с таблицами: ${many.inputs.length}.` : `Файл «${file}», лист «${table.sheetName}».`;
  if (previous === null) yield "В таблице нет данных по учитываемым процедурам: ШНОР определить нельзя.";
  else {
    const yearsText =
      before === null
        ? `предыдущий — ${schoolYear(previous)}; за более ранние годы данных нет, действует только критерий 1`
        : `предыдущий — ${schoolYear(previous)}, перед ним (с данными) — ${schoolYear(before)}`;
    yield `Учебные годы: ${yearsText}; порог — ${formatPercent(analysis.settings.threshold)} % «2».`;
  }
  yield `ШНОР: ${summary.shnor} из ${summary.schools}; в зоне риска: ${summary.risk}.`;
  yield "";
}

/** The ШНОР, then the schools at risk, each with its reasons. */
function* verdictLines(analysis: Analysis): Generator<string> {
  for (const [status, title] of [
    ["shnor", "Школы с низкими образовательными результатами (ШНОР)"],
    ["risk", "В зоне риска (один низкий результат)"],
  ] as const) {
    const list = analysis.verdicts.filter((v) => v.status === status);
    if (list.length === 0) continue;
    yield `${title}:`;
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      yield `  ${i + 1}. ${v.school.name}${v.school.login ? ` (${v.school.login})` : ""} — ${reasonText(v)}`;
    }
    yield "";
  }
}

/** Conflicts and renamed schools, said even when empty: «нет» is an answer, a missing section is not. */
function* joinLines(conflicts: string[], renamed: string[]): Generator<string> {
  if (conflicts.length === 0) yield "Конфликты: нет.";
  else {
    yield `Конфликты (${conflicts.length}) — эти результаты не учтены, исправьте один из файлов:`;
    for (const c of conflicts) yield `  ${c}`;
  }
  if (renamed.length === 0) yield "Переименованные ОО: нет.";
  else {
    yield `Переименованные ОО (${renamed.length}):`;
    for (const r of renamed) yield `  ${r}`;
  }
  yield "";
}

/** The rows that are not schools (the municipality, the region, the country), with their results. */
function* comparisonLines(table: ResultsTable): Generator<string> {
  const comparisons = table.comparisons ?? [];
  if (comparisons.length === 0) return;
  yield "Строки для сравнения (не школы):";
  for (const c of comparisons) {
    const results = c.results.map(
      (r) => `${procedureLabel(r.procedure)} — ${r.failPercent === null ? "нет данных" : `${formatPercent(r.failPercent)} % «2»`}`,
    );
    yield `  ${c.name}${c.code ? ` (${c.code})` : ""}, ${COMPARISON_TEXT[c.kind]}: ${results.join("; ") || "нет результатов"}`;
  }
  yield "";
}

/** The municipality's ВПР task lines, where pupils' task scores were read. */
function* taskLines(tasks: TaskAnalysis): Generator<string> {
  if (tasks.procedures.length === 0) return;
  yield `Выполнение заданий ВПР (пороги: ${ZONE_SOURCE}; по каждой ОО — в --json, ключ tasks, и на листе «${SHEET_TITLES.tasks}» shnor report):`;
  for (const l of municipalityTaskLines(tasks)) yield `  ${l}`;
  for (const p of tasks.procedures) for (const x of p.peaks) yield `  ${x.name}: ${x.note}`;
  for (const w of tasks.warnings) yield `  ${w}`;
  yield "";
}

/** One table: how it was recognised, and why each other sheet of the book was not taken. */
function* oneTableRecognition(table: ResultsTable, analysis: Analysis, read: InputsReading | undefined): Generator<string> {
  yield "Распознавание таблицы:";
  for (const l of recognitionLines(table, analysis)) yield `  ${l}`;
  const files = read?.files ?? [];
  const others = files.flatMap((f) => f.sheets.filter((s) => !s.taken).map((s) => sheetLine(s, files.length > 1 ? f.file : undefined)));
  if (others.length > 0) {
    yield "  Другие листы:";
    for (const l of others) yield `    ${l}`;
  }
}

/** Many tables: each file and sheet as read, then the join's warnings not said above (conflicts and renames are). */
function* filesRecognition(read: InputsReading, joined: Joined, said: Set<string>): Generator<string> {
  yield "Распознавание по файлам и листам:";
  for (const f of read.files) {
    yield `  Файл «${f.file}»:`;
    for (const sheet of f.sheets) {
      yield `    ${sheetLine(sheet)}`;
      if (sheet.table) for (const l of sheetRecognitionLines(sheet.table)) yield `      ${l}`;
    }
  }
  const other = (joined.joinWarnings ?? []).filter((w) => !said.has(w));
  if (other.length > 0) {
    yield "  Объединение файлов:";
    for (const w of other) yield `    ${w}`;
  }
}
