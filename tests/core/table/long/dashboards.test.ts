import { analyzeTable, loginKey, procedureLabel, readTable, ResultsTable } from "../../../../src/core";
import { dashboardGrid, handRule, makeMunicipality } from "../../../fixtures/fisoko";

/** The analysis as a user compares it: per school (by login digits) its status, criteria and low results. */
function verdicts(table: ResultsTable) {
  const a = analyzeTable(table);
  return {
    years: a.years,
    summary: a.summary,
    schools: a.verdicts
      .map((v) => ({
        id: v.school.login ? loginKey(v.school.login) : v.school.name,
        name: v.school.name,
        status: v.status,
        criteria: v.criteria,
        low: v.low.map((l) => `${procedureLabel(l.procedure)} ${Math.round(l.percent * 100) / 100}`).sort(),
      }))
      .sort((x, y) => x.id.localeCompare(y.id)),
  };
}

describe("the regional dashboards' long table (counts)", () => {
  it("reads marks given as head counts, with ВПР assumed from the grade", () => {
    const m = makeMunicipality(51, 5, [2025, 2026]);
    const table = readTable(dashboardGrid(m));
    expect(table.layout).toBe("long");
    const hand = handRule(m, [2025, 2026], true);
    expect(verdicts(table).schools.map((s) => [s.id, s.status])).toEqual([...hand].sort().map(([d, st]) => [d, st]));
    expect(table.columns.find((c) => c.role.kind === "grade")?.note).toMatch(/принят ВПР/);
  });
});
