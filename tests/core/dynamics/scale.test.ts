import { analyzeSchools, dynamicsOf, jsonReport, Procedure, readTable } from "../../../src/core";
import { PupilGroup } from "../../../src/core/pupils/model";
import { wideGrid } from "../../fixtures/layouts";
import { THREE_YEARS } from "./three-years";
import { group, school, vpr } from "./helpers";

/** A region's file: the history re-applies the rule once a year, so it must stay linear in schools × results. */
describe("at a region's scale", () => {
  it("history and dynamics of 3000 schools over 6 years, signals of 600 groups of 60 pupils, in seconds", () => {
    const subjects = ["математика", "русский язык"];
    const schools = Array.from({ length: 3000 }, (_, i) =>
      school(
        `ОО ${i}`,
        [2019, 2020, 2021, 2022, 2023, 2024].flatMap((year) =>
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
    const t0 = Date.now();
    const analysis = analyzeSchools(schools);
    const d = dynamicsOf(analysis, { pupils });
    const ms = Date.now() - t0;
    expect(d.history.years).toHaveLength(5);
    expect(d.series.length).toBe(3000 * 6 * 5);
    expect(d.signals?.cohorts).toHaveLength(300);
    expect(ms).toBeLessThan(15_000);
    // The figure the report quotes.
    process.stdout.write(`dynamics at scale: ${ms} ms\n`);
  });

  it("a table report with no pupils has empty signals and notes", () => {
    const table = readTable(wideGrid(THREE_YEARS));
    const json = jsonReport("x.xlsx", table, analyzeSchools(table.schools));
    expect([json.signals, json.signalNotes, json.markComparison]).toEqual([[], [], []]);
  });
});
