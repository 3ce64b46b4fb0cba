/**
 * What the pane's components run on. In Excel it is the ExcelHost of src/excel
 * (the open workbook); on the web page (src/app) it is a FileHost: files the
 * user picked, read in a worker, and workbooks handed back as downloads. The
 * host is the only thing that differs between the pane and the page.
 */
import type { BookSettings, ColumnOverride, Settings } from "../core";
import type { DocumentSettingsInput } from "../core/documents";
import type { ExcelHost, ReadResult, StoredSettings } from "../excel";
import type { FileSummary } from "../io/inputs";

/** Progress: a fraction 0–1 and what is being done, in Russian. */
export type OnProgress = (value: number, label: string) => void;

export interface FilesRead extends ReadResult {
  /** The files the table was read from, as the user named them. */
  files: string[];
  /** Each file's sheets, taken or not, with what each was read as or why it was not (`filesSummary`): lines, no grids. */
  perFile: FileSummary[];
  /** New files only: the settings the add-in saved in them, as the command finds them. */
  book?: FoundBookSettings;
}

/** The settings stored in the books just picked (applied only when one book was picked), and how they were read. */
export interface FoundBookSettings extends BookSettings {
  /** Every sheet of the books read, taken or not: the stored corrections that met one are counted. */
  sheets: string[];
  /** The corrections the files were read with: the stored ones, by sheet. */
  overridesBySheet: Record<string, ColumnOverride[]>;
}

/** A file the user gave the page, under the name they know it by («2024/РУ-4.xlsx» inside a folder). */
export interface NamedFile {
  file: Blob;
  name: string;
}

export interface FileReadRequest {
  /** The files to read, all of them (the page's list); without them the files already read are read again (after a correction). */
  files?: NamedFile[];
  overridesBySheet: Record<string, ColumnOverride[]>;
  onProgress?: OnProgress;
}

export interface DownloadRequest {
  settings: Settings;
  overridesBySheet: Record<string, ColumnOverride[]>;
  documents: DocumentSettingsInput;
  onProgress?: OnProgress;
}

/** What a download gave the user: the file's name and what it holds, in Russian. */
export interface Downloaded {
  fileName: string;
  lines: string[];
}

export interface FileHost {
  readonly kind: "files";
  unsupported(): string | null;
  readFiles(request: FileReadRequest): Promise<FilesRead>;
  loadSettings(): Promise<StoredSettings | null>;
  saveSettings(settings: StoredSettings): Promise<void>;
  /** «Скачать отчёт»: the workbook `shnor report` writes, built from the files read. */
  downloadReport(request: DownloadRequest): Promise<Downloaded>;
  /** «Скачать сводную таблицу»: the book `shnor collect` writes. */
  downloadCollect(request: DownloadRequest): Promise<Downloaded>;
  /** «Скачать документы Word»: the documents `shnor report --word` writes, in one .zip. */
  downloadWord(request: DownloadRequest): Promise<Downloaded>;
  /** «Формы для школ»: the ШНОР's forms as one .zip (`shnor forms`), from the report downloaded here or chosen. */
  downloadForms(onProgress?: OnProgress): Promise<Downloaded>;
  /** «Собрать формы»: the returned files summed into a copy of that report (`shnor collect-forms`), downloaded. */
  collectForms(files: File[], onProgress?: OnProgress): Promise<Downloaded>;
}

export type PaneHost = ExcelHost | FileHost;

export function isFileHost(host: PaneHost): host is FileHost {
  return (host as FileHost).kind === "files";
}
