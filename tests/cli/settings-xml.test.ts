/**
 * The settings part round-trips whatever a user can type: sheet names and
 * order details with <, &, quotes and Cyrillic, through the XML alone and
 * through an .xlsx package written and read by the file layer.
 */
import fc from "fast-check";
import ExcelJS from "exceljs";
import {
  ColumnOverride,
  KNOWN_SUBJECTS,
  MEASURE_TEXT,
  Measure,
  PROCEDURE_TYPES,
  readSettingsXml,
  resolveSettings,
  settingsXml,
  StoredSettings,
} from "../../src/core";
import { DEFAULT_NAMES } from "../../src/core/documents";
import { bytesSource } from "../../src/io/bytes";
import { DEFAULT_LIMITS } from "../../src/io/limits";
import { findSettingsPart, withSettingsPart } from "../../src/io/settings-part";
import { Zip } from "../../src/io/zip";

/** Text as officials type it, with the characters XML and JSON care about. */
const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom("<", ">", "&", '"', "'", "\\", "]]>", "&amp;", "№", "«", "»", "ё", "Ш", "\n", "\t", "\uFFFE"),
    fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
  ),
  maxLength: 30,
});

const override: fc.Arbitrary<ColumnOverride> = fc.oneof(
  fc.record({ column: fc.nat(16_383), as: fc.constantFrom("name" as const, "login" as const, "territory" as const, "ignore" as const) }),
  fc.record({
    column: fc.nat(16_383),
    as: fc.constant("measure" as const),
    procedure: fc.constantFrom("ВПР МА 5 2019", "ОГЭ русский язык 2023", "ЕГЭ математика профильная 2024"),
    measure: fc.constantFrom(...(Object.keys(MEASURE_TEXT) as Measure[])),
  }),
);

const orderDateText = fc
  .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
  .map((d) => `${String(d.getUTCDate()).padStart(2, "0")}.${String(d.getUTCMonth() + 1).padStart(2, "0")}.${d.getUTCFullYear()}`);

const stored: fc.Arbitrary<StoredSettings> = fc.record(
  {
    settings: fc.record({
      threshold: fc.double({ min: 1, max: 100, noNaN: true }),
      year: fc.option(fc.integer({ min: 2000, max: 2100 }), { nil: null }),
      countedTypes: fc.subarray([...PROCEDURE_TYPES]),
      countedSubjects: fc.subarray(KNOWN_SUBJECTS),
      minParticipants: fc.nat(500),
      criterion2: fc.constantFrom("any" as const, "same" as const),
    }),
    overrides: fc.dictionary(text, fc.array(override, { maxLength: 3 }), { maxKeys: 4 }),
    source: fc.constantFrom("sheet" as const, "selection" as const),
    statusFormulas: fc.boolean(),
    documents: fc.record(
      {
        schoolYear: fc.integer({ min: 2000, max: 2100 }),
        annexSchools: fc.constantFrom("shnor" as const, "risk" as const, "all" as const),
        schoolRoadmaps: fc.boolean(),
        // A stored date is a real day in ДД.ММ.ГГГГ or empty (any other is refused with a notice: tests/core/coordinator.test.ts).
        order: fc.record({ number: text, date: fc.oneof(fc.constant(""), orderDateText), issuer: text }),
        names: fc.record(Object.fromEntries(Object.keys(DEFAULT_NAMES).map((role) => [role, text.filter((t) => t.trim() !== "")])), {
          requiredKeys: [],
        }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ["settings", "overrides", "source", "statusFormulas"] },
);

it("settingsXml → readSettingsXml gives back the same settings, without a notice", () => {
  fc.assert(
    fc.property(stored, (s) => {
      const { stored: back, notices } = readSettingsXml(settingsXml(s));
      expect(notices).toEqual([]);
      expect(back).toEqual(s);
    }),
    { numRuns: 300 },
  );
});

it("garbage in the part is never a crash: settings or null, and a notice when something was dropped", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        text.filter((t) => t !== ""),
        fc.json().map((j) => `<settings>${j}</settings>`),
      ),
      (xml) => {
        const { stored: back, notices } = readSettingsXml(xml);
        if (back === null) expect(notices.length).toBeGreaterThan(0);
        else expect(back.settings.threshold).toBeGreaterThan(0);
      },
    ),
    { numRuns: 300 },
  );
});

it("a refused value falls back alone: the book's other settings stay, with one notice naming the refused one", () => {
  const xml = `<settings>${JSON.stringify({ settings: { threshold: 25, countedSubjects: ["математика", "астрология"], criterion2: "same" } })}</settings>`;
  const { stored, notices } = readSettingsXml(xml);
  expect(stored?.settings.threshold).toBe(25);
  expect(stored?.settings.criterion2).toBe("same");
  expect(stored?.settings.countedSubjects).toEqual(resolveSettings({}).countedSubjects);
  expect(notices).toEqual([expect.stringMatching(/не применены \(Неизвестный предмет «астрология»/)]);
});

describe("through an .xlsx package", () => {
  let book: Uint8Array;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Лист1").getCell("A1").value = "x";
    book = new Uint8Array(await wb.xlsx.writeBuffer());
  });

  it("withSettingsPart → findSettingsPart → readSettingsXml round-trips", async () => {
    await fc.assert(
      fc.asyncProperty(stored, async (s) => {
        const bytes = withSettingsPart(book, settingsXml(s));
        const zip = await Zip.open(bytesSource(bytes, "x.xlsx"), DEFAULT_LIMITS);
        expect(readSettingsXml(await findSettingsPart(zip, DEFAULT_LIMITS))).toEqual({ stored: s, notices: [] });
      }),
      { numRuns: 25 },
    );
  });

  it("leaves every other part as it was", async () => {
    const bytes = withSettingsPart(book, settingsXml({ settings: { threshold: 30 } as never, overrides: {} }));
    const before = await Zip.open(bytesSource(book, "a.xlsx"), DEFAULT_LIMITS);
    const after = await Zip.open(bytesSource(bytes, "b.xlsx"), DEFAULT_LIMITS);
    const changed = ["[Content_Types].xml", "xl/_rels/workbook.xml.rels"];
    for (const e of before.entries) {
      if (changed.includes(e.name)) continue;
      expect(await after.bytes(after.entry(e.name)!)).toEqual(await before.bytes(e));
    }
    expect(after.entries.map((e) => e.name).filter((n) => n.startsWith("customXml/"))).toEqual([
      "customXml/item1.xml",
      "customXml/itemProps1.xml",
      "customXml/_rels/item1.xml.rels",
    ]);
  });

  it("a part over the string limit is refused with the limit's message, not read half-way", async () => {
    const big = withSettingsPart(book, settingsXml({ settings: { threshold: 30 } as never, overrides: { ["я".repeat(5000)]: [] } }));
    const limits = { ...DEFAULT_LIMITS, stringLength: 1000 };
    const zip = await Zip.open(bytesSource(big, "big.xlsx"), limits);
    await expect(findSettingsPart(zip, limits)).rejects.toThrow(/предел длины строки/);
  });
});
