/**
 * The page's Web Worker: files are read and reports built here, so a region's
 * book does not freeze the page. It keeps the books it read for the next
 * correction and the report.
 */
import { ShnorError } from "../core";
import { PageEngine } from "./engine";
import { packTable } from "./pack";
import type { WorkerAnswer, WorkerRequest } from "./protocol";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerAnswer, transfer?: Transferable[]): void;
};

const engine = new PageEngine();
/** One request at a time, in order: a report waits for the read before it. */
let queue: Promise<void> = Promise.resolve();

scope.onmessage = ({ data }) => {
  queue = queue.then(async () => {
    const progress = (value: number, label: string) => scope.postMessage({ id: data.id, kind: "progress", value, label });
    try {
      if (data.kind === "read") {
        const { table, ...result } = await engine.read(data.files, data.overridesBySheet, progress);
        const packed = packTable(table);
        scope.postMessage({ id: data.id, kind: "read", result, packed }, [packed.numbers.buffer]);
      } else {
        const result = await engine.file(data, progress);
        scope.postMessage({ id: data.id, kind: data.kind, result }, [result.bytes.buffer]);
      }
    } catch (e) {
      scope.postMessage({ id: data.id, kind: "error", message: e instanceof ShnorError ? e.message : null });
      if (!(e instanceof ShnorError)) console.error(e);
    }
  });
};
