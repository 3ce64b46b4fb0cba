/**
 * A municipality of pupil-level ВПР results with signs planted in known
 * schools. Honest schools all write the same score pattern (a few pupils a
 * point higher, so the cohort coefficients K spread a little), their journal
 * marks equal their ВПР marks, and some pupils are absent. Each planted school
 * carries exactly the signs listed for it.
 */
import { Procedure } from "../../../src/core";
import { PupilGroup } from "../../../src/core/pupils/model";
import { group, PupilSpec, vpr } from "./helpers";

export const MA = "математика";
export const RU = "русский язык";
const MAX: Record<string, number> = { [MA]: 20, [RU]: 40 };
const PATTERN: Record<string, number[]> = {
  [MA]: [4, 6, 8, 9, 10, 11, 12, 13, 15, 17],
  [RU]: [8, 12, 16, 18, 20, 22, 24, 26, 30, 34],
};

export function markOf(score: number, max: number): number {
  const r = score / max;
  return r < 0.3 ? 2 : r < 0.5 ? 3 : r < 0.75 ? 4 : 5;
}

/** The procedures: grade 4 in 2023, the same cohort in grade 5 in 2024, and the next grade 4 in 2024. */
export const G4A = (s: string) => vpr(s, 4, 2023);
export const G5 = (s: string) => vpr(s, 5, 2024);
export const G4B = (s: string) => vpr(s, 4, 2024);

function pupils(subject: string, n: number, shift: number, raised: number, absent: number): PupilSpec[] {
  const max = MAX[subject];
  const list: PupilSpec[] = [];
  for (let i = 0; i < n; i++) {
    const base = PATTERN[subject][i % 10] + (i < raised ? 1 : 0) + shift;
    const score = Math.max(0, Math.min(max, base));
    const mark = markOf(score, max);
    list.push({ score, mark, journal: mark });
  }
  for (let i = 0; i < absent; i++) list.push({ score: null, mark: null, journal: 4 });
  return list;
}

export type Plant = "inflated-mean" | "inflated-mean-small" | "tiny" | "journal-mismatch" | "journal-gap" | "cohort-fall" | "cohort-rise";

export interface SchoolPlan {
  name: string;
  id: string;
  /** Repetitions of the 10-pupil pattern. */
  size: number;
  plant: Plant | null;
}

export interface Municipality {
  groups: PupilGroup[];
  /** «school|sign|subject|grade|year|n», sorted. */
  expected: string[];
}

export function municipality(plans: SchoolPlan[]): Municipality {
  const groups: PupilGroup[] = [];
  const expected: string[] = [];
  plans.forEach((plan, i) => {
    const n = plan.size * 10;
    const loginOld = `sch${plan.id}`;
    const loginNew = `edu${plan.id}`;
    const add = (p: Procedure, login: string, list: PupilSpec[]) => groups.push(group(plan.name, login, p, list, MAX[p.subject]));
    const honest = (subject: string, raised: number) => pupils(subject, n, 0, raised, i % 3);
    const expect = (sign: string, p: Procedure, count: number) =>
      expected.push(`${plan.name}|${sign}|${p.subject}|${p.grade}|${p.year}|${count}`);
    for (const subject of [MA, RU]) {
      let g4a = honest(subject, i % 5);
      let g5 = honest(subject, (2 * i + 1) % 5);
      let g4b = honest(subject, 0);
      let skipG4a = false;
      if (subject === MA && plan.plant === "inflated-mean") {
        g4b = pupils(MA, n, 6, 0, 1);
        expect("inflated-mean", G4B(MA), n);
      }
      if (subject === MA && plan.plant === "inflated-mean-small") {
        g4b = pupils(MA, 12, 8, 0, 2);
        expect("inflated-mean", G4B(MA), 12);
      }
      if (subject === MA && plan.plant === "tiny") g4b = pupils(MA, 8, 8, 0, 3);
      if (subject === RU && plan.plant === "journal-mismatch") {
        // Only «3» and «4» in grade 5, and the journal swaps them: ρ < 0 with no gap of 2.
        g5 = [13, 14, 15, 16, 17, 18, 19, 21, 23, 25]
          .flatMap((s) => Array.from({ length: plan.size }, () => s))
          .map((score) => {
            const mark = markOf(score, MAX[RU]);
            return { score, mark, journal: mark === 3 ? 4 : 3 };
          });
        skipG4a = true; // this school did not write grade 4 in 2023, so its changed grade 5 forms no cohort
        expect("journal-mismatch", G5(RU), n);
      }
      if (subject === RU && plan.plant === "journal-gap") {
        g4b = g4b.map((p, k) => (k < 3 ? { ...p, journal: (p.mark as number) + 2 } : p));
        expect("journal-gap", G4B(RU), n);
      }
      if (subject === MA && plan.plant === "cohort-fall") {
        g5 = pupils(MA, n, -4, 0, 1);
        expect("cohort-fall", G5(MA), n);
      }
      if (subject === MA && plan.plant === "cohort-rise") {
        g4a = pupils(MA, n, -4, 0, 1);
        expect("cohort-rise", G5(MA), n);
      }
      if (!skipG4a) add(G4A(subject), loginOld, g4a);
      add(G5(subject), loginNew, g5);
      add(G4B(subject), loginNew, g4b);
    }
  });
  return { groups, expected: expected.sort() };
}
