/**
 * The task pane: «Анализ» → recognition report and settings → results →
 * «Отметить в таблице» / «Снять отметки» → «Документы». It reaches Excel only
 * through the ExcelHost it is given (src/excel), so tests can hand it a fake.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  AccordionToggleEventHandler,
  Body1,
  Button,
  Caption1,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Subtitle1,
  tokens,
} from "@fluentui/react-components";
import { ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { analyzeTable, ColumnOverride, markSpec, SheetSpec, ShnorError, Settings } from "../core";
import { buildDocuments, defaultSchoolYear } from "../core/documents";
import type { ReadResult, StoredSettings, TableSource } from "../excel";
import { DocumentsPanel } from "./components/DocumentsPanel";
import { DynamicsPanel } from "./components/DynamicsPanel";
import { MarkPanel } from "./components/MarkPanel";
import { RecognitionPanel } from "./components/RecognitionPanel";
import { ResultsPanel } from "./components/ResultsPanel";
import { SettingsPanel } from "./components/SettingsPanel";
import {
  ColumnForm,
  DEFAULT_DRAFT,
  documentsForm,
  DocumentsForm,
  documentsInput,
  draftOf,
  ListItem,
  overrideOf,
  safeSettings,
  sameSettings,
  settingsOf,
  withOverride,
  withoutOverride,
  yearChoices,
} from "./logic";
import type { AppProps, DialogsProps, PaneDialog, Work } from "./props";
import { STRINGS } from "./strings";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    maxWidth: "640px",
  },
  header: { display: "flex", flexDirection: "column", gap: "2px" },
  muted: { color: tokens.colorNeutralForeground3 },
  start: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  progress: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  section: { fontWeight: tokens.fontWeightSemibold },
});

interface Marked {
  sheet: string;
  statusColumn: number;
  settings: Settings;
  statusFormulas: boolean;
}

/** Where in the pane a piece of work started: its progress and its outcome are shown there. */
type Place = "start" | "results" | "mark" | "documents";

interface Busy {
  label: string;
  /** 0–1 when known. */
  value?: number;
  at: Place;
}

interface Message {
  intent: "error" | "success";
  text: string;
  at: Place;
}

/**
 * Progress and outcome of the work started at one place. Progress shows only when work
 * takes more than a moment, so quick steps do not flicker; an outcome scrolls into view.
 */
function Feedback({ at, busy, message, onDismiss }: { at: Place; busy: Busy | null; message: Message | null; onDismiss: () => void }) {
  const styles = useStyles();
  const [visible, setVisible] = useState(false);
  const active = busy?.at === at;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!active) {
      setVisible(false);
      return;
    }
    const timer = setTimeout(() => setVisible(true), 300);
    return () => clearTimeout(timer);
  }, [active]);
  const shown = message?.at === at ? message : null;
  useEffect(() => {
    if (shown) ref.current?.scrollIntoView?.({ block: "nearest" });
  }, [shown]);
  return (
    <div ref={ref} className={styles.progress}>
      {active && visible && busy && (
        <div className={styles.progress} role="status">
          <ProgressBar value={busy.value} thickness="large" />
          <Caption1>{busy.label}</Caption1>
        </div>
      )}
      {shown && (
        <MessageBar intent={shown.intent} layout="multiline">
          <MessageBarBody>
            {shown.intent === "error" && <MessageBarTitle>{STRINGS.errors.title}</MessageBarTitle>}
            {shown.text}
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button appearance="transparent" size="small" aria-label={STRINGS.errors.dismiss} onClick={onDismiss}>
                ×
              </Button>
            }
          />
        </MessageBar>
      )}
    </div>
  );
}

export function App({ host }: AppProps) {
  const unsupported = useMemo(() => host.unsupported(), [host]);
  if (unsupported) {
    return (
      <Frame>
        <MessageBar intent="error">
          <MessageBarBody>{unsupported}</MessageBarBody>
        </MessageBar>
      </Frame>
    );
  }
  return <Pane host={host} />;
}

function Frame({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Subtitle1 as="h1">{STRINGS.appTitle}</Subtitle1>
        <Caption1 className={styles.muted}>{STRINGS.appSubtitle}</Caption1>
      </header>
      {children}
    </main>
  );
}

function Pane({ host }: AppProps) {
  const styles = useStyles();
  const [loaded, setLoaded] = useState(false);
  const [draft, setDraft] = useState(DEFAULT_DRAFT);
  const [source, setSource] = useState<TableSource>("sheet");
  const [overrides, setOverrides] = useState<Record<string, ColumnOverride[]>>({});
  const [statusFormulas, setStatusFormulas] = useState(false);
  const [docForm, setDocForm] = useState<DocumentsForm>(documentsForm(undefined));
  const [read, setRead] = useState<ReadResult | null>(null);
  const [marked, setMarked] = useState<Marked | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [dialog, setDialog] = useState<PaneDialog | null>(null);
  const [open, setOpen] = useState<string[]>(["settings"]);
  const saved = useRef("");

  const parsed = useMemo(() => settingsOf(draft), [draft]);
  const analysis = useMemo(() => (read && parsed.settings ? analyzeTable(read.table, parsed.settings) : null), [read, parsed]);
  const sheetOverrides = read ? (overrides[read.sheet] ?? []) : [];

  useEffect(() => {
    let live = true;
    host
      .loadSettings()
      .then((stored) => {
        if (!live || !stored) return;
        setDraft(draftOf(safeSettings(stored.settings)));
        setOverrides(stored.overrides ?? {});
        setSource(stored.source ?? "sheet");
        setStatusFormulas(stored.statusFormulas === true);
        setDocForm(documentsForm(stored.documents));
        saved.current = JSON.stringify(stored);
      })
      // Settings are a convenience: without them the defaults apply.
      .catch(() => undefined)
      .finally(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [host]);

  const stored = useCallback(
    (patch: Partial<StoredSettings> = {}): StoredSettings | null =>
      parsed.settings
        ? { settings: parsed.settings, overrides, source, statusFormulas, documents: documentsInput(docForm), ...patch }
        : null,
    [parsed, overrides, source, statusFormulas, docForm],
  );

  /** Saves the settings in the workbook when they changed; a failure here must not spoil the work done. */
  async function persist(next: StoredSettings | null) {
    if (!next) return;
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
    setMessage(null);
    setBusy({ label, at });
    try {
      await work((value, text) => setBusy({ label: text ?? label, value, at }));
    } catch (e) {
      setMessage({ intent: "error", text: e instanceof ShnorError ? e.message : STRINGS.errors.title, at });
    } finally {
      setBusy(null);
    }
  }

  const notify = (at: Place, text: string) => setMessage({ intent: "success", text, at });

  const analyse = (nextOverrides: Record<string, ColumnOverride[]> = overrides) =>
    task("start", STRINGS.progress.readingStart, async (progress) => {
      const result = await host.readTable({
        source,
        overridesBySheet: nextOverrides,
        onProgress: (done, total) => progress(done / total, STRINGS.progress.reading(done, total)),
      });
      setRead(result);
      setOverrides(nextOverrides);
      setMarked((m) => (m && m.sheet.toLowerCase() === result.sheet.toLowerCase() ? m : null));
      setOpen((o) => [...new Set([...o.filter((x) => x !== "settings"), "recognition", "results", "mark"])]);
      await persist(stored({ overrides: nextOverrides }));
    });

  const applyColumn = (column: number, form: ColumnForm) => {
    if (!read) return;
    void analyse({ ...overrides, [read.sheet]: withOverride(sheetOverrides, overrideOf(column, form)) });
  };

  const undoColumn = (column: number | null) => {
    if (!read) return;
    void analyse({ ...overrides, [read.sheet]: column === null ? [] : withoutOverride(sheetOverrides, column) });
  };

  const mark = (whenOccupied: "ask" | "insert") =>
    task("mark", STRINGS.progress.markingStart, async (progress) => {
      if (!read || !analysis) return;
      const outcome = await host.mark({
        table: read.table,
        analysis,
        statusFormulas,
        whenOccupied,
        onProgress: (done, total) => progress(done / total, STRINGS.progress.marking(done, total)),
      });
      if (outcome.kind === "occupied") {
        setDialog({ kind: "occupied", columns: outcome.columns });
        return;
      }
      setMarked({ sheet: outcome.sheet, statusColumn: outcome.statusColumn, settings: analysis.settings, statusFormulas });
      notify("mark", STRINGS.mark.done(outcome.sheet, outcome.columns, outcome.updated, outcome.inserted));
      setOpen((o) => [...new Set([...o, "documents"])]);
      await persist(stored());
    });

  const askClear = () =>
    task("mark", STRINGS.progress.clearing, async () => {
      const added = await host.listAdded();
      if (added.marks.length === 0 && added.sheets.length === 0) notify("mark", STRINGS.mark.cleared(0, []));
      else setDialog({ kind: "clear", added, sheets: true });
    });

  const clear = (sheets: boolean) =>
    task("mark", STRINGS.progress.clearing, async () => {
      const outcome = await host.clear({ sheets });
      setMarked(null);
      notify("mark", STRINGS.mark.cleared(outcome.marks.length, outcome.sheets));
    });

  const select = (item: ListItem) => {
    if (!read) return;
    const columns = read.table.columns.map((c) => c.column);
    const first = Math.min(...columns);
    const last = marked ? marked.statusColumn + 1 : Math.max(...columns);
    host
      .selectRow(read.sheet, item.row, first, last)
      .catch((e) => setMessage({ intent: "error", text: e instanceof ShnorError ? e.message : STRINGS.errors.title, at: "results" }));
  };

  const writeDocuments = (regenerate: { specs: SheetSpec[]; written: string[]; notes: string[] } | null) =>
    task("documents", STRINGS.progress.documentsStart, async (progress) => {
      if (!read || !analysis || !marked) return;
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
        setDialog({ kind: "regenerate", specs: existing, written, notes });
        return;
      }
      const lines = [STRINGS.documents.created(written, kept), ...notes];
      if (printSkipped) lines.push(STRINGS.documents.printSkipped);
      notify("documents", lines.join(" "));
      await persist(stored());
    });

  const dismiss = () => setMessage(null);
  const onToggle: AccordionToggleEventHandler<string> = (_e, data) => setOpen(data.openItems);
  const disabled = busy !== null || !loaded;
  const stale =
    marked !== null && analysis !== null && (!sameSettings(marked.settings, analysis.settings) || marked.statusFormulas !== statusFormulas);

  return (
    <Frame>
      <section className={styles.start} aria-label={STRINGS.analyse}>
        <RadioGroup layout="horizontal" value={source} disabled={disabled} onChange={(_e, d) => setSource(d.value as TableSource)}>
          <Radio value="sheet" label={STRINGS.source.sheet} />
          <Radio value="selection" label={STRINGS.source.selection} />
        </RadioGroup>
        <div>
          <Button appearance="primary" size="large" disabled={disabled || parsed.settings === null} onClick={() => analyse()}>
            {read ? STRINGS.analyseAgain : STRINGS.analyse}
          </Button>
        </div>
        {!read && !busy && <Body1 className={styles.muted}>{STRINGS.analyseHint}</Body1>}
      </section>

      <Feedback at="start" busy={busy} message={message} onDismiss={dismiss} />

      <Accordion collapsible multiple openItems={open} onToggle={onToggle}>
        {read && analysis && (
          <AccordionItem value="recognition">
            <AccordionHeader className={styles.section}>{STRINGS.recognition.title}</AccordionHeader>
            <AccordionPanel>
              <RecognitionPanel
                read={read}
                analysis={analysis}
                overrides={sheetOverrides}
                disabled={disabled}
                onApply={applyColumn}
                onUndo={undoColumn}
              />
            </AccordionPanel>
          </AccordionItem>
        )}
        <AccordionItem value="settings">
          <AccordionHeader className={styles.section}>{STRINGS.settings.title}</AccordionHeader>
          <AccordionPanel>
            <SettingsPanel
              draft={draft}
              error={parsed.error}
              years={yearChoices(read?.table ?? null)}
              disabled={disabled}
              onChange={setDraft}
            />
          </AccordionPanel>
        </AccordionItem>
        {analysis && (
          <AccordionItem value="results">
            <AccordionHeader className={styles.section}>{STRINGS.results.title}</AccordionHeader>
            <AccordionPanel>
              <ResultsPanel analysis={analysis} disabled={disabled} onSelect={select} />
              <Feedback at="results" busy={busy} message={message} onDismiss={dismiss} />
            </AccordionPanel>
          </AccordionItem>
        )}
        {analysis && (
          <AccordionItem value="dynamics">
            <AccordionHeader className={styles.section}>{STRINGS.dynamics.title}</AccordionHeader>
            <AccordionPanel>
              <DynamicsPanel analysis={analysis} />
            </AccordionPanel>
          </AccordionItem>
        )}
        {analysis && (
          <AccordionItem value="mark">
            <AccordionHeader className={styles.section}>{STRINGS.mark.title}</AccordionHeader>
            <AccordionPanel>
              <MarkPanel
                canMark={analysis.verdicts.length > 0}
                disabled={disabled}
                statusFormulas={statusFormulas}
                stale={stale}
                onStatusFormulas={setStatusFormulas}
                onMark={() => mark("ask")}
                onClear={askClear}
              />
              <Feedback at="mark" busy={busy} message={message} onDismiss={dismiss} />
            </AccordionPanel>
          </AccordionItem>
        )}
        {analysis && (
          <AccordionItem value="documents">
            <AccordionHeader className={styles.section}>{STRINGS.documents.title}</AccordionHeader>
            <AccordionPanel>
              <DocumentsPanel
                form={docForm}
                supported={host.canWriteDocuments()}
                defaultSchoolYear={defaultSchoolYear(analysis)}
                marked={marked !== null && !stale}
                disabled={disabled}
                onChange={setDocForm}
                onCreate={() => writeDocuments(null)}
              />
              <Feedback at="documents" busy={busy} message={message} onDismiss={dismiss} />
            </AccordionPanel>
          </AccordionItem>
        )}
      </Accordion>

      <PaneDialogs dialog={dialog} setDialog={setDialog} onInsert={() => mark("insert")} onClear={clear} onRegenerate={writeDocuments} />
    </Frame>
  );
}

function PaneDialogs({ dialog: current, setDialog, onInsert, onClear, onRegenerate }: DialogsProps) {
  // The dialog fades out after closing: it keeps showing what it showed, not an empty box.
  const last = useRef<PaneDialog | null>(null);
  if (current) last.current = current;
  const dialog = current ?? last.current;
  const close = () => setDialog(null);
  let title = "";
  let body: ReactNode = null;
  let confirm = "";
  let onConfirm = () => undefined as void;
  if (dialog?.kind === "occupied") {
    title = STRINGS.occupied.title;
    body = <Body1>{STRINGS.occupied.body(dialog.columns)}</Body1>;
    confirm = STRINGS.occupied.insert;
    onConfirm = onInsert;
  } else if (dialog?.kind === "clear") {
    const { added } = dialog;
    const marks = added.marks.map((m) => `«${m.sheet}» ${m.columns}`);
    const sheets = added.sheets.map((s) => s.sheet);
    title = STRINGS.clear.title;
    body = (
      <>
        <Body1 block>{marks.length > 0 ? STRINGS.clear.marks(marks) : STRINGS.clear.noMarks}</Body1>
        {sheets.length > 0 && (
          <>
            <Checkbox
              label={STRINGS.clear.sheets(sheets)}
              checked={dialog.sheets}
              onChange={(_e, d) => setDialog({ ...dialog, sheets: d.checked === true })}
            />
            {dialog.sheets && <Caption1 block>{STRINGS.clear.sheetsWarning}</Caption1>}
          </>
        )}
      </>
    );
    confirm = STRINGS.clear.confirm;
    onConfirm = () => onClear(dialog.sheets && sheets.length > 0);
  } else if (dialog?.kind === "regenerate") {
    title = STRINGS.documents.exists;
    body = <Body1>{STRINGS.documents.existsBody(dialog.specs.map((s) => s.name))}</Body1>;
    confirm = STRINGS.documents.regenerate;
    onConfirm = () => onRegenerate(dialog);
  }
  return (
    <Dialog open={current !== null} onOpenChange={(_e, d) => !d.open && close()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{body}</DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              onClick={() => {
                close();
                onConfirm();
              }}
            >
              {confirm}
            </Button>
            <Button onClick={close}>{STRINGS.occupied.cancel}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
