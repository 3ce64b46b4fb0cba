/**
 * Copies a worksheet of the user's book into the report book: values (a
 * formula gives its cached result), cell styles with number formats, column
 * widths, row heights, merges and frozen panes. Formulas are not copied: the
 * report is a snapshot that must not point back into a book it does not contain.
 */
import ExcelJS from "exceljs";

function plainValue(value: ExcelJS.CellValue): ExcelJS.CellValue {
  if (value && typeof value === "object" && !(value instanceof Date)) {
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      return result === undefined ? null : plainValue(result as ExcelJS.CellValue);
    }
  }
  return value;
}

/** The frozen panes of the source: a streaming worksheet takes them when it is created. */
export function copyOptions(source: ExcelJS.Worksheet): Partial<ExcelJS.AddWorksheetOptions> {
  const frozen = source.views?.find((v) => v.state === "frozen");
  return frozen ? { views: [{ ...frozen }] } : {};
}

export interface RowHook {
  /** Called once, before any row is written (a streaming sheet takes widths and formats first). */
  before?(target: ExcelJS.Worksheet): void;
  /** Called on each row before it is committed. */
  row(target: ExcelJS.Row): void;
  /** The last 0-based row the hook writes to. */
  lastRow: number;
}

/**
 * Rows are written in order and each committed, so the target may be a
 * streaming worksheet; `hook` adds cells (the marks) to a row before that.
 */
export function copyWorksheet(source: ExcelJS.Worksheet, target: ExcelJS.Worksheet, hook?: RowHook): void {
  source.columns?.forEach((column, i) => {
    const to = target.getColumn(i + 1);
    if (column.width !== undefined) to.width = column.width;
    if (column.hidden) to.hidden = true;
  });
  hook?.before?.(target);
  // The merges themselves: worksheet.model would build a model of every row first.
  const merges = Object.values((source as unknown as { _merges: Record<string, { tl: string; br: string }> })._merges);
  for (const m of merges) target.mergeCells(`${m.tl}:${m.br}`);
  // exceljs shares style objects between cells; each copy gets its own, one per distinct source style.
  const styles = new Map<unknown, Partial<ExcelJS.Style>>();
  const styleOf = (style: Partial<ExcelJS.Style> | undefined) => {
    const key = style ?? null;
    let copy = styles.get(key);
    if (!copy) styles.set(key, (copy = JSON.parse(JSON.stringify(style ?? {})) as Partial<ExcelJS.Style>));
    return copy;
  };
  const last = Math.max(source.rowCount, hook ? hook.lastRow + 1 : 0);
  for (let r = 1; r <= last; r++) {
    const row = source.findRow(r);
    const to = target.getRow(r);
    if (row) {
      if (row.height !== undefined) to.height = row.height;
      if (row.hidden) to.hidden = true;
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const copy = to.getCell(c);
        const value = plainValue(cell.value);
        if (value !== null && value !== undefined) copy.value = value;
        copy.style = styleOf(cell.style);
      });
    }
    hook?.row(to);
    to.commit();
  }
}
