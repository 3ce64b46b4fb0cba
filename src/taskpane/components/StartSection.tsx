/** The add-in's start: the whole sheet or the selection, «Анализ», and «Собрать из выгрузок». */
import { Body1, Button, makeStyles, Radio, RadioGroup, tokens } from "@fluentui/react-components";
import type { TableSource } from "../../excel";
import type { PaneSectionProps } from "../props";
import { canCollect, isDisabled } from "../session";
import { STRINGS } from "../strings";
import { CollectPicker } from "./FilePicker";

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3 },
  start: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export function StartSection({ session }: PaneSectionProps) {
  const styles = useStyles();
  const { state, parsed, actions } = session;
  const { read, busy, source } = state;
  const disabled = isDisabled(state);
  return (
    <section className={styles.start} aria-label={STRINGS.analyse}>
      <RadioGroup layout="horizontal" value={source} disabled={disabled} onChange={(_e, d) => actions.setSource(d.value as TableSource)}>
        <Radio value="sheet" label={STRINGS.source.sheet} />
        <Radio value="selection" label={STRINGS.source.selection} />
      </RadioGroup>
      <div>
        <Button appearance="primary" size="large" disabled={disabled || parsed.settings === null} onClick={actions.analyse}>
          {read ? STRINGS.analyseAgain : STRINGS.analyse}
        </Button>
      </div>
      {!read && !busy && <Body1 className={styles.muted}>{STRINGS.analyseHint}</Body1>}
      <CollectPicker disabled={!canCollect(state)} files={state.collected?.files ?? []} onFiles={actions.collect} />
    </section>
  );
}
