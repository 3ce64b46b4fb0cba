import {
  analyzeTable,
  Cell,
  readTable,
  SheetGrid,
  ShnorError,
  procedureLabel,
  applyOverrides,
  detectTable,
  TableBuilder,
} from "../../../../src/core";

const HEADER: Cell[][] = [
  ["№", "Муниципалитет", "Наименование ОО", "Логин", "ВПР математика 5 кл. 2022-2023", null, "ВПР русский язык 5 кл. 2022-2023", null],
  [null, null, null, null, "% «2»", "% «4» и «5»", "доля «2», %", "% выс. рез."],
];

function grid(rows: Cell[][], formats?: (string | null)[][]): SheetGrid {
  const values = [["Результаты ВПР 2023 года"], [], ...HEADER, ...rows];
  const numberFormats = formats ? [[], [], [], [], ...formats] : undefined;
  return { values, numberFormats, sheetName: "ВПР" };
}

const results = (g: SheetGrid) => {
  const table = readTable(g);
  return new Map(table.schools.map((s) => [s.name, s.results.map((r) => [procedureLabel(r.procedure), r.failPercent, r.highPercent])]));
};

describe("reading cell values in a wide table", () => {
  it("reads numbers, decimal commas, «35%» text and fractions under a % format alike", () => {
    const g = grid(
      [
        [1, "МО", "МБОУ «СОШ № 1»", "sch1001", 35, 10, "12,5", "8"],
        [2, "МО", "МБОУ «СОШ № 2»", "sch1002", "35%", "10 %", 12.5, 8],
        [3, "МО", "МБОУ «СОШ № 3»", "sch1003", 0.35, 0.1, 0.125, 0.08],
      ],
      [[], [], [null, null, null, null, "0%", "0%", "0.0%", "0%"]],
    );
    const r = results(g);
    const expected = [
      ["ВПР математика 5 кл. 2023", 35, 10],
      ["ВПР русский язык 5 кл. 2023", 12.5, 8],
    ];
    expect(r.get("МБОУ «СОШ № 1»")).toEqual(expected);
    expect(r.get("МБОУ «СОШ № 2»")).toEqual(expected);
    expect(r.get("МБОУ «СОШ № 3»")).toEqual(expected);
  });

  it("treats «-», «н/д», «x», blanks and errors as no data, never zero", () => {
    const table = readTable(
      grid([
        [1, "МО", "МБОУ «ООШ № 4»", "sch1004", "-", "н/д", "x", "#N/A"],
        [2, "МО", "МБОУ «ООШ № 5»", "sch1005", null, "", "#DIV/0!", "—"],
      ]),
    );
    expect(table.schools.map((s) => s.results)).toEqual([[], []]);
    expect(analyzeTable(table).verdicts.map((v) => [v.status, v.low])).toEqual([
      ["ok", []],
      ["ok", []],
    ]);
  });

  it("warns about unreadable values with their cell address and reads them as no data", () => {
    const table = readTable(grid([[1, "МО", "МБОУ «СОШ № 6»", "sch1006", "много", 150, 10, 5]]));
    expect(table.warnings).toEqual([expect.stringMatching(/^E5: «много» — не процент/), expect.stringMatching(/^F5: «150» — не процент/)]);
    expect(table.schools[0].results.map((r) => [r.failPercent, r.highPercent])).toEqual([[10, 5]]);
  });

  it("skips sections, totals and notes, and trims stray spaces in names", () => {
    const table = readTable(
      grid([
        [null, null, "Городские школы", null, null, null, null, null],
        [1, "МО", "  МБОУ   «СОШ № 1» ", "sch1001", 40, 10, 30, 8],
        [null, null, "Сельские школы", null, null, null, null, null],
        [2, "МО", "МКОУ «Ивановская ООШ»", "sch1002", 10, 10, 10, 8],
        [null, null, "Итого по МО", null, 25, 10, 20, 8],
        [null, null, "Всего", null, 25, 10, 20, 8],
        ["Примечание: данные ФИС ОКО", null, null, null, null, null, null, null],
      ]),
    );
    expect(table.schools.map((s) => s.name)).toEqual(["МБОУ «СОШ № 1»", "МКОУ «Ивановская ООШ»"]);
    expect(table.skippedRows.map((s) => [s.row + 1, s.reason])).toEqual([
      [5, "заголовок раздела, а не школа"],
      [7, "заголовок раздела, а не школа"],
      [9, "итоговая строка"],
      [10, "итоговая строка"],
      [11, "примечание"],
    ]);
    expect(table.lastRow + 1).toBe(8);
  });

  it("keeps a school with no data as a school with status ok", () => {
    const table = readTable(grid([[1, "МО", "МБОУ «СОШ № 9»", "sch1009", null, null, null, null]]));
    expect(table.schools).toHaveLength(1);
    expect(analyzeTable(table).verdicts[0]).toMatchObject({ status: "ok", criteria: [], low: [] });
  });

  it("reports what each column was taken as", () => {
    const table = readTable(grid([[1, "МО", "МБОУ «СОШ № 1»", "sch1001", 40, 10, 30, 8]]));
    expect(table.columns.map((c) => c.role.kind)).toEqual([
      "number",
      "territory",
      "name",
      "login",
      "measure",
      "measure",
      "measure",
      "measure",
    ]);
    expect(table.layout).toBe("wide");
    expect([table.headerTop, table.headerBottom]).toEqual([2, 3]);
  });

  it("takes the year from the title when headers leave it out", () => {
    const values: Cell[][] = [
      ["Результаты ВПР 2023 года"],
      ["Название ОО", "Математика 5 кл.", null],
      [null, "% 2", "% 4 и 5"],
      ["МБОУ «СОШ № 1»", 31, 5],
    ];
    const table = readTable({ values, sheetName: "Лист1" });
    expect(table.procedures.map(procedureLabel)).toEqual(["ВПР математика 5 кл. 2023"]);
  });

  it("takes the year from a title set apart by a blank row", () => {
    const values: Cell[][] = [
      ["Результаты ВПР 2023 года"],
      [],
      ["Название ОО", "Математика 5 кл.", null, "Русский язык 5 кл.", null],
      [null, "% 2", "% 4 и 5", "% 2", "% 4 и 5"],
      ["МБОУ «СОШ № 1»", 31, 5, 30, 2],
    ];
    const table = readTable({ values });
    expect([table.headerTop, table.headerBottom]).toEqual([2, 3]);
    expect(table.procedures.map(procedureLabel)).toEqual(["ВПР математика 5 кл. 2023", "ВПР русский язык 5 кл. 2023"]);
    expect(analyzeTable(table).verdicts[0].criteria).toEqual([1]);
  });

  it("says which part of a header is missing", () => {
    const values: Cell[][] = [
      ["Название ОО", "ВПР МА 5 2019", null, "Математика 6 кл.", null],
      [null, "% 2", "% выс", "% 2", "% выс"],
      ["МБОУ «СОШ № 1»", 31, 5, 40, 1],
    ];
    const table = readTable({ values, sheetName: "Лист1" });
    const ignored = table.columns.filter((c) => c.role.kind === "ignored").map((c) => (c.role as { reason: string }).reason);
    expect(ignored).toEqual(["в заголовке не хватает: вид процедуры, год", "в заголовке не хватает: вид процедуры, год"]);
  });

  it("reads a lone unlabelled column under a procedure as % «2» and says so", () => {
    const values: Cell[][] = [
      ["Название ОО", "ВПР МА 5 2019", "ОГЭ РУ 2019"],
      ["МБОУ «СОШ № 1»", 31, 12],
    ];
    const table = readTable({ values });
    expect(table.columns.filter((c) => c.note).map((c) => c.note)).toEqual([
      "показатель не подписан: принят за «% 2»",
      "показатель не подписан: принят за «% 2»",
    ]);
    expect(table.schools[0].results.map((r) => r.failPercent)).toEqual([31, 12]);
  });

  it("uses merged areas when a host gives them", () => {
    const values: Cell[][] = [
      ["Название ОО", "ВПР МА 5 2019", null],
      [null, "% 2", "% выс. рез."],
      ["МБОУ «СОШ № 1»", 31, 5],
    ];
    const table = readTable({
      values,
      merges: [
        { top: 0, left: 1, bottom: 0, right: 2 },
        { top: 0, left: 0, bottom: 1, right: 0 },
      ],
    });
    expect(table.schools[0].results[0]).toMatchObject({ failPercent: 31, highPercent: 5 });
  });

  it("finds no table on a sheet without one, with a Russian message", () => {
    expect(() => readTable({ values: [["Список сотрудников"], ["Иванов", 1]], sheetName: "Кадры" })).toThrow(ShnorError);
    expect(() => readTable({ values: [], sheetName: "Пусто" })).toThrow(
      /^На листе «Пусто» не найдена таблица результатов: лист пуст\. Нужны/,
    );
  });

  it("applies a user's column correction", () => {
    const values: Cell[][] = [
      ["Школа", "Столбец X", "ВПР МА 5 2019"],
      [null, null, "% 2"],
      ["МБОУ «СОШ № 1»", 45, 10],
    ];
    const shape = detectTable({ values })!;
    const corrected = applyOverrides(shape, [{ column: 1, as: "measure", procedure: "ВПР РУ 5 2019", measure: "failPercent" }]);
    const builder = new TableBuilder(corrected);
    builder.addRow(2, values[2]);
    const table = builder.finish();
    expect(table.schools[0].results.map((r) => [procedureLabel(r.procedure), r.failPercent])).toEqual([
      ["ВПР русский язык 5 кл. 2019", 45],
      ["ВПР математика 5 кл. 2019", 10],
    ]);
    expect(corrected.columns[1]).toMatchObject({ overridden: true });
    expect(() => applyOverrides(shape, [{ column: 1, as: "measure", procedure: "что-то", measure: "failPercent" }])).toThrow(
      /Не удалось прочитать процедуру/,
    );
  });
});
