/** The help names the report's sheets from the plan's own list, so none is missing and none is typed twice. */
import { option, USAGE } from "../../src/cli/help";
import { joinTables, planReport, plannedNames, readTable, ResultsTable } from "../../src/core";
import { REPORT_SHEETS, WORD_FILES } from "../../src/core/documents";
import { bigWideGrid } from "../excel/bigTable";
import { f1Grid, makeF1 } from "../fixtures/tasks";

/** The help as one line: a name wrapped across two lines is still named. */
const help = USAGE.replace(/\s*\n\s*/g, " ");

const entryOf = (name: string) =>
  REPORT_SHEETS.find((s) => s.title === name) ?? REPORT_SHEETS.find((s) => s.title.endsWith(" ") && name.startsWith(s.title));

describe("shnor --help", () => {
  const plans: [string, () => ResultsTable][] = [
    ["a district of schools", () => readTable({ ...bigWideGrid(40, 7), sheetName: "Результаты" })],
    [
      "two Ф1 exports with task scores",
      () =>
        joinTables(
          [makeF1(61, 12, undefined, "Русский язык"), makeF1(62, 12, undefined, "Математика")].map((f, i) => ({
            source: `файл ${i + 1}`,
            table: readTable(f1Grid(f)),
          })),
        ),
    ],
  ];

  it.each(plans)("names every sheet the report plan makes from %s", (_, load) => {
    const plan = planReport({ table: load(), sources: [], files: 2, settings: {}, documents: {} });
    const [, ...generated] = plannedNames(plan.sheets);
    expect(generated.length).toBeGreaterThan(4);
    for (const name of generated) {
      const entry = entryOf(name);
      expect({ name, help: entry?.help ?? null }).toEqual({ name, help: expect.any(String) });
      expect(help).toContain(entry!.help!);
    }
  });

  it("names «Динамика и объективность» and «Задания», which it once missed", () => {
    expect(help).toContain("«Динамика и объективность»");
    expect(help).toContain("«Задания»");
  });

  it("names every Word file", () => {
    for (const file of Object.values(WORD_FILES)) expect(help).toContain(`«${file}»`);
  });

  it("wraps a description under its column", () => {
    const lines = option("--x ЗНАЧЕНИЕ", "слово ".repeat(40).trim()).split("\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(106);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {25}\S/);
    expect(lines[0]).toMatch(/^ {2}--x ЗНАЧЕНИЕ {11}слово/);
  });
});
