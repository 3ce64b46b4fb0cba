/** The messages between the page and its worker: one request, its progress, then one answer. */
import type { ColumnOverride } from "../core";
import type { FilesRead, NamedFile } from "../taskpane/host";
import type { FileJob, ReportFile } from "./engine";
import type { PackedTable } from "./pack";

export type WorkerRequest =
  { id: number; kind: "read"; files?: NamedFile[]; overridesBySheet: Record<string, ColumnOverride[]> } | ({ id: number } & FileJob);

export type WorkerAnswer =
  | { id: number; kind: "progress"; value: number; label: string }
  | { id: number; kind: "read"; result: Omit<FilesRead, "table">; packed: PackedTable }
  | { id: number; kind: FileJob["kind"]; result: ReportFile }
  /** A Russian message for the user (a ShnorError's), or null for an unexpected failure. */
  | { id: number; kind: "error"; message: string | null };
