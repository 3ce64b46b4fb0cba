/**
 * The thin hook between the pane's state machine (session.ts) and its host:
 * it runs the host's work, turns each outcome into an event, and hands the
 * components the state, the analysis and the actions.
 */
import { useEffect, useMemo, useReducer, useRef } from "react";
import { analyzeTable, collectSheetSpecs, ColumnOverride, markSpec, SheetSpec, ShnorError } from "../core";
import { buildDocuments } from "../core/documents";
import { collectFormsIntoBook, formsOfBook, saveFormsManifest } from "./forms";
import type { StoredSettings, TableSource } from "../excel";
import { FilesRead, isFileHost, PaneHost } from "./host";
import { ColumnForm, documentsInput, DocumentsForm, ListItem, SettingsDraft, settingsOf } from "./logic";
import type { PaneDialog, Work } from "./props";
import {
  correctedOverrides,
  INITIAL,
  isStale,
  pageSettings,
  Place,
  reduce,
  rowSelection,
  SessionEvent,
  SessionState,
  storedOf,
  undoneOverrides,
} from "./session";
import { saveBytes } from "./save";
import { STRINGS } from "./strings";
import type { PickedFile } from "./picked";
import { paneWordZip } from "./word";

function errorText(e: unknown): string {
  return e instanceof ShnorError ? e.message : STRINGS.errors.title;
}

export function useSession(host: PaneHost) {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  // The latest state for the work started from callbacks (a dialog's button, a progress event).
  const current = useRef<SessionState>(state);
  current.current = state;
  const saved = useRef("");

  const parsed = useMemo(() => settingsOf(state.draft), [state.draft]);
  // A setting the table cannot answer (a previous year it has no results for) is said by the settings, never a blank pane.
  const outcome = useMemo(() => {
    if (!state.read || !parsed.settings) return { analysis: null, error: null };
    try {
      return { analysis: analyzeTable(state.read.table, parsed.settings), error: null };
    } catch (e) {
      if (e instanceof ShnorError) return { analysis: null, error: e.message };
      throw e;
    }
  }, [state.read, parsed]);
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

  /** Saves the settings when they changed; a failure here must not spoil the work done. */
  async function persist(next: StoredSettings | null, from: SessionState = current.current) {
    if (!next) return;
    // On the page, a book's settings belong to the book: the browser keeps only the page's own.
    if (isFileHost(host) && from.book?.applied) return;
    const json = JSON.stringify(next);
    if (json === saved.current) return;
    try {
      await host.saveSettings(next);
      saved.current = json;
    } catch {
      // The workbook may be read-only; the settings still apply to this session.
    }
  }

  async function task(at: Place, label: string, work: Work) {
    dispatch({ type: "start", at, label });
    try {
      await work((value, text) => dispatch({ type: "progress", value, label: text }));
      dispatch({ type: "finish" });
    } catch (e) {
      dispatch({ type: "fail", text: errorText(e), at });
    }
  }

  /** `current`: whether the page's list read is still the latest one (a newer list or «Очистить» makes it moot). */
  const analyse = (
    overrides: Record<string, ColumnOverride[]> = current.current.overrides,
    files?: PickedFile[],
    isCurrent: () => boolean = () => true,
  ) =>
    task("start", STRINGS.progress.readingStart, async (progress) => {
      const read = isFileHost(host)
        ? await host
            .readFiles({
              files: files?.map((p) => ({ file: p.file, name: p.name })),
              overridesBySheet: overrides,
              onProgress: (value, label) => progress(value, label),
            })
            .catch((e: unknown) => {
              if (!isCurrent()) return null;
              // A new list that cannot be read: what was shown belonged to the list before.
              if (files) dispatch({ type: "unread" });
              throw e;
            })
        : await host.readTable({
            source: current.current.source,
            overridesBySheet: overrides,
            onProgress: (done, total) => progress(done / total, STRINGS.progress.reading(done, total)),
          });
      if (!read || !isCurrent()) return;
      // The state after the events, before React renders it.
      let after = current.current;
      const found = (read as FilesRead).book;
      if (found) {
        // New files: the settings they keep become the form's starting values, their corrections the ones read with.
        const event: SessionEvent = { type: "bookFound", found };
        dispatch(event);
        after = reduce(after, event);
      }
      const analysed: SessionEvent = { type: "analysed", read, overrides: found ? found.overridesBySheet : overrides };
      dispatch(analysed);
      after = reduce(after, analysed);
      await persist(storedOf(after), after);
    });

  /**
   * The page's list changed (files added, one taken out): the whole list is read again, with the
   * corrections the user made (not those a book applied: with another list they may not apply).
   * Files may be added while a list is read: reads run one after another, only the latest list is
   * read, and what an older one gives is dropped.
   */
  const lists = useRef<{ generation: number; queue: Promise<void> }>({ generation: 0, queue: Promise.resolve() });
  const readList = (next: SessionState) => {
    const generation = ++lists.current.generation;
    const isCurrent = () => generation === lists.current.generation;
    if (next.picked.length === 0) return;
    lists.current.queue = lists.current.queue.then(() =>
      isCurrent() ? analyse(next.book?.applied ? {} : next.overrides, next.picked, isCurrent) : undefined,
    );
  };
  const change = (event: SessionEvent) => {
    const before = current.current;
    const next = reduce(before, event);
    dispatch(event);
    if (next.picked.length !== before.picked.length) readList(next);
  };

  /** The page's «Применять настройки, сохранённые в книге»: the form and corrections change, and the files are read again. */
  const applyBook = (on: boolean) => {
    const event: SessionEvent = { type: "applyBook", on };
    const next = reduce(current.current, event);
    if (next === current.current) return;
    dispatch(event);
    void analyse(next.overrides);
  };

  /**
   * «Собрать из выгрузок»: the files are read here with the command's file layer (nothing is
   * uploaded), joined, written to new sheets of the workbook, and the joined sheet analysed.
   */
  const collect = (files: File[]) =>
    task("start", STRINGS.collect.start, async (progress) => {
      if (isFileHost(host) || files.length === 0) return;
      // The file layer (SheetJS, papaparse) is loaded when first needed: the pane opens without it.
      const [{ blobSource }, { filesSummary, readInputs, recognitionSheetLines }] = await Promise.all([
        import("../io/blob"),
        import("../io/inputs"),
      ]);
      const read = await readInputs(
        files.map((f) => blobSource(f)),
        {
          overrides: [],
          onProgress: (done, total, name) =>
            done < total ? progress((0.6 * done) / total, STRINGS.collect.reading(done + 1, total, name)) : progress(0.6),
        },
      );
      const specs = collectSheetSpecs(read.table, recognitionSheetLines(read));
      const [sheet, report] = await host.writeCollected(specs, {
        onProgress: (done, total) => progress(0.6 + (0.3 * done) / total, STRINGS.collect.writing(done, total)),
      });
      const collected: SessionEvent = {
        type: "collected",
        collected: { sheet, report, files: files.map((f) => f.name), perFile: filesSummary(read) },
        text: STRINGS.collect.done(sheet, report, files.length, read.table.schools.length),
      };
      dispatch(collected);
      // The state after the event, before React renders it: the corrections that apply to the new sheet.
      const overrides = reduce(current.current, collected).overrides;
      const table = await host.readTable({
        source: "sheet",
        sheet,
        overridesBySheet: overrides,
        onProgress: (done, total) => progress(0.9 + (0.1 * done) / total, STRINGS.progress.reading(done, total)),
      });
      dispatch({ type: "analysed", read: table, overrides });
      await persist(storedOf({ ...current.current, overrides, source: "sheet" }));
    });

  const mark = (whenOccupied: "ask" | "insert") =>
    task("mark", STRINGS.progress.markingStart, async (progress) => {
      const { read, statusFormulas } = current.current;
      if (isFileHost(host) || !read || !analysis) return;
      const outcome = await host.mark({
        table: read.table,
        analysis,
        statusFormulas,
        whenOccupied,
        onProgress: (done, total) => progress(done / total, STRINGS.progress.marking(done, total)),
      });
      if (outcome.kind === "occupied") {
        dispatch({ type: "occupied", columns: outcome.columns });
        return;
      }
      dispatch({
        type: "marked",
        marked: { sheet: outcome.sheet, statusColumn: outcome.statusColumn, settings: analysis.settings, statusFormulas },
        text: STRINGS.mark.done(outcome.sheet, outcome.columns, outcome.updated, outcome.inserted),
      });
      await persist(storedOf(current.current));
    });

  const askClear = () =>
    task("mark", STRINGS.progress.clearing, async () => {
      if (isFileHost(host)) return;
      const added = await host.listAdded();
      if (added.marks.length === 0 && added.sheets.length === 0) dispatch({ type: "cleared", text: STRINGS.mark.cleared(0, []) });
      else dispatch({ type: "clearAsked", added });
    });

  const clear = (sheets: boolean) =>
    task("mark", STRINGS.progress.clearing, async () => {
      if (isFileHost(host)) return;
      const outcome = await host.clear({ sheets });
      dispatch({ type: "cleared", text: STRINGS.mark.cleared(outcome.marks.length, outcome.sheets) });
    });

  const select = (item: ListItem) => {
    const range = rowSelection(current.current, item.row);
    if (isFileHost(host) || !range) return;
    host
      .selectRow(range.sheet, range.row, range.first, range.last)
      .catch((e) => dispatch({ type: "fail", text: errorText(e), at: "results" }));
  };

  const writeDocuments = (regenerate: { specs: SheetSpec[]; written: string[]; notes: string[] } | null) =>
    task("documents", STRINGS.progress.documentsStart, async (progress) => {
      const { read, marked, docForm } = current.current;
      if (isFileHost(host) || !read || !analysis || !marked) return;
      let specs: SheetSpec[];
      let notes: string[];
      const written = regenerate ? [...regenerate.written] : [];
      if (regenerate) ({ specs, notes } = regenerate);
      else {
        const added = await host.listAdded();
        const ours = new Set(added.sheets.map((s) => s.sheet.toLowerCase()));
        const docs = buildDocuments({
          table: read.table,
          analysis,
          settings: documentsInput(docForm),
          results: {
            sheetName: marked.sheet,
            marks: markSpec(read.table, analysis, { at: marked.statusColumn, statusFormulas: marked.statusFormulas }),
          },
          // The add-in's own sheets keep their names: a regenerated sheet is found by its record.
          existingSheetNames: added.workbookSheets.filter((n) => !ours.has(n.toLowerCase())),
        });
        specs = docs.sheets;
        notes = docs.notes;
        // Where forms for schools put their figures: kept in the book with the documents.
        await saveFormsManifest(host, docs, analysis);
      }
      const existing: SheetSpec[] = [];
      let kept = 0;
      let printSkipped = false;
      const outcomes = await host.writeSheets(specs, {
        regenerate: regenerate ? "replace" : "ask",
        onProgress: (done, total) => progress(done / total, STRINGS.progress.documents(done, total)),
      });
      outcomes.forEach((outcome, i) => {
        if (outcome.kind === "exists") existing.push(specs[i]);
        else {
          written.push(outcome.sheet);
          kept += outcome.keptInputs;
          if (specs[i].print && !outcome.printSetup) printSkipped = true;
        }
      });
      if (existing.length > 0) {
        dispatch({ type: "documentsExist", specs: existing, written, notes });
        return;
      }
      const lines = [STRINGS.documents.created(written, kept), ...notes];
      if (printSkipped) lines.push(STRINGS.documents.printSkipped);
      dispatch({ type: "documentsDone", text: lines.join(" ") });
      await persist(storedOf(current.current));
    });

  /** The page's downloads: the report book or the summary table. */
  const download = (what: "report" | "collect") =>
    task("documents", what === "report" ? STRINGS.page.reportStart : STRINGS.page.collectStart, async (progress) => {
      const { read, overrides, docForm } = current.current;
      documentsInput(docForm); // a school year that does not parse is said here, in Russian
      const used = pageSettings(current.current);
      if (!isFileHost(host) || !read || !used) return;
      const done = await (what === "report" ? host.downloadReport : host.downloadCollect)({
        settings: used.settings,
        overridesBySheet: overrides,
        documents: used.documents,
        onProgress: (value, label) => progress(value, label),
      });
      dispatch({ type: "downloaded", at: "documents", text: [STRINGS.page.downloaded(done.fileName), ...done.lines].join(" ") });
      await persist(storedOf(current.current));
    });

  /** «Скачать документы Word»: on the page from the worker, as the report; in the pane from the analysed sheet. */
  const downloadWord = () =>
    task("documents", STRINGS.page.wordStart, async (progress) => {
      const { read, overrides, docForm } = current.current;
      const documents = documentsInput(docForm); // a school year that does not parse is said here, in Russian
      if (!read || !analysis) return;
      if (isFileHost(host)) {
        const used = pageSettings(current.current);
        if (!used) return;
        const done = await host.downloadWord({
          settings: used.settings,
          overridesBySheet: overrides,
          documents: used.documents,
          onProgress: (value, label) => progress(value, label),
        });
        dispatch({ type: "downloaded", at: "documents", text: [STRINGS.page.downloaded(done.fileName), ...done.lines].join(" ") });
      } else {
        progress(0.2, STRINGS.page.wordStart);
        const zip = await paneWordZip(read.table, analysis, documents);
        saveBytes(zip.bytes, zip.fileName);
        dispatch({
          type: "downloaded",
          at: "documents",
          text: [STRINGS.page.downloaded(zip.fileName), STRINGS.page.wordFiles(zip.files)].join(" "),
        });
      }
      await persist(storedOf(current.current));
    });

  /** «Формы для школ»: one .zip of forms, from the book's manifest (the pane) or the page's report. */
  const makeForms = () =>
    task("documents", STRINGS.forms.making, async (progress) => {
      if (isFileHost(host)) {
        const done = await host.downloadForms((value, label) => progress(value, label));
        dispatch({ type: "downloaded", at: "documents", text: done.lines.join(" ") });
        return;
      }
      const zip = await formsOfBook(host, "shnor");
      saveBytes(zip.bytes, zip.fileName);
      dispatch({ type: "documentsDone", text: STRINGS.forms.made(zip.count, zip.fileName) });
    });

  /** «Собрать формы»: the files picked, checked and written into the open book in place (the pane) or into a new book (the page). */
  const collectForms = (files: File[]) =>
    task("documents", STRINGS.forms.collecting, async (progress) => {
      if (files.length === 0) return;
      if (isFileHost(host)) {
        const done = await host.collectForms(files, (value, label) => progress(value, label));
        dispatch({ type: "downloaded", at: "documents", text: [STRINGS.page.downloaded(done.fileName), ...done.lines].join(" ") });
        return;
      }
      const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const result = await collectFormsIntoBook(host, read);
      dispatch({ type: "documentsDone", text: result.summary });
    });

  return {
    state,
    parsed,
    analysis,
    /** What is wrong with the settings: a value the engine refuses, or one the table cannot answer. */
    settingsError: parsed.error ?? outcome.error,
    stale: isStale(state, analysis),
    files: isFileHost(host),
    actions: {
      analyse: () => analyse(),
      /** The page: files picked or dropped join the list, and the list is read. */
      addFiles: (files: PickedFile[]) => {
        if (files.length > 0) change({ type: "picked", files });
      },
      removeFile: (key: string) => change({ type: "unpicked", key }),
      clearFiles: () => {
        lists.current.generation++; // a list still being read is read for nothing
        dispatch({ type: "pickCleared" });
      },
      collect,
      applyColumn: (column: number, form: ColumnForm) => {
        const next = correctedOverrides(current.current, column, form);
        if (next) void analyse(next);
      },
      undoColumn: (column: number | null) => {
        const next = undoneOverrides(current.current, column);
        if (next) void analyse(next);
      },
      mark,
      askClear,
      clear,
      select,
      writeDocuments,
      downloadReport: () => download("report"),
      downloadCollect: () => download("collect"),
      downloadWord,
      makeForms,
      collectForms,
      applyBook,
      setDraft: (draft: SettingsDraft) => dispatch({ type: "draft", draft }),
      setSource: (source: TableSource) => dispatch({ type: "source", source }),
      setStatusFormulas: (on: boolean) => dispatch({ type: "statusFormulas", on }),
      setDocForm: (form: DocumentsForm) => dispatch({ type: "documentsForm", form }),
      setOpen: (open: string[]) => dispatch({ type: "toggle", open }),
      setDialog: (dialog: PaneDialog | null) => dispatch({ type: "dialog", dialog }),
      dismiss: () => dispatch({ type: "dismiss" }),
    },
  };
}
