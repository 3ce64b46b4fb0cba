/**
 * The thin hook between the pane's state machine (session.ts) and its host:
 * it keeps the state, and hands the components the state, the analysis and
 * the actions (actions.ts), which run the host's work and turn each outcome
 * into an event.
 */
import { useEffect, useMemo, useReducer, useRef } from "react";
import type { TableSource } from "../excel";
import * as act from "./actions";
import type { ListReads, SessionContext } from "./actions";
import { isFileHost, PaneHost } from "./host";
import { ColumnForm, DocumentsForm, ListItem, SettingsDraft, settingsOf } from "./logic";
import type { PaneDialog } from "./props";
import { analysisOf, correctedOverrides, INITIAL, isStale, reduce, SessionState, undoneOverrides } from "./session";
import type { PickedFile } from "./picked";

/** What the hook hands the pane: the state, the analysis and the actions. */
export type PaneSession = ReturnType<typeof useSession>;

export function useSession(host: PaneHost) {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  // The latest state for the work started from callbacks (a dialog's button, a progress event).
  const current = useRef<SessionState>(state);
  current.current = state;
  const saved = useRef("");
  const lists = useRef<ListReads>({ generation: 0, queue: Promise.resolve() });

  const parsed = useMemo(() => settingsOf(state.draft), [state.draft]);
  const outcome = useMemo(() => analysisOf(state.read, parsed.settings), [state.read, parsed]);
  const analysis = outcome.analysis;

  useEffect(() => {
    let live = true;
    host
      .loadSettings()
      .then((stored) => live && dispatch({ type: "loaded", stored }))
      // Settings are a convenience: without them the defaults apply.
      .catch(() => live && dispatch({ type: "loaded", stored: null }));
    return () => {
      live = false;
    };
  }, [host]);

  const ctx: SessionContext = { host, dispatch, latest: () => current.current, analysis, saved, lists };

  return {
    state,
    parsed,
    analysis,
    /** What is wrong with the settings: a value the engine refuses, or one the table cannot answer. */
    settingsError: parsed.error ?? outcome.error,
    stale: isStale(state, analysis),
    files: isFileHost(host),
    actions: actionsOf(ctx),
  };
}

/** The components' actions, each bound to this render's context. */
function actionsOf(ctx: SessionContext) {
  const { dispatch } = ctx;
  return {
    analyse: () => act.analyse(ctx),
    /** The page: files picked or dropped join the list, and the list is read. */
    addFiles: (files: PickedFile[]) => {
      if (files.length > 0) act.changeFiles(ctx, { type: "picked", files });
    },
    removeFile: (key: string) => act.changeFiles(ctx, { type: "unpicked", key }),
    clearFiles: () => act.clearFiles(ctx),
    collect: (files: File[]) => act.collect(ctx, files),
    applyColumn: (column: number, form: ColumnForm) => {
      const next = correctedOverrides(ctx.latest(), column, form);
      if (next) void act.analyse(ctx, next);
    },
    undoColumn: (column: number | null) => {
      const next = undoneOverrides(ctx.latest(), column);
      if (next) void act.analyse(ctx, next);
    },
    mark: (whenOccupied: "ask" | "insert") => act.mark(ctx, whenOccupied),
    askClear: () => act.askClear(ctx),
    clear: (sheets: boolean) => act.clear(ctx, sheets),
    select: (item: ListItem) => act.select(ctx, item),
    writeDocuments: (regenerate: act.Regenerate | null) => act.writeDocuments(ctx, regenerate),
    downloadReport: () => act.download(ctx, "report"),
    downloadCollect: () => act.download(ctx, "collect"),
    downloadWord: () => act.downloadWord(ctx),
    makeForms: () => act.makeForms(ctx),
    collectForms: (files: File[]) => act.collectForms(ctx, files),
    applyBook: (on: boolean) => act.applyBook(ctx, on),
    setDraft: (draft: SettingsDraft) => dispatch({ type: "draft", draft }),
    setSource: (source: TableSource) => dispatch({ type: "source", source }),
    setStatusFormulas: (on: boolean) => dispatch({ type: "statusFormulas", on }),
    setDocForm: (form: DocumentsForm) => dispatch({ type: "documentsForm", form }),
    setOpen: (open: string[]) => dispatch({ type: "toggle", open }),
    setDialog: (dialog: PaneDialog | null) => dispatch({ type: "dialog", dialog }),
    dismiss: () => dispatch({ type: "dismiss" }),
  };
}
