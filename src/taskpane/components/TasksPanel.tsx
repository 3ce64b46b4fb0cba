/** «Задания»: per ВПР procedure, completion of each task by school (in the order read) and for all the schools, coloured by zone. */
import { Caption1, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import { taskAnalysis, TaskZone } from "../../core";
import { ZONE_FILL } from "../../core/documents/tasks-sheet";
import type { TasksPanelProps } from "../props";
import { STRINGS } from "../strings";
import { tasksView } from "../tasks";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
  procedure: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  title: { fontWeight: tokens.fontWeightSemibold },
  scroll: { overflowX: "auto", maxHeight: "420px", overflowY: "auto", border: `1px solid ${tokens.colorNeutralStroke2}` },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, fontVariantNumeric: "tabular-nums" },
  th: {
    position: "sticky",
    top: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: "2px 4px",
    fontWeight: tokens.fontWeightSemibold,
    textAlign: "center",
    whiteSpace: "nowrap",
  },
  name: { padding: "2px 4px", minWidth: "140px", maxWidth: "200px", textAlign: "left", fontWeight: tokens.fontWeightRegular },
  num: { padding: "2px 4px", textAlign: "right", whiteSpace: "nowrap" },
  all: { fontWeight: tokens.fontWeightSemibold },
  signal: { color: tokens.colorPaletteMarigoldForeground1 },
});

const fill = (zone: TaskZone | null) => (zone ? { backgroundColor: `#${ZONE_FILL[zone]}` } : undefined);

export function TasksPanel({ pupils }: TasksPanelProps) {
  const styles = useStyles();
  const s = STRINGS.tasks;
  const view = useMemo(() => tasksView(taskAnalysis(pupils ?? [])), [pupils]);
  return (
    <div className={styles.root} data-testid="tasks">
      <Caption1 className={styles.muted}>{view.procedures.length > 0 ? s.explain : s.none}</Caption1>
      {view.procedures.map((p) => (
        <section key={p.key} className={styles.procedure} aria-label={p.title}>
          <Text className={styles.title}>{p.title}</Text>
          <Caption1>{p.summary}</Caption1>
          <div className={styles.scroll}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th className={styles.th} scope="col">
                    {s.school}
                  </th>
                  <th className={styles.th} scope="col">
                    {s.participants}
                  </th>
                  {p.tasks.map((t) => (
                    <th key={t.label} className={styles.th} scope="col" title={`${s.level}: ${t.level}; ${s.max} ${t.max}`}>
                      {t.label}
                      <br />
                      {t.level} · {t.max}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {p.rows.map((row) => (
                  <tr key={row.key} className={row.all ? styles.all : undefined}>
                    <th className={mergeClasses(styles.name, row.all && styles.all)} scope="row">
                      {row.name}
                    </th>
                    <td className={styles.num} title={row.sample ?? undefined}>
                      {row.participants}
                      {row.sample ? "*" : ""}
                    </td>
                    {row.cells.map((c, i) => (
                      <td key={p.tasks[i].label} className={styles.num} style={fill(c.zone)} title={c.title}>
                        {c.text}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {p.rows.some((r) => r.sample) && <Caption1 className={styles.muted}>* {p.rows.find((r) => r.sample)?.sample}</Caption1>}
          {p.schools > p.rows.length - 1 && <Caption1 className={styles.muted}>{s.more(p.rows.length - 1, p.schools)}</Caption1>}
          {p.peaks.length > 0 && <Caption1 className={styles.title}>{s.peaks}</Caption1>}
          {p.peaks.map((x) => (
            <Caption1 key={x} className={styles.signal}>
              {x}
            </Caption1>
          ))}
        </section>
      ))}
      {view.warnings.map((w) => (
        <Caption1 key={w} className={styles.muted}>
          {w}
        </Caption1>
      ))}
    </div>
  );
}
