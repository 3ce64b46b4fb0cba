/**
 * How a sheet goes onto A4 paper legibly. A sheet asks for an orientation,
 * title rows and columns and page breaks; the scale is worked out here from
 * the widths the sheet ends up with and its smallest font: one page wide when
 * that keeps every text at MIN_PRINT_PT or more, otherwise the smallest scale
 * that does, the columns running onto further pages with the names column
 * repeated. Both writers take the answer as it is.
 */
import { columnPx } from "./fit";
import { blockWidth, type PrintSpec, type SheetSpec } from "./sheet";
import { DEFAULT_FONT, styleOf } from "./styles";

/** The smallest text a printed page may carry, points. */
export const MIN_PRINT_PT = 8;

/** A4 in points. */
const A4 = { short: 595.3, long: 841.9 } as const;

/** Page margins of every generated sheet, inches (as spreadsheet files store them). */
export const SHEET_MARGINS = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } as const;

/** The print a writer sets: the request with its scale. */
export interface PagePrint extends PrintSpec {
  /** One page wide and as many down as needed, or this scale, %, with the columns running onto further pages. */
  scale: "fitWidth" | number;
}

/** The width the page leaves for cells, points. */
export function printableWidth(orientation: PrintSpec["orientation"]): number {
  const page = orientation === "landscape" ? A4.long : A4.short;
  return page - (SHEET_MARGINS.left + SHEET_MARGINS.right) * 72;
}

/**
 * Spreadsheet programs turn a column width into points by their own font's
 * digit: LibreOffice (Carlito for Calibri) prints columns about 5.5 % wider
 * than Excel's unit says (measured: a sheet of 924 pt by Excel's unit fitted
 * at 79 % to 770 pt), so the scale is worked out for the wider of the two.
 */
const WIDER = 1.06;

/** The printed width of columns, points (px at 96 dpi), as the widest-measuring program prints them. */
export function columnsWidthPt(widths: number[], columns: number, defaultWidth = 8.43): number {
  let px = 0;
  for (let c = 0; c < columns; c++) px += columnPx(widths[c] ?? defaultWidth);
  return ((px * 72) / 96) * WIDER;
}

/**
 * The scale: fit to the page's width where the smallest text then stays at
 * MIN_PRINT_PT or more; else the smallest whole percent that keeps it there.
 */
export function pagePrint(print: PrintSpec, widths: number[], columns: number, smallestFont: number): PagePrint {
  const fit = printableWidth(print.orientation) / Math.max(1, columnsWidthPt(widths, columns));
  // Spreadsheets fit by whole percents, rounding down: the check is made on what they will print.
  const fitted = Math.min(100, Math.floor(fit * 100));
  if ((fitted / 100) * smallestFont >= MIN_PRINT_PT) return { ...print, scale: "fitWidth" };
  return { ...print, scale: Math.min(100, Math.ceil((MIN_PRINT_PT / smallestFont) * 100)) };
}

/** Columns the sheet's cells and merges reach. */
function usedColumns(spec: Pick<SheetSpec, "blocks" | "merges">): number {
  let columns = 0;
  for (const b of spec.blocks) columns = Math.max(columns, b.column + blockWidth(b));
  for (const m of spec.merges) columns = Math.max(columns, m.column + m.columns);
  return columns;
}

/** The smallest font the sheet's styles set (the default font where none is smaller). */
export function smallestFont(spec: Pick<SheetSpec, "styles">): number {
  let size: number = DEFAULT_FONT.size;
  for (const s of spec.styles) if (s.rows > 0 && s.columns > 0) size = Math.min(size, styleOf(s).size ?? DEFAULT_FONT.size);
  return size;
}

/** A described sheet's print, with the widths `fitSheet` gave it; none if the sheet asks for none. */
export function sheetPrint(spec: SheetSpec, columnWidths: number[]): PagePrint | undefined {
  if (!spec.print) return undefined;
  return pagePrint(spec.print, columnWidths, usedColumns(spec), smallestFont(spec));
}

/** How many leading columns a page holds at a scale (all of them when fitted to the width). */
export function columnsOnPage(widths: number[], print: PrintSpec, scale: PagePrint["scale"], defaultWidth = 8.43): number {
  if (scale === "fitWidth") return widths.length;
  const room = printableWidth(print.orientation) / (scale / 100);
  let n = 0;
  while (n < widths.length && columnsWidthPt(widths, n + 1, defaultWidth) <= room) n++;
  return n;
}
