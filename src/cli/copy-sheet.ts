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

export function copyWorksheet(source: ExcelJS.Worksheet, target: ExcelJS.Worksheet): void {
  source.columns?.forEach((column, i) => {
    const to = target.getColumn(i + 1);
    if (column.width !== undefined) to.width = column.width;
    if (column.hidden) to.hidden = true;
  });
  // Rows without values are not visited: a lone cell at row 1,048,576 must not make a million rows.
  source.eachRow({ includeEmpty: false }, (row, r) => {
    const to = target.getRow(r);
    if (row.height !== undefined) to.height = row.height;
    if (row.hidden) to.hidden = true;
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const copy = target.getCell(r, c);
      const value = plainValue(cell.value);
      if (value !== null && value !== undefined) copy.value = value;
      // exceljs shares style objects between cells; each copy gets its own.
      copy.style = JSON.parse(JSON.stringify(cell.style ?? {}));
    });
  });
  const merges = (source.model as unknown as { merges?: string[] }).merges ?? [];
  for (const range of merges) target.mergeCells(range);
  const frozen = source.views?.find((v) => v.state === "frozen");
  if (frozen) target.views = [{ ...frozen }];
}
