/**
 * The copy of the user's sheet with its rows written as SpreadsheetML directly,
 * for the command only (Node): the copy and the marks set each row through the
 * few members of exceljs's Row and Cell they use (copy-sheet.ts, CopyRows), on
 * plain objects here, and the row is written by sheet-xml.ts's writer instead
 * of exceljs's row, cell, model and XmlStream objects. The bytes are exceljs's
 * (tests/cli/copy-xml.test.ts holds the two equal), quirks included: a row
 * without values is left out unless it has a height, is hidden or has a cell
 * with a look; checking the look of a row that is not hidden makes an empty
 * cell in every gap before its last cell (exceljs's eachCell with includeEmpty),
 * which its spans then count; a written row with no cells gets an empty first one.
 */
import type ExcelJS from "exceljs";
import type { CopyRows } from "./copy-sheet";
import { copiedType, type CopiedCell, SheetXmlWriter, ValueType } from "./sheet-xml";

class PlainCell implements CopiedCell {
  type = ValueType.Null;
  content: CopiedCell["content"] = undefined;
  // A new cell's look: the row's and the column's, which the copy never sets (exceljs merges them into {}).
  style: object = {};
  constructor(readonly column: number) {}

  get styled(): boolean {
    return Object.keys(this.style).length > 0;
  }

  get value(): unknown {
    return this.content ?? null;
  }

  set value(value: unknown) {
    this.type = copiedType(value);
    this.content = this.type === ValueType.Null ? undefined : (value as CopiedCell["content"]);
  }
}

/** The members of exceljs's Row the copy and the marks use. */
class PlainRow {
  height: number | undefined = undefined;
  hidden = false;
  /** By 1-based column, with gaps, as exceljs keeps them. */
  readonly cells: PlainCell[] = [];
  constructor(readonly number: number) {}

  getCell(column: number): PlainCell {
    return (this.cells[column] ??= new PlainCell(column));
  }
}

/** The command's rows for a copied sheet: each written as it is committed, in pieces handed to the sheet's stream. */
export function copyRowsAsXml(ws: ExcelJS.Worksheet): CopyRows & { flush(): void } {
  const writer = new SheetXmlWriter(ws, []);
  return {
    row: (_, n) => new PlainRow(n) as unknown as ExcelJS.Row,
    commit(target) {
      const row = target as unknown as PlainRow;
      const cells = row.cells;
      let hasValues = false;
      for (const cell of cells) if (cell && cell.type !== ValueType.Null) hasValues = true;
      let force = false;
      if (!hasValues) {
        if (row.hidden) force = true;
        else for (let c = 1; c < cells.length; c++) if (row.getCell(c).styled) force = true;
        if (force && cells.length === 0) row.getCell(1);
      }
      writer.copiedRow(row.number, cells.filter(Boolean), row.height, row.hidden, force);
    },
    finish: () => writer.flush(),
    flush: () => writer.flush(),
  };
}
