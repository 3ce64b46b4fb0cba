import fc from "fast-check";
import { analyzeSchools } from "../../../src/core";
import { dynamicsVerdict, schoolHistory, seriesDynamics } from "../../../src/core/dynamics";
import { oge, school, vpr } from "./helpers";

const MA = "математика";
const RU = "русский язык";

/**
 * Three years, worked by hand (threshold 30, criterion 2 «any»):
 *   A: low 2022, low 2023 → as of 2023 ШНОР (criterion 2); nothing low in 2024 → as of 2024 risk (2023 low): left.
 *   B: nothing low until two lows in 2024 → 2023 нет, 2024 ШНОР (criterion 1): entered.
 *   C: two lows in 2023, one in 2024 → ШНОР both years (criterion 1, then 2): stayed.
 *   D: nothing low → нет, нет.
 *   E: low in 2022 only → 2023 risk, 2024 нет.
 */
const schools = [
  school("A", [
    [vpr(MA, 5, 2022), 35],
    [vpr(RU, 5, 2023), 31],
    [vpr(MA, 5, 2024), 10],
  ]),
  school("B", [
    [vpr(MA, 5, 2022), 5],
    [vpr(MA, 5, 2023), 12],
    [vpr(MA, 5, 2024), 30],
    [oge(RU, 2024), 40],
  ]),
  school("C", [
    [vpr(MA, 5, 2023), 33],
    [oge(MA, 2023), 50],
    [vpr(RU, 5, 2024), 30],
  ]),
  school("D", [
    [vpr(MA, 5, 2022), 0],
    [vpr(MA, 5, 2023), 0],
    [vpr(MA, 5, 2024), 0],
  ]),
  school("E", [
    [vpr(MA, 5, 2022), 45],
    [vpr(MA, 5, 2023), 20],
    [vpr(MA, 5, 2024), 20],
  ]),
];

describe("history of the ШНОР status", () => {
  const analysis = analyzeSchools(schools);
  const history = schoolHistory(analysis);

  it("has a year for each year with a year of data before it", () => {
    expect(history.years.map((y) => [y.year, y.years])).toEqual([
      [2023, [2022, 2023]],
      [2024, [2023, 2024]],
    ]);
  });

  it("counts ШНОР, risk, entered and left as worked out by hand", () => {
    expect(history.years).toEqual([
      { year: 2023, years: [2022, 2023], schools: 5, shnor: 2, risk: 1, entered: null, left: null, stayed: null },
      { year: 2024, years: [2023, 2024], schools: 5, shnor: 2, risk: 1, entered: 1, left: 1, stayed: 1 },
    ]);
  });

  it("gives every school its status and change per year", () => {
    const byName = Object.fromEntries(history.schools.map((s) => [s.school.name, s.entries.map((e) => `${e.status}/${e.change}`)]));
    expect(byName).toEqual({
      A: ["shnor/null", "risk/left"],
      B: ["ok/null", "shnor/entered"],
      C: ["shnor/null", "shnor/stayed"],
      D: ["ok/null", "ok/null"],
      E: ["risk/null", "ok/null"],
    });
  });

  it("the last year is the analysis itself", () => {
    expect(history.analyses[history.analyses.length - 1]).toBe(analysis);
    expect(history.years[1].shnor).toBe(analysis.summary.shnor);
  });

  it("skips a year without data (2020) and stops at the chosen previous year", () => {
    const gap = [
      school("X", [
        [vpr(MA, 5, 2019), 40],
        [vpr(MA, 5, 2021), 40],
        [vpr(MA, 5, 2022), 0],
        [vpr(MA, 5, 2023), 40],
      ]),
    ];
    const h = schoolHistory(analyzeSchools(gap, { year: 2022 }));
    expect(h.years.map((y) => y.years)).toEqual([
      [2019, 2021],
      [2021, 2022],
    ]);
    expect(h.schools[0].entries.map((e) => e.status)).toEqual(["shnor", "risk"]);
    expect(h.years[1]).toMatchObject({ entered: 0, left: 1, stayed: 0 });
  });

  it("follows the user's settings (threshold, criterion 2)", () => {
    const h = schoolHistory(analyzeSchools(schools, { threshold: 35 }));
    // With 35 %: A low only in 2022 (35) → risk 2023; B 2024 has 40 only → risk; C 2023 has 50 only → risk, 2024 risk.
    expect(h.years.map((y) => [y.shnor, y.risk, y.entered, y.left])).toEqual([
      [0, 3, null, null],
      [0, 2, 0, 0],
    ]);
  });

  it("one year of data gives no history", () => {
    const h = schoolHistory(analyzeSchools([school("Z", [[vpr(MA, 5, 2024), 50]])]));
    expect(h.years).toEqual([]);
    expect(h.schools[0].entries).toEqual([]);
  });
});

describe("dynamics of % «2» by series", () => {
  it("ФИОКО's 2026 rule: +10 p.p. negative, −10 p.p. positive, stable between (inclusive at the margin)", () => {
    expect(dynamicsVerdict(10)).toBe("negative");
    expect(dynamicsVerdict(9.99)).toBe("stable");
    expect(dynamicsVerdict(-10)).toBe("positive");
    expect(dynamicsVerdict(-9.99)).toBe("stable");
    expect(dynamicsVerdict(0)).toBe("stable");
    // 30.1 − 20.1 is 10.000000000000002 in floats and 10 on paper.
    expect(dynamicsVerdict(30.1 - 20.1)).toBe("negative");
    expect(dynamicsVerdict(20.1 - 30.2, 10)).toBe("positive");
    expect(dynamicsVerdict(6, 5)).toBe("negative");
  });

  it("pairs consecutive years of the same type, subject and grade", () => {
    const s = school("S", [
      [vpr(MA, 5, 2022), 20.1],
      [vpr(MA, 5, 2023), 30.1],
      [vpr(MA, 5, 2024), 25],
      [vpr(MA, 6, 2024), 0],
      [vpr(RU, 5, 2022), 40],
      [vpr(RU, 5, 2024), 30],
      [vpr("история", 5, 2023), 10],
      [vpr("история", 5, 2024), 50],
    ]);
    const changes = seriesDynamics(analyzeSchools([s]));
    const rows = changes.toArray().map((c) => [c.procedure.subject, c.procedure.grade, c.from, c.to, c.change, c.verdict]);
    expect(rows).toEqual([
      [MA, 5, 2022, 2023, 10, "negative"],
      [MA, 5, 2023, 2024, -5.1, "stable"],
      [RU, 5, 2022, 2024, -10, "positive"],
    ]);
  });

  it("the margin is a setting and a bad one is a Russian message", () => {
    const s = school("S", [
      [vpr(MA, 5, 2023), 20],
      [vpr(MA, 5, 2024), 26],
    ]);
    expect(seriesDynamics(analyzeSchools([s]), 5).verdict(0)).toBe("negative");
    expect(seriesDynamics(analyzeSchools([s])).verdict(0)).toBe("stable");
    expect(() => seriesDynamics(analyzeSchools([s]), -1)).toThrow(/Порог динамики/);
  });
});

describe("history, as a property", () => {
  const YEARS = [2019, 2021, 2022, 2023, 2024];
  const arbSchool = fc.array(
    fc.record({
      subject: fc.constantFrom(MA, RU),
      grade: fc.constantFrom(4, 5, 6),
      year: fc.constantFrom(...YEARS),
      percent: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constant(null)),
    }),
    { maxLength: 12 },
  );

  it("entered and left balance the list: stayed + entered = ШНОР now, stayed + left = ШНОР before", () => {
    fc.assert(
      fc.property(
        fc.array(arbSchool, { minLength: 1, maxLength: 15 }),
        fc.constantFrom<"any" | "same">("any", "same"),
        (list, criterion2) => {
          const schools = list.map((results, i) =>
            school(
              `ОО ${i}`,
              results.map((r): [ReturnType<typeof vpr>, number | null] => [vpr(r.subject, r.grade, r.year), r.percent]),
            ),
          );
          const analysis = analyzeSchools(schools, { criterion2 });
          const h = schoolHistory(analysis);
          h.years.forEach((y, k) => {
            // Each year is the rule applied with that year as the previous one.
            expect(y.shnor).toBe(analyzeSchools(schools, { criterion2, year: y.year }).summary.shnor);
            if (k === 0) return expect([y.entered, y.left, y.stayed]).toEqual([null, null, null]);
            const before = h.years[k - 1];
            expect((y.stayed as number) + (y.entered as number)).toBe(y.shnor);
            expect((y.stayed as number) + (y.left as number)).toBe(before.shnor);
          });
          for (const s of h.schools) expect(s.entries.map((e) => e.year)).toEqual(h.years.map((y) => y.year));
        },
      ),
      { numRuns: 200 },
    );
  });
});
