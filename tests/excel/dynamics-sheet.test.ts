/** «Динамика и объективность» through the add-in's writer: formulas, status text, the chart of the share of ШНОР by year. */
import { analyzeTable, dynamicsOf, readTable } from "../../src/core";
import { DYNAMICS_CHART_TITLE, dynamicsSheet } from "../../src/core/documents";
import { FakeExcel } from "../fakes/excel";
import { wideGrid } from "../fixtures/layouts";
import { THREE_YEARS } from "../core/dynamics/three-years";
import { findRow } from "../core/documents/harness";
import { hostFor } from "./helpers";

describe("the add-in writes «Динамика и объективность»", () => {
  it("with its formulas, status text and a column chart of the share of ШНОР", async () => {
    const analysis = analyzeTable(readTable(wideGrid(THREE_YEARS)));
    const spec = dynamicsSheet(analysis, dynamicsOf(analysis));
    const fake = new FakeExcel({ excelApi: "1.17" });
    fake.addSheet("Результаты", [["ВПР МА 5 2022"]]);
    const host = hostFor(fake);
    expect(await host.writeSheet(spec, { regenerate: "ask" })).toMatchObject({ kind: "written", sheet: spec.name, created: true });
    const s = fake.sheet(spec.name);
    const r = findRow(spec, "2024", 0);
    expect(s.value(r, 0)).toBe("2024");
    // 2024 is the second status column (D) of section 2.
    expect(s.formula(r, 2)).toMatch(/^=COUNTIF\(\$D\$\d+:\$D\$\d+,"ШНОР"\)$/);
    expect(s.formula(r, 5)).toMatch(/^=COUNTIFS\(/);
    const b = findRow(spec, "МБОУ «СОШ № 2» (B)", 1);
    expect([s.value(b, 2), s.value(b, 3)]).toEqual(["нет", "ШНОР"]);
    expect(s.charts).toMatchObject([{ type: "ColumnClustered", title: DYNAMICS_CHART_TITLE }]);
    expect(s.charts[0].series[0]).toMatchObject({ name: "Доля ШНОР, %", values: `E${r}:E${r + 1}`, xValues: `A${r}:A${r + 1}` });
  });
});
