/**
 * The pane's forms for schools on the fake Excel: the documents written and
 * the manifest saved with them, «Формы для школ» as one .zip, the forms
 * filled (exceljs stands in for the schools here; the command's test fills
 * them with openpyxl and LibreOffice), and «Собрать формы» filling the open
 * book in place with the same checks and the same «Сбор форм».
 */
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { analyzeTable, DEFAULT_FONT, heightOf, lineCount, markSpec, readTable } from "../../src/core";
import { buildDocuments } from "../../src/core/documents";
import { collectedJson, readFormsManifestXml } from "../../src/core/forms";
import { collectFormsIntoBook, formsOfBook, saveFormsManifest } from "../../src/taskpane/forms";
import { SEED_001, SeedTable } from "../fixtures/seeds";
import { wideGrid } from "../fixtures/layouts";
import { fakeWith } from "./helpers";

const district: SeedTable = {
  ...SEED_001,
  rows: SEED_001.rows.map((r, i) => ({ ...r, ids: [`${r.ids[0]} (edu5100${i + 1})`] })),
};

async function setup() {
  const grid = wideGrid(district, { sheetName: "Результаты" });
  const { fake, host, sheet } = fakeWith(grid);
  const table = readTable(grid);
  const analysis = analyzeTable(table);
  const marked = await host.mark({ table, analysis, statusFormulas: false, whenOccupied: "insert" });
  if (marked.kind !== "marked") throw new Error("not marked");
  const documents = buildDocuments({
    table,
    analysis,
    results: { sheetName: sheet, marks: markSpec(table, analysis, { at: marked.statusColumn, statusFormulas: false }) },
    existingSheetNames: [sheet],
  });
  await host.writeSheets(documents.sheets, { regenerate: "ask" });
  await saveFormsManifest(host, documents, analysis);
  return { fake, host, analysis };
}

/** A school fills its form: numbers by indicator row, a mark on the first activity. */
async function filled(bytes: Uint8Array, numbers: (k: number) => [unknown, unknown]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("Показатели")!;
  let k = 0;
  ws.eachRow((row, r) => {
    if (r <= 6 || typeof row.getCell(1).value !== "number") return;
    const [n, d] = numbers(k++);
    row.getCell(3).value = n as ExcelJS.CellValue;
    if (row.getCell(4).value !== "—") row.getCell(4).value = d as ExcelJS.CellValue;
  });
  const road = wb.getWorksheet("Дорожная карта")!;
  road.eachRow((row) => {
    if (row.getCell(1).value === "1.1.") row.getCell(4).value = "выполнено";
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("the pane's forms on the fake Excel", () => {
  it("keeps the manifest's id when the documents are written again, so forms already sent still match", async () => {
    const { host, analysis } = await setup();
    const first = readFormsManifestXml(await host.loadFormsPart(), "книга");
    const documents = buildDocuments({ table: readTable(wideGrid(district)), analysis, results: null, existingSheetNames: [] });
    await saveFormsManifest(host, documents, analysis);
    expect(readFormsManifestXml(await host.loadFormsPart(), "книга").reportId).toBe(first.reportId);
  });

  it("«Формы для школ» → schools → «Собрать формы» fills the open book in place", async () => {
    const { fake, host } = await setup();
    const manifest = readFormsManifestXml(await host.loadFormsPart(), "книга");
    expect(manifest.indicators.length).toBeGreaterThan(0);
    const first = manifest.indicators[0];
    // The methodist had typed a figure into the report herself.
    const sheet = fake.sheet(first.sheet);
    const at = (a1: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
      return [Number(m[2]) - 1, m[1].charCodeAt(0) - 65] as const;
    };
    const [r0, c0] = at(first.numerator);
    sheet.row(r0, true).v[c0] = 99;

    const zip = await formsOfBook(host, "shnor");
    const files = unzipSync(zip.bytes);
    const names = Object.keys(files).sort();
    const shnor = manifest.schools.filter((s) => s.status === "shnor");
    expect(names).toHaveLength(shnor.length);
    expect(zip.count).toBe(shnor.length);

    const formOf = (login: string) => files[names.find((n) => n.includes(login))!];
    const returned = [
      { name: "первая.xlsx", bytes: await filled(formOf(shnor[0].login!), (k) => [k + 1, k + 5]) },
      { name: "вторая.xlsx", bytes: await filled(formOf(shnor[1].login!), (k) => (k === 0 ? ["много", 3] : [k + 2, k + 6])) },
    ];
    const result = await collectFormsIntoBook(host, returned);
    const json = collectedJson(result.collected);

    expect(json.schools.filter((s) => s.status === "missing").map((s) => s.login)).toEqual(shnor.slice(2).map((s) => s.login));
    expect(json.rejected).toEqual([
      expect.objectContaining({
        file: "вторая.xlsx",
        sheet: "Показатели",
        cell: "C7",
        value: "много",
        reason: expect.stringMatching(/текст/),
      }),
    ]);
    // The sums in place: the first indicator from the first school alone, the others from both.
    expect(sheet.value(r0, c0)).toBe(1);
    const [r1, c1] = at(manifest.indicators[1].numerator);
    expect(sheet.value(r1, c1)).toBe(2 + 3);
    // «Показатели» says who has not answered; «Сбор форм» lists the replaced figure and the refusal.
    expect(String(sheet.value(2, 0))).toContain(`не ответили: ${shnor[2].name}`);
    // Its row made as tall as the plan says: a merged cell does not grow by itself.
    const summary = heightOf(lineCount(result.summary, manifest.summary.widthPx!, DEFAULT_FONT.size, true), DEFAULT_FONT.size);
    expect(sheet.formats.filter((f) => f.prop === "rowHeight" && f.rect.row === 2).map((f) => f.value)).toEqual([summary]);
    const collected = fake.sheet(result.sheet);
    const text = collected.rows.flatMap((r) => r?.v ?? []).join(" | ");
    expect(text).toContain("Заменены значения, введённые в отчёте");
    expect(text).toContain("99");
    expect(text).toContain("много");
    // The ШНОР's roadmap got its mark.
    const roadmap = fake.sheet(shnor[0].roadmap!.sheet);
    const [mr, mc] = at(shnor[0].roadmap!.activities[0].cell);
    expect(roadmap.value(mr, mc)).toBe("выполнено");
  });
});
