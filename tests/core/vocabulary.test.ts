import {
  findMeasure,
  normalizeText,
  parseProcedureParts,
  completeProcedure,
  procedureLabel,
  subjectFromText,
  findYear,
  KNOWN_SUBJECTS,
  subjectShort,
  PROCEDURE_TYPES,
  procedureTypeOf,
} from "../../src/core";

const label = (text: string) => {
  const p = completeProcedure(parseProcedureParts(text));
  return p ? procedureLabel(p) : null;
};

describe("procedure headers as officials write them", () => {
  it.each([
    ["ВПР МА 5 2019", "ВПР математика 5 кл. 2019"],
    ["ВПР РУ 6 2021 весна", "ВПР русский язык 6 кл. 2021"],
    ["ВПР МА 6 2020 осень", "ВПР математика 6 кл. 2020"],
    ["ВПР Математика 5 кл. 2022-2023", "ВПР математика 5 кл. 2023"],
    ["ВПР мат. 5 класс 2022/23 уч.г.", "ВПР математика 5 кл. 2023"],
    ["ВПР рус. яз. 7 кл 2022/2023", "ВПР русский язык 7 кл. 2023"],
    ["ВПР Русский язык, 8 класс, 2024", "ВПР русский язык 8 кл. 2024"],
    ["ВПР окр. мир 4 кл. 2023", "ВПР окружающий мир 4 кл. 2023"],
    ["ВПР история 5кл 2023", "ВПР история 5 кл. 2023"],
    ["ОГЭ МА 2019", "ОГЭ математика 2019"],
    ["ОГЭ математика 9 класс 2023", "ОГЭ математика 2023"],
    ["ЕГЭ РУ 2021", "ЕГЭ русский язык 2021"],
    ["ЕГЭ математика (базовый уровень) 2023", "ЕГЭ математика (базовый уровень) 2023"],
    ["ЕГЭ МА проф. 2023", "ЕГЭ математика (профильный уровень) 2023"],
    ["РКР математика 10 кл. 2023", "РКР математика 10 кл. 2023"],
    ["НИКО история 2022", "НИКО история 2022"],
  ])("%p → %p", (text, expected) => {
    expect(label(text)).toBe(expected);
  });

  it("ЕГЭ математика базовая and профильная are two procedures", () => {
    expect(label("ЕГЭ МА база 2023")).not.toBe(label("ЕГЭ МА профиль 2023"));
  });

  it.each([
    ["2022-2023", 2023],
    ["2022/23", 2023],
    ["2022/2023 уч. г.", 2023],
    ["2021 весна", 2021],
    ["2020 осень", 2020],
    ["без года", null],
  ])("year of %p is %p", (text, year) => {
    expect(findYear(normalizeText(text))).toBe(year);
  });

  it.each([
    ["Математика", "математика"],
    ["мат.", "математика"],
    ["МА", "математика"],
    ["Русский язык", "русский язык"],
    ["рус. яз.", "русский язык"],
    ["РУ", "русский язык"],
    ["Окружающий мир", "окружающий мир"],
  ])("subject %p is %p", (text, subject) => {
    expect(subjectFromText(text)).toBe(subject);
  });
});

describe("measure headers", () => {
  it.each([
    ["% «2»", "failPercent"],
    ["%2", "failPercent"],
    ["«%2»", "failPercent"],
    ['" % 2"', "failPercent"],
    ["доля «2», %", "failPercent"],
    ["% не преодолевших минимальный порог", "failPercent"],
    ["% получивших «2»", "failPercent"],
    ["% «4» и «5»", "highPercent"],
    ["% выс. рез.", "highPercent"],
    ["% Выс. рез-тов", "highPercent"],
    ["Качество знаний, %", "highPercent"],
    ["Успеваемость, %", "passPercent"],
    ["Кол-во участников", "participants"],
    ["Количество участников", "participants"],
    ["Число участников", "participants"],
    ["Получили «2», чел.", "failCount"],
    ["Не преодолели порог, чел.", "failCount"],
    ["2", "mark2"],
    ["5", "mark5"],
  ])("%p is %p", (text, measure) => {
    expect(findMeasure(normalizeText(text))?.measure).toBe(measure);
  });

  it("a plain procedure label names no measure", () => {
    expect(findMeasure(normalizeText("ВПР МА 5 2019"))).toBeNull();
  });
});

describe("subject codes", () => {
  it("are the annex headers' two letters, read back as the same subject", () => {
    for (const subject of KNOWN_SUBJECTS) {
      const code = subjectShort(subject);
      expect(code).toMatch(/^[А-Я]{2}$/);
      if (subject !== "иностранный язык") expect(subjectFromText(code)).toBe(subject);
    }
    expect(new Set(KNOWN_SUBJECTS.map(subjectShort)).size).toBe(KNOWN_SUBJECTS.length);
    expect(subjectShort("астрономия")).toBe("астрономия");
  });
});

describe("procedure types", () => {
  // Headers come in any case and tokens in lower case: each type is found as written in PROCEDURE_TYPES («ВсОШ» too).
  it.each([...PROCEDURE_TYPES])("«%s» is found in lower case, in capitals and as written", (type) => {
    for (const written of [type, type.toLowerCase(), type.toUpperCase()])
      expect(parseProcedureParts(`${written} математика 9 кл. 2024`).type).toBe(type);
  });

  it.each([...PROCEDURE_TYPES])("«%s» as a user types it (the command's --types) is found in any case", (type) => {
    for (const written of [type, ` ${type.toLowerCase()} `, type.toUpperCase()]) expect(procedureTypeOf(written)).toBe(type);
    expect(procedureTypeOf(`${type}X`)).toBeNull();
  });
});
