import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { analyzeTable, dynamicsOf, readTable } from "../../src/core";
import { DynamicsPanel } from "../../src/taskpane/components/DynamicsPanel";
import { dynamicsView } from "../../src/taskpane/dynamics";
import { wideGrid } from "../fixtures/layouts";
import { THREE_YEARS } from "../core/dynamics/three-years";
import { municipality, SchoolPlan } from "../core/dynamics/municipality";

const table = readTable(wideGrid(THREE_YEARS));
const analysis = analyzeTable(table);

describe("the pane's «Динамика и объективность»", () => {
  it("gives the list by year and the schools with something to show, in the table's order", () => {
    const view = dynamicsView(analysis, dynamicsOf(analysis));
    expect(view.years).toEqual(["2023: ШНОР 2 из 5", "2024: ШНОР 2 из 5, вошли 1, вышли 1"]);
    expect(view.items.map((i) => [i.name, i.history])).toEqual([
      ["МБОУ «СОШ № 1» (A)", "2023: ШНОР → 2024: риск (вышла)"],
      ["МБОУ «СОШ № 2» (B)", "2023: нет → 2024: ШНОР (вошла)"],
      ["МБОУ «СОШ № 3» (C)", "2023: ШНОР → 2024: ШНОР"],
      ["МКОУ «СОШ № 5» (E)", "2023: риск → 2024: нет"],
    ]);
    expect(view.items[1].changes).toEqual(["ВПР математика 5 кл. 2024: 12 → 30 % «2» (+18 п. п.) — отрицательная динамика"]);
    expect(view.items[0].changes).toEqual(["ВПР математика 5 кл. 2024: 35 → 10 % «2» (−25 п. п.) — положительная динамика"]);
  });

  it("puts a school's signs beside it (matched by name when the table has no logins)", () => {
    const plans: SchoolPlan[] = [
      ...Array.from({ length: 10 }, (_, i) => ({ name: `ОО ${i + 1}`, id: String(200000 + i), size: 3, plant: null })),
      { name: "МБОУ «ООШ № 4» (D)", id: "300000", size: 3, plant: "journal-gap" },
    ];
    const view = dynamicsView(analysis, dynamicsOf(analysis, { pupils: municipality(plans).groups }));
    const d = view.items.find((i) => i.name === "МБОУ «ООШ № 4» (D)")!;
    expect(d.signals).toHaveLength(1);
    expect(d.signals[0]).toMatch(/расхождение .* n = 30, ориентировочно/);
  });

  it("renders with the words of the section and no rating", () => {
    const html = renderToStaticMarkup(createElement(FluentProvider, { theme: webLightTheme }, createElement(DynamicsPanel, { analysis })));
    expect(html).toContain("2024: ШНОР 2 из 5, вошли 1, вышли 1");
    expect(html).toContain("не загружены: признаки необъективности не рассчитаны");
    expect(html).toContain("не используются для рейтингов");
  });
});
