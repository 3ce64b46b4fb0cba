/**
 * What the add-in added to a workbook, kept in the workbook as hidden
 * workbook-scoped named items («ShnorMonitor.marks1», «ShnorMonitor.sheet1»):
 * each refers to the cells it describes and carries a JSON comment.
 *
 * Why names: Excel itself moves a name when the user inserts or deletes rows
 * and columns or renames the sheet, so the record cannot go stale the way
 * stored addresses (custom XML, settings) would; names are saved in every
 * file format and need only ExcelApi 1.4. Conditional formats cannot be
 * named, so the add-in's own carry a harmless tag in their formula (CF_TAG).
 */
import { Rect, sameSheetName } from "../core";
import { parseAddress } from "./address";

export const RECORD_PREFIX = "ShnorMonitor.";
const AUTHOR = "ШНОР-монитор";

/** Appended to each conditional format formula the add-in writes: N("…") is 0, so the rule is unchanged. */
export const CF_TAG = `N("${AUTHOR}")=0`;

export function tagFormula(formula: string): string {
  return `=AND(${formula.replace(/^=/, "")},${CF_TAG})`;
}

export function isTaggedFormula(formula: string | null | undefined): boolean {
  return typeof formula === "string" && formula.includes(`"${AUTHOR}"`);
}

export interface MarksRecord {
  name: string;
  /** Null when the name no longer refers to cells (#REF!: the sheet or columns were deleted). */
  sheet: string | null;
  rect: Rect | null;
  /** Columns the add-in inserted (0 when it wrote into empty ones). */
  inserted: number;
  formulas: boolean;
  /** Column widths (points) before the add-in set them, restored on clearing. */
  widths?: number[];
}

export interface SheetRecord {
  name: string;
  sheet: string | null;
  kind: string;
  /** The name the sheet was made under: with the kind it identifies the sheet (school roadmaps share a kind) even after a rename. */
  made?: string;
}

export interface Records {
  marks: MarksRecord[];
  sheets: SheetRecord[];
  /** Every record name, for numbering new ones. */
  names: string[];
}

interface Comment {
  by: string;
  what: "marks" | "sheet";
  inserted?: number;
  formulas?: boolean;
  widths?: number[];
  kind?: string;
  made?: string;
}

export function marksComment(r: Pick<MarksRecord, "inserted" | "formulas" | "widths">): string {
  const c: Comment = { by: AUTHOR, what: "marks", inserted: r.inserted, formulas: r.formulas };
  if (r.widths) c.widths = r.widths.map((w) => Math.round(w * 100) / 100);
  return JSON.stringify(c);
}

export function sheetComment(kind: string, made: string): string {
  return JSON.stringify({ by: AUTHOR, what: "sheet", kind, made } satisfies Comment);
}

/** The plain data of a named item, as loaded with items/name,items/comment,items/value. */
export interface NameData {
  name: string;
  comment: string | null;
  value: unknown;
}

export function parseRecords(items: NameData[]): Records {
  const records: Records = { marks: [], sheets: [], names: [] };
  for (const item of items) {
    if (!item.name.startsWith(RECORD_PREFIX)) continue;
    records.names.push(item.name);
    let comment: Comment | null = null;
    try {
      comment = JSON.parse(item.comment ?? "") as Comment;
    } catch {
      comment = null;
    }
    const target = typeof item.value === "string" ? parseAddress(item.value) : null;
    if (comment?.what === "marks") {
      records.marks.push({
        name: item.name,
        sheet: target?.sheet ?? null,
        rect: target?.rect ?? null,
        inserted: Number(comment.inserted) || 0,
        formulas: comment.formulas === true,
        widths: Array.isArray(comment.widths) ? comment.widths.map(Number) : undefined,
      });
    } else if (comment?.what === "sheet" && typeof comment.kind === "string") {
      const record: SheetRecord = { name: item.name, sheet: target?.sheet ?? null, kind: comment.kind };
      if (typeof comment.made === "string") record.made = comment.made;
      records.sheets.push(record);
    } else {
      // A name of ours without a readable comment: treat as a broken marks record so clearing removes it.
      records.marks.push({ name: item.name, sheet: null, rect: null, inserted: 0, formulas: false });
    }
  }
  return records;
}

/** A fresh record name: «ShnorMonitor.marks3». */
export function nextRecordName(records: Records, what: "marks" | "sheet"): string {
  const used = new Set(records.names.map((n) => n.toLowerCase()));
  for (let i = 1; ; i++) {
    const name = `${RECORD_PREFIX}${what}${i}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

export function sameSheet(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && sameSheetName(a, b);
}

/** Queues the load of the workbook's names; call `read` after the sync. */
export function queueRecords(context: Excel.RequestContext): { read: () => Records } {
  const names = context.workbook.names;
  names.load("items/name,items/comment,items/value");
  return {
    read: () => parseRecords(names.items.map((n) => ({ name: n.name, comment: n.comment, value: n.value }))),
  };
}
