/**
 * What a newcomer types means what they meant (issue 19): a threshold in (0; 1) is a share, a year
 * is its end or the school year whole, a year without data is an error, the order's date is a real
 * day and its number carries no «№»; and the documents' words have no slips.
 */
import fc from "fast-check";
import {
  analyzeTable,
  endYearText,
  joinTables,
  parseEndYear,
  percentFromValue,
  readSettingsXml,
  readTable,
  resolveSettings,
  schoolYearText,
  settingsXml,
  SheetSpec,
  specRows,
} from "../../src/core";
import {
  ACTIVITIES,
  buildDocuments,
  checkDocumentSettings,
  DYNAMICS_KIND,
  orderDate,
  orderLine,
  orderNumber,
  resolveDocumentSettings,
  ROADMAP_KIND,
  timingText,
  wordDocuments,
} from "../../src/core/documents";
import { wordTexts } from "../../src/core/render-contract/word";
import { fisOkoGrids, longGrid, wideGrid } from "../fixtures/layouts";
import { SEED_001, SEED_003 } from "../fixtures/seeds";
import { dashboardGrid, makeMunicipality, statGrid } from "../fixtures/fisoko";
import { setup, texts } from "./documents/harness";

describe("the threshold", () => {
  it("reads a share strictly between 0 and 1 as the custom functions do: 0,3 is 30 %", () => {
    expect(resolveSettings({ threshold: 0.3 }).threshold).toBe(30);
    expect(resolveSettings({ threshold: 0.125 }).threshold).toBe(12.5);
    expect(resolveSettings({ threshold: 1 }).threshold).toBe(1);
    expect(resolveSettings({ threshold: 30 }).threshold).toBe(30);
    expect(() => resolveSettings({ threshold: 0 })).toThrow(/Порог/);
  });

  it("gives the same answer as a share and as a percent (property)", () => {
    const table = readTable(wideGrid(SEED_001));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), (percent) => {
        const share = analyzeTable(table, { threshold: percent / 100 });
        const whole = analyzeTable(table, { threshold: percent });
        expect(share.summary).toEqual(whole.summary);
        expect(share.settings.threshold).toBe(percentFromValue(percent / 100));
      }),
      { numRuns: 40 },
    );
  });
});

describe("the previous year", () => {
  it("is the end year, or the school year written whole", () => {
    expect(parseEndYear("2025")).toBe(2025);
    expect(parseEndYear(" 2024/2025 ")).toBe(2025);
    expect(parseEndYear("2024/25")).toBe(2025);
    expect(parseEndYear("2024-2025")).toBe(2025);
    for (const bad of ["23", "2024/2026", "2025/2024", "год", "", "2024/2025/2026"]) expect(parseEndYear(bad)).toBeNull();
  });

  it("reads back the school year it names (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2001, max: 2100 }), (end) => {
        expect(parseEndYear(String(end))).toBe(end);
        expect(parseEndYear(schoolYearText(end - 1))).toBe(end);
        expect(endYearText(end)).toBe(`${schoolYearText(end - 1)} уч. г.`);
      }),
    );
  });

  it("without data is an error naming the years that have some, never «ШНОР: 0»", () => {
    const table = readTable(wideGrid(SEED_001));
    expect(() => analyzeTable(table, { year: 2023 })).toThrow(
      "Нет учитываемых результатов за 2023 год (2022/2023 уч. г.); они есть за 2019, 2021.",
    );
    expect(() => analyzeTable(table, { year: 2030, countedSubjects: ["химия"] })).toThrow(/в таблице их нет ни за один год/);
    expect(analyzeTable(table, { year: 2019 }).years).toEqual([null, 2019]);
  });
});

describe("the order", () => {
  it.each([
    ["26.08.2025", "26.08.2025"],
    ["1.9.2025", "01.09.2025"],
    [" 29.02.2024 ", "29.02.2024"],
    ["", ""],
  ])("takes the date «%s» as «%s»", (typed, written) => {
    expect(orderDate(typed)).toBe(written);
  });

  it.each(["31.02.2025", "29.02.2025", "32.01.2025", "2025-08-26", "26.08.25", "26/08/2025", "завтра", "00.01.2025"])(
    "refuses the date «%s» with one Russian line",
    (typed) => {
      expect(() => orderDate(typed)).toThrow(/^Дата приказа — день, месяц и год в виде ДД\.ММ\.ГГГГ/);
      expect(() => checkDocumentSettings({ order: { date: typed } })).toThrow(/Дата приказа/);
    },
  );

  it("prints the number once, whatever «№» was typed before it", () => {
    for (const typed of ["№ 512-о", "№512-о", " №  512-о", "№№ 512-о", "512-о"]) expect(orderNumber(typed)).toBe("512-о");
    const analysis = analyzeTable(readTable(wideGrid(SEED_003)));
    const settings = resolveDocumentSettings(analysis, {
      order: { number: "№ 512-о", date: "1.9.2025", issuer: "Управления образования" },
    });
    expect(orderLine(settings)).toBe("Приложение 1 к приказу Управления образования от 01.09.2025 № 512-о");
  });

  it("a stored date that is no date is refused like any stored value: a notice, and the rest kept", () => {
    const part = settingsXml({
      settings: resolveSettings(),
      overrides: {},
      source: "sheet",
      statusFormulas: false,
      documents: { order: { number: "12", date: "31.02.2025" }, annexSchools: "all" },
    });
    const stored = readSettingsXml(part);
    expect(stored.stored?.documents?.order).toBeUndefined();
    expect(stored.stored?.documents?.annexSchools).toBe("all");
    expect(stored.notices.join(" ")).toMatch(/приказ/);
  });
});

/** Every text a document sheet holds. */
const allTexts = (sheets: SheetSpec[]): string[] => sheets.flatMap(texts);

/** Every text of the Word documents made from the same analysis. */
function wordWords(s: ReturnType<typeof setup>, read: string[] = ["файл «результаты.xlsx», лист «Лист1»"]): string[] {
  const { table, analysis, docs } = s;
  return wordDocuments({ table, analysis, settings: docs.settings, dynamics: docs.dynamics, tasks: docs.tasks, read }).flatMap(wordTexts);
}

describe("the documents' words", () => {
  const cases = [
    ["the sample's wide table", wideGrid(SEED_001)],
    ["a long table", longGrid(SEED_003)],
    ["a ФИС ОКО export", fisOkoGrids(SEED_003)[0]],
  ] as const;

  it.each(cases)("have no double stop in %s", (_name, grid) => {
    const s = setup(grid, { order: { number: "1", date: "01.09.2025" } });
    const slips = [...allTexts(s.docs.sheets), ...wordWords(s)].filter((t) => /(?<!\.)\.\.(?!\.)/.test(t));
    expect(slips).toEqual([]);
  });

  it("name what was read: ВПР only is «ВПР», not the rule's «ВПР, ОГЭ, ЕГЭ»", () => {
    const m = makeMunicipality(7, 12, [2025, 2026]);
    const table = joinTables(m.procedures.map((p, i) => ({ source: `f${i}`, table: readTable(statGrid(m, p)) })));
    const docs = buildDocuments({ table, analysis: analyzeTable(table), results: null, existingSheetNames: ["Свод"] });
    const words = allTexts(docs.sheets);
    const source = words.find((t) => t.startsWith("Источник:"));
    expect(source).toMatch(/\(ВПР; математика, русский язык\)/);
    // The source, before the rule's own sentences (which define a low result for each procedure type).
    expect(source!.split(" Низкий результат")[0]).not.toMatch(/ОГЭ|ЕГЭ/);
    expect(words).toContain("Итоги ВПР в разрезе общеобразовательных организаций");
  });

  it("round percents in «Динамика» as the annex does", () => {
    // Counts of marks: % «2» such as 1 of 13 = 7,6923… must not print unrounded.
    const grid = dashboardGrid(makeMunicipality(11, 20, [2025, 2026]));
    const s = setup(grid);
    const raw = s.table.schools.flatMap((x) => x.results.map((r) => r.failPercent ?? 0));
    expect(raw.some((p) => Math.round(p * 100) / 100 !== p)).toBe(true);
    const dynamics = s.docs.sheets.find((x) => x.kind === DYNAMICS_KIND);
    expect(dynamics).toBeDefined();
    for (const { values } of specRows(dynamics!))
      for (const v of values) if (v && "number" in v) expect(Math.round(v.number * 100) / 100).toBe(v.number);
  });

  it("date the roadmap in order: the list approved in the August before the school year, then September", () => {
    const first = ACTIVITIES.find((a) => a.id === "vyyavlenie-shnor")!;
    expect(timingText(first, 2025)).toBe("август 2025 г.");
    const s = setup(wideGrid(SEED_001), { schoolYear: 2025 });
    const roadmap = s.docs.sheets.find((x) => x.kind === ROADMAP_KIND)!;
    const timings = texts(roadmap).filter((t) =>
      /^(январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь) \d{4} г\.$/.test(t),
    );
    expect(timings[0]).toBe("август 2025 г.");
    expect(timings[1]).toBe("сентябрь 2025 г.");
    // The Word roadmap holds the same months in the same order.
    const wordTimings = wordWords(s).filter((t) => /^(август|сентябрь) \d{4} г\.$/.test(t));
    expect(wordTimings.slice(0, 2)).toEqual(["август 2025 г.", "сентябрь 2025 г."]);
    // The analysis at the year's end is still August of the next year.
    const analysisDk = ACTIVITIES.find((a) => a.id === "analiz-realizacii-dk")!;
    expect(timingText(analysisDk, 2025)).toBe("июль–август 2026 г.");
  });
});
