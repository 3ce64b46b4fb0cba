/**
 * Pupils' names never reach an output. A pupil-level source — an РЦОИ
 * protocol with «Фамилия» and «Имя», and a ФИС ОКО «Индивидуальные
 * результаты» (Ф1) with a planted «ФИО» column — is never copied into the
 * report: it is carried as the marked «Свод». Every part of every output is
 * searched for the fixture's surnames and first names (the protocol also as a 1С page saved
 * as .xls, read through SheetJS), nested packages too
 * (a Word chart's embedded workbook): the command's report book and its Word
 * files, the page's book and its Word .zip.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { PageEngine } from "../../src/app/engine";
import { Cell, DEFAULT_SETTINGS, SheetGrid } from "../../src/core";
import { WORD_FILES } from "../../src/core/documents";
import { makeMunicipality, pupilsGrid, statGrid } from "../fixtures/fisoko";
import { writeWorkbook } from "../fixtures/layouts";
import { FIRST_NAMES, protocolGrid, rcoiPupils, SURNAMES } from "../fixtures/rcoi";
import { markupFixtures } from "../fixtures/markup";
import { run } from "./run";

jest.setTimeout(180_000);

const dir = mkdtempSync(join(tmpdir(), "shnor-pupil-names-"));
const NAMES = [...SURNAMES, ...FIRST_NAMES];

/** Every text of a package, its nested packages opened too, with where it was found. */
function packageTexts(bytes: Uint8Array, where: string): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    const at = `${where} → ${name}`;
    if (data[0] === 0x50 && data[1] === 0x4b) out.push(...packageTexts(data, at));
    else out.push({ where: at, text: strFromU8(data) });
  }
  return out;
}

/** The names found, with the part each is in: none is the answer. A source that is no package (a page in Windows-1251) is its text. */
function namesIn(bytes: Uint8Array, where: string): string[] {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    const text = new TextDecoder("windows-1251").decode(bytes);
    return NAMES.filter((n) => text.includes(n)).map((n) => `${where}: ${n}`);
  }
  const texts = packageTexts(bytes, where);
  expect(texts.length).toBeGreaterThan(3);
  return texts.flatMap(({ where: at, text }) => NAMES.filter((n) => text.includes(n)).map((n) => `${at}: ${n}`));
}

/** Ф1 with a column of pupils' names planted after the participant's code, as some schools send it. */
function f1WithNames(grid: SheetGrid): SheetGrid {
  let k = 0;
  const header = grid.values.findIndex((r) => r[3] === "Код участника");
  const values = grid.values.map((row, r): Cell[] => {
    if (r < header) return row;
    if (r === header) return [...row.slice(0, 4), "ФИО", ...row.slice(4)];
    if (typeof row[3] !== "string" || !/^\d+$/.test(row[3])) return row;
    const name = `${SURNAMES[k % SURNAMES.length]} ${FIRST_NAMES[k % FIRST_NAMES.length]}`;
    k++;
    return [...row.slice(0, 4), name, ...row.slice(4)];
  });
  return { ...grid, values };
}

const cases: [string, () => Promise<string[]>][] = [
  [
    "an РЦОИ protocol with surnames and first names",
    async () => {
      const file = join(dir, "протокол.xlsx");
      await writeWorkbook(file, [protocolGrid(rcoiPupils({ seed: 3, pupils: 80, defects: true }))]);
      return [file];
    },
  ],
  [
    "an РЦОИ protocol saved as a 1С/portal page (.xls in Windows-1251)",
    async () => {
      const file = join(dir, "протокол-страница.xls");
      const grid = protocolGrid(rcoiPupils({ seed: 5, pupils: 80, defects: true }));
      writeFileSync(file, markupFixtures(() => ({ name: "Протокол", values: grid.values, merges: grid.merges ?? [] })).oneCPage());
      return [file];
    },
  ],
  [
    "a municipality's ФИС ОКО exports with a Ф1 of pupils' names",
    async () => {
      const m = makeMunicipality(9, 12, [2025, 2026]);
      const files: string[] = [];
      for (const [i, p] of m.procedures.entries()) {
        const file = join(dir, `фисоко-${i + 1}.xlsx`);
        await writeWorkbook(file, [i === 0 ? f1WithNames(pupilsGrid(m, p)) : statGrid(m, p)]);
        files.push(file);
      }
      return files;
    },
  ],
];

describe.each(cases)("no pupil's name in any output, for %s", (name, make) => {
  let files: string[];
  let folder: string;
  let book: string;
  beforeAll(async () => {
    files = await make();
    const stem = name.replace(/[^\wа-яё]+/gi, "-");
    book = join(dir, `${stem}.xlsx`);
    folder = join(dir, `${stem}-word`);
    const r = await run("report", ...files, "-o", book, "--word", folder, "--schools", "all");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(NAMES.some((n) => r.stdout.includes(n))).toBe(false);
  });

  it("reads the names in the sources, and takes every source's table (the test can fail)", async () => {
    expect(files.some((f) => namesIn(readFileSync(f), f).length > 0)).toBe(true);
    const r = await run("analyze", ...files, "--json");
    const json = JSON.parse(r.stdout) as { files: { sheets: { taken: boolean; layout: string | null }[] }[] };
    expect(json.files.map((f) => f.sheets.some((s) => s.taken))).toEqual(files.map(() => true));
    expect(json.files.flatMap((f) => f.sheets.map((s) => s.layout))).toEqual(
      expect.arrayContaining([expect.stringMatching(/pupils|protocol/)]),
    );
  });

  it("carries the pupils' source as the marked «Свод», never as a copy", () => {
    const parts = packageTexts(readFileSync(book), book);
    const workbook = parts.find((p) => p.where.endsWith("xl/workbook.xml"))!.text;
    expect(/<sheet [^>]*name="([^"]+)"/.exec(workbook)?.[1]).toBe("Свод");
  });

  it("the report book holds none", () => {
    expect(namesIn(readFileSync(book), "report")).toEqual([]);
  });

  it("the Word documents hold none", () => {
    const docs = readdirSync(folder).filter((f) => f.endsWith(".docx"));
    expect(docs.sort()).toEqual(Object.values(WORD_FILES).sort());
    for (const doc of docs) expect(namesIn(readFileSync(join(folder, doc)), doc)).toEqual([]);
  });

  it("the page's book and its Word .zip hold none", async () => {
    const engine = new PageEngine();
    await engine.read(
      files.map((f) => Object.assign(new Blob([readFileSync(f) as BlobPart]), { name: f.split("/").pop()! })),
      {},
      () => undefined,
    );
    const request = { settings: DEFAULT_SETTINGS, overridesBySheet: {}, documents: { annexSchools: "all" as const } };
    const report = await engine.report(request, () => undefined);
    const word = await engine.word(request, () => undefined);
    expect(namesIn(report.bytes, "page report")).toEqual([]);
    expect(namesIn(word.bytes, "page word")).toEqual([]);
    expect(NAMES.some((n) => [...report.lines, ...word.lines].join(" ").includes(n))).toBe(false);
  });
});
