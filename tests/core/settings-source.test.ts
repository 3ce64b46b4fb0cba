/**
 * The merge rules the command and the web page share (src/core/settings-source.ts):
 * each value the user set overrides its stored value alone, order details and
 * names merge field by field, and the page's «what did the user change» gives
 * back exactly the values in force when merged over the book's.
 */
import fc from "fast-check";
import {
  analyzeSchools,
  appliedCorrections,
  BookSettings,
  changedFrom,
  CLI_WORDING,
  KNOWN_SUBJECTS,
  mergedDocuments,
  mergedSettings,
  NO_BOOK_SETTINGS,
  PROCEDURE_TYPES,
  readTable,
  resolveSettings,
  Settings,
  settingsSource,
  severalBooksNotice,
  StoredSettings,
  usedSettings,
  withoutYearLackingData,
} from "../../src/core";
import type { DocumentSettingsInput } from "../../src/core/documents";

const settingsArb: fc.Arbitrary<Settings> = fc
  .record({
    threshold: fc.integer({ min: 1, max: 100 }),
    year: fc.option(fc.integer({ min: 2015, max: 2030 }), { nil: null }),
    countedTypes: fc.subarray([...PROCEDURE_TYPES], { minLength: 1 }),
    countedSubjects: fc.subarray([...KNOWN_SUBJECTS], { minLength: 1 }),
    minParticipants: fc.integer({ min: 1, max: 50 }),
    criterion2: fc.constantFrom("any" as const, "same" as const),
  })
  .map((s) => resolveSettings(s));

const bookOf = (settings: Settings, extra: Partial<StoredSettings> = {}): BookSettings => ({
  book: "книга.xlsx",
  stored: { settings, overrides: {}, ...extra },
  notices: [],
});

describe("mergedSettings", () => {
  it("takes each option given, and the stored value for every other key", () => {
    fc.assert(
      fc.property(settingsArb, settingsArb, fc.subarray(Object.keys(resolveSettings({})) as (keyof Settings)[]), (stored, given, keys) => {
        const options = Object.fromEntries(keys.map((k) => [k, given[k]])) as Partial<Settings>;
        const merged = mergedSettings(bookOf(stored), options);
        for (const k of Object.keys(stored) as (keyof Settings)[]) expect(merged[k]).toEqual(keys.includes(k) ? given[k] : stored[k]);
      }),
    );
  });

  it("without a book (none stored, ignored, several books) is the options alone", () => {
    expect(mergedSettings(NO_BOOK_SETTINGS, { threshold: 25 })).toEqual({ threshold: 25 });
    expect(mergedSettings({ ...NO_BOOK_SETTINGS, ignored: true }, {})).toEqual({});
  });
});

describe("changedFrom (the page: what the user changed in a form that started from the book's values)", () => {
  it("merged over the book's again gives exactly the values in force", () => {
    fc.assert(
      fc.property(settingsArb, settingsArb, (stored, values) => {
        const changed = changedFrom(values, stored);
        expect(resolveSettings(mergedSettings(bookOf(stored), changed))).toEqual(values);
        // Only what differs counts as the user's.
        for (const k of Object.keys(changed) as (keyof Settings)[]) expect(changed[k]).not.toEqual(stored[k]);
      }),
    );
  });

  it("a list in another order is the same choice", () => {
    const stored = resolveSettings({ countedSubjects: ["математика", "русский язык"] });
    expect(changedFrom({ ...stored, countedSubjects: ["русский язык", "математика"] }, stored)).toEqual({});
  });
});

describe("mergedDocuments", () => {
  it("merges the order and the names field by field, other choices key by key", () => {
    const stored: DocumentSettingsInput = {
      annexSchools: "risk",
      schoolYear: 2025,
      order: { number: "512", date: "26.11.2020" },
      names: { uo: "УО", imc: "ИМЦ" },
    };
    const merged = mergedDocuments(bookOf(resolveSettings({}), { documents: stored }), {
      schoolYear: 2026,
      order: { number: "7" },
      names: { imc: "МБУ «ИМЦ»" },
    });
    expect(merged).toEqual({
      annexSchools: "risk",
      schoolYear: 2026,
      order: { number: "7", date: "26.11.2020" },
      names: { uo: "УО", imc: "МБУ «ИМЦ»" },
    });
  });
});

describe("settingsSource", () => {
  const book = bookOf(resolveSettings({ threshold: 35 }), { overrides: { "Приложение 1": [{ column: 3, as: "ignore" }] } });

  it("says which values came from the book and which from the user, in the host's words", () => {
    const { source, lines } = settingsSource(book, { threshold: 30 }, ["приложение 1", "Лист2"]);
    expect(source).toMatchObject({ book: "книга.xlsx", fromOptions: ["threshold"], corrections: { "приложение 1": 1 } });
    expect(source.fromBook).not.toContain("threshold");
    expect(lines[0]).toMatch(/^Настройки из книги «книга\.xlsx»: предыдущий год.*; из командной строки: порог 30 %\.$/);
    const page = { ...CLI_WORDING, fromUser: "изменены на странице" };
    expect(settingsSource(book, { threshold: 30 }, [], undefined, page).lines[0]).toMatch(/; изменены на странице: порог 30 %\.$/);
  });

  it("counts the corrections that met a sheet read, its name compared without case", () => {
    expect(appliedCorrections(book, ["ПРИЛОЖЕНИЕ 1"])).toEqual({ "ПРИЛОЖЕНИЕ 1": 1 });
    expect(appliedCorrections(book, ["Другой"])).toEqual({});
  });

  it("with nothing stored or given, and with the book set aside", () => {
    expect(settingsSource(NO_BOOK_SETTINGS, {}, []).lines).toEqual([
      "Настройки по умолчанию: в книге не сохранены, в командной строке не заданы.",
    ]);
    expect(settingsSource({ ...NO_BOOK_SETTINGS, ignored: true }, {}, []).lines[0]).toBe(
      "Настройки по умолчанию: сохранённые в книге не применяются (--ignore-book-settings).",
    );
  });

  it("several books: one sentence naming them, the host's own last words", () => {
    expect(severalBooksNotice(["a.xlsx", "b.xlsx"], CLI_WORDING)).toBe(
      "Настройки, сохранённые в книгах («a.xlsx», «b.xlsx»), не применены: прочитано несколько файлов, и какие из них главные, неизвестно. Действуют параметры командной строки и значения по умолчанию.",
    );
  });
});

describe("withoutYearLackingData (a stored year the table has no counted results for)", () => {
  // Математика has results for 2022, русский язык for 2023.
  const schools = readTable({
    values: [
      ["№", "Наименование ОО", "ВПР МА 5 2022 % «2»", "ВПР РУ 5 2023 % «2»"],
      [1, "МБОУ «СОШ № 1»", 35, 40],
      [2, "МБОУ «СОШ № 2»", 5, 10],
    ],
  }).schools;
  const stored = (settings: Partial<Settings>) => bookOf(resolveSettings(settings));

  it("keeps a stored year with counted results", () => {
    const book = stored({ year: 2023, threshold: 35 });
    expect(withoutYearLackingData(book, schools, {})).toBe(book);
    expect(withoutYearLackingData(book, schools, { threshold: 30 })).toBe(book);
  });

  it("drops one without: the latest year with data applies, a notice names the years that have them, and the book is not credited with it", () => {
    const book = withoutYearLackingData(stored({ year: 2024, threshold: 35 }), schools, {});
    expect(book.stored!.settings).toEqual(resolveSettings({ threshold: 35 }));
    expect(book.notices).toEqual([
      "Год, сохранённый в книге (2024, 2023/2024 уч. г.), не применён: в таблице нет учитываемых результатов за этот год (они есть за 2022, 2023); взят последний год с данными.",
    ]);
    expect(analyzeSchools(schools, mergedSettings(book, {})).years).toEqual([2022, 2023]);
    const { source, lines } = settingsSource(book, {}, []);
    expect(source.fromBook).toEqual(expect.arrayContaining(["threshold", "countedTypes"]));
    expect(source.fromBook).not.toContain("year");
    expect(source.notices).toEqual(book.notices);
    expect(lines[0]).not.toMatch(/предыдущий год/);
    expect(lines[1]).toBe(book.notices[0]);
  });

  it("judges the year under the settings in force: the options' counted subjects, and none at all", () => {
    const book = stored({ year: 2022 });
    expect(withoutYearLackingData(book, schools, {})).toBe(book);
    const russian = withoutYearLackingData(book, schools, { countedSubjects: ["русский язык"] });
    expect(russian.stored!.settings.year).toBeNull();
    expect(russian.notices[0]).toMatch(
      /\(2022, 2021\/2022 уч\. г\.\), не применён: .*\(они есть за 2023\); взят последний год с данными\.$/,
    );
    const none = withoutYearLackingData(stored({ year: 2022, countedTypes: ["ОГЭ"] }), schools, {});
    expect(none.notices).toEqual([
      "Год, сохранённый в книге (2022, 2021/2022 уч. г.), не применён: в таблице нет учитываемых результатов ни за один год.",
    ]);
  });

  it("leaves a year the user gave, and one merged from no book, to the rule's own refusal", () => {
    const book = stored({ year: 2024 });
    expect(withoutYearLackingData(book, schools, { year: 2024 })).toBe(book);
    expect(withoutYearLackingData(book, schools, { year: null })).toBe(book);
    expect(() => analyzeSchools(schools, mergedSettings(book, { year: 2024 }))).toThrow(
      "Нет учитываемых результатов за 2024 год (2023/2024 уч. г.); они есть за 2022, 2023.",
    );
    expect(withoutYearLackingData(NO_BOOK_SETTINGS, schools, { year: 2024 })).toBe(NO_BOOK_SETTINGS);
  });
});

it("usedSettings keeps what the report was made with", () => {
  const settings = resolveSettings({ threshold: 40 });
  const used = usedSettings({
    settings,
    documents: { annexSchools: "all" } as never,
    overrides: { Лист: [{ column: 1, as: "name" }] },
    generatedSheets: ["Показатели"],
  });
  expect(used).toEqual({
    settings,
    documents: { annexSchools: "all" },
    overrides: { Лист: [{ column: 1, as: "name" }] },
    source: "sheet",
    statusFormulas: false,
    generatedSheets: ["Показатели"],
  });
});
