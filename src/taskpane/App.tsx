/**
 * The pane: «Анализ» → recognition report and settings → results →
 * «Отметить в таблице» / «Снять отметки» → «Документы». Its flow is the state
 * machine of session.ts, run by the useSession hook; it reaches the world only
 * through the host it is given: Excel in the add-in (src/excel), files on the
 * web page (src/app), where marking and documents become «Скачать отчёт».
 */
import {
  Accordion,
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
import { BookSettingsNote } from "./components/BookSettingsNote";
import { Feedback } from "./components/Feedback";
import { FilePicker } from "./components/FilePicker";
import { DynamicsSection, MarkSection, RecognitionSection, ResultsSection, SettingsSection, TasksSection } from "./components/PaneSections";
import { ReportSection } from "./components/ReportSection";
import { StartSection } from "./components/StartSection";
import type { AppProps, DialogsProps, PaneDialog } from "./props";
import { bookLines, isDisabled } from "./session";
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
  const session = useSession(host);
  const { state, analysis, settingsError, files, actions } = session;
  const { read, busy, message } = state;
  const disabled = isDisabled(state);
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
        {read && analysis && <RecognitionSection session={session} read={read} analysis={analysis} />}
        <SettingsSection session={session} />
        {analysis && <ResultsSection session={session} analysis={analysis} />}
        {analysis && <DynamicsSection session={session} analysis={analysis} />}
        {analysis && <TasksSection session={session} />}
        {analysis && !files && <MarkSection session={session} analysis={analysis} />}
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
