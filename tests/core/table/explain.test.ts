import fc from "fast-check";
import { Cell, detectTable, DETECT_ROWS, explainNoTable, noTable, readTable, RECOGNITION_TITLE, SheetGrid } from "../../../src/core";
import { classProtocolGrid, markersGrid, mosEgeGrid } from "../../fixtures/not-results";
import { statGrid, makeMunicipality, pupilsGrid } from "../../fixtures/fisoko";

/** The explanation, which must exist: these grids hold no table. */
function why(grid: SheetGrid, rowsBelow?: number): string {
  const text = explainNoTable(grid, { rowsBelow });
  expect(detectTable({ ...grid, values: grid.values.slice(0, DETECT_ROWS) })).toBeNull();
  expect(text).not.toBeNull();
  return text!;
}

describe("explainNoTable: what a sheet without a results table shows and lacks", () => {
  it("an open-data ЕГЭ table with counts but no «2» share: the header row, the names column found by its values, the rows, the headers", () => {
    const grid = mosEgeGrid({ schools: 25 });
    const text = why(grid);
    expect(text).toMatch(/^строка заголовков 1, строк данных: 25, /);
    expect(text).toContain("столбец «EDU_NAME» по значениям похож на названия ОО");
    expect(text).toMatch(/ни один столбец не называет процедуру с показателем \(% «2» \/ не преодолели порог, число «2»/);
    // 12 headers: the first 8 listed, the rest counted.
    expect(text).toContain(
      "заголовки: «signature_date», «system_object_id», «global_id», «ID», «AdmArea», «District», «EDU_NAME», «OGRN» и ещё 4 (всего 12)",
    );
  });

  it("counts the data rows below the detector's rows when a stream tells how many", () => {
    const grid = mosEgeGrid({ schools: 100 });
    // The detector's rows: the header and 39 schools; 61 more below.
    expect(why({ ...grid, values: grid.values.slice(0, DETECT_ROWS) }, 61)).toMatch(/строк данных: 100,/);
    // Rows past the detector's in the grid itself are counted, not read.
    expect(why(grid)).toMatch(/строк данных: 100,/);
  });

  it("the names column found by its header is named as such", () => {
    const grid = mosEgeGrid({ schools: 5 });
    grid.values[0][6] = "Наименование ОО";
    expect(why(grid)).toContain("столбец названий ОО «Наименование ОО», но ни один столбец не называет процедуру");
  });

  it("a class protocol of task scores without marks: a «форма сбора результатов», and what is needed instead", () => {
    const text = why(classProtocolGrid({ participants: 17, tasks: [1, 2, 1, 1, 2] }));
    expect(text).toMatch(
      /^строка на участника \(коды участников, вариант, баллы за задания «1 \(1б\)» … «5 \(2б\)» \(5\), «Итого баллов»; участников: 17\)/,
    );
    expect(text).toContain(" — протокол класса («форма сбора результатов»), а не результаты ОО: нет отметок и столбца ОО");
    expect(text).toContain("нужна «Статистика по отметкам» ФИС ОКО или «Индивидуальные результаты» с отметками");
  });

  it("a protocol with marks but no school still says the school is missing, not the marks", () => {
    const text = why(classProtocolGrid({ withMark: true }));
    expect(text).toContain("а не результаты ОО: нет столбца ОО");
    expect(text).not.toContain("нет отметок");
  });

  it("objectivity markers: says they are markers, not results, and names the 0/1 columns", () => {
    const text = why(markersGrid({ schools: 30 }));
    expect(text).toMatch(/^это признаки необъективности \(«Количество маркеров», «Признаки необъективности»\), а не результаты/);
    expect(text).toContain("столбцы «4 РУ», «4 МА», «5 РУ», «5 МА» содержат только 0 и 1");
    expect(text).toContain("строк данных: 30");
  });

  it("markers without the words: the 0/1 columns alone say it", () => {
    const text = why(markersGrid({ sheetName: "Лист1", countHeader: "Итого" }));
    expect(text).toMatch(/^это отметки «да\/нет» \(0 и 1\), а не результаты/);
  });

  it("procedure headers without the names column", () => {
    const values: Cell[][] = [
      ["Процедура", "Предмет", "Год", "% «2»"],
      ["ВПР", "математика", "2024", 31],
      ["ВПР", "русский язык", "2024", 12],
    ];
    const text = why({ values, sheetName: "Итоги" });
    expect(text).toMatch(
      /^нет столбца с названиями ОО \(«Название ОО», «ОО», «Школа» или логин\); есть столбцы процедуры \(«Процедура», «Предмет»\) и показателей \(«% «2»»\); строка заголовков 1, строк данных: 2;/,
    );
  });

  it("ФИС ОКО marks 2–5 without the names column", () => {
    const m = makeMunicipality(7, 5);
    const grid = statGrid(m, m.procedures[0]);
    const header = grid.values.findIndex((r) => r[0] === "Группы участников");
    grid.values[header][0] = "Кто";
    // Its values are schools and comparison rows: the column is there, its header is not known.
    expect(why(grid)).toMatch(
      new RegExp(
        `^столбец «Кто» по значениям похож на названия ОО, но его заголовок не распознан: назовите его «Название ОО» \\(строка заголовков ${header + 1},`,
      ),
    );
  });

  it("measures beside the names but no procedure anywhere: says what the procedure lacks", () => {
    const values: Cell[][] = [
      ["Школа", "% 2", "Кол-во участников"],
      ["МБОУ «СОШ № 1»", 31, 40],
    ];
    expect(why({ values, sheetName: "Лист1" })).toContain(
      "столбец названий ОО «Школа», но у показателей «% 2», «Кол-во участников» не указана процедура: не хватает: вид процедуры (ВПР, ОГЭ, ЕГЭ), предмет, год",
    );
  });

  it("a long table with names whose measure is not a share of «2»", () => {
    const values: Cell[][] = [
      ["Школа", "Процедура", "Предмет", "Год", "% «4» и «5»"],
      ["МБОУ «СОШ № 1»", "ВПР", "математика", "2024", 41],
    ];
    expect(why({ values })).toContain("столбец названий ОО «Школа», но показатели «% «4» и «5»» не дают доли «2»");
    // With a share of «2» the long table is found.
    values[0][4] = "% «2»";
    expect(explainNoTable({ values })).toBeNull();
  });

  it("procedures named but no measure under them", () => {
    const values: Cell[][] = [
      ["Название ОО", "ВПР МА 5 2019", "ВПР МА 5 2019"],
      [null, "среднее", "медиана"],
      ["МБОУ «СОШ № 1»", 3, 4],
    ];
    expect(why({ values })).toContain("под процедурами «ВПР МА 5 2019», «ВПР МА 5 2019» не распознан показатель");
  });

  it("a list of staff: neither names of schools nor procedures", () => {
    const values: Cell[][] = [
      ["ФИО", "Должность", "Стаж"],
      ["Иванов И. И.", "учитель", 3],
      ["Петрова А. А.", "директор", 25],
    ];
    expect(why({ values })).toBe(
      "строка заголовков 1, строк данных: 2, но нет ни столбца названий ОО, ни процедуры с показателем (% «2» / не преодолели порог, число «2» / не преодолевших порог); заголовки: «ФИО», «Должность», «Стаж»",
    );
  });

  it("names and subject columns but no procedure type or year: says which parts are missing", () => {
    const values: Cell[][] = [
      ["Название ОО", "4 РУ", "4 МА"],
      ["МБОУ «СОШ № 1»", 31, 12],
      ["МБОУ «СОШ № 2»", 20, 5],
    ];
    const text = why({ values, sheetName: "Итоги" });
    expect(text).toContain("в заголовках «4 РУ», «4 МА» не хватает: вид процедуры (ВПР, ОГЭ, ЕГЭ), год");
    // The title above the table names the type and the year: the table is found, nothing to explain.
    expect(explainNoTable({ values: [["ВПР 2024"], ...values], sheetName: "Итоги" })).toBeNull();
  });

  it("a school column found by values but its header unknown, beside measures: names the column to rename", () => {
    const values: Cell[][] = [
      ["Учреждение (краткое)", "Процедура", "Предмет", "Год", "% 2"],
      ["МБОУ «СОШ № 1»", "ВПР", "математика", "2024", 31],
      ["МАОУ «Гимназия № 2»", "ВПР", "математика", "2024", 12],
    ];
    expect(why({ values })).toMatch(
      /^столбец «Учреждение \(краткое\)» по значениям похож на названия ОО, но его заголовок не распознан: назовите его «Название ОО»/,
    );
  });

  it("an empty sheet, an empty top with rows below, a sheet of titles only, a sheet of numbers only", () => {
    expect(why({ values: [] })).toBe("лист пуст");
    expect(why({ values: [[null, "  "], []] })).toBe("лист пуст");
    expect(why({ values: [] }, 12)).toBe(
      `первые ${DETECT_ROWS} строк пусты; таблица ищется только в первых ${DETECT_ROWS} строках, а ниже есть ещё строк: 12`,
    );
    expect(why({ values: [["Список сотрудников"], ["Иванов И. И.", "учитель"]] })).toBe(
      "на листе только строки текста, таблицы нет: «Список сотрудников», «Иванов И. И. учитель»",
    );
    const long = "Пояснительная записка к отчёту о результатах оценочных процедур за учебный год";
    expect(why({ values: [[long], [], ["Составил: методист"]] })).toContain(`«${long.slice(0, 39).trimEnd()}…»`);
    expect(
      why({
        values: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      }),
    ).toMatch(/^на листе нет строки заголовков — только числа/);
  });

  it("the recognition report `shnor collect` writes is named as such", () => {
    expect(why({ values: [[RECOGNITION_TITLE], [], ["Файл «a.xlsx» (xlsx):"], ["  лист «Свод»: взят"]] })).toMatch(/отчёт о распознавании/);
  });

  it("says nothing where the detector finds a table", () => {
    const m = makeMunicipality(11, 6);
    expect(explainNoTable(statGrid(m, m.procedures[0]))).toBeNull();
    expect(explainNoTable(pupilsGrid(m, m.procedures[1]))).toBeNull();
    expect(
      explainNoTable({
        values: [
          ["Название ОО", "ВПР МА 5 2019"],
          ["МБОУ «СОШ № 1»", 31],
        ],
      }),
    ).toBeNull();
  });

  it("readTable's and noTable's message carries the explanation and ends with what a table needs", () => {
    expect(() => readTable(markersGrid())).toThrow(
      /^На листе «Признаки необъективности » не найдена таблица результатов: это признаки необъективности .*\. Нужны заголовки процедур вроде «ВПР МА 5 2019» или «ОГЭ математика 2023» и столбец с названиями ОО\.$/,
    );
    expect(noTable("Х").message).toBe(
      "На листе «Х» не найдена таблица результатов: нужны заголовки процедур вроде «ВПР МА 5 2019» или «ОГЭ математика 2023» и столбец с названиями ОО.",
    );
  });
});

/** Cells officials write, good and bad, so random grids sometimes hold a table and mostly do not. */
const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  {
    weight: 4,
    arbitrary: fc.constantFrom<Cell>(
      "Название ОО",
      "ОО",
      "Логин",
      "Код",
      "Вариант",
      "1 (1б)",
      "2 (2б)",
      "Итого баллов",
      "Отметка",
      "ВПР МА 5 2019",
      "ОГЭ РУ 2023",
      "4 РУ",
      "% «2»",
      "% 2",
      "Кол-во участников",
      "Процедура",
      "Предмет",
      "Год",
      "Понизили %",
      "Повысили %",
      "Количество маркеров",
      "МБОУ «СОШ № 1»",
      "Лицей № 2",
      "edu203389",
      "Итого",
      "Вся выборка",
      "-",
      "н/д",
      "#N/A",
      "12,5",
      "35%",
      "",
      "   ",
      RECOGNITION_TITLE,
      2,
      3,
      4,
      5,
    ),
  },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 100 }) },
  { weight: 1, arbitrary: fc.constantFrom<Cell>(0, 1, true, false, 0.35, -1, 1e9, Number.NaN) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }) },
);

const grids = fc.record({
  values: fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 50 }),
  sheetName: fc.oneof(
    fc.constantFrom("Лист1", "ВПР 2024", "Признаки необъективности", "Протокол", "МА 5 2019"),
    fc.string({ maxLength: 10 }).filter((s) => !/[\n\r]/.test(s)),
  ),
  rowsBelow: fc.nat({ max: 1000 }),
});

describe("explainNoTable on random grids (fast-check)", () => {
  it("never throws; explains exactly where detectTable finds nothing, in one line of Russian", () => {
    // Both sides must occur, or the property proves half of what it says.
    let tables = 0;
    let explained = 0;
    fc.assert(
      fc.property(grids, ({ values, sheetName, rowsBelow }) => {
        const grid = { values, sheetName };
        const text = explainNoTable(grid, { rowsBelow });
        const found = detectTable({ values: values.slice(0, DETECT_ROWS), sheetName });
        expect(text === null).toBe(found !== null);
        if (text === null) {
          tables++;
          return;
        }
        explained++;
        expect(text.length).toBeGreaterThan(5);
        expect(text).toMatch(/[а-яё]{3}/);
        expect(text).not.toMatch(/\n|undefined|NaN|\[object|Error|null/);
        // The message it makes is one clear paragraph.
        const message = noTable(sheetName, text).message;
        expect(message).toMatch(/^На листе( «[^\n]*»)? не найдена таблица результатов: /);
        expect(message.split("\n")).toHaveLength(1);
      }),
      { numRuns: 400 },
    );
    expect(tables).toBeGreaterThan(0);
    expect(explained).toBeGreaterThan(0);
  });

  it("each kind of export is told for what it is, whatever its size and values", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 120 }), (seed, n) => {
        expect(why(mosEgeGrid({ seed, schools: n }))).toContain(`строк данных: ${n}, столбец «EDU_NAME» по значениям похож на названия ОО`);
        expect(why(classProtocolGrid({ seed, participants: n }))).toContain("протокол класса («форма сбора результатов»)");
        expect(why(markersGrid({ seed, schools: n }))).toMatch(/^это признаки необъективности/);
      }),
      { numRuns: 40 },
    );
  });

  it("a table's rows never change because the explainer read them", () => {
    fc.assert(
      fc.property(grids, ({ values, sheetName }) => {
        const copy = JSON.stringify(values);
        explainNoTable({ values, sheetName });
        expect(JSON.stringify(values)).toBe(copy);
      }),
      { numRuns: 100 },
    );
  });
});
