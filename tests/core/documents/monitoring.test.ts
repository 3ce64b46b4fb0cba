import { analyzeTable, readTable } from "../../../src/core";
import { monitoringSheet, MONITORING_KIND } from "../../../src/core/documents";
import { plainBlock } from "../../../src/core/render-contract/spec";
import { wideGrid } from "../../fixtures/layouts";
import { SEED_001 } from "../../fixtures/seeds";

it("lists each ШНОР a row, with an input cell the methodist fills", () => {
  const analysis = analyzeTable(readTable(wideGrid(SEED_001)));
  const spec = monitoringSheet(analysis);
  expect(spec.kind).toBe(MONITORING_KIND);
  const names = spec.blocks.map(plainBlock).flatMap((b) => (b.row > 2 ? b.values.map((r) => r[0]) : []));
  const shnor = analysis.verdicts.filter((v) => v.status === "shnor").map((v) => ({ text: v.school.name }));
  expect(shnor.length).toBeGreaterThan(0);
  expect(names).toEqual(shnor);
});
