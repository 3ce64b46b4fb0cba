/**
 * One measured step in a fresh process, so its peak memory is its own:
 * prints {"ms": …, "maxRssMB": …} on stdout.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { analyzeTable, columnName, readTable, taskAnalysis } from "../src/core";
import { f1Grid, gridOf } from "./generate";
import { bytesSource } from "../src/io/bytes";
import { readInputs } from "../src/io/inputs";
import { fileSource } from "../src/io/node";
import { openBook } from "../src/io/open";

/**
 * What the page does with a book, in Node: the same bytes read from memory
 * (the page has the File), the table read and analysed. Timed from the
 * first read; the process is fresh, as a page's worker is.
 */
async function nodePage(file: string): Promise<{ shnor: number; schools: number }> {
  const bytes = new Uint8Array(readFileSync(file));
  const read = await readInputs([bytesSource(bytes, basename(file))]);
  const analysis = analyzeTable(read.table);
  return { shnor: analysis.summary.shnor, schools: analysis.summary.schools };
}

/** The reader alone: every row of every sheet parsed, nothing detected. */
async function readOnly(file: string): Promise<{ cells: number }> {
  const source = await fileSource(file);
  const book = await openBook(source);
  let cells = 0;
  for await (const sheet of book.sheets()) for await (const row of sheet.rows()) cells += row.values.length;
  await source.close?.();
  return { cells };
}

/**
 * N =SHNOR.STATUS() formulas, one beside each school's row, in HyperFormula, the
 * formula engine the tests use: the first evaluation of all of them, then a full recalculation.
 */
async function functionsStep(n: number): Promise<{ ms: number; recalcMs: number; shnor: number }> {
  await import("../tests/functions/stub");
  const { engineWithFunctions, CONFIG } = await import("../tests/functions/hyperformula");
  const { hf } = await engineWithFunctions();
  const values = gridOf(n);
  const width = values[2].length;
  const first = "E";
  const last = columnName(width - 1);
  const status = columnName(width);
  for (let r = 4; r < values.length; r++)
    values[r] = [...values[r], `=SHNOR.STATUS(${first}${r + 1}:${last}${r + 1};${first}$3:${last}$4)`];
  const t0 = process.hrtime.bigint();
  const engine = hf.buildFromArray(values as (string | number | null)[][], CONFIG);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const t1 = process.hrtime.bigint();
  engine.rebuildAndRecalculate();
  const recalcMs = Number(process.hrtime.bigint() - t1) / 1e6;
  const column = engine.getSheetValues(0).map((row) => row[width]);
  const shnor = column.filter((v) => v === "ШНОР").length;
  if (column.slice(4).some((v) => typeof v !== "string")) throw new Error(`${status}: not every formula gave a status`);
  return { ms, recalcMs, shnor };
}

interface Round {
  ms: number;
  syncs: number;
  maxRequest: number;
  maxResponse: number;
  totalBytes: number;
}

/**
 * The Excel path against the fake Excel with its payload meter: analyse (read
 * the sheet), mark it, and generate the documents, as the task pane does.
 */
async function excelStep(n: number): Promise<{ ms: number; analyse: Round; mark: Round; documents: Round; sheets: number }> {
  const { FakeExcel } = await import("../tests/fakes/excel");
  const { createExcelHost } = await import("../src/excel");
  const { buildDocuments } = await import("../src/core/documents");
  const { markSpec } = await import("../src/core");
  const fake = new FakeExcel();
  fake.addSheet("Результаты", gridOf(n));
  fake.activate("Результаты");
  const host = createExcelHost({ run: fake.run, isSetSupported: fake.isSetSupported });
  const round = async (work: () => Promise<unknown>): Promise<Round> => {
    fake.resetStats();
    const t0 = process.hrtime.bigint();
    await work();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { ms, syncs: fake.syncs, maxRequest: fake.maxRequest, maxResponse: fake.maxResponse, totalBytes: fake.totalBytes };
  };
  let read: Awaited<ReturnType<typeof host.readTable>> | undefined;
  const analyse = await round(async () => {
    read = await host.readTable({ source: "sheet" });
  });
  const table = read!.table;
  const analysis = analyzeTable(table);
  let statusColumn = 0;
  const mark = await round(async () => {
    const outcome = await host.mark({ table, analysis, statusFormulas: false, whenOccupied: "insert" });
    if (outcome.kind !== "marked") throw new Error(`mark: ${outcome.kind}`);
    statusColumn = outcome.statusColumn;
  });
  const docs = buildDocuments({
    table,
    analysis,
    settings: {},
    results: { sheetName: "Результаты", marks: markSpec(table, analysis, { at: statusColumn }) },
    existingSheetNames: ["Результаты"],
  });
  const documents = await round(() => host.writeSheets(docs.sheets, { regenerate: "replace" }));
  return { ms: analyse.ms + mark.ms + documents.ms, analyse, mark, documents, sheets: docs.sheets.length };
}

/** The one line the runner reads: the step's time, this process's peak memory, and what the step found. */
function print(ms: number, extra: unknown): void {
  process.stdout.write(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, extra }) + "\n");
}

/** The engine alone on an in-memory grid, built (and its garbage collected) before the clock starts. */
function engineStep(n: number): { ms: number; cells: number; shnor: number } {
  const values = gridOf(n);
  const cells = values.reduce((count, row) => count + row.length, 0);
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = process.hrtime.bigint();
  const analysis = analyzeTable(readTable({ values, sheetName: "Результаты" }));
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cells, shnor: analysis.summary.shnor };
}

/** The history, dynamics and signals of a region (3000 schools, 6 years, 600 groups of pupils), built before the clock starts. */
async function dynamicsStep(): Promise<{ ms: number; schools: number; series: number }> {
  const { regionHistory } = await import("../tests/core/dynamics/region");
  const { analyzeSchools, dynamicsOf } = await import("../src/core");
  const { schools, pupils } = regionHistory();
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = process.hrtime.bigint();
  const d = dynamicsOf(analyzeSchools(schools), { pupils });
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, schools: schools.length, series: d.series.length };
}

/** The per-task analysis alone on an in-memory Ф1 grid of `pupils` rows: the reader, the rule's aggregation and the tasks. */
function tasksEngineStep(pupils: number): { ms: number; cells: number; tasks: number; schools: number } {
  const values = f1Grid(pupils);
  const cells = values.reduce((count, row) => count + row.length, 0);
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = process.hrtime.bigint();
  const table = readTable({ values, sheetName: "МА 5 Индивидуальные результаты" });
  const analysis = taskAnalysis(table.pupils ?? []);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const p = analysis.procedures[0];
  return { ms, cells, tasks: p?.tasks.length ?? 0, schools: p?.schools.length ?? 0 };
}

async function run(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  const timed = async (work: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    const extra = await work();
    print(Number(process.hrtime.bigint() - start) / 1e6, extra);
  };
  // Steps that time only part of their work report their own ms.
  const own = ({ ms, ...extra }: { ms: number }) => print(ms, extra);
  if (mode === "read") await timed(() => readOnly(args[0]));
  else if (mode === "node-page") await timed(() => nodePage(args[0]));
  else if (mode === "engine") own(engineStep(Number(args[0])));
  else if (mode === "tasks-engine") own(tasksEngineStep(Number(args[0])));
  else if (mode === "excel") own(await excelStep(Number(args[0])));
  else if (mode === "functions") own(await functionsStep(Number(args[0])));
  else if (mode === "dynamics") own(await dynamicsStep());
  else throw new Error(`unknown step ${mode}`);
}

run().catch((e) => {
  process.stderr.write(String(e) + "\n");
  process.exit(1);
});
