/**
 * The web page keeps what it has read (issue 19): each pick or drop adds to one list, a file picked
 * twice is read once, a file can be taken out, «Очистить» starts over; a dropped folder is walked
 * for its books as the command walks one. The list read through the page's engine gives the answer
 * of the rule applied by hand: 6 of 26 for a folder of 2024 picked, then the book of 2025.
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import fc from "fast-check";
import { PageEngine } from "../../src/app/engine";
import { analyzeTable, DEFAULT_SETTINGS } from "../../src/core";
import { addPicked, PickedFile, pickedFile, pickedFromDrop, pickedFromList } from "../../src/taskpane/picked";
import { INITIAL, reduce, SessionState } from "../../src/taskpane/session";
import { coordinatorAnswer, CoordinatorFiles, writeCoordinatorYear } from "../fixtures/coordinator";

jest.setTimeout(120_000);

/** A File as the browser gives it: name, size, time, and the path inside a picked folder. */
function fileOf(bytes: Uint8Array, name: string, options: { lastModified?: number; path?: string } = {}): File {
  const file = new File([bytes as BlobPart], name, { lastModified: options.lastModified ?? 1_700_000_000_000 });
  if (options.path) Object.defineProperty(file, "webkitRelativePath", { value: options.path });
  return file;
}

const onDisk = (path: string, relativePath?: string) => fileOf(readFileSync(path), basename(path), { path: relativePath });

describe("the list of picked files", () => {
  it("adds each pick to the list; the same file picked again is read once and said so", () => {
    const a = pickedFile(fileOf(new Uint8Array([1]), "a.xlsx"));
    const b = pickedFile(fileOf(new Uint8Array([1, 2]), "b.xlsx"));
    const first = addPicked([], [a]);
    const second = addPicked(first.list, [b, pickedFile(fileOf(new Uint8Array([1]), "a.xlsx"))]);
    expect(second.list.map((p) => p.name)).toEqual(["a.xlsx", "b.xlsx"]);
    expect(second.repeated).toEqual(["a.xlsx"]);
    // Another file of the same name (another size or time) is another file.
    const other = addPicked(second.list, [pickedFile(fileOf(new Uint8Array([9, 9, 9]), "a.xlsx"))]);
    expect(other.list).toHaveLength(3);
    expect(other.repeated).toEqual([]);
  });

  it("never holds a file twice, whatever the picks (property)", () => {
    const pool = Array.from({ length: 6 }, (_, i) => pickedFile(fileOf(new Uint8Array(i + 1), `f${i % 3}.xlsx`)));
    fc.assert(
      fc.property(fc.array(fc.subarray(pool), { maxLength: 6 }), (picks) => {
        let list: PickedFile[] = [];
        for (const pick of picks) list = addPicked(list, pick).list;
        expect(new Set(list.map((p) => p.key)).size).toBe(list.length);
        expect(new Set(list.map((p) => p.key))).toEqual(new Set(picks.flat().map((p) => p.key)));
      }),
    );
  });

  it("names a folder's files by their path and keeps only books, as the command walks a folder", () => {
    const picked = pickedFromList([
      fileOf(new Uint8Array([1]), "РУ-4.xlsx", { path: "2024/РУ-4.xlsx" }),
      fileOf(new Uint8Array([1]), "~$РУ-4.xlsx", { path: "2024/~$РУ-4.xlsx" }),
      fileOf(new Uint8Array([1]), "readme.txt", { path: "2024/readme.txt" }),
      fileOf(new Uint8Array([1]), "notes.txt"),
    ]);
    // A file picked on its own is kept whatever its name: it gets its own message if it is no book.
    expect(picked.map((p) => p.name)).toEqual(["2024/РУ-4.xlsx", "notes.txt"]);
  });
});

/** A dropped folder as Chromium's entries give it: files, and folders read in batches. */
function entryOf(path: string, root: string): unknown {
  const name = basename(path);
  const fullPath = `/${relative(root, path)}`;
  const stat = readdirSync(join(path, ".."), { withFileTypes: true }).find((e) => e.name === name)!;
  if (stat.isFile()) return { isFile: true, isDirectory: false, name, fullPath, file: (ok: (f: File) => void) => ok(onDisk(path)) };
  const children = readdirSync(path).map((n) => entryOf(join(path, n), root));
  return {
    isFile: false,
    isDirectory: true,
    name,
    fullPath,
    createReader: () => {
      // Two at a time, then none: the walker must ask until it gets an empty batch.
      let at = 0;
      return { readEntries: (ok: (e: unknown[]) => void) => ok(children.slice(at, (at += 2))) };
    },
  };
}

function dropOf(entries: unknown[]): DataTransfer {
  return {
    items: entries.map((e) => ({ kind: "file", webkitGetAsEntry: () => e })),
    files: [],
  } as unknown as DataTransfer;
}

describe("the coordinator's year on the page's list", () => {
  const dir = mkdtempSync(join(tmpdir(), "shnor-picked-"));
  let files: CoordinatorFiles;
  beforeAll(async () => {
    files = await writeCoordinatorYear(dir);
  });

  /** The page's state after the events, and what its engine reads from the list. */
  async function pageReads(state: SessionState, engine: PageEngine) {
    const read = await engine.read(
      state.picked.map((p) => ({ file: p.file, name: p.name })),
      {},
      () => undefined,
    );
    return analyzeTable(read.table, DEFAULT_SETTINGS);
  }

  it("a folder of 2024 picked, then 2025.xlsx picked: ШНОР 6 of 26, as by hand", async () => {
    const answer = coordinatorAnswer();
    const engine = new PageEngine();
    const loaded = reduce(INITIAL, { type: "loaded", stored: null });
    const folder = pickedFromList(files.folderFiles.map((f) => onDisk(f, relative(dir, f))));
    const afterFolder = reduce(loaded, { type: "picked", files: folder });
    expect((await pageReads(afterFolder, engine)).summary.schools).toBe(answer.schools);
    const afterBook = reduce(afterFolder, { type: "picked", files: pickedFromList([onDisk(files.book)]) });
    // The folder's files in the order of their paths, as the command walks a folder; then the book.
    const inFolder = files.folderFiles.map((f) => relative(dir, f)).sort((a, b) => a.localeCompare(b, "ru"));
    expect(afterBook.picked.map((p) => p.name)).toEqual([...inFolder, "2025.xlsx"]);
    const both = await pageReads(afterBook, engine);
    expect(both.years).toEqual([2024, 2025]);
    expect(both.summary).toMatchObject({ schools: 26, shnor: answer.both });
    // The book picked again is read once: the list and the answer stay.
    const again = reduce(afterBook, { type: "picked", files: pickedFromList([onDisk(files.book)]) });
    expect(again.picked).toHaveLength(afterBook.picked.length);
    expect(again.repeated).toEqual(["2025.xlsx"]);
    // Without the folder the page says criterion 2 is off, and gives 4.
    const withoutFolder = afterBook.picked
      .filter((p) => p.name.startsWith("2024/"))
      .reduce((s, p) => reduce(s, { type: "unpicked", key: p.key }), afterBook);
    expect(withoutFolder.picked.map((p) => p.name)).toEqual(["2025.xlsx"]);
    const later = await pageReads(withoutFolder, engine);
    expect(later.years).toEqual([null, 2025]);
    expect(later.summary.shnor).toBe(answer.laterOnly);
  });

  it("a dropped folder is walked for its books, batch after batch, named by its path", async () => {
    const drop = dropOf([entryOf(files.folder, dir), entryOf(files.book, dir)]);
    const picked = await pickedFromDrop(drop);
    expect(picked.map((p) => p.name)).toEqual([...files.folderFiles.map((f) => relative(dir, f)).sort(), "2025.xlsx"]);
    const state = reduce(reduce(INITIAL, { type: "loaded", stored: null }), { type: "picked", files: picked });
    expect((await pageReads(state, new PageEngine())).summary).toMatchObject({ schools: 26, shnor: 6 });
  });

  it("«Очистить» and taking the last file out start over, the settings kept", () => {
    const loaded = reduce(INITIAL, { type: "loaded", stored: null });
    const draft = { ...loaded.draft, threshold: "25" };
    const picked = reduce(reduce(loaded, { type: "draft", draft }), { type: "picked", files: pickedFromList([onDisk(files.book)]) });
    for (const next of [reduce(picked, { type: "pickCleared" }), reduce(picked, { type: "unpicked", key: picked.picked[0].key })]) {
      expect(next.picked).toEqual([]);
      expect(next.read).toBeNull();
      expect(next.draft.threshold).toBe("25");
    }
  });

  it("a list that cannot be read shows nothing read for it", () => {
    const shown = { ...reduce(INITIAL, { type: "loaded", stored: null }), read: { sheet: "x" } as never };
    expect(reduce(shown, { type: "unread" }).read).toBeNull();
  });
});
