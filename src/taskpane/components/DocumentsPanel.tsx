/** «Документы»: the programme's sheets, generated into the workbook from the current analysis. */
import { Button, Caption1, Checkbox, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import { ORDER_DATE_FORMAT, type AnnexSchools } from "../../core/documents";
import { orderDateError, type DocumentsForm } from "../logic";
import type { DocumentsPanelProps } from "../props";
import { STRINGS } from "../strings";
import { TextField } from "./fields";

const useStyles = makeStyles({
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
        <TextField
          label={s.schoolYear}
          hint={s.schoolYearHint(defaultSchoolYear)}
          className={styles.grow}
          value={form.schoolYear}
          inputMode="numeric"
          disabled={disabled}
          onChange={(schoolYear) => set({ schoolYear })}
        />
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
        <TextField
          label={s.orderNumber}
          className={styles.narrow}
          value={form.orderNumber}
          disabled={disabled}
          onChange={(orderNumber) => set({ orderNumber })}
        />
        <TextField
          label={s.orderDate}
          className={styles.grow}
          value={form.orderDate}
          // A format, not a date: an example date in the field reads as one already filled in.
          placeholder={ORDER_DATE_FORMAT}
          error={orderDateError(form.orderDate)}
          disabled={disabled}
          onChange={(orderDate) => set({ orderDate })}
        />
      </div>
      <TextField label={s.orderIssuer} value={form.orderIssuer} disabled={disabled} onChange={(orderIssuer) => set({ orderIssuer })} />
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
