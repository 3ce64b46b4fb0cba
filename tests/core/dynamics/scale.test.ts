import { analyzeSchools, dynamicsOf, jsonReport, readTable } from "../../../src/core";
import { wideGrid } from "../../fixtures/layouts";
import { THREE_YEARS } from "./three-years";
import { REGION_SCHOOLS, REGION_YEARS, regionHistory } from "./region";

/**
 * A region's file: the history re-applies the rule once a year, so it must stay linear in schools × results.
 * Not timed here (a hang fails at the test's timeout): `npm run bench` times it («dynamics at a region's scale»).
 */
describe("at a region's scale", () => {
  it("history and dynamics of 3000 schools over 6 years, signals of 600 groups of 60 pupils", () => {
    const { schools, pupils } = regionHistory();
    const d = dynamicsOf(analyzeSchools(schools), { pupils });
    expect(d.history.years).toHaveLength(REGION_YEARS.length - 1);
    // One series entry per school, procedure and pair of years: nothing dropped, nothing repeated.
    expect(d.series.length).toBe(REGION_SCHOOLS * 6 * 5);
    expect(d.signals?.cohorts).toHaveLength(300);
  });

  it("a table report with no pupils has empty signals and notes", () => {
    const table = readTable(wideGrid(THREE_YEARS));
    const json = jsonReport("x.xlsx", table, analyzeSchools(table.schools));
    expect([json.signals, json.signalNotes, json.markComparison]).toEqual([[], [], []]);
  });
});
