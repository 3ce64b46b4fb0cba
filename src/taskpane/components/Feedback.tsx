/**
 * Progress and outcome of the work started at one place. Progress shows only when work
 * takes more than a moment, so quick steps do not flicker; an outcome scrolls into view.
 */
import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { FeedbackProps } from "../props";
import { STRINGS } from "../strings";

const useStyles = makeStyles({
  progress: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

export function Feedback({ at, busy, message, onDismiss }: FeedbackProps) {
  const styles = useStyles();
  const [visible, setVisible] = useState(false);
  const active = busy?.at === at;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!active) {
      setVisible(false);
      return;
    }
    const timer = setTimeout(() => setVisible(true), 300);
    return () => clearTimeout(timer);
  }, [active]);
  const shown = message?.at === at ? message : null;
  useEffect(() => {
    if (shown) ref.current?.scrollIntoView?.({ block: "nearest" });
  }, [shown]);
  return (
    <div ref={ref} className={styles.progress}>
      {active && visible && busy && (
        <div className={styles.progress} role="status">
          <ProgressBar value={busy.value} thickness="large" />
          <Caption1>{busy.label}</Caption1>
        </div>
      )}
      {shown && (
        <MessageBar intent={shown.intent} layout="multiline">
          <MessageBarBody>
            {shown.intent === "error" && <MessageBarTitle>{STRINGS.errors.title}</MessageBarTitle>}
            {shown.text}
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button appearance="transparent" size="small" aria-label={STRINGS.errors.dismiss} onClick={onDismiss}>
                ×
              </Button>
            }
          />
        </MessageBar>
      )}
    </div>
  );
}
