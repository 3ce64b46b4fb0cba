/** The words of the per-task analysis: a school's red tasks found by login (sch/edu) or by name, as the join finds it. */
import {
  LIST_TEXT_BUDGET,
  municipalityTaskLines,
  Procedure,
  PupilGroup,
  PupilResult,
  schoolRedTasksLine,
  taskAnalysis,
} from "../../../src/core";

const RU4: Procedure = { type: "ВПР", subject: "русский язык", grade: 4, level: null, year: 2026 };
const MA4: Procedure = { ...RU4, subject: "математика" };

const pupil = (i: number, scores: number[]): PupilResult => ({
  code: String(i),
  variant: "1",
  primaryScore: null,
  mark: 3,
  journalMark: null,
  taskScores: scores,
  row: i,
});

/** Ten pupils: task «5» (Б) at 30 %, «9.2» (П) at 20 %, «1» (Б) at 100 %. */
function group(procedure: Procedure, login: string | null, school: string): PupilGroup {
  const tasks = [
    { label: "1", max: 1, level: "Б" as const },
    { label: "5", max: 1, level: "Б" as const },
    { label: "9.2", max: 1, level: "П" as const },
  ];
  const pupils = Array.from({ length: 10 }, (_, i) => pupil(i, [1, i < 3 ? 1 : 0, i < 2 ? 1 : 0]));
  return { login, school, procedure, maxScore: null, taskMax: tasks.map((t) => t.max), tasks, pupils };
}

describe("a school's red tasks for its roadmap", () => {
  const analysis = taskAnalysis([group(RU4, "edu420322", 'МБОУ "СОШ №3"'), group(MA4, "edu420322", 'МБОУ "СОШ №3"')]);

  it("lists them per procedure, found by the login's digits", () => {
    expect(schoolRedTasksLine(analysis, "sch420322", "МБОУ «СОШ № 3» (старое название)")).toBe(
      "Задания ВПР в красной зоне (пороги ФИОКО, 2026): МА 4 — 5, 9.2; РУ 4 — 5, 9.2.",
    );
  });

  it("finds a school without a login by its name, quotes and spaces aside", () => {
    expect(schoolRedTasksLine(analysis, null, "МБОУ «СОШ № 3»")).toMatch(/^Задания ВПР в красной зоне/);
  });

  it("says nothing for a school without task data, and says so when none is red", () => {
    expect(schoolRedTasksLine(analysis, "edu999999", "МБОУ «СОШ № 3»")).toBeNull();
    const fine = taskAnalysis([{ ...group(RU4, "edu1", "А"), pupils: Array.from({ length: 10 }, (_, i) => pupil(i, [1, 1, 1])) }]);
    expect(schoolRedTasksLine(fine, "edu1", "А")).toBe("Заданий ВПР в красной зоне нет (РУ 4).");
  });
});

describe("long lists fit a cell", () => {
  // A work of 3,000 task columns (a damaged or odd export), every task failed by every pupil.
  const many = Array.from({ length: 3_000 }, (_, i) => ({ label: String(i + 1), max: 1, level: "Б" as const }));
  const wide = (procedure: Procedure): PupilGroup => ({
    login: "edu1",
    school: "А",
    procedure,
    maxScore: null,
    taskMax: many.map((t) => t.max),
    tasks: many,
    pupils: Array.from({ length: 10 }, (_, i) =>
      pupil(
        i,
        many.map(() => 0),
      ),
    ),
  });
  const analysis = taskAnalysis([wide(RU4), wide(MA4)]);
  const more = " (все — на листе «Задания» отчёта)";

  it("a ШНОР's red tasks are cut with «и ещё N», each procedure its share, and say where the rest are", () => {
    const line = schoolRedTasksLine(analysis, "edu1", "А", more) ?? "";
    expect(line.length).toBeLessThan(LIST_TEXT_BUDGET + 200);
    const [ma, ru] = line.replace(/^Задания ВПР в красной зоне \(пороги ФИОКО, 2026\): /, "").split("; ");
    for (const [part, label] of [
      [ma, "МА 4"],
      [ru, "РУ 4"],
    ]) {
      const m = /^(.+?) — (.+) и ещё (\d+)/.exec(part) ?? [];
      expect(m[1]).toBe(label);
      const shown = m[2].split(", ");
      expect(shown[0]).toBe("1");
      expect(shown.length + Number(m[3])).toBe(3_000);
    }
    expect(line.endsWith(`${more}.`)).toBe(true);
    expect(line.split(more)).toHaveLength(2);
  });

  it("the note's tasks red for all the schools are cut the same way", () => {
    for (const line of municipalityTaskLines(analysis)) {
      expect(line.length).toBeLessThan(LIST_TEXT_BUDGET + 300);
      const m = /в красной зоне — (.+) и ещё (\d+)\.$/.exec(line) ?? [];
      expect(m[1].split("), ").length + Number(m[2])).toBe(3_000);
    }
  });

  it("a short list is whole", () => {
    const few = taskAnalysis([group(RU4, "edu2", "Б")]);
    expect(municipalityTaskLines(few)[0]).not.toContain("и ещё");
    expect(schoolRedTasksLine(few, "edu2", "Б", more)).toBe("Задания ВПР в красной зоне (пороги ФИОКО, 2026): РУ 4 — 5, 9.2.");
  });
});
