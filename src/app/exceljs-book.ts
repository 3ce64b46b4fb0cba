/**
 * The user's .xlsx book loaded whole with exceljs, only to copy its results
 * sheets (values, styles, widths, merges) into the report; the table itself is
 * read by the file layer (src/io), as the command reads it.
 */
import ExcelJS from "exceljs";
import { ShnorError } from "../core";

/** Signs of a file that is not an .xlsx, checked before exceljs gives an English zip error. */
export function checkXlsxBytes(bytes: Uint8Array, name: string): void {
  if (bytes.length === 0) throw new ShnorError("unreadable-file", `Файл «${name}» пуст.`);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw new ShnorError(
      "unreadable-file",
      `Файл «${name}» защищён паролем или сохранён в старом формате .xls. Откройте его в Excel и сохраните как книгу .xlsx без пароля.`,
    );
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw new ShnorError("unreadable-file", `Файл «${name}» — не книга Excel .xlsx. Сохраните таблицу в формате .xlsx.`);
}

export async function loadWorkbook(bytes: Uint8Array, name: string): Promise<ExcelJS.Workbook> {
  checkXlsxBytes(bytes, name);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ShnorError("unreadable-file", `Не удалось прочитать книгу «${name}»: файл повреждён или это не .xlsx.`);
  }
  return wb;
}
