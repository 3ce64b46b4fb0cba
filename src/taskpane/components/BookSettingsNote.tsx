/**
 * The web page's word about the settings the add-in saved in the book read:
 * which values came from the book (or why none were applied), with the
 * choice to set them aside, as `shnor --ignore-book-settings` does.
 */
import { Caption1, Checkbox, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from "@fluentui/react-components";
import type { BookSettingsNoteProps } from "../props";
import { STRINGS } from "../strings";

const useStyles = makeStyles({
  body: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function BookSettingsNote({ lines, stored, applied, disabled, onApply }: BookSettingsNoteProps) {
  const s = STRINGS.page.book;
  const styles = useStyles();
  return (
    <MessageBar intent={stored ? "info" : "warning"} layout="multiline" aria-label={s.title}>
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{stored && applied ? s.title : s.notApplied}</MessageBarTitle>
        {lines.map((line, i) => (
          <span key={i}>{line}</span>
        ))}
        {stored && (
          <>
            <Checkbox label={s.apply} checked={applied} disabled={disabled} onChange={(_e, d) => onApply(d.checked === true)} />
            <Caption1 className={styles.muted}>{s.applyHint}</Caption1>
          </>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
