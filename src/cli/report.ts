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
import {
  analyzeTable,
  collectGrid,
  collectSpec,
  dynamicsInputOf,
  COLLECT_SHEET,
  markSpec,
  readTable,
  ResultsTable,
  SheetSpec,
  ShnorError,
  StoredSettings,
} from "../core";
import { parseSchoolYear, SCHOOL_YEAR_EXAMPLE, schoolYearText } from "../core/school-year";
import { AnnexSchools, buildDocuments, DocumentSettingsInput, INDICATORS } from "../core/documents";
import { cleanSheetName } from "../core/documents/names";
import { copyOptions, copyWorksheet, RowHook, streamCopy } from "../writers/copy-sheet";
import type { Io } from "./main";
import { parseOptions, RULE_OPTIONS, settingsFromOptions } from "./options";
import { marksWriter, sheetOptions, writeSheetSpec } from "../writers/sheet-writer";
import { addStreamSheet, computeOnOpening, streamSheetSpec } from "../writers/stream-book";
import { checkOutput } from "./collect";
import { readInputPaths } from "./inputs";
import { bookSettings, mergedDocuments, mergedSettings, settingsSource } from "./book-settings";
import { storeSettings, usedSettings } from "./report-settings";
import { styledSheet } from "../io/styled";
import { fileSource } from "../io/node";
import { openBook } from "../io/open";

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

/** The school year as the pane and the page read it; the message names the option. */
export function schoolYearOption(text: string): number {
  const start = parseSchoolYear(text);
  if (start === null) throw new ShnorError("bad-setting", `--school-year: учебный год, ${SCHOOL_YEAR_EXAMPLE}, а не «${text}».`);
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
  // Only what was typed: the rest may come from the book's stored settings.
  const order = { number: values["order-number"], date: values["order-date"], issuer: values["order-issuer"] };
  if (Object.values(order).some((v) => v !== undefined))
    settings.order = Object.fromEntries(Object.entries(order).filter(([, v]) => v !== undefined));
  if (values.uo !== undefined || values.imc !== undefined) {
    settings.names = {};
    if (values.uo !== undefined) settings.names.uo = values.uo;
    if (values.imc !== undefined) settings.names.imc = values.imc;
  }
  if (values["no-school-roadmaps"]) settings.schoolRoadmaps = false;
  return settings;
}

/**
 * Streams the user's sheets `names` from `file` into the report book, each
 * with its look (see copy-sheet.ts); `hook` marks the results sheet.
 */
async function copySheets(
  file: string,
  names: string[],
  book: ExcelJS.stream.xlsx.WorkbookWriter,
  hook: RowHook | undefined,
): Promise<void> {
  const source = await fileSource(file);
  try {
    for await (const sheet of (await openBook(source)).sheets()) {
      if (names.includes(sheet.name)) await streamCopy(book, sheet.name, styledSheet(sheet), hook);
    }
  } finally {
    await source.close?.();
  }
}

/** What the report writes, worked out before writing; the table and the analysis are let go with it. */
interface ReportPlan {
  sheetNames: string[];
  /** Many files: the joined table, written into a scratch book to be copied. */
  joined: ExcelJS.Worksheet | null;
  hook: RowHook | undefined;
  specs: SheetSpec[];
  used: StoredSettings;
  /** What the command says after the book is written. */
  lines: string[];
}

async function planReport(positionals: string[], values: Values): Promise<ReportPlan> {
  const options = settingsFromOptions(values);
  const docOptions = documentSettingsFromOptions(values);
  const bookStored = await bookSettings(positionals, values["ignore-book-settings"] === true);
  const settings = mergedSettings(bookStored, options);
  const docSettings = mergedDocuments(bookStored, docOptions);
  const read = await readInputPaths(positionals, { sheet: values.sheet, overridesBySheet: bookStored.stored?.overrides });
  // exceljs cannot write a sheet under a name Excel would refuse (other programs write them).
  // One book whose sheets each hold one table: its sheets are copied (an .xlsx with its styles) and marked.
  // Otherwise (many files, tables side by side) the results sheet is the joined table.
  const oneBook =
    read.files.length === 1 &&
    !read.inputs.some((i) => "conflicts" in i.table || cleanSheetName(i.table.sheetName) !== i.table.sheetName) &&
    (await stat(positionals[0]).catch(() => null))?.isFile() === true;
  let table: ResultsTable = read.table;
  // One book: its sheets are read again as they stream into the report. Many files: the joined
  // table («свод»), built in a scratch book and read back so the marks know its columns.
  let joined: ExcelJS.Worksheet | null = null;
  let sheetNames: string[];
  if (oneBook) sheetNames = [...new Set(read.inputs.map((i) => i.table.sheetName))];
  else {
    const grid = collectGrid(read.table);
    joined = writeSheetSpec(new ExcelJS.Workbook(), collectSpec(grid));
    table = readTable(grid);
    sheetNames = [COLLECT_SHEET];
  }
  const analysis = analyzeTable(table, settings);
  // ФИС ОКО puts one procedure on a sheet: statuses go to a list of their own instead of one results sheet.
  const results =
    (table.layout === "wide" || table.layout === "long") && sheetNames.length === 1
      ? { sheetName: sheetNames[0], marks: markSpec(table, analysis) }
      : null;
  const documents = buildDocuments({
    table,
    analysis,
    settings: docSettings,
    results,
    existingSheetNames: sheetNames,
    // The joined table read back keeps no pupils or journal rows: the signals take them from what was read.
    dynamics: dynamicsInputOf(read.table),
  });

  const documentNames = documents.sheets.map((s) => s.name);
  const charted = documents.sheets.filter((s) => s.charts.length > 0).map((s) => `«${s.name}»`);

  const lines: string[] = [];
  lines.push(...settingsSource(bookStored, options, read, docOptions).lines);
  lines.push(`Листы: ${[...sheetNames, ...documentNames].map((n) => `«${n}»`).join(", ")}.`);
  lines.push(
    `ШНОР: ${analysis.summary.shnor} из ${analysis.summary.schools}; в зоне риска: ${analysis.summary.risk}. Учебный год дорожной карты: ${schoolYearText(documents.settings.schoolYear)}.`,
  );
  lines.push(...documents.notes);
  if (charted.length > 0)
    lines.push(`Диаграммы на листах ${charted.join(", ")} не построены (их строит надстройка); на их месте — пояснение.`);
  return {
    sheetNames,
    joined,
    hook: results ? marksWriter(results.marks) : undefined,
    specs: documents.sheets,
    used: usedSettings(bookStored, analysis.settings, documents.settings, documentNames),
    lines,
  };
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

  const plan = await planReport(positionals, values);

  // Written beside the target and renamed, so a failure never leaves half a book under the name;
  // row by row through exceljs's streaming writer, so a region's report is not held whole in memory.
  const temp = join(outDir, `.${basename(output)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temp, useStyles: true, useSharedStrings: true });
    book.creator = "ШНОР-монитор";
    computeOnOpening(book);
    if (plan.joined) {
      const copy = addStreamSheet(book, plan.joined.name, copyOptions(plan.joined));
      copyWorksheet(plan.joined, copy, plan.hook);
      (copy as unknown as { commit(): void }).commit();
    } else await copySheets(positionals[0], plan.sheetNames, book, plan.hook);
    // Each description is let go once written: a region's «Динамика» alone holds hundreds of megabytes.
    for (let spec = plan.specs.shift(); spec; spec = plan.specs.shift()) {
      const ws = addStreamSheet(book, spec.name, sheetOptions(spec));
      await streamSheetSpec(ws, spec);
      (ws as unknown as { commit(): void }).commit();
    }
    await book.commit();
    await storeSettings(temp, plan.used);
    await rename(temp, output);
  } catch (e) {
    await rm(temp, { force: true });
    if (e instanceof ShnorError) throw e;
    throw new ShnorError("host", `Не удалось записать книгу «${output}» (${(e as Error).message}).`);
  }

  io.out(`Записана книга «${output}».`);
  for (const line of plan.lines) io.out(line);
  return 0;
}
