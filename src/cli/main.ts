/**
 * The `shnor` command: the engine on .xlsx files, for report preparers with
 * many workbooks and for Excel without add-ins. Errors are one Russian line
 * on stderr and exit code 2; the input file is only ever read.
 */
import { basename } from "node:path";
import {
  analyzeTable,
  formatPercent,
  jsonReport,
  reasonText,
  recognitionLines,
  ShnorError,
  Analysis,
  ResultsTable,
  resolveSettings,
} from "../core";
import { parseOptions, RULE_OPTIONS, settingsFromOptions } from "./options";
import { readWorkbookTable } from "../io/node";

export const USAGE = `ШНОР-монитор: школы с низкими образовательными результатами по ВПР, ОГЭ, ЕГЭ.

Использование:
  shnor analyze ФАЙЛ.xlsx [--sheet ЛИСТ] [--year ГГГГ] [--threshold N] [--json]
  shnor report ФАЙЛ.xlsx -o НОВЫЙ.xlsx [--year ГГГГ] [--schools shnor|risk|all]

Параметры:
  --sheet ЛИСТ           лист с таблицей (по умолчанию первый лист, где она найдена)
  --year ГГГГ            предыдущий учебный год по году окончания (по умолчанию последний год с данными)
  --threshold N          порог низкого результата, % «2» (по умолчанию 30)
  --criterion2 any|same  критерий 2: любая процедура в каждом году или та же процедура (по умолчанию any)
  --min-participants N   не учитывать процедуры, где участников меньше N (нужны численности)
  --subjects СПИСОК      учитываемые предметы через запятую (по умолчанию «математика,русский язык»)
  --types СПИСОК         учитываемые процедуры через запятую (по умолчанию «ВПР,ОГЭ,ЕГЭ»)
  --json                 вывести один объект JSON
  --help                 эта справка

Параметры report (а также --sheet, --year, --threshold и другие параметры analyze, кроме --json):
  -o, --output ФАЙЛ      новая книга: лист результатов со статусами, «Показатели», «Дорожная карта»
                         (и по листу на каждую ШНОР), «Приложение 1», «Аналитическая справка»;
                         исходный файл не изменяется
  --schools shnor|risk|all  школы в «Приложении 1»: только ШНОР (по умолчанию), ШНОР и зона риска, все
  --school-year ГГГГ     учебный год дорожной карты по году начала (2025 — 2025/2026); по умолчанию
                         начинается в год окончания последнего учебного года с результатами
  --indicators НАБОР     typical (типовой набор, по умолчанию), all или коды показателей через запятую
  --order-number N       номер приказа для «Приложения 1»
  --order-date ДАТА      дата приказа, например 26.11.2020
  --order-issuer ТЕКСТ   кто издал приказ, в родительном падеже («Управления образования …»)
  --uo ТЕКСТ             управление образования в дорожной карте (по умолчанию «Управление образования»)
  --imc ТЕКСТ            методический центр (по умолчанию «МБУ «ИМЦ»»)
  --no-school-roadmaps   без дорожных карт отдельных ШНОР`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t + "\n"),
  err: (t) => process.stderr.write(t + "\n"),
};

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === "analyze") return await analyzeCommand(rest, io);
    // exceljs (for writing the report) is loaded only when a report is written.
    if (command === "report") return await (await import("./report")).reportCommand(rest, io, USAGE);
    throw new ShnorError("bad-setting", `Неизвестная команда «${command}». Команды: analyze, report. Справка: shnor --help`);
  } catch (e) {
    io.err(errorLine(e));
    return 2;
  }
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
  if (positionals.length !== 1) throw new ShnorError("bad-setting", "Укажите один файл .xlsx: shnor analyze ФАЙЛ.xlsx");
  const settings = settingsFromOptions(values);
  resolveSettings(settings); // a bad option is reported before the file is read
  const file = positionals[0];
  const table = await readWorkbookTable(file, { sheet: values.sheet });
  const analysis = analyzeTable(table, settings);
  if (values.json) io.out(JSON.stringify(jsonReport(basename(file), table, analysis)));
  else io.out(readableReport(basename(file), table, analysis).join("\n"));
  return 0;
}

/** 2021 → «2020/21 уч. г.» */
function schoolYear(year: number): string {
  return `${year - 1}/${String(year).slice(2)} уч. г.`;
}

export function readableReport(file: string, table: ResultsTable, analysis: Analysis): string[] {
  const [before, previous] = analysis.years;
  const { summary } = analysis;
  const lines = [`Файл «${file}», лист «${table.sheetName}».`];
  if (previous === null) lines.push("В таблице нет данных по учитываемым процедурам: ШНОР определить нельзя.");
  else {
    const yearsText =
      before === null
        ? `предыдущий — ${schoolYear(previous)}; за более ранние годы данных нет, действует только критерий 1`
        : `предыдущий — ${schoolYear(previous)}, перед ним (с данными) — ${schoolYear(before)}`;
    lines.push(`Учебные годы: ${yearsText}; порог — ${formatPercent(analysis.settings.threshold)} % «2».`);
  }
  lines.push(`ШНОР: ${summary.shnor} из ${summary.schools}; в зоне риска: ${summary.risk}.`, "");
  for (const [status, title] of [
    ["shnor", "Школы с низкими образовательными результатами (ШНОР)"],
    ["risk", "В зоне риска (один низкий результат)"],
  ] as const) {
    const list = analysis.verdicts.filter((v) => v.status === status);
    if (list.length === 0) continue;
    lines.push(`${title}:`);
    list.forEach((v, i) => lines.push(`  ${i + 1}. ${v.school.name} — ${reasonText(v)}`));
    lines.push("");
  }
  lines.push("Распознавание таблицы:", ...recognitionLines(table, analysis).map((l) => `  ${l}`));
  return lines;
}
