import { analyzeTable, Cell, readTable, procedureLabel } from "../../../../src/core";

describe("long tables", () => {
  const header: Cell[] = ["ОО", "Логин ОО", "Процедура", "Предмет", "Класс", "Год", "Кол-во участников", "Получили «2», чел."];

  it("computes percent from counts exactly, and zero participants is no data", () => {
    const values: Cell[][] = [
      header,
      ["МБОУ «СОШ № 1»", "sch1", "ВПР", "мат.", "5", "2022/23", 10, 3],
      ["МБОУ «СОШ № 1»", "sch1", "ВПР", "рус. яз.", "5 кл.", "2022/23", 3, 1],
      ["МБОУ «СОШ № 1»", "sch1", "ОГЭ", "Математика", "", "2022-2023", 0, 0],
      ["МБОУ «СОШ № 2»", "sch2", "ВПР", "мат.", "5", "2022/23", 1000, 299],
    ];
    const table = readTable({ values });
    expect(table.layout).toBe("long");
    const [s1, s2] = table.schools;
    expect(s1.results.map((r) => [procedureLabel(r.procedure), r.failPercent, r.participants])).toEqual([
      ["ВПР математика 5 кл. 2023", 30, 10],
      ["ВПР русский язык 5 кл. 2023", 33.333333333, 3],
    ]);
    const analysis = analyzeTable(table);
    expect(analysis.verdicts.map((v) => v.status)).toEqual(["shnor", "ok"]);
    expect(s2.results[0].failPercent).toBeCloseTo(29.9, 9);
  });

  it("drops results below the minimum number of participants when counts are known", () => {
    const values: Cell[][] = [
      header,
      ["МБОУ «СОШ № 1»", "sch1", "ВПР", "мат.", "5", "2023", 4, 2],
      ["МБОУ «СОШ № 1»", "sch1", "ВПР", "рус", "5", "2023", 20, 7],
    ];
    const table = readTable({ values });
    expect(analyzeTable(table).verdicts[0].status).toBe("shnor");
    expect(analyzeTable(table, { minParticipants: 5 }).verdicts[0].status).toBe("risk");
  });

  it("reads the procedure from one column when it holds a whole label", () => {
    const values: Cell[][] = [
      ["Название ОО", "Оценочная процедура", "Предмет", "% 2"],
      ["МБОУ «СОШ № 1»", "ВПР МА 5 2019", null, 31],
      ["МБОУ «СОШ № 1»", "ОГЭ 2019", "Русский язык", 40],
    ];
    const table = readTable({ values });
    expect(table.procedures.map(procedureLabel)).toEqual(["ВПР математика 5 кл. 2019", "ОГЭ русский язык 2019"]);
  });

  it("skips a row whose procedure cannot be told, saying why", () => {
    const values: Cell[][] = [
      ["Название ОО", "Процедура", "Предмет", "% 2"],
      ["МБОУ «СОШ № 1»", "ВПР", "Математика", 31],
    ];
    const table = readTable({ values });
    expect(table.skippedRows.map((s) => s.reason)).toEqual(["не определена процедура (вид, предмет, год)"]);
  });

  it("refuses more fails than participants", () => {
    const values: Cell[][] = [header, ["МБОУ «СОШ № 1»", "sch1", "ВПР", "мат.", "5", "2023", 4, 5]];
    const table = readTable({ values });
    expect(table.schools[0].results).toEqual([]);
    expect(table.warnings[0]).toMatch(/больше, чем участников/);
  });
});
