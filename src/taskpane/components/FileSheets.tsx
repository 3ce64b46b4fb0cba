/**
 * The files read and each of their sheets: taken sheets plain, sheets not taken
 * greyed with why (the engine's `what`). A long list shows its first lines and
 * «Показать все листы (N)».
 */
import { Button, Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { FileSummary } from "../../io/inputs";
import { fileLines, SHEETS_SHOWN } from "../logic";
import { STRINGS } from "../strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  title: { fontWeight: tokens.fontWeightSemibold },
  file: { fontWeight: tokens.fontWeightSemibold, marginTop: tokens.spacingVerticalXS, overflowWrap: "anywhere" },
  sheet: { paddingLeft: tokens.spacingHorizontalM, overflowWrap: "anywhere" },
  notTaken: { color: tokens.colorNeutralForeground3 },
  more: { alignSelf: "flex-start" },
});

export function FileSheets({ files }: { files: FileSummary[] }) {
  const styles = useStyles();
  const t = STRINGS.recognition.files;
  const [all, setAll] = useState(false);
  const { lines, sheets, taken } = fileLines(files, all ? Infinity : SHEETS_SHOWN);
  const title = t.title(files.length, sheets, taken);
  return (
    <div className={styles.root} role="group" aria-label={title} data-testid="file-sheets">
      <Caption1 className={styles.title}>{title}</Caption1>
      {lines.map((line) =>
        line.kind === "file" ? (
          <Caption1 key={line.key} className={styles.file}>
            {line.text}
          </Caption1>
        ) : (
          <Caption1
            key={line.key}
            className={mergeClasses(styles.sheet, !line.taken && styles.notTaken)}
            data-taken={line.taken ? "yes" : "no"}
          >
            {line.text}
          </Caption1>
        ),
      )}
      {sheets > SHEETS_SHOWN && (
        <Button className={styles.more} size="small" appearance="transparent" onClick={() => setAll(!all)}>
          {all ? t.showFewer : t.showAll(sheets)}
        </Button>
      )}
    </div>
  );
}
