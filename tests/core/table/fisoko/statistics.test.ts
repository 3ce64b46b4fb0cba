import { Cell, readTable, procedureLabel } from "../../../../src/core";

describe("ФИС ОКО «Статистика по отметкам»", () => {
  const body: Cell[][] = [
    ["Логин", "ОО", "Кол-во участников", 2, 3, 4, 5],
    [null, "Вся выборка", 1500000, 15, 40, 33, 12],
    [null, "Кемеровская обл.", 30000, 17, 41, 31, 11],
    ["sch423500", "МБОУ «СОШ № 1»", 50, 32, 40, 20, 8],
  ];

  it("takes the procedure from the title above the table", () => {
    const table = readTable({ values: [["Статистика по отметкам"], ["ВПР 2023. Математика, 5 класс"], [], ...body], sheetName: "Лист1" });
    expect(table.layout).toBe("fisoko");
    expect(table.procedures.map(procedureLabel)).toEqual(["ВПР математика 5 кл. 2023"]);
    expect(table.schools.map((s) => [s.name, s.login, s.results[0].failPercent, s.results[0].highPercent])).toEqual([
      ["МБОУ «СОШ № 1»", "sch423500", 32, 28],
    ]);
    expect(table.skippedRows.map((s) => s.reason)).toEqual([
      "строка для сравнения (вся выборка), не школа",
      "строка для сравнения (регион), не школа",
    ]);
    expect(table.comparisons?.map((c) => [c.name, c.kind, c.results[0].failPercent])).toEqual([
      ["Вся выборка", "country", 15],
      ["Кемеровская обл.", "region", 17],
    ]);
  });

  it("takes the procedure from the sheet name when there is no title", () => {
    const table = readTable({ values: body, sheetName: "ВПР РУ 6 2022" });
    expect(table.procedures.map(procedureLabel)).toEqual(["ВПР русский язык 6 кл. 2022"]);
  });
});
