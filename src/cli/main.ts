/**
 * The `shnor` command: the engine on .xlsx files, for report preparers with
 * many workbooks and for Excel without add-ins. Errors are one Russian line
 * on stderr and exit code 2; the input file is only ever read.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeTable, jsonReportStream, JsonFile, ShnorError, writeJson } from "../core";
import type { FileReading, InputsReading } from "../io/inputs";
import { bookSettings, mergedSettings, settingsAfterReading, settingsSource } from "./book-settings";
import { USAGE } from "./help";
import { readInputPaths } from "./inputs";
import { defaultIo, Io, writeLines, writeLinesAsBytes, writeLong } from "./io";
import { parseOptions, RULE_OPTIONS, settingsFromOptions } from "./options";
import { readableReport } from "./readable";

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    // A usage error: one line where errors go; the 40 lines of help are for --help.
    if (command === undefined)
      throw new ShnorError("bad-setting", "Укажите команду: shnor analyze|report|collect ФАЙЛ|ПАПКА … Справка: shnor --help");
    if (command === "--help" || command === "-h" || command === "help") {
      io.out(USAGE);
      return 0;
    }
    if (command === "--version" || command === "-v" || command === "version") {
      io.out(`ШНОР-монитор (shnor) ${packageVersion()}`);
      return 0;
    }
    if (command === "analyze") return await analyzeCommand(rest, io);
    // exceljs (for writing books) is loaded only when a book is written.
    if (command === "report") return await (await import("./report")).reportCommand(rest, io, USAGE);
    if (command === "collect") return await (await import("./collect")).collectCommand(rest, io, USAGE);
    if (command === "forms") return await (await import("./forms")).formsCommand(rest, io, USAGE);
    if (command === "collect-forms") return await (await import("./forms")).collectFormsCommand(rest, io, USAGE);
    throw new ShnorError(
      "bad-setting",
      `Неизвестная команда «${command}». Команды: analyze, report, collect, forms, collect-forms, --version. Справка: shnor --help`,
    );
  } catch (e) {
    io.err(errorLine(e));
    return 2;
  }
}

/** The package's version: package.json sits two folders up from both src/cli and dist/cli. */
export function packageVersion(): string {
  const text = readFileSync(join(__dirname, "..", "..", "package.json"), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

/** Known failures keep their Russian message; anything else still gets one line, never a stack. */
export function errorLine(e: unknown): string {
  if (e instanceof ShnorError) return `Ошибка: ${e.message}`;
  const message = e instanceof Error ? e.message : String(e);
  return `Ошибка: не удалось выполнить команду (${message}).`;
}

async function analyzeCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...RULE_OPTIONS, json: { type: "boolean" } } as const);
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new ShnorError("bad-setting", "Укажите файл или папку с книгами: shnor analyze ФАЙЛ|ПАПКА …");
  const options = settingsFromOptions(values); // a bad option is reported before the files are read
  const stored = await bookSettings(positionals, values["ignore-book-settings"] === true);
  const read = await readInputPaths(positionals, { sheet: values.sheet, overridesBySheet: stored.stored?.overrides });
  const book = settingsAfterReading(stored, read, options);
  const analysis = analyzeTable(read.table, mergedSettings(book, options));
  const { source, lines } = settingsSource(book, options, read);
  const file = inputsName(read);
  if (values.json) {
    const report = { ...jsonReportStream(file, read.table, analysis, jsonFiles(read.files)), settingsSource: source };
    await writeLong(io, (write) => writeJson(report, write));
  } else {
    const parts = [lines, readableReport(file, read.table, analysis, read)];
    if (io.writeBytes) await writeLinesAsBytes(parts, io.writeBytes);
    else await writeLong(io, (write) => writeLines(parts, write));
  }
  return 0;
}

/** The `file` of the JSON and the report: the one file's name, or the names of all read (not those left out). */
export function inputsName(read: InputsReading): string {
  return read.files
    .filter((f) => f.skipped === undefined)
    .map((f) => f.file)
    .join(", ");
}

export function jsonFiles(files: FileReading[]): JsonFile[] {
  return files.map((f) => ({
    file: f.file,
    format: f.format,
    sheets: f.sheets.map(({ table: _table, ...sheet }) => sheet),
    ...(f.skipped !== undefined ? { skipped: f.skipped } : {}),
  }));
}
