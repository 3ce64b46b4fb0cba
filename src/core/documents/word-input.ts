/** What every Word document is built from: the analysis and its table, the settings, the dynamics, and what was read. */
import type { Dynamics } from "../dynamics";
import type { Analysis } from "../rule";
import type { ResultsTable } from "../table/model";
import type { TaskAnalysis } from "../tasks/analysis";
import type { DocumentSettings } from "./settings";

export interface WordInput {
  table: ResultsTable;
  analysis: Analysis;
  settings: DocumentSettings;
  dynamics: Dynamics;
  /** The per-task analysis of ВПР: the note's tasks red for all the schools, each ШНОР's red tasks in its roadmap. */
  tasks: TaskAnalysis;
  /** What was read, a line a file or sheet: «Файл «ВПР 2025.xlsx», лист «МА 5»». */
  read: string[];
}
