/**
 * «Собрать из выгрузок» in Excel: a button that opens the system dialog for any
 * number of files (an HTML file input with `multiple`). The files are handed to
 * the session, which reads them in the pane; nothing is uploaded.
 */
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { useRef } from "react";
import type { CollectPickerProps } from "../props";
import { STRINGS } from "../strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground3 },
  hidden: { display: "none" },
});

export function CollectPicker({ disabled, files, onFiles }: CollectPickerProps) {
  const styles = useStyles();
  const s = STRINGS.collect;
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className={styles.root}>
      <Button disabled={disabled} onClick={() => input.current?.click()}>
        {s.button}
      </Button>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        multiple
        accept=".xlsx,.xlsm,.xls,.ods,.csv"
        aria-label={s.button}
        data-testid="collect-input"
        onChange={(e) => {
          const chosen = e.target.files ? Array.from(e.target.files) : [];
          // The same files picked again must be read again.
          e.target.value = "";
          if (chosen.length > 0 && !disabled) onFiles(chosen);
        }}
      />
      <Caption1 className={styles.muted}>{files.length > 0 ? STRINGS.page.files(files) : s.hint}</Caption1>
    </div>
  );
}
