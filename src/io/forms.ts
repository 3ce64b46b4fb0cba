/**
 * Forms for schools on the file side, Node and the browser alike: the
 * report's manifest part, a returned form read whatever its format and name,
 * the report's current cells, and NEW — the report's package with only the
 * cells the forms fill rewritten and «Сбор форм» added. Every other entry of
 * the package is copied byte for byte (charts and all); REPORT is only read.
 */
import {
  a1,
  Cell,
  CellStyle,
  cellFormat,
  COLORS,
  DEFAULT_FONT,
  fitSheet,
  SHEET_MARGINS,
  sheetPrint,
  SheetSpec,
  ShnorError,
  SpecValue,
  specRows,
  StyleIndex,
} from "../core";
import {
  CollectedForms,
  collectForms,
  collectionPlan,
  CollectionPlan,
  FORMS_NAMESPACE,
  FormSchools,
  FormsManifest,
  readFormsManifestXml,
  ReadForm,
  ReadSheet,
} from "../core/forms";
import { maxOf } from "../core/arrays";
import { bytesSource } from "./bytes";
import { withDefaults } from "./limits";
import { openBook } from "./open";
import { editPackage, PackageView, workbookEntry } from "./package";
import { findCustomPart } from "./settings-part";
import type { ByteSource } from "./types";
import { relsPath } from "./relationships";
import { Zip } from "./zip";

/** A manifest lists every school of a region: far more than the settings' string limit. */
const MANIFEST_CHARS = 64 * 1024 * 1024;

/** The forms' manifest of a report book, or one Russian line saying why there is none. */
export async function readFormsManifest(source: ByteSource): Promise<FormsManifest> {
  const head = source.size >= 4 ? await source.read(0, 2) : new Uint8Array();
  if (head[0] !== 0x50 || head[1] !== 0x4b) return readFormsManifestXml(null, source.name);
  const limits = withDefaults();
  const zip = await Zip.open(source, limits);
  if (zip.entry("mimetype")) return readFormsManifestXml(null, source.name);
  return readFormsManifestXml(await findCustomPart(zip, limits, FORMS_NAMESPACE, MANIFEST_CHARS), source.name);
}

/** A form is a few dozen rows: more than this is not one, and is not read further. */
const FORM_ROWS = 2000;
const FORM_COLUMNS = 30;

/** A returned file as the collector takes it: every sheet's first rows, hidden ones too; or why not. */
export async function readFormFile(source: ByteSource): Promise<ReadForm> {
  try {
    const book = await openBook(source);
    const sheets: ReadSheet[] = [];
    for await (const sheet of book.sheets()) {
      const rows: Cell[][] = [];
      for await (const row of sheet.rows()) {
        if (row.index >= FORM_ROWS) break;
        rows[row.index] = row.values.slice(0, FORM_COLUMNS);
      }
      for (let i = 0; i < rows.length; i++) rows[i] ??= [];
      sheets.push({ name: sheet.name, rows });
    }
    return { file: source.name, sheets };
  } catch (e) {
    if (e instanceof ShnorError) return { file: source.name, error: `файл не прочитан: ${e.message}` };
    throw e;
  }
}

const key = (sheet: string, cell: string) => `${sheet.toLowerCase()}\u0000${cell}`;

/** What the report's cells named in the manifest hold now (the value a user may have typed). */
export async function reportCells(source: ByteSource, manifest: FormsManifest): Promise<(sheet: string, cell: string) => Cell> {
  const wanted = new Set<string>();
  for (const ind of manifest.indicators) {
    wanted.add(key(ind.sheet, ind.numerator));
    if (ind.denominator) wanted.add(key(ind.sheet, ind.denominator));
  }
  for (const s of manifest.schools) for (const a of s.roadmap?.activities ?? []) wanted.add(key(s.roadmap!.sheet, a.cell));
  const sheets = new Set([...wanted].map((k) => k.split("\u0000")[0]));
  const found = new Map<string, Cell>();
  const book = await openBook(source);
  for await (const sheet of book.sheets()) {
    if (!sheets.has(sheet.name.toLowerCase())) continue;
    for await (const row of sheet.rows())
      row.values.forEach((v, c) => {
        const k = key(sheet.name, a1(row.index, c));
        if (wanted.has(k)) found.set(k, v);
      });
  }
  const missing = [...sheets].filter((s) => !book.sheetNames.some((n) => n.toLowerCase() === s));
  if (missing.length > 0)
    throw new ShnorError(
      "unreadable-file",
      `В книге «${source.name}» нет листа «${missing[0]}», в который собираются формы: отчёт изменён.`,
    );
  return (sheet, cell) => found.get(key(sheet, cell)) ?? null;
}

/* NEW: the report's package with the forms' cells written. */

const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

const escapeText = (s: string) =>
  s
    // eslint-disable-next-line no-control-regex -- characters XML 1.0 may not hold
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, "&quot;");
const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, "&");

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]) : null;
};

/** Sheet name → part name, from the workbook and its relationships. */
function sheetParts(view: PackageView, workbook: string): { parts: Map<string, string>; workbookXml: string; rels: string } {
  const workbookXml = view.text(workbook);
  const rels = view.text(relsPath(workbook));
  if (workbookXml === null || rels === null) throw new ShnorError("unreadable-file", "В книге отчёта нет списка листов.");
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id && target) targets.set(id, target);
  }
  const base = workbook.includes("/") ? workbook.slice(0, workbook.lastIndexOf("/") + 1) : "";
  const parts = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], "name");
    const id = /\s(?:\w+:)?id="([^"]*)"/.exec(m[0])?.[1];
    const target = id ? targets.get(id) : undefined;
    if (!name || !target) continue;
    parts.set(name.toLowerCase(), target.startsWith("/") ? target.slice(1) : normalizePath(base + target));
  }
  return { parts, workbookXml, rels };
}

function normalizePath(path: string): string {
  const out: string[] = [];
  for (const piece of path.split("/")) {
    if (piece === "..") out.pop();
    else if (piece !== "." && piece !== "") out.push(piece);
  }
  return out.join("/");
}

function cellXml(ref: string, value: number | string, style: string | null): string {
  const s = style === null ? "" : ` s="${style}"`;
  if (typeof value === "number") return `<c r="${ref}"${s}><v>${value}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeText(value)}</t></is></c>`;
}

const REF = /^([A-Z]+)(\d+)$/;
function columnOf(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const ROW = /<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g;
const CELL = /<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g;

/**
 * The sheet's XML with each cell set (its style kept), rows and cells added in order where the sheet
 * has none; rows of `heights` (1-based, points) made that tall.
 */
export function setCells(
  xml: string,
  cells: Map<string, number | string>,
  sheet: string,
  heights: Map<number, number> = new Map(),
): string {
  const open = xml.search(/<sheetData\b/);
  if (open < 0) throw new ShnorError("unreadable-file", `Лист «${sheet}» отчёта не читается.`);
  const selfClosing = /^<sheetData\b[^>]*\/>/.exec(xml.slice(open));
  let body: string;
  let before: string;
  let after: string;
  if (selfClosing) {
    before = xml.slice(0, open) + selfClosing[0].replace(/\/>$/, ">");
    body = "";
    after = "</sheetData>" + xml.slice(open + selfClosing[0].length);
  } else {
    const start = xml.indexOf(">", open) + 1;
    const end = xml.indexOf("</sheetData>", start);
    before = xml.slice(0, start);
    body = xml.slice(start, end);
    after = xml.slice(end);
  }
  const byRow = new Map<number, [number, string, number | string][]>();
  for (const [ref, value] of cells) {
    const m = REF.exec(ref)!;
    const list = byRow.get(Number(m[2])) ?? [];
    list.push([columnOf(m[1]), ref, value]);
    byRow.set(Number(m[2]), list);
  }
  const rows = [...body.matchAll(ROW)].map((m) => ({
    at: m.index!,
    xml: m[0],
    r: Number(attr(m[0].slice(0, m[0].indexOf(">") + 1), "r")),
  }));
  if (rows.some((r) => !Number.isInteger(r.r) || r.r < 1))
    throw new ShnorError("unreadable-file", `Лист «${sheet}» отчёта записан без номеров строк: откройте отчёт в Excel и сохраните.`);
  let out = "";
  let last = 0;
  const pending = [...byRow.keys()].sort((a, b) => a - b);
  const height = (r: number) => (heights.has(r) ? ` ht="${heights.get(r)}" customHeight="1"` : "");
  const newRow = (r: number) =>
    `<row r="${r}"${height(r)}>${byRow
      .get(r)!
      .sort((a, b) => a[0] - b[0])
      .map(([, ref, v]) => cellXml(ref, v, null))
      .join("")}</row>`;
  for (const row of rows) {
    while (pending.length > 0 && pending[0] < row.r) {
      out += body.slice(last, row.at) + newRow(pending.shift()!);
      last = row.at;
    }
    if (pending[0] === row.r) {
      pending.shift();
      out += body.slice(last, row.at) + patchRow(row.xml, byRow.get(row.r)!, height(row.r));
      last = row.at + row.xml.length;
    }
  }
  out += body.slice(last);
  for (const r of pending) out += newRow(r);
  return before + out + after;
}

function patchRow(row: string, cells: [number, string, number | string][], height: string): string {
  const headEnd = row.indexOf(">") + 1;
  let head = row.slice(0, headEnd);
  if (height) head = head.replace(/\s(ht|customHeight)="[^"]*"/g, "").replace(/^<row\b/, `<row${height}`);
  let inner: string;
  if (head.endsWith("/>")) {
    head = head.slice(0, -2) + ">";
    inner = "";
  } else inner = row.slice(headEnd, row.length - "</row>".length);
  const existing = [...inner.matchAll(CELL)].map((m) => {
    const tag = m[0].slice(0, m[0].indexOf(">") + 1);
    const ref = attr(tag, "r");
    return { at: m.index!, xml: m[0], column: ref && REF.test(ref) ? columnOf(REF.exec(ref)![1]) : NaN, style: attr(tag, "s") };
  });
  if (existing.some((c) => Number.isNaN(c.column)))
    throw new ShnorError("unreadable-file", "Лист отчёта записан без адресов ячеек: откройте отчёт в Excel и сохраните.");
  let out = "";
  let last = 0;
  const pending = [...cells].sort((a, b) => a[0] - b[0]);
  for (const c of existing) {
    while (pending.length > 0 && pending[0][0] < c.column) {
      const [, ref, v] = pending.shift()!;
      out += inner.slice(last, c.at) + cellXml(ref, v, null);
      last = c.at;
    }
    if (pending.length > 0 && pending[0][0] === c.column) {
      const [, ref, v] = pending.shift()!;
      out += inner.slice(last, c.at) + cellXml(ref, v, c.style);
      last = c.at + c.xml.length;
    }
  }
  out += inner.slice(last);
  for (const [, ref, v] of pending) out += cellXml(ref, v, null);
  return `${head}${out}</row>`;
}

/** Number formats SpreadsheetML knows by id; any other is added to the book's own. */
const BUILTIN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "0%": 9, "0.00%": 10, "@": 49 };

/**
 * The book's styles.xml with a cell format for each look of `looks` (a resolved CellStyle and its number
 * format, as the exceljs writer renders them): font, fill, thin borders, alignment. Their ids, by look;
 * null where styles.xml is not as expected (the sheet is then written plain).
 */
function stylesWith(xml: string | null, looks: { style: CellStyle; numFmt: string }[]): { xml: string; ids: number[] } | null {
  if (xml === null) return null;
  const count = (tag: string) => new RegExp(`<${tag}\\b[^>]*?count="(\\d+)"[^>]*>`).exec(xml);
  const lists = { fonts: count("fonts"), fills: count("fills"), borders: count("borders"), cellXfs: count("cellXfs") };
  if (Object.entries(lists).some(([tag, m]) => !m || !xml.includes(`</${tag}>`))) return null;
  const next = Object.fromEntries(Object.entries(lists).map(([tag, m]) => [tag, Number(m![1])])) as Record<keyof typeof lists, number>;
  const added: Record<keyof typeof lists | "numFmts", string[]> = { fonts: [], fills: [], borders: [], cellXfs: [], numFmts: [] };
  const formats = [...xml.matchAll(/<numFmt\b[^>]*numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
  let nextFormat = Math.max(163, maxOf(formats)) + 1;
  const formatIds = new Map<string, number>();
  const thin = `<left style="thin"><color rgb="FF${COLORS.border}"/></left><right style="thin"><color rgb="FF${COLORS.border}"/></right><top style="thin"><color rgb="FF${COLORS.border}"/></top><bottom style="thin"><color rgb="FF${COLORS.border}"/></bottom><diagonal/>`;
  let borderId: number | null = null;
  const ids = looks.map(({ style, numFmt }) => {
    const font = next.fonts + added.fonts.length;
    added.fonts.push(
      `<font>${style.bold ? "<b/>" : ""}${style.italic ? "<i/>" : ""}<sz val="${style.size ?? DEFAULT_FONT.size}"/>` +
        `${style.fontColor ? `<color rgb="FF${style.fontColor}"/>` : ""}<name val="${DEFAULT_FONT.name}"/></font>`,
    );
    let fill = 0;
    if (style.fill) {
      fill = next.fills + added.fills.length;
      added.fills.push(
        `<fill><patternFill patternType="solid"><fgColor rgb="FF${style.fill}"/><bgColor rgb="FF${style.fill}"/></patternFill></fill>`,
      );
    }
    if (style.border && borderId === null) {
      borderId = next.borders + added.borders.length;
      added.borders.push(`<border>${thin}</border>`);
    }
    let format = BUILTIN_FORMATS[numFmt];
    if (format === undefined) {
      format = formatIds.get(numFmt) ?? nextFormat++;
      if (!formatIds.has(numFmt)) added.numFmts.push(`<numFmt numFmtId="${format}" formatCode="${escapeAttribute(numFmt)}"/>`);
      formatIds.set(numFmt, format);
    }
    const alignment =
      `<alignment${style.horizontal ? ` horizontal="${style.horizontal}"` : ""}${style.vertical ? ` vertical="${style.vertical === "middle" ? "center" : "top"}"` : ""}` +
      `${style.wrap ? ' wrapText="1"' : ""}/>`;
    added.cellXfs.push(
      `<xf numFmtId="${format}" fontId="${font}" fillId="${fill}" borderId="${style.border ? borderId : 0}" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">${alignment}</xf>`,
    );
    return next.cellXfs + added.cellXfs.length - 1;
  });
  let out = xml;
  for (const tag of ["fonts", "fills", "borders", "cellXfs"] as const) {
    if (added[tag].length === 0) continue;
    const m = lists[tag]!;
    out = out
      .replace(m[0], m[0].replace(`count="${m[1]}"`, `count="${next[tag] + added[tag].length}"`))
      .replace(`</${tag}>`, `${added[tag].join("")}</${tag}>`);
  }
  if (added.numFmts.length > 0) {
    const own = /<numFmts\b[^>]*?count="(\d+)"[^>]*>/.exec(out);
    if (own && out.includes("</numFmts>"))
      out = out
        .replace(own[0], own[0].replace(`count="${own[1]}"`, `count="${Number(own[1]) + added.numFmts.length}"`))
        .replace("</numFmts>", `${added.numFmts.join("")}</numFmts>`);
    else
      out = out.replace(/<(\w+:)?fonts\b/, (open) => `<numFmts count="${added.numFmts.length}">${added.numFmts.join("")}</numFmts>${open}`);
  }
  return { xml: out, ids };
}

/**
 * A described sheet as SpreadsheetML, as the report's writer would render it: values, the looks of
 * STYLES (through `styles`), widths, heights, merges and print setup. Its looks come first
 * (`sheetLooks`), so styles.xml can be given them before the sheet is written.
 */
export function sheetLooks(spec: SheetSpec): {
  cells: Map<number, Map<number, SpecValue>>;
  looks: { style: CellStyle; numFmt: string }[];
  lookOf: Map<string, number>;
} {
  // Every cell with a value or under a style range: a bordered table's empty cells are drawn too.
  const cells = new Map<number, Map<number, SpecValue>>();
  const put = (row: number, column: number, value: SpecValue) => {
    let line = cells.get(row);
    if (!line) cells.set(row, (line = new Map()));
    if (value !== null || !line.has(column)) line.set(column, value);
  };
  for (const r of spec.styles)
    for (let row = r.row; row < r.row + r.rows; row++) for (let c = r.column; c < r.column + r.columns; c++) put(row, c, null);
  for (const { row, column, values } of specRows(spec)) values.forEach((v, i) => put(row, column + i, v));
  const index = new StyleIndex(spec.styles);
  const looks: { style: CellStyle; numFmt: string }[] = [];
  const lookOf = new Map<string, number>();
  for (const [row, line] of cells)
    for (const [column, value] of line) {
      const style = index.at(row, column);
      const numFmt = cellFormat(value, style.numberFormat);
      const key = JSON.stringify([style, numFmt]);
      if (!lookOf.has(key)) {
        lookOf.set(key, looks.length);
        looks.push({ style, numFmt });
      }
    }
  return { cells, looks, lookOf };
}

export function sheetXml(spec: SheetSpec, laid: ReturnType<typeof sheetLooks>, styleIds: number[] | null): string {
  const fit = fitSheet(spec);
  const index = new StyleIndex(spec.styles);
  const cols = fit.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  let rows = "";
  for (const row of [...laid.cells.keys()].sort((a, b) => a - b)) {
    const line = laid.cells.get(row)!;
    const xml = [...line.keys()]
      .sort((a, b) => a - b)
      .map((column) => {
        const value = line.get(column)!;
        const style = index.at(row, column);
        const look = laid.lookOf.get(JSON.stringify([style, cellFormat(value, style.numberFormat)]))!;
        const s = styleIds ? String(styleIds[look]) : null;
        const ref = a1(row, column);
        if (value !== null && "text" in value) return cellXml(ref, value.text, s);
        if (value !== null && "number" in value) return cellXml(ref, value.number, s);
        return s === null ? "" : `<c r="${ref}" s="${s}"/>`;
      })
      .join("");
    const h = fit.rowHeights.get(row);
    rows += `<row r="${row + 1}"${h ? ` ht="${h}" customHeight="1"` : ""}>${xml}</row>`;
  }
  const merges = spec.merges.length
    ? `<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${a1(m.row, m.column)}:${a1(m.row + m.rows - 1, m.column + m.columns - 1)}"/>`).join("")}</mergeCells>`
    : "";
  const print = sheetPrint(spec, fit.columnWidths);
  const margins = Object.entries(SHEET_MARGINS)
    .map(([side, inches]) => `${side}="${inches}"`)
    .join(" ");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    (print?.scale === "fitWidth" ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : "") +
    `${cols ? `<cols>${cols}</cols>` : ""}<sheetData>${rows}</sheetData>${merges}` +
    (print
      ? `<pageMargins ${margins}/>` +
        `<pageSetup paperSize="9" orientation="${print.orientation}" ${print.scale === "fitWidth" ? 'fitToWidth="1" fitToHeight="0"' : `scale="${print.scale}"`}/>`
      : "") +
    `</worksheet>`
  );
}

/** The names of the book's sheets, in tab order. */
export function packageSheetNames(bytes: Uint8Array): string[] {
  let names: string[] = [];
  editPackage(bytes, "формы в книгу отчёта", (view) => {
    const workbook = view.text(workbookEntry(view)) ?? "";
    names = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => attr(m[0], "name") ?? "");
    return { replace: new Map() };
  });
  return names;
}

/**
 * NEW: the report's package with the plan's cells written (each keeps its
 * cell's style), «Сбор форм» added after the last sheet, and every formula
 * computed again on opening. Nothing else in the package changes.
 */
export function filledReport(bytes: Uint8Array, plan: CollectionPlan): Uint8Array {
  return editPackage(bytes, "формы в книгу отчёта", (view) => {
    const workbook = workbookEntry(view);
    const { parts, workbookXml, rels } = sheetParts(view, workbook);
    const replace = new Map<string, string>();
    const bySheet = new Map<string, { cells: Map<string, number | string>; heights: Map<number, number> }>();
    for (const w of plan.writes) {
      const sheet = bySheet.get(w.sheet.toLowerCase()) ?? { cells: new Map<string, number | string>(), heights: new Map<number, number>() };
      sheet.cells.set(w.cell, w.value);
      if (w.height) sheet.heights.set(Number(REF.exec(w.cell)![2]), w.height);
      bySheet.set(w.sheet.toLowerCase(), sheet);
    }
    for (const [sheet, { cells, heights }] of bySheet) {
      const part = parts.get(sheet);
      const xml = part ? view.text(part) : null;
      if (!part || xml === null)
        throw new ShnorError("unreadable-file", `В книге отчёта нет листа «${sheet}», в который собираются формы.`);
      replace.set(part, setCells(xml, cells, sheet, heights));
    }

    // «Сбор форм»: a new worksheet part, its relationship, its place in the workbook and its content type.
    let n = 1;
    while (view.names.includes(`xl/worksheets/sheet${n}.xml`)) n++;
    const part = `xl/worksheets/sheet${n}.xml`;
    const relIds = new Set([...rels.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]));
    let id = 1;
    while (relIds.has(`rId${id}`)) id++;
    const base = workbook.includes("/") ? workbook.slice(0, workbook.lastIndexOf("/") + 1) : "";
    const target = base && part.startsWith(base) ? part.slice(base.length) : `/${part}`;
    replace.set(
      relsPath(workbook),
      rels.replace(/<\/Relationships>\s*$/, `<Relationship Id="rId${id}" Type="${WORKSHEET_REL}" Target="${target}"/></Relationships>`),
    );
    const sheetIds = [...workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*\ssheetId="(\d+)"/g)].map((m) => Number(m[1]));
    const rPrefix = /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(workbookXml)?.[1];
    const rAttr = rPrefix ? `${rPrefix}:id` : `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id`;
    const sheetTag = `<sheet name="${escapeAttribute(plan.sheet.name)}" sheetId="${Math.max(0, maxOf(sheetIds)) + 1}" ${rAttr}="rId${id}"/>`;
    let book = workbookXml.replace(/<\/(\w+:)?sheets>/, (close) => `${sheetTag}${close}`);
    // The sums change what every formula shows: computed again on opening, in every program.
    if (/<(\w+:)?calcPr\b/.test(book))
      book = book.replace(
        /<((?:\w+:)?calcPr)\b([^>]*?)(\/?)>/,
        (_, tag: string, attrs: string, close: string) =>
          `<${tag}${attrs.replace(/\sfullCalcOnLoad="[^"]*"/, "")} fullCalcOnLoad="1"${close}>`,
      );
    else if (/<\/(\w+:)?definedNames>/.test(book))
      book = book.replace(/<\/(\w+:)?definedNames>/, (close) => `${close}<calcPr fullCalcOnLoad="1"/>`);
    else book = book.replace(/<\/(\w+:)?sheets>/, (close) => `${close}<calcPr fullCalcOnLoad="1"/>`);
    replace.set(workbook, book);
    const types = view.text("[Content_Types].xml") ?? "";
    replace.set(
      "[Content_Types].xml",
      types.replace("</Types>", `<Override PartName="/${part}" ContentType="${WORKSHEET_TYPE}"/></Types>`),
    );
    const laid = sheetLooks(plan.sheet);
    const stylesPart = parts.size > 0 ? findStyles(view, workbook) : null;
    const styles = stylesPart ? stylesWith(view.text(stylesPart), laid.looks) : null;
    if (stylesPart && styles) replace.set(stylesPart, styles.xml);
    replace.set(part, sheetXml(plan.sheet, laid, styles?.ids ?? null));
    return { replace };
  });
}

function findStyles(view: PackageView, workbook: string): string | null {
  const rels = view.text(relsPath(workbook)) ?? "";
  const m = /<Relationship\b[^>]*Type="[^"]*\/styles"[^>]*>/.exec(rels);
  const target = m ? attr(m[0], "Target") : null;
  if (!target) return null;
  const base = workbook.includes("/") ? workbook.slice(0, workbook.lastIndexOf("/") + 1) : "";
  return target.startsWith("/") ? target.slice(1) : normalizePath(base + target);
}

/**
 * NEW from a report's bytes and the returned forms, read: the forms checked,
 * matched and summed, the report's current cells compared, its package
 * patched. `shnor collect-forms` and the page's «Собрать формы» both.
 */
export async function collectIntoReport(
  report: { name: string; bytes: Uint8Array; manifest?: FormsManifest },
  forms: ReadForm[],
  expected?: FormSchools,
): Promise<{ bytes: Uint8Array; collected: CollectedForms; plan: CollectionPlan }> {
  const source = bytesSource(report.bytes, report.name);
  const manifest = report.manifest ?? (await readFormsManifest(source));
  const collected = collectForms(manifest, forms, expected);
  const plan = collectionPlan(manifest, collected, await reportCells(source, manifest), packageSheetNames(report.bytes));
  return { bytes: filledReport(report.bytes, plan), collected, plan };
}
