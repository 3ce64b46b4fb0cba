/** «ШНОР: 2 из 7», «в зоне риска: 4» and the list with reasons; in Excel a click selects the school's row. */
import { Badge, Button, Caption1, makeStyles, mergeClasses, Tab, TabList, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { Status } from "../../core";
import { LIST_MOST, ListFilter, ListItem, resultList } from "../logic";
import type { ResultsPanelProps } from "../props";
import { STRINGS } from "../strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  summary: { display: "flex", alignItems: "baseline", gap: tokens.spacingHorizontalL, flexWrap: "wrap" },
  shnor: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteRedForeground1 },
  risk: { fontSize: tokens.fontSizeBase400, color: tokens.colorPaletteMarigoldForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, maxHeight: "420px", overflowY: "auto" },
  // The rows below the list's scroll are laid out when scrolled to: a ШНОР's reason names every low result, and
  // 200 of them are 100,000 characters of text, which the page laid out before showing the count.
  row: { contentVisibility: "auto", containIntrinsicSize: "auto 64px" },
  showMore: { alignSelf: "flex-start" },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    width: "100%",
    textAlign: "left",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderLeftWidth: "4px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    cursor: "pointer",
    font: "inherit",
    color: "inherit",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  itemShnor: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  itemRisk: { borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  itemOk: { borderLeftColor: tokens.colorNeutralStroke1 },
  head: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS, alignItems: "center" },
  name: { fontWeight: tokens.fontWeightSemibold },
  still: { boxSizing: "border-box", cursor: "default", ":hover": { backgroundColor: tokens.colorNeutralBackground1 } },
});

const BADGE: Record<Status, "danger" | "warning" | "subtle"> = { shnor: "danger", risk: "warning", ok: "subtle" };

/** Schools listed at first, and added at each «Показать ещё»; the whole list is on the sheet or in the report. */
const LIST_STEP = 50;

function ItemText({ item }: { item: ListItem }) {
  const styles = useStyles();
  const s = STRINGS.results;
  return (
    <>
      <span className={styles.head}>
        <Text className={styles.name}>{item.name}</Text>
        <Badge appearance="tint" color={BADGE[item.status]}>
          {s.status[item.status]}
        </Badge>
      </span>
      <Caption1>{item.reason}</Caption1>
    </>
  );
}

/** The schools, each a button that selects its row in Excel, or a plain row on the page. */
function SchoolList({ items, disabled, onSelect }: { items: ListItem[] } & Pick<ResultsPanelProps, "disabled" | "onSelect">) {
  const styles = useStyles();
  const itemClass: Record<Status, string> = { shnor: styles.itemShnor, risk: styles.itemRisk, ok: styles.itemOk };
  return (
    <div className={styles.list} role="list" aria-label={STRINGS.results.title}>
      {items.map((item) => (
        <div key={item.key} role="listitem" className={styles.row}>
          {onSelect ? (
            <button
              type="button"
              className={mergeClasses(styles.item, itemClass[item.status])}
              disabled={disabled}
              onClick={() => onSelect(item)}
            >
              <ItemText item={item} />
            </button>
          ) : (
            <div className={mergeClasses(styles.item, styles.still, itemClass[item.status])}>
              <ItemText item={item} />
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

export function ResultsPanel({ analysis, disabled, onSelect }: ResultsPanelProps) {
  const styles = useStyles();
  const s = STRINGS.results;
  const { summary } = analysis;
  const [filter, setFilter] = useState<ListFilter>(summary.shnor > 0 ? "shnor" : summary.risk > 0 ? "risk" : "all");
  // A region's reasons are long: the first schools show at once, more on asking.
  const [shown, setShown] = useState(LIST_STEP);
  const { items, total } = resultList(analysis, filter, shown);
  return (
    <div className={styles.root}>
      <div className={styles.summary} aria-live="polite">
        <Text className={styles.shnor}>{s.shnor(summary.shnor, summary.schools)}</Text>
        <Text className={styles.risk}>{s.risk(summary.risk)}</Text>
      </div>
      {analysis.years[1] !== null && analysis.years[0] === null ? (
        <Caption1 className={styles.warning} data-testid="rule-no-before">
          {s.ruleNoBefore(analysis.years[1])}
        </Caption1>
      ) : (
        <Caption1 className={styles.muted}>{s.rule}</Caption1>
      )}
      <TabList
        size="small"
        selectedValue={filter}
        onTabSelect={(_e, d) => {
          setFilter(d.value as ListFilter);
          setShown(LIST_STEP);
        }}
      >
        <Tab value="shnor">
          {s.filter.shnor} ({summary.shnor})
        </Tab>
        <Tab value="risk">
          {s.filter.risk} ({summary.risk})
        </Tab>
        <Tab value="all">
          {s.filter.all} ({summary.schools})
        </Tab>
      </TabList>
      {items.length === 0 ? (
        <Caption1 className={styles.muted}>{s.empty}</Caption1>
      ) : (
        <>
          {onSelect && <Caption1 className={styles.muted}>{s.selectHint}</Caption1>}
          <SchoolList items={items} disabled={disabled} onSelect={onSelect} />
          {total > items.length && items.length < LIST_MOST && (
            <Button
              size="small"
              appearance="secondary"
              className={styles.showMore}
              onClick={() => setShown(Math.min(LIST_MOST, shown + LIST_STEP))}
            >
              {s.showMore(Math.min(LIST_STEP, LIST_MOST - items.length, total - items.length))}
            </Button>
          )}
          {total > items.length && <Caption1 className={styles.muted}>{s.more(items.length, total, onSelect !== undefined)}</Caption1>}
        </>
      )}
    </div>
  );
}
