/**
 * «Задания», the ШНОР's roadmaps and the note on generated Ф1 exports of
 * Russian and mathematics for a dozen schools: the sheet's numbers are the
 * hand computation's, its native conditional formats colour each cell in the
 * zone the engine gives (evaluated by HyperFormula), it prints one page wide
 * (a long work in tables of its tasks), and the documents — sheets and Word alike —
 * name the red tasks worked out by hand.
 */
import { HyperFormula } from "hyperformula";
import {
  analyzeTable,
  columnIndex,
  columnName,
  joinTables,
  municipalityTaskLines,
  readTable,
  SheetSpec,
  sheetPrint,
  specRows,
  taskAnalysis,
  wordTexts,
} from "../../../src/core";
import {
  buildDocuments,
  PAGE_TASKS,
  SHEET_TITLES,
  TASKS_KIND,
  taskParts,
  tasksSheet,
  WORD_FILES,
  wordDocuments,
  ZONE_FILL,
} from "../../../src/core/documents";
import { f1Grid, GenF1, handTasks, makeF1, TASKS } from "../../fixtures/tasks";
import { specCells } from "./harness";

const ru = makeF1(11, 12, undefined, "Русский язык");
const ma = makeF1(12, 12, undefined, "Математика");
const table = joinTables([ru, ma].map((f, i) => ({ source: `файл ${i + 1}`, table: readTable(f1Grid(f)) })));
const analysis = analyzeTable(table);
const docs = buildDocuments({ table, analysis, results: null, existingSheetNames: [] });
const sheet = docs.sheets.find((s) => s.kind === TASKS_KIND) as SheetSpec;

/** By hand from the generator: each task over the given schools. */
const handFigures = (f: GenF1, logins: string[]) =>
  handTasks(
    f.schools.filter((s) => logins.includes(s.login)),
    f.tasks,
  ).map((h) => ({ label: h.task, completion: h.completion, zone: h.zone }));

const rowsOf = (spec: SheetSpec) => specCells(spec);
const rowStarting = (cells: ReturnType<typeof specCells>, start: string, from = 0) =>
  cells.findIndex((r, i) => i >= from && typeof r[0] === "string" && r[0].startsWith(start));

describe("«Задания» on two generated Ф1 exports", () => {
  const cells = rowsOf(sheet);

  it("is the last sheet, named «Задания», one block per procedure", () => {
    expect(docs.sheets[docs.sheets.length - 1]).toBe(sheet);
    expect(sheet.name).toBe(SHEET_TITLES.tasks);
    expect(cells.filter((r) => typeof r[0] === "string" && /^\d\. ВПР/.test(r[0])).map((r) => r[0])).toEqual([
      "1. ВПР математика 5 кл. 2026",
      "2. ВПР русский язык 5 кл. 2026",
    ]);
  });

  it.each([
    ["математика", ma],
    ["русский язык", ru],
  ])("%s: a row per school in the order read and one for all, each completion the hand's within 0.05", (subject, f) => {
    const head = rowStarting(cells, `${subject === "математика" ? 1 : 2}. ВПР ${subject}`);
    const header = cells[head + 1];
    expect(header.slice(0, 3)).toEqual(["ОО", "Логин", "Участников"]);
    expect(header.slice(3, 3 + f.tasks.length)).toEqual(f.tasks.map((t) => t.label));
    expect(cells[head + 2].slice(2, 3 + f.tasks.length)).toEqual(["Уровень", ...f.tasks.map((t) => t.level)]);
    expect(cells[head + 3].slice(2, 3 + f.tasks.length)).toEqual(["Макс. балл", ...f.tasks.map((t) => t.max)]);
    const rows = cells.slice(head + 4, head + 4 + f.schools.length + 1);
    expect(rows.map((r) => r[1])).toEqual([...f.schools.map((s) => s.login), null]);
    expect(rows[f.schools.length][0]).toBe("Все ОО вместе");
    const check = (row: (typeof rows)[number], logins: string[]) =>
      handFigures(f, logins).forEach((h, t) => expect(Math.abs((row[3 + t] as number) - h.completion)).toBeLessThanOrEqual(0.05));
    f.schools.forEach((s, i) => check(rows[i], [s.login]));
    check(
      rows[f.schools.length],
      f.schools.map((s) => s.login),
    );
    // Small schools carry the sample note.
    f.schools.forEach((s, i) => {
      const n = s.pupils.filter((p) => !p.absent).length;
      expect([rows[i][2], rows[i][3 + f.tasks.length]]).toEqual([n, n < 20 ? "выборка мала, вывод ограничен" : null]);
    });
  });

  it("colours each completion by native conditional formats in the zone the engine gives", () => {
    const hf = HyperFormula.buildFromSheets({ s: cells }, { licenseKey: "gpl-v3" });
    const shift = (formula: string, dr: number, dc: number) =>
      formula.replace(/(\$?)([A-Z]{1,3})(\$?)(\d+)/g, (_, cAbs: string, col: string, rAbs: string, row: string) => {
        const c = cAbs ? col : columnName(columnIndex(col) + dc);
        const r = rAbs ? Number(row) : Number(row) + dr;
        return `${cAbs}${c}${rAbs}${r}`;
      });
    const fillOf = new Map(Object.entries(ZONE_FILL).map(([zone, fill]) => [fill, zone]));
    const coloured = new Map<string, string[]>();
    for (const cf of sheet.conditionalFormats)
      for (let r = 0; r < cf.rows; r++)
        for (let c = 0; c < cf.columns; c++) {
          const value = hf.calculateFormula(`=${shift(cf.formula, r, c)}`, 0);
          if (value === true) {
            const key = `${cf.row + r}:${cf.column + c}`;
            coloured.set(key, [...(coloured.get(key) ?? []), fillOf.get(cf.fill) as string]);
          }
        }
    const zones = docs.tasks.procedures.flatMap((p) => p.all.figures.map((f) => f.zone));
    expect(new Set(zones)).toEqual(new Set(["red", "yellow", "green"]));
    let checked = 0;
    for (const p of docs.tasks.procedures) {
      const head = rowStarting(cells, `${docs.tasks.procedures.indexOf(p) + 1}. `);
      [...p.schools, p.all].forEach((line, i) =>
        line.figures.forEach((f, t) => {
          checked++;
          expect(coloured.get(`${head + 4 + i}:${3 + t}`) ?? []).toEqual(f.zone ? [f.zone] : []);
        }),
      );
    }
    expect(checked).toBe(2 * 13 * 15);
  });

  it("never sorts the schools by completion: the order is the files'", () => {
    const first = docs.tasks.procedures[0];
    const totals = first.schools.map((l) => l.figures.reduce((a, f) => a + f.points, 0) / Math.max(1, l.participants));
    const sorted = [...totals].sort((a, b) => b - a);
    expect(totals).not.toEqual(sorted);
  });
});

describe("«Задания» in print", () => {
  it("is landscape, one page wide at 8 pt or more, each procedure after the first from a new page", () => {
    const cells = rowsOf(sheet);
    expect(sheet.print?.orientation).toBe("landscape");
    expect(sheet.print?.breaks).toEqual([rowStarting(cells, "2. ВПР")]);
    expect(sheetPrint(sheet, sheet.columnWidths)?.scale).toBe("fitWidth");
    expect(PAGE_TASKS).toBeGreaterThanOrEqual(TASKS.length);
  });

  it("cuts a work of more tasks than a page holds into tables of its tasks, each with the schools and one page wide", () => {
    const many = [...TASKS, ...TASKS.map((t, i) => ({ ...t, label: String(13 + i) }))];
    const f = makeF1(13, 4, many);
    const wide = tasksSheet(taskAnalysis(readTable(f1Grid(f)).pupils ?? []));
    expect(sheetPrint(wide, wide.columnWidths)?.scale).toBe("fitWidth");
    const cells = rowsOf(wide);
    const headers = cells.map((r, i) => [r, i] as const).filter(([r]) => r[0] === "ОО" && r[1] === "Логин");
    const parts = taskParts(many.length);
    expect(headers).toHaveLength(parts.length);
    expect(parts.length).toBe(Math.ceil(many.length / PAGE_TASKS));
    // Every task once, in order, across the parts; every part lists every school.
    expect(headers.flatMap(([r]) => r.slice(3, -1).filter((x) => x !== null))).toEqual(many.map((t) => t.label));
    for (const [, i] of headers)
      expect(cells.slice(i + 3, i + 3 + f.schools.length).map((r) => r[1])).toEqual(f.schools.map((s) => s.login));
    expect(cells.filter((r) => typeof r[0] === "string" && /^Задания \S+–\S+ \(часть \d из \d\)$/.test(r[0]))).toHaveLength(parts.length);
  });
});

describe("the ШНОР's roadmaps and the note name the red tasks", () => {
  it("each ШНОР's roadmap lists its red tasks per procedure, worked out by hand", () => {
    const shnor = analysis.verdicts.filter((v) => v.status === "shnor");
    expect(shnor.length).toBeGreaterThan(0);
    for (const v of shnor) {
      const roadmap = docs.sheets.find((s) => s.name.startsWith("ДК ") && s.name.includes(v.school.name.slice(0, 20))) as SheetSpec;
      const subtitle = [...specRows(roadmap)].find((r) => r.row === 2)?.values[0] as { text: string };
      const parts = [
        ["МА 5", ma],
        ["РУ 5", ru],
      ] as const;
      const red = parts
        .map(([short, f]) => [short, handFigures(f, [v.school.login as string]).filter((h) => h.zone === "red")] as const)
        .filter(([, list]) => list.length > 0)
        .map(([short, list]) => `${short} — ${list.map((h) => h.label).join(", ")}`);
      const expected =
        red.length > 0 ? `Задания ВПР в красной зоне (пороги ФИОКО, 2026): ${red.join("; ")}.` : "Заданий ВПР в красной зоне нет";
      expect(subtitle.text).toContain(expected);
    }
  });

  it("the note lists the tasks red for all the schools together", () => {
    const note = docs.sheets.find((s) => s.name === SHEET_TITLES.note) as SheetSpec;
    const lines = [...specRows(note)]
      .map((r) => r.values[0])
      .filter((v): v is { text: string } => v !== null && "text" in v)
      .map((v) => v.text);
    expect(lines).toContain("7. Выполнение заданий ВПР по муниципалитету");
    for (const [label, f] of [
      ["ВПР математика 5 кл. 2026", ma],
      ["ВПР русский язык 5 кл. 2026", ru],
    ] as const) {
      const line = lines.find((l) => l.startsWith(`${label} (все ОО вместе`)) as string;
      const red = handFigures(
        f,
        f.schools.map((s) => s.login),
      ).filter((h) => h.zone === "red");
      const listed = /в красной зоне — (.*?)(; в жёлтой|\.$)/.exec(line)?.[1] ?? "";
      expect([...listed.matchAll(/(^|, )([0-9.К]+) \(/g)].map((m) => m[2])).toEqual(red.map((h) => h.label));
    }
  });
});

describe("the Word note and roadmap name the same red tasks, in the same words as the sheets", () => {
  const word = wordDocuments({ table, analysis, settings: docs.settings, dynamics: docs.dynamics, tasks: docs.tasks, read: [] });
  // A number keeps its «%» on its line by a no-break space: the words are the same.
  const texts = (file: string) =>
    wordTexts(word.find((d) => d.fileName === file) as (typeof word)[number]).map((t) => t.replace(/\u00a0/g, " "));
  const sheetTexts = (spec: SheetSpec) =>
    [...specRows(spec)]
      .flatMap((r) => r.values)
      .filter((v): v is { text: string } => v !== null && typeof v === "object" && "text" in v)
      .map((v) => v.text);

  it("the note: each procedure's line of the tasks red for all the schools, as on the sheet", () => {
    const lines = municipalityTaskLines(docs.tasks);
    expect(lines).toHaveLength(2);
    const note = texts(WORD_FILES.note);
    const onSheet = sheetTexts(docs.sheets.find((s) => s.name === SHEET_TITLES.note) as SheetSpec);
    for (const line of lines) {
      expect(note).toContain(line);
      expect(onSheet).toContain(line);
    }
    expect(note.some((t) => /^\d+\. Выполнение заданий ВПР по муниципалитету$/.test(t))).toBe(true);
  });

  it("each ШНОР's roadmap: the same line of its red tasks as its sheet", () => {
    const roadmap = texts(WORD_FILES.roadmap);
    const shnor = analysis.verdicts.filter((v) => v.status === "shnor");
    for (const v of shnor) {
      const sheetRoadmap = docs.sheets.find((s) => s.name.startsWith("ДК ") && s.name.includes(v.school.name.slice(0, 20))) as SheetSpec;
      const subtitle = ([...specRows(sheetRoadmap)].find((r) => r.row === 2)?.values[0] as { text: string }).text;
      expect(subtitle).toMatch(/красной зоне/);
      expect(roadmap).toContain(subtitle);
    }
  });

  it("says the task scores were not read where there are none", () => {
    const none = wordDocuments({ table, analysis, settings: docs.settings, dynamics: docs.dynamics, tasks: taskAnalysis([]), read: [] });
    const note = wordTexts(none.find((d) => d.fileName === WORD_FILES.note) as (typeof none)[number]);
    expect(note.some((t) => t.startsWith("Баллы участников за задания ВПР не загружены"))).toBe(true);
    expect(
      wordTexts(none.find((d) => d.fileName === WORD_FILES.roadmap) as (typeof none)[number]).some((t) => /красной зоне/.test(t)),
    ).toBe(false);
  });
});
