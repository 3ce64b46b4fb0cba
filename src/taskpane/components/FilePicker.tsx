/**
 * Choosing files with the system dialog (an HTML file input with `multiple`);
 * nothing is uploaded, the files go to the session. Two faces: the web page's
 * start, with a drop zone that is a labelled button so the keyboard reaches it,
 * and the add-in's compact «Собрать из выгрузок».
 */
import { Body1, Button, Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { DragEvent, useRef, useState } from "react";
import type { FilePickerProps } from "../props";
import { STRINGS } from "../strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  compact: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalXS },
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

const ACCEPT = ".xlsx,.xlsm,.xls,.ods,.csv";

/** The button and the hidden input it opens; the same files picked again are read again. */
function ChooseButton({
  label,
  primary,
  disabled,
  take,
  testId,
}: {
  label: string;
  primary: boolean;
  disabled: boolean;
  take: (list: FileList | null) => void;
  testId?: string;
}) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button
        appearance={primary ? "primary" : "secondary"}
        size={primary ? "large" : "medium"}
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        {label}
      </Button>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        multiple
        accept={ACCEPT}
        aria-label={label}
        data-testid={testId}
        onChange={(e) => {
          take(e.target.files);
          e.target.value = "";
        }}
      />
    </>
  );
}

export function FilePicker({ disabled, files, onFiles, collect = false }: FilePickerProps) {
  const styles = useStyles();
  const [over, setOver] = useState(false);
  const take = (list: FileList | null) => {
    const chosen = list ? Array.from(list) : [];
    if (chosen.length > 0 && !disabled) onFiles(chosen);
  };
  if (collect)
    return (
      <div className={styles.compact}>
        <ChooseButton label={STRINGS.collect.button} primary={false} disabled={disabled} take={take} testId="collect-input" />
        <Caption1 className={styles.muted}>{files.length > 0 ? STRINGS.page.files(files) : STRINGS.collect.hint}</Caption1>
      </div>
    );
  const s = STRINGS.page;
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
        <ChooseButton label={s.choose} primary disabled={disabled} take={take} />
      </div>
      {files.length > 0 && <Caption1>{s.files(files)}</Caption1>}
    </section>
  );
}
