/**
 * Choosing files with the system dialog (an HTML file input with `multiple`); nothing is uploaded,
 * the files go to the session. Two faces: the web page's start — a drop zone that is a labelled
 * button so the keyboard reaches it, «Выбрать папку», and the list of picked files, each pick
 * adding to it — and the add-in's compact «Собрать из выгрузок».
 */
import { Body1, Button, Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { DragEvent, useRef, useState } from "react";
import { BOOK_EXTENSIONS } from "../../io/book-files";
import { pickedFromDrop, pickedFromList } from "../picked";
import type { CollectPickerProps, FilePickerProps } from "../props";
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
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", justifyContent: "center" },
  muted: { color: tokens.colorNeutralForeground3 },
  hidden: { display: "none" },
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    maxHeight: "240px",
    overflowY: "auto",
    listStyleType: "none",
    margin: 0,
    padding: 0,
  },
  head: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: tokens.spacingHorizontalS },
  title: { fontWeight: tokens.fontWeightSemibold },
  file: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: tokens.spacingHorizontalS },
  name: { overflowWrap: "anywhere" },
});

const ACCEPT = BOOK_EXTENSIONS.map((e) => `.${e}`).join(",");

/** The button and the hidden input it opens; the same files picked again are handed over again. */
function ChooseButton({
  label,
  primary,
  disabled,
  folder = false,
  take,
  testId,
}: {
  label: string;
  primary: boolean;
  disabled: boolean;
  /** A folder with everything in it (webkitdirectory; the files carry their path in the folder). */
  folder?: boolean;
  take: (list: FileList | null) => void;
  testId?: string;
}) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  // React does not know these attributes: they go on the element as written.
  const directory = folder ? ({ webkitdirectory: "", directory: "" } as Record<string, string>) : {};
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
        accept={folder ? undefined : ACCEPT}
        aria-label={label}
        data-testid={testId}
        {...directory}
        onChange={(e) => {
          take(e.target.files);
          e.target.value = "";
        }}
      />
    </>
  );
}

/** The add-in's «Собрать из выгрузок»: one pick of any number of exports, read at once. */
export function CollectPicker({ disabled, files, onFiles }: CollectPickerProps) {
  const styles = useStyles();
  const take = (list: FileList | null) => {
    const chosen = list ? Array.from(list) : [];
    if (chosen.length > 0 && !disabled) onFiles(chosen);
  };
  return (
    <div className={styles.compact}>
      <ChooseButton label={STRINGS.collect.button} primary={false} disabled={disabled} take={take} testId="collect-input" />
      <Caption1 className={styles.muted}>{files.length > 0 ? STRINGS.collect.files(files) : STRINGS.collect.hint}</Caption1>
    </div>
  );
}

/** The web page's start: pick or drop files and folders; each adds to the list, which is read whole. */
export function FilePicker({ disabled, picked, repeated, onAdd, onRemove, onClear }: FilePickerProps) {
  const styles = useStyles();
  const s = STRINGS.page;
  const [over, setOver] = useState(false);
  const take = (list: FileList | null) => {
    if (list && list.length > 0 && !disabled) onAdd(pickedFromList(Array.from(list)));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    // The entries are taken before the first await: the drop's data is gone once the handler returns.
    void pickedFromDrop(e.dataTransfer).then(onAdd);
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
        <div className={styles.buttons}>
          <ChooseButton label={s.choose} primary disabled={disabled} take={take} testId="files-input" />
          <ChooseButton label={s.chooseFolder} primary={false} folder disabled={disabled} take={take} testId="folder-input" />
        </div>
      </div>
      {picked.length > 0 && (
        <div className={styles.root} role="group" aria-label={s.list(picked.length)} data-testid="picked-files">
          <div className={styles.head}>
            <Caption1 className={styles.title}>{s.list(picked.length)}</Caption1>
            <Button size="small" disabled={disabled} aria-label={s.clearLabel} onClick={onClear}>
              {s.clear}
            </Button>
          </div>
          <ul className={styles.list} aria-label={s.listName}>
            {picked.map((p) => (
              <li key={p.key} className={styles.file}>
                <Caption1 className={styles.name}>{p.name}</Caption1>
                <Button
                  size="small"
                  appearance="subtle"
                  disabled={disabled}
                  aria-label={s.removeLabel(p.name)}
                  onClick={() => onRemove(p.key)}
                >
                  {s.remove}
                </Button>
              </li>
            ))}
          </ul>
          {repeated.length > 0 && <Caption1 className={styles.muted}>{s.repeated(repeated)}</Caption1>}
        </div>
      )}
    </section>
  );
}
