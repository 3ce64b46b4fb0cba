/** The recognition report: what was read, what is counted, each column's role, and correcting a column. */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  Body1,
  Button,
  Caption1,
  Field,
  makeStyles,
  Select,
  tokens,
} from "@fluentui/react-components";
import { Panel } from "./panel";
import { useState } from "react";
import { Measure, MEASURE_TEXT } from "../../core";
import { ColumnForm, ColumnRoleChoice, columnRows, formOf, overrideText, recognition } from "../logic";
import type { ColumnEditorProps, ColumnsSectionProps, CorrectionsProps, RecognitionPanelProps, RecognitionStatsProps } from "../props";
import { count, STRINGS } from "../strings";
import { FileSheets } from "./FileSheets";
import { ListSection, TextField } from "./fields";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  stats: { display: "grid", gridTemplateColumns: "repeat(3, 1fr)", gap: tokens.spacingHorizontalS },
  stat: {
    display: "flex",
    flexDirection: "column",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  big: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  muted: { color: tokens.colorNeutralForeground3 },
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, maxHeight: "320px", overflowY: "auto" },
  column: { display: "grid", gridTemplateColumns: "32px 1fr auto", gap: tokens.spacingHorizontalS, alignItems: "start" },
  letter: { fontWeight: tokens.fontWeightSemibold },
  ignored: { color: tokens.colorNeutralForeground4 },
  editor: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
  correction: { display: "flex", justifyContent: "space-between", alignItems: "center" },
});

export function RecognitionPanel({ read, analysis, files, overrides, disabled, onApply, onUndo }: RecognitionPanelProps) {
  const styles = useStyles();
  const s = STRINGS.recognition;
  const r = recognition(read, analysis);
  const { skippedRows, warnings } = read.table;
  return (
    <div className={styles.root}>
      <Body1>{r.sheet}</Body1>
      <RecognitionStats recognition={r} />
      <Caption1>
        {r.years}. {r.yearsUsed}
      </Caption1>
      <Caption1 className={styles.muted}>{r.counted}</Caption1>
      {files && files.length > 0 && <FileSheets files={files} />}
      {overrides.length > 0 && <Corrections overrides={overrides} disabled={disabled} onUndo={onUndo} />}
      <Accordion collapsible multiple>
        <ColumnsSection read={read} disabled={disabled} onApply={onApply} />
        {skippedRows.length > 0 && (
          <ListSection value="skipped" header={s.skipped(skippedRows.length)}>
            {skippedRows.slice(0, 200).map((k) => (
              <Caption1 key={k.row}>
                {s.row(k.row + 1)} «{k.text}»: {k.reason}
              </Caption1>
            ))}
          </ListSection>
        )}
        {warnings.length > 0 && (
          <ListSection value="warnings" header={s.warnings(warnings.length)}>
            {warnings.map((w, i) => (
              <Caption1 key={i}>{w}</Caption1>
            ))}
          </ListSection>
        )}
      </Accordion>
    </div>
  );
}

/** The counts: schools, procedures with how many are counted, the previous year. */
function RecognitionStats({ recognition: r }: RecognitionStatsProps) {
  const styles = useStyles();
  const s = STRINGS.recognition;
  return (
    <div className={styles.stats}>
      <div className={styles.stat} role="group" aria-label={r.schools}>
        <span className={styles.big}>{count(r.counts.schools)}</span>
        <Caption1>{s.schoolsWord(r.counts.schools)}</Caption1>
      </div>
      <div className={styles.stat} role="group" aria-label={r.procedures}>
        <span className={styles.big}>{count(r.counts.procedures)}</span>
        <Caption1>
          {s.proceduresWord(r.counts.procedures)}, {s.countedOf(r.counts.counted)}
        </Caption1>
      </div>
      <div className={styles.stat} role="group" aria-label={`${s.previousYear}: ${r.counts.previousYear ?? "—"}`}>
        <span className={styles.big}>{r.counts.previousYear ?? "—"}</span>
        <Caption1>{s.previousYear}</Caption1>
      </div>
    </div>
  );
}

/** The sheet's column corrections, each with its undo. */
function Corrections({ overrides, disabled, onUndo }: CorrectionsProps) {
  const styles = useStyles();
  return (
    <div className={styles.editor}>
      <Caption1 className={styles.letter}>{STRINGS.column.corrections}</Caption1>
      {overrides.map((o) => (
        <div key={o.column} className={styles.correction}>
          <Caption1>{overrideText(o)}</Caption1>
          <Button size="small" appearance="subtle" disabled={disabled} onClick={() => onUndo(o.column)}>
            {STRINGS.column.undo}
          </Button>
        </div>
      ))}
    </div>
  );
}

/**
 * Each column's role, with «Исправить» opening the column's editor. The editor's state lives here,
 * outside the panel, so it lasts as long as the report does.
 */
function ColumnsSection({ read, disabled, onApply }: ColumnsSectionProps) {
  const styles = useStyles();
  const s = STRINGS.recognition;
  const rows = columnRows(read.table);
  const [editing, setEditing] = useState<{ column: number; form: ColumnForm } | null>(null);
  return (
    <AccordionItem value="columns">
      <AccordionHeader size="small">{s.columns(rows.length)}</AccordionHeader>
      <Panel>
        <div className={styles.list}>
          {rows.map((row) => (
            <div key={row.column}>
              <div className={styles.column}>
                <Caption1 className={styles.letter}>{row.letter}</Caption1>
                <Caption1 className={row.ignored ? styles.ignored : undefined}>
                  {row.header ? `«${row.header}» → ` : ""}
                  {row.role}
                </Caption1>
                <Button
                  size="small"
                  appearance="transparent"
                  disabled={disabled}
                  onClick={() => setEditing({ column: row.column, form: formOf(read.table, row.column) })}
                >
                  {s.fix}
                </Button>
              </div>
              {editing?.column === row.column && (
                <ColumnEditor
                  form={editing.form}
                  disabled={disabled}
                  title={STRINGS.column.title(row.letter, row.header)}
                  onChange={(form) => setEditing({ column: row.column, form })}
                  onCancel={() => setEditing(null)}
                  onApply={() => {
                    onApply(row.column, editing.form);
                    setEditing(null);
                  }}
                />
              )}
            </div>
          ))}
        </div>
      </Panel>
    </AccordionItem>
  );
}

/** Every measure, in the order the engine names them. */
const MEASURES = Object.keys(MEASURE_TEXT) as Measure[];
const ROLES: ColumnRoleChoice[] = ["name", "login", "territory", "measure", "ignore"];

function ColumnEditor({ title, form, disabled, onChange, onApply, onCancel }: ColumnEditorProps) {
  const styles = useStyles();
  const c = STRINGS.column;
  const incomplete = form.role === "measure" && form.procedure.trim() === "";
  return (
    <div className={styles.editor}>
      <Caption1 className={styles.letter}>{title}</Caption1>
      <Field label={c.role}>
        <Select value={form.role} onChange={(_e, d) => onChange({ ...form, role: d.value as ColumnRoleChoice })}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {c.roles[role]}
            </option>
          ))}
        </Select>
      </Field>
      {form.role === "measure" && (
        <>
          <TextField
            label={c.procedure}
            hint={c.procedureHint}
            value={form.procedure}
            placeholder={c.procedurePlaceholder}
            onChange={(procedure) => onChange({ ...form, procedure })}
          />
          <Field label={c.measure}>
            <Select value={form.measure} onChange={(_e, d) => onChange({ ...form, measure: d.value as Measure })}>
              {MEASURES.map((m) => (
                <option key={m} value={m}>
                  {MEASURE_TEXT[m]}
                </option>
              ))}
            </Select>
          </Field>
        </>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" size="small" disabled={disabled || incomplete} onClick={onApply}>
          {c.apply}
        </Button>
        <Button size="small" onClick={onCancel}>
          {c.cancel}
        </Button>
      </div>
    </div>
  );
}
