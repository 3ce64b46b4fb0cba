/**
 * The reference the streaming copy of `shnor report` is checked against: the
 * way the command used to copy a sheet, exceljs loading the whole book. exceljs
 * loads only worksheet parts named `xl/worksheets/sheetN.xml` and its other
 * parts by fixed names, and expands every merge and validation range it meets,
 * so it is handed a tidied copy of the package: the wanted sheets under
 * canonical part names with rewritten relationships, the other sheets left out,
 * merges clipped to the cells really there, data validations and conditional
 * formats dropped.
 */
import ExcelJS from "exceljs";
import { zipSync, Zippable } from "fflate";
import { ShnorError } from "../../src/core";
import { ReaderLimits, withDefaults } from "../../src/io/limits";
import type { ByteSource } from "../../src/io/types";
import { readRelationships, relsPath, typeIs, workbookPart } from "../../src/io/relationships";
import { XlsxBook } from "../../src/io/xlsx";
import { Zip } from "../../src/io/zip";
import { commitRow } from "../../src/writers/copy-sheet";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const xmlAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

function a1(row: number, col: number): string {
  let name = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return `${name}${row + 1}`;
}

/** The book's package with `sheets` (names as the workbook lists them) as exceljs reads them. */
export async function packageForExcelJs(source: ByteSource, sheets: string[], limits?: Partial<ReaderLimits>): Promise<Uint8Array> {
  const bounds = withDefaults(limits);
  const zip = await Zip.open(source, bounds);
  const book = await XlsxBook.open(zip, bounds);
  const workbook = await workbookPart(zip, bounds);
  const rels = await readRelationships(zip, workbook, bounds);
  const out: Zippable = {};
  const renamed = new Map<string, string>(); // old part (lower case) → new part
  const take = new Map<string, { name: string; part: string }>();
  let k = 0;
  for (const part of book.parts) {
    if (part.part && sheets.includes(part.name) && !take.has(part.part.toLowerCase())) {
      k++;
      renamed.set(part.part.toLowerCase(), `xl/worksheets/sheet${k}.xml`);
      take.set(part.part.toLowerCase(), { name: part.name, part: part.part });
    }
  }
  const worksheetParts = new Set([...rels.values()].filter((r) => typeIs(r, "worksheet")).map((r) => r.target.toLowerCase()));
  for (const kind of ["sharedStrings", "styles", "theme"]) {
    const rel = [...rels.values()].find((r) => typeIs(r, kind));
    if (rel) renamed.set(rel.target.toLowerCase(), kind === "theme" ? "xl/theme/theme1.xml" : `xl/${kind}.xml`);
  }
  renamed.set(workbook.toLowerCase(), "xl/workbook.xml");
  // Merges clipped to the cells the reader finds on each wanted sheet.
  const merges = new Map<string, string[]>();
  for await (const sheet of (await XlsxBook.open(zip, bounds)).sheets()) {
    const part = book.parts.find((p) => p.name === sheet.name)?.part?.toLowerCase();
    if (!part || !take.has(part)) continue;
    for await (const _ of sheet.rows()) void _;
    merges.set(
      part,
      sheet.merges().map((m) => `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`),
    );
  }
  const skip = new Set<string>([relsPath(workbook).toLowerCase()]);
  for (const part of worksheetParts) {
    skip.add(relsPath(part).toLowerCase());
    if (!take.has(part)) skip.add(part);
  }
  for (const entry of zip.entries) {
    const lower = entry.name.toLowerCase();
    if (skip.has(lower) || entry.name.endsWith("/")) continue;
    const target = renamed.get(lower) ?? entry.name;
    if (out[target] !== undefined) continue;
    let bytes = await zip.bytes(entry);
    if (take.has(lower)) bytes = tidySheet(bytes, merges.get(lower) ?? []);
    out[target] = bytes;
  }
  // The wanted sheets' own relationships (drawings, hyperlinks) follow them under the new name.
  for (const [part, { part: original }] of take) {
    const entry = zip.entry(relsPath(original));
    if (entry) out[relsPath(renamed.get(part)!)] = await zip.bytes(entry);
  }
  const lines = [...rels.entries()]
    .filter(([, r]) => !typeIs(r, "worksheet") || take.has(r.target.toLowerCase()))
    .map(([id, r]) => {
      const path = renamed.get(r.target.toLowerCase()) ?? r.target;
      return `<Relationship Id="${xmlAttr(id)}" Type="${xmlAttr(r.type)}" Target="/${xmlAttr(path)}"/>`;
    });
  out["xl/_rels/workbook.xml.rels"] = encoder.encode(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${lines.join("")}</Relationships>`,
  );
  if (k === 0) throw new ShnorError("no-table", `В книге «${source.name}» нет листов ${sheets.map((s) => `«${s}»`).join(", ")}.`);
  return zipSync(out, { level: 1 });
}

/**
 * After `</sheetData>` come the parts exceljs would iterate: merges are
 * replaced by the clipped ones, data validations and conditional formats are
 * dropped. The cells themselves are not touched (nor decoded).
 */
function tidySheet(bytes: Uint8Array, merges: string[]): Uint8Array {
  const marker = encoder.encode("sheetData>");
  let at = -1;
  for (let i = bytes.length - marker.length; i >= 0; i--) {
    let match = true;
    for (let j = 0; j < marker.length; j++)
      if (bytes[i + j] !== marker[j]) {
        match = false;
        break;
      }
    if (match) {
      at = i + marker.length;
      break;
    }
  }
  if (at < 0) return bytes;
  let tail = decoder.decode(bytes.subarray(at));
  const mergeXml = merges.length
    ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`
    : "";
  tail = tail
    .replace(/<(\w+:)?mergeCells\b[^>]*\/>/g, "")
    .replace(/<(\w+:)?mergeCells\b[\s\S]*?<\/(\w+:)?mergeCells>/g, "")
    .replace(/<(\w+:)?dataValidations\b[\s\S]*?<\/(\w+:)?dataValidations>/g, "")
    .replace(/<(\w+:)?conditionalFormatting\b[\s\S]*?<\/(\w+:)?conditionalFormatting>/g, "")
    .replace(/<(\w+:)?extLst\b[\s\S]*?<\/(\w+:)?extLst>/g, "");
  // mergeCells comes right after sheetData and these (ECMA-376 CT_Worksheet order).
  const first =
    /^\s*<(?:\w+:)?(sheetCalcPr|sheetProtection|protectedRanges|scenarios|autoFilter|sortState|dataConsolidate|customSheetViews)\b/;
  let cut = 0;
  for (let guard = 0; guard < 16; guard++) {
    const m = first.exec(tail.slice(cut));
    if (!m) break;
    const rest = tail.slice(cut);
    const selfClosing = new RegExp(`^\\s*<(?:\\w+:)?${m[1]}\\b[^>]*?/>`).exec(rest);
    const element = selfClosing ?? new RegExp(`^\\s*<(?:\\w+:)?${m[1]}\\b[\\s\\S]*?</(?:\\w+:)?${m[1]}>`).exec(rest);
    if (!element) break;
    cut += element[0].length;
  }
  tail = tail.slice(0, cut) + mergeXml + tail.slice(cut);
  const head = bytes.subarray(0, at);
  const tailBytes = encoder.encode(tail);
  const all = new Uint8Array(head.length + tailBytes.length);
  all.set(head);
  all.set(tailBytes, head.length);
  return all;
}

function plainValue(value: ExcelJS.CellValue): ExcelJS.CellValue {
  if (value && typeof value === "object" && !(value instanceof Date)) {
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      return result === undefined ? null : plainValue(result as ExcelJS.CellValue);
    }
  }
  return value;
}

/**
 * The old copy, the reference: a sheet of a book exceljs loaded whole, copied
 * cell by cell (values, a formula's result, styles, widths, merges) into a
 * worksheet, rows in order, each committed as the streaming copy commits it.
 */
export function copyWorksheet(source: ExcelJS.Worksheet, target: ExcelJS.Worksheet): void {
  source.columns?.forEach((column, i) => {
    const to = target.getColumn(i + 1);
    if (column.width !== undefined) to.width = column.width;
    if (column.hidden) to.hidden = true;
  });
  // The merges themselves: worksheet.model would build a model of every row first.
  const merges = Object.values((source as unknown as { _merges: Record<string, { tl: string; br: string }> })._merges);
  for (const m of merges) target.mergeCells(`${m.tl}:${m.br}`);
  // exceljs shares style objects between cells; each copy gets its own, one per distinct source style.
  const styles = new Map<unknown, Partial<ExcelJS.Style>>();
  const styleOf = (style: Partial<ExcelJS.Style> | undefined) => {
    const key = style ?? null;
    let copy = styles.get(key);
    if (!copy) styles.set(key, (copy = JSON.parse(JSON.stringify(style ?? {})) as Partial<ExcelJS.Style>));
    return copy;
  };
  for (let r = 1; r <= source.rowCount; r++) {
    const row = source.findRow(r);
    const to = target.getRow(r);
    if (row) {
      if (row.height !== undefined) to.height = row.height;
      if (row.hidden) to.hidden = true;
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const copy = to.getCell(c);
        const value = plainValue(cell.value);
        if (value !== null && value !== undefined) copy.value = value;
        copy.style = styleOf(cell.style);
      });
    }
    // The old copy committed the row as it was, and the streaming writer dropped a row with no values (a row of
    // empty styled cells, a hidden empty row): that is the writer's, not the reading this reference stands for.
    commitRow(to);
  }
}
