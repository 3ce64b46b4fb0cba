/**
 * Node only: a big sheet's rows read by a worker thread while this one builds
 * the table from them. The worker opens the same file, inflates and tokenizes
 * the sheet and sends its rows in batches (row-batch.ts); the two threads
 * share the work of a region's file instead of one doing it all. A small
 * sheet is read here: starting a worker costs more than it saves.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { ShnorError, ShnorErrorCode } from "../core";
import { RowBatch, unpackRows } from "./row-batch";
import type { SheetRow } from "./types";
import type { SheetExtent, SheetJob } from "./xlsx";

/** Sheets of this many inflated bytes and more are read by a worker (the 5,000-school file's sheet is about 14 MB). */
export const SHEET_THREAD_BYTES = 8 * 1024 ** 2;

/** Batches sent and not yet taken: the worker waits past this, so a slow reader never holds a whole sheet of them. */
export const BATCHES_AHEAD = 4;

/** What the worker says: a batch of rows, the end, or a failure (a ShnorError keeps its code and Russian message). */
export type WorkerMessage =
  | { kind: "rows"; batch: RowBatch }
  | { kind: "done"; extent: SheetExtent }
  | { kind: "error"; code: ShnorErrorCode | null; message: string };

/** The worker's script: compiled next to this file (the command). Run from the sources (the tests), there is none. */
const SCRIPT = join(__dirname, "node-sheet-worker.js");

/**
 * The worker for a sheet of `partBytes`, or null to read it here. SHNOR_SHEET_THREAD=off reads every
 * sheet here, =always every sheet in a worker (the tests compare the two).
 */
export function startSheetThread(job: SheetJob, partBytes: number, done: (extent: SheetExtent) => void): AsyncGenerator<SheetRow> | null {
  const mode = process.env.SHNOR_SHEET_THREAD;
  // On one core the two threads would only take turns.
  const worth = partBytes >= SHEET_THREAD_BYTES && availableParallelism() > 1;
  if (mode === "off" || (mode !== "always" && !worth) || !existsSync(SCRIPT)) return null;
  return rowsOf(new Worker(SCRIPT, { workerData: job }), done);
}

async function* rowsOf(worker: Worker, onDone: (extent: SheetExtent) => void): AsyncGenerator<SheetRow> {
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  const arrive = (m: WorkerMessage) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  worker.on("message", arrive);
  // A worker that dies without a word (out of memory): one line, not a trace.
  worker.on("error", (e) => arrive({ kind: "error", code: null, message: e.message }));
  worker.on("exit", (code) => arrive({ kind: "error", code: null, message: `поток чтения листа завершился (код ${code})` }));
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift() as WorkerMessage;
      if (m.kind === "rows") {
        worker.postMessage("taken");
        yield* unpackRows(m.batch);
      } else if (m.kind === "done") {
        onDone(m.extent);
        return;
      } else throw m.code ? new ShnorError(m.code, m.message) : new Error(m.message);
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
