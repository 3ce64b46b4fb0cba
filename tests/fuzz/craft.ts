/**
 * Crafts .xlsx books byte by byte, the way other programs (and attackers)
 * write them: absolute or relative part targets, odd part names, shared or
 * inline strings, rows and cells without `r`, formulas without saved values,
 * and ranges that claim the whole sheet. The oracle for every book is the
 * engine on the same grid in memory: a file must give exactly that answer.
 */
import { strToU8, zipSync } from "fflate";
import { Cell, columnLetter } from "../../src/core";

export interface CraftCell {
  value: Cell;
  /** A formula; with `value` undefined it has no saved value. */
  formula?: string;
}

export type CraftValue = Cell | CraftCell;

export interface CraftSheet {
  name: string;
  rows: CraftValue[][];
  /** The row index (0-based) of rows[0]. */
  firstRow?: number;
  /** Extra XML inside <worksheet> after <sheetData> (merges, validations, conditional formats). */
  after?: string;
  /** Extra XML before <sheetData> (dimension, cols). */
  before?: string;
  /** Extra raw rows appended inside <sheetData>. */
  tailRows?: string;
  /** The part's file name inside xl/ (default worksheets/sheetN.xml). */
  part?: string;
}

export interface CraftOptions {
  sharedStrings?: boolean;
  /** Write `r` on rows and cells (Excel does; some writers don't). */
  refs?: boolean;
  /** Relationship targets as /xl/worksheets/… (openpyxl) instead of worksheets/…. */
  absoluteTargets?: boolean;
  /** Replace a part's bytes after writing (damage). */
  damage?: (path: string, xml: string) => string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function isCraftCell(v: CraftValue): v is CraftCell {
  return typeof v === "object" && v !== null;
}

export function craftBook(sheets: CraftSheet[], options: CraftOptions = {}): Uint8Array {
  const { sharedStrings = true, refs = true, absoluteTargets = false } = options;
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const sst = (s: string) => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };
  const files: Record<string, string> = {};
  const parts = sheets.map((s, i) => s.part ?? `worksheets/sheet${i + 1}.xml`);
  sheets.forEach((sheet, si) => {
    const first = sheet.firstRow ?? 0;
    const rows = sheet.rows
      .map((row, ri) => {
        const r = first + ri + 1;
        const cells = row
          .map((raw, ci) => {
            const cell: CraftCell = isCraftCell(raw) ? raw : { value: raw };
            const ref = refs ? ` r="${columnLetter(ci)}${r}"` : "";
            const f = cell.formula !== undefined ? `<f>${esc(cell.formula)}</f>` : "";
            const v = cell.value;
            if (v === null || v === undefined) return f ? `<c${ref}>${f}</c>` : refs ? "" : `<c${ref}/>`;
            if (typeof v === "number") return `<c${ref}>${f}<v>${v}</v></c>`;
            if (typeof v === "boolean") return `<c${ref} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
            if (f) return `<c${ref} t="str">${f}<v>${esc(v)}</v></c>`;
            if (sharedStrings) return `<c${ref} t="s"><v>${sst(v)}</v></c>`;
            return `<c${ref} t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
          })
          .join("");
        return `<row${refs ? ` r="${r}"` : ""}>${cells}</row>`;
      })
      .join("");
    files[`xl/${parts[si]}`] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${sheet.before ?? ""}<sheetData>${rows}${sheet.tailRows ?? ""}</sheetData>${sheet.after ?? ""}</worksheet>`;
  });
  const target = (p: string) => (absoluteTargets ? `/xl/${p}` : p);
  files["[Content_Types].xml"] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${parts
      .map((p) => `<Override PartName="/xl/${p}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join("")}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${
      sharedStrings
        ? `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
        : ""
    }</Types>`;
  files["_rels/.rels"] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  files["xl/workbook.xml"] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
      .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join("")}</sheets></workbook>`;
  files["xl/_rels/workbook.xml.rels"] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${parts
      .map(
        (p, i) =>
          `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${target(p)}"/>`,
      )
      .join(
        "",
      )}<Relationship Id="rId${parts.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="${target("styles.xml")}"/>${
      sharedStrings
        ? `<Relationship Id="rId${parts.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="${target("sharedStrings.xml")}"/>`
        : ""
    }</Relationships>`;
  files["xl/styles.xml"] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;
  if (sharedStrings)
    files["xl/sharedStrings.xml"] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings
        .map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`)
        .join("")}</sst>`;
  const zipped: Record<string, Uint8Array> = {};
  for (const [path, xml] of Object.entries(files)) zipped[path] = strToU8(options.damage ? options.damage(path, xml) : xml);
  return zipSync(zipped, { level: 6 });
}

/** A results table a municipal office keeps: one header row, a row per school. */
export interface District {
  headers: string[];
  rows: Cell[][];
}

export function district(schools: { name: string; values: (number | null)[] }[]): District {
  return {
    headers: ["№", "Наименование ОО", "ВПР МА 5 2023 % «2»", "ВПР РУ 5 2023 % «2»", "ВПР МА 5 2024 % «2»", "ВПР РУ 5 2024 % «2»"],
    rows: schools.map((s, i) => [i + 1, s.name, ...s.values]),
  };
}

export function gridOf(d: District): Cell[][] {
  return [d.headers, ...d.rows];
}
