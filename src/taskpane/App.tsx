/**
 * The pane: «Анализ» → recognition report and settings → results →
 * «Отметить в таблице» / «Снять отметки» → «Документы». Its flow is the state
 * machine of session.ts, run by the useSession hook; it reaches the world only
 * through the host it is given: Excel in the add-in (src/excel), files on the
 * web page (src/app), where marking and documents become «Скачать отчёт».
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
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
  MessageBarBody,
  Subtitle1,
  tokens,
} from "@fluentui/react-components";
import { ReactNode, useMemo, useRef } from "react";
import { dynamicsInputOf } from "../core";
import { BookSettingsNote } from "./components/BookSettingsNote";
import { Feedback } from "./components/Feedback";
import { FilePicker } from "./components/FilePicker";
import { DynamicsPanel } from "./components/DynamicsPanel";
import { MarkPanel } from "./components/MarkPanel";
import { RecognitionPanel } from "./components/RecognitionPanel";
import { ResultsPanel } from "./components/ResultsPanel";
import { SettingsPanel } from "./components/SettingsPanel";
import { ReportSection } from "./components/ReportSection";
import { StartSection } from "./components/StartSection";
import { TasksPanel } from "./components/TasksPanel";
import { yearChoices } from "./logic";
import type { AppProps, DialogsProps, PaneDialog } from "./props";
import { bookLines, filesShown, isDisabled, sheetOverrides } from "./session";
import { STRINGS } from "./strings";
import { useSession } from "./useSession";

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
  section: { fontWeight: tokens.fontWeightSemibold },
});

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
  const session = useSession(host);
  const { state, analysis, settingsError, stale, files, actions } = session;
  const { read, busy, message } = state;
  const disabled = isDisabled(state);
  const overrides = sheetOverrides(state);
  const book = files ? bookLines(state) : null;

  return (
    <Frame>
      {files ? (
        <FilePicker
          // Files may be added while others are read: the latest list is read next.
          disabled={!state.loaded}
          picked={state.picked}
          repeated={state.repeated}
          onAdd={actions.addFiles}
          onRemove={actions.removeFile}
          onClear={actions.clearFiles}
        />
      ) : (
        <StartSection session={session} />
      )}

      <Feedback at="start" busy={busy} message={message} onDismiss={actions.dismiss} />

      {book && state.book && (
        <BookSettingsNote
          lines={book}
          stored={state.book.found.stored !== null}
          applied={state.book.applied}
          disabled={disabled}
          onApply={actions.applyBook}
        />
      )}

      <Accordion
        collapsible
        multiple
        // Settings the table cannot answer keep their section open, where the reason is shown.
        openItems={settingsError && !state.open.includes("settings") ? [...state.open, "settings"] : state.open}
        onToggle={(_e, data) => actions.setOpen(data.openItems as string[])}
      >
        {read && analysis && (
          <AccordionItem value="recognition">
            <AccordionHeader className={styles.section}>{STRINGS.recognition.title}</AccordionHeader>
            <AccordionPanel>
              <RecognitionPanel
                read={read}
                analysis={analysis}
                files={filesShown(state)}
                overrides={overrides}
                disabled={disabled}
                onApply={actions.applyColumn}
                onUndo={actions.undoColumn}
              />
            </AccordionPanel>
          </AccordionItem>
        )}
        <AccordionItem value="settings">
          <AccordionHeader className={styles.section}>{STRINGS.settings.title}</AccordionHeader>
          <AccordionPanel>
            <SettingsPanel
              draft={state.draft}
              error={settingsError}
              years={yearChoices(read?.table ?? null)}
              disabled={disabled}
              onChange={actions.setDraft}
              savedNote={files ? (state.book?.applied ? STRINGS.page.book.saved : STRINGS.page.settingsSaved) : undefined}
            />
          </AccordionPanel>
        </AccordionItem>
        {analysis && (
          <AccordionItem value="results">
            <AccordionHeader className={styles.section}>{STRINGS.results.title}</AccordionHeader>
            <AccordionPanel>
              <ResultsPanel analysis={analysis} disabled={disabled} onSelect={files ? undefined : actions.select} />
              <Feedback at="results" busy={busy} message={message} onDismiss={actions.dismiss} />
            </AccordionPanel>
          </AccordionItem>
        )}
        {analysis && (
          <AccordionItem value="dynamics">
            <AccordionHeader className={styles.section}>{STRINGS.dynamics.title}</AccordionHeader>
            <AccordionPanel>
              <DynamicsPanel analysis={analysis} input={read ? dynamicsInputOf(read.table) : undefined} page={files} />
            </AccordionPanel>
          </AccordionItem>
        )}
        {analysis && (
          <AccordionItem value="tasks">
            <AccordionHeader className={styles.section}>{STRINGS.tasks.title}</AccordionHeader>
            <AccordionPanel>
              <TasksPanel pupils={read?.table.pupils} />
            </AccordionPanel>
          </AccordionItem>
        )}
        {analysis && !files && (
          <AccordionItem value="mark">
            <AccordionHeader className={styles.section}>{STRINGS.mark.title}</AccordionHeader>
            <AccordionPanel>
              <MarkPanel
                canMark={analysis.verdicts.length > 0}
                disabled={disabled}
                statusFormulas={state.statusFormulas}
                stale={stale}
                onStatusFormulas={actions.setStatusFormulas}
                onMark={() => actions.mark("ask")}
                onClear={actions.askClear}
              />
              <Feedback at="mark" busy={busy} message={message} onDismiss={actions.dismiss} />
            </AccordionPanel>
          </AccordionItem>
        )}
        {/* On the page the report takes the marks' place: it opens with the results. */}
        {analysis && <ReportSection session={session} analysis={analysis} host={host} />}
      </Accordion>

      <PaneDialogs
        dialog={state.dialog}
        setDialog={actions.setDialog}
        onInsert={() => actions.mark("insert")}
        onClear={actions.clear}
        onRegenerate={actions.writeDocuments}
      />
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
            <Caption1 block>{dialog.sheets ? STRINGS.clear.sheetsWarning : STRINGS.clear.sheetsKept}</Caption1>
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
