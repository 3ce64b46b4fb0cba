/** The rule's settings: threshold, previous year, what is counted, criterion 2, minimum participants. */
import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Radio,
  RadioGroup,
  Select,
  tokens,
} from "@fluentui/react-components";
import { KNOWN_SUBJECTS, PROCEDURE_TYPES, ProcedureType } from "../../core";
import { DEFAULT_DRAFT, SettingsDraft } from "../logic";
import type { SettingsPanelProps } from "../props";
import { STRINGS } from "../strings";

const useStyles = makeStyles({
  /** Fluent's Input is at least 250px wide; in a narrow pane it must fit its field. */
  input: { minWidth: 0, width: "100%" },
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "flex-end" },
  narrow: { width: "96px" },
  grow: { flexGrow: 1, minWidth: 0 },
  checks: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
  subjects: { display: "grid", gridTemplateColumns: "1fr 1fr" },
  note: { color: tokens.colorNeutralForeground3 },
});

function toggle<T>(list: T[], item: T, on: boolean): T[] {
  return on ? (list.includes(item) ? list : [...list, item]) : list.filter((x) => x !== item);
}

export function SettingsPanel({ draft, error, years, disabled, onChange, savedNote }: SettingsPanelProps) {
  const s = STRINGS.settings;
  const styles = useStyles();
  const set = (patch: Partial<SettingsDraft>) => onChange({ ...draft, ...patch });
  const yearOptions = draft.year && !years.includes(Number(draft.year)) ? [Number(draft.year), ...years] : years;
  return (
    <div className={styles.root}>
      <div className={styles.row}>
        <Field label={s.threshold} className={styles.narrow}>
          <Input
            className={styles.input}
            value={draft.threshold}
            inputMode="decimal"
            disabled={disabled}
            onChange={(_e, d) => set({ threshold: d.value })}
          />
        </Field>
        <Field label={s.year} className={styles.grow}>
          <Select value={draft.year} disabled={disabled} onChange={(_e, d) => set({ year: d.value })}>
            <option value="">{s.yearAuto}</option>
            {yearOptions.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Caption1 className={styles.note}>{s.thresholdHint}</Caption1>
      <Field label={s.types}>
        <div className={styles.checks}>
          {PROCEDURE_TYPES.map((t: ProcedureType) => (
            <Checkbox
              key={t}
              label={t}
              disabled={disabled}
              checked={draft.countedTypes.includes(t)}
              onChange={(_e, d) => set({ countedTypes: toggle(draft.countedTypes, t, d.checked === true) })}
            />
          ))}
        </div>
      </Field>
      <Field label={s.subjects}>
        <div className={styles.subjects}>
          {KNOWN_SUBJECTS.map((subject) => (
            <Checkbox
              key={subject}
              label={subject}
              disabled={disabled}
              checked={draft.countedSubjects.includes(subject)}
              onChange={(_e, d) => set({ countedSubjects: toggle(draft.countedSubjects, subject, d.checked === true) })}
            />
          ))}
        </div>
      </Field>
      <Field label={s.criterion2}>
        <RadioGroup
          value={draft.criterion2}
          disabled={disabled}
          onChange={(_e, d) => set({ criterion2: d.value === "same" ? "same" : "any" })}
        >
          <Radio value="any" label={s.criterion2Any} />
          <Radio value="same" label={s.criterion2Same} />
        </RadioGroup>
      </Field>
      <Field label={s.minParticipants} hint={s.minParticipantsHint} className={styles.grow}>
        <Input
          className={mergeClasses(styles.input, styles.narrow)}
          value={draft.minParticipants}
          inputMode="numeric"
          disabled={disabled}
          onChange={(_e, d) => set({ minParticipants: d.value })}
        />
      </Field>
      {error && (
        <Field validationState="error" validationMessage={error}>
          <span />
        </Field>
      )}
      <Caption1 className={styles.note}>{savedNote ?? s.saved}</Caption1>
      <div>
        <Button appearance="subtle" size="small" disabled={disabled} onClick={() => onChange(DEFAULT_DRAFT)}>
          {s.reset}
        </Button>
      </div>
    </div>
  );
}
