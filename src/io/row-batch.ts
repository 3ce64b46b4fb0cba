/**
 * Sheet rows packed for another thread: numbers in one Float64Array, each
 * cell's kind in a byte, strings and number formats in short lists. A batch
 * crosses threads as a few buffers (moved, not copied) instead of an object
 * and a boxed number a cell, and comes back as the very rows it was made of.
 */
import type { Cell } from "../core";
import type { SheetRow, UnsavedFormula } from "./types";

export interface RowBatch {
  count: number;
  /** Per row: its 0-based index in the sheet. */
  index: Int32Array;
  /** Per row: 1 when hidden. */
  hidden: Uint8Array;
  /** Per row: where its cells end in the per-cell arrays. */
  ends: Int32Array;
  /** Per cell: what it holds (CellKind). */
  kinds: Uint8Array;
  /** Per cell: its number, where it is one. */
  numbers: Float64Array;
  /** Per cell: its string's place in `strings`, where it is a string. */
  texts: Int32Array;
  /** The batch's strings, each once (a sheet repeats «н/д» and its headers; a string crosses threads as a copy). */
  strings: string[];
  /** Per cell: its number format's place in `formatNames`, or -1 for none. */
  formats: Int32Array;
  formatNames: string[];
  /** Rows with formulas never calculated (rare), by their place in the batch. */
  unsaved: { row: number; formulas: UnsavedFormula[] }[];
}

const enum CellKind {
  Null,
  Undefined,
  Number,
  Text,
  True,
  False,
}

const KIND_OF: Record<string, CellKind> = { number: CellKind.Number, string: CellKind.Text };

/** The buffers a batch can give away to the thread it is posted to. */
export function batchBuffers(batch: RowBatch): ArrayBuffer[] {
  return [batch.index, batch.hidden, batch.ends, batch.kinds, batch.numbers, batch.texts, batch.formats].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

export function packRows(rows: readonly SheetRow[]): RowBatch {
  let cells = 0;
  for (const row of rows) cells += row.values.length;
  const batch: RowBatch = {
    count: rows.length,
    index: new Int32Array(rows.length),
    hidden: new Uint8Array(rows.length),
    ends: new Int32Array(rows.length),
    kinds: new Uint8Array(cells),
    numbers: new Float64Array(cells),
    texts: new Int32Array(cells),
    strings: [],
    formats: new Int32Array(cells).fill(-1),
    formatNames: [],
    unsaved: [],
  };
  const formatIds = new Map<string, number>();
  const stringIds = new Map<string, number>();
  let at = 0;
  rows.forEach((row, r) => {
    batch.index[r] = row.index;
    if (row.hidden) batch.hidden[r] = 1;
    if (row.unsavedFormulas) batch.unsaved.push({ row: r, formulas: row.unsavedFormulas });
    const { values, formats } = row;
    for (let c = 0; c < values.length; c++, at++) {
      const v = values[c];
      if (v === null) batch.kinds[at] = CellKind.Null;
      else if (v === undefined) batch.kinds[at] = CellKind.Undefined;
      else if (typeof v === "boolean") batch.kinds[at] = v ? CellKind.True : CellKind.False;
      else {
        batch.kinds[at] = KIND_OF[typeof v];
        if (typeof v === "number") batch.numbers[at] = v;
        else {
          let id = stringIds.get(v);
          if (id === undefined) stringIds.set(v, (id = batch.strings.push(v) - 1));
          batch.texts[at] = id;
        }
      }
      const format = formats[c];
      if (format !== null && format !== undefined) {
        let id = formatIds.get(format);
        if (id === undefined) formatIds.set(format, (id = batch.formatNames.push(format) - 1));
        batch.formats[at] = id;
      }
    }
    batch.ends[r] = at;
  });
  return batch;
}

/** The rows a batch was packed from, each with arrays of its own. */
export function unpackRows(batch: RowBatch): SheetRow[] {
  const rows: SheetRow[] = new Array(batch.count);
  const { kinds, numbers, texts, strings, formats, formatNames } = batch;
  let at = 0;
  for (let r = 0; r < batch.count; r++) {
    const end = batch.ends[r];
    // Grown by push, as the reader grows them (packed arrays, not holey ones).
    const values: Cell[] = [];
    const rowFormats: (string | null)[] = [];
    for (; at < end; at++) {
      switch (kinds[at] as CellKind) {
        case CellKind.Number:
          values.push(numbers[at]);
          break;
        case CellKind.Text:
          values.push(strings[texts[at]]);
          break;
        case CellKind.True:
          values.push(true);
          break;
        case CellKind.False:
          values.push(false);
          break;
        case CellKind.Undefined:
          values.push(undefined);
          break;
        default:
          values.push(null);
      }
      const f = formats[at];
      rowFormats.push(f < 0 ? null : formatNames[f]);
    }
    const row: SheetRow = { index: batch.index[r], values, formats: rowFormats };
    if (batch.hidden[r]) row.hidden = true;
    rows[r] = row;
  }
  for (const u of batch.unsaved) rows[u.row].unsavedFormulas = u.formulas;
  return rows;
}
