/**
 * Writing a new file for a command (`report`, `collect`, `forms`, `collect-forms`), so that a failure is
 * one Russian line naming the path and the cause, and nothing half-written is
 * left: the file is written beside its target under a temporary name and renamed
 * into place; the temporary file goes whatever happens. Node's English («EISDIR:
 * illegal operation on a directory, rename '…tmp'») and the temporary name never
 * reach the user.
 */
import { randomBytes } from "node:crypto";
import { createWriteStream, WriteStream } from "node:fs";
import { open, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { ShnorError } from "../core";
import { expandInputs } from "./inputs";

/** The longest file name most file systems take, in bytes (ext4, NTFS in UTF-16 units, APFS). */
const NAME_BYTES = 255;

/** Why a file could not be written, by Node's error code, in the words of an official's computer. */
const CAUSES: Record<string, string> = {
  EISDIR: "это папка",
  EACCES: "нет прав на запись",
  EPERM: "нет прав на запись, или файл открыт в другой программе",
  EBUSY: "файл открыт в другой программе",
  ETXTBSY: "файл открыт в другой программе",
  EROFS: "диск или папка только для чтения",
  ENAMETOOLONG: "слишком длинное имя",
  ENOENT: "папки нет, или в ней нельзя создавать файлы",
  ENOTDIR: "часть пути — не папка",
  ENOSPC: "на диске нет места",
  EDQUOT: "превышена квота на диске",
  EFBIG: "файл больше, чем позволяет диск",
  EIO: "ошибка ввода-вывода диска",
  EEXIST: "файл с таким именем уже создаётся",
  EMFILE: "открыто слишком много файлов",
  ENFILE: "открыто слишком много файлов",
  EINVAL: "имя недопустимо",
};

/**
 * A failure to write `target` as one Russian line: «Не удалось записать книгу «x.xlsx»: это папка.»
 * `what` names what was written («документы Word в папку» for a folder of them).
 */
export function writeFailure(target: string, e: unknown, what = "книгу"): ShnorError {
  if (e instanceof ShnorError) return e;
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  const cause = (typeof code === "string" && CAUSES[code]) || "ошибка записи";
  return new ShnorError("host", `Не удалось записать ${what} «${target}»: ${cause}.`);
}

/**
 * A temporary name beside `target`: short, so a long target name still leaves it room. It carries the
 * run's tag where bin/shnor.js gave one (SHNOR_RUN), so a run that dies is cleaned after by its parent.
 */
export function tempBeside(target: string): string {
  const tag = /^[0-9a-f]{1,16}$/.test(process.env.SHNOR_RUN ?? "") ? process.env.SHNOR_RUN : "";
  return join(dirname(resolve(target)), `.shnor-${tag}${randomBytes(6).toString("hex")}.tmp`);
}

/** The last part of `path` is longer than a file system takes. */
export const nameTooLong = (path: string): boolean => Buffer.byteLength(basename(path)) > NAME_BYTES;

/**
 * Before anything is read: the target can be written (not a folder, a name the file
 * system takes, a folder where a file can be created), so a region's report does
 * not run for minutes to fail at the end. A probe file is made and removed.
 */
export async function checkWritable(target: string): Promise<void> {
  if (nameTooLong(target)) throw writeFailure(target, { code: "ENAMETOOLONG" });
  const info = await stat(target).catch(() => null);
  if (info?.isDirectory()) throw writeFailure(target, { code: "EISDIR" });
  await probeFolder(dirname(resolve(target)), (e) => writeFailure(target, e));
}

/** A file can be created in `dir`: a probe is made and removed; `failure` words the error. */
export async function probeFolder(dir: string, failure: (e: unknown) => ShnorError): Promise<void> {
  const probe = tempBeside(join(dir, "probe"));
  try {
    await (await open(probe, "wx")).close();
  } catch (e) {
    throw failure(e);
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}

/**
 * Writes `target` through `write`, which fills the temporary path it is given;
 * then renames it into place. Any failure removes the temporary file and is one
 * Russian line (a ShnorError of the writer passes as it is).
 */
export async function writeOutput(target: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = tempBeside(target);
  try {
    await write(temp);
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw writeFailure(target, e);
  }
}

/**
 * A write stream to `path` for a writer that does not listen for its errors
 * (exceljs's streaming book listens only at the very end, so a full disk would
 * leave its promise hanging and the command would end with exit 0 and no file):
 * `guard(work)` settles with the work, or rejects with the stream's first error.
 */
export function fileStream(path: string): { stream: WriteStream; guard: <T>(work: Promise<T>) => Promise<T> } {
  const stream = createWriteStream(path);
  // Every error is listened to (a destroyed stream may report more than one); the first one counts.
  const failure = new Promise<never>((_, reject) => stream.on("error", reject));
  // A failure no one waits for yet must not end the process as an unhandled rejection.
  failure.catch(() => undefined);
  return {
    stream,
    guard: <T>(work: Promise<T>) => {
      work.catch(() => undefined);
      return Promise.race([work, failure]);
    },
  };
}

/**
 * A book written into `path` row by row through exceljs's streaming writer (`shnor report`, `shnor collect`),
 * so a region's book is never held whole; a stream that fails ends the writing (fileStream's guard).
 */
export async function streamBook(path: string, fill: (book: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>): Promise<void> {
  const { stream, guard } = fileStream(path);
  await guard(
    (async () => {
      const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
      book.creator = "ШНОР-монитор";
      await fill(book);
      await book.commit();
    })(),
  );
}

const real = async (p: string): Promise<string> => realpath(p).catch(() => resolve(p));

/** Checks the output before anything is read: .xlsx, an existing folder, not one of the inputs. */
export async function checkOutput(output: string | undefined, inputs: string[], what: string): Promise<string> {
  if (!output) throw new ShnorError("bad-setting", `Укажите, куда записать ${what}: -o НОВЫЙ.xlsx`);
  if (extname(output).toLowerCase() !== ".xlsx")
    throw new ShnorError("bad-setting", `Новая книга должна иметь расширение .xlsx, а не «${basename(output)}».`);
  const target = await real(output);
  for (const f of await expandInputs(inputs).catch(() => []))
    if ((await real(f.path)) === target)
      throw new ShnorError(
        "bad-setting",
        `Новая книга не может заменить исходную «${f.name}»: исходные файлы не изменяются. Укажите другое имя в -o.`,
      );
  const outDir = dirname(resolve(output));
  if (!(await stat(outDir).catch(() => null))?.isDirectory())
    throw new ShnorError("bad-setting", `Папка «${outDir}» для новой книги не существует.`);
  await checkWritable(output);
  return outDir;
}
