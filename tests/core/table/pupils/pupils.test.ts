import { loginKey, procedureLabel, readTable } from "../../../../src/core";
import { makeMunicipality, pupilsGrid, sum } from "../../../fixtures/fisoko";

describe("«Индивидуальные результаты» (Ф1)", () => {
  const m = makeMunicipality(41, 3, [2026]);
  const p = m.procedures[2];
  const table = readTable(pupilsGrid(m, p));

  it("aggregates pupils to schools: participants with a mark and % of each mark", () => {
    expect(table.layout).toBe("pupils");
    for (const s of m.schools) {
      const counts = m.results.get(`${s.digits}|РУ 5 2026`);
      const school = table.schools.find((x) => loginKey(x.login ?? "") === s.digits);
      if (!counts) {
        expect(school).toBeUndefined();
        continue;
      }
      expect(school?.name).toBe(s.name);
      expect(school?.results).toEqual([
        expect.objectContaining({
          participants: sum(counts),
          failCount: counts[0],
          failPercent: expect.closeTo((counts[0] * 100) / sum(counts), 9),
          highPercent: expect.closeTo(((counts[2] + counts[3]) * 100) / sum(counts), 9),
        }),
      ]);
    }
  });

  it("keeps the pupil-level facts (codes only): absent, «нет отметки», «X»", () => {
    const group = table.pupils?.[0];
    expect(group?.procedure && procedureLabel(group.procedure)).toBe("ВПР русский язык 5 кл. 2026");
    expect(group?.taskMax).toEqual([2, 1, 1, 2, 1, 3]);
    const absent = group?.pupils.filter((x) => x.absent) ?? [];
    expect(absent.map((x) => [x.mark, x.primaryScore, x.journalMark])).toEqual([[null, null, 4]]);
    expect(group?.pupils.filter((x) => !x.absent && x.mark === null).map((x) => x.journalMark)).toEqual([3]);
    expect(group?.pupils.some((x) => x.taskScores[5] === "X" && x.mark !== null)).toBe(true);
    for (const x of group?.pupils ?? []) expect(Object.keys(x).sort()).toEqual(expect.arrayContaining(["code", "mark", "row"]));
    expect(Object.keys(group?.pupils[0] ?? {}).some((k) => /name|fio/i.test(k))).toBe(false);
  });
});
