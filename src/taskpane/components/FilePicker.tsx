/**
 * The web page's start: pick files with the system dialog or drop them on the
 * zone. The zone is a labelled button, so the keyboard reaches it (Tab, then
 * Enter or Space opens the dialog).
 */
import { Body1, Button, Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { DragEvent, useRef, useState } from "react";
import type { FilePickerProps } from "../props";
import { STRINGS } from "../strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  zone: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalL}`,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
    textAlign: "center",
  },
  over: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  muted: { color: tokens.colorNeutralForeground3 },
  hidden: { display: "none" },
});

export function FilePicker({ disabled, files, onFiles }: FilePickerProps) {
  const styles = useStyles();
  const s = STRINGS.page;
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const take = (list: FileList | null) => {
    const chosen = list ? Array.from(list) : [];
    if (chosen.length > 0 && !disabled) onFiles(chosen);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    take(e.dataTransfer.files);
  };
  return (
    <section className={styles.root} aria-label={s.choose}>
      <Body1>{s.intro}</Body1>
      <div
        className={mergeClasses(styles.zone, over && styles.over)}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <Body1>{s.drop}</Body1>
        <Caption1 className={styles.muted}>{s.dropHint}</Caption1>
        <Button appearance="primary" size="large" disabled={disabled} onClick={() => input.current?.click()}>
          {s.choose}
        </Button>
        <input
          ref={input}
          className={styles.hidden}
          type="file"
          multiple
          accept=".xlsx,.xlsm,.xls,.ods,.csv"
          aria-label={s.choose}
          onChange={(e) => {
            take(e.target.files);
            // The same file picked again must read again.
            e.target.value = "";
          }}
        />
      </div>
      {files.length > 0 && <Caption1>{s.files(files)}</Caption1>}
    </section>
  );
}
