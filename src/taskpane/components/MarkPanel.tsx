/** «Отметить в таблице» (with the =SHNOR.STATUS() option and its warning) and «Снять отметки». */
import { Button, Caption1, Checkbox, makeStyles, tokens } from "@fluentui/react-components";
import type { MarkPanelProps } from "../props";
import { STRINGS } from "../strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export function MarkPanel({ canMark, disabled, statusFormulas, stale, onStatusFormulas, onMark, onClear }: MarkPanelProps) {
  const styles = useStyles();
  const s = STRINGS.mark;
  return (
    <div className={styles.root}>
      <Caption1 className={styles.muted}>{s.explain}</Caption1>
      <Checkbox
        label={s.formulas}
        checked={statusFormulas}
        disabled={disabled}
        onChange={(_e, d) => onStatusFormulas(d.checked === true)}
      />
      {statusFormulas && <Caption1 className={styles.warn}>{s.formulasHint}</Caption1>}
      {stale && <Caption1 className={styles.warn}>{STRINGS.results.stale}</Caption1>}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={disabled || !canMark} onClick={onMark}>
          {s.mark}
        </Button>
        <Button disabled={disabled} onClick={onClear}>
          {s.clear}
        </Button>
      </div>
    </div>
  );
}
