/**
 * The regional centre's (РЦОИ) pupil-level protocols: found by a school
 * column, a mark (or the minimum threshold's verdict) and who the pupil is;
 * aggregated per school × procedure into what the rule takes; rows without a
 * school or a mark are skipped with a reason; no pupil's name leaves the reader.
 */
import fc from "fast-check";
import {
  analyzeTable,
  Cell,
  completeProcedure,
  detectTable,
  dynamicsInputOf,
  dynamicsOf,
  explainNoTable,
  parseProcedureParts,
  procedureKey,
  readTable,
  recognitionLines,
  ResultsTable,
  SheetGrid,
} from "../../../../src/core";
import { FIRST_NAMES, handCount, multiExamGrid, protocolGrid, RCOI_SCHOOLS, RcoiPupil, rcoiPupils, SURNAMES } from "../../../fixtures/rcoi";

const EXAMS = [
  { exam: "ОГЭ" as const, subject: "Математика", date: "24.05.2024" },
  { exam: "ОГЭ" as const, subject: "Русский язык", date: "03.06.2024" },
  { exam: "ЕГЭ" as const, subject: "Математика профильная", date: "31.05.2024" },
  { exam: "ЕГЭ" as const, subject: "Русский язык", date: "30.05.2024" },
];

/** The engine's answer as «code|procedure key» → participants and fails. */
function answer(table: ResultsTable): Map<string, { participants: number; fails: number }> {
  const out = new Map<string, { participants: number; fails: number }>();
  for (const s of table.schools)
    for (const r of s.results) out.set(`${s.login}|${r.key}`, { participants: r.participants as number, fails: r.failCount as number });
  return out;
}

/** The hand count keyed the same way: the exam label read by the procedure vocabulary. */
function expected(pupils: RcoiPupil[]): Map<string, { participants: number; fails: number }> {
  const out = new Map<string, { participants: number; fails: number }>();
  for (const [key, counts] of handCount(pupils)) {
    const [code, label] = key.split("|");
    const procedure = completeProcedure(parseProcedureParts(label));
    expect(procedure).not.toBeNull();
    out.set(`${code}|${procedureKey(procedure!)}`, counts);
  }
  return out;
}

/** Every text the reader gives back: columns, skipped rows, warnings, the report, the JSON of the table. */
function allText(table: ResultsTable): string {
  const report = recognitionLines(table, analyzeTable(table));
  const { pupils, ...rest } = table;
  return JSON.stringify(rest) + JSON.stringify(report) + JSON.stringify(pupils);
}

describe("РЦОИ protocol: one exam under a title block", () => {
  it("the brief's CSV header under «Протокол проверки результатов ОГЭ / Предмет / Дата экзамена» is found and its procedure read from the title", () => {
    const pupils = rcoiPupils({ pupils: 40, seed: 5 });
    const grid = protocolGrid(pupils);
    const shape = detectTable(grid);
    expect(shape?.layout).toBe("protocol");
    expect(shape?.headerTop).toBe(4);
    expect(shape?.procedure).toEqual({ type: "ОГЭ", subject: "математика", grade: null, level: null, year: 2024 });
    const roles = Object.fromEntries(shape!.columns.map((c) => [c.header, c.role.kind === "pupil" ? c.role.field : c.role.kind]));
    expect(roles).toEqual({
      "№": "number",
      "Код ОО": "login",
      "Наименование ОО": "name",
      Класс: "grade",
      Фамилия: "person",
      Имя: "person",
      "Первичный балл": "primary",
      Оценка: "mark",
    });
    expect(explainNoTable(grid)).toBeNull();
  });

  it("per school % «2» equals a hand count of a small protocol", () => {
    const [a, b] = RCOI_SCHOOLS;
    const row = (school: typeof a, mark: number): RcoiPupil => ({
      school,
      exam: "ОГЭ",
      subject: "Математика",
      date: "24.05.2024",
      className: "9А",
      surname: "Тестова",
      firstName: "Аглая",
      primary: mark * 5,
      mark,
      passed: null,
    });
    // School a: 3 of 10 got «2» (30 %: low). School b: 1 of 4 (25 %).
    const pupils = [...[2, 2, 2, 3, 3, 4, 4, 5, 5, 3].map((m) => row(a, m)), ...[2, 5, 4, 3].map((m) => row(b, m))];
    const table = readTable(protocolGrid(pupils));
    const byName = Object.fromEntries(table.schools.map((s) => [s.name, s.results[0]]));
    expect(byName[a.name]).toMatchObject({ participants: 10, failCount: 3, failPercent: 30, highPercent: 40 });
    expect(byName[b.name]).toMatchObject({ participants: 4, failCount: 1, failPercent: 25, highPercent: 50 });
    // Names come back exactly as written, the code as the login.
    expect(table.schools.map((s) => [s.name, s.login])).toEqual([
      [a.name, a.code],
      [b.name, b.code],
    ]);
  });

  it("rows without a school, without a mark and absent pupils are skipped with their reason, never silently", () => {
    const pupils = rcoiPupils({ pupils: 200, seed: 11, defects: true });
    const table = readTable(protocolGrid(pupils));
    const reasons = (re: RegExp) => table.skippedRows.filter((s) => re.test(s.reason)).length;
    expect(reasons(/без ОО/)).toBe(pupils.filter((p) => !p.school).length);
    expect(reasons(/неявка/)).toBe(pupils.filter((p) => p.school && p.mark === "неявка").length);
    expect(reasons(/нет отметки/)).toBe(pupils.filter((p) => p.school && p.mark === null).length);
    expect(reasons(/без ОО/) + reasons(/неявка/) + reasons(/нет отметки/)).toBeGreaterThan(10);
    // Every pupil row is either counted or skipped.
    const counted = table.schools.reduce((n, s) => n + s.results.reduce((m, r) => m + (r.participants ?? 0), 0), 0);
    const pupilSkips = table.skippedRows.filter((s) => s.row >= 5 && s.row < 5 + pupils.length).length;
    expect(counted + pupilSkips).toBe(pupils.length);
    // The footer is reported too.
    expect(table.skippedRows.some((s) => /Председатель/.test(s.text) && s.reason === "не участник и не школа")).toBe(true);
    expect(answer(table)).toEqual(expected(pupils));
  });

  it("ЕГЭ with «Минимальный порог пройден: да/нет»: fails are the «нет», and no % «4» и «5» is made up", () => {
    const pupils = rcoiPupils({ pupils: 80, seed: 7, exams: [EXAMS[2]] });
    const table = readTable(protocolGrid(pupils));
    expect(table.layout).toBe("protocol");
    expect(table.procedures).toEqual([{ type: "ЕГЭ", subject: "математика", grade: null, level: "профильный", year: 2024 }]);
    expect(answer(table)).toEqual(expected(pupils));
    for (const s of table.schools) expect(s.results[0].highPercent).toBeNull();
  });

  it("«зачёт/незачёт» in a «Результат» column and «не преодолел минимальный порог» are verdicts too", () => {
    const values: Cell[][] = [
      ["Протокол результатов ЕГЭ по русскому языку, 2023 год"],
      ["Код ОО", "ОО", "Код участника", "Тестовый балл", "Результат"],
      ["420101", "МБОУ «СОШ № 1»", "0001", 20, "незачёт"],
      ["420101", "МБОУ «СОШ № 1»", "0002", 60, "зачёт"],
      ["420101", "МБОУ «СОШ № 1»", "0003", 12, "не преодолел минимальный порог"],
      ["420101", "МБОУ «СОШ № 1»", "0004", 70, "Преодолел"],
      ["420101", "МБОУ «СОШ № 1»", "0005", 70, "может быть"],
    ];
    const table = readTable({ values, sheetName: "Лист1" });
    expect(table.layout).toBe("protocol");
    expect(table.schools[0].results[0]).toMatchObject({ participants: 4, failCount: 2, failPercent: 50 });
    expect(table.warnings.join()).toContain("«может быть» — не ответ о минимальном пороге");
    expect(table.skippedRows.map((s) => [s.row, s.reason])).toEqual([[6, "нет отметки (и не сказано, пройден ли минимальный порог)"]]);
  });
});

describe("a mark and a verdict that disagree", () => {
  it("the verdict on the threshold decides, and a warning names the row", () => {
    const values: Cell[][] = [
      ["Протокол ЕГЭ, математика (базовый уровень), 2024"],
      ["Код ОО", "Наименование ОО", "Код участника", "Отметка", "Порог пройден"],
      ["420101", "МБОУ «СОШ № 1»", "0001", 2, "да"],
      ["420101", "МБОУ «СОШ № 1»", "0002", 4, "нет"],
      ["420101", "МБОУ «СОШ № 1»", "0003", 3, "да"],
      ["420101", "МБОУ «СОШ № 1»", "0004", 2, "нет"],
    ];
    const table = readTable({ values, sheetName: "Лист1" });
    expect(table.schools[0].results[0]).toMatchObject({ participants: 4, failCount: 2 });
    expect(table.procedures[0]).toMatchObject({ type: "ЕГЭ", level: "базовый", year: 2024 });
    expect(table.warnings).toEqual([
      "строка 3: отметка «2», а минимальный порог пройден; взят ответ о пороге",
      "строка 4: отметка «4», а минимальный порог не пройден; взят ответ о пороге",
    ]);
  });
});

describe("a protocol of one school, named in the title block", () => {
  it("«ОО: …» and «Код ОО: …» above the header give every row its school; «№ 1» is not read as grade 1", () => {
    const values: Cell[][] = [
      ["Протокол проверки результатов ВПР"],
      ["Предмет: Математика 5 класс, 2024"],
      ["Код ОО: 420101"],
      ["ОО: МБОУ «СОШ № 1»"],
      ["№", "Код участника", "Фамилия", "Имя", "Первичный балл", "Отметка"],
      [1, "50001", "Тестова", "Аглая", 3, 2],
      [2, "50002", "Примерова", "Феврония", 12, 4],
      [3, "50003", "Выдумкин", "Онуфрий", 2, 2],
      [4, "50004", "Условный", "Порфирий", 9, 3],
      [5, "50005", "Образцова", "Ефросинья", null, "неявка"],
    ];
    const table = readTable({ values, sheetName: "Лист1" });
    expect(table.layout).toBe("protocol");
    expect(table.schools.map((s) => [s.name, s.login])).toEqual([["МБОУ «СОШ № 1»", "420101"]]);
    expect(table.schools[0].results[0]).toMatchObject({ key: "ВПР|математика||5|2024", participants: 4, failCount: 2, failPercent: 50 });
    expect(table.skippedRows.map((s) => s.reason)).toEqual(["участник не писал работу (неявка)"]);
    for (const name of [...SURNAMES, ...FIRST_NAMES]) expect(allText(table)).not.toContain(name);
  });

  it("footer rows under the pupils («Средняя отметка», «Итого») are skipped with a reason, not counted as pupils", () => {
    const values: Cell[][] = [
      ["Протокол ВПР Математика 5 класс 2024"],
      ["ОО: МБОУ «СОШ № 1»"],
      ["№", "Код участника", "Фамилия", "Первичный балл", "Отметка"],
      ...Array.from({ length: 10 }, (_, i): Cell[] => [i + 1, `5000${i}`, "Тестова", 10, i < 3 ? 2 : 4]),
      ["Средняя отметка", null, null, null, 3],
      ["Итого участников", null, null, null, 10],
    ];
    const table = readTable({ values, sheetName: "Лист1" });
    expect(table.schools[0].results[0]).toMatchObject({ participants: 10, failCount: 3, failPercent: 30 });
    expect(table.skippedRows.map((s) => s.reason)).toEqual(["не участник (нет кода, имени или балла участника)", "итоговая строка"]);
  });

  it("without a school in the title or a column, it is no table", () => {
    const values: Cell[][] = [
      ["Протокол проверки результатов ВПР"],
      ["Предмет: Математика 5 класс, 2024"],
      ["№", "Код участника", "Фамилия", "Первичный балл", "Отметка"],
      [1, "50001", "Тестова", 3, 2],
    ];
    expect(detectTable({ values, sheetName: "Лист1" })).toBeNull();
    expect(explainNoTable({ values, sheetName: "Лист1" })).toContain("или строка «ОО: …» над таблицей");
  });
});

describe("a school's ВПР protocol", () => {
  it("the grade comes from the class column when the title has none; each grade is its own procedure", () => {
    const values: Cell[][] = [
      ["Протокол ВПР по математике, весна 2024"],
      ["Код ОО", "Наименование ОО", "Класс", "ФИО", "Отметка"],
      ["420101", "МБОУ «СОШ № 1»", "5А", "Тестова Аглая", 2],
      ["420101", "МБОУ «СОШ № 1»", "5Б", "Примерова Феврония", 4],
      ["420101", "МБОУ «СОШ № 1»", "6А", "Выдумкин Онуфрий", 2],
      ["420101", "МБОУ «СОШ № 1»", "6А", "Условный Порфирий", 2],
      ["420101", "МБОУ «СОШ № 1»", "6Б", "Образцова Ефросинья", 3],
    ];
    const table = readTable({ values, sheetName: "Лист1" });
    expect(table.layout).toBe("protocol");
    const results = Object.fromEntries(table.schools[0].results.map((r) => [r.key, [r.participants, r.failCount]]));
    expect(results).toEqual({ "ВПР|математика||5|2024": [2, 1], "ВПР|математика||6|2024": [3, 2] });
  });
});

describe("РЦОИ protocol: several exams in one sheet", () => {
  it("«Экзамен», «Предмет», «Дата экзамена» columns give each row its procedure; counts equal a hand count", () => {
    const pupils = rcoiPupils({ pupils: 300, seed: 21, exams: EXAMS, defects: true });
    const table = readTable(multiExamGrid(pupils));
    expect(table.layout).toBe("protocol");
    expect(table.procedures).toHaveLength(4);
    expect(answer(table)).toEqual(expected(pupils));
  });

  it("the rule takes the protocol like any table: 30 % «2» is low, the school with two low exams is ШНОР", () => {
    const [a, b] = RCOI_SCHOOLS;
    const mk = (school: typeof a, e: (typeof EXAMS)[number], fail: boolean): RcoiPupil => ({
      school,
      ...e,
      className: "9А",
      surname: "Тестова",
      firstName: "Аглая",
      primary: 10,
      mark: e.exam === "ОГЭ" ? (fail ? 2 : 4) : null,
      passed: e.exam === "ЕГЭ" ? (fail ? "нет" : "да") : null,
    });
    const pupils: RcoiPupil[] = [];
    // a: ОГЭ математика 3 of 10 fail, ЕГЭ профильная 3 of 10 not passed: two low → ШНОР. b: 2 of 10 in each → ok.
    for (const [school, fails] of [
      [a, 3],
      [b, 2],
    ] as const)
      for (const e of [EXAMS[0], EXAMS[2]]) for (let i = 0; i < 10; i++) pupils.push(mk(school, e, i < fails));
    const result = analyzeTable(readTable(multiExamGrid(pupils)));
    const status = Object.fromEntries(result.verdicts.map((v) => [v.school.name, v.status]));
    expect(status).toEqual({ [a.name]: "shnor", [b.name]: "ok" });
  });
});

describe("pupils' names never leave the reader", () => {
  it("no surname or first name in columns, skipped rows, warnings, the recognition report or the kept pupils", () => {
    const pupils = rcoiPupils({ pupils: 150, seed: 3, exams: EXAMS, defects: true });
    for (const grid of [protocolGrid(pupils.filter((p) => p.exam === "ОГЭ")), multiExamGrid(pupils)]) {
      const table = readTable(grid);
      const text = allText(table);
      // The names are in the sheet: the test can fail.
      expect(JSON.stringify(grid.values)).toContain(SURNAMES[0]);
      for (const name of [...SURNAMES, ...FIRST_NAMES]) expect(text).not.toContain(name);
      expect(table.skippedRows.length).toBeGreaterThan(0);
    }
  });

  it("a bad mark's warning quotes the mark, not the name", () => {
    const grid = protocolGrid(rcoiPupils({ pupils: 5, seed: 2 }));
    grid.values[5][7] = "пять";
    const table = readTable(grid);
    expect(table.warnings.join()).toContain("«пять»");
    for (const name of [...SURNAMES, ...FIRST_NAMES]) expect(allText(table)).not.toContain(name);
  });
});

describe("objectivity signals are ВПР methodology", () => {
  /** One school far above the others: an inflated mean if this were ВПР. */
  function inflatedProtocol(): SheetGrid {
    const pupils: RcoiPupil[] = [];
    RCOI_SCHOOLS.slice(0, 4).forEach((school, k) => {
      for (let i = 0; i < 25; i++) {
        const primary = k === 0 ? 28 + (i % 3) : 4 + (i % 9);
        pupils.push({
          ...EXAMS[0],
          school,
          className: "9А",
          surname: "Тестова",
          firstName: "Аглая",
          primary,
          mark: k === 0 ? 5 : 3,
          passed: null,
        });
      }
    });
    return protocolGrid(pupils);
  }
  const signalsOf = (grid: SheetGrid) => {
    const table = readTable(grid);
    return dynamicsOf(analyzeTable(table), dynamicsInputOf(table)).signals;
  };

  it("the same pupils as a ВПР protocol raise a sign (so the check below can fail)", () => {
    const grid = inflatedProtocol();
    grid.values[0][0] = "Протокол проверки результатов ВПР";
    grid.values[1][0] = "Предмет: Математика 5 класс";
    expect(signalsOf(grid)?.signals.length).toBeGreaterThan(0);
  });

  it("as ОГЭ they raise none: ОГЭ and ЕГЭ rows are not read as ВПР", () => {
    const grid = inflatedProtocol();
    expect(readTable(grid).pupils!.length).toBe(4);
    // Not «no signs found»: no ВПР pupils were loaded, so no signal was worked out.
    expect(signalsOf(grid)).toBeNull();
  });
});

describe("aggregation equals a direct count (property)", () => {
  const pupilArb = fc.record({
    school: fc.option(fc.constantFrom(...RCOI_SCHOOLS), { freq: 10 }),
    exam: fc.constantFrom(...EXAMS),
    mark: fc.constantFrom<RcoiPupil["mark"]>(2, 3, 4, 5, null, "неявка"),
    passed: fc.constantFrom<RcoiPupil["passed"]>("да", "нет", null),
    primary: fc.option(fc.integer({ min: 0, max: 40 })),
  });

  it("per school × exam, participants and «2» / not passed equal the count over the generated pupils", () => {
    fc.assert(
      fc.property(fc.array(pupilArb, { minLength: 1, maxLength: 120 }), (drafts) => {
        const pupils: RcoiPupil[] = drafts.map((d) => ({
          school: d.school,
          ...d.exam,
          className: "9А",
          surname: "Тестова",
          firstName: "Аглая",
          primary: d.primary,
          // A mark and a verdict never disagree in a protocol: ОГЭ rows give a mark, ЕГЭ rows a verdict.
          mark: d.exam.exam === "ОГЭ" ? d.mark : d.mark === "неявка" ? "неявка" : null,
          passed: d.exam.exam === "ЕГЭ" && d.mark !== "неявка" ? d.passed : null,
        }));
        const table = readTable(multiExamGrid(pupils));
        expect(answer(table)).toEqual(expected(pupils));
        // Every pupil row is counted or reported.
        const counted = [...answer(table).values()].reduce((n, c) => n + c.participants, 0);
        expect(counted + table.skippedRows.length).toBe(pupils.length);
      }),
      { numRuns: 150 },
    );
  });
});

describe("detection and explanation", () => {
  it("a protocol without a mark or a verdict is not a table, and the explanation says what it lacks without a name", () => {
    const grid = protocolGrid(rcoiPupils({ pupils: 12, seed: 4 }));
    grid.values[4][7] = "Тестовый балл";
    expect(detectTable(grid)).toBeNull();
    const why = explainNoTable(grid) as string;
    expect(why).toContain("строка на участника");
    expect(why).toContain("«Оценка»");
    for (const name of SURNAMES) expect(why).not.toContain(name);
  });

  it("a protocol without a school column is not a table, and the explanation asks for «Код ОО» or «Наименование ОО»", () => {
    const grid = protocolGrid(rcoiPupils({ pupils: 12, seed: 4 }));
    grid.values = grid.values.map((row, r) => (r >= 4 ? row.filter((_, c) => c !== 1 && c !== 2) : row));
    expect(detectTable(grid)).toBeNull();
    const why = explainNoTable(grid) as string;
    expect(why).toMatch(/^строка на участника \(фамилии \(не выводятся\), «Оценка»; участников: 13\) — протокол без столбца ОО/);
    for (const name of SURNAMES) expect(why).not.toContain(name);
  });

  it("«Код ОО» is called the login column, not the names column", () => {
    const values: Cell[][] = [
      ["№", "Код ОО", "Класс", "Кол-во учащихся"],
      [1, "420101", "9А", 25],
      [2, "420102", "9Б", 24],
    ];
    const why = explainNoTable({ values, sheetName: "Лист1" } as SheetGrid) as string;
    expect(why).toContain("столбец логинов (кодов) ОО «Код ОО»");
    expect(why).not.toContain("столбец названий ОО «Код ОО»");
  });

  it("with both, the names column is named, not the code", () => {
    const values: Cell[][] = [
      ["№", "Код ОО", "Наименование ОО", "Кол-во учащихся"],
      [1, "420101", "МБОУ «СОШ № 1»", 25],
    ];
    expect(explainNoTable({ values, sheetName: "Лист1" })).toContain("столбец названий ОО «Наименование ОО»");
  });
});
