import fc from "fast-check";
import {
  analyzeTable,
  collectGrid,
  joinTables,
  loginKey,
  procedureLabel,
  readTable,
  requireSchools,
  SheetGrid,
  ShnorError,
} from "../../../../src/core";
import { handRule, makeMunicipality, Municipality, percent, pupilsGrid, statGrid } from "../../../fixtures/fisoko";
import { verdicts } from "../../../fixtures/verdicts";

const join = (grids: SheetGrid[]) =>
  joinTables(grids.map((g, i) => ({ source: `файл ${i + 1}, лист «${g.sheetName}»`, table: readTable(g) })));

/** The real export's layout, generated: one school, login 203389, after «Вся выборка», the region and the municipality. */
function realLike(): Municipality {
  const m = makeMunicipality(1, 1, [2026]);
  m.region = "Чеченская Республика";
  m.name = "Урус-Мартановский муниципальный район";
  m.code = "reg20_m012";
  m.schools = [{ digits: "203389", name: "МБОУ «СОШ №1 г.Урус-Мартан»" }];
  m.procedures = m.procedures.filter((p) => p.code === "РУ" && p.grade === 4);
  m.results = new Map([["203389|РУ 4 2026", [11, 47, 24, 7]]]);
  return m;
}

describe("ФИС ОКО «Статистика по отметкам» as exported", () => {
  const m = realLike();
  const p = m.procedures[0];

  it.each([
    ["as exported («Группы участников», login in brackets)", {}],
    ["header renamed to «ОО»", { nameHeader: "ОО" }],
    ["a «Логин ОО» column with edu", { nameHeader: "ОО", login: "both" as const, prefix: "edu" as const }],
    ["a «Логин ОО» column with sch", { nameHeader: "ОО", login: "both" as const, prefix: "sch" as const }],
    ["login only in its column, shifted one column right", { login: "column" as const, shift: 1 }],
  ])("gives 1 school (login 203389), not 3 and not 0: %s", (_, options) => {
    const table = readTable(statGrid(m, p, options));
    expect(table.layout).toBe("fisoko");
    expect(table.procedures.map(procedureLabel)).toEqual(["ВПР русский язык 4 кл. 2026"]);
    expect(table.schools.map((s) => [s.name, loginKey(s.login ?? "")])).toEqual([["МБОУ «СОШ №1 г.Урус-Мартан»", "203389"]]);
    expect(table.schools[0].results[0]).toMatchObject({ failPercent: percent(11, 89), participants: 89 });
    expect(table.comparisons?.map((c) => [c.name, c.kind, c.code])).toEqual([
      ["Вся выборка", "country", null],
      ["Чеченская Республика", "region", null],
      ["Урус-Мартановский муниципальный район", "municipality", "reg20_m012"],
    ]);
    expect(analyzeTable(table).summary.schools).toBe(1);
    // The comparison rows are reported, never silent.
    expect(table.skippedRows.map((s) => s.reason)).toEqual([
      "строка для сравнения (вся выборка), не школа",
      "строка для сравнения (регион), не школа",
      "строка для сравнения (муниципалитет), не школа",
    ]);
  });

  it("reads the same whatever the title block's height and wherever the procedure is named", () => {
    const mm = makeMunicipality(7, 6, [2026]);
    const proc = mm.procedures[1];
    const expected = verdicts(readTable(statGrid(mm, proc)));
    expect(expected.summary.schools).toBe(mm.schools.filter((s) => mm.results.has(`${s.digits}|МА 4 2026`)).length);
    for (const titleHeight of [0, 1, 2, 3, 5, 7])
      for (const procedureIn of ["title", "sheet", "both"] as const) {
        const table = readTable(statGrid(mm, proc, { titleHeight, procedureIn }));
        expect([titleHeight, procedureIn, table.procedures.map(procedureLabel)]).toEqual([
          titleHeight,
          procedureIn,
          ["ВПР математика 4 кл. 2026"],
        ]);
        expect(verdicts(table)).toEqual(expected);
      }
  });

  it("a school row with a login or a school's name is never taken for a territory", () => {
    const mm = makeMunicipality(3, 4, [2026]);
    mm.schools[0].name = "Тпигская средняя общеобразовательная школа";
    mm.schools[1].name = "Центр образования № 12";
    const table = readTable(statGrid(mm, mm.procedures[0], { login: "column" }));
    expect(table.schools.map((s) => s.name)).toEqual(mm.schools.filter((s) => mm.results.has(`${s.digits}|РУ 4 2026`)).map((s) => s.name));
  });
});

describe("schools are identified by login", () => {
  it("sch123456 (to 2021) and edu123456 (since 2022) are one school", () => {
    const m = makeMunicipality(11, 5, [2021, 2022]);
    const joined = join(m.procedures.map((p) => statGrid(m, p)));
    expect(joined.schools).toHaveLength(5);
    expect(joined.schools.every((s) => /^edu/.test(s.login ?? ""))).toBe(true);
    expect(joined.schools.map((s) => s.results.length).reduce((a, b) => a + b)).toBe(m.results.size);
  });

  it("a renamed school keeps its latest name, and a warning says so", () => {
    const m = makeMunicipality(12, 3, [2025, 2026]);
    m.schools[0].renamed = { name: "МАОУ «Образовательный центр № 1»", from: 2026 };
    const joined = join([...m.procedures].reverse().map((p) => statGrid(m, p)));
    expect(joined.schools.find((s) => loginKey(s.login ?? "") === m.schools[0].digits)?.name).toBe("МАОУ «Образовательный центр № 1»");
    expect(joined.warnings.join("\n")).toMatch(/называется по-разному: «МБОУ «СОШ №1»» и «МАОУ «Образовательный центр № 1»» \(2026\)/);
  });

  it("two logins with one name are never merged", () => {
    const m = makeMunicipality(13, 2, [2026]);
    m.schools[1].name = m.schools[0].name;
    const joined = join(m.procedures.map((p) => statGrid(m, p)));
    expect(joined.schools).toHaveLength(2);
    expect(joined.warnings.join("\n")).toMatch(/одно название у разных логинов/);
  });

  it("a name alone that two logins share joins neither, and a warning names both logins", () => {
    const m = makeMunicipality(15, 3, [2026]);
    m.schools[1].name = m.schools[0].name;
    const stat = readTable(statGrid(m, m.procedures[0]));
    const wide = readTable({
      values: [
        ["ОО", "ВПР РУ 5 2026"],
        [null, "% «2»"],
        [m.schools[0].name, 40],
        [m.schools[2].name, 41],
      ],
      sheetName: "Лист1",
    });
    const joined = joinTables([
      { source: "a", table: stat },
      { source: "b", table: wide },
    ]);
    // Three login groups, the shared name's own group, and the third school's name joined to its login.
    expect(joined.schools).toHaveLength(4);
    const warnings = joined.warnings.join("\n");
    expect(warnings).toMatch(/без логина, а ОО с таким названием несколько \(логины \S+, \S+\)/);
    expect(warnings.match(/одно название у разных логинов/g)).toHaveLength(1);
  });

  it("a name alone is matched after normalising quotes, spaces and «№»", () => {
    const m = makeMunicipality(14, 2, [2026]);
    const stat = readTable(statGrid(m, m.procedures[0]));
    const wide = readTable({
      values: [
        ["ОО", "ВПР РУ 5 2026"],
        [null, "% «2»"],
        [m.schools[0].name.replace("№", "№ ").replace(/[«»]/g, '"'), 40],
      ],
      sheetName: "Лист1",
    });
    const joined = joinTables([
      { source: "a", table: stat },
      { source: "b", table: wide },
    ]);
    expect(joined.schools).toHaveLength(2);
    expect(joined.schools[0].results.map((r) => procedureLabel(r.procedure))).toContain("ВПР русский язык 5 кл. 2026");
  });
});

describe("many inputs, one answer", () => {
  it("the same school and procedure with different values is a conflict naming both sources, never averaged", () => {
    const m = makeMunicipality(21, 3, [2026]);
    const p = m.procedures[0];
    const a = statGrid(m, p);
    const b = statGrid(m, p);
    const row = b.values.findIndex((r) => String(r[0]).includes(m.schools[0].digits));
    b.values[row] = [...b.values[row]];
    // Ten points moved from «3» to «2»: the marks still add up to 100 %.
    b.values[row][3] = (b.values[row][3] as number) + 10;
    b.values[row][4] = (b.values[row][4] as number) - 10;
    const joined = joinTables([
      { source: "2026.xlsx, лист «РУ 4»", table: readTable(a) },
      { source: "копия.xlsx, лист «РУ 4»", table: readTable(b) },
    ]);
    expect(joined.conflicts).toHaveLength(1);
    expect(joined.conflicts[0].first.source).toBe("2026.xlsx, лист «РУ 4»");
    expect(joined.conflicts[0].second.source).toBe("копия.xlsx, лист «РУ 4»");
    const school = joined.schools.find((s) => loginKey(s.login ?? "") === m.schools[0].digits);
    expect(school?.results.map((r) => r.procedure.grade)).not.toContain(4);
    expect(joined.warnings.join("\n")).toMatch(/Расхождение: .*«2026\.xlsx, лист «РУ 4»».*«копия\.xlsx, лист «РУ 4»».*не учтён/);
  });

  it("identical values merge silently", () => {
    const m = makeMunicipality(22, 4, [2026]);
    const joined = join([statGrid(m, m.procedures[0]), statGrid(m, m.procedures[0])]);
    expect([joined.conflicts, joined.warnings]).toEqual([[], []]);
    expect(verdicts(joined)).toEqual(verdicts(readTable(statGrid(m, m.procedures[0]))));
  });

  it("a school listed twice in one table is a warning naming both rows", () => {
    const m = makeMunicipality(23, 2, [2026]);
    const g = statGrid(m, m.procedures[0]);
    g.values.push([...g.values[g.values.length - 1]]);
    // Each row is read as it stands; the join (which every reading of files goes through) names both.
    const table = joinTables([{ source: "x.xlsx, лист «РУ 4»", table: readTable(g) }]);
    expect(table.warnings.join("\n")).toMatch(new RegExp(`указана дважды — строки ${g.values.length - 1} и ${g.values.length}`));
    expect(table.schools).toHaveLength(m.schools.length);
  });

  it("a table without schools is a Russian error, never «ШНОР не выявлены»", () => {
    const m = makeMunicipality(24, 2, [2026]);
    const g = statGrid(m, m.procedures[0]);
    const only = readTable({ ...g, values: g.values.slice(0, 11) });
    expect(only.schools).toEqual([]);
    expect(() => requireSchools(only, "Файл «x.xlsx»")).toThrow(ShnorError);
    expect(() => requireSchools(only, "Файл «x.xlsx»")).toThrow(/нет ни одной школы — только строки для сравнения \(3/);
  });
});

describe("a municipality of 30 schools over two years, split into 20 files", () => {
  const m = makeMunicipality(2026, 30, [2025, 2026]);
  const files: SheetGrid[] = [];
  m.procedures.forEach((p, i) => {
    const parts = i < 4 ? 3 : 2;
    for (let k = 0; k < parts; k++) {
      const only = m.schools.filter((_, j) => j % parts === k).map((s) => s.digits);
      files.push(statGrid(m, p, { only, titleHeight: 3 + (k % 5), prefix: p.year <= 2025 ? "sch" : "edu" }));
    }
  });

  it("names the same ШНОР as the rule applied by hand; region and municipality are not schools", () => {
    expect(files).toHaveLength(20);
    const joined = join(files);
    const result = verdicts(joined);
    const hand = handRule(m, [2025, 2026]);
    expect(result.years).toEqual([2025, 2026]);
    expect(result.summary.schools).toBe(30);
    expect(result.schools.map((s) => [s.id, s.status])).toEqual([...hand].sort().map(([d, st]) => [d, st]));
    expect(result.summary.shnor).toBe([...hand.values()].filter((s) => s === "shnor").length);
    expect(result.summary.shnor).toBeGreaterThan(0);
    expect(joined.comparisons?.map((c) => c.kind)).toEqual(["country", "region", "municipality"]);
    expect(joined.conflicts).toEqual([]);
  });

  it("property: any split into files, in any order, gives the same analysis, and the joined sheet reads back the same", () => {
    const whole = verdicts(join(m.procedures.map((p) => statGrid(m, p))));
    fc.assert(
      fc.property(
        fc.array(fc.nat(5), { minLength: m.schools.length, maxLength: m.schools.length }),
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 60 }),
        (bucketOf, order) => {
          const parts: SheetGrid[] = [];
          for (const p of m.procedures)
            for (let b = 0; b < 6; b++) {
              const only = m.schools.filter((_, j) => bucketOf[j] === b).map((s) => s.digits);
              if (only.length > 0) parts.push(statGrid(m, p, { only, titleHeight: 1 + b }));
            }
          // Any order: a permutation driven by the generated numbers.
          const shuffled = parts.map((g, i) => ({ g, k: order[i % order.length] * 100 + i })).sort((x, y) => x.k - y.k);
          const joined = join(shuffled.map((x) => x.g));
          const got = verdicts(joined);
          expect(got).toEqual(whole);
          expect(verdicts(readTable(collectGrid(joined)))).toEqual(whole);
          const back = readTable(collectGrid(joined));
          expect(back.comparisons?.map((c) => [c.kind, c.results.length])).toEqual(
            joined.comparisons?.map((c) => [c.kind, c.results.length]),
          );
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("what must not be read as results", () => {
  it("a table of objectivity markers (0/1 per grade and subject) is not a results table", () => {
    const values = [
      ["Год", "Логин", "Муниципалитет", "ОО", "4 РУ", "4 МА", "5 РУ", "5 МА", "Количество маркеров"],
      ["2023", "edu053001", "Агульский муниципальный район", "МКОУ «Тпигская СОШ»", null, null, 1, null, 1],
      ["2024", "edu053004", "Агульский муниципальный район", "МКОУ «Дулдугская СОШ»", 1, 1, null, null, 2],
    ];
    expect(() => readTable({ values, sheetName: "Признаки необъективности " })).toThrow(
      /не найдена таблица результатов: это признаки необъективности .*, а не результаты/,
    );
  });

  it("a class's collection form without a school (codes and task scores only) is not a results table", () => {
    const values = [
      ["Код", "Вариант (часть 1)", "1 (1б)", "2 (1б)", "3 (2б)", "Отметка за предыдущий триместр/ четверть/полугодие", "Итого баллов"],
      [40001, 1, 1, 1, 2, 5, 5],
      [40002, "отсутствовал", null, null, null, null, ""],
    ];
    expect(() => readTable({ values, sheetName: "Протокол" })).toThrow(
      /не найдена таблица результатов: строка на участника .* — протокол класса \(«форма сбора результатов»\), а не результаты ОО: нет отметок и столбца ОО/,
    );
  });

  it("a wide table listing one school twice: the join warns naming both rows", () => {
    const values = [
      ["Наименование ОО", "ВПР РУ 5 2026"],
      [null, "% «2»"],
      ["МБОУ «СОШ № 7»", 40],
      ["МБОУ «СОШ № 8»", 10],
      ['МБОУ "СОШ №7"', 40],
    ];
    const joined = joinTables([{ source: "свод.xlsx, лист «Лист1»", table: readTable({ values, sheetName: "Лист1" }) }]);
    expect(joined.schools.map((s) => s.name)).toEqual(["МБОУ «СОШ № 7»", "МБОУ «СОШ № 8»"]);
    expect(joined.warnings).toContainEqual('свод.xlsx, лист «Лист1»: «МБОУ "СОШ №7"» указана дважды — строки 3 и 5');
  });

  it("Ф1 with the participants' count written in the code column of the group row", () => {
    const m = makeMunicipality(61, 2, [2026]);
    const g = pupilsGrid(m, m.procedures[0]);
    const values = g.values.map((row) => (row[1] && /^Кол-во участников/.test(String(row[1])) ? [row[0], null, null, row[1]] : row));
    expect(verdicts(readTable({ ...g, values }))).toEqual(verdicts(readTable(g)));
  });
});
