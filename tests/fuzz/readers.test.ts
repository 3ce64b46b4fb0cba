/**
 * The readers keep the README's rules on every layout, with planted defects:
 * the same school twice in one ФИС ОКО sheet, a ВПР sheet without its grade, a
 * pupil listed twice, a municipality named like a school, marks that do not add
 * up to 100 %, a Ф1 school without pupils. Each case must give the right answer
 * (worked out by hand from the generator's counts) or one Russian line.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Counts, dashboardGrid, handRule, Municipality, procedureId, pupilsGrid, statGrid, GenProcedure } from "../fixtures/fisoko";
import { protocolGrid, rcoiPupils } from "../fixtures/rcoi";
import { run } from "../cli/run";
import { craftBook } from "./craft";
import { craftSheet, insertSchoolRow, otherCounts, pick, random, schoolRow, smallMunicipality, statSheets, writers } from "./gen";
import { RUNS, SEED } from "./seed";

const dir = mkdtempSync(join(tmpdir(), "shnor-readers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
const save = (bytes: Uint8Array): string => {
  const file = join(dir, `case-${++counter}.xlsx`);
  writeFileSync(file, bytes);
  return file;
};

interface JsonOut {
  schools: { name: string; login: string | null; status: string; reason: string }[];
  conflicts?: { school: string; sources: { row: number }[] }[];
  comparisons?: { name: string; kind: string }[];
  recognition: { warnings: string[]; skippedRows: { row: number; reason: string }[] };
  summary: { schools: number };
}

async function analyze(...files: string[]): Promise<JsonOut> {
  const result = await run("analyze", ...files, "--json");
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as JsonOut;
}

const digitsOf = (login: string | null) => /(\d{3,})$/.exec(login ?? "")?.[1] ?? "";
const statuses = (out: JsonOut) => new Map(out.schools.map((s) => [digitsOf(s.login), s.status]));

/** The rule by hand over `procedures`, without the results in `without` («digits|procedure id»). */
function expected(m: Municipality, without: string[] = [], procedures = m.procedures): Map<string, string> {
  const ids = new Set(procedures.map(procedureId));
  const results = new Map([...m.results].filter(([key]) => ids.has(key.slice(key.indexOf("|") + 1))));
  const listed = new Set([...results.keys()].map((key) => key.slice(0, key.indexOf("|"))));
  for (const key of without) results.delete(key);
  const years = [...new Set(procedures.map((p) => p.year))].sort();
  // One year alone: criterion 2 has no year before it.
  const before = years.length > 1 ? years[0] : years[0] - 1;
  const hand = handRule({ ...m, procedures, results }, [before, years[years.length - 1]]);
  // A school whose only result is not counted is still listed (a ФИС ОКО row), with no low result.
  return new Map([...hand].filter(([digits]) => listed.has(digits)));
}

describe("the same school twice in one ФИС ОКО sheet", () => {
  const cases = Array.from({ length: RUNS }, (_, i) => SEED + i);
  it.each(cases)("seed %i: different values are a conflict, not counted, in analyze and in collect → analyze", async (seed) => {
    const rnd = random(seed);
    const m = smallMunicipality(seed);
    const p = pick(rnd, m.procedures);
    const school = pick(rnd, writers(m, p));
    const counts = m.results.get(`${school.digits}|${procedureId(p)}`) as Counts;
    const equal = rnd() < 0.3;
    const twin = equal ? counts : otherCounts(counts, rnd);
    // One login, or sch/edu of the same digits.
    const prefix = rnd() < 0.5 ? "sch" : undefined;
    // The sheet alone (one table: nothing for a join to meet) or with the other procedures' sheets.
    const alone = rnd() < 0.5;
    const sheets = statSheets(m, (q, grid) => (q === p ? insertSchoolRow(grid, schoolRow(m, school.digits, p, twin, prefix), rnd) : grid));
    const file = save(craftBook(alone ? [sheets[m.procedures.indexOf(p)]] : sheets));
    const out = await analyze(file);
    const without = equal ? [] : [`${school.digits}|${procedureId(p)}`];
    const procedures = alone ? [p] : m.procedures;
    expect(statuses(out)).toEqual(expected(m, without, procedures));
    expect(out.schools.filter((s) => digitsOf(s.login) === school.digits)).toHaveLength(1);
    expect(out.conflicts ?? []).toHaveLength(equal ? 0 : 1);
    expect(out.recognition.warnings.join("\n")).toMatch(/указана дважды/);

    const svod = join(dir, `svod-${counter}.xlsx`);
    const collected = await run("collect", file, "-o", svod);
    expect([collected.code, collected.stderr]).toEqual([0, ""]);
    expect(statuses(await analyze(svod))).toEqual(expected(m, without, procedures));
  });
});

describe("the same school twice in one regional dashboard (a long table)", () => {
  it.each(Array.from({ length: RUNS }, (_, i) => SEED + i))(
    "seed %i: a repeated school × procedure with other counts is a conflict, not counted",
    async (seed) => {
      const rnd = random(seed);
      const m = smallMunicipality(seed);
      const grid = dashboardGrid(m);
      const at = 1 + Math.floor(rnd() * (grid.values.length - 1));
      const row = grid.values[at];
      const digits = digitsOf(String(row[4]));
      const p = m.procedures.find((q) => String(q.year) === row[0] && q.grade === row[1] && q.subject === row[2])!;
      const counts = m.results.get(`${digits}|${procedureId(p)}`) as Counts;
      const equal = rnd() < 0.3;
      const twin = equal ? counts : otherCounts(counts, rnd);
      const copy = [...row.slice(0, 7), ...twin];
      const to = 1 + Math.floor(rnd() * grid.values.length);
      const values = [...grid.values.slice(0, to), copy, ...grid.values.slice(to)];
      const out = await analyze(save(craftBook([craftSheet({ ...grid, values })])));
      expect(statuses(out)).toEqual(expected(m, equal ? [] : [`${digits}|${procedureId(p)}`]));
      expect(out.conflicts ?? []).toHaveLength(equal ? 0 : 1);
    },
  );
});

describe("a ВПР sheet without its grade", () => {
  const proc = (grade: number): GenProcedure => ({ subject: "Математика", code: "МА", grade, year: 2025 });
  /** ФИС ОКО cuts sheet names at 31 characters: «Статистика ВПР 2025 Математика 11 класс» loses its grade. */
  const cut = (grid: ReturnType<typeof statGrid>, p: GenProcedure, title: boolean) => {
    const values = grid.values.map((row) => [...row]);
    if (!title) values[2] = [`ВПР ${p.year} ${p.subject}`];
    return { ...grid, values, sheetName: `Статистика ВПР ${p.year} ${p.subject} ${p.grade} класс`.slice(0, 31) };
  };

  it.each(Array.from({ length: Math.min(RUNS, 6) }, (_, i) => SEED + i))(
    "seed %i: two files of grades 5 and 6 are never merged: an error naming the sheet and how to give the grade",
    async (seed) => {
      const m = smallMunicipality(seed);
      const files = [5, 6].map((grade) => save(craftBook([craftSheet(cut(statGrid(m, proc(grade)), proc(grade), false))])));
      const result = await run("analyze", ...files, "--json");
      expect(result.code).toBe(2);
      expect(result.stderr.split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/^Ошибка: .*лист «Статистика ВПР 2025 Математика ?».*не указан класс/);
      expect(result.stderr).toMatch(/5 класс/);
    },
  );

  it("with the grade in the title, the cut sheet name does no harm: two procedures", async () => {
    const m = smallMunicipality(SEED);
    const files = [5, 6].map((grade) => save(craftBook([craftSheet(cut(statGrid(m, proc(grade)), proc(grade), true))])));
    const result = await run("analyze", ...files, "--json");
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(JSON.parse(result.stdout).conflicts ?? []).toEqual([]);
  });

  it("a name cut inside «11» is not read as grade 1", async () => {
    const m = smallMunicipality(SEED);
    const p: GenProcedure = { subject: "Математика", code: "МА", grade: 11, year: 2025 };
    const grid = statGrid(m, p);
    const values = grid.values.map((row) => [...row]);
    values[2] = ["ВПР 2025 Математика"];
    // 31 characters ending in the first digit of «11».
    const name = "Статистика ВПР 2025 Математика 11 класс".slice(0, 32).slice(0, 30) + "1";
    expect(name).toHaveLength(31);
    const file = save(craftBook([craftSheet({ ...grid, values, sheetName: name })]));
    const result = await run("analyze", file, "--json");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/не указан класс/);
  });
});

describe("a municipality row without its code", () => {
  it.each(["Лицейский муниципальный округ", "Гимназический район № 5", "Школьненский муниципальный район"])(
    "«%s» with «Кол-во ОО» is a comparison row, never a school",
    async (name) => {
      const m = smallMunicipality(SEED);
      const sheets = statSheets(m, (_p, grid) => {
        const values = grid.values.map((row) => [...row]);
        const i = values.findIndex((row) => typeof row[0] === "string" && /\(reg42_m017\)$/.test(row[0]));
        values[i][0] = name;
        return { ...grid, values };
      });
      const out = await analyze(save(craftBook(sheets)));
      expect(out.schools.map((s) => s.name)).not.toContain(name);
      expect(out.summary.schools).toBe(m.schools.length);
      expect(out.comparisons?.map((c) => c.name)).toContain(name);
      expect(statuses(out)).toEqual(expected(m));
    },
  );
});

describe("a row whose marks do not add up to 100 %", () => {
  it.each(Array.from({ length: RUNS }, (_, i) => SEED + i))(
    "seed %i: a warning naming the row, and the result is not counted",
    async (seed) => {
      const rnd = random(seed);
      const m = smallMunicipality(seed);
      const p = pick(rnd, m.procedures);
      const school = pick(rnd, writers(m, p));
      const first = pick(rnd, [1.6, 0.5, 1.3]);
      let row = -1;
      const sheets = statSheets(m, (q, grid) => {
        if (q !== p) return grid;
        const values = grid.values.map((r) => [...r]);
        row = values.findIndex((r) => typeof r[0] === "string" && r[0].endsWith(`${school.digits})`));
        const scaled = (factor: number) => values[row].slice(3).map((v) => Math.round((v as number) * factor * 100) / 100);
        // Whole numbers adding up to the participants (10+34+24+32 % of 50, halved) are the row's counts, a valid
        // reading: such a factor makes no wrong row, so the next one is taken.
        const counts = (marks: number[]) => marks.every(Number.isInteger) && marks.reduce((a, b) => a + b, 0) === values[row][2];
        const factor = [first, 1.6, 0.5, 1.3].find((f) => !counts(scaled(f))) as number;
        values[row] = [...values[row].slice(0, 3), ...scaled(factor)];
        return { ...grid, values };
      });
      const out = await analyze(save(craftBook(sheets)));
      // Scaled past 100, one share is refused on its own (its cell named), before the sum is looked at.
      expect(out.recognition.warnings.join("\n")).toMatch(
        new RegExp(`строка ${row + 1}\\b.*в сумме|\\b[A-Z]+${row + 1}: «[^»]*» — не процент от 0 до 100`),
      );
      expect(statuses(out)).toEqual(expected(m, [`${school.digits}|${procedureId(p)}`]));
    },
  );
});

describe("pupils", () => {
  it.each(Array.from({ length: RUNS }, (_, i) => SEED + i))(
    "seed %i: Ф1, the same participant code twice counts once, with a warning naming both rows",
    async (seed) => {
      const rnd = random(seed);
      const m = smallMunicipality(seed, 4);
      const p = pick(
        rnd,
        m.procedures.filter((q) => q.year === 2026),
      );
      const grid = pupilsGrid(m, p);
      const pupils = grid.values
        .map((r, i) => [r, i] as const)
        .filter(([r]) => /^\d{5}$/.test(String(r[3] ?? "")) && typeof r[13] === "number");
      const [twice, at] = pick(rnd, pupils);
      const copyAt = at + 1;
      const values = [...grid.values.slice(0, copyAt), [...twice], ...grid.values.slice(copyAt)];
      const clean = await analyze(save(craftBook([craftSheet(grid)])));
      const out = await analyze(save(craftBook([craftSheet({ ...grid, values })])));
      expect(out.schools.map((s) => [s.login, s.status, s.reason])).toEqual(clean.schools.map((s) => [s.login, s.status, s.reason]));
      expect(out.recognition.warnings.join("\n")).toMatch(new RegExp(`строки ${at + 1} и ${copyAt + 1}`));
    },
  );

  it.each(Array.from({ length: RUNS }, (_, i) => SEED + i))(
    "seed %i: РЦОИ protocol, the same row twice counts once, with a warning naming both rows",
    async (seed) => {
      const rnd = random(seed);
      const grid = protocolGrid(rcoiPupils({ seed, pupils: 40 }));
      const first = 5;
      const at = first + Math.floor(rnd() * 40);
      const values = [...grid.values.slice(0, at + 1), [...grid.values[at]], ...grid.values.slice(at + 1)];
      const clean = await analyze(save(craftBook([craftSheet(grid)])));
      const out = await analyze(save(craftBook([craftSheet({ ...grid, values })])));
      expect(out.schools.map((s) => [s.login, s.status, s.reason])).toEqual(clean.schools.map((s) => [s.login, s.status, s.reason]));
      expect(out.recognition.warnings.join("\n")).toMatch(new RegExp(`строки ${at + 1} и ${at + 2}`));
      // The warning quotes no pupil's name.
      expect(out.recognition.warnings.join("\n")).not.toMatch(/Тестова|Примерова|Выдумкин|Условный|Образцова|Шаблонов|Макетова|Черновиков/);
    },
  );

  it("Ф1: a school's group row without pupils is a school listed with «нет данных» and its reason", async () => {
    const m = smallMunicipality(SEED, 4);
    const p = m.procedures.find((q) => q.year === 2026)!;
    const grid = pupilsGrid(m, p);
    const groups = grid.values.map((r, i) => [r, i] as const).filter(([r]) => /Кол-во участников/.test(String(r[1] ?? "")));
    const [group, at] = groups[1];
    const next = groups[2]?.[1] ?? grid.values.length;
    const values = [...grid.values.slice(0, at + 1), ...grid.values.slice(next)];
    const out = await analyze(save(craftBook([craftSheet({ ...grid, values })])));
    const login = /\((edu\d+)\)$/.exec(String(group[0]))?.[1];
    const listed = out.schools.find((s) => s.login === login);
    expect(listed?.reason).toBe("нет данных");
    expect(out.recognition.warnings.join("\n")).toMatch(new RegExp(`строка ${at + 1}\\b.*нет ни одного участника`));
  });
});
