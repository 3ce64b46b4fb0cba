/**
 * The one door to Excel: every Office.js call of the add-in goes through the
 * functions of an ExcelHost, which the task pane receives as a prop (as in
 * OfficeDev/Office-Addin-TaskPane-React). Each method checks the requirement
 * sets it needs, runs one Excel.run and turns failures into Russian messages.
 */
import { Cell, SheetSpec } from "../core";
import type { CollectionPlan } from "../core/forms";
import { loadFormsPart, readCells, saveFormsPart, writeCells } from "./forms";
import { toHostError } from "./errors";
import { AddedItems, clearAdded, ClearOutcome, listAdded, markTable, MarkOutcome, MarkRequest } from "./marks";
import { readActiveTable, ReadRequest, ReadResult } from "./read";
import { Feature, IsSetSupported, REQUIREMENTS, requireFeature, supports } from "./requirements";
import { loadSettings, saveSettings, StoredSettings } from "./settingsStore";
import { writeSheet, writeSheets, WriteSheetOptions, WriteSheetOutcome } from "./sheets";

/** What the host needs of Office.js; tests and the browser check pass a fake. */
export interface OfficeEnv {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported: IsSetSupported;
}

export function officeEnv(): OfficeEnv {
  return {
    run: (batch) => Excel.run(batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  };
}

export interface ExcelHost {
  /** Null when this Excel can analyse and mark; otherwise the Russian message to show instead of the pane. */
  unsupported(): string | null;
  /** Whether this Excel can generate documents («Документы», ExcelApi 1.8). */
  canWriteDocuments(): boolean;
  readTable(request: ReadRequest): Promise<ReadResult>;
  loadSettings(): Promise<StoredSettings | null>;
  saveSettings(settings: StoredSettings): Promise<void>;
  mark(request: MarkRequest): Promise<MarkOutcome>;
  /** What a «Снять отметки» would remove, for the confirmation. */
  listAdded(): Promise<AddedItems>;
  clear(options: { sheets: boolean }): Promise<ClearOutcome>;
  /** Selects a school's row (0-based) across the given columns and shows its sheet. */
  selectRow(sheet: string, row: number, firstColumn: number, lastColumn: number): Promise<void>;
  writeSheet(spec: SheetSpec, options: Omit<WriteSheetOptions, "print">): Promise<WriteSheetOutcome>;
  /** Several sheets in one go (fewer round trips); outcomes in the order of `specs`. */
  writeSheets(
    specs: SheetSpec[],
    options: Omit<WriteSheetOptions, "print"> & { onProgress?: (done: number, total: number) => void },
  ): Promise<WriteSheetOutcome[]>;
  /**
   * «Собрать из выгрузок»: writes the joined table and its recognition report as new sheets
   * (never over a user's cells; not the add-in's, so «Снять отметки» leaves them), shows the
   * first, and returns the names they got.
   */
  writeCollected(specs: SheetSpec[], options?: { onProgress?: (done: number, total: number) => void }): Promise<string[]>;
  /** The forms' manifest kept in the book (its XML), or null. */
  loadFormsPart(): Promise<string | null>;
  saveFormsPart(xml: string): Promise<void>;
  /** What the cells named hold now. */
  readCells(cells: { sheet: string; cell: string }[]): Promise<Cell[]>;
  /** «Собрать формы»: the plan's cells written in place and «Сбор форм» written (the add-in's sheet); its name. */
  fillForms(plan: CollectionPlan): Promise<string>;
}

export function createExcelHost(env: OfficeEnv = officeEnv()): ExcelHost {
  async function run<T>(feature: Feature, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    requireFeature(env.isSetSupported, feature);
    try {
      return await env.run(batch);
    } catch (error) {
      throw toHostError(error);
    }
  }

  return {
    unsupported() {
      try {
        requireFeature(env.isSetSupported, "analyse");
        requireFeature(env.isSetSupported, "mark");
        return null;
      } catch (error) {
        return toHostError(error).message;
      }
    },
    canWriteDocuments: () => supports(env.isSetSupported, "documents"),
    readTable: (request) =>
      run("analyse", (context) =>
        readActiveTable(context, { ...request, readMerges: request.readMerges ?? supports(env.isSetSupported, "merges") }),
      ),
    loadSettings: () => run("analyse", (context) => loadSettings(context)),
    saveSettings: (settings) => run("analyse", (context) => saveSettings(context, settings)),
    mark: (request) => run("mark", (context) => markTable(context, request)),
    listAdded: () => run("mark", (context) => listAdded(context)),
    clear: (options) => run("mark", (context) => clearAdded(context, options)),
    selectRow: (sheet, row, firstColumn, lastColumn) =>
      run("analyse", async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRangeByIndexes(row, firstColumn, 1, Math.max(1, lastColumn - firstColumn + 1)).select();
        await context.sync();
      }),
    writeSheet: (spec, options) =>
      run("documents", (context) => writeSheet(context, spec, { ...options, print: supports(env.isSetSupported, "print") })),
    writeSheets: (specs, { onProgress, ...options }) =>
      run("documents", (context) => writeSheets(context, specs, { ...options, print: supports(env.isSetSupported, "print") }, onProgress)),
    writeCollected: (specs, options = {}) =>
      run("mark", async (context) => {
        const outcomes = await writeSheets(
          context,
          specs,
          { regenerate: "ask", print: false, activate: true, record: false },
          options.onProgress,
        );
        return outcomes.map((o) => o.sheet);
      }),
    loadFormsPart: () => run("analyse", (context) => loadFormsPart(context)),
    saveFormsPart: (xml) => run("analyse", (context) => saveFormsPart(context, xml)),
    readCells: (cells) => run("analyse", (context) => readCells(context, cells)),
    fillForms: (plan) =>
      run("documents", async (context) => {
        await writeCells(context, plan.writes);
        const [outcome] = await writeSheets(context, [plan.sheet], {
          regenerate: "replace",
          print: supports(env.isSetSupported, "print"),
          activate: true,
        });
        return outcome.sheet;
      }),
  };
}

export { REQUIREMENTS };
