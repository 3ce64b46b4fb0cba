/**
 * `shnor report FILE.xlsx -o OUT.xlsx`: a new book with the results sheet
 * (values, formats, widths, merges) marked with statuses and conditional
 * formats, and the documents: core's report plan rendered by the writers in
 * src/writers, which the web page shares. The input is only ever read.
 */
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { PlannedSheet, planReport, planWord, REPORT_SCHOOLS_GUARD, ShnorError, StoredSettings, WordDocument } from "../core";
import { parseSchoolYear, SCHOOL_YEAR_EXAMPLE } from "../core/school-year";
import { acceptsDocumentSettings, checkDocumentSettings, DocumentSettingsInput } from "../core/documents";
import type { Io } from "./io";
import { indicatorList, parseOptions, RULE_OPTIONS, schoolsOption, settingsFromOptions } from "./options";
import { reportBookLines, sheetOpener, writeReportBook } from "../writers/report-book";
import { computeOnOpening, streamingSink } from "../writers/stream-book";
import { wordFile } from "../writers/word";
import { checkOutput, nameTooLong, probeFolder, streamBook, tempBeside, writeFailure, writeOutput } from "./output";
import { expandInputs, InputFile, readInputPaths } from "./inputs";
import { bookSettings, mergedDocuments, mergedSettings, settingsAfterReading, settingsSource } from "./book-settings";
import { storeSettings, usedSettings } from "./report-settings";
import { sourceTables } from "../io/inputs";
import { fileSource } from "../io/node";
import { FormsManifest, formsManifest } from "../core/forms";
import { newReportId } from "../io/book-settings";

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
  word: { type: "string" },
  font: { type: "string" },
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
  const schools = schoolsOption(values.schools);
  if (schools) settings.annexSchools = schools;
  if (values["school-year"] !== undefined) settings.schoolYear = schoolYearOption(values["school-year"]);
  if (values.indicators !== undefined) {
    const v = values.indicators.trim();
    if (v === "typical" || v === "all") settings.indicators = v;
    else {
      const ids = v
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s);
      // Core's catalogue check, each code alone, so the line can name the unknown ones.
      const unknown = ids.filter((id) => !acceptsDocumentSettings({ indicators: [id] }));
      if (unknown.length > 0 || ids.length === 0)
        throw new ShnorError(
          "bad-setting",
          `--indicators: неизвестные показатели ${unknown.join(", ") || "—"}; возможные: typical, all или коды каталога (shnor report --indicators list).`,
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
  if (values.font !== undefined) settings.font = values.font;
  checkDocumentSettings(settings); // core's checks (a real order date…) before any file is read
  return settings;
}

/** What the report writes, worked out before writing; the table and the analysis are let go with the plan. */
interface CommandPlan {
  sheets: PlannedSheet[];
  /** The Word documents, when `--word` asks for them, with their font. */
  word: { docs: WordDocument[]; font: string } | null;
  /** The one book read, to copy its sheet from. */
  book: InputFile | null;
  used: StoredSettings;
  /** Where forms for schools put their figures (read by shnor forms / collect-forms). */
  forms: FormsManifest;
  /** What the command says after the book is written. */
  lines: string[];
}

async function planFromOptions(positionals: string[], values: Values): Promise<CommandPlan> {
  const options = settingsFromOptions(values);
  const docOptions = documentSettingsFromOptions(values);
  const stored = await bookSettings(positionals, values["ignore-book-settings"] === true);
  const read = await readInputPaths(positionals, {
    sheet: values.sheet,
    overridesBySheet: stored.stored?.overrides,
    maxSchools: REPORT_SCHOOLS_GUARD,
  });
  const book = settingsAfterReading(stored, read, options);
  const settings = mergedSettings(book, options);
  const docSettings = mergedDocuments(book, docOptions);
  const plan = planReport({ table: read.table, sources: sourceTables(read), files: read.files.length, settings, documents: docSettings });
  const files = await expandInputs(positionals);
  const documentNames = plan.documents.sheets.map((s) => s.name);
  const lines = [...settingsSource(book, options, read, docOptions).lines, ...reportBookLines(plan)];
  return {
    sheets: plan.sheets,
    word: values.word === undefined ? null : { docs: planWord(plan), font: plan.documents.settings.font },
    book: plan.carry.kind === "copy" ? files[0] : null,
    used: usedSettings(book, plan.analysis.settings, plan.documents.settings, documentNames),
    forms: formsManifest(plan, newReportId()),
    lines,
  };
}

export async function reportCommand(args: string[], io: Io, usage: string): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.out(usage);
    return 0;
  }
  if (values.indicators?.trim() === "list") {
    indicatorList().forEach((line) => io.out(line));
    return 0;
  }
  if (positionals.length === 0) throw new ShnorError("bad-setting", "Укажите файл или папку: shnor report ФАЙЛ|ПАПКА … -o НОВЫЙ.xlsx");
  const output = values.output;
  if (!output) throw new ShnorError("bad-setting", "Укажите, куда записать новую книгу: -o НОВЫЙ.xlsx");
  await checkOutput(output, positionals, "новую книгу");
  const wordDir = values.word === undefined ? null : await checkWordDir(values.word);

  const { sheets, word, book: source, used, forms, lines } = await planFromOptions(positionals, values);

  // Written beside the target and renamed (writeOutput), so a failure never leaves half a book under the name;
  // row by row through exceljs's streaming writer, so a region's report is not held whole in memory.
  await writeOutput(output, async (temp) => {
    await streamBook(temp, async (book) => {
      computeOnOpening(book);
      await writeReportBook(
        sheets,
        streamingSink(book),
        sheetOpener(() => fileSource((source as InputFile).path, (source as InputFile).name)),
      );
    });
    await storeSettings(temp, used, forms);
  });

  io.out(`Записана книга «${output}».`);
  if (word && wordDir) {
    const files = await writeWordFiles(wordDir, word.docs, word.font);
    io.out(`Записаны документы Word в папку «${wordDir}»: ${files.map((f) => `«${f}»`).join(", ")}.`);
  }
  for (const line of lines) io.out(line);
  return 0;
}

/** How a failure to write the Word documents names them: «Не удалось записать документы Word в папку «…»: …». */
const WORD_FOLDER = "документы Word в папку";

/** The folder for the Word documents: made if it is missing, refused if it is a file; checked before anything is read. */
async function checkWordDir(dir: string): Promise<string> {
  if (dir.trim() === "") throw new ShnorError("bad-setting", "--word: укажите папку для документов Word.");
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) throw new ShnorError("bad-setting", `--word: «${dir}» — файл, а нужна папка для документов Word.`);
  if (!info && !(await stat(dirname(resolve(dir))).catch(() => null))?.isDirectory())
    throw new ShnorError("bad-setting", `--word: папка «${dirname(resolve(dir))}» не существует.`);
  if (!info && nameTooLong(dir)) throw writeFailure(dir, { code: "ENAMETOOLONG" }, WORD_FOLDER);
  await probeFolder(info ? dir : dirname(resolve(dir)), (e) => writeFailure(dir, e, WORD_FOLDER));
  return dir;
}

/**
 * Each document written beside its name and renamed once all are written, so a failure leaves no half
 * document and no set of documents where some are new and some old.
 */
async function writeWordFiles(dir: string, docs: WordDocument[], font: string): Promise<string[]> {
  const written: { temp: string; target: string }[] = [];
  try {
    await mkdir(dir, { recursive: true });
    for (const doc of docs) {
      const target = join(dir, doc.fileName);
      const temp = tempBeside(target);
      written.push({ temp, target });
      await writeFile(temp, await wordFile(doc, font));
    }
    for (const { temp, target } of written) await rename(temp, target);
  } catch (e) {
    for (const { temp } of written) await rm(temp, { force: true }).catch(() => undefined);
    throw writeFailure(dir, e, WORD_FOLDER);
  }
  return docs.map((d) => d.fileName);
}
