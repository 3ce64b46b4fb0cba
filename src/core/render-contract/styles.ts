/**
 * The named styles of the generated sheets, as data: fill, font, border, wrap,
 * alignment and number format. Both writers (the exceljs one in src/cli, the add-in's in
 * src/excel) translate a resolved CellStyle to their API and decide nothing
 * themselves, so the same description looks the same in the command's book and
 * in the add-in's.
 */
import type { Rect, SpecValue, StyleName, StyleRange } from "./spec";

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
  note: { size: 9, fontColor: COLORS.grey },
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
  private readonly byRow = new Map<number, StyleRange[]>();

  constructor(styles: StyleRange[]) {
    for (const s of styles)
      for (let r = s.row; r < s.row + s.rows; r++) {
        const list = this.byRow.get(r);
        if (list) list.push(s);
        else this.byRow.set(r, [s]);
      }
  }

  /** The cell's style: every range over it, later ones on top; {} for an unstyled cell. */
  at(row: number, column: number): CellStyle {
    let style: CellStyle = {};
    for (const s of this.byRow.get(row) ?? []) if (column >= s.column && column < s.column + s.columns) style = layer(style, styleOf(s));
    return style;
  }

  /** The ranges over a row, in order. */
  rangesOn(row: number): readonly StyleRange[] {
    return this.byRow.get(row) ?? [];
  }
}

/** Merged rects by their cells, built once per sheet. */
export class MergeIndex {
  private readonly byCell = new Map<string, Rect>();

  constructor(merges: Rect[]) {
    for (const m of merges)
      for (let r = m.row; r < m.row + m.rows; r++) for (let c = m.column; c < m.column + m.columns; c++) this.byCell.set(`${r},${c}`, m);
  }

  at(row: number, column: number): Rect | undefined {
    return this.byCell.get(`${row},${column}`);
  }
}
