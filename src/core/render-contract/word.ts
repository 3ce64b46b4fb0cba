/**
 * One description of a Word document the report writes: its page, its
 * paragraphs in named styles, its tables and its charts, as plain data. The
 * Word writer (src/writers/word.ts) renders it and decides nothing: what each
 * style looks like, the margins and the sizes are data here, laid out by
 * ГОСТ Р 7.0.97 (A4, margins 20 mm left, top and bottom and 10 mm right).
 */
import { pushAll } from "../arrays";

/** Named paragraph styles; what each looks like is in WORD_STYLES. */
export type WordStyle =
  | "heading" // the document's name, centred, bold
  | "title" // under the name, centred
  | "section" // a numbered section's title, bold
  | "body" // text, justified, first line indented
  | "item" // a line of a list, not indented
  | "right" // the annex's reference to its order, flush right
  | "note"; // smaller, a remark under a table

export interface WordParagraph {
  kind: "paragraph";
  text: string;
  style: WordStyle;
}

export interface WordCell {
  text: string;
  align?: "left" | "center" | "right";
  bold?: boolean;
}

export interface WordRow {
  cells: WordCell[];
  /** A row of one cell across the table, naming the group of rows below it. */
  group?: boolean;
}

export interface WordTable {
  kind: "table";
  /** Relative widths of the columns. */
  columns: number[];
  /** Header rows, repeated at the top of every page the table runs onto. */
  header: WordCell[][];
  rows: WordRow[];
}

export interface WordChart {
  kind: "chart";
  title: string;
  /** Bars across (long category names read on the left) or columns up. */
  type: "bar" | "column";
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  /** The value axis' title. */
  valueTitle: string;
}

export interface WordPageBreak {
  kind: "pageBreak";
}

export type WordBlock = WordParagraph | WordTable | WordChart | WordPageBreak;

export interface WordDocument {
  /** The file's name, as `--word DIR` and the page's .zip hold it. */
  fileName: string;
  orientation: "portrait" | "landscape";
  blocks: WordBlock[];
}

/** The page of every document, millimetres: A4, margins by ГОСТ Р 7.0.97. */
export const WORD_PAGE = { width: 210, height: 297, margins: { top: 20, bottom: 20, left: 20, right: 10 } } as const;

/** Sizes, points: body text 14, tables and charts never under 11. */
export const WORD_SIZES = { body: 14, table: 12, note: 12, chart: 11, chartTitle: 12 } as const;

/** The smallest text any document prints. */
export const WORD_MIN_PT = 11;

export interface WordLook {
  size: number;
  bold?: boolean;
  italic?: boolean;
  align: "left" | "center" | "right" | "justify";
  /** First-line indent, millimetres. */
  indent?: number;
  /** Space before and after, points. */
  before: number;
  after: number;
  /** Kept on the page with the next paragraph (a title with its text or table). */
  keepNext?: boolean;
}

export const WORD_STYLES: Record<WordStyle, WordLook> = {
  heading: { size: WORD_SIZES.body, bold: true, align: "center", before: 0, after: 0, keepNext: true },
  title: { size: WORD_SIZES.body, align: "center", before: 0, after: 12, keepNext: true },
  section: { size: WORD_SIZES.body, bold: true, align: "left", before: 12, after: 6, keepNext: true },
  body: { size: WORD_SIZES.body, align: "justify", indent: 12.5, before: 0, after: 6 },
  item: { size: WORD_SIZES.body, align: "left", before: 0, after: 3 },
  right: { size: WORD_SIZES.body, align: "right", before: 0, after: 0 },
  note: { size: WORD_SIZES.note, italic: true, align: "left", before: 3, after: 6 },
};

/** The font every document is set in unless the settings name another. */
export const DEFAULT_WORD_FONT = "Times New Roman";

/** A number and its «%» stay on one line. Names (a school's «№ 1») are left exactly as written. */
export function nbsp(text: string): string {
  return text.replace(/(\d) %/g, "$1\u00a0%");
}

/** A sentence ends with one stop, whatever its last words end with («уч. г.»). */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export const paragraph = (text: string, style: WordStyle = "body"): WordParagraph => ({ kind: "paragraph", text: nbsp(text), style });

export const cell = (text: string, extra: Omit<WordCell, "text"> = {}): WordCell => ({ text: nbsp(text), ...extra });

/** Every text of a document in order: what two renderings are compared by, and what a test searches. */
export function wordTexts(doc: WordDocument): string[] {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === "paragraph") out.push(b.text);
    else if (b.kind === "table") for (const row of [...b.header, ...b.rows.map((r) => r.cells)]) for (const c of row) out.push(c.text);
    else if (b.kind === "chart") {
      out.push(b.title, b.valueTitle);
      pushAll(out, b.categories);
      pushAll(
        out,
        b.series.map((s) => s.name),
      );
    }
  }
  return out;
}
