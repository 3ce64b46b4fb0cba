/**
 * The web page's host: the pane's components run on files instead of a
 * workbook. Files go to the page's worker (or, where the browser refuses a
 * worker, to the same engine on the page); reports come back as bytes and are
 * handed to the user as a download. Settings are kept in the browser's storage.
 */
import { ShnorError } from "../core";
import type { StoredSettings } from "../excel";
import type { Downloaded, DownloadRequest, FileHost, FileReadRequest, FilesRead, OnProgress } from "../taskpane/host";
import { saveBytes } from "../taskpane/save";
import { STRINGS } from "../taskpane/strings";
import { PageEngine, ReportFile } from "./engine";
import { unpackTable } from "./pack";
import type { WorkerAnswer, WorkerRequest } from "./protocol";

const SETTINGS_KEY = "shnor-monitor.settings";

type Job = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

/** Runs jobs in the worker; null when this browser will not start one here. */
function workerRunner(url: string): ((job: Job, onProgress?: OnProgress) => Promise<unknown>) | null {
  let worker: Worker;
  try {
    worker = new Worker(url);
  } catch {
    return null;
  }
  let next = 1;
  const waiting = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void; onProgress?: OnProgress }>();
  worker.onmessage = ({ data }: MessageEvent<WorkerAnswer>) => {
    const job = waiting.get(data.id);
    if (!job) return;
    if (data.kind === "progress") return job.onProgress?.(data.value, data.label);
    waiting.delete(data.id);
    if (data.kind === "error") job.fail(new ShnorError("host", data.message ?? STRINGS.errors.title));
    else if (data.kind === "read") job.ok({ ...data.result, table: unpackTable(data.packed) });
    else job.ok(data.result);
  };
  worker.onerror = (e) => {
    // A worker script that did not load (a page opened from a folder in some browsers).
    e.preventDefault?.();
    for (const job of waiting.values()) job.fail(new ShnorError("host", STRINGS.page.workerBlocked));
    waiting.clear();
  };
  return (job, onProgress) =>
    new Promise((ok, fail) => {
      const id = next++;
      waiting.set(id, { ok, fail, onProgress });
      worker.postMessage({ ...job, id } as WorkerRequest);
    });
}

/** The same engine on the page itself: it works everywhere, but a big file holds the page while it reads. */
function localRunner(): (job: Job, onProgress?: OnProgress) => Promise<unknown> {
  const engine = new PageEngine();
  return async (job, onProgress) => {
    const progress = (value: number, label: string) => onProgress?.(value, label);
    return job.kind === "read" ? engine.read(job.files, job.overridesBySheet, progress) : engine.file(job, progress);
  };
}

export function createFileHost(workerUrl = "app-worker.js"): FileHost {
  // A page opened from a folder (file://) gets no worker in Chromium: the engine then runs on the page.
  const run = (location.protocol === "file:" ? null : workerRunner(workerUrl)) ?? localRunner();
  /** «Скачать отчёт» and «Скачать сводную таблицу»: a book built from the files read, handed to the user. */
  const download = async (kind: "report" | "collect" | "word", { onProgress, ...request }: DownloadRequest): Promise<Downloaded> => {
    const file = (await run({ kind, request }, onProgress)) as ReportFile;
    saveBytes(file.bytes, file.fileName);
    return { fileName: file.fileName, lines: file.lines };
  };
  return {
    kind: "files",
    unsupported: () =>
      typeof Blob === "undefined" || typeof Promise === "undefined" || typeof Uint8Array === "undefined" ? STRINGS.page.noWorker : null,
    readFiles: (request: FileReadRequest) =>
      run({ kind: "read", files: request.files, overridesBySheet: request.overridesBySheet }, request.onProgress) as Promise<FilesRead>,
    async loadSettings() {
      try {
        const text = localStorage.getItem(SETTINGS_KEY);
        return text ? (JSON.parse(text) as StoredSettings) : null;
      } catch {
        return null;
      }
    },
    async saveSettings(settings: StoredSettings) {
      // Corrections belong to a file, not to the browser: only the rule's settings and the documents' are kept.
      const { settings: rule, documents } = settings;
      try {
        localStorage.setItem(SETTINGS_KEY, JSON.stringify({ settings: rule, documents }));
      } catch {
        // Storage may be off (private windows, some file:// pages): the settings still apply now.
      }
    },
    downloadReport: (request: DownloadRequest) => download("report", request),
    downloadCollect: (request: DownloadRequest) => download("collect", request),
    downloadWord: (request: DownloadRequest) => download("word", request),
    async downloadForms(onProgress?: OnProgress) {
      const file = (await run({ kind: "forms" }, onProgress)) as ReportFile;
      saveBytes(file.bytes, file.fileName);
      return { fileName: file.fileName, lines: file.lines };
    },
    async collectForms(files: File[], onProgress?: OnProgress) {
      const file = (await run({ kind: "collectForms", files }, onProgress)) as ReportFile;
      saveBytes(file.bytes, file.fileName);
      return { fileName: file.fileName, lines: file.lines };
    },
  };
}
