/**
 * Per-task completion on generated Ф1 exports of a dozen schools (tasks of all
 * three levels, sub-items, criteria, absent pupils, «X»), against a hand
 * computation written here from the generator's pupils — not the engine's code.
 */
import fc from "fast-check";
import { joinTables, PupilGroup, readTable, SheetGrid, taskAnalysis, TaskAnalysis, TaskLine } from "../../../src/core";
import { f1Grid, GenF1, GenSchool, handTasks, makeF1, TASKS } from "../../fixtures/tasks";

const readF1 = (grid: SheetGrid) => readTable(grid);
const analysisOf = (grids: SheetGrid[]): TaskAnalysis =>
  taskAnalysis(joinTables(grids.map((g, i) => ({ source: `файл ${i + 1}`, table: readF1(g) }))).pupils ?? ([] as PupilGroup[]));

function expectLine(line: TaskLine, schools: GenSchool[], f: GenF1, levelKnown = true) {
  const hands = handTasks(schools, f.tasks, levelKnown);
  f.tasks.forEach((task, t) => {
    const h = hands[t];
    const got = line.figures[t];
    expect({ task: task.label, participants: got.participants, zone: got.zone }).toEqual({
      task: task.label,
      participants: h.participants,
      zone: h.zone,
    });
    expect(Math.abs((got.completion as number) - h.completion)).toBeLessThanOrEqual(0.05);
  });
  expect(line.participants).toBe(schools.reduce((n, s) => n + s.pupils.filter((p) => !p.absent).length, 0));
}

describe("a dozen schools' Ф1 export: completion per school and task", () => {
  const f = makeF1(2026);
  const analysis = analysisOf([f1Grid(f)]);
  const p = analysis.procedures[0];

  it("reads the tasks with their labels, maxima and levels exactly", () => {
    expect(analysis.procedures).toHaveLength(1);
    expect(p.tasks).toEqual(TASKS.map((t) => ({ label: t.label, max: t.max, level: t.level })));
    expect(new Set(p.tasks.map((t) => t.level))).toEqual(new Set(["Б", "П", "В"]));
  });

  it("matches the hand computation for every school × task, in the order read", () => {
    expect(p.schools.map((l) => l.login)).toEqual(f.schools.map((s) => s.login));
    f.schools.forEach((s, i) => expectLine(p.schools[i], [s], f));
    // The generator spreads the schools over all three zones.
    const zones = new Set(p.schools.flatMap((l) => l.figures.map((x) => x.zone)));
    expect(zones).toEqual(new Set(["red", "yellow", "green"]));
  });

  it("matches the hand computation for all the schools together", () => {
    expect([p.all.login, p.all.name]).toEqual([null, null]);
    expectLine(p.all, f.schools, f);
  });

  it("leaves absent pupils out, with «X» or blank tasks, Latin or Cyrillic", () => {
    const absent = f.schools.flatMap((s) => s.pupils).filter((x) => x.absent);
    expect(absent.some((x) => x.scores[0] === "X") && absent.some((x) => x.scores[0] === null)).toBe(true);
    const cyrillic = analysisOf([f1Grid(f, { cyrillicX: true })]).procedures[0];
    expect(cyrillic.all.participants).toBe(p.all.participants);
    expect(cyrillic.all.figures.map((x) => x.points)).toEqual(p.all.figures.map((x) => x.points));
  });

  it("gives no zone, never red, without a level row; the completion stays", () => {
    const none = analysisOf([f1Grid(f, { noLevels: true })]);
    const q = none.procedures[0];
    expect(q.tasks.every((t) => t.level === null)).toBe(true);
    expectLine(q.all, f.schools, f, false);
    expect(none.warnings.join(" ")).toMatch(/уровень заданий не указан/);
  });

  it("property: split into files in any order, the same figures per school and for all", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 1000 }), (parts, shuffle) => {
        const grids = Array.from({ length: parts }, (_, k) =>
          f1Grid(f, { only: f.schools.filter((_, j) => j % parts === k).map((s) => s.login) }),
        );
        const order = grids.map((g, i) => ({ g, key: (i * 7919 + shuffle) % 101 })).sort((a, b) => a.key - b.key);
        const q = analysisOf(order.map((x) => x.g)).procedures[0];
        expect(q.all.figures).toEqual(p.all.figures);
        for (const line of q.schools) expect(line).toEqual(p.schools.find((l) => l.login === line.login));
      }),
      { numRuns: 15 },
    );
  });
});

describe("groups by mark and score distribution", () => {
  const f = makeF1(7);
  const analysis = analysisOf([f1Grid(f)]);
  const p = analysis.procedures[0];

  it("completion within each mark group of at least 10 pupils, by hand", () => {
    const pupils = f.schools.flatMap((s) => s.pupils).filter((x) => !x.absent);
    for (const mark of [2, 3, 4, 5]) {
      const group = pupils.filter((x) => x.mark === mark);
      const line = p.groups.find((g) => g.login === null && g.mark === mark);
      if (group.length < 10) {
        expect(line).toBeUndefined();
        continue;
      }
      expect(line?.participants).toBe(group.length);
      const hands = handTasks([{ login: "", name: "", pupils: group }], f.tasks);
      f.tasks.forEach((_, t) => {
        const h = hands[t];
        expect(Math.abs((line?.figures[t].completion as number) - h.completion)).toBeLessThanOrEqual(0.05);
        expect(line?.figures[t].zone).toBe(h.zone);
      });
    }
    // A school's own groups are there only from 10 pupils.
    for (const g of p.groups.filter((x) => x.login !== null)) expect(g.participants).toBeGreaterThanOrEqual(10);
  });

  it("recovers the mark boundaries as the lowest score seen with each mark", () => {
    const pupils = f.schools.flatMap((s) => s.pupils).filter((x) => !x.absent);
    const lowest = (m: number) => Math.min(...pupils.filter((x) => x.mark === m).map((x) => x.primary as number));
    expect(p.boundaries).toEqual({ 3: lowest(3), 4: lowest(4), 5: lowest(5) });
    const all = p.distributions.find((d) => d.login === null);
    expect(all?.participants).toBe(pupils.length);
    expect(all?.counts.reduce((a, b) => a + b, 0)).toBe(pupils.length);
  });
});
