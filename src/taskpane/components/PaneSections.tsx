/**
 * The pane's sections, one accordion item each, in the order they show: recognition, settings,
 * results, dynamics, tasks, marks. The documents are in ReportSection.tsx.
 */
import { AccordionHeader, AccordionItem, makeStyles, tokens } from "@fluentui/react-components";
import { Panel } from "./panel";
import { dynamicsInputOf } from "../../core";
import { yearChoices } from "../logic";
import type { AnalysisSectionProps, PaneSectionProps, RecognitionSectionProps, SectionItemProps } from "../props";
import { filesShown, isDisabled, sheetOverrides } from "../session";
import { STRINGS } from "../strings";
import { DynamicsPanel } from "./DynamicsPanel";
import { Feedback } from "./Feedback";
import { MarkPanel } from "./MarkPanel";
import { RecognitionPanel } from "./RecognitionPanel";
import { ResultsPanel } from "./ResultsPanel";
import { SettingsPanel } from "./SettingsPanel";
import { TasksPanel } from "./TasksPanel";

const useStyles = makeStyles({
  section: { fontWeight: tokens.fontWeightSemibold },
});

/** One accordion item with the pane's section header. */
export function SectionItem({ value, title, children }: SectionItemProps) {
  const styles = useStyles();
  return (
    <AccordionItem value={value}>
      <AccordionHeader className={styles.section}>{title}</AccordionHeader>
      <Panel>{children}</Panel>
    </AccordionItem>
  );
}

export function RecognitionSection({ session, read, analysis }: RecognitionSectionProps) {
  const { state, actions } = session;
  return (
    <SectionItem value="recognition" title={STRINGS.recognition.title}>
      <RecognitionPanel
        read={read}
        analysis={analysis}
        files={filesShown(state)}
        overrides={sheetOverrides(state)}
        disabled={isDisabled(state)}
        onApply={actions.applyColumn}
        onUndo={actions.undoColumn}
      />
    </SectionItem>
  );
}

export function SettingsSection({ session }: PaneSectionProps) {
  const { state, settingsError, files, actions } = session;
  return (
    <SectionItem value="settings" title={STRINGS.settings.title}>
      <SettingsPanel
        draft={state.draft}
        error={settingsError}
        years={yearChoices(state.read?.table ?? null)}
        disabled={isDisabled(state)}
        onChange={actions.setDraft}
        savedNote={files ? (state.book?.applied ? STRINGS.page.book.saved : STRINGS.page.settingsSaved) : undefined}
      />
    </SectionItem>
  );
}

export function ResultsSection({ session, analysis }: AnalysisSectionProps) {
  const { state, files, actions } = session;
  return (
    <SectionItem value="results" title={STRINGS.results.title}>
      <ResultsPanel analysis={analysis} disabled={isDisabled(state)} onSelect={files ? undefined : actions.select} />
      <Feedback at="results" busy={state.busy} message={state.message} onDismiss={actions.dismiss} />
    </SectionItem>
  );
}

export function DynamicsSection({ session, analysis }: AnalysisSectionProps) {
  const { read } = session.state;
  return (
    <SectionItem value="dynamics" title={STRINGS.dynamics.title}>
      <DynamicsPanel analysis={analysis} input={read ? dynamicsInputOf(read.table) : undefined} page={session.files} />
    </SectionItem>
  );
}

export function TasksSection({ session }: PaneSectionProps) {
  return (
    <SectionItem value="tasks" title={STRINGS.tasks.title}>
      <TasksPanel pupils={session.state.read?.table.pupils} />
    </SectionItem>
  );
}

/** The add-in's «Отметить в таблице»; the web page has no sheet to mark. */
export function MarkSection({ session, analysis }: AnalysisSectionProps) {
  const { state, stale, actions } = session;
  return (
    <SectionItem value="mark" title={STRINGS.mark.title}>
      <MarkPanel
        canMark={analysis.verdicts.length > 0}
        disabled={isDisabled(state)}
        statusFormulas={state.statusFormulas}
        stale={stale}
        onStatusFormulas={actions.setStatusFormulas}
        onMark={() => actions.mark("ask")}
        onClear={actions.askClear}
      />
      <Feedback at="mark" busy={state.busy} message={state.message} onDismiss={actions.dismiss} />
    </SectionItem>
  );
}
