/**
 * `shnor report FILE.xlsx -o OUT.xlsx`: a new book with the results sheet
 * (values, formats, widths, merges) marked with statuses and conditional
 * formats, and the documents (assembled in src/report/book.ts, which the web
 * page shares). The input is only ever read.
 */
import { randomBytes } from "node:crypto";
import { realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { analyzeTable, ShnorError } from "../core";
import { AnnexSchools, DocumentSettingsInput, INDICATORS } from "../core/documents";
import { assembleReport, reportLines } from "../report/book";
import type { Io } from "./main";
import { parseOptions, RULE_OPTIONS, settingsFromOptions } from "./options";
import { readWorkbookTable } from "./xlsx";

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

export function documentSettingsFromOptions(values: Values): DocumentSettingsInput {
  const settings: DocumentSettingsInput = {};
  if (values.schools !== undefined) {
    if (!["shnor", "risk", "all"].includes(values.schools))
      throw new ShnorError("bad-setting", "--schools: shnor (только ШНОР), risk (ШНОР и зона риска) или all (все ОО).");
    settings.annexSchools = values.schools as AnnexSchools;
  }
  if (values["school-year"] !== undefined) {
    const m = /^(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?$/.exec(values["school-year"].trim());
    if (!m)
      throw new ShnorError(
        "bad-setting",
        `--school-year: год начала учебного года, например 2025 или 2025/2026, а не «${values["school-year"]}».`,
      );
    settings.schoolYear = Number(m[1]);
  }
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

async function samePath(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => {
    try {
      return await realpath(p);
    } catch {
      return resolve(p);
    }
  };
  return (await real(a)) === (await real(b));
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
  if (positionals.length !== 1) throw new ShnorError("bad-setting", "Укажите один файл .xlsx: shnor report ФАЙЛ.xlsx -o НОВЫЙ.xlsx");
  const file = positionals[0];
  const output = values.output;
  if (!output) throw new ShnorError("bad-setting", "Укажите, куда записать новую книгу: -o НОВЫЙ.xlsx");
  if (extname(output).toLowerCase() !== ".xlsx")
    throw new ShnorError("bad-setting", `Новая книга должна иметь расширение .xlsx, а не «${basename(output)}».`);
  if (await samePath(file, output))
    throw new ShnorError("bad-setting", "Новая книга не может заменить исходную: исходный файл не изменяется. Укажите другое имя в -o.");
  const outDir = dirname(resolve(output));
  if (!(await stat(outDir).catch(() => null))?.isDirectory())
    throw new ShnorError("bad-setting", `Папка «${outDir}» для новой книги не существует.`);

  const settings = settingsFromOptions(values);
  const docSettings = documentSettingsFromOptions(values);
  const table = await readWorkbookTable(file, { sheet: values.sheet });
  const analysis = analyzeTable(table, settings);

  // The streaming reader keeps no merges, widths or styles: the source is read again whole to copy the sheet.
  const source = await loadBook(file);
  const sheetNames = table.layout === "fisoko" ? table.sheetName.split(", ") : [table.sheetName];
  const sources = sheetNames.map((name) => source.getWorksheet(name)).filter((ws): ws is ExcelJS.Worksheet => ws !== undefined);
  const report = assembleReport({ sources, table, analysis, documents: docSettings });
  const { book } = report;

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
