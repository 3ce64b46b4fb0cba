/**
 * `shnor report FILE.xlsx -o OUT.xlsx`: a new book with the results sheet
 * (values, formats, widths, merges) marked with statuses and conditional
 * formats, and the documents of issue 5. The input is only ever read.
 */
import { randomBytes } from "node:crypto";
import { realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { analyzeTable, markSpec, ShnorError } from "../core";
import { AnnexSchools, buildDocuments, DocumentSettingsInput, INDICATORS } from "../core/documents";
import { copyOptions, copyWorksheet } from "./copy-sheet";
import type { Io } from "./main";
import { parseOptions, RULE_OPTIONS, settingsFromOptions } from "./options";
import { addStreamSheet, computeOnOpening, marksWriter, renderSheetSpec, sheetOptions } from "./sheet-writer";
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
  // ФИС ОКО puts one procedure on a sheet: statuses go to a list of their own instead of one results sheet.
  const results =
    table.layout !== "fisoko" && sources.length === 1 ? { sheetName: sources[0].name, marks: markSpec(table, analysis) } : null;
  const documents = buildDocuments({ table, analysis, settings: docSettings, results, existingSheetNames: sheetNames });

  // Written beside the target and renamed, so a failure never leaves half a book under the name;
  // row by row through exceljs's streaming writer, so a region's report is not held whole in memory.
  const temp = join(outDir, `.${basename(output)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temp, useStyles: true, useSharedStrings: true });
    book.creator = "ШНОР-монитор";
    computeOnOpening(book);
    for (const ws of sources) {
      const copy = addStreamSheet(book, ws.name, copyOptions(ws));
      copyWorksheet(ws, copy, results ? marksWriter(results.marks) : undefined);
      (copy as unknown as { commit(): void }).commit();
    }
    for (const spec of documents.sheets) {
      const ws = addStreamSheet(book, spec.name, sheetOptions(spec));
      renderSheetSpec(ws, spec);
      (ws as unknown as { commit(): void }).commit();
    }
    await book.commit();
    await rename(temp, output);
  } catch (e) {
    await rm(temp, { force: true });
    throw new ShnorError("host", `Не удалось записать книгу «${output}» (${(e as Error).message}).`);
  }

  const { summary } = analysis;
  io.out(`Записана книга «${output}».`);
  io.out(`Листы: ${[...sources.map((w) => w.name), ...documents.sheets.map((s) => s.name)].map((n) => `«${n}»`).join(", ")}.`);
  io.out(
    `ШНОР: ${summary.shnor} из ${summary.schools}; в зоне риска: ${summary.risk}. Учебный год дорожной карты: ${documents.settings.schoolYear}/${documents.settings.schoolYear + 1}.`,
  );
  for (const note of documents.notes) io.out(note);
  if (documents.sheets.some((s) => s.charts.length > 0))
    io.out("Диаграмма «Аналитической справки» не построена (её строит надстройка); на её месте — пояснение.");
  return 0;
}
