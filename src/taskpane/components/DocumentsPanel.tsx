/** «Документы»: the programme's sheets, generated into the workbook from the current analysis. */
import { Button, Caption1, Checkbox, Field, Input, makeStyles, Select, tokens } from "@fluentui/react-components";
import type { AnnexSchools } from "../../core/documents";
import type { DocumentsForm } from "../logic";
import type { DocumentsPanelProps } from "../props";
import { STRINGS } from "../strings";

const useStyles = makeStyles({
  /** Fluent's Input is at least 250px wide; in a narrow pane it must fit its field. */
  input: { minWidth: 0, width: "100%" },
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
  row: { display: "flex", gap: tokens.spacingHorizontalM },
  narrow: { width: "110px" },
  grow: { flexGrow: 1, minWidth: 0 },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
});

export function DocumentsPanel(props: DocumentsPanelProps) {
  const { form, supported, defaultSchoolYear, marked, disabled, onChange, onCreate, action, explain, children } = props;
  const styles = useStyles();
  const s = STRINGS.documents;
  const set = (patch: Partial<DocumentsForm>) => onChange({ ...form, ...patch });
  if (!supported) return <Caption1 className={styles.muted}>{s.unsupported}</Caption1>;
  return (
    <div className={styles.root}>
      <Caption1 className={styles.muted}>{explain ?? s.explain}</Caption1>
      <div className={styles.row}>
        <Field label={s.schoolYear} hint={s.schoolYearHint(defaultSchoolYear)} className={styles.grow}>
          <Input
            className={styles.input}
            value={form.schoolYear}
            placeholder={String(defaultSchoolYear)}
            inputMode="numeric"
            disabled={disabled}
            onChange={(_e, d) => set({ schoolYear: d.value })}
          />
        </Field>
      </div>
      <Field label={s.annexSchools}>
        <Select value={form.annexSchools} disabled={disabled} onChange={(_e, d) => set({ annexSchools: d.value as AnnexSchools })}>
          {(["shnor", "risk", "all"] as const).map((k) => (
            <option key={k} value={k}>
              {s.annex[k]}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        <Field label={s.orderNumber} className={styles.narrow}>
          <Input
            className={styles.input}
            value={form.orderNumber}
            disabled={disabled}
            onChange={(_e, d) => set({ orderNumber: d.value })}
          />
        </Field>
        <Field label={s.orderDate} className={styles.grow}>
          <Input
            className={styles.input}
            value={form.orderDate}
            placeholder="26.11.2025"
            disabled={disabled}
            onChange={(_e, d) => set({ orderDate: d.value })}
          />
        </Field>
      </div>
      <Field label={s.orderIssuer}>
        <Input className={styles.input} value={form.orderIssuer} disabled={disabled} onChange={(_e, d) => set({ orderIssuer: d.value })} />
      </Field>
      <Checkbox
        label={s.schoolRoadmaps}
        checked={form.schoolRoadmaps}
        disabled={disabled}
        onChange={(_e, d) => set({ schoolRoadmaps: d.checked === true })}
      />
      {!marked && <Caption1 className={styles.muted}>{s.needMarks}</Caption1>}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={disabled || !marked} onClick={onCreate}>
          {action ?? s.create}
        </Button>
        {children}
      </div>
    </div>
  );
}
