/** The messages between the page and its worker: one request, its progress, then one answer. */
import type { ColumnOverride } from "../core";
import type { DownloadRequest, FilesRead, NamedFile } from "../taskpane/host";
import type { ReportFile } from "./engine";
import type { PackedTable } from "./pack";

export type WorkerRequest =
  | { id: number; kind: "read"; files?: NamedFile[]; overridesBySheet: Record<string, ColumnOverride[]> }
  | { id: number; kind: "report" | "collect" | "word"; request: Omit<DownloadRequest, "onProgress"> }
  /** «Формы для школ» and «Собрать формы» (the returned files). */
  | { id: number; kind: "forms" }
  | { id: number; kind: "collectForms"; files: File[] };

export type WorkerAnswer =
  | { id: number; kind: "progress"; value: number; label: string }
  | { id: number; kind: "read"; result: Omit<FilesRead, "table">; packed: PackedTable }
  | { id: number; kind: "report" | "collect" | "word" | "forms" | "collectForms"; result: ReportFile }
  /** A Russian message for the user (a ShnorError's), or null for an unexpected failure. */
  | { id: number; kind: "error"; message: string | null };
