/** «Динамика и объективность»: the ШНОР list by year, then each school with its history, its series and its signs. */
import { Badge, Caption1, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import { dynamicsOf, Status } from "../../core";
import { dynamicsView } from "../dynamics";
import type { DynamicsPanelProps } from "../props";
import { STRINGS } from "../strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
  years: { display: "flex", flexDirection: "column", gap: "2px" },
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, maxHeight: "420px", overflowY: "auto" },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS, alignItems: "center" },
  name: { fontWeight: tokens.fontWeightSemibold },
  signal: { color: tokens.colorPaletteMarigoldForeground1 },
});

const BADGE: Record<Status, "danger" | "warning" | "subtle"> = { shnor: "danger", risk: "warning", ok: "subtle" };

export function DynamicsPanel({ analysis, input, page }: DynamicsPanelProps) {
  const styles = useStyles();
  const s = STRINGS.dynamics;
  const dynamics = useMemo(() => dynamicsOf(analysis, input), [analysis, input]);
  const view = useMemo(() => dynamicsView(analysis, dynamics), [analysis, dynamics]);
  return (
    <div className={styles.root} data-testid="dynamics">
      <Caption1 className={styles.muted}>{s.explain}</Caption1>
      {view.years.length === 0 ? (
        <Caption1 className={styles.muted}>{s.noHistory}</Caption1>
      ) : (
        <div className={styles.years} aria-live="polite">
          {view.years.map((y) => (
            <Text key={y}>{y}</Text>
          ))}
        </div>
      )}
      <Caption1 className={styles.muted}>{dynamics.signals ? s.noRating : `${s.noPupils} ${s.noRating}`}</Caption1>
      {view.items.length === 0 ? (
        <Caption1 className={styles.muted}>{s.none}</Caption1>
      ) : (
        <div className={styles.list} role="list">
          {view.items.map((item) => (
            <div key={item.key} role="listitem" className={styles.item}>
              <span className={styles.head}>
                <Text className={styles.name}>{item.name}</Text>
                <Badge appearance="tint" color={BADGE[item.status]}>
                  {STRINGS.results.status[item.status]}
                </Badge>
              </span>
              {item.history && <Caption1>{item.history}</Caption1>}
              {item.changes.map((c) => (
                <Caption1 key={c}>{c}</Caption1>
              ))}
              {item.signals.map((x) => (
                <Caption1 key={x} className={styles.signal}>
                  {x}
                </Caption1>
              ))}
            </div>
          ))}
        </div>
      )}
      {view.total > view.items.length && (
        <Caption1 className={styles.muted}>{s.more(view.items.length, view.total, page === true)}</Caption1>
      )}
    </div>
  );
}
