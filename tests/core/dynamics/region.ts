/**
 * A region's history: 3000 schools over 6 years (ВПР in two subjects and three grades) and 600 groups of
 * 60 pupils. The scale test checks what dynamics makes of it; `npm run bench` times it (bench/step.ts).
 */
import { Procedure, SchoolRecord } from "../../../src/core";
import { PupilGroup } from "../../../src/core/pupils/model";
import { group, school, vpr } from "./helpers";

export const REGION_SCHOOLS = 3000;
export const REGION_YEARS = [2019, 2020, 2021, 2022, 2023, 2024];

export function regionHistory(): { schools: SchoolRecord[]; pupils: PupilGroup[] } {
  const subjects = ["математика", "русский язык"];
  const schools = Array.from({ length: REGION_SCHOOLS }, (_, i) =>
    school(
      `ОО ${i}`,
      REGION_YEARS.flatMap((year) =>
        subjects.flatMap((s) => [4, 5, 6].map((g): [Procedure, number] => [vpr(s, g, year), (i * 7 + year * 3 + g) % 45])),
      ),
    ),
  );
  const pupils: PupilGroup[] = [];
  for (let i = 0; i < 150; i++)
    for (const s of subjects)
      for (const [g, y] of [
        [4, 2023],
        [5, 2024],
      ])
        pupils.push(
          group(
            `ОО ${i}`,
            `edu${100000 + i}`,
            vpr(s, g, y),
            Array.from({ length: 60 }, (_, k) => ({ score: (k * 7 + i) % 21, mark: 3, journal: 3 + (k % 2) })),
          ),
        );
  return { schools, pupils };
}
