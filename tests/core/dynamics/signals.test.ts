import { objectivitySignals, sampleNote, Signal } from "../../../src/core/dynamics";
import { group, PupilSpec, scores, vpr } from "./helpers";

const MA = "математика";
const RU = "русский язык";
const repeat = <T>(list: T[], times: number): T[] => Array.from({ length: times }, () => list).flat();
const brief = (s: Signal[]) => s.map((x) => `${x.school}|${x.sign}|${x.procedure.subject}|${x.procedure.grade}|${x.procedure.year}|${x.n}`);

describe("sample size", () => {
  it("n < 20 is small, 20–49 indicative, 50 and more informative", () => {
    expect(sampleNote(10)).toBe("выборка мала, вывод ограничен");
    expect(sampleNote(19)).toBe("выборка мала, вывод ограничен");
    expect(sampleNote(20)).toBe("ориентировочно");
    expect(sampleNote(49)).toBe("ориентировочно");
    expect(sampleNote(50)).toBe("выборка достаточна");
  });
});

describe("inflated mean, worked by hand", () => {
  // A: 20 ×5 and 22 ×5: mean 21, s = √(10/9), s/√10 = 1/3, interval 21 ∓ 0.653333 → 20.346667–21.653333.
  // B: 10 and 12 ×15 each: mean 11.
  // Reference, A included: n 40, mean 540/40 = 13.5, Σ(x − 13.5)² = 572.5 + 217.5 = 790,
  // s = √(790/39) = 4.500712, half 1.96 · 4.500712 / √40 = 1.394789 → 12.105211–14.894789.
  const A = group("A", "edu000001", vpr(MA, 5, 2024), scores([...repeat([20], 5), ...repeat([22], 5)]));
  const B = group("B", "edu000002", vpr(MA, 5, 2024), scores(repeat([10, 12], 15)));

  it("raises the sign when the school's lower bound is above the reference's upper bound", () => {
    const { signals, reference } = objectivitySignals([A, B]);
    expect(brief(signals)).toEqual(["A|inflated-mean|математика|5|2024|10"]);
    const v = signals[0].values;
    expect(v.mean).toBeCloseTo(21, 4);
    expect(v.lower).toBeCloseTo(20.3467, 4);
    expect(v.upper).toBeCloseTo(21.6533, 4);
    expect(v.referenceMean).toBeCloseTo(13.5, 4);
    expect(v.referenceLower).toBeCloseTo(12.1052, 4);
    expect(v.referenceUpper).toBeCloseTo(14.8948, 4);
    expect(v.referenceN).toBe(40);
    expect(v.reference).toBe("муниципалитет");
    expect(reference).toMatch(/муниципалитета .*включая эту ОО/);
    expect(signals[0].note).toContain("20,35–21,65");
    expect(signals[0].note).toContain("12,11–14,89");
    expect(signals[0].sample).toBe("выборка мала, вывод ограничен");
  });

  it("says «region» when asked", () => {
    const { signals } = objectivitySignals([A, B], { reference: "region" });
    expect(signals[0].values.reference).toBe("регион");
    expect(signals[0].note).toContain("интервала региона");
  });

  it("the reference includes the school: a school alone raises nothing", () => {
    expect(objectivitySignals([A]).signals).toEqual([]);
  });

  it("compares only within the same procedure", () => {
    const other = group("B", "edu000002", vpr(MA, 5, 2023), scores(repeat([10, 12], 15)));
    expect(objectivitySignals([A, other]).signals).toEqual([]);
  });

  it("absent pupils are not in the sample, and under 10 pupils there is no signal", () => {
    const absent: PupilSpec[] = repeat([{ score: null, mark: null, journal: 4 }], 5);
    const nine = group("A", "edu000001", vpr(MA, 5, 2024), [...scores([...repeat([20], 5), ...repeat([22], 4)]), ...absent]);
    expect(objectivitySignals([nine, B]).signals).toEqual([]);
    const ten = { ...A, pupils: [...A.pupils, ...absent.map((p, i) => ({ ...A.pupils[0], primaryScore: p.score, row: 100 + i }))] };
    const { signals } = objectivitySignals([ten, B]);
    expect(brief(signals)).toEqual(["A|inflated-mean|математика|5|2024|10"]);
    expect(signals[0].values.referenceN).toBe(40);
  });

  it("only ВПР русский язык and математика in grades 4 and 5", () => {
    for (const p of [vpr(MA, 6, 2024), vpr("история", 5, 2024)]) {
      const g = (x: typeof A) => ({ ...x, procedure: p });
      expect(objectivitySignals([g(A), g(B)]).signals).toEqual([]);
    }
    expect(
      brief(
        objectivitySignals([
          { ...A, procedure: vpr(RU, 4, 2024) },
          { ...B, procedure: vpr(RU, 4, 2024) },
        ]).signals,
      ),
    ).toEqual(["A|inflated-mean|русский язык|4|2024|10"]);
  });
});

describe("mismatch with the journal, worked by hand", () => {
  // Journal 2,2,3,3,3,4,4,4,5,5 → ranks 1.5,1.5,4,4,4,7,7,7,9.5,9.5; scores 20…11 → ranks 10…1.
  // Σdx·dy = −77.5, Σdx² = 77.5, Σdy² = 82.5 → ρ = −√(77.5/82.5) = −0.969223.
  const journal = [2, 2, 3, 3, 3, 4, 4, 4, 5, 5];
  const pupils = journal.map((j, i) => ({ score: 20 - i, journal: j }));

  it("raises the sign when Spearman's ρ (average ranks) is below 0", () => {
    const { signals } = objectivitySignals([group("S", null, vpr(RU, 5, 2024), pupils)]);
    expect(brief(signals)).toEqual(["S|journal-mismatch|русский язык|5|2024|10"]);
    expect(signals[0].values.rho).toBeCloseTo(-0.9692, 4);
    expect(signals[0].note).toContain("ρ = −0,97");
  });

  it("a constant journal has no correlation and no sign", () => {
    const flat = pupils.map((p) => ({ ...p, journal: 4 }));
    expect(objectivitySignals([group("S", null, vpr(RU, 5, 2024), flat)]).signals).toEqual([]);
  });

  it("a positive correlation raises nothing; pupils without a journal mark are left out of n", () => {
    const agree = journal.map((j, i) => ({ score: 11 + i, journal: j }));
    expect(objectivitySignals([group("S", null, vpr(RU, 5, 2024), agree)]).signals).toEqual([]);
    const fewer = [...pupils.slice(0, 9), { score: 11, journal: null }];
    expect(objectivitySignals([group("S", null, vpr(RU, 5, 2024), fewer)]).signals).toEqual([]);
  });
});

describe("gaps of 2 marks or more", () => {
  it("shows the share of pupils whose ВПР and journal marks differ by 2 or more", () => {
    // Marks all 3; journal 5, 5, 4, then 3: two gaps of 2, one of 1. Scores follow the journal: ρ > 0.
    const journal = [5, 5, 4, 3, 3, 3, 3, 3, 3, 3];
    const sc = [18, 17, 15, 10, 10, 10, 10, 10, 10, 10];
    const g = group(
      "G",
      null,
      vpr(MA, 4, 2024),
      journal.map((j, i) => ({ score: sc[i], mark: 3, journal: j })),
    );
    const { signals } = objectivitySignals([g]);
    expect(brief(signals)).toEqual(["G|journal-gap|математика|4|2024|10"]);
    expect(signals[0].values).toEqual({ count: 2, share: 20 });
    expect(signals[0].note).toContain("у 2 из 10 участников (20,0 %)");
  });
});

describe("a cohort from grade 4 to grade 5, worked by hand", () => {
  /** The cohort signs only: a constant grade-4 score of 10 is also an inflated mean, tested above. */
  const cohortOnly = (...args: Parameters<typeof objectivitySignals>) => {
    const r = objectivitySignals(...args);
    return { ...r, signals: r.signals.filter((s) => s.sign.startsWith("cohort")) };
  };
  /** Ten pupils all scoring `s4` of 10 in grade 4 (2021, login sch…) and `s5` of 10 in grade 5 (2022, login edu…). */
  function cohort(name: string, id: string, s4: number, s5: number, n4 = 10) {
    return [
      group(name, `sch${id}`, vpr(MA, 4, 2021), scores(repeat([s4], n4)), 10),
      group(name, `edu${id}`, vpr(MA, 5, 2022), scores(repeat([s5], 10)), 10),
    ];
  }
  // S(5) = 0.5 everywhere; S(4) = 0.4, 0.5, 0.5, 0.6 → K = 0.8, 1, 1, 1.2, plus the fifth school's K.
  const base = [
    cohort("К1", "100001", 4, 5),
    cohort("К2", "100002", 5, 5),
    cohort("К3", "100003", 5, 5),
    cohort("К4", "100004", 6, 5),
  ].flat();

  it("K at the upper fence is not a fall; above it is", () => {
    // Five K: 0.8, 1, 1, 1.2, X (largest): Q25 = 1, Q75 = 1.2, IQR = 0.2, fence 1.2 + 0.6 = 1.8.
    expect(cohortOnly([...base, ...cohort("К5", "100005", 9, 5)]).signals).toEqual([]);
    const { signals, cohorts } = cohortOnly([...base, ...cohort("К5", "100005", 10, 5)]);
    expect(brief(signals)).toEqual(["К5|cohort-fall|математика|5|2022|10"]);
    expect(signals[0].values).toMatchObject({ k: 2, s4: 1, s5: 0.5, q25: 1, q75: 1.2, iqr: 0.2, fence: 1.8, n4: 10, n5: 10, schools: 5 });
    expect(signals[0].login).toBe("edu100005");
    expect(cohorts).toHaveLength(5);
  });

  it("K at the lower fence is not a rise; below it is", () => {
    // X smallest: Q25 = 0.8, Q75 = 1, IQR = 0.2, fence 0.8 − 0.6 = 0.2.
    expect(cohortOnly([...base, ...cohort("К5", "100005", 1, 5)]).signals).toEqual([]);
    const { signals } = cohortOnly([...base, ...cohort("К5", "100005", 0, 5)]);
    expect(brief(signals)).toEqual(["К5|cohort-rise|математика|5|2022|10"]);
    expect(signals[0].values).toMatchObject({ k: 0, q25: 0.8, q75: 1, fence: 0.2 });
  });

  it("quartiles are over schools with ≥ 10 pupils in both grades only", () => {
    // A sixth school with K = 4 but 9 pupils in grade 4: neither signalled nor in the quartiles.
    const { signals, cohorts } = cohortOnly([...base, ...cohort("К5", "100005", 10, 5), ...cohort("К6", "100006", 10, 2.5, 9)]);
    expect(brief(signals)).toEqual(["К5|cohort-fall|математика|5|2022|10"]);
    expect(signals[0].values).toMatchObject({ q25: 1, q75: 1.2, schools: 5 });
    expect(cohorts.map((c) => c.school)).not.toContain("К6");
  });

  it("a year apart, the same subject, the same school (sch and edu logins are one school)", () => {
    const shifted = [...base, ...cohort("К5", "100005", 10, 5)].map((g) =>
      g.procedure.grade === 5 ? { ...g, procedure: vpr(MA, 5, 2023) } : g,
    );
    expect(cohortOnly(shifted).cohorts).toEqual([]);
    const other = [...base, ...cohort("К5", "100005", 10, 5)].map((g) =>
      g.procedure.grade === 5 ? { ...g, procedure: vpr(RU, 5, 2022) } : g,
    );
    expect(cohortOnly(other).cohorts).toEqual([]);
  });

  it("without the maximum score K is not worked out, and says so", () => {
    const noMax = [...base, ...cohort("К5", "100005", 10, 5)].map((g) => (g.school === "К5" ? { ...g, maxScore: null } : g));
    const r = cohortOnly(noMax);
    expect(r.signals).toEqual([]);
    expect(r.warnings.join("\n")).toMatch(/К5.*максимальный балл не указан/);
  });

  it("the maximum may come from the task maxima", () => {
    const taskMax = [...base, ...cohort("К5", "100005", 10, 5)].map((g) =>
      g.school === "К5" ? { ...g, maxScore: null, taskMax: [4, 6] } : g,
    );
    expect(brief(cohortOnly(taskMax).signals)).toEqual(["К5|cohort-fall|математика|5|2022|10"]);
  });
});

describe("wording", () => {
  it("a sign is «признак», a signal for attention with its numbers, never a verdict", () => {
    const A = group("A", null, vpr(MA, 5, 2024), scores([...repeat([20], 5), ...repeat([22], 5)]));
    const B = group("B", null, vpr(MA, 5, 2024), scores(repeat([10, 12], 15)));
    const [s] = objectivitySignals([A, B]).signals;
    expect(s.note).toMatch(/признак/);
    expect(s.note).toMatch(/сигнал для внимания/);
    expect(s.note).toMatch(/n = 10, выборка мала, вывод ограничен/);
    expect(s.note).not.toMatch(/необъективн|рейтинг|место/i);
  });
});
