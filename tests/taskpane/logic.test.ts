/** The task pane's logic without React or Excel: the settings form, the report, the list, corrections, strings. */
import {
  analyzeTable,
  DEFAULT_SETTINGS,
  MEASURE_TEXT,
  readTable,
  recognitionLines,
  recognitionSummary,
  schoolYearText,
  STATUS_TEXT,
  storedRuleSettings,
} from "../../src/core";
import type { ReadResult } from "../../src/excel";
import {
  DEFAULT_DRAFT,
  documentsForm,
  documentsInput,
  draftOf,
  formOf,
  overrideOf,
  orderDateError,
  overrideText,
  recognition,
  resultList,
  settingsOf,
  withOverride,
  withoutOverride,
  yearChoices,
} from "../../src/taskpane/logic";
import { plural, STRINGS } from "../../src/taskpane/strings";
import { wideGrid } from "../fixtures/layouts";
import { SEED_001, SEED_003 } from "../fixtures/seeds";

describe("the settings form", () => {
  it("round-trips the defaults and reads «30,5» the Russian way", () => {
    expect(settingsOf(DEFAULT_DRAFT)).toEqual({ settings: DEFAULT_SETTINGS, error: null });
    expect(settingsOf({ ...DEFAULT_DRAFT, threshold: "30,5", year: "2021", minParticipants: "5" }).settings).toMatchObject({
      threshold: 30.5,
      year: 2021,
      minParticipants: 5,
    });
    expect(draftOf({ ...DEFAULT_SETTINGS, threshold: 12.5, year: 2020 })).toMatchObject({ threshold: "12,5", year: "2020" });
  });

  it("gives the engine's Russian message for a bad value", () => {
    expect(settingsOf({ ...DEFAULT_DRAFT, threshold: "" }).error).toMatch(/^Порог должен быть числом от 1 до 100/);
    expect(settingsOf({ ...DEFAULT_DRAFT, year: "19" }).error).toMatch(/^Год должен быть четырёхзначным/);
    expect(settingsOf({ ...DEFAULT_DRAFT, minParticipants: "-1" }).error).toMatch(/^Минимальное число участников/);
  });

  it("reads a threshold in (0; 1) as a share, as the functions and the command do", () => {
    expect(settingsOf({ ...DEFAULT_DRAFT, threshold: "0,3" }).settings?.threshold).toBe(30);
  });

  it("checks the order's date with the engine's own check, empty being a blank", () => {
    expect(orderDateError("")).toBeNull();
    expect(orderDateError("26.08.2025")).toBeNull();
    expect(orderDateError("31.02.2025")).toMatch(/^Дата приказа — день, месяц и год в виде ДД\.ММ\.ГГГГ/);
  });

  it("reads stored settings value by value, as core does for every host: a bad one falls back alone", () => {
    const stored = storedRuleSettings({ threshold: 500, minParticipants: 5, criterion2: "same" });
    expect(stored.settings).toEqual({ ...DEFAULT_SETTINGS, minParticipants: 5, criterion2: "same" });
    expect(stored.refused).toHaveLength(1);
    expect(storedRuleSettings({ threshold: 25 }).settings).toEqual({ ...DEFAULT_SETTINGS, threshold: 25 });
    expect(storedRuleSettings(null)).toEqual({ settings: DEFAULT_SETTINGS, refused: [] });
  });
});

function readOf(grid: ReturnType<typeof wideGrid>): ReadResult {
  return { table: readTable(grid), sheet: grid.sheetName ?? "", address: "A1:AI6", rows: grid.values.length, columns: 35, source: "sheet" };
}

describe("the recognition report and the results list", () => {
  const read = readOf(wideGrid(SEED_001));
  const analysis = analyzeTable(read.table);

  it("says what was read and what is counted", () => {
    const r = recognition(read, analysis);
    expect(r.counts).toEqual({ schools: 7, procedures: 17, counted: 17, previousYear: 2021 });
    expect(r.schools).toBe("7 школ");
    expect(r.yearsUsed).toBe("Предыдущий год: 2021; год перед ним: 2019.");
    expect(r.counted).toBe("Учитываются ВПР, ОГЭ, ЕГЭ по предметам: математика, русский язык; низкий результат — от 30 % «2».");
    expect(yearChoices(read.table)).toEqual([2021, 2019]);
  });

  it("names a sheet of the workbook with its range, and the page's files without one: the one sheet, or how many were joined", () => {
    expect(recognition(read, analysis).sheet).toBe(`Лист «${read.sheet}», A1:AI6: ${recognitionSummary(read.table, analysis).layout}.`);
    const sheet = (name: string, taken: boolean) => ({ sheet: name, taken, what: "…" });
    const one = { ...read, perFile: [{ file: "a.xlsx", format: "xlsx" as const, sheets: [sheet("Титул", false), sheet("ВПР", true)] }] };
    expect(recognition(one, analysis).sheet).toBe(`Лист «ВПР»: ${recognitionSummary(read.table, analysis).layout}.`);
    const many = { ...one, perFile: [...one.perFile, { file: "b.xlsx", format: "xlsx" as const, sheets: [sheet("РУ 4", true)] }] };
    expect(recognition(many, analysis).sheet).toBe("Таблицы 2 листов объединены по школам; что взято с каждого листа — ниже.");
  });

  it("tells the same numbers as the command's recognition lines", () => {
    const r = recognition(read, analysis);
    const [, counts, counted] = recognitionLines(read.table, analysis);
    expect(counts).toContain(
      `Школ: ${r.counts.schools}; процедур: ${r.counts.procedures}, из них учитываются правилом: ${r.counts.counted};`,
    );
    expect(counted).toBe("Учитываются: ВПР, ОГЭ, ЕГЭ по предметам: математика, русский язык; порог 30 %.");
  });

  it("shows each status in the words the sheet cells hold", () => {
    for (const item of resultList(analysis, "all").items) expect(STRINGS.results.status[item.status]).toBe(STATUS_TEXT[item.status]);
  });

  it("lists ШНОР first, then risk, with reasons, and caps long lists", () => {
    const all = resultList(analysis, "all");
    expect(all.total).toBe(7);
    expect(all.items.map((i) => i.status)).toEqual(["shnor", "shnor", "shnor", "risk", "risk", "risk", "risk"]);
    expect(all.items[0].reason).toMatch(/^критери/);
    expect(resultList(analysis, "risk").items).toHaveLength(4);
    expect(resultList(analysis, "all", 2)).toMatchObject({ total: 7, items: [{}, {}] });
  });
});

describe("column corrections", () => {
  const table = readTable(wideGrid(SEED_003));

  it("start from what the engine read", () => {
    expect(formOf(table, 1)).toEqual({ role: "name", procedure: "", measure: "failPercent" });
    expect(formOf(table, 3)).toEqual({ role: "measure", procedure: "ВПР математика 5 2019", measure: "failPercent" });
  });

  it("become the engine's overrides, one a column", () => {
    const measure = overrideOf(3, { role: "measure", procedure: " ВПР МА 5 2019 ", measure: "failPercent" });
    expect(measure).toEqual({ column: 3, as: "measure", procedure: "ВПР МА 5 2019", measure: "failPercent" });
    const list = withOverride(withOverride([], measure), overrideOf(3, { role: "ignore", procedure: "", measure: "failPercent" }));
    expect(list).toEqual([{ column: 3, as: "ignore" }]);
    expect(overrideText(list[0])).toBe("D: Не использовать");
    expect(overrideText({ column: 4, as: "measure", procedure: "ВПР МА 5 2019", measure: "participants" })).toBe(
      `E: ВПР МА 5 2019, ${MEASURE_TEXT.participants}`,
    );
    expect(withoutOverride(list, 3)).toEqual([]);
  });
});

it("keeps the documents' settings as the form has them", () => {
  const form = { ...documentsForm(undefined), schoolYear: "2025", orderNumber: " 512 " };
  expect(documentsInput(form)).toEqual({
    schoolYear: 2025,
    annexSchools: "shnor",
    schoolRoadmaps: true,
    order: { number: "512", date: "", issuer: "" },
  });
  expect(documentsForm(documentsInput(form))).toEqual({ ...form, orderNumber: "512" });
  expect(documentsInput(documentsForm(undefined))).not.toHaveProperty("schoolYear");
  expect(documentsInput({ ...form, schoolYear: "2025/26" }).schoolYear).toBe(2025);
  expect(STRINGS.documents.schoolYearHint(2025)).toBe(`Пусто — ${schoolYearText(2025)}.`);
});

it("refuses a school year it cannot read, naming the field as the form labels it", () => {
  const form = { ...documentsForm(undefined), schoolYear: "2025/2027" };
  expect(() => documentsInput(form)).toThrow(`«${STRINGS.documents.schoolYear}»`);
  expect(() => documentsInput(form)).toThrow(/«2025\/2027»/);
});

it("speaks Russian plurals", () => {
  const forms: [string, string, string] = ["школа", "школы", "школ"];
  expect([1, 2, 5, 11, 21, 22, 25, 111, 112].map((n) => `${n} ${plural(n, forms)}`)).toEqual([
    "1 школа",
    "2 школы",
    "5 школ",
    "11 школ",
    "21 школа",
    "22 школы",
    "25 школ",
    "111 школ",
    "112 школ",
  ]);
  expect(STRINGS.results.shnor(2, 7)).toBe("ШНОР: 2 из 7");
  expect(STRINGS.results.risk(4)).toBe("в зоне риска: 4");
});
