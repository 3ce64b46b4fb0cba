import { procedureLabel, readTable, requireSchools } from "../../../../src/core";
import { journalGrid, makeMunicipality } from "../../../fixtures/fisoko";

describe("«Сравнение отметок с отметками по журналу»", () => {
  it("is recognised and kept for the dynamics signals, never read as results", () => {
    const m = makeMunicipality(31, 3, [2024]);
    const table = readTable(journalGrid(m, m.procedures[1]));
    expect(table.layout).toBe("journal");
    expect([table.schools, table.procedures]).toEqual([[], []]);
    expect(table.journal?.map((j) => [j.school, j.procedure && procedureLabel(j.procedure)])).toEqual([
      [false, "ВПР математика 4 кл. 2024"],
      [false, "ВПР математика 4 кл. 2024"],
      ...m.schools.filter((s) => m.results.has(`${s.digits}|МА 4 2024`)).map(() => [true, "ВПР математика 4 кл. 2024"]),
    ]);
    const first = table.journal?.[2];
    expect((first?.lowered ?? 0) + (first?.confirmed ?? 0) + (first?.raised ?? 0)).toBeCloseTo(100, 1);
    expect(() => requireSchools(table, "Файл «x.xlsx»")).toThrow(/только «Сравнение отметок с отметками по журналу» — это не результаты/);
  });
});
