/**
 * A school's form as an .xlsx, from its description (core/forms): the sheets
 * rendered by the report's exceljs writer, the yellow input cells unlocked,
 * every sheet protected without a password (a school that must change a
 * layout can lift it; the collector still finds its rows by their headers),
 * the identity sheet very hidden. No macros: validation and protection are
 * the file's own and work in Excel, LibreOffice, МойОфис and Р7-Офис alike.
 * Node and the browser alike: `shnor forms`, the page and the pane.
 */
import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import { ShnorError } from "../core";
import { FormBook, formBooks, FORM_IDENTITY_KIND, FormSchools, FormsManifest, NO_FORMS } from "../core/forms";
import { writeSheetSpec } from "./sheet-writer";

export function formWorkbook(form: FormBook): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "ШНОР-монитор";
  for (const spec of form.sheets) {
    const ws = writeSheetSpec(wb, spec);
    for (const s of spec.styles) {
      if (s.style !== "input") continue;
      for (let r = s.row; r < s.row + s.rows; r++)
        for (let c = s.column; c < s.column + s.columns; c++) ws.getCell(r + 1, c + 1).protection = { locked: false };
    }
    // No password: protection keeps the layout from slips, not from the school.
    (ws as unknown as { sheetProtection: object }).sheetProtection = { sheet: true, formatColumns: true, formatRows: true };
    if (spec.kind === FORM_IDENTITY_KIND) ws.state = "veryHidden";
  }
  return wb;
}

export async function formBytes(form: FormBook): Promise<Uint8Array> {
  return new Uint8Array(await formWorkbook(form).xlsx.writeBuffer());
}

/** The .zip «Формы для школ» of the pane and the page. */
export const FORMS_ZIP_NAME = "Формы для школ.zip";

/** Every form of the schools chosen in one .zip (the page's and the pane's download), named as `shnor forms` names the files. */
export async function formsZip(
  manifest: FormsManifest,
  which: FormSchools = "shnor",
  period?: string,
): Promise<{ fileName: string; bytes: Uint8Array; count: number }> {
  const forms = formBooks(manifest, which, period);
  if (forms.length === 0) throw new ShnorError("bad-setting", NO_FORMS[which]);
  const files: Record<string, Uint8Array> = {};
  for (const form of forms) files[form.fileName] = await formBytes(form);
  return { fileName: FORMS_ZIP_NAME, bytes: zipSync(files, { level: 6 }), count: forms.length };
}
