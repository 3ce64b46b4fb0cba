/**
 * The pane's flow as a pure state machine: analyse, correct a column, mark,
 * documents, clear, collect and download. `reduce` takes the state and an
 * event and returns the next state; the selectors below say what the
 * components may do and what to ask the host. No React, no host, no await:
 * the hook (useSession.ts) runs the host's work and feeds its outcomes here,
 * and tests/taskpane/session.test.ts drives the same transitions without a browser.
 */
import { maxOf, minOf } from "../core/arrays";
import {
  Analysis,
  analyzeTable,
  changedFrom,
  ColumnOverride,
  DEFAULT_SETTINGS,
  mergedDocuments,
  mergedSettings,
  overridesForSheet,
  resolveSettings,
  sameSheetName,
  settingsSource,
  SheetSpec,
  Settings,
  ShnorError,
  storedRuleSettings,
} from "../core";
import type { DocumentSettingsInput } from "../core/documents";
import type { AddedItems, ReadResult, StoredSettings, TableSource } from "../excel";
import {
  DEFAULT_DRAFT,
  documentsForm,
  DocumentsForm,
  documentsInput,
  draftOf,
  sameSettings,
  settingsOf,
  SettingsDraft,
  withOverride,
  withoutOverride,
} from "./logic";
import type { ColumnForm } from "./logic";
import { overrideOf } from "./logic";
import type { PaneDialog } from "./props";
import type { FileSummary } from "../io/inputs";
import type { FilesRead, FoundBookSettings } from "./host";
import { addPicked, PickedFile } from "./picked";
import { STRINGS } from "./strings";

/** Where in the pane a piece of work started: its progress and its outcome are shown there. */
export type Place = "start" | "results" | "mark" | "documents";

export interface Busy {
  label: string;
  /** 0–1 when known. */
  value?: number;
  at: Place;
}

export interface Message {
  intent: "error" | "success";
  text: string;
  at: Place;
}

/** The marks on the sheet, and the settings they were made with. */
export interface Marked {
  sheet: string;
  statusColumn: number;
  settings: Settings;
  statusFormulas: boolean;
}

/** What «Собрать из выгрузок» wrote: the joined table's sheet, its recognition report, from which files. */
export interface Collected {
  sheet: string;
  report: string;
  files: string[];
  /** Each file's sheets, taken or not and why: what the recognition view lists while the joined sheet is shown. */
  perFile: FileSummary[];
}

/**
 * The web page: the settings the add-in saved in the book just read. Applied,
 * they are the form's starting values and the corrections; set aside, the
 * form goes back to what it held before.
 */
export interface BookState {
  found: FoundBookSettings;
  applied: boolean;
  /** The form before the book's settings were applied. */
  before: { draft: SettingsDraft; docForm: DocumentsForm };
}

/** The accordion's sections. */
export type Section = "recognition" | "settings" | "results" | "mark" | "documents";

export interface SessionState {
  /** The stored settings were looked for (found or not): until then nothing can start. */
  loaded: boolean;
  draft: SettingsDraft;
  source: TableSource;
  /** Column corrections by sheet name. */
  overrides: Record<string, ColumnOverride[]>;
  statusFormulas: boolean;
  docForm: DocumentsForm;
  read: ReadResult | null;
  marked: Marked | null;
  collected: Collected | null;
  /** The web page: the settings stored in the files read (null: none, and nothing to say). */
  book: BookState | null;
  /** The web page: every file picked or dropped so far, in order; all of them are read together. */
  picked: PickedFile[];
  /** The web page: files of the last pick already in the list (read once), to say so. */
  repeated: string[];
  busy: Busy | null;
  message: Message | null;
  dialog: PaneDialog | null;
  open: string[];
}

export const INITIAL: SessionState = {
  loaded: false,
  draft: DEFAULT_DRAFT,
  source: "sheet",
  overrides: {},
  statusFormulas: false,
  docForm: documentsForm(undefined),
  read: null,
  marked: null,
  collected: null,
  book: null,
  picked: [],
  repeated: [],
  busy: null,
  message: null,
  dialog: null,
  open: ["settings"],
};

export type SessionEvent =
  /** The host's stored settings (null: none, or they could not be read). */
  | { type: "loaded"; stored: StoredSettings | null }
  | { type: "draft"; draft: SettingsDraft }
  | { type: "source"; source: TableSource }
  | { type: "statusFormulas"; on: boolean }
  | { type: "documentsForm"; form: DocumentsForm }
  | { type: "toggle"; open: string[] }
  | { type: "start"; at: Place; label: string }
  | { type: "progress"; value?: number; label?: string }
  | { type: "fail"; text: string; at?: Place }
  | { type: "finish" }
  | { type: "analysed"; read: ReadResult; overrides: Record<string, ColumnOverride[]> }
  | { type: "occupied"; columns: string }
  | { type: "marked"; marked: Marked; text: string }
  | { type: "clearAsked"; added: AddedItems }
  | { type: "cleared"; text: string }
  | { type: "documentsExist"; specs: SheetSpec[]; written: string[]; notes: string[] }
  | { type: "documentsDone"; text: string }
  /** A file was handed to the user (the page's report or summary table). */
  | { type: "downloaded"; at: Place; text: string }
  /** «Собрать из выгрузок» wrote its sheets; the joined one is analysed next. */
  | { type: "collected"; collected: Collected; text: string }
  | { type: "dialog"; dialog: PaneDialog | null }
  | { type: "dismiss" }
  /** The web page read new files: what they keep of the add-in's settings. */
  | { type: "bookFound"; found: FoundBookSettings }
  /** The web page's «Применять настройки, сохранённые в книге». */
  | { type: "applyBook"; on: boolean }
  /** The web page: files picked or dropped, added to the list (a file already there is not added again). */
  | { type: "picked"; files: PickedFile[] }
  /** The web page: one file taken out of the list; the last one out starts over. */
  | { type: "unpicked"; key: string }
  /** The web page's «Очистить»: no files, nothing read; the settings stay. */
  | { type: "pickCleared" }
  /** The web page: the list changed and could not be read; nothing read is shown for a list it does not match. */
  | { type: "unread" };

const opened = (open: string[], add: Section[], remove: Section[] = []) => [
  ...new Set([...open.filter((x) => !remove.includes(x as Section)), ...add]),
];

// long: the pure reducer's switch, one short case per event; each case reads alone
export function reduce(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case "loaded": {
      const stored = event.stored;
      if (!stored) return { ...state, loaded: true };
      return {
        ...state,
        loaded: true,
        draft: draftOf(storedRuleSettings(stored.settings).settings),
        overrides: stored.overrides ?? {},
        source: stored.source ?? "sheet",
        statusFormulas: stored.statusFormulas === true,
        docForm: documentsForm(stored.documents),
      };
    }
    case "draft":
      return { ...state, draft: event.draft };
    case "source":
      return { ...state, source: event.source };
    case "statusFormulas":
      return { ...state, statusFormulas: event.on };
    case "documentsForm":
      return { ...state, docForm: event.form };
    case "toggle":
      return { ...state, open: event.open };
    case "start":
      return { ...state, message: null, busy: { label: event.label, at: event.at } };
    case "progress":
      if (!state.busy) return state;
      return { ...state, busy: { at: state.busy.at, label: event.label ?? state.busy.label, value: event.value } };
    case "fail":
      return {
        ...state,
        busy: null,
        message: { intent: "error", text: event.text, at: event.at ?? state.busy?.at ?? "start" },
      };
    case "finish":
      return { ...state, busy: null };
    case "analysed": {
      const sheet = event.read.sheet.toLowerCase();
      return {
        ...state,
        read: event.read,
        overrides: event.overrides,
        // Marks on another sheet are not this table's.
        marked: state.marked && state.marked.sheet.toLowerCase() === sheet ? state.marked : null,
        open: opened(state.open, ["recognition", "results", "mark"], ["settings"]),
      };
    }
    case "occupied":
      return { ...state, dialog: { kind: "occupied", columns: event.columns } };
    case "marked":
      return {
        ...state,
        marked: event.marked,
        message: { intent: "success", text: event.text, at: "mark" },
        open: opened(state.open, ["documents"]),
      };
    case "clearAsked":
      // The generated sheets stay unless the user chooses to lose them (they may hold typed inputs and marks).
      return { ...state, dialog: { kind: "clear", added: event.added, sheets: false } };
    case "cleared":
      return { ...state, marked: null, message: { intent: "success", text: event.text, at: "mark" } };
    case "documentsExist":
      return { ...state, dialog: { kind: "regenerate", specs: event.specs, written: event.written, notes: event.notes } };
    case "documentsDone":
      return { ...state, message: { intent: "success", text: event.text, at: "documents" } };
    case "downloaded":
      return { ...state, message: { intent: "success", text: event.text, at: event.at } };
    case "collected": {
      // New sheets: corrections kept under the same names (of sheets deleted since) are not theirs.
      const overrides = { ...state.overrides };
      for (const name of [event.collected.sheet, event.collected.report]) delete overrides[name];
      return {
        ...state,
        collected: event.collected,
        overrides,
        source: "sheet",
        message: { intent: "success", text: event.text, at: "start" },
      };
    }
    case "bookFound": {
      // The form as it was before any book's settings: a new file does not inherit the last one's.
      const before = state.book?.applied ? state.book.before : { draft: state.draft, docForm: state.docForm };
      const { found } = event;
      const next = { ...state, draft: before.draft, docForm: before.docForm, overrides: found.overridesBySheet };
      if (!found.stored) return { ...next, book: found.notices.length > 0 ? { found, applied: false, before } : null };
      return { ...withBook(next, found), book: { found, applied: true, before } };
    }
    case "applyBook": {
      const book = state.book;
      if (!book?.found.stored || book.applied === event.on) return state;
      if (event.on) return { ...withBook(state, book.found), book: { ...book, applied: true } };
      return { ...state, draft: book.before.draft, docForm: book.before.docForm, overrides: {}, book: { ...book, applied: false } };
    }
    case "picked": {
      const { list, repeated } = addPicked(state.picked, event.files);
      return { ...state, picked: list, repeated };
    }
    case "unpicked": {
      const picked = state.picked.filter((p) => p.key !== event.key);
      return picked.length === 0 ? startOver(state) : { ...state, picked, repeated: [] };
    }
    case "pickCleared":
      return startOver(state);
    case "unread":
      return { ...state, read: null, open: opened(state.open, ["settings"]) };
    case "dialog":
      return { ...state, dialog: event.dialog };
    case "dismiss":
      return { ...state, message: null };
  }
}

/** The page with no files: nothing read, no book's settings (the form as before them), no corrections. */
function startOver(state: SessionState): SessionState {
  const before = state.book?.applied ? state.book.before : { draft: state.draft, docForm: state.docForm };
  return {
    ...state,
    ...before,
    picked: [],
    repeated: [],
    read: null,
    book: null,
    overrides: {},
    message: null,
    open: ["settings"],
  };
}

/** The book's stored values as the form's starting values, and its corrections. */
function withBook(state: SessionState, found: FoundBookSettings): SessionState {
  const stored = found.stored!;
  return {
    ...state,
    draft: draftOf(storedRuleSettings(stored.settings).settings),
    docForm: documentsForm(stored.documents),
    overrides: stored.overrides,
    statusFormulas: stored.statusFormulas === true,
  };
}

/* ---------- selectors: what the pane shows and what it asks the host ---------- */

export function parsedSettings(state: SessionState) {
  return settingsOf(state.draft);
}

/**
 * The files behind the table shown, sheet by sheet: the page's files, or in the add-in the
 * exports «Собрать из выгрузок» joined while their joined sheet is the one shown. Else null.
 */
export function filesShown(state: SessionState): FileSummary[] | null {
  const read = state.read;
  if (!read) return null;
  const perFile = (read as Partial<FilesRead>).perFile;
  if (perFile) return perFile;
  const collected = state.collected;
  return collected && sameSheetName(collected.sheet, read.sheet) ? collected.perFile : null;
}

/** The corrections of the sheet that was read. */
export function sheetOverrides(state: SessionState): ColumnOverride[] {
  return state.read ? (state.overrides[state.read.sheet] ?? []) : [];
}

/** Nothing starts while work runs or before the stored settings were looked for. */
export function isDisabled(state: SessionState): boolean {
  return state.busy !== null || !state.loaded;
}

/** Whether «Собрать из выгрузок» can start: nothing runs and the settings parse (the joined table is analysed with them). */
export function canCollect(state: SessionState): boolean {
  return !isDisabled(state) && parsedSettings(state).settings !== null;
}

/**
 * The analysis of what was read, with the settings the form gives. A setting the table cannot answer (a
 * previous year it has no results for) is said by the settings, never a blank pane.
 */
export function analysisOf(read: ReadResult | null, settings: Settings | null): { analysis: Analysis | null; error: string | null } {
  if (!read || !settings) return { analysis: null, error: null };
  try {
    return { analysis: analyzeTable(read.table, settings), error: null };
  } catch (e) {
    if (e instanceof ShnorError) return { analysis: null, error: e.message };
    throw e;
  }
}

/** The marks on the sheet were made with other settings than the analysis shown. */
export function isStale(state: SessionState, analysis: Analysis | null): boolean {
  return (
    state.marked !== null &&
    analysis !== null &&
    (!sameSettings(state.marked.settings, analysis.settings) || state.marked.statusFormulas !== state.statusFormulas)
  );
}

/** What the host saves (settings, corrections, choices), or null while the settings do not parse. */
export function storedOf(state: SessionState, patch: Partial<StoredSettings> = {}): StoredSettings | null {
  const parsed = parsedSettings(state);
  if (!parsed.settings) return null;
  return {
    settings: parsed.settings,
    overrides: state.overrides,
    source: state.source,
    statusFormulas: state.statusFormulas,
    documents: documentsInput(state.docForm),
    ...patch,
  };
}

/** The corrections after the user applied `form` to a column of the sheet read. */
export function correctedOverrides(state: SessionState, column: number, form: ColumnForm): Record<string, ColumnOverride[]> | null {
  if (!state.read) return null;
  return { ...state.overrides, [state.read.sheet]: withOverride(sheetOverrides(state), overrideOf(column, form)) };
}

/** The corrections after the user removed one (or, with null, all) of the sheet read. */
export function undoneOverrides(state: SessionState, column: number | null): Record<string, ColumnOverride[]> | null {
  if (!state.read) return null;
  return { ...state.overrides, [state.read.sheet]: column === null ? [] : withoutOverride(sheetOverrides(state), column) };
}

/** The cells to select for a school: its row across the table, and the status columns once marked. */
export function rowSelection(state: SessionState, row: number): { sheet: string; row: number; first: number; last: number } | null {
  if (!state.read || state.read.table.columns.length === 0) return null;
  const columns = state.read.table.columns.map((c) => c.column);
  const first = minOf(columns);
  const last = state.marked ? state.marked.statusColumn + 1 : maxOf(columns);
  return { sheet: state.read.sheet, row, first, last };
}

/** Whether documents can be made in the workbook now: the sheet is marked with the settings shown. */
export function canWriteDocuments(state: SessionState, analysis: Analysis | null): boolean {
  return state.marked !== null && !isStale(state, analysis);
}

/** The document choices the form says, or null while one does not parse. */
function formDocuments(form: DocumentsForm): DocumentSettingsInput | null {
  try {
    return documentsInput(form);
  } catch {
    return null;
  }
}

/**
 * What the web page uses, by the command's merge rules: the book's stored
 * values under the ones the user changed on the page (a value still as the
 * book has it is the book's). With no book applied, the form's values alone.
 */
export function pageSettings(state: SessionState): {
  settings: Settings;
  documents: DocumentSettingsInput;
  /** The values the user changed from the book's (all of them, without a book). */
  changed: Partial<Settings>;
  changedDocuments: DocumentSettingsInput;
} | null {
  const parsed = parsedSettings(state);
  const documents = formDocuments(state.docForm);
  if (!parsed.settings || !documents) return null;
  const found = state.book?.applied ? state.book.found : null;
  if (!found?.stored) {
    return { settings: parsed.settings, documents, changed: changedFrom(parsed.settings, DEFAULT_SETTINGS), changedDocuments: documents };
  }
  const changed = changedFrom(parsed.settings, storedRuleSettings(found.stored.settings).settings);
  const changedDocuments = changedFrom(documents, formDocuments(documentsForm(found.stored.documents)) ?? {});
  return {
    settings: resolveSettings(mergedSettings(found, changed)),
    // The choices the page's form does not show (indicators, names, targets…) stay the book's.
    documents: mergedDocuments(found, changedDocuments),
    changed,
    changedDocuments,
  };
}

/** The lines the page shows about the book's settings (which value came from where, and any notice), or null. */
export function bookLines(state: SessionState): string[] | null {
  const book = state.book;
  if (!book) return null;
  const wording = STRINGS.page.book.wording;
  if (!book.found.stored) return book.found.notices;
  const used = pageSettings(state);
  const changed = used?.changed ?? {};
  if (!book.applied) {
    const ignored = { ...book.found, stored: null, ignored: true };
    return settingsSource(ignored, changed, book.found.sheets, undefined, wording).lines;
  }
  // A stored correction the user removed on the page is no longer the book's.
  const stored = book.found.stored;
  const kept = Object.fromEntries(
    Object.entries(stored.overrides).map(([sheet, list]) => {
      const now = overridesForSheet(state.overrides, sheet).map((o) => JSON.stringify(o));
      return [sheet, list.filter((o) => now.includes(JSON.stringify(o)))];
    }),
  );
  const inForce = { ...book.found, stored: { ...stored, overrides: kept } };
  return settingsSource(inForce, changed, book.found.sheets, used?.changedDocuments, wording).lines;
}
