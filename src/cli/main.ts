/**
 * The `shnor` command: the engine on .xlsx files, for report preparers with
 * many workbooks and for Excel without add-ins. Errors are one Russian line
 * on stderr and exit code 2; the input file is only ever read.
 */
import {
  analyzeTable,
  formatPercent,
  jsonReportStream,
  writeJson,
  JsonFile,
  reasonText,
  recognitionLines,
  sheetRecognitionLines,
  ShnorError,
  Analysis,
  ResultsTable,
  resolveSettings,
  procedureLabel,
  COMPARISON_TEXT,
  conflictText,
  Dynamics,
  JoinedTable,
  renamedText,
  dynamicsInputOf,
  dynamicsLines,
  dynamicsOf,
  municipalityTaskLines,
  taskAnalysis,
  TaskAnalysis,
  ZONE_SOURCE,
} from "../core";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SHEET_TITLES } from "../core/documents/names";
import { sheetLine } from "../io/inputs";
import type { FileReading, InputsReading } from "../io/inputs";
import { bookSettings, mergedSettings, settingsSource } from "./book-settings";
import { readInputPaths } from "./inputs";
import { endYearText } from "../core/school-year";
import { parseOptions, RULE_OPTIONS, settingsFromOptions } from "./options";

export const USAGE = `ШНОР-монитор: школы с низкими образовательными результатами по ВПР, ОГЭ, ЕГЭ.

Использование:
  shnor analyze ФАЙЛ|ПАПКА [ФАЙЛ|ПАПКА …] [--sheet ЛИСТ] [--year 2025|2024/2025] [--threshold 30|0,3] [--json]
  shnor report ФАЙЛ|ПАПКА [ФАЙЛ|ПАПКА …] -o НОВЫЙ.xlsx [--word ПАПКА] [--year 2025|2024/2025] [--schools shnor|risk|all]
  shnor report --indicators list
  shnor collect ФАЙЛ|ПАПКА [ФАЙЛ|ПАПКА …] -o СВОД.xlsx
  shnor forms ОТЧЁТ.xlsx -o ПАПКА [--schools shnor|risk|all] [--period ТЕКСТ]
  shnor collect-forms ФАЙЛ|ПАПКА [ФАЙЛ|ПАПКА …] --into ОТЧЁТ.xlsx -o НОВЫЙ.xlsx [--json]
  shnor --version

Файлы — книги .xlsx, .xlsm, .xls, .ods, .csv; папки читаются со всеми вложенными папками. Берутся все листы
с таблицей результатов (выгрузки ФИС ОКО, таблицы РЦОИ, сводные таблицы) и объединяются по школам (по логину
sch…/edu…, иначе по названию). Один и тот же результат с разными значениями в двух файлах — расхождение:
он не учитывается, а в отчёте названы оба источника.

Параметры:
  --sheet ЛИСТ           только листы с этим названием (по умолчанию все листы с таблицей)
  --year ГОД             предыдущий учебный год — год его окончания (2025) или учебный год целиком
                         (2024/2025 — то же самое); по умолчанию последний год с данными; год, за который
                         нет учитываемых результатов, — ошибка
  --threshold N          порог низкого результата: процент «2» (30) или доля (0,3 — тоже 30 %); по умолчанию 30
  --criterion2 any|same  критерий 2: любая процедура в каждом году или та же процедура (по умолчанию any)
  --min-participants N   не учитывать процедуры, где участников меньше N (нужны численности)
  --subjects СПИСОК      учитываемые предметы через запятую (по умолчанию «математика,русский язык»)
  --types СПИСОК         учитываемые процедуры через запятую (по умолчанию «ВПР,ОГЭ,ЕГЭ»)
  --ignore-book-settings не применять настройки и исправления столбцов, сохранённые надстройкой в книге
                         (по умолчанию они применяются, когда читается одна книга; параметры командной
                         строки всё равно важнее сохранённых, каждый по отдельности)
  --json                 вывести один объект JSON
  --help                 эта справка
  --version              версия ШНОР-монитора

Параметры report (а также --sheet, --year, --threshold и другие параметры analyze, кроме --json):
  -o, --output ФАЙЛ      новая книга: лист результатов со статусами, «Показатели», «Дорожная карта»
                         (и по листу на каждую ШНОР), «Приложение 1», «Аналитическая справка»;
                         исходный файл не изменяется
  --word ПАПКА           ещё и документы Word в эту папку: «Приложение к приказу.docx», «Аналитическая
                         справка.docx», «Дорожная карта.docx» (папка создаётся, если её нет)
  --font НАЗВАНИЕ        шрифт документов Word (по умолчанию Times New Roman)
  --schools shnor|risk|all  школы в «Приложении 1» и в приложении к приказу: только ШНОР (по умолчанию),
                         ШНОР и зона риска, все
  --school-year ГОД      учебный год дорожной карты — год его начала (2025) или целиком (2025/2026);
                         по умолчанию начинается в год окончания последнего учебного года с результатами
  --indicators НАБОР     typical (типовой набор, по умолчанию), all или коды показателей через запятую;
                         shnor report --indicators list выводит коды с названиями
  --order-number N       номер приказа для «Приложения 1», без «№» (512-о)
  --order-date ДАТА      дата приказа, ДД.ММ.ГГГГ (26.08.2025)
  --order-issuer ТЕКСТ   кто издал приказ, в родительном падеже («Управления образования …»)
  --uo ТЕКСТ             управление образования в дорожной карте (по умолчанию «Управление образования»)
  --imc ТЕКСТ            методический центр (по умолчанию «МБУ «ИМЦ»»)
  --no-school-roadmaps   без дорожных карт отдельных ШНОР

Параметры collect:
  -o, --output ФАЙЛ      новая книга со сводом: строка на школу (№, Муниципалитет, Логин, ОО), по три столбца
                         на процедуру (% «2», % «4» и «5», участники), ниже — строки для сравнения; на листе
                         «Распознавание» — что прочитано из каждого файла; shnor analyze СВОД.xlsx даёт тот же ответ

Параметры forms (формы для школ по отчёту, созданному shnor report или страницей):
  -o, --output ПАПКА     папка для форм: по книге на школу, имя файла — название ОО и логин
  --schools shnor|risk|all  для каких ОО: ШНОР (по умолчанию), ШНОР и зона риска, все
  --period ТЕКСТ         период в шапке формы, например «I полугодие 2025/2026» (по умолчанию учебный год)

Параметры collect-forms (заполненные формы в любом формате и под любым именем; папки — со вложенными):
  --into ОТЧЁТ.xlsx      отчёт, по которому созданы формы; он не изменяется
  -o, --output ФАЙЛ      новая книга: отчёт с суммами по принятым формам в жёлтых ячейках «Показателей»,
                         отметками в дорожных картах ОО и листом «Сбор форм» (кто ответил, что не принято)
  --schools shnor|risk|all  от каких ОО ждать форм (по умолчанию — как видно по полученным формам)
  --json                 вывести один объект JSON: schools, rejected, values`;

export interface Io {
  /** A line of output (the newline is added). */
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * A piece of a long output, as it is made (`--json` at 40,000 schools is 250 MB, never held
   * whole); awaited, so the output's backpressure holds the writer back. Without it, the
   * pieces are gathered and given to `out` at the end.
   */
  write?: (chunk: string) => void | Promise<void>;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t + "\n"),
  err: (t) => process.stderr.write(t + "\n"),
  write: (chunk) =>
    process.stdout.write(chunk) ? undefined : new Promise<void>((resolve) => process.stdout.once("drain", () => resolve())),
};

/** Lines joined by newlines, handed on in pieces of about 64 K characters. */
async function writeLines(parts: Iterable<string>[], write: (chunk: string) => void | Promise<void>): Promise<void> {
  let buffer = "";
  let first = true;
  for (const part of parts)
    for (const line of part) {
      buffer += first ? line : `\n${line}`;
      first = false;
      if (buffer.length >= 1 << 16) {
        const chunk = buffer;
        buffer = "";
        await write(chunk);
      }
    }
  if (buffer.length > 0) await write(buffer);
}

/** Writes a long output piece by piece (io.write), or whole through io.out; both end with a newline, as `out` does. */
export async function writeLong(io: Io, produce: (write: (chunk: string) => void | Promise<void>) => Promise<void>): Promise<void> {
  if (io.write) {
    await produce(io.write);
    await io.write("\n");
    return;
  }
  const pieces: string[] = [];
  await produce((chunk) => void pieces.push(chunk));
  io.out(pieces.join(""));
}

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
  const options = settingsFromOptions(values);
  resolveSettings(options); // a bad option is reported before the files are read
  const book = await bookSettings(positionals, values["ignore-book-settings"] === true);
  const read = await readInputPaths(positionals, { sheet: values.sheet, overridesBySheet: book.stored?.overrides });
  const analysis = analyzeTable(read.table, mergedSettings(book, options));
  const { source, lines } = settingsSource(book, options, read);
  const file = inputsName(read);
  if (values.json) {
    const report = { ...jsonReportStream(file, read.table, analysis, jsonFiles(read.files)), settingsSource: source };
    await writeLong(io, (write) => writeJson(report, write));
  } else await writeLong(io, (write) => writeLines([lines, readableReport(file, read.table, analysis, read)], write));
  return 0;
}

/** The `file` of the JSON and the report: the one file's name, or the names of all. */
export function inputsName(read: InputsReading): string {
  return read.files.map((f) => f.file).join(", ");
}

export function jsonFiles(files: FileReading[]): JsonFile[] {
  return files.map((f) => ({
    file: f.file,
    format: f.format,
    sheets: f.sheets.map(({ table: _table, ...sheet }) => sheet),
  }));
}

/** 2021 → «2020/2021 уч. г.», as the documents write it. */
const schoolYear = endYearText;

/** The readable report, line by line as it is written (the list of negative dynamics alone is 100,000 lines at 40,000 schools). */
export function* readableReport(
  file: string,
  table: ResultsTable,
  analysis: Analysis,
  read?: InputsReading,
  dynamics: Dynamics = dynamicsOf(analysis, dynamicsInputOf(table)),
  tasks: TaskAnalysis = taskAnalysis(table.pupils ?? []),
): Generator<string> {
  const [before, previous] = analysis.years;
  const { summary } = analysis;
  const many = read !== undefined && read.inputs.length > 1;
  yield many ? `Файлы: ${file}; листов с таблицами: ${read.inputs.length}.` : `Файл «${file}», лист «${table.sheetName}».`;
  if (previous === null) yield "В таблице нет данных по учитываемым процедурам: ШНОР определить нельзя.";
  else {
    const yearsText =
      before === null
        ? `предыдущий — ${schoolYear(previous)}; за более ранние годы данных нет, действует только критерий 1`
        : `предыдущий — ${schoolYear(previous)}, перед ним (с данными) — ${schoolYear(before)}`;
    yield `Учебные годы: ${yearsText}; порог — ${formatPercent(analysis.settings.threshold)} % «2».`;
  }
  yield `ШНОР: ${summary.shnor} из ${summary.schools}; в зоне риска: ${summary.risk}.`;
  yield "";
  for (const [status, title] of [
    ["shnor", "Школы с низкими образовательными результатами (ШНОР)"],
    ["risk", "В зоне риска (один низкий результат)"],
  ] as const) {
    const list = analysis.verdicts.filter((v) => v.status === status);
    if (list.length === 0) continue;
    yield `${title}:`;
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      yield `  ${i + 1}. ${v.school.name}${v.school.login ? ` (${v.school.login})` : ""} — ${reasonText(v)}`;
    }
    yield "";
  }
  // Said even when empty: «нет» is an answer, a missing section is not.
  const joined = table as ResultsTable & Partial<Pick<JoinedTable, "conflicts" | "renamed" | "joinWarnings">>;
  const conflicts = (joined.conflicts ?? []).map(conflictText);
  const renamed = (joined.renamed ?? []).map(renamedText);
  if (conflicts.length === 0) yield "Конфликты: нет.";
  else {
    yield `Конфликты (${conflicts.length}) — эти результаты не учтены, исправьте один из файлов:`;
    for (const c of conflicts) yield `  ${c}`;
  }
  if (renamed.length === 0) yield "Переименованные ОО: нет.";
  else {
    yield `Переименованные ОО (${renamed.length}):`;
    for (const r of renamed) yield `  ${r}`;
  }
  yield "";
  const comparisons = table.comparisons ?? [];
  if (comparisons.length > 0) {
    yield "Строки для сравнения (не школы):";
    for (const c of comparisons) {
      const results = c.results.map(
        (r) => `${procedureLabel(r.procedure)} — ${r.failPercent === null ? "нет данных" : `${formatPercent(r.failPercent)} % «2»`}`,
      );
      yield `  ${c.name}${c.code ? ` (${c.code})` : ""}, ${COMPARISON_TEXT[c.kind]}: ${results.join("; ") || "нет результатов"}`;
    }
    yield "";
  }
  yield "Динамика и объективность:";
  for (const l of dynamicsLines(analysis, dynamics)) yield `  ${l}`;
  yield "";
  if (tasks.procedures.length > 0) {
    yield `Выполнение заданий ВПР (пороги: ${ZONE_SOURCE}; по каждой ОО — в --json, ключ tasks, и на листе «${SHEET_TITLES.tasks}» shnor report):`;
    for (const l of municipalityTaskLines(tasks)) yield `  ${l}`;
    for (const p of tasks.procedures) for (const x of p.peaks) yield `  ${x.name}: ${x.note}`;
    for (const w of tasks.warnings) yield `  ${w}`;
    yield "";
  }
  if (!read || !many) {
    yield "Распознавание таблицы:";
    for (const l of recognitionLines(table, analysis)) yield `  ${l}`;
    // The book's other sheets: why each was not taken.
    const files = read?.files ?? [];
    const others = files.flatMap((f) => f.sheets.filter((s) => !s.taken).map((s) => sheetLine(s, files.length > 1 ? f.file : undefined)));
    if (others.length > 0) {
      yield "  Другие листы:";
      for (const l of others) yield `    ${l}`;
    }
    return;
  }
  yield "Распознавание по файлам и листам:";
  for (const f of read.files) {
    yield `  Файл «${f.file}»:`;
    for (const sheet of f.sheets) {
      yield `    ${sheetLine(sheet)}`;
      if (sheet.table) for (const l of sheetRecognitionLines(sheet.table)) yield `      ${l}`;
    }
  }
  // Conflicts and renames are said above; the join's other warnings here.
  const said = new Set([...conflicts, ...renamed]);
  const other = (joined.joinWarnings ?? []).filter((w) => !said.has(w));
  if (other.length > 0) {
    yield "  Объединение файлов:";
    for (const w of other) yield `    ${w}`;
  }
}
