/**
 * Finds a results table in the first rows of a sheet and decides what each
 * column holds. Only a prefix is needed, so a file can be streamed. Each
 * layout's detector is in layouts/, tried in the registry's order.
 */
import { SheetGrid } from "../cells";
import { DETECT_ROWS, surveyRow } from "./head";
import { RECOGNITION_TITLE } from "./headers";
import type { Head } from "./layout";
import { LAYOUTS } from "./layouts";
import { TableShape } from "./model";

/**
 * Finds the table in the first rows of a sheet, or null when there is none.
 * `grid` needs only the first DETECT_ROWS rows (more are ignored).
 */
export function detectTable(grid: SheetGrid): TableShape | null {
  const rows = grid.values.slice(0, DETECT_ROWS);
  const sheetName = grid.sheetName ?? "";
  const offset = grid.firstRow ?? 0;
  // The recognition report `shnor collect` writes beside the joined table quotes headers: not a table.
  if (rows[0]?.[0] === RECOGNITION_TITLE) return null;
  const surveys = rows.map(surveyRow);
  const colOffset = grid.firstColumn ?? 0;
  const head: Head = { grid, rows, surveys, offset, colOffset, sheetName };
  for (const layout of LAYOUTS) {
    const shape = layout.detect(head);
    if (shape) return shape;
  }
  return null;
}
