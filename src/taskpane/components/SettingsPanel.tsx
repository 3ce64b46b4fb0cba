/** The rule's settings: threshold, previous year, what is counted, criterion 2, minimum participants. */
import { Button, Caption1, Field, makeStyles, Radio, RadioGroup, Select, tokens } from "@fluentui/react-components";
import { KNOWN_SUBJECTS, PROCEDURE_TYPES } from "../../core";
import { DEFAULT_DRAFT, SettingsDraft } from "../logic";
import type { SettingsPanelProps, SettingsSectionProps, SettingsYearProps } from "../props";
import { STRINGS } from "../strings";
import { CheckList, TextField } from "./fields";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "flex-end" },
  narrow: { width: "96px" },
  grow: { flexGrow: 1, minWidth: 0 },
  checks: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
  subjects: { display: "grid", gridTemplateColumns: "1fr 1fr" },
  note: { color: tokens.colorNeutralForeground3 },
});

export function SettingsPanel({ draft, error, years, disabled, onChange, savedNote }: SettingsPanelProps) {
  const s = STRINGS.settings;
  const styles = useStyles();
  const set = (patch: Partial<SettingsDraft>) => onChange({ ...draft, ...patch });
  return (
    <div className={styles.root}>
      <ThresholdAndYear draft={draft} years={years} disabled={disabled} set={set} />
      <Caption1 className={styles.note}>{s.thresholdHint}</Caption1>
      <CountedChecks draft={draft} disabled={disabled} set={set} />
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
      <TextField
        label={s.minParticipants}
        hint={s.minParticipantsHint}
        className={styles.grow}
        inputClassName={styles.narrow}
        value={draft.minParticipants}
        inputMode="numeric"
        disabled={disabled}
        onChange={(minParticipants) => set({ minParticipants })}
      />
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

/** The threshold and the previous year, side by side; a year the table does not offer stays choosable. */
function ThresholdAndYear({ draft, years, disabled, set }: SettingsYearProps) {
  const s = STRINGS.settings;
  const styles = useStyles();
  const yearOptions = draft.year && !years.includes(Number(draft.year)) ? [Number(draft.year), ...years] : years;
  return (
    <div className={styles.row}>
      <TextField
        label={s.threshold}
        className={styles.narrow}
        value={draft.threshold}
        inputMode="decimal"
        disabled={disabled}
        onChange={(threshold) => set({ threshold })}
      />
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
  );
}

/** What is counted: the procedure types and the subjects. */
function CountedChecks({ draft, disabled, set }: SettingsSectionProps) {
  const s = STRINGS.settings;
  const styles = useStyles();
  return (
    <>
      <Field label={s.types}>
        <div className={styles.checks}>
          <CheckList
            items={PROCEDURE_TYPES}
            checked={draft.countedTypes}
            disabled={disabled}
            onChange={(countedTypes) => set({ countedTypes })}
          />
        </div>
      </Field>
      <Field label={s.subjects}>
        <div className={styles.subjects}>
          <CheckList
            items={KNOWN_SUBJECTS}
            checked={draft.countedSubjects}
            disabled={disabled}
            onChange={(countedSubjects) => set({ countedSubjects })}
          />
        </div>
      </Field>
    </>
  );
}
