import { analyzeTable, dynamicsOf, jsonReport, readTable } from "../../../src/core";
import { markComparisonLines, MarkComparison } from "../../../src/core/dynamics";
import { DYNAMICS_KIND, dynamicsSheet } from "../../../src/core/documents";
import { wideGrid } from "../../fixtures/layouts";
import { texts } from "../documents/harness";
import { THREE_YEARS } from "./three-years";
import { vpr } from "./helpers";

const sheet: MarkComparison = {
  procedure: vpr("математика", 5, 2024),
  municipality: { lowered: 12.5, confirmed: 80, raised: 7.5 },
  schools: [
    { login: "edu000001", school: "МБОУ «СОШ № 1»", participants: 30, lowered: 10, confirmed: 60, raised: 30 },
    { login: "edu000002", school: "МБОУ «СОШ № 2»", participants: 10, lowered: 20, confirmed: 80, raised: 0 },
  ],
};

describe("marks against the journal beside the municipality", () => {
  it("takes the municipality's own row", () => {
    const lines = markComparisonLines([sheet]);
    expect(lines.map((l) => [l.school, l.raised, l.municipality?.raised])).toEqual([
      ["МБОУ «СОШ № 1»", 30, 7.5],
      ["МБОУ «СОШ № 2»", 0, 7.5],
    ]);
  });

  it("without it, weighs the schools by participants: raised (30·30 + 0·10) / 40 = 22.5", () => {
    const lines = markComparisonLines([{ ...sheet, municipality: null }]);
    expect(lines[0].municipality).toEqual({ lowered: 12.5, confirmed: 65, raised: 22.5 });
    const unknown = { ...sheet, municipality: null, schools: [{ ...sheet.schools[0], participants: null }] };
    expect(markComparisonLines([unknown])[0].municipality).toBeNull();
  });

  it("appears in JSON and on the sheet, with no verdict", () => {
    const table = readTable(wideGrid(THREE_YEARS));
    const analysis = analyzeTable(table);
    const d = dynamicsOf(analysis, { comparisons: [sheet] });
    expect(jsonReport("f.xlsx", table, analysis, undefined, d).markComparison[0]).toEqual({
      school: "МБОУ «СОШ № 1»",
      login: "edu000001",
      procedure: "ВПР",
      subject: "математика",
      grade: 5,
      year: 2024,
      participants: 30,
      lowered: 10,
      confirmed: 60,
      raised: 30,
      municipality: { lowered: 12.5, confirmed: 80, raised: 7.5 },
    });
    const spec = dynamicsSheet(analysis, d);
    expect(spec.kind).toBe(DYNAMICS_KIND);
    expect(texts(spec)).toContain("5. Сравнение отметок с отметками по журналу, % участников");
  });
});
