/** Options as a careless user types them: decimal numbers only, ranges checked, usage errors on stderr. */
import { run } from "./run";
import { numberOption } from "../../src/cli/options";
import { schoolYearOption } from "../../src/cli/report";
import { resolveSettings, Settings, ShnorError } from "../../src/core";

describe("numbers in options", () => {
  it.each([
    ["30", 30],
    ["12,5", 12.5],
    ["12.5", 12.5],
    [" 7 ", 7],
    ["-1", -1],
  ])("reads «%s» as %p", (text, value) => {
    expect(numberOption("--threshold", text)).toBe(value);
  });

  it.each(["0x10", "1e-320", "1e2", "Infinity", "NaN", "", "12,5,1", "١٢", "30%"])("refuses «%s»", (text) => {
    expect(() => numberOption("--threshold", text)).toThrow(/--threshold: нужно десятичное число/);
  });
});

describe("school years", () => {
  it.each([
    ["2025", 2025],
    ["2025/2026", 2025],
    ["2025/26", 2025],
    ["2025-2026", 2025],
    ["2099/2100", 2099],
  ])("reads «%s»", (text, start) => {
    expect(schoolYearOption(text)).toBe(start);
  });

  it.each(["2025/2099", "2025/2025", "2025/24", "1999/2000", "25/26", "2025/2026/2027"])("refuses «%s»", (text) => {
    expect(() => schoolYearOption(text)).toThrow(/--school-year/);
  });
});

describe("the command's usage errors", () => {
  it("without arguments prints one line pointing to shnor --help on stderr and exits 2", async () => {
    const { code, stdout, stderr } = await run();
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/shnor --help/);
  });

  it("--help prints the usage on stdout and exits 0", async () => {
    const { code, stdout, stderr } = await run("--help");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/Использование:/);
  });

  it("names the range, not an unknown option, for --threshold -1", async () => {
    const { code, stderr } = await run("analyze", "x.xlsx", "--threshold", "-1");
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Ошибка: Порог должен быть числом от 1 до 100/);
    expect(stderr.split("\n")).toHaveLength(1);
  });

  it.each([
    [["analyze", "x.xlsx", "--threshold", "0x10"], /десятичное число/],
    [["analyze", "x.xlsx", "--threshold", "1e-320"], /десятичное число/],
    [["analyze", "x.xlsx", "--min-participants", "-3"], /Минимальное число участников/],
    [["report", "x.xlsx", "-o", "y.xlsx", "--school-year", "2025/2099"], /--school-year/],
  ])("refuses %j with one Russian line", async (args, message) => {
    const { code, stdout, stderr } = await run(...(args as string[]));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.split("\n")).toHaveLength(1);
  });
});

/** Core's Russian line for a value it refuses: what the command must print, word for word. */
function coreRefusal(check: () => unknown): string {
  try {
    check();
  } catch (e) {
    if (e instanceof ShnorError) return `Ошибка: ${e.message}`;
    throw e;
  }
  throw new Error("core accepted the value");
}

describe("options checked once, in core", () => {
  const rule = (settings: Partial<Settings>) => () => resolveSettings(settings);
  // --schools and --indicators are decided by core too, in lines that name the option (tests/cli/report.test.ts pins them).
  it.each([
    [["analyze", "x.xlsx", "--criterion2", "some"], rule({ criterion2: "some" as never })],
    [["analyze", "x.xlsx", "--types", "впр,ГИА"], rule({ countedTypes: ["ВПР", "ГИА" as never] })],
    [["analyze", "x.xlsx", "--subjects", "математика,физра"], rule({ countedSubjects: ["математика", "физра"] })],
    [["analyze", "x.xlsx", "--threshold", "200"], rule({ threshold: 200 })],
    [["report", "x.xlsx", "-o", "y.xlsx", "--threshold", "200"], rule({ threshold: 200 })],
  ])("%j prints core's line", async (args, check) => {
    const { code, stdout, stderr } = await run(...(args as string[]));
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: "", stderr: coreRefusal(check) });
  });
});
