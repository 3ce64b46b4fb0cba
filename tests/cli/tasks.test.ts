/**
 * The command on generated Ф1 exports with task columns: a folder of a dozen
 * schools' Russian and mathematics, one of them split into three files.
 * `analyze --json` gives every school × task completion as the hand does
 * (within 0.05 p.p.; level, maximum, participants and zone exact), and for all
 * the schools together; `report` writes «Задания», and `--word` names the
 * same red tasks as the JSON: for all the schools in the note, and each
 * ШНОР's own in its roadmap.
 */
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { run } from "./run";
import { WORD_FILES } from "../../src/core/documents";
import { readDocx } from "../fixtures/docx";
import { writeWorkbook } from "../fixtures/layouts";
import { f1Grid, GenF1, handTasks, makeF1 } from "../fixtures/tasks";

jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), "shnor-tasks-"));
const folder = join(dir, "ВПР 2026");
const ru = makeF1(31, 12, undefined, "Русский язык");
const ma = makeF1(32, 12, undefined, "Математика");

interface JsonTaskRow {
  login: string | null;
  name: string | null;
  subject: string;
  grade: number;
  year: number;
  task: string;
  max: number;
  level: string | null;
  participants: number;
  completion: number;
  zone: string | null;
}

let json: {
  tasks: JsonTaskRow[];
  taskGroups: (JsonTaskRow & { mark: number })[];
  taskNotes: string[];
  summary: { schools: number };
  schools: { login: string | null; name: string; status: string }[];
};

beforeAll(async () => {
  mkdirSync(folder, { recursive: true });
  await writeWorkbook(join(folder, "РУ 5.xlsx"), [f1Grid(ru)]);
  // Mathematics as three files of four schools each.
  for (let k = 0; k < 3; k++)
    await writeWorkbook(join(folder, `МА 5 часть ${k + 1}.xlsx`), [
      f1Grid(ma, { only: ma.schools.filter((_, i) => i % 3 === k).map((s) => s.login) }),
    ]);
  const r = await run("analyze", folder, "--json");
  expect([r.code, r.stderr]).toEqual([0, ""]);
  json = JSON.parse(r.stdout);
});

const hand = (f: GenF1, logins: string[] | null) =>
  handTasks(
    f.schools.filter((s) => logins === null || logins.includes(s.login)),
    f.tasks,
  );

describe("shnor analyze --json: tasks", () => {
  it.each([
    ["русский язык", ru],
    ["математика", ma],
  ])("%s: every school × task and all the schools together, as by hand", (subject, f) => {
    const rows = json.tasks.filter((r) => r.subject === subject);
    expect(rows).toHaveLength((f.schools.length + 1) * f.tasks.length);
    for (const login of [...f.schools.map((s) => s.login), null]) {
      const got = rows.filter((r) => r.login === login);
      const expected = hand(f, login === null ? null : [login]);
      expect(got.map((r) => [r.task, r.max, r.level, r.participants, r.zone, r.grade, r.year])).toEqual(
        expected.map((h) => [h.task, h.max, h.level, h.participants, h.zone, 5, 2026]),
      );
      got.forEach((r, t) => expect(Math.abs(r.completion - expected[t].completion)).toBeLessThanOrEqual(0.05));
      if (login === null) expect(got.every((r) => r.name === null)).toBe(true);
      else expect(got[0].name).toBe(f.schools.find((s) => s.login === login)?.name);
    }
  });

  it("groups by mark of at least 10 pupils, and the notes say how it is worked out", () => {
    expect(json.taskGroups.length).toBeGreaterThan(0);
    const sizes = new Map<string, number>();
    for (const g of json.taskGroups) sizes.set(`${g.login}|${g.subject}|${g.mark}`, g.participants);
    expect([...sizes.values()].every((n) => n >= 10)).toBe(true);
    expect(json.taskNotes[0]).toMatch(/^Выполнение задания — сумма баллов/);
    expect(json.summary.schools).toBe(12);
  });
});

describe("shnor analyze: the readable report", () => {
  it("names the tasks red for all the schools together, per procedure", async () => {
    const r = await run("analyze", folder);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Выполнение заданий ВПР \(пороги: ФИОКО/m);
    for (const [label, f] of [
      ["ВПР математика 5 кл. 2026", ma],
      ["ВПР русский язык 5 кл. 2026", ru],
    ] as const) {
      const line = r.stdout.split("\n").find((l) => l.startsWith(`  ${label} (все ОО вместе`)) as string;
      const red = hand(f, null).filter((h) => h.zone === "red");
      expect(
        [...(/в красной зоне — (.*?)(; в жёлтой|\.$)/.exec(line)?.[1] ?? "").matchAll(/(^|, )([0-9.К]+) \(/g)].map((m) => m[2]),
      ).toEqual(red.map((h) => h.task));
    }
  });
});

describe("shnor report: «Задания»", () => {
  it("writes the sheet with a row per school and procedure", async () => {
    const out = join(dir, "отчёт.xlsx");
    const r = await run("report", folder, "-o", out);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(/«Задания»/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Задания");
    expect(ws).toBeDefined();
    const names: string[] = [];
    ws?.eachRow((row) => names.push(String(row.getCell(1).value ?? "")));
    for (const s of ru.schools) expect(names.filter((n) => n === s.name)).toHaveLength(2);
    expect(names.filter((n) => n === "Все ОО вместе")).toHaveLength(2);
    // The pupils' exports are never copied into the report.
    expect(wb.worksheets.map((w) => w.name).some((n) => /Индивидуальные/.test(n))).toBe(false);
  });
});

describe("shnor report --word: the red tasks", () => {
  const out = join(dir, "word");
  /** «МА 5 — 3, 6; РУ 5 — 9.2» → subject → tasks. */
  const SHORT: Record<string, string> = { МА: "математика", РУ: "русский язык" };
  const redOf = (login: string | null) => {
    const red = new Map<string, string[]>();
    for (const r of json.tasks.filter((t) => t.login === login && t.zone === "red"))
      red.set(r.subject, [...(red.get(r.subject) ?? []), r.task]);
    return red;
  };
  const paragraphs = (name: string) => readDocx(readFileSync(join(out, name))).paragraphs.map((p) => p.replace(/\u00a0/g, " "));

  beforeAll(async () => {
    const r = await run("report", folder, "-o", join(dir, "word.xlsx"), "--word", out);
    expect([r.code, r.stderr]).toEqual([0, ""]);
  });

  it("the note names, per procedure, the tasks red for all the schools together", () => {
    const note = paragraphs(WORD_FILES.note);
    expect(note.some((p) => /^\d+\. Выполнение заданий ВПР по муниципалитету$/.test(p))).toBe(true);
    const red = redOf(null);
    for (const subject of ["математика", "русский язык"]) {
      const line = note.find((p) => p.startsWith(`ВПР ${subject} 5 кл. 2026 (все ОО вместе`)) as string;
      expect(line).toBeDefined();
      const listed = /в красной зоне — (.*?)(; в жёлтой|\.$)/.exec(line)?.[1] ?? "";
      expect([...listed.matchAll(/(^|, )([0-9.К]+) \(/g)].map((m) => m[2])).toEqual(red.get(subject) ?? []);
    }
  });

  it("each ШНОР's roadmap names its own red tasks per procedure", () => {
    const roadmap = paragraphs(WORD_FILES.roadmap);
    const shnor = json.schools.filter((s) => s.status === "shnor");
    expect(shnor.length).toBeGreaterThan(0);
    for (const school of shnor) {
      const title = roadmap.findIndex((p) => /^\d+\. Дорожная карта ОО/.test(p) && p.endsWith(school.name));
      expect(title).toBeGreaterThan(0);
      const line = roadmap.slice(title + 1, title + 3).find((p) => p.includes("красной зоне")) as string;
      const listed = new Map(
        (/Задания ВПР в красной зоне \(пороги ФИОКО, 2026\): (.*)\.$/.exec(line)?.[1] ?? "")
          .split("; ")
          .filter((x) => x)
          .map((part) => {
            const [procedure, tasks] = part.split(" — ");
            return [SHORT[procedure.split(" ")[0]], tasks.split(", ")] as const;
          }),
      );
      const red = redOf(school.login);
      expect(listed).toEqual(red);
      if (red.size === 0) expect(line).toMatch(/^.*Заданий ВПР в красной зоне нет/);
    }
  });
});
