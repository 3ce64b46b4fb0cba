/**
 * The generated sheets of the report, in tab order: one list. `buildDocuments` makes
 * them from it for the command, the page and the pane, and `shnor report --help` names
 * them from it, so a new sheet is one entry here and its builder.
 */
import { Dynamics, dynamicsInputOf, dynamicsOf, DynamicsInput } from "../dynamics";
import { Analysis } from "../rule";
import { MarkSpec } from "../render-contract/marks";
import { SheetSpec } from "../render-contract/spec";
import { ResultsTable } from "../table/model";
import { TaskAnalysis, taskAnalysis } from "../tasks/analysis";
import { annexSheet } from "./annex";
import { dynamicsSheet } from "./dynamics";
import { indicatorsSheet } from "./indicators-sheet";
import { ANNEX_ALT, SCHOOL_ROADMAP_PREFIX, SHEET_TITLES, SheetNames } from "./names";
import { noteSheet } from "./note";
import { resultsRefFromMarks, ResultsRef } from "./results-ref";
import { roadmapSheet, schoolRoadmapSheet, schoolRoadmapVerdicts } from "./roadmap";
import { DocumentSettings, DocumentSettingsInput, resolveDocumentSettings } from "./settings";
import { statusListSheet } from "./status-list";
import { tasksSheet } from "./tasks-sheet";

/** What every generated sheet is made from; `names` hands out the sheets' names in tab order. */
export interface SheetContext {
  table: ResultsTable;
  analysis: Analysis;
  settings: DocumentSettings;
  names: SheetNames;
  /** Where the indicator formulas count statuses. */
  ref: ResultsRef;
  /** «Статус ШНОР», made when the results are not one sheet (it gives `ref`). */
  statusList: SheetSpec | null;
  dynamics: Dynamics;
  tasks: TaskAnalysis;
  /** Russian lines for the host to show: a sheet adds one when it leaves something out. */
  notes: string[];
}

export interface GeneratedSheet {
  /** The sheet's name (a taken one gets a number), or the start of the name of a sheet made per school. */
  title: string;
  /** How `shnor report --help` names it, or null for a sheet the command never makes. */
  help: string | null;
  /** The sheets of this entry: none, one, or one per school. */
  make(context: SheetContext): SheetSpec[];
}

/** The report's generated sheets, in tab order. */
export const REPORT_SHEETS: readonly GeneratedSheet[] = [
  // The command always marks one results sheet; the pane, reading ФИС ОКО's tables, may have none.
  { title: SHEET_TITLES.statusList, help: null, make: (c) => (c.statusList ? [c.statusList] : []) },
  {
    title: SHEET_TITLES.indicators,
    help: `«${SHEET_TITLES.indicators}»`,
    make: (c) => [indicatorsSheet(c.analysis, c.settings, c.ref, c.names.take(SHEET_TITLES.indicators))],
  },
  {
    title: SHEET_TITLES.roadmap,
    help: `«${SHEET_TITLES.roadmap}»`,
    make: (c) => [roadmapSheet(c.analysis, c.settings, c.names.take(SHEET_TITLES.roadmap))],
  },
  {
    title: SCHOOL_ROADMAP_PREFIX,
    help: `«${SCHOOL_ROADMAP_PREFIX}…» на каждую ШНОР`,
    make: (c) => {
      const { verdicts, note } = schoolRoadmapVerdicts(c.analysis, c.settings);
      if (note) c.notes.push(note);
      return verdicts.map((v) =>
        schoolRoadmapSheet(v, c.analysis, c.settings, c.names.take(`${SCHOOL_ROADMAP_PREFIX}${v.school.name}`), c.tasks),
      );
    },
  },
  {
    title: SHEET_TITLES.annex,
    help: `«${SHEET_TITLES.annex}»`,
    make: (c) => [
      annexSheet(
        c.table,
        c.analysis,
        c.settings,
        c.names.take(c.names.has(SHEET_TITLES.annex) ? ANNEX_ALT[c.settings.annexSchools] : SHEET_TITLES.annex),
      ),
    ],
  },
  {
    title: SHEET_TITLES.note,
    help: `«${SHEET_TITLES.note}»`,
    make: (c) => [noteSheet(c.table, c.analysis, c.settings, c.ref.sheetName, c.names.take(SHEET_TITLES.note), c.dynamics, c.tasks)],
  },
  {
    title: SHEET_TITLES.dynamics,
    help: `«${SHEET_TITLES.dynamics}»`,
    make: (c) => [dynamicsSheet(c.analysis, c.dynamics, c.names.take(SHEET_TITLES.dynamics), c.notes)],
  },
  {
    title: SHEET_TITLES.tasks,
    help: `«${SHEET_TITLES.tasks}» (когда прочитаны баллы участников ВПР по заданиям)`,
    make: (c) => (c.tasks.procedures.length > 0 ? [tasksSheet(c.tasks, c.names.take(SHEET_TITLES.tasks))] : []),
  },
];

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
  /** In workbook order, as REPORT_SHEETS lists them. */
  sheets: SheetSpec[];
  /** History, % «2» dynamics and signals the note and «Динамика и объективность» show. */
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
  let statusList: SheetSpec | null = null;
  let ref: ResultsRef;
  if (input.results) ref = resultsRefFromMarks(table, analysis, input.results.marks, input.results.sheetName);
  else ({ spec: statusList, ref } = statusListSheet(analysis, names.take(SHEET_TITLES.statusList)));
  const dynamicsInput = input.dynamics ?? dynamicsInputOf(table);
  const tasks = taskAnalysis(dynamicsInput.pupils ?? []);
  const context: SheetContext = {
    table,
    analysis,
    settings,
    names,
    ref,
    statusList,
    dynamics: dynamicsOf(analysis, dynamicsInput),
    tasks,
    notes: [],
  };
  const sheets = REPORT_SHEETS.flatMap((sheet) => sheet.make(context));
  return { settings, sheets, ref, notes: context.notes, dynamics: context.dynamics, tasks };
}
