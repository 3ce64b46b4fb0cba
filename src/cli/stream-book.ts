/**
 * The streaming side of the exceljs writer, for the command only: it reaches
 * into exceljs's Node build (its workbook part writer), which the browser
 * bundle of the page must not pull in.
 */
import ExcelJS from "exceljs";

// exceljs's streaming writer hard-codes empty calculation properties; its own workbook part writer is reused with ours.
const WorkbookXform = require("exceljs/lib/xlsx/xform/book/workbook-xform") as new () => {
  prepare(model: unknown): void;
  toXml(model: unknown): string;
};

/**
 * Formulas are written without cached results; this asks every program to compute
 * them all on opening (calcPr fullCalcOnLoad), which the streaming writer cannot say itself.
 */
export function computeOnOpening(wb: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const writer = wb as unknown as {
    _worksheets: unknown[];
    _definedNames: { model: unknown };
    views: unknown[];
    zip: { append(data: string, options: { name: string }): void };
    addWorkbook(): Promise<void>;
  };
  writer.addWorkbook = async () => {
    const model = {
      worksheets: writer._worksheets.filter(Boolean),
      definedNames: writer._definedNames.model,
      views: writer.views,
      properties: {},
      calcProperties: { fullCalcOnLoad: true },
    };
    const xform = new WorkbookXform();
    xform.prepare(model);
    writer.zip.append(xform.toXml(model), { name: "/xl/workbook.xml" });
  };
}

/** A streaming workbook's worksheet, typed as the subset both kinds share. */
export function addStreamSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  options: Partial<ExcelJS.AddWorksheetOptions> = {},
): ExcelJS.Worksheet {
  return wb.addWorksheet(name, options) as unknown as ExcelJS.Worksheet;
}
