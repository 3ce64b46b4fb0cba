/**
 * Books written by hand, the ways other programs write them: openpyxl and
 * pandas (absolute relationship targets, inline strings, no `r` attributes,
 * any part names) and Excel (shared strings with rich-text and phonetic runs,
 * `_xHHHH_` escapes, built-in number formats, 1904 dates).
 */
import { strToU8, zipSync, Zippable } from "fflate";
import type { Cell, MergeArea } from "../../src/core";

export interface HandSheet {
  name: string;
  rows: Cell[][];
  /** Per cell: a style index into STYLES below (0 General, 1 "0.00%", 2 "0.0%", 3 a date, 4 "0%"). */
  styles?: (number | undefined)[][];
  merges?: MergeArea[];
  hiddenRows?: number[];
  /** The part's file name under xl/worksheets (default sheetN.xml). */
  part?: string;
  /** Formulas without saved values: [row, col, formula]. */
  formulas?: [number, number, string][];
}

export interface HandOptions {
  /** openpyxl: "/xl/worksheets/sheet1.xml"; Excel: "worksheets/sheet1.xml". */
  absoluteTargets?: boolean;
  /** Shared strings (Excel) or inline strings (openpyxl). */
  strings?: "shared" | "inline";
  /** Rich text: each shared string split into runs, with a phonetic run that must not be read. */
  richText?: boolean;
  /** Leave out the optional `r` attributes of rows and cells. */
  noRefs?: boolean;
  date1904?: boolean;
  /** Store xl/workbook.xml as the last entry of the zip. */
  workbookLast?: boolean;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function colName(c: number): string {
  let name = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="dd\\.mm\\.yyyy"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="10" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>`;

export function handBook(sheets: HandSheet[], options: HandOptions = {}): Uint8Array {
  const { absoluteTargets = false, strings = "shared", richText = false, noRefs = false, date1904 = false } = options;
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const parts = sheets.map((s, i) => s.part ?? `sheet${i + 1}.xml`);
  const files: Record<string, string> = {};
  sheets.forEach((sheet, i) => {
    const formulas = new Map((sheet.formulas ?? []).map(([r, c, f]) => [`${r},${c}`, f]));
    const width = Math.max(0, ...sheet.rows.map((r) => r.length), ...(sheet.formulas ?? []).map(([, c]) => c + 1));
    const height = Math.max(sheet.rows.length, ...(sheet.formulas ?? []).map(([r]) => r + 1));
    const rows: string[] = [];
    for (let r = 0; r < height; r++) {
      const row = sheet.rows[r] ?? [];
      const cells: string[] = [];
      const last = Math.max(
        row.length,
        ...[...formulas.keys()].filter((k) => k.startsWith(`${r},`)).map((k) => Number(k.split(",")[1]) + 1),
      );
      for (let c = 0; c < last; c++) {
        const value = row[c];
        const ref = noRefs ? "" : ` r="${colName(c)}${r + 1}"`;
        const style = sheet.styles?.[r]?.[c];
        const s = style ? ` s="${style}"` : "";
        const formula = formulas.get(`${r},${c}`);
        if (formula !== undefined) cells.push(`<c${ref}${s}><f>${esc(formula)}</f></c>`);
        else if (value === null || value === undefined) {
          if (noRefs) cells.push(`<c${s}/>`);
        } else if (typeof value === "number") cells.push(`<c${ref}${s}><v>${value}</v></c>`);
        else if (typeof value === "boolean") cells.push(`<c${ref}${s} t="b"><v>${value ? 1 : 0}</v></c>`);
        else if (/^#(N\/A|DIV\/0!|VALUE!|REF!)$/.test(value)) cells.push(`<c${ref}${s} t="e"><v>${esc(value)}</v></c>`);
        else if (strings === "inline") cells.push(`<c${ref}${s} t="inlineStr"><is><t xml:space="preserve">${esc(value)}</t></is></c>`);
        else {
          let index = sharedIndex.get(value);
          if (index === undefined) {
            index = shared.length;
            shared.push(value);
            sharedIndex.set(value, index);
          }
          cells.push(`<c${ref}${s} t="s"><v>${index}</v></c>`);
        }
      }
      const hidden = sheet.hiddenRows?.includes(r) ? ` hidden="1"` : "";
      if (cells.length === 0 && !hidden && !noRefs) continue;
      rows.push(`<row${noRefs ? "" : ` r="${r + 1}"`}${hidden}>${cells.join("")}</row>`);
    }
    const merges = sheet.merges?.length
      ? `<mergeCells count="${sheet.merges.length}">${sheet.merges
          .map((m) => `<mergeCell ref="${colName(m.left)}${m.top + 1}:${colName(m.right)}${m.bottom + 1}"/>`)
          .join("")}</mergeCells>`
      : "";
    const dimension = width > 0 ? `<dimension ref="A1:${colName(width - 1)}${Math.max(1, height)}"/>` : "";
    files[`xl/worksheets/${parts[i]}`] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${dimension}<sheetData>${rows.join("")}</sheetData>${merges}</worksheet>`;
  });
  const target = (p: string) => (absoluteTargets ? `/xl/${p}` : p);
  const rels = [
    ...parts.map(
      (p, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${target(`worksheets/${p}`)}"/>`,
    ),
    `<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="${target("styles.xml")}"/>`,
  ];
  if (shared.length > 0) {
    rels.push(
      `<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="${target("sharedStrings.xml")}"/>`,
    );
    const items = shared.map((text) => {
      const escaped = esc(text).replace(/\r/g, "_x000D_");
      if (!richText || text.length < 2) return `<si><t xml:space="preserve">${escaped}</t></si>`;
      const half = Math.ceil(text.length / 2);
      // Split at a character boundary (not inside a surrogate pair).
      const cut = /[\uDC00-\uDFFF]/.test(text[half] ?? "") ? half + 1 : half;
      return `<si><r><rPr><b/></rPr><t xml:space="preserve">${esc(text.slice(0, cut)).replace(/\r/g, "_x000D_")}</t></r><r><t xml:space="preserve">${esc(text.slice(cut)).replace(/\r/g, "_x000D_")}</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="1"/></si>`;
    });
    files["xl/sharedStrings.xml"] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${items.join("")}</sst>`;
  }
  files["xl/styles.xml"] = STYLES;
  files["xl/_rels/workbook.xml.rels"] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr${date1904 ? ' date1904="1"' : ""}/><sheets>${sheets
    .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("")}</sheets></workbook>`;
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`,
    ...parts.map(
      (p) =>
        `<Override PartName="/xl/worksheets/${p}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    ),
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`,
    ...(shared.length > 0
      ? [
          `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`,
        ]
      : []),
  ];
  const entries: [string, string][] = [
    [
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join("")}</Types>`,
    ],
    [
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${absoluteTargets ? "/xl/workbook.xml" : "xl/workbook.xml"}"/></Relationships>`,
    ],
    ...Object.entries(files),
  ];
  if (options.workbookLast) entries.push(["xl/workbook.xml", workbook]);
  else entries.splice(2, 0, ["xl/workbook.xml", workbook]);
  const zip: Zippable = {};
  for (const [name, text] of entries) zip[name] = strToU8(text);
  return zipSync(zip, { level: 6 });
}
