/**
 * `shnor report` with the settings stored in the book: the rule's settings,
 * the corrections and the document choices apply, options override them, and
 * the report carries the settings it was made with as the same custom XML
 * part — which our reader finds and `shnor analyze` honours (LibreOffice opens it:
 * tests/office/settings-report-libreoffice.test.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import {
  analyzeTable,
  ColumnOverride,
  DEFAULT_SETTINGS,
  readSettingsXml,
  readTable,
  reasonText,
  resolveSettings,
  SETTINGS_NAMESPACE,
  settingsXml,
  StoredSettings,
} from "../../src/core";
import { fileSource } from "../../src/io/node";
import { INITIAL, parsedSettings, reduce } from "../../src/taskpane/session";
import { fakeWith } from "../excel/helpers";
import { openBook } from "../../src/io/open";
import { injectCustomXml, packageParts } from "../fixtures/custom-xml";
import { makeMunicipality, sheetNameOf, statGrid } from "../fixtures/fisoko";
import { wideGrid, writeWorkbook } from "../fixtures/layouts";
import { SEED_003 } from "../fixtures/seeds";
import { run } from "./run";
import { PATIENCE } from "../fixtures/patience";

jest.setTimeout(PATIENCE);

const grid = wideGrid(SEED_003);
const correction: ColumnOverride = { column: 11, as: "ignore" };
const stored: StoredSettings = {
  settings: { ...DEFAULT_SETTINGS, threshold: 35 },
  overrides: { "Приложение 1": [correction] },
  source: "sheet",
  statusFormulas: false,
  documents: {
    schoolYear: 2024,
    annexSchools: "all",
    schoolRoadmaps: false,
    order: { number: "77", date: "01.09.2024", issuer: "" },
    names: { uo: "Управление образования г. Юрги" },
  },
};
const expected = analyzeTable(readTable(grid, [correction]), resolveSettings({ threshold: 35 })).verdicts.map((v) => ({
  name: v.school.name,
  status: v.status,
  reason: reasonText(v),
}));

let dir: string;
let book: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "shnor-settings-report-"));
  book = join(dir, "stored.xlsx");
  await writeWorkbook(book, [grid]);
  injectCustomXml(book, [{ n: 2, xml: settingsXml(stored) }]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const storedPart = (file: string): string => {
  const parts = packageParts(file);
  const ours = Object.entries(parts).filter(([name, text]) => /^customXml\/item\d+\.xml$/.test(name) && text.includes(SETTINGS_NAMESPACE));
  expect(ours).toHaveLength(1);
  return ours[0][1];
};

async function cellsOf(file: string, sheet: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet)!;
  const texts: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.text))));
  return texts.join("\n");
}

describe("the report made from a book with stored settings", () => {
  let out: string;
  let stdout: string;
  beforeAll(async () => {
    out = join(dir, "report.xlsx");
    const r = await run("report", book, "-o", out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    stdout = r.stdout;
  });

  it("uses the stored rule settings, corrections and document choices, and says so", async () => {
    expect(stdout).toMatch(
      /Настройки из книги «stored\.xlsx»: порог 35 %.*учебный год 2024\/2025.*приказ № 77 от 01\.09\.2024.*исправления столбцов листа «Приложение 1»: 1\./,
    );
    expect(stdout).toMatch(/Учебный год дорожной карты: 2024\/2025/);
    // annexSchools «all» and the order number reach the annex; no per-school roadmaps.
    const sheets = await sheetNames(out);
    expect(sheets).toContain("Приложение 1 (все ОО)");
    expect(sheets.filter((s) => /^ДК /.test(s))).toEqual([]);
    expect(await cellsOf(out, "Приложение 1 (все ОО)")).toMatch(/77/);
  });

  it("carries the part with its props, relationship and content type", () => {
    const parts = packageParts(out);
    const item = Object.keys(parts).find((n) => /^customXml\/item\d+\.xml$/.test(n))!;
    const n = /item(\d+)/.exec(item)![1];
    expect(parts[`customXml/itemProps${n}.xml`]).toMatch(/datastoreItem/);
    expect(parts[`customXml/_rels/item${n}.xml.rels`]).toMatch(new RegExp(`customXmlProps" Target="itemProps${n}\\.xml"`));
    expect(parts["xl/_rels/workbook.xml.rels"]).toMatch(new RegExp(`relationships/customXml" Target="\\.\\./customXml/item${n}\\.xml"`));
    expect(parts["[Content_Types].xml"]).toMatch(
      new RegExp(
        `PartName="/customXml/itemProps${n}\\.xml" ContentType="application/vnd\\.openxmlformats-officedocument\\.customXmlProperties\\+xml"`,
      ),
    );
    const { stored: carried, notices } = readSettingsXml(storedPart(out));
    expect(notices).toEqual([]);
    expect(carried).toMatchObject({
      settings: { ...DEFAULT_SETTINGS, threshold: 35 },
      overrides: stored.overrides,
      source: "sheet",
      documents: { schoolYear: 2024, annexSchools: "all", schoolRoadmaps: false, order: { number: "77", date: "01.09.2024" } },
    });
    expect(carried!.documents!.names).toMatchObject({ uo: "Управление образования г. Юрги" });
  });

  it("is found by our reader and gives the same answer through `shnor analyze`", async () => {
    const source = await fileSource(out);
    try {
      const xml = await (await openBook(source)).storedSettings();
      expect(readSettingsXml(xml).stored?.settings.threshold).toBe(35);
    } finally {
      await source.close?.();
    }
    const r = await run("analyze", out, "--sheet", "Приложение 1", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(
      json.schools.map(({ name, status, reason }: { name: string; status: string; reason: string }) => ({ name, status, reason })),
    ).toEqual(expected);
    expect(json.settingsSource).toMatchObject({ book: "report.xlsx", corrections: { "Приложение 1": 1 }, notices: [] });
  });

  it("the pane opening the report gets the same settings and the same answer", async () => {
    // Excel lists the file's custom XML parts as the workbook's: the fake is given the report's part.
    const { fake, host } = fakeWith(grid);
    fake.workbook.xmlParts.push({ id: "from-file", namespaceUri: SETTINGS_NAMESPACE, xml: storedPart(out) });
    const loaded = await host.loadSettings();
    expect(loaded).toEqual(readSettingsXml(storedPart(out)).stored);
    const state = reduce(INITIAL, { type: "loaded", stored: loaded });
    expect(state.docForm).toMatchObject({ schoolYear: "2024", annexSchools: "all", orderNumber: "77" });
    const read = await host.readTable({ source: state.source, overridesBySheet: state.overrides });
    const answer = analyzeTable(read.table, parsedSettings(state).settings!).verdicts.map((v) => ({
      name: v.school.name,
      status: v.status,
      reason: reasonText(v),
    }));
    expect(answer).toEqual(expected);
  });
});

it("options override the stored document settings field by field, and the report stores what was used", async () => {
  const out = join(dir, "override.xlsx");
  const r = await run("report", book, "-o", out, "--school-year", "2026", "--order-number", "5", "--threshold", "30");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/; из командной строки: порог 30 %, учебный год 2026\/2027, приказ № 5\./);
  expect(r.stdout).not.toMatch(/из книги[^;]*учебный год/);
  const carried = readSettingsXml(storedPart(out)).stored!;
  expect(carried.settings.threshold).toBe(30);
  expect(carried.documents).toMatchObject({ schoolYear: 2026, annexSchools: "all", order: { number: "5", date: "01.09.2024" } });
});

it("without stored settings the report stores the defaults it used", async () => {
  const plain = join(dir, "plain.xlsx");
  await writeWorkbook(plain, [grid]);
  const out = join(dir, "plain-report.xlsx");
  const r = await run("report", plain, "-o", out);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/Настройки по умолчанию/);
  const carried = readSettingsXml(storedPart(out)).stored!;
  expect(carried.settings).toEqual(DEFAULT_SETTINGS);
  expect(carried.overrides).toEqual({});
});

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((w) => w.name);
}

it("a report of ФИС ОКО sheets, read again, gives the same schools: its document sheets are left out by the names its part lists", async () => {
  const m = makeMunicipality(11, 6, [2026]);
  const input = join(dir, "fisoko.xlsx");
  await writeWorkbook(
    input,
    m.procedures.map((p) => ({ ...statGrid(m, p), sheetName: sheetNameOf(p) })),
  );
  const out = join(dir, "fisoko-report.xlsx");
  // No school over 99 % «2»: «Приложение 1» holds only its line «Нет ОО…», which must not come back as a school.
  expect((await run("report", input, "-o", out, "--threshold", "99")).code).toBe(0);
  const answer = async (file: string) => {
    const r = await run("analyze", file, "--json", "--threshold", "99");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const json = JSON.parse(r.stdout) as { schools: { name: string; status: string }[]; recognition: unknown };
    return { schools: json.schools.map((s) => [s.name, s.status]), recognition: JSON.stringify(json.recognition) };
  };
  const [before, after] = [await answer(input), await answer(out)];
  expect(after.schools).toEqual(before.schools);
  const generated = readSettingsXml(storedPart(out)).stored!.generatedSheets!;
  expect(generated).toEqual(expect.arrayContaining(["Показатели", "Приложение 1", "Динамика и объективность"]));
  // The «Свод» holds the results: read again, it gives them; it is not a document sheet.
  expect(generated).not.toContain("Свод");
});
