/**
 * The named styles of the generated sheets, as data: fill, font, border, wrap,
 * alignment and number format. Both writers (the exceljs one in src/cli, the add-in's in
 * src/excel) translate a resolved CellStyle to their API and decide nothing
 * themselves, so the same description looks the same in the command's book and
 * in the add-in's.
 */
import type { Rect, SpecValue, StyleName, StyleRange } from "./sheet";

/** Colours (RGB hex without «#»). */
export const COLORS = {
  low: "F8CBAD",
  lowFont: "9C0006",
  shnor: "FCE4D6",
  risk: "FFF2CC",
  header: "D9E1F2",
  input: "FFFFE0",
  computed: "F2F2F2",
  done: "C6EFCE",
  inWork: "FFEB9C",
  notDone: "FFC7CE",
  postponed: "D9D9D9",
  grey: "595959",
  border: "A6A6A6",
} as const;

/** The font every cell has unless a style says otherwise (Excel's and exceljs's default). */
export const DEFAULT_FONT = { name: "Calibri", size: 11 } as const;

/**
 * What a cell looks like. Every property is optional: a style sets only what it
 * names, and layering (later ranges over earlier ones) goes property by property.
 */
export interface CellStyle {
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  /** Points. */
  size?: number;
  fontColor?: string;
  /** Thin borders in COLORS.border on every edge of every cell. */
  border?: boolean;
  wrap?: boolean;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "middle";
  numberFormat?: string;
}

export const STYLES: Record<StyleName, CellStyle> = {
  title: { bold: true, size: 14, vertical: "middle" },
  subtitle: { italic: true, fontColor: COLORS.grey, vertical: "top" },
  header: { bold: true, fill: COLORS.header, border: true, wrap: true, horizontal: "center", vertical: "middle" },
  cell: { border: true, wrap: true, vertical: "top" },
  input: { border: true, fill: COLORS.input, vertical: "top" },
  computed: { border: true, fill: COLORS.computed, vertical: "top" },
  low: { border: true, fill: COLORS.low, fontColor: COLORS.lowFont },
  shnor: { fill: COLORS.shnor },
  risk: { fill: COLORS.risk },
  // 10 pt: a sheet fitted to the page width at 80 % still prints it at 8 pt.
  note: { size: 10, fontColor: COLORS.grey },
};

/** A style range's named style with its own overrides on top. */
export function styleOf(range: StyleRange): CellStyle {
  const style: CellStyle = { ...STYLES[range.style] };
  if (range.bold !== undefined) style.bold = range.bold;
  if (range.wrap !== undefined) style.wrap = range.wrap;
  if (range.align) style.horizontal = range.align;
  if (range.numberFormat !== undefined) style.numberFormat = range.numberFormat;
  return style;
}

/** `over` laid on `under`, property by property. */
export function layer(under: CellStyle, over: CellStyle): CellStyle {
  const out: CellStyle = { ...under };
  for (const key of Object.keys(over) as (keyof CellStyle)[]) {
    if (over[key] !== undefined) (out as Record<string, unknown>)[key] = over[key];
  }
  return out;
}

/**
 * The number format a cell gets: a text cell is «@» whatever its style says, so
 * «=HYPERLINK(…)» or «+7…» stays text when a user edits it; other cells take
 * their style's format, but never «@», which would turn a formula into text.
 */
export function cellFormat(value: SpecValue, styleFormat: string | undefined): string {
  if (value !== null && "text" in value) return "@";
  if (value === null) return styleFormat ?? "General";
  return styleFormat && styleFormat !== "@" ? styleFormat : "General";
}

/**
 * Style ranges by row, built once per sheet: `at(row, column)` looks only at
 * the ranges that cover the row, not at every range of the sheet.
 */
export class StyleIndex {
  /** Stretches of rows under the same ranges (in the sheet's order), by first row; no entry a row. */
  private readonly firsts: number[] = [];
  private readonly stretches: { end: number; ranges: StyleRange[] }[] = [];
  /** A cell's style by the ranges over its row and its column: worked out once for all the rows of a stretch. */
  private readonly looks = new Map<StyleRange[], Map<number, CellStyle>>();

  constructor(styles: StyleRange[]) {
    // A sweep over the rows where a range starts or ends.
    const starts = new Map<number, number[]>();
    const ends = new Map<number, number[]>();
    const add = (at: Map<number, number[]>, row: number, i: number) => {
      const list = at.get(row);
      if (list) list.push(i);
      else at.set(row, [i]);
    };
    styles.forEach((s, i) => {
      if (s.rows <= 0) return;
      add(starts, s.row, i);
      add(ends, s.row + s.rows, i);
    });
    const cuts = [...new Set([...starts.keys(), ...ends.keys()])].sort((x, y) => x - y);
    const active = new Set<number>();
    cuts.forEach((cut, k) => {
      for (const i of ends.get(cut) ?? []) active.delete(i);
      for (const i of starts.get(cut) ?? []) active.add(i);
      if (active.size === 0 || k + 1 === cuts.length) return;
      this.firsts.push(cut);
      this.stretches.push({ end: cuts[k + 1], ranges: [...active].sort((x, y) => x - y).map((i) => styles[i]) });
    });
  }

  private rangesAt(row: number): StyleRange[] | undefined {
    let lo = 0;
    let hi = this.firsts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.firsts[mid] <= row) lo = mid + 1;
      else hi = mid - 1;
    }
    const stretch = this.stretches[hi];
    return stretch && row < stretch.end ? stretch.ranges : undefined;
  }

  /** The cell's style: every range over it, later ones on top; {} for an unstyled cell. */
  at(row: number, column: number): CellStyle {
    const ranges = this.rangesAt(row);
    if (!ranges) return {};
    let byColumn = this.looks.get(ranges);
    if (!byColumn) this.looks.set(ranges, (byColumn = new Map()));
    let style = byColumn.get(column);
    if (!style) {
      style = {};
      for (const s of ranges) if (column >= s.column && column < s.column + s.columns) style = layer(style, styleOf(s));
      byColumn.set(column, style);
    }
    return style;
  }

  /** The ranges over a row, in order. */
  rangesOn(row: number): readonly StyleRange[] {
    return this.rangesAt(row) ?? [];
  }
}

/** Merged rects by their cells, built once per sheet. */
export class MergeIndex {
  /** By row, then column: a lookup makes no key of its own (it runs once a cell). */
  private readonly byCell = new Map<number, Map<number, Rect>>();

  constructor(merges: Rect[]) {
    for (const m of merges)
      for (let r = m.row; r < m.row + m.rows; r++) {
        let row = this.byCell.get(r);
        if (!row) this.byCell.set(r, (row = new Map()));
        for (let c = m.column; c < m.column + m.columns; c++) row.set(c, m);
      }
  }

  at(row: number, column: number): Rect | undefined {
    return this.byCell.get(row)?.get(column);
  }
}
