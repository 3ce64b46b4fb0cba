/**
 * What the pane's buttons do: each action runs the host's work and turns its outcome into events for the
 * state machine (session.ts). Plain functions of a `SessionContext`, which the hook (useSession.ts) makes
 * on each render: the host, the dispatch, the latest state and the analysis on screen.
 */
import { Analysis, collectSheetSpecs, ColumnOverride, markSpec, SheetSpec, ShnorError } from "../core";
import { buildDocuments } from "../core/documents";
import { collectFormsIntoBook, formsOfBook, saveFormsManifest } from "./forms";
import type { ExcelHost, StoredSettings } from "../excel";
import { FilesRead, isFileHost, PaneHost } from "./host";
import { documentsInput, ListItem } from "./logic";
import type { Work } from "./props";
import { pageSettings, Place, reduce, rowSelection, SessionEvent, SessionState, storedOf } from "./session";
import { saveBytes } from "./save";
import { STRINGS } from "./strings";
import type { PickedFile } from "./picked";
import { paneWordZip } from "./word";

/** The page's list reads: reads run one after another, and only the latest generation's counts. */
export interface ListReads {
  generation: number;
  queue: Promise<void>;
}

export interface SessionContext {
  host: PaneHost;
  dispatch: (event: SessionEvent) => void;
  /** The latest state, for the work started from callbacks (a dialog's button, a progress event). */
  latest: () => SessionState;
  /** The analysis on screen when the action was made. */
  analysis: Analysis | null;
  /** The settings last saved, as JSON. */
  saved: { current: string };
  lists: { current: ListReads };
}

type Read = NonNullable<SessionState["read"]>;
type Marked = NonNullable<SessionState["marked"]>;

/** Documents the pane asked about (sheets that exist) and writes again when the user says «replace». */
export interface Regenerate {
  specs: SheetSpec[];
  written: string[];
  notes: string[];
}

export function errorText(e: unknown): string {
  return e instanceof ShnorError ? e.message : STRINGS.errors.title;
}

/** Saves the settings when they changed; a failure here must not spoil the work done. */
export async function persist(ctx: SessionContext, next: StoredSettings | null, from: SessionState = ctx.latest()) {
  const { host } = ctx;
  if (!next) return;
  // On the page, a book's settings belong to the book: the browser keeps only the page's own.
  if (isFileHost(host) && from.book?.applied) return;
  const json = JSON.stringify(next);
  if (json === ctx.saved.current) return;
  try {
    await host.saveSettings(next);
    ctx.saved.current = json;
  } catch {
    // The workbook may be read-only; the settings still apply to this session.
  }
}

/** Runs a piece of work with the progress bar at `at`; its error becomes the one line said there. */
export async function task(ctx: SessionContext, at: Place, label: string, work: Work) {
  const { dispatch } = ctx;
  dispatch({ type: "start", at, label });
  try {
    await work((value, text) => dispatch({ type: "progress", value, label: text }));
    dispatch({ type: "finish" });
  } catch (e) {
    dispatch({ type: "fail", text: errorText(e), at });
  }
}

/**
 * Reads the table (the pane) or the files (the page) and analyses it.
 * `isCurrent`: whether the page's list read is still the latest one (a newer list or «Очистить» makes it moot).
 */
export function analyse(
  ctx: SessionContext,
  overrides: Record<string, ColumnOverride[]> = ctx.latest().overrides,
  files?: PickedFile[],
  isCurrent: () => boolean = () => true,
) {
  const { host, dispatch } = ctx;
  return task(ctx, "start", STRINGS.progress.readingStart, async (progress) => {
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
          source: ctx.latest().source,
          overridesBySheet: overrides,
          onProgress: (done, total) => progress(done / total, STRINGS.progress.reading(done, total)),
        });
    if (!read || !isCurrent()) return;
    // The state after the events, before React renders it.
    let after = ctx.latest();
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
    await persist(ctx, storedOf(after), after);
  });
}

/**
 * The page's list changed (files added, one taken out): the whole list is read again, with the
 * corrections the user made (not those a book applied: with another list they may not apply).
 * Files may be added while a list is read: reads run one after another, only the latest list is
 * read, and what an older one gives is dropped.
 */
function readList(ctx: SessionContext, next: SessionState) {
  const lists = ctx.lists;
  const generation = ++lists.current.generation;
  const isCurrent = () => generation === lists.current.generation;
  if (next.picked.length === 0) return;
  lists.current.queue = lists.current.queue.then(() =>
    isCurrent() ? analyse(ctx, next.book?.applied ? {} : next.overrides, next.picked, isCurrent) : undefined,
  );
}

/** An event that may change the page's list of files: the list is read again if it did. */
export function changeFiles(ctx: SessionContext, event: SessionEvent) {
  const before = ctx.latest();
  const next = reduce(before, event);
  ctx.dispatch(event);
  if (next.picked.length !== before.picked.length) readList(ctx, next);
}

/** The page's «Очистить»: a list still being read is read for nothing. */
export function clearFiles(ctx: SessionContext) {
  ctx.lists.current.generation++;
  ctx.dispatch({ type: "pickCleared" });
}

/** The page's «Применять настройки, сохранённые в книге»: the form and corrections change, and the files are read again. */
export function applyBook(ctx: SessionContext, on: boolean) {
  const event: SessionEvent = { type: "applyBook", on };
  const next = reduce(ctx.latest(), event);
  if (next === ctx.latest()) return;
  ctx.dispatch(event);
  void analyse(ctx, next.overrides);
}

/**
 * «Собрать из выгрузок»: the files are read here with the command's file layer (nothing is
 * uploaded), joined, written to new sheets of the workbook, and the joined sheet analysed.
 */
export function collect(ctx: SessionContext, files: File[]) {
  const { host, dispatch } = ctx;
  return task(ctx, "start", STRINGS.collect.start, async (progress) => {
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
    const overrides = reduce(ctx.latest(), collected).overrides;
    const table = await host.readTable({
      source: "sheet",
      sheet,
      overridesBySheet: overrides,
      onProgress: (done, total) => progress(0.9 + (0.1 * done) / total, STRINGS.progress.reading(done, total)),
    });
    dispatch({ type: "analysed", read: table, overrides });
    await persist(ctx, storedOf({ ...ctx.latest(), overrides, source: "sheet" }));
  });
}

/** «Отметить ШНОР»: the statuses written beside the table, or the occupied columns asked about. */
export function mark(ctx: SessionContext, whenOccupied: "ask" | "insert") {
  const { host, dispatch, analysis } = ctx;
  return task(ctx, "mark", STRINGS.progress.markingStart, async (progress) => {
    const { read, statusFormulas } = ctx.latest();
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
    await persist(ctx, storedOf(ctx.latest()));
  });
}

/** «Снять отметки»: asks what to remove, or says there is nothing. */
export function askClear(ctx: SessionContext) {
  const { host, dispatch } = ctx;
  return task(ctx, "mark", STRINGS.progress.clearing, async () => {
    if (isFileHost(host)) return;
    const added = await host.listAdded();
    if (added.marks.length === 0 && added.sheets.length === 0) dispatch({ type: "cleared", text: STRINGS.mark.cleared(0, []) });
    else dispatch({ type: "clearAsked", added });
  });
}

/** Removes the add-in's marks, and its sheets if `sheets`. */
export function clear(ctx: SessionContext, sheets: boolean) {
  const { host, dispatch } = ctx;
  return task(ctx, "mark", STRINGS.progress.clearing, async () => {
    if (isFileHost(host)) return;
    const outcome = await host.clear({ sheets });
    dispatch({ type: "cleared", text: STRINGS.mark.cleared(outcome.marks.length, outcome.sheets) });
  });
}

/** Selects a school's row in the workbook. */
export function select(ctx: SessionContext, item: ListItem) {
  const { host, dispatch } = ctx;
  const range = rowSelection(ctx.latest(), item.row);
  if (isFileHost(host) || !range) return;
  host
    .selectRow(range.sheet, range.row, range.first, range.last)
    .catch((e) => dispatch({ type: "fail", text: errorText(e), at: "results" }));
}

/** The documents' sheets described by the engine for the marked table; their forms' manifest is saved in the book. */
async function describeDocuments(
  host: ExcelHost,
  { read, marked, docForm }: Pick<SessionState, "docForm"> & { read: Read; marked: Marked },
  analysis: Analysis,
): Promise<Regenerate> {
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
  // Where forms for schools put their figures: kept in the book with the documents.
  await saveFormsManifest(host, docs, analysis);
  return { specs: docs.sheets, written: [], notes: docs.notes };
}

/** «Создать листы»: the documents' sheets written, or those that exist asked about (`regenerate` then replaces them). */
export function writeDocuments(ctx: SessionContext, regenerate: Regenerate | null) {
  const { host, dispatch, analysis } = ctx;
  return task(ctx, "documents", STRINGS.progress.documentsStart, async (progress) => {
    const { read, marked, docForm } = ctx.latest();
    if (isFileHost(host) || !read || !analysis || !marked) return;
    const { specs, notes } = regenerate ?? (await describeDocuments(host, { read, marked, docForm }, analysis));
    const written = regenerate ? [...regenerate.written] : [];
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
    await persist(ctx, storedOf(ctx.latest()));
  });
}

/** The page's downloads: the report book or the summary table. */
export function download(ctx: SessionContext, what: "report" | "collect") {
  const { host, dispatch } = ctx;
  return task(ctx, "documents", what === "report" ? STRINGS.page.reportStart : STRINGS.page.collectStart, async (progress) => {
    const { read, overrides, docForm } = ctx.latest();
    documentsInput(docForm); // a school year that does not parse is said here, in Russian
    const used = pageSettings(ctx.latest());
    if (!isFileHost(host) || !read || !used) return;
    const done = await (what === "report" ? host.downloadReport : host.downloadCollect)({
      settings: used.settings,
      overridesBySheet: overrides,
      documents: used.documents,
      onProgress: (value, label) => progress(value, label),
    });
    dispatch({ type: "downloaded", at: "documents", text: [STRINGS.page.downloaded(done.fileName), ...done.lines].join(" ") });
    await persist(ctx, storedOf(ctx.latest()));
  });
}

/** «Скачать документы Word»: on the page from the worker, as the report; in the pane from the analysed sheet. */
export function downloadWord(ctx: SessionContext) {
  const { host, dispatch, analysis } = ctx;
  return task(ctx, "documents", STRINGS.page.wordStart, async (progress) => {
    const { read, overrides, docForm } = ctx.latest();
    const documents = documentsInput(docForm); // a school year that does not parse is said here, in Russian
    if (!read || !analysis) return;
    if (isFileHost(host)) {
      const used = pageSettings(ctx.latest());
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
    await persist(ctx, storedOf(ctx.latest()));
  });
}

/** «Формы для школ»: one .zip of forms, from the book's manifest (the pane) or the page's report. */
export function makeForms(ctx: SessionContext) {
  const { host, dispatch } = ctx;
  return task(ctx, "documents", STRINGS.forms.making, async (progress) => {
    if (isFileHost(host)) {
      const done = await host.downloadForms((value, label) => progress(value, label));
      dispatch({ type: "downloaded", at: "documents", text: done.lines.join(" ") });
      return;
    }
    const zip = await formsOfBook(host, "shnor");
    saveBytes(zip.bytes, zip.fileName);
    dispatch({ type: "documentsDone", text: STRINGS.forms.made(zip.count, zip.fileName) });
  });
}

/** «Собрать формы»: the files picked, checked and written into the open book in place (the pane) or into a new book (the page). */
export function collectForms(ctx: SessionContext, files: File[]) {
  const { host, dispatch } = ctx;
  return task(ctx, "documents", STRINGS.forms.collecting, async (progress) => {
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
}
