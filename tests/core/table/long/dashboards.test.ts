import { readTable } from "../../../../src/core";
import { dashboardGrid, handRule, makeMunicipality } from "../../../fixtures/fisoko";
import { verdicts } from "../../../fixtures/verdicts";

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
