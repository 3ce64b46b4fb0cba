/**
 * The props of the pane's components. They live in a .ts file: the lint
 * config applies plain `no-unused-vars` to .tsx, which takes the parameter
 * names of function types for unused variables.
 */
import type { ReactNode } from "react";
import type { Analysis, ColumnOverride, DynamicsInput, PupilGroup, SheetSpec } from "../core";
import type { AddedItems, ReadResult } from "../excel";
import type { FileSummary } from "../io/inputs";
import type { PaneHost } from "./host";
import type { ColumnForm, DocumentsForm, ListItem, Recognition, SettingsDraft } from "./logic";
import type { PickedFile } from "./picked";
import type { Busy, Message, Place } from "./session";
import type { PaneSession } from "./useSession";

export interface AppProps {
  host: PaneHost;
}

/** One accordion item of the pane: its value (which opens it), its header and its content. */
export interface SectionItemProps {
  value: string;
  title: string;
  children: ReactNode;
}

/** A section of the pane, drawn from the session the useSession hook hands it. */
export interface PaneSectionProps {
  session: PaneSession;
}

/** A section shown once there is an analysis. */
export interface AnalysisSectionProps extends PaneSectionProps {
  analysis: Analysis;
}

export interface RecognitionSectionProps extends AnalysisSectionProps {
  read: ReadResult;
}

/** The documents or the page's report. */
export interface ReportSectionProps extends AnalysisSectionProps {
  host: PaneHost;
}

export interface FeedbackProps {
  /** The place whose work this shows. */
  at: Place;
  busy: Busy | null;
  message: Message | null;
  onDismiss: () => void;
}

export interface SettingsPanelProps {
  draft: SettingsDraft;
  error: string | null;
  years: number[];
  disabled: boolean;
  onChange: (draft: SettingsDraft) => void;
  /** Where the settings are kept, in Russian; the workbook by default. */
  savedNote?: string;
}

/** A part of the settings panel: it changes the draft by patches. */
export interface SettingsSectionProps {
  draft: SettingsDraft;
  disabled: boolean;
  set: (patch: Partial<SettingsDraft>) => void;
}

export interface SettingsYearProps extends SettingsSectionProps {
  years: number[];
}

export interface RecognitionPanelProps {
  read: ReadResult;
  analysis: Analysis;
  /** The files behind the table, each sheet taken or not and why (the page's files, or the pane's collected exports). */
  files?: FileSummary[] | null;
  overrides: ColumnOverride[];
  disabled: boolean;
  onApply: (column: number, form: ColumnForm) => void;
  /** null: all corrections of the sheet. */
  onUndo: (column: number | null) => void;
}

export interface RecognitionStatsProps {
  recognition: Recognition;
}

export interface CorrectionsProps {
  overrides: ColumnOverride[];
  disabled: boolean;
  onUndo: (column: number) => void;
}

export interface ColumnsSectionProps {
  read: ReadResult;
  disabled: boolean;
  onApply: (column: number, form: ColumnForm) => void;
}

export interface ColumnEditorProps {
  title: string;
  form: ColumnForm;
  disabled: boolean;
  onChange: (form: ColumnForm) => void;
  onApply: () => void;
  onCancel: () => void;
}

export interface ResultsPanelProps {
  analysis: Analysis;
  disabled: boolean;
  /** Absent where there is no sheet to select a row in (the web page). */
  onSelect?: (item: ListItem) => void;
}

export interface DynamicsPanelProps {
  analysis: Analysis;
  /** Pupil-level data and the journal comparison, when the workbook has them. */
  input?: DynamicsInput;
  /** The web page: the full lists are in the downloaded report, not on a sheet of the open workbook. */
  page?: boolean;
}

export interface TasksPanelProps {
  /** Pupil-level results with task scores, when the workbook or the files have them. */
  pupils?: PupilGroup[];
}

export interface MarkPanelProps {
  canMark: boolean;
  disabled: boolean;
  statusFormulas: boolean;
  stale: boolean;
  onStatusFormulas: (on: boolean) => void;
  onMark: () => void;
  onClear: () => void;
}

export interface DocumentsPanelProps {
  form: DocumentsForm;
  supported: boolean;
  /** The school year the documents take when the field is empty. */
  defaultSchoolYear: number;
  marked: boolean;
  disabled: boolean;
  onChange: (form: DocumentsForm) => void;
  onCreate: () => void;
  /** The button's label and the explanation, where documents are downloaded instead of written. */
  action?: string;
  explain?: string;
  /** More actions beside the button. */
  children?: ReactNode;
}

/** The add-in's «Собрать из выгрузок»: one pick, read at once. */
export interface CollectPickerProps {
  disabled: boolean;
  /** The files the last collect read, as the user named them. */
  files: string[];
  onFiles: (files: File[]) => void;
}

/** The web page's list: each pick or drop adds to it, a file can be taken out, «Очистить» starts over. */
export interface FilePickerProps {
  disabled: boolean;
  picked: PickedFile[];
  /** Files of the last pick that were already in the list. */
  repeated: string[];
  onAdd: (files: PickedFile[]) => void;
  onRemove: (key: string) => void;
  onClear: () => void;
}

export interface BookSettingsNoteProps {
  /** Which values came from the book and which from the page, and any notice about the part. */
  lines: string[];
  /** The book holds usable settings (else the lines say why none apply). */
  stored: boolean;
  applied: boolean;
  disabled: boolean;
  onApply: (on: boolean) => void;
}

export type PaneDialog =
  | { kind: "occupied"; columns: string }
  | { kind: "clear"; added: AddedItems; sheets: boolean }
  | { kind: "regenerate"; specs: SheetSpec[]; written: string[]; notes: string[] };

export interface DialogsProps {
  dialog: PaneDialog | null;
  setDialog: (dialog: PaneDialog | null) => void;
  onInsert: () => void;
  onClear: (sheets: boolean) => void;
  onRegenerate: (regenerate: { specs: SheetSpec[]; written: string[]; notes: string[] }) => void;
}

/** Reports progress: a fraction 0–1 when known, and what is being done. */
export type ReportProgress = (value?: number, label?: string) => void;

/** A piece of work the pane runs with its progress bar. */
export type Work = (progress: ReportProgress) => Promise<void>;
