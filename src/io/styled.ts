/**
 * Any sheet as one to copy with its look: an .xlsx sheet gives its own styles,
 * widths and frozen panes; an .xls, .ods or .csv sheet gives what the reader
 * keeps (values, number formats, hidden rows, merges).
 */
import type { CellStyle, CopyCell, SheetSource, StyledSheet } from "./types";

export function styledSheet(sheet: SheetSource): StyledSheet {
  if (sheet.styled) return sheet.styled();
  // One look per number format, 0 being none.
  const looks: CellStyle[] = [{}];
  const byFormat = new Map<string, number>();
  const styleOf = (format: string | null | undefined): number => {
    if (!format) return 0;
    let index = byFormat.get(format);
    if (index === undefined) {
      index = looks.length;
      looks.push({ numFmt: format });
      byFormat.set(format, index);
    }
    return index;
  };
  return {
    name: sheet.name,
    async *rows() {
      for await (const row of sheet.rows()) {
        const cells: CopyCell[] = [];
        row.values.forEach((value, column) => {
          if (value !== null && value !== undefined) cells.push({ column, value, style: styleOf(row.formats[column]) });
        });
        yield row.hidden ? { index: row.index, cells, hidden: true } : { index: row.index, cells };
      }
    },
    style: (index) => looks[index] ?? looks[0],
    layout: () => ({ columns: [], frozen: null }),
    merges: () => sheet.merges(),
  };
}
