/**
 * The web page's list of picked files: what each pick or drop adds, named as the user knows it
 * («2024/РУ-4.xlsx» for a file of a folder), and when two picks are the same file. Folders come
 * from «Выбрать папку» (webkitdirectory: each file's webkitRelativePath) or from a drop, whose
 * entries are walked (webkitGetAsEntry). The same books are taken as the command takes from a folder.
 */
import { pushAll } from "../core/arrays";
import { isBookFile } from "../io/book-files";

/** One file in the page's list. */
export interface PickedFile {
  /** Same file, same key: its name without folders, size and time, so a file picked again is read once. */
  key: string;
  /** As the user knows it: the file's name, or its path inside the folder picked. */
  name: string;
  file: File;
}

export function pickedFile(file: File, path?: string): PickedFile {
  const name = (path ?? (file.webkitRelativePath || file.name)).replace(/^\/+/, "");
  return { key: `${file.name}\u0001${file.size}\u0001${file.lastModified}`, name, file };
}

/**
 * Files from a dialog: a folder's files (they carry their path) are kept only when they are books,
 * as the command walks a folder; files picked one by one are all kept (a wrong one gets its message).
 */
export function pickedFromList(files: File[]): PickedFile[] {
  const kept = files.filter((f) => !f.webkitRelativePath || isBookFile(f.webkitRelativePath));
  // A folder's files in the order of their paths, as the command walks a folder; files picked one by one as picked.
  if (kept.length > 0 && kept.every((f) => f.webkitRelativePath))
    kept.sort((a, b) => a.webkitRelativePath.localeCompare(b.webkitRelativePath, "ru"));
  return kept.map((f) => pickedFile(f));
}

/** What the page adds: the new files, and the names of those already in the list (read once). */
export function addPicked(list: PickedFile[], added: PickedFile[]): { list: PickedFile[]; repeated: string[] } {
  const keys = new Set(list.map((p) => p.key));
  const out = [...list];
  const repeated: string[] = [];
  for (const p of added) {
    if (keys.has(p.key)) repeated.push(p.name);
    else {
      keys.add(p.key);
      out.push(p);
    }
  }
  return { list: out, repeated };
}

/** The part of the File and Directory Entries API a drop gives (Chromium, Firefox, Safari, Яндекс Браузер). */
interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?(ok: (file: File) => void, fail: (error: unknown) => void): void;
  createReader?(): { readEntries(ok: (entries: Entry[]) => void, fail: (error: unknown) => void): void };
}

/** A folder's entries: readEntries gives them in batches (100 in Chromium) until it gives none. */
async function entriesOf(folder: Entry): Promise<Entry[]> {
  const reader = folder.createReader!();
  const all: Entry[] = [];
  for (;;) {
    const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) return all;
    pushAll(all, batch);
  }
}

async function walk(entry: Entry, out: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    if (!isBookFile(entry.name)) return;
    const file = await new Promise<File>((ok, fail) => entry.file!(ok, fail));
    out.push(pickedFile(file, entry.fullPath));
  } else if (entry.isDirectory && !entry.name.startsWith(".")) {
    const entries = await entriesOf(entry);
    entries.sort((a, b) => a.name.localeCompare(b.name, "ru"));
    for (const e of entries) await walk(e, out);
  }
}

/**
 * A drop: dropped files as they are, dropped folders walked for their books. Browsers without
 * entries give the dropped files only. The entries must be taken before the first await: the
 * drop's data is gone once its handler returns.
 */
export async function pickedFromDrop(data: DataTransfer): Promise<PickedFile[]> {
  const items = Array.from(data.items ?? []).filter((i) => i.kind === "file");
  const entries = items.map((i) => (i as DataTransferItem & { webkitGetAsEntry?(): Entry | null }).webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((e) => e === null)) return Array.from(data.files).map((f) => pickedFile(f));
  const out: PickedFile[] = [];
  for (const entry of entries as Entry[]) {
    // A dropped file is kept whatever its name, as a picked one; a folder keeps its books.
    if (entry.isFile) out.push(pickedFile(await new Promise<File>((ok, fail) => entry.file!(ok, fail))));
    else await walk(entry, out);
  }
  return out;
}
