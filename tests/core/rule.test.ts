import fc from "fast-check";
import {
  analyzeSchools,
  analyzeTable,
  Cell,
  isCountedResult,
  leastParticipants,
  Procedure,
  procedureKey,
  readTable,
  reasonText,
  resolveSettings,
  SchoolRecord,
  ShnorError,
  Status,
} from "../../src/core";

const vpr = (subject: string, grade: number, year: number): Procedure => ({ type: "ВПР", subject, grade, level: null, year });
const oge = (subject: string, year: number): Procedure => ({ type: "ОГЭ", subject, grade: null, level: null, year });

function school(name: string, results: [Procedure, number | null][]): SchoolRecord {
  return {
    name,
    login: null,
    territory: null,
    row: 0,
    results: results.map(([procedure, failPercent]) => ({
      procedure,
      key: procedureKey(procedure),
      failPercent,
      highPercent: null,
      participants: null,
      failCount: null,
    })),
  };
}

const statusOf = (s: SchoolRecord, settings = {}) => analyzeSchools([s], settings).verdicts[0];

describe("the rule", () => {
  it("criterion 1: two low results in the previous year", () => {
    const v = statusOf(
      school("A", [
        [vpr("математика", 5, 2023), 30],
        [oge("русский язык", 2023), 45],
        [vpr("математика", 5, 2022), 10],
      ]),
    );
    expect([v.status, v.criteria]).toEqual(["shnor", [1]]);
  });

  it("criterion 2: one low result in each of the two years", () => {
    const v = statusOf(
      school("A", [
        [vpr("математика", 5, 2023), 31],
        [vpr("русский язык", 6, 2022), 40],
      ]),
    );
    expect([v.status, v.criteria]).toEqual(["shnor", [2]]);
    expect(reasonText(v)).toBe("критерий 2: ВПР математика 5 кл. 2023 — 31 %; ВПР русский язык 6 кл. 2022 — 40 %");
  });

  it("criterion 2 «same procedure» needs the same type, subject and grade in both years", () => {
    const s = school("A", [
      [vpr("математика", 5, 2023), 31],
      [vpr("русский язык", 5, 2022), 40],
    ]);
    expect(statusOf(s, { criterion2: "same" }).status).toBe("risk");
    const same = school("B", [
      [vpr("математика", 5, 2023), 31],
      [vpr("математика", 5, 2022), 40],
    ]);
    expect(statusOf(same, { criterion2: "same" }).criteria).toEqual([2]);
  });

  it("two lows only in the year before are a risk, not ШНОР", () => {
    const v = statusOf(
      school("A", [
        [vpr("математика", 5, 2022), 31],
        [vpr("математика", 6, 2022), 40],
        [vpr("математика", 7, 2023), 5],
      ]),
    );
    expect(v.status).toBe("risk");
  });

  it("does not count other subjects unless the user adds them", () => {
    const s = school("A", [
      [vpr("окружающий мир", 4, 2023), 50],
      [vpr("история", 5, 2023), 50],
    ]);
    expect(statusOf(s).status).toBe("ok");
    expect(statusOf(s, { countedSubjects: ["окружающий мир", "история"] }).status).toBe("shnor");
  });

  it("skips a year without data: 2021 and 2019 when 2020 had no spring ВПР", () => {
    const a = analyzeSchools([
      school("A", [
        [vpr("математика", 5, 2021), 31],
        [vpr("математика", 5, 2019), 31],
      ]),
    ]);
    expect(a.years).toEqual([2019, 2021]);
    expect(a.verdicts[0].criteria).toEqual([2]);
  });

  it("uses the year the user names", () => {
    const s = school("A", [
      [vpr("математика", 5, 2023), 31],
      [vpr("математика", 5, 2022), 31],
      [vpr("математика", 6, 2022), 35],
    ]);
    const a = analyzeSchools([s], { year: 2022 });
    expect(a.years).toEqual([null, 2022]);
    expect(a.verdicts[0].criteria).toEqual([1]);
  });

  it("a different threshold moves the line", () => {
    const s = school("A", [
      [vpr("математика", 5, 2023), 25],
      [vpr("русский язык", 5, 2023), 26],
    ]);
    expect(statusOf(s).status).toBe("ok");
    expect(statusOf(s, { threshold: 25 }).status).toBe("shnor");
  });

  it.each([
    [{ threshold: 0 }, /Порог/],
    [{ threshold: 120 }, /Порог/],
    [{ year: 23 }, /четырёхзначным/],
    [{ minParticipants: -1 }, /участников/],
    [{ countedSubjects: ["пение"] }, /Неизвестный предмет/],
  ])("refuses a bad setting %p with a Russian message", (settings, message) => {
    expect(() => resolveSettings(settings as never)).toThrow(ShnorError);
    expect(() => resolveSettings(settings as never)).toThrow(message);
  });
});

const RANK: Record<Status, number> = { ok: 0, risk: 1, shnor: 2 };
const PROCEDURES: Procedure[] = [2021, 2022, 2023].flatMap((year) => [
  vpr("математика", 5, year),
  vpr("русский язык", 6, year),
  vpr("математика", 7, year),
  oge("математика", year),
  { type: "ЕГЭ", subject: "русский язык", grade: null, level: null, year } as Procedure,
  vpr("окружающий мир", 4, year),
]);
const percent = fc.option(
  fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
  { nil: null },
);
const schoolArb = fc.array(percent, { minLength: PROCEDURES.length, maxLength: PROCEDURES.length }).map((values) =>
  school(
    "МБОУ «СОШ № 1»",
    values.map((v, i) => [PROCEDURES[i], v] as [Procedure, number | null]).filter(([, v]) => v !== null),
  ),
);

describe("properties of the rule", () => {
  it("raising a percent never lowers a status", () => {
    fc.assert(
      fc.property(schoolArb, fc.nat(), fc.integer({ min: 1, max: 100 }), (s, pick, raise) => {
        if (s.results.length === 0) return;
        const years = analyzeSchools([s]).years;
        const raised = structuredClone(s);
        const r = raised.results[pick % raised.results.length];
        r.failPercent = Math.min(100, (r.failPercent ?? 0) + raise);
        const settings = { year: years[1] };
        expect(RANK[statusOf(raised, settings).status]).toBeGreaterThanOrEqual(RANK[statusOf(s, settings).status]);
      }),
    );
  });

  it("the threshold is inclusive", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 900 }).map((n) => n / 10),
        (threshold) => {
          const at = school("A", [
            [vpr("математика", 5, 2023), threshold],
            [vpr("русский язык", 5, 2023), threshold],
          ]);
          const below = school("B", [
            [vpr("математика", 5, 2023), Math.round((threshold - 0.1) * 10) / 10],
            [vpr("русский язык", 5, 2023), threshold - 0.1],
          ]);
          expect(statusOf(at, { threshold }).status).toBe("shnor");
          expect(statusOf(below, { threshold }).status).toBe("ok");
        },
      ),
    );
  });

  it("a school with no data is ok with no reasons, and says it has no data", () => {
    const v = statusOf(school("A", []));
    expect(v).toMatchObject({ status: "ok", criteria: [], low: [] });
    expect(reasonText(v)).toBe("нет данных");
    expect(reasonText(statusOf(school("B", [[vpr("математика", 5, 2019), 10]])))).toBe("нет низких результатов");
  });

  it("the wide and long layouts of the same data give the same answer", () => {
    const schools = fc.array(schoolArb, { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(schools, (list) => {
        const named = list.map((s, i) => ({ ...s, name: `МБОУ «СОШ № ${i + 1}»` }));
        const label = (p: Procedure) => `${p.type} ${p.subject} ${p.grade ? `${p.grade} кл.` : ""} ${p.year}`;
        const wide: Cell[][] = [
          ["Название ОО", ...PROCEDURES.map(label)],
          [null, ...PROCEDURES.map(() => "% «2»")],
        ];
        for (const s of named)
          wide.push([s.name, ...PROCEDURES.map((p) => s.results.find((r) => r.key === procedureKey(p))?.failPercent ?? "-")]);
        const long: Cell[][] = [["Наименование ОО", "Процедура", "Предмет", "Класс", "Год", "% «2»"]];
        for (const s of named)
          for (const r of s.results)
            long.push([
              s.name,
              r.procedure.type,
              r.procedure.subject,
              r.procedure.grade ?? "",
              String(r.procedure.year),
              String(r.failPercent).replace(".", ","),
            ]);
        const summarize = (values: Cell[][]) =>
          analyzeTable(readTable({ values })).verdicts.map((v) => [v.school.name, v.status, v.criteria, v.low.map((l) => l.percent)]);
        const fromLong = summarize(long);
        const fromWide = summarize(wide).filter(([name]) => fromLong.some(([n]) => n === name));
        expect(fromLong).toEqual(fromWide);
      }),
      { numRuns: 60 },
    );
  });
});

describe("the counted result", () => {
  const result = (participants: number | null, failPercent: number | null = 40, procedure = vpr("математика", 5, 2021)) => ({
    procedure,
    key: procedureKey(procedure),
    failPercent,
    highPercent: null,
    participants,
    failCount: null,
  });

  it("needs a percent, a counted procedure and, where known, enough participants", () => {
    const settings = resolveSettings({ minParticipants: 5 });
    expect(leastParticipants(settings)).toBe(5);
    expect(isCountedResult(result(5), settings)).toBe(true);
    expect(isCountedResult(result(4), settings)).toBe(false);
    expect(isCountedResult(result(null), settings)).toBe(true);
    expect(isCountedResult(result(20, null), settings)).toBe(false);
    expect(isCountedResult(result(20, 40, vpr("история", 5, 2021)), settings)).toBe(false);
  });

  it("over nobody is no result, even with a minimum of 0", () => {
    const settings = resolveSettings({ minParticipants: 0 });
    expect(leastParticipants(settings)).toBe(1);
    expect(isCountedResult(result(0), settings)).toBe(false);
  });

  it("decides the years: a year whose results are all under the minimum has no data", () => {
    const withCounts = (name: string, participants: number, years: number[]): SchoolRecord => ({
      ...school(name, []),
      results: years.flatMap((y) => [
        result(participants, 40, vpr("математика", 5, y)),
        result(participants, 40, vpr("русский язык", 5, y)),
      ]),
    });
    const schools = [withCounts("А", 20, [2019, 2021]), withCounts("Б", 3, [2022])];
    expect(analyzeSchools(schools, { minParticipants: 5 }).years).toEqual([2019, 2021]);
    expect(analyzeSchools(schools, { minParticipants: 1 }).years).toEqual([2021, 2022]);
  });
});
