/**
 * `shnor report FILE.xlsx -o OUT.xlsx`: a new book with the results sheet
 * (values, formats, widths, merges) marked with statuses and conditional
 * formats, and the documents (marks and documents by src/report/book.ts,
 * which the web page shares). The input is only ever read.
 */
import { randomBytes } from "node:crypto";
import { rename, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import ExcelJS from "exceljs";
import { analyzeTable, collectGrid, COLLECT_SHEET, readTable, ResultsTable, ShnorError } from "../core";
import { AnnexSchools, DocumentSettingsInput, INDICATORS } from "../core/documents";
import { copySheets, finishReport, reportLines } from "../report/book";
import type { Io } from "./main";
import { parseOptions, RULE_OPTIONS, settingsFromOptions } from "./options";
import { checkOutput, writeGrid } from "./collect";
import { readInputPaths } from "./inputs";

const OPTIONS = {
  ...RULE_OPTIONS,
  output: { type: "string", short: "o" },
  schools: { type: "string" },
  "school-year": { type: "string" },
  indicators: { type: "string" },
  "order-number": { type: "string" },
  "order-date": { type: "string" },
  "order-issuer": { type: "string" },
  uo: { type: "string" },
  imc: { type: "string" },
  "no-school-roadmaps": { type: "boolean" },
} as const;

const parse = (args: string[]) => parseOptions(args, OPTIONS);

type Values = ReturnType<typeof parse>["values"];

/** «2025» or «2025/2026» (also «2025/26», «2025-2026»): the second year must follow the first. */
export function schoolYearOption(text: string): number {
  const bad = () => new ShnorError("bad-setting", `--school-year: учебный год, например 2025/2026 или 2025 (год начала), а не «${text}».`);
  const m = /^(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?$/.exec(text.trim());
  if (!m) throw bad();
  const start = Number(m[1]);
  if (start < 2000 || start > 2099) throw bad();
  if (m[2] !== undefined) {
    const end = m[2].length === 2 ? Math.floor(start / 100) * 100 + Number(m[2]) : Number(m[2]);
    if (end !== start + 1) throw bad();
  }
  return start;
}

export function documentSettingsFromOptions(values: Values): DocumentSettingsInput {
  const settings: DocumentSettingsInput = {};
  if (values.schools !== undefined) {
    if (!["shnor", "risk", "all"].includes(values.schools))
      throw new ShnorError("bad-setting", "--schools: shnor (только ШНОР), risk (ШНОР и зона риска) или all (все ОО).");
    settings.annexSchools = values.schools as AnnexSchools;
  }
  if (values["school-year"] !== undefined) settings.schoolYear = schoolYearOption(values["school-year"]);
  if (values.indicators !== undefined) {
    const v = values.indicators.trim();
    if (v === "typical" || v === "all") settings.indicators = v;
    else {
      const ids = v
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s);
      const known = new Set(INDICATORS.map((i) => i.id));
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length > 0 || ids.length === 0)
        throw new ShnorError(
          "bad-setting",
          `--indicators: неизвестные показатели ${unknown.join(", ") || "—"}; возможные: typical, all или коды каталога.`,
        );
      settings.indicators = ids;
    }
  }
  settings.order = { number: values["order-number"] ?? "", date: values["order-date"] ?? "", issuer: values["order-issuer"] ?? "" };
  settings.names = {};
  if (values.uo !== undefined) settings.names.uo = values.uo;
  if (values.imc !== undefined) settings.names.imc = values.imc;
  if (values["no-school-roadmaps"]) settings.schoolRoadmaps = false;
  return settings;
}

async function loadBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new ShnorError("unreadable-file", `Не удалось прочитать книгу «${file}» (${(e as Error).message}).`);
  }
  return wb;
}

export async function reportCommand(args: string[], io: Io, usage: string): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.out(usage);
    return 0;
  }
  if (positionals.length === 0) throw new ShnorError("bad-setting", "Укажите файл или папку: shnor report ФАЙЛ|ПАПКА … -o НОВЫЙ.xlsx");
  const output = values.output;
  if (!output) throw new ShnorError("bad-setting", "Укажите, куда записать новую книгу: -o НОВЫЙ.xlsx");
  const outDir = await checkOutput(output, positionals, "новую книгу");

  const settings = settingsFromOptions(values);
  const docSettings = documentSettingsFromOptions(values);
  const read = await readInputPaths(positionals, { sheet: values.sheet });
  const oneBook = read.files.length === 1 && (await stat(positionals[0]).catch(() => null))?.isFile() === true;
  let table: ResultsTable = read.table;
  const book = new ExcelJS.Workbook();
  book.creator = "ШНОР-монитор";
  let copied: ExcelJS.Worksheet[];
  let sheetNames: string[];
  if (oneBook) {
    // The streaming reader keeps no merges, widths or styles: the source is read again whole to copy the sheet.
    sheetNames = read.inputs.map((i) => i.table.sheetName);
    const source = await loadBook(positionals[0]);
    copied = copySheets(
      book,
      sheetNames.map((name) => source.getWorksheet(name)).filter((ws): ws is ExcelJS.Worksheet => ws !== undefined),
    );
  } else {
    // Many files: the results sheet is the joined table («свод»), read back so the marks know its columns.
    const grid = collectGrid(read.table);
    copied = [writeGrid(book, grid, [2, 3])];
    table = readTable(grid);
    sheetNames = [COLLECT_SHEET];
  }
  const analysis = analyzeTable(table, settings);
  const report = finishReport({ book, results: copied, table, analysis, documents: docSettings, existingSheetNames: sheetNames });

  // Written beside the target and renamed, so a failure never leaves half a book under the name.
  const temp = join(outDir, `.${basename(output)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await book.xlsx.writeFile(temp);
    await rename(temp, output);
  } catch (e) {
    await rm(temp, { force: true });
    throw new ShnorError("host", `Не удалось записать книгу «${output}» (${(e as Error).message}).`);
  }

  io.out(`Записана книга «${output}».`);
  for (const line of reportLines(report, analysis)) io.out(line);
  return 0;
}
