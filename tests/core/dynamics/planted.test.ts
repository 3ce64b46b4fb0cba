import fc from "fast-check";
import { objectivitySignals, Signal } from "../../../src/core/dynamics";
import { municipality, Plant, SchoolPlan } from "./municipality";

const PLANTS: Plant[] = ["inflated-mean", "inflated-mean-small", "tiny", "journal-mismatch", "journal-gap", "cohort-fall", "cohort-rise"];
const found = (signals: Signal[]) =>
  signals.map((s) => `${s.school}|${s.sign}|${s.procedure.subject}|${s.procedure.grade}|${s.procedure.year}|${s.n}`).sort();

describe("a municipality with planted signs", () => {
  it("finds exactly the planted schools and signs, wherever they sit", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 2, max: 6 }), { minLength: 8, maxLength: 25 }),
        fc.array(fc.integer({ min: 2, max: 6 }), { minLength: PLANTS.length, maxLength: PLANTS.length }),
        fc.array(fc.nat(), { minLength: PLANTS.length, maxLength: PLANTS.length }),
        (honestSizes, plantedSizes, positions) => {
          const plans: SchoolPlan[] = honestSizes.map((size, i) => ({
            name: `МБОУ «СОШ № ${i + 1}»`,
            id: String(200000 + i),
            size,
            plant: null,
          }));
          PLANTS.forEach((plant, k) => {
            const at = positions[k] % (plans.length + 1);
            plans.splice(at, 0, { name: `МБОУ «Школа ${plant}»`, id: String(300000 + k), size: plantedSizes[k], plant });
          });
          const m = municipality(plans);
          const r = objectivitySignals(m.groups);
          expect(found(r.signals)).toEqual(m.expected);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("gives each sign its numbers and sample-size note", () => {
    const plans: SchoolPlan[] = [
      ...Array.from({ length: 12 }, (_, i) => ({ name: `ОО ${i + 1}`, id: String(200000 + i), size: 3, plant: null })),
      ...PLANTS.map((plant, k) => ({ name: plant, id: String(300000 + k), size: 5, plant })),
    ];
    const m = municipality(plans);
    const { signals } = objectivitySignals(m.groups);
    expect(found(signals)).toEqual(m.expected);
    const by = (school: string) => signals.find((s) => s.school === school) as Signal;
    expect(by("inflated-mean").sample).toBe("выборка достаточна");
    expect(by("inflated-mean-small")).toMatchObject({ n: 12, sample: "выборка мала, вывод ограничен" });
    expect(signals.some((s) => s.school === "tiny")).toBe(false);
    expect(by("journal-gap").values).toEqual({ count: 3, share: 6 });
    expect(by("cohort-fall").values.k as number).toBeGreaterThan(by("cohort-fall").values.fence as number);
    expect(by("cohort-rise").values.k as number).toBeLessThan(by("cohort-rise").values.fence as number);
    expect(by("journal-mismatch").values.rho as number).toBeLessThan(0);
    for (const s of signals) expect(s.note).toContain(`n = ${s.n}`);
  });
});
