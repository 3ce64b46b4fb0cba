/**
 * The pane's forms for schools, over the ExcelHost: the manifest saved with
 * the documents, «Формы для школ» (one .zip of forms from the open book) and
 * «Собрать формы» (the returned files checked, matched and written into the
 * open book in place, with «Сбор форм»). The same core as `shnor forms` and
 * `shnor collect-forms`, so the pane and the command agree.
 */
import type { Analysis } from "../core";
import type { Documents } from "../core/documents";
import {
  CollectedForms,
  collectForms,
  collectionPlan,
  FormSchools,
  formsManifest,
  formsManifestXml,
  ReadForm,
  readFormsManifestXml,
} from "../core/forms";
import type { ExcelHost } from "../excel";
import { newReportId } from "../io/book-settings";
import { bytesSource } from "../io/bytes";
import { readFormFile } from "../io/forms";

const OPEN_BOOK = "открытая книга";

/** After the documents are written: where forms put their figures. A book that had a manifest keeps its id, so forms already sent still match. */
export async function saveFormsManifest(host: ExcelHost, documents: Documents, analysis: Analysis): Promise<void> {
  const old = await host.loadFormsPart();
  let id = newReportId();
  if (old !== null)
    try {
      id = readFormsManifestXml(old, OPEN_BOOK).reportId;
    } catch {
      // A damaged part is replaced with a fresh one.
    }
  await host.saveFormsPart(formsManifestXml(formsManifest({ documents, analysis }, id)));
}

/** «Формы для школ»: every form of the schools chosen, in one .zip. */
export async function formsOfBook(
  host: ExcelHost,
  which: FormSchools = "shnor",
  period?: string,
): Promise<{ fileName: string; bytes: Uint8Array; count: number }> {
  const manifest = readFormsManifestXml(await host.loadFormsPart(), OPEN_BOOK);
  // exceljs only when forms are made: the pane's bundle stays small.
  const { formsZip } = await import("../writers/forms");
  return formsZip(manifest, which, period);
}

export interface FileToCollect {
  name: string;
  bytes: Uint8Array;
}

/** «Собрать формы»: the files read and checked, the open book filled in place; what was collected and the sheet it is listed on. */
export async function collectFormsIntoBook(
  host: ExcelHost,
  files: FileToCollect[],
  expected?: FormSchools,
): Promise<{ collected: CollectedForms; sheet: string; summary: string }> {
  const manifest = readFormsManifestXml(await host.loadFormsPart(), OPEN_BOOK);
  const forms: ReadForm[] = [];
  for (const f of files) forms.push(await readFormFile(bytesSource(f.bytes, f.name)));
  const collected = collectForms(manifest, forms, expected);
  const cells = [
    ...manifest.indicators.flatMap((i) => [
      { sheet: i.sheet, cell: i.numerator },
      ...(i.denominator ? [{ sheet: i.sheet, cell: i.denominator }] : []),
    ]),
    ...manifest.schools.flatMap((s) => (s.roadmap ? s.roadmap.activities.map((a) => ({ sheet: s.roadmap!.sheet, cell: a.cell })) : [])),
  ];
  const values = await host.readCells(cells);
  const now = new Map(cells.map((c, i) => [`${c.sheet.toLowerCase()}\u0000${c.cell}`, values[i]]));
  const added = await host.listAdded();
  const ours = new Set(added.sheets.map((s) => s.sheet.toLowerCase()));
  const plan = collectionPlan(
    manifest,
    collected,
    (sheet, cell) => now.get(`${sheet.toLowerCase()}\u0000${cell}`) ?? null,
    added.workbookSheets.filter((n) => !ours.has(n.toLowerCase())),
  );
  const sheet = await host.fillForms(plan);
  return { collected, sheet, summary: plan.summary };
}
