/**
 * The documents of a ШНОР programme — «Показатели», «Дорожная карта» (and one per
 * ШНОР), «Приложение 1», «Аналитическая справка» — described once as
 * SheetSpecs for the add-in's Excel writer and the exceljs writer.
 */
import { Dynamics, dynamicsInputOf, dynamicsOf, DynamicsInput } from "../dynamics";
import { Analysis } from "../rule";
import { MarkSpec } from "../render-contract/marks";
import { SheetSpec } from "../render-contract/spec";
import { ResultsTable } from "../table/model";
import { annexSheet } from "./annex";
import { dynamicsSheet } from "./dynamics";
import { indicatorsSheet } from "./indicators-sheet";
import { ANNEX_ALT, SCHOOL_ROADMAP_PREFIX, SHEET_TITLES, SheetNames } from "./names";
import { noteSheet } from "./note";
import { resultsRefFromMarks, ResultsRef } from "./results-ref";
import { roadmapSheet, schoolRoadmapSheet, schoolRoadmapVerdicts } from "./roadmap";
import { DocumentSettings, DocumentSettingsInput, resolveDocumentSettings } from "./settings";
import { statusListSheet } from "./status-list";
import { TaskAnalysis, taskAnalysis } from "../tasks/analysis";
import { tasksSheet } from "./tasks-sheet";
import type { WordDocument } from "../render-contract/word";
import { annexWord } from "./word-annex";
import type { WordInput } from "./word-input";
import { noteWord } from "./word-note";
import { roadmapWord } from "./word-roadmap";

export * from "./annex";
export * from "./catalogue";
export * from "./compute";
export * from "./dynamics";
export * from "./indicators-sheet";
export * from "./names";
export * from "./note";
export * from "./results-ref";
export * from "./roadmap";
export * from "./settings";
export * from "./status-list";
export * from "./tasks-sheet";
export * from "./words";
export * from "./word-annex";
export * from "./word-input";
export * from "./word-note";
export * from "./word-roadmap";

export interface DocumentsInput {
  table: ResultsTable;
  analysis: Analysis;
  settings?: DocumentSettingsInput;
  /**
   * The marks on the user's results sheet and that sheet's name; the formulas count its status column.
   * Null when the results are not one sheet (ФИС ОКО): a «Статус ШНОР» sheet is made to count instead.
   */
  results: { sheetName: string; marks: MarkSpec } | null;
  /** Sheets already in the workbook, so generated names never clash. */
  existingSheetNames: string[];
  /** Pupil-level data, the marks-against-journal comparison and the dynamics margin; by default what the table kept. */
  dynamics?: DynamicsInput;
}

export interface Documents {
  settings: DocumentSettings;
  /**
   * In workbook order: [«Статус ШНОР»,] «Показатели», «Дорожная карта», the schools' roadmaps, «Приложение 1»,
   * «Аналитическая справка», «Динамика и объективность», and «Задания» when pupils' task scores were read.
   */
  sheets: SheetSpec[];
  /** History, % «2» dynamics and signals the last two sheets show. */
  dynamics: Dynamics;
  /** The per-task analysis of ВПР «Задания» shows (no procedures without pupil-level task scores). */
  tasks: TaskAnalysis;
  /** Where the indicator formulas count statuses. */
  ref: ResultsRef;
  /** Russian lines for the host to show: what was left out and why. */
  notes: string[];
}

export function buildDocuments(input: DocumentsInput): Documents {
  const { table, analysis } = input;
  const settings = resolveDocumentSettings(analysis, input.settings);
  const names = new SheetNames(input.existingSheetNames);
  const sheets: SheetSpec[] = [];
  let ref: ResultsRef;
  if (input.results) ref = resultsRefFromMarks(table, analysis, input.results.marks, input.results.sheetName);
  else {
    const list = statusListSheet(analysis, names.take(SHEET_TITLES.statusList));
    sheets.push(list.spec);
    ref = list.ref;
  }
  sheets.push(indicatorsSheet(analysis, settings, ref, names.take(SHEET_TITLES.indicators)));
  sheets.push(roadmapSheet(analysis, settings, names.take(SHEET_TITLES.roadmap)));
  const notes: string[] = [];
  const dynamicsInput = input.dynamics ?? dynamicsInputOf(table);
  const tasks = taskAnalysis(dynamicsInput.pupils ?? []);
  const schoolRoadmaps = schoolRoadmapVerdicts(analysis, settings);
  if (schoolRoadmaps.note) notes.push(schoolRoadmaps.note);
  for (const v of schoolRoadmaps.verdicts)
    sheets.push(schoolRoadmapSheet(v, analysis, settings, names.take(`${SCHOOL_ROADMAP_PREFIX}${v.school.name}`), tasks));
  sheets.push(
    annexSheet(
      table,
      analysis,
      settings,
      names.take(names.has(SHEET_TITLES.annex) ? ANNEX_ALT[settings.annexSchools] : SHEET_TITLES.annex),
    ),
  );
  const dynamics = dynamicsOf(analysis, dynamicsInput);
  sheets.push(noteSheet(table, analysis, settings, ref.sheetName, names.take(SHEET_TITLES.note), dynamics, tasks));
  sheets.push(dynamicsSheet(analysis, dynamics, names.take(SHEET_TITLES.dynamics), notes));
  if (tasks.procedures.length > 0) sheets.push(tasksSheet(tasks, names.take(SHEET_TITLES.tasks)));
  return { settings, sheets, ref, notes, dynamics, tasks };
}

/**
 * The Word documents of the report, in order: the one list `shnor report --word`, the page's and the pane's
 * .zip render (src/writers/word.ts). A new document is its builder (word-*.ts, a WordDocument) and a line here.
 */
export function wordDocuments(input: WordInput): WordDocument[] {
  return [annexWord(input), noteWord(input), roadmapWord(input)];
}
