/**
 * Node only: the worker of node-sheet-thread.ts. It opens the book the job names,
 * reads the one sheet's rows as the reader always does (the same tokenizer,
 * limits and Russian errors), and sends them in batches, never more than
 * BATCHES_AHEAD ahead of the thread that takes them.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ShnorError } from "../core";
import { fileSource } from "./node";
import { openBook } from "./open";
import { batchBuffers, packRows } from "./row-batch";
import { BATCHES_AHEAD, WorkerMessage } from "./node-sheet-thread";
import type { SheetRow } from "./types";
import { SheetJob, sheetExtent, XlsxBook } from "./xlsx";

/** Rows a batch: enough that a message costs little beside them, few enough to start the other thread soon. */
const BATCH_ROWS = 256;

const port = parentPort!;
let ahead = 0;
let resume: (() => void) | null = null;
port.on("message", () => {
  ahead--;
  resume?.();
  resume = null;
});

const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function send(rows: SheetRow[]): Promise<void> {
  while (ahead >= BATCHES_AHEAD) await new Promise<void>((resolve) => (resume = resolve));
  ahead++;
  const batch = packRows(rows);
  post({ kind: "rows", batch }, batchBuffers(batch));
}

async function read(job: SheetJob): Promise<void> {
  const source = await fileSource(job.path, job.book);
  try {
    const book = await openBook(source, job.limits);
    if (!(book instanceof XlsxBook)) throw new ShnorError("host", `Книга «${job.book}» изменилась во время чтения.`);
    // The limit is over the whole book: what the other thread inflated before counts here too.
    book.zip.countElsewhere(job.inflated);
    let place = 0;
    for await (const sheet of book.sheets()) {
      if (place++ !== job.sheet) continue;
      let rows: SheetRow[] = [];
      for await (const row of sheet.rows()) {
        rows.push(row);
        if (rows.length === BATCH_ROWS) {
          await send(rows);
          rows = [];
        }
      }
      if (rows.length > 0) await send(rows);
      const extent = sheetExtent(sheet) ?? { mergeAreas: [], maxRow: -1, maxCol: -1 };
      post({ kind: "done", extent: { ...extent, inflated: book.zip.inflatedSoFar - job.inflated } });
      return;
    }
    throw new ShnorError("host", `Книга «${job.book}» изменилась во время чтения.`);
  } finally {
    await source.close?.();
  }
}

read(workerData as SheetJob).catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  post({ kind: "error", code: e instanceof ShnorError ? e.code : null, message });
});
