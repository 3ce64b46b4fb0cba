/**
 * Opens any book an official has, by its content, never by its extension:
 * a zip is .xlsx/.xlsm (or .ods by its `mimetype`; .xlsb gets a message),
 * an OLE compound file is .xls (or a password-protected book: a message),
 * text that opens as an HTML table, a «Таблица XML 2003» or a flat .fods goes
 * to SheetJS (other markup gets a message), any other text to the CSV reader.
 */
import { ShnorError } from "../core";
import { readAll } from "./bytes";
import { openCsvBook } from "./csv";
import { damaged, overLimit, ReaderLimits, withDefaults } from "./limits";
import { NotASpreadsheet, SNIFF_BYTES, sniffMarkup } from "./markup";
import type { BookSource, ByteSource } from "./types";
import { findSettingsPart } from "./settings-part";
import { XlsxBook, XLSB_MESSAGE } from "./xlsx";
import { Zip } from "./zip";

const ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet";

/**
 * SheetJS, loaded when an .xls, .ods or a markup book is met: its code and codepage tables cost the command
 * about 0.12 s and 30 MB at every start. (In a webpack bundle it stays in the bundle: "eager".)
 */
const sheetJs = () => import(/* webpackMode: "eager" */ "./sheetjs");
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export const PASSWORD_MESSAGE = (name: string) =>
  `Книга «${name}» защищена паролем на открытие. Откройте её в Excel, снимите пароль (Файл → Сведения → Защита книги) и сохраните.`;

export async function openBook(source: ByteSource, limits?: Partial<ReaderLimits>): Promise<BookSource> {
  const bounds = withDefaults(limits);
  const { name } = source;
  if (source.size === 0) throw new ShnorError("unreadable-file", `Файл «${name}» пуст.`);
  const head = await source.read(0, Math.min(source.size, SNIFF_BYTES));
  if (head[0] === 0x50 && head[1] === 0x4b) return openZipBook(source, bounds);
  if (CFB_SIGNATURE.every((b, i) => head[i] === b)) {
    const bytes = await whole(source, bounds);
    const streams = cfbStreamNames(bytes, name);
    if (streams.has("encryptioninfo") || streams.has("encryptedpackage")) throw new ShnorError("unreadable-file", PASSWORD_MESSAGE(name));
    if (streams.has("workbook") || streams.has("book")) return (await sheetJs()).openSheetJsBook(bytes, name, "xls");
    throw new ShnorError("unreadable-file", `Файл «${name}» — документ Microsoft Office, но не книга Excel.`);
  }
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.includes(0)) throw new ShnorError("unreadable-file", notABook(name));
  const markup = sniffMarkup(head);
  if (markup === "other-xml") throw NotASpreadsheet.xml(name);
  if (markup === "web-archive") throw NotASpreadsheet.webArchive(name);
  if (markup) return (await sheetJs()).openSheetJsBook(await whole(source, bounds), name, markup);
  return openCsvBook(await whole(source, bounds), name);
}

/**
 * The add-in's settings part of a book, without reading its sheets (the same
 * as `storedSettings()` of the opened book): only an .xlsx package holds one.
 */
export async function readStoredSettings(source: ByteSource, limits?: Partial<ReaderLimits>): Promise<string | null> {
  if (source.size < 4) return null;
  const head = await source.read(0, 2);
  if (head[0] !== 0x50 || head[1] !== 0x4b) return null;
  const bounds = withDefaults(limits);
  const zip = await Zip.open(source, bounds);
  if (zip.entry("mimetype")) return null;
  return findSettingsPart(zip, bounds);
}

const notABook = (name: string) =>
  `Файл «${name}» — не книга Excel (.xlsx, .xlsm, .xls), не .ods и не таблица .csv. Сохраните таблицу в формате .xlsx.`;

async function whole(source: ByteSource, limits: ReaderLimits): Promise<Uint8Array> {
  if (source.size > limits.wholeFileBytes) throw overLimit("wholeFileBytes", source.name, limits.wholeFileBytes);
  return readAll(source);
}

async function openZipBook(source: ByteSource, limits: ReaderLimits): Promise<BookSource> {
  const zip = await Zip.open(source, limits);
  const mimetype = zip.entry("mimetype");
  if (mimetype && mimetype.size < 200) {
    const text = new TextDecoder().decode(await zip.bytes(mimetype)).trim();
    if (text === ODS_MIME) return (await sheetJs()).openSheetJsBook(await whole(source, limits), source.name, "ods");
    throw new ShnorError("unreadable-file", notABook(source.name));
  }
  if (zip.entry("xl/workbook.bin")) throw new ShnorError("unreadable-file", XLSB_MESSAGE(source.name));
  if (!zip.entry("[Content_Types].xml") && !zip.entry("xl/workbook.xml")) throw new ShnorError("unreadable-file", notABook(source.name));
  return XlsxBook.open(zip, limits);
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const END_OF_CHAIN = 0xfffffffe;

/**
 * The lower-cased names in an OLE compound file's directory (MS-CFB): enough
 * to tell a password-protected .xlsx (EncryptionInfo, EncryptedPackage) from
 * an .xls (Workbook). Every loop is bounded by the sectors the file really has.
 */
export function cfbStreamNames(bytes: Uint8Array, name: string): Set<string> {
  const bad = () => damaged(name, "повреждена структура файла .xls");
  if (bytes.length < 512) throw bad();
  const shift = u16(bytes, 0x1e);
  if (shift !== 9 && shift !== 12) throw bad();
  const sectorSize = 1 << shift;
  const sectors = Math.floor((bytes.length - sectorSize) / sectorSize) + 1;
  const offsetOf = (sector: number) => (sector + 1) * sectorSize;
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = u32(bytes, 0x4c + 4 * i);
    if (s < sectors) fatSectors.push(s);
  }
  let difat = u32(bytes, 0x44);
  for (let guard = 0; difat < sectors && guard < sectors; guard++) {
    const base = offsetOf(difat);
    if (base + sectorSize > bytes.length) break;
    for (let i = 0; i < sectorSize / 4 - 1; i++) {
      const s = u32(bytes, base + 4 * i);
      if (s < sectors) fatSectors.push(s);
    }
    difat = u32(bytes, base + sectorSize - 4);
  }
  const next = (sector: number): number => {
    const perSector = sectorSize / 4;
    const fat = fatSectors[Math.floor(sector / perSector)];
    if (fat === undefined) return END_OF_CHAIN;
    const at = offsetOf(fat) + 4 * (sector % perSector);
    return at + 4 <= bytes.length ? u32(bytes, at) : END_OF_CHAIN;
  };
  const names = new Set<string>();
  let sector = u32(bytes, 0x30);
  for (let guard = 0; sector < sectors && guard < sectors; guard++) {
    const base = offsetOf(sector);
    for (let e = 0; e < sectorSize / 128; e++) {
      const at = base + e * 128;
      if (at + 128 > bytes.length) break;
      const length = Math.min(u16(bytes, at + 0x40), 64);
      const type = bytes[at + 0x42];
      if (length < 2 || (type !== 1 && type !== 2 && type !== 5)) continue;
      let text = "";
      for (let i = 0; i + 1 < length - 1; i += 2) text += String.fromCharCode(u16(bytes, at + i));
      names.add(text.toLowerCase());
    }
    sector = next(sector);
  }
  return names;
}
