/**
 * Payload budgets. Excel on the web refuses requests and responses over 5 MB
 * and reads over 5,000,000 cells, so big ranges go in row blocks sized by
 * their measured JSON size; several blocks share a sync while they fit.
 */

export const PAYLOAD = {
  /** Bytes one sync's response may carry: the limit is 5 MB; measured sizes leave head-room below 4 MB. */
  response: 3_600_000,
  /** Bytes one sync's request may carry. */
  request: 3_000_000,
  /** Rows in one range load; a sync queues as many blocks as fit its budget. */
  blockRows: 2_000,
  /** Cells in one range load (Excel's own limit is 5,000,000). */
  blockCells: 1_000_000,
  /** Above this the add-in refuses to read the sheet at all and asks for a selection. */
  maxCells: 12_000_000,
  /** Before anything is measured: bytes a cell costs in values + numberFormat («"General"» is 10). */
  guessCellBytes: 24,
  /** Head-room on measured sizes: later rows may be a little wider than those seen. */
  safety: 1.1,
};

/** UTF-8 length of a string without allocating its bytes (Cyrillic is 2 bytes a letter). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** What a value costs on the wire as JSON. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "");
}

export interface RowBlock {
  /** 0-based sheet row. */
  row: number;
  rows: number;
}

/**
 * The next sync's blocks from `start` (inclusive) to `end` (exclusive): as many
 * rows as `bytesPerRow` lets the response budget carry, in blocks of at most
 * blockRows rows and blockCells cells.
 */
export function nextReadGroup(start: number, end: number, bytesPerRow: number, columns: number, budget = PAYLOAD.response): RowBlock[] {
  const perRow = Math.max(1, bytesPerRow * PAYLOAD.safety);
  const rows = Math.min(end - start, Math.max(1, Math.floor(budget / perRow)));
  const blockRows = Math.max(1, Math.min(PAYLOAD.blockRows, Math.floor(PAYLOAD.blockCells / Math.max(1, columns))));
  const blocks: RowBlock[] = [];
  for (let r = start; r < start + rows; r += blockRows) blocks.push({ row: r, rows: Math.min(blockRows, start + rows - r) });
  return blocks;
}

/**
 * Splits rows into runs whose request stays under budget, given each row's
 * bytes: the chunks of a bulk write, one sync each. A row bigger than the
 * budget gets a run of its own (Excel will refuse it only beyond 5 MB).
 */
export function chunkRows(
  rowBytes: number[],
  budget = PAYLOAD.request,
  maxRows = PAYLOAD.blockRows * 10,
): { start: number; count: number }[] {
  const chunks: { start: number; count: number }[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < rowBytes.length; i++) {
    if (i > start && (bytes + rowBytes[i] > budget || i - start >= maxRows)) {
      chunks.push({ start, count: i - start });
      start = i;
      bytes = 0;
    }
    bytes += rowBytes[i];
  }
  if (rowBytes.length > start) chunks.push({ start, count: rowBytes.length - start });
  return chunks;
}
