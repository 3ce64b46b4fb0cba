/**
 * The zones at ФИОКО's thresholds, both through `taskZone` and through the
 * engine on pupils whose sums land exactly on the edges; absent pupils; an
 * unknown level; a planted peak at a mark boundary.
 */
import { Procedure, PupilGroup, PupilResult, readTable, taskAnalysis, taskLevelOf, taskZone, ZONE_THRESHOLDS } from "../../../src/core";

const VPR: Procedure = { type: "ВПР", subject: "русский язык", grade: 4, level: null, year: 2026 };

function pupil(i: number, scores: PupilResult["taskScores"], extra: Partial<PupilResult> = {}): PupilResult {
  const primary = scores.reduce((a: number, s) => a + (typeof s === "number" ? s : 0), 0);
  return { code: String(10000 + i), variant: "1", primaryScore: primary, mark: 3, journalMark: null, taskScores: scores, row: i, ...extra };
}

function group(
  pupils: PupilResult[],
  tasks: { label: string; max: number | null; level: "Б" | "П" | "В" | null }[],
  school = "МБОУ «СОШ № 1»",
): PupilGroup {
  return { login: "edu420101", school, procedure: VPR, maxScore: null, taskMax: tasks.map((t) => t.max), tasks, pupils };
}

/** `n` pupils on one task of maximum `max` sharing `points` points (whole points, as evenly as may be). */
function spread(n: number, max: number, points: number): PupilResult[] {
  return Array.from({ length: n }, (_, i) => {
    const own = Math.min(max, Math.max(0, points - i * max));
    return pupil(i, [own]);
  });
}

describe("the thresholds' edges", () => {
  it.each([
    ["Б", 56.99, "red"],
    ["Б", 57, "yellow"],
    ["Б", 59.99, "yellow"],
    ["Б", 60, "green"],
    ["П", 28.49, "red"],
    ["П", 28.5, "yellow"],
    ["П", 29.99, "yellow"],
    ["П", 30, "green"],
    ["В", 28.49, "red"],
    ["В", 28.5, "yellow"],
    ["В", 29.99, "yellow"],
    ["В", 30, "green"],
  ] as const)("level %s at %d %% is %s", (level, completion, zone) => {
    expect(taskZone(level, completion)).toBe(zone);
  });

  it("holds the numbers in one place", () => {
    expect(ZONE_THRESHOLDS).toEqual({ basic: { yellow: 57, green: 60 }, higher: { yellow: 28.5, green: 30 } });
  });

  it.each([
    // n pupils, max, points → completion: the engine's sums land exactly on the edge.
    ["Б", 10000, 1, 5699, 56.99, "red"],
    ["Б", 100, 1, 57, 57, "yellow"],
    ["Б", 300, 3, 513, 57, "yellow"],
    ["Б", 10000, 1, 5999, 59.99, "yellow"],
    ["Б", 50, 2, 60, 60, "green"],
    ["П", 10000, 1, 2849, 28.49, "red"],
    ["П", 100, 2, 57, 28.5, "yellow"],
    ["В", 200, 3, 171, 28.5, "yellow"],
    ["П", 10000, 1, 2999, 29.99, "yellow"],
    ["В", 10, 1, 3, 30, "green"],
  ] as const)("level %s: %d pupils, max %d, %d points → %d %% (%s)", (level, n, max, points, completion, zone) => {
    const a = taskAnalysis([group(spread(n, max, points), [{ label: "1", max, level }])]);
    const figure = a.procedures[0].all.figures[0];
    expect(figure.participants).toBe(n);
    expect(figure.completion).toBeCloseTo(completion, 9);
    expect(figure.zone).toBe(zone);
    expect(a.procedures[0].schools[0].figures[0].zone).toBe(zone);
  });

  it("an unknown level gives no zone, never red, even at 0 %", () => {
    expect(taskZone(null, 0)).toBeNull();
    const a = taskAnalysis([group(spread(30, 2, 0), [{ label: "1", max: 2, level: null }])]);
    expect(a.procedures[0].all.figures[0]).toEqual({ participants: 30, points: 0, completion: 0, zone: null });
  });

  it("reads the level words and nothing else", () => {
    expect(["Б", "б", "базовый", "Б (базовый)", "базовый уровень", "П", "повышенный", "В", "высокий"].map(taskLevelOf)).toEqual([
      "Б",
      "Б",
      "Б",
      "Б",
      "Б",
      "П",
      "П",
      "В",
      "В",
    ]);
    expect(["", "?", "С", "B", "1", "сложный"].map(taskLevelOf)).toEqual([null, null, null, null, null, null]);
  });
});

describe("absent pupils and «X»", () => {
  const tasks = [
    { label: "1", max: 1, level: "Б" as const },
    { label: "2", max: 2, level: "П" as const },
  ];
  const pupils = [
    pupil(1, [1, 2]),
    pupil(2, [0, "X"]),
    pupil(3, ["X", "X"], { absent: true, mark: null, primaryScore: null }),
    pupil(4, [null, null], { absent: true, mark: null, primaryScore: null }),
    // All tasks «X» without the word: did not write either.
    pupil(5, ["X", "X"], { mark: null, primaryScore: null }),
    pupil(6, [1, 1]),
  ];
  const a = taskAnalysis([group(pupils, tasks)]);
  const line = a.procedures[0].schools[0];

  it("counts only the pupils who wrote the work; «X» of one who wrote is no points", () => {
    expect(line.participants).toBe(3);
    expect(line.figures.map((f) => [f.participants, f.points])).toEqual([
      [3, 2],
      [3, 3],
    ]);
    expect(line.figures[0].completion).toBeCloseTo(66.667, 3);
    expect(line.figures[1].completion).toBe(50);
    expect(a.warnings).toEqual([]);
  });

  it("a blank cell of one who wrote counts 0 and says so", () => {
    const b = taskAnalysis([group([...pupils, pupil(7, [1, null])], tasks)]);
    expect(b.procedures[0].all.figures.map((f) => f.participants)).toEqual([4, 4]);
    expect(b.warnings.join(" ")).toMatch(/пустых или нечисловых ячеек заданий у писавших работу — 1; засчитаны как 0/);
  });

  it("a score over the task's maximum is not counted, with a warning", () => {
    const b = taskAnalysis([group([...pupils, pupil(7, [1, 5])], tasks)]);
    expect(b.procedures[0].all.figures.map((f) => f.participants)).toEqual([4, 3]);
    expect(b.warnings.join(" ")).toMatch(/больше максимума задания — 1/);
  });

  it("a primary score past the work's maximum is left out of the distribution, with a warning", () => {
    const b = taskAnalysis([group([...pupils, pupil(7, [1, 1], { primaryScore: 1e9 })], tasks)]);
    const all = b.procedures[0].distributions.find((d) => d.login === null);
    expect([all?.participants, all?.counts.length]).toEqual([3, 4]);
    expect(b.procedures[0].all.participants).toBe(4);
    expect(b.warnings.join(" ")).toMatch(/первичный балл не целое число от 0 до максимума работы у 1 участника;/);
  });

  it("ОГЭ and ЕГЭ task columns are left out with a line saying why", () => {
    const oge = { ...group(pupils, tasks), procedure: { ...VPR, type: "ОГЭ" as const, grade: null } };
    const b = taskAnalysis([oge]);
    expect(b.procedures).toEqual([]);
    expect(b.warnings.join(" ")).toMatch(/ОГЭ и ЕГЭ не анализируются/);
  });
});

describe("a peak at a mark boundary", () => {
  // A smooth distribution of 40 pupils over 0–20 points; «3» from 8, «4» from 13, «5» from 18.
  const SHAPE = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4, 3, 3, 2, 2, 2, 1, 1, 1, 1, 0];
  const markOf = (s: number) => (s >= 18 ? 5 : s >= 13 ? 4 : s >= 8 ? 3 : 2);
  const school = (k: number, shape: number[]): PupilGroup => {
    const pupils: PupilResult[] = [];
    shape.forEach((count, score) => {
      for (let i = 0; i < count; i++) pupils.push(pupil(pupils.length, [score], { mark: markOf(score) }));
    });
    return { ...group(pupils, [{ label: "1", max: 20, level: "Б" }], `МБОУ «СОШ № ${k}»`), login: `edu4201${String(k).padStart(2, "0")}` };
  };
  // School 3's pupils at 6 and 7 points got 8: right at the «3» boundary, none just below.
  const planted = [...SHAPE];
  planted[8] += planted[6] + planted[7];
  planted[6] = planted[7] = 0;
  const groups = [1, 2, 3, 4, 5].map((k) => school(k, k === 3 ? planted : SHAPE));
  const a = taskAnalysis(groups);
  const p = a.procedures[0];

  it("recovers the boundaries and names the planted school only, as a signal with its numbers", () => {
    expect(p.boundaries).toEqual({ 3: 8, 4: 13, 5: 18 });
    expect(p.peaks.map((x) => [x.name, x.mark, x.boundary, x.atBoundary, x.below, x.above])).toEqual([["МБОУ «СОШ № 3»", 3, 8, 10, 0, 4]]);
    const note = p.peaks[0].note;
    expect(note).toMatch(
      /^ВПР русский язык 4 кл\. 2026: признак пика на границе отметки «3» для внимания — 10 участников набрали ровно 8 баллов/,
    );
    expect(note).toMatch(/n = 40, ориентировочно\. Это сигнал для внимания, не вывод/);
    expect(note).not.toMatch(/необъективн(ая|ые) ОО|рейтинг/);
  });

  it("the schools stay in the order read", () => {
    expect(p.schools.map((l) => l.name)).toEqual(groups.map((g) => g.school));
  });

  it("a school under 10 pupils is not looked at", () => {
    // 9 pupils, 6 of them right at the boundary.
    const tiny = [0, 0, 1, 0, 0, 0, 0, 0, 6, 1, 1];
    const b = taskAnalysis([...groups.filter((g) => g.school !== "МБОУ «СОШ № 3»"), school(9, tiny)]);
    expect(b.procedures[0].peaks).toEqual([]);
    // The same with one pupil more is looked at, and its note says the sample is small.
    tiny[9]++;
    const c = taskAnalysis([...groups.filter((g) => g.school !== "МБОУ «СОШ № 3»"), school(9, tiny)]);
    expect(c.procedures[0].peaks.map((x) => [x.name, x.n, x.sample])).toEqual([["МБОУ «СОШ № 9»", 10, "выборка мала, вывод ограничен"]]);
  });
});

describe("the reader keeps what the analysis needs", () => {
  it("«11К1 (2б)», «11.3 k1 (2б)», «9.1 (1 б.)» and the level row, wherever its label sits", () => {
    const grid = {
      sheetName: "РУ 4",
      values: [
        ["ВПР 2026 Русский язык 4 класс"],
        [null, null, null, "Уровень сложности", "Б", "п", "В", "Б"],
        ["Код ОО", "Код участника", "Отметка", "Вариант", "9.1 (1 б.)", "11К1 (2б)", "11.3 k1 (2б)", "12"],
        ["420101", "40001", 3, 1, 1, 2, "Х", 1],
        ["420101", "40002", "отсутствовал", null, "X", "X", "X", "X"],
      ],
    };
    const table = readTable(grid);
    const g = table.pupils?.[0];
    expect(g?.tasks).toEqual([
      { label: "9.1", max: 1, level: "Б" },
      { label: "11К1", max: 2, level: "П" },
      { label: "11.3 k1", max: 2, level: "В" },
      { label: "12", max: null, level: "Б" },
    ]);
    expect(g?.pupils.map((x) => [x.absent ?? false, x.taskScores])).toEqual([
      [false, [1, 2, "X", 1]],
      [true, ["X", "X", "X", "X"]],
    ]);
  });

  it("a row of maxima where the headers give none, «Задание 1» headers, and the level row under the header", () => {
    const grid = {
      sheetName: "МА 4",
      values: [
        ["ВПР 2026 Математика 4 класс"],
        ["Максимальный первичный балл:", 24],
        [null, null, null, "Максимальный балл", 1, 2, 3],
        ["Код ОО", "Код участника", "Отметка", "Вариант", "Задание 1", "Задание 2", "Задание 3"],
        ["Уровень", null, null, null, "Б", "Б", "П"],
        ["420101", "40001", 3, 1, 1, 2, 0],
        ["420101", "40002", 4, 1, 0, 1, 3],
      ],
    };
    const table = readTable(grid);
    expect(table.pupils?.[0].tasks).toEqual([
      { label: "1", max: 1, level: "Б" },
      { label: "2", max: 2, level: "Б" },
      { label: "3", max: 3, level: "П" },
    ]);
    const p = taskAnalysis(table.pupils ?? []).procedures[0];
    expect(p.all.figures.map((f) => [f.participants, f.completion])).toEqual([
      [2, 50],
      [2, 75],
      [2, 50],
    ]);
  });

  it("a row of levels without its label above the tasks; a row with other words is not one", () => {
    const grid = (levels: (string | null)[]) => ({
      sheetName: "МА 4",
      values: [
        ["ВПР 2026 Математика 4 класс"],
        [null, null, null, null, ...levels],
        ["Код ОО", "Код участника", "Отметка", "Вариант", "1 (1б)", "2 (2б)", "3 (1б)"],
        ["420101", "40001", 3, 1, 1, 2, 0],
      ],
    });
    expect(readTable(grid(["Б", "П", null])).pupils?.[0].tasks?.map((t) => t.level)).toEqual(["Б", "П", null]);
    expect(readTable(grid(["Б", "часть 2", "В"])).pupils?.[0].tasks?.map((t) => t.level)).toEqual([null, null, null]);
  });
});
