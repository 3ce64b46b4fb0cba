/**
 * The last section: «Документы» in the add-in, written into the workbook; on the web page the report
 * to download, which takes the marks' place and opens with the results.
 */
import { Button } from "@fluentui/react-components";
import { defaultSchoolYear } from "../../core/documents";
import { isFileHost } from "../host";
import type { ReportSectionProps } from "../props";
import { canWriteDocuments, isDisabled } from "../session";
import { STRINGS } from "../strings";
import { DocumentsPanel } from "./DocumentsPanel";
import { Feedback } from "./Feedback";
import { FormsButtons } from "./FormsButtons";
import { SectionItem } from "./PaneSections";

export function ReportSection(props: ReportSectionProps) {
  const { files, state, actions } = props.session;
  return (
    <SectionItem value={files ? "mark" : "documents"} title={files ? STRINGS.page.reportTitle : STRINGS.documents.title}>
      {files ? <PageReport {...props} /> : <BookDocuments {...props} />}
      <Feedback at="documents" busy={state.busy} message={state.message} onDismiss={actions.dismiss} />
    </SectionItem>
  );
}

/** The web page: the report, the Word document, the forms and the collect, all downloaded. */
function PageReport({ session, analysis }: ReportSectionProps) {
  const { state, actions } = session;
  const disabled = isDisabled(state);
  return (
    <DocumentsPanel
      form={state.docForm}
      supported
      defaultSchoolYear={defaultSchoolYear(analysis)}
      marked
      disabled={disabled || analysis.verdicts.length === 0}
      onChange={actions.setDocForm}
      onCreate={actions.downloadReport}
      action={STRINGS.page.report}
      explain={STRINGS.page.reportExplain}
    >
      <Button disabled={disabled} onClick={actions.downloadWord}>
        {STRINGS.page.word}
      </Button>
      <FormsButtons disabled={disabled} hint={STRINGS.forms.pageHint} onMake={actions.makeForms} onCollect={actions.collectForms} />
      <Button disabled={disabled} onClick={actions.downloadCollect}>
        {STRINGS.page.collect}
      </Button>
    </DocumentsPanel>
  );
}

/** The add-in: the documents written into the workbook, where Excel can write them. */
function BookDocuments({ session, analysis, host }: ReportSectionProps) {
  const { state, actions } = session;
  const disabled = isDisabled(state);
  return (
    <DocumentsPanel
      form={state.docForm}
      supported={!isFileHost(host) && host.canWriteDocuments()}
      defaultSchoolYear={defaultSchoolYear(analysis)}
      marked={canWriteDocuments(state, analysis)}
      disabled={disabled}
      onChange={actions.setDocForm}
      onCreate={() => actions.writeDocuments(null)}
    >
      <Button disabled={disabled} onClick={actions.downloadWord} title={STRINGS.documents.wordHint}>
        {STRINGS.documents.word}
      </Button>
      <FormsButtons disabled={disabled} hint={STRINGS.forms.hint} onMake={actions.makeForms} onCollect={actions.collectForms} />
    </DocumentsPanel>
  );
}
