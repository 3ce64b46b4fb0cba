/**
 * The planted municipality end to end: its pupils written as ФИС ОКО
 * «Индивидуальные результаты» books (one a procedure, in a folder), read by
 * the command as an official would read them, and the signs it reports are
 * exactly the planted ones, with their sample sizes.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Cell, procedureKey } from "../../src/core";
import { PupilGroup } from "../../src/core/pupils/model";
import { municipality, Plant, SchoolPlan } from "../core/dynamics/municipality";
import { writeWorkbook } from "../fixtures/layouts";
import { run } from "./run";

const PLANTS: Plant[] = ["inflated-mean", "inflated-mean-small", "tiny", "journal-mismatch", "journal-gap", "cohort-fall", "cohort-rise"];
const TITLE: Record<string, string> = { математика: "Математика", "русский язык": "Русский язык" };
const CODE: Record<string, string> = { математика: "МА", "русский язык": "РУ" };

/** One procedure's groups as a Ф1 sheet: title block, task levels, header, then a group row and pupils per school. */
function f1Grid(groups: PupilGroup[], codes: { next: number }) {
  const p = groups[0].procedure;
  const max = groups[0].maxScore ?? 20;
  const rows: Cell[][] = [
    ["Индивидуальные результаты участников"],
    [`ВПР ${p.year} ${TITLE[p.subject]} ${p.grade} класс`],
    [],
    ["Уровень сложности задания", null, null, null, null, null, "Б"],
    [
      "ОО",
      "Муниципалитет",
      "Название ОО",
      "Код участника",
      "Класс",
      "Вариант",
      `1 (${max}б)`,
      "Первичный балл",
      "Отметка",
      "Отметка по журналу",
    ],
  ];
  for (const g of groups) {
    rows.push([`${g.school}(${g.login})`, `Кол-во участников: ${g.pupils.length}`]);
    for (const pupil of g.pupils) {
      const code = String(codes.next++);
      if (pupil.primaryScore === null)
        rows.push([g.login, "Город", g.school, code, `${p.grade}А`, "отсутствовал", null, null, null, pupil.journalMark]);
      else
        rows.push([
          g.login,
          "Город",
          g.school,
          code,
          `${p.grade}А`,
          1,
          pupil.primaryScore,
          pupil.primaryScore,
          pupil.mark ?? "нет отметки",
          pupil.journalMark,
        ]);
    }
  }
  return { values: rows, sheetName: `${CODE[p.subject]} ${p.grade} Индивидуальные результаты` };
}

describe("signs from Ф1 files through the command", () => {
  it("names exactly the planted schools and signs, each with its n", async () => {
    const plans: SchoolPlan[] = [
      ...Array.from({ length: 12 }, (_, i) => ({ name: `МБОУ «СОШ № ${i + 1}»`, id: String(200000 + i), size: 2 + (i % 3), plant: null })),
      ...PLANTS.map((plant, k) => ({ name: `МБОУ «Школа ${k + 1}»`, id: String(300000 + k), size: 3 + (k % 2), plant })),
    ];
    const m = municipality(plans);
    const byProcedure = new Map<string, PupilGroup[]>();
    for (const g of m.groups) {
      const key = procedureKey(g.procedure);
      byProcedure.set(key, [...(byProcedure.get(key) ?? []), g]);
    }
    const dir = mkdtempSync(join(tmpdir(), "shnor-f1-"));
    mkdirSync(join(dir, "Ф1"));
    const codes = { next: 40001 };
    let k = 0;
    for (const groups of byProcedure.values()) await writeWorkbook(join(dir, "Ф1", `f1-${++k}.xlsx`), [f1Grid(groups, codes)]);

    const result = await run("analyze", dir, "--json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      summary: { schools: number };
      signals: { school: string; sign: string; subject: string; grade: number; year: number; n: number; note: string }[];
    };
    expect(report.summary.schools).toBe(plans.length);
    const found = report.signals.map((s) => `${s.school}|${s.sign}|${s.subject}|${s.grade}|${s.year}|${s.n}`).sort();
    expect(found).toEqual(m.expected);
    // Signals for attention, never a verdict on a school.
    for (const s of report.signals) expect(s.note).not.toMatch(/необъективн(а|ая школа)|рейтинг/);

    const text = await run("analyze", dir);
    expect(text.stdout).toMatch(/Динамика и объективность/);
    expect(text.stdout).toMatch(/признак/);
  }, 120_000);
});
