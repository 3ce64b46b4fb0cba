/**
 * Outputs: a write that fails is one Russian line naming the path and the cause
 * (no errno text, no temporary name) and leaves nothing behind; names come back
 * exactly through every writer (control characters as Excel's `_xHHHH_`, a
 * written «_x0041_» as itself); bytes that are not UTF-8 are damage naming the
 * part, never a name with «�» in it.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { unzipSync, zipSync } from "fflate";
import * as XLSX from "@e965/xlsx";
import { fileStream, writeFailure, writeOutput } from "../../src/cli/output";
import { run } from "../cli/run";
import { craftBook, district, gridOf } from "./craft";
import { RUNS, SEED } from "./seed";

const dir = mkdtempSync(join(tmpdir(), "shnor-outputs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

const SAMPLE = district([
  { name: "МБОУ «СОШ № 1»", values: [35, 10, 31, 12] },
  { name: "МБОУ «ООШ № 2»", values: [5, 40, 8, 9] },
]);
const input = join(dir, "input.xlsx");
beforeAll(() => writeFileSync(input, craftBook([{ name: "Результаты", rows: gridOf(SAMPLE) }])));

/** One Russian line, naming the path, in words an official reads: no errno, no English, no temporary name. */
function expectWriteError(result: { code: number; stderr: string }, target: string, cause: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stderr.split("\n")).toHaveLength(1);
  expect(result.stderr.startsWith(`Ошибка: Не удалось записать книгу «${target}»: `)).toBe(true);
  expect(result.stderr).toMatch(cause);
  const said = result.stderr.replace(`«${target}»`, "");
  expect(said).not.toMatch(/\bE[A-Z]{3,}\b|illegal|no such|denied|\.tmp|rename|open '/);
}

const leftovers = (folder: string) => readdirSync(folder).filter((f) => /\.tmp$/.test(f));

describe("a write that fails", () => {
  const folder = join(dir, "out");
  mkdirSync(folder);
  mkdirSync(join(folder, "уже папка.xlsx"));
  const targets: [string, string, RegExp][] = [
    ["a folder under the name", join(folder, "уже папка.xlsx"), /это папка/],
    ["a name of 300 bytes", join(folder, `${"о".repeat(150)}.xlsx`), /слишком длинное имя/],
    ["a folder where no file can be made (/proc)", "/proc/отчёт.xlsx", /нельзя создавать файлы/],
  ];
  if (existsSync("/sys/kernel"))
    targets.push(["a folder without the right to write (/sys)", "/sys/kernel/отчёт.xlsx", /нет прав на запись|только для чтения/]);
  if (process.getuid?.() !== 0) {
    const readOnly = join(dir, "только чтение");
    mkdirSync(readOnly, { mode: 0o555 });
    targets.push(["a read-only folder", join(readOnly, "отчёт.xlsx"), /нет прав на запись/]);
  }
  const commands = ["report", "collect"] as const;
  const cases = fc.sample(fc.tuple(fc.constantFrom(...targets), fc.constantFrom(...commands)), { seed: SEED, numRuns: Math.max(RUNS, 8) });

  it.each(targets)("%s: report and collect give one Russian line and leave nothing", async (_what, target, cause) => {
    for (const command of commands) expectWriteError(await run(command, input, "-o", target), target, cause);
    expect(leftovers(folder)).toEqual([]);
  });

  it("Word documents where they cannot be written: one Russian line naming the folder, checked before reading", async () => {
    const out = join(folder, "с word.xlsx");
    for (const [words, cause] of [
      ["/proc/документы", /нельзя создавать файлы/],
      [join(folder, `${"д".repeat(150)}`), /слишком длинное имя/],
    ] as const) {
      const result = await run("report", input, "-o", out, "--word", words);
      expect(result.code).toBe(2);
      expect(result.stderr.split("\n")).toHaveLength(1);
      expect(result.stderr.startsWith(`Ошибка: Не удалось записать документы Word в папку «${words}»: `)).toBe(true);
      expect(result.stderr).toMatch(cause);
      expect(existsSync(out)).toBe(false);
    }
    expect(leftovers(folder)).toEqual([]);
  });

  it("forms for schools and NEW where they cannot be written: the same Russian line, checked before the report is read", async () => {
    const report = join(dir, "для форм.xlsx");
    expect((await run("report", input, "-o", report)).code).toBe(0);
    for (const [to, cause] of [
      ["/proc/формы", /нельзя создавать файлы/],
      [join(folder, "ф".repeat(150)), /слишком длинное имя/],
    ] as const) {
      const result = await run("forms", report, "-o", to, "--schools", "all");
      expect(result.code).toBe(2);
      expect(result.stderr.split("\n")).toHaveLength(1);
      expect(result.stderr.startsWith(`Ошибка: Не удалось записать формы в папку «${to}»: `)).toBe(true);
      expect(result.stderr).toMatch(cause);
    }
    // Before the report is read: a missing report is not what is said.
    expect((await run("forms", join(dir, "нет такого.xlsx"), "-o", "/proc/формы")).stderr).toMatch(/^Ошибка: Не удалось записать формы/);
    const forms = join(dir, "формы");
    expect((await run("forms", report, "-o", forms, "--schools", "all")).code).toBe(0);
    expect(leftovers(forms)).toEqual([]);
    for (const [, target, cause] of targets)
      expectWriteError(await run("collect-forms", forms, "--into", report, "-o", target), target, cause);
    expect(leftovers(folder)).toEqual([]);
  });

  it("random targets and commands (seeded)", async () => {
    for (const [[, target, cause], command] of cases) expectWriteError(await run(command, input, "-o", target), target, cause);
  });

  it("every cause Node may give is said in Russian; an unknown one too", () => {
    for (const code of ["EISDIR", "EACCES", "EPERM", "EROFS", "ENAMETOOLONG", "ENOENT", "ENOSPC", "EIO", "EBUSY", "EXDEV", undefined]) {
      const e = writeFailure("x.xlsx", Object.assign(new Error(`${code}: some english, open 'x.tmp'`), { code }));
      expect(e.message).toMatch(/^Не удалось записать книгу «x\.xlsx»: [а-яё]/);
      expect(e.message).not.toMatch(/english|tmp|E[A-Z]{3,}/);
    }
  });

  it("a disk that fills while writing: the Russian line, and the temporary file removed", async () => {
    const target = join(folder, `полный-${++counter}.xlsx`);
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    await expect(
      writeOutput(target, async (temp) => {
        writeFileSync(temp, "половина книги");
        throw full;
      }),
    ).rejects.toThrow(`Не удалось записать книгу «${target}»: на диске нет места.`);
    expect(existsSync(target)).toBe(false);
    expect(leftovers(folder)).toEqual([]);
  });

  (existsSync("/dev/full") ? it : it.skip)("a stream that fails mid-way ends the writing (exceljs would wait for ever)", async () => {
    const { stream, guard } = fileStream("/dev/full");
    stream.write(Buffer.alloc(1 << 20));
    await expect(guard(new Promise(() => undefined))).rejects.toMatchObject({ code: "ENOSPC" });
  });
});

describe("names exactly as written, through every writer", () => {
  /** Names with control characters and texts that look like Excel's own escapes. */
  const nameArb = fc
    .array(
      fc.oneof(
        fc.constantFrom("МБОУ", "«СОШ", "№", "1»", "школа", "_x0041_", "_x001B_", "_x005F_", "_x"),
        fc
          .integer({ min: 1, max: 31 })
          // Tab, line feed, vertical tab, form feed and carriage return are spaces: a name's spaces are cleaned.
          .filter((c) => c < 9 || c > 13)
          .map((c) => String.fromCharCode(c)),
      ),
      { minLength: 2, maxLength: 6 },
    )
    .map((parts) => `МБОУ ${parts.join("")} № ${parts.length}`);

  it("collect → analyze and report → analyze give the names and statuses of the source", async () => {
    const samples = fc.sample(fc.uniqueArray(nameArb, { minLength: 2, maxLength: 5 }), { seed: SEED, numRuns: Math.min(RUNS, 6) });
    for (const names of samples) {
      const csv = [
        "№;Наименование ОО;ВПР МА 5 2023 % «2»;ВПР МА 5 2024 % «2»",
        ...names.map((n, i) => `${i + 1};"${n}";${30 + i};${40 - i}`),
      ].join("\n");
      const file = join(dir, `names-${++counter}.csv`);
      writeFileSync(file, csv);
      const source = JSON.parse((await run("analyze", file, "--json")).stdout);
      const answer = (json: { schools: { name: string; status: string }[] }) => json.schools.map((s) => [s.name, s.status]);
      expect(source.schools.map((s: { name: string }) => s.name)).toEqual(names);
      for (const command of ["collect", "report"]) {
        const out = join(dir, `${command}-${counter}.xlsx`);
        const written = await run(command, file, "-o", out);
        expect([written.code, written.stderr]).toEqual([0, ""]);
        const back = await run("analyze", out, "--json");
        expect(back.stderr).toBe("");
        expect(answer(JSON.parse(back.stdout))).toEqual(answer(source));
      }
    }
  });
});

describe("bytes that are not UTF-8", () => {
  /** The book with the bytes of «Ж» (D0 96) in `part` replaced by a lone lead byte. */
  function damagedBook(part: string, options: { sharedStrings: boolean }): string {
    const rows = gridOf(district([{ name: "МБОУ «СОШ Ж 1»", values: [35, 10, 31, 12] }]));
    const files = unzipSync(craftBook([{ name: "Результаты", rows }], options));
    const bytes = files[part];
    const at = bytes.findIndex((b, i) => b === 0xd0 && bytes[i + 1] === 0x96);
    expect(at).toBeGreaterThan(0);
    files[part] = Uint8Array.from([...bytes.slice(0, at), 0xd0, 0x28, ...bytes.slice(at + 2)]);
    const file = join(dir, `utf8-${++counter}.xlsx`);
    writeFileSync(file, zipSync(files));
    return file;
  }

  it.each([
    ["shared strings", "xl/sharedStrings.xml", true],
    ["an inline string in the sheet", "xl/worksheets/sheet1.xml", false],
  ])("%s: damage naming the part, exit 2", async (_what, part, sharedStrings) => {
    const result = await run("analyze", damagedBook(part as string, { sharedStrings: sharedStrings as boolean }), "--json");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`«${(part as string).replace(/\./g, "\\.")}».*UTF-8`));
  });

  it("an .ods whose content is not UTF-8: damage, exit 2", async () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet(gridOf(district([{ name: "МБОУ «СОШ Ж 1»", values: [35, 10, 31, 12] }]))),
      "Результаты",
    );
    const files = unzipSync(new Uint8Array(XLSX.write(book, { type: "buffer", bookType: "ods" })));
    const bytes = files["content.xml"];
    const at = bytes.findIndex((b, i) => b === 0xd0 && bytes[i + 1] === 0x96);
    files["content.xml"] = Uint8Array.from([...bytes.slice(0, at), 0xd0, 0x28, ...bytes.slice(at + 2)]);
    const file = join(dir, `utf8-${++counter}.ods`);
    writeFileSync(file, zipSync(files));
    const result = await run("analyze", file, "--json");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/UTF-8/);
  });
});
