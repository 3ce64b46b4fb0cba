import { analyzeTable, dynamicsOf, jsonReport, readTable } from "../../../src/core";
import { readableReport } from "../../../src/cli/readable";
import { wideGrid } from "../../fixtures/layouts";
import { THREE_YEARS } from "./three-years";
import { municipality, Plant, SchoolPlan } from "./municipality";

const table = readTable(wideGrid(THREE_YEARS));
const analysis = analyzeTable(table);

describe("--json: history, dynamics, signals", () => {
  it("history per year as worked out by hand, entered/left null for the first", () => {
    const json = jsonReport("f.xlsx", table, analysis);
    expect(json.history).toEqual([
      { year: 2023, years: [2022, 2023], schools: 5, shnor: 2, risk: 1, entered: null, left: null, stayed: null },
      { year: 2024, years: [2023, 2024], schools: 5, shnor: 2, risk: 1, entered: 1, left: 1, stayed: 1 },
    ]);
    expect(json.schools.map((s) => s.history.map((h) => h.status).join(","))).toEqual([
      "shnor,risk",
      "ok,shnor",
      "shnor,shnor",
      "ok,ok",
      "risk,ok",
    ]);
    expect(json.schools[0].history[1]).toEqual({ year: 2024, status: "risk", change: "left" });
  });

  it("dynamics per school and series with ФИОКО's verdict", () => {
    const json = jsonReport("f.xlsx", table, analysis);
    const rows = json.dynamics.map(
      (d) => `${d.school.slice(-2, -1)} ${d.procedure} ${d.subject} ${d.grade} ${d.from}-${d.to} ${d.change} ${d.verdict}`,
    );
    expect(rows).toEqual([
      "A ВПР математика 5 2022-2024 -25 positive",
      "B ВПР математика 5 2022-2023 7 stable",
      "B ВПР математика 5 2023-2024 18 negative",
      "D ВПР математика 5 2022-2023 0 stable",
      "D ВПР математика 5 2023-2024 0 stable",
      "E ВПР математика 5 2022-2023 -25 positive",
      "E ВПР математика 5 2023-2024 0 stable",
    ]);
    expect(json.dynamicsMargin).toBe(10);
    expect(json.signals).toEqual([]);
  });

  it("signals from pupil-level data, with n, values and the note", () => {
    const plans: SchoolPlan[] = [
      ...Array.from({ length: 10 }, (_, i) => ({ name: `ОО ${i + 1}`, id: String(200000 + i), size: 3, plant: null })),
      { name: "МБОУ «СОШ № 2» (B)", id: "300000", size: 4, plant: "cohort-fall" as Plant },
    ];
    const pupils = municipality(plans).groups;
    const json = jsonReport("f.xlsx", table, analysis, undefined, dynamicsOf(analysis, { pupils }));
    expect(json.signals).toHaveLength(1);
    expect(json.signals[0]).toMatchObject({
      school: "МБОУ «СОШ № 2» (B)",
      login: "edu300000",
      sign: "cohort-fall",
      procedure: "ВПР",
      subject: "математика",
      grade: 5,
      year: 2024,
      n: 40,
      sample: "ориентировочно",
    });
    expect(json.signals[0].values.k).toBeGreaterThan(1.5);
    expect(json.signals[0].note).toMatch(/сигнал для внимания/);
    expect(json.signalNotes[0]).toMatch(/^Опорный интервал: муниципалитета/);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("the readable report has a short section", () => {
    const text = [...readableReport("f.xlsx", table, analysis)].join("\n");
    expect(text).toContain("Динамика и объективность:");
    expect(text).toContain("Перечень ШНОР по годам: 2023 — 2 из 5; 2024 — 2 из 5.");
    expect(text).toContain("вошли в перечень ШНОР: 1 (МБОУ «СОШ № 2» (B))");
    expect(text).toContain("вышли из статуса ШНОР: 1 (МБОУ «СОШ № 1» (A))");
    expect(text).toContain("положительная — 1, стабильная — 2, отрицательная — 1");
    expect(text).toContain("МБОУ «СОШ № 2» (B): ВПР математика 5 кл. 2024 — 12 → 30 % (+18 п. п.)");
    expect(text).toContain("не загружены: признаки необъективности не рассчитаны");
  });
});
