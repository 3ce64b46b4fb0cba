/**
 * The settings part a book keeps, as other programs and people leave it: values
 * of any JSON type, a DOCTYPE, bytes that are not UTF-8, other programs' custom
 * XML parts before ours (with long comments), a correction of an empty column;
 * and the settings carried through `collect` and `report` round trips. Every case
 * ends with exit 0 and a notice for what was refused, never a crash or a silent default.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { DEFAULT_SETTINGS, KNOWN_SUBJECTS, PROCEDURE_TYPES, settingsXml, StoredSettings } from "../../src/core";
import { injectCustomXml } from "../fixtures/custom-xml";
import { run } from "../cli/run";
import { craftBook, district, gridOf } from "./craft";
import { RUNS, SEED } from "./seed";

const dir = mkdtempSync(join(tmpdir(), "shnor-settings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

const SCHOOLS = district([
  { name: "МБОУ «СОШ № 1»", values: [35, 10, 31, 12] },
  { name: "МБОУ «ООШ № 2»", values: [5, 40, 8, 9] },
  { name: "МАОУ «Гимназия № 3»", values: [2, 3, 4, 33] },
  { name: "МКОУ «СОШ № 4»", values: [null, null, 33.3, 30] },
]);

/** A results book with custom XML parts injected (item numbers from 1, in the order given). */
function book(parts: (string | Uint8Array)[], rows = gridOf(SCHOOLS)): string {
  const file = join(dir, `book-${++counter}.xlsx`);
  writeFileSync(file, craftBook([{ name: "Результаты", rows }]));
  injectCustomXml(
    file,
    parts.map((xml, i) => ({ xml, n: i + 1 })),
  );
  return file;
}

const stored = (settings: Record<string, unknown>, extra: Partial<StoredSettings> = {}): string =>
  settingsXml({ settings, overrides: {}, ...extra } as unknown as StoredSettings);

interface Answer {
  code: number;
  threshold: number;
  /** [year before, previous year]. */
  years: (number | null)[];
  statuses: string[];
  notices: string[];
  stderr: string;
}

async function analyze(file: string): Promise<Answer> {
  const r = await run("analyze", file, "--json");
  if (r.code !== 0) return { code: r.code, threshold: NaN, years: [], statuses: [], notices: [], stderr: r.stderr };
  const json = JSON.parse(r.stdout);
  return {
    code: 0,
    threshold: json.threshold,
    years: json.years,
    statuses: json.schools.map((s: { status: string }) => s.status),
    notices: json.settingsSource.notices,
    stderr: r.stderr,
  };
}

/** What a stored value must be for the rule to take it, written from the README, not from the code. */
const VALID: Record<keyof typeof DEFAULT_SETTINGS, (v: unknown) => boolean> = {
  // A percent from 1 to 100, or a share from 0,01 below 1 read as its percent (README: «--threshold 0,3» is 30 %).
  threshold: (v) => typeof v === "number" && ((v >= 1 && v <= 100) || (v >= 0.01 && v < 1)),
  year: (v) => v === null || (typeof v === "number" && Number.isInteger(v) && v >= 2000 && v <= 2100),
  countedTypes: (v) => Array.isArray(v) && v.every((t) => (PROCEDURE_TYPES as readonly unknown[]).includes(t)),
  countedSubjects: (v) => Array.isArray(v) && v.every((t) => KNOWN_SUBJECTS.includes(t as string)),
  minParticipants: (v) => typeof v === "number" && Number.isInteger(v) && v >= 0,
  criterion2: (v) => v === "any" || v === "same",
};

/** The years SCHOOLS has results for (its headers: ВПР математика and русский язык, 2023 and 2024, percents without counts). */
const DATA_YEARS = [2023, 2024];

/**
 * The years with counted results under the settings in force (a refused value gives its default); a percent without
 * a count of participants counts whatever the minimum, as README says.
 */
function yearsCounted(settings: Record<string, unknown>): number[] {
  const valid = (key: keyof typeof VALID) => (key in settings && VALID[key](settings[key]) ? settings[key] : DEFAULT_SETTINGS[key]);
  const types = valid("countedTypes") as string[];
  const subjects = valid("countedSubjects") as string[];
  return types.includes("ВПР") && subjects.some((s) => ["математика", "русский язык"].includes(s)) ? DATA_YEARS : [];
}

const storedValue = fc.oneof(
  fc.constantFrom<unknown>(
    "",
    0,
    -1,
    35,
    30.5,
    101,
    "30",
    true,
    null,
    [],
    {},
    ["ВПР"],
    ["математика"],
    [""],
    [1],
    "any",
    "same",
    2024,
    "2024",
  ),
  fc.jsonValue(),
);

describe("stored values of any type", () => {
  it("each refused value is a notice and falls back alone; the command never stops", async () => {
    const cases = fc.sample(fc.dictionary(fc.constantFrom(...Object.keys(VALID)), storedValue, { minKeys: 1 }), {
      seed: SEED,
      numRuns: RUNS * 2,
    });
    for (const settings of cases) {
      const answer = await analyze(book([stored(settings)]));
      expect([answer.code, answer.stderr]).toEqual([0, ""]);
      const refused = Object.entries(settings).filter(([key, value]) => !VALID[key as keyof typeof VALID](value));
      expect(answer.notices.filter((n) => /не применены/.test(n))).toHaveLength(refused.length);
      const threshold = "threshold" in settings && VALID.threshold(settings.threshold) ? (settings.threshold as number) : 30;
      expect(answer.threshold).toBeCloseTo(threshold < 1 ? threshold * 100 : threshold, 9);
      // A valid stored year the table has no counted results for is set aside with its own notice: the latest year with data applies.
      const years = yearsCounted(settings);
      const year = typeof settings.year === "number" && VALID.year(settings.year) ? settings.year : null;
      const lacking = year !== null && !years.includes(year);
      expect(answer.notices.filter((n) => /^Год, сохранённый в книге \(\d+, .*\), не применён: /.test(n))).toHaveLength(lacking ? 1 : 0);
      expect(answer.years[1]).toBe(year !== null && !lacking ? year : (years[years.length - 1] ?? null));
    }
  });

  it("an empty text for countedTypes and countedSubjects is refused with a notice, in analyze and report", async () => {
    const file = book([stored({ countedTypes: "", countedSubjects: "", threshold: 35 })]);
    const answer = await analyze(file);
    expect(answer.code).toBe(0);
    expect(answer.threshold).toBe(35);
    expect(answer.notices.filter((n) => /не применены/.test(n))).toHaveLength(2);
    const report = await run("report", file, "-o", join(dir, `report-${counter}.xlsx`));
    expect([report.code, report.stderr]).toEqual([0, ""]);
  });

  it("a valid stored year without counted results is set aside with a notice, in analyze and report", async () => {
    const none = await analyze(book([stored({ year: 2024, countedTypes: [] })]));
    expect([none.code, none.years, none.notices]).toEqual([
      0,
      [null, null],
      ["Год, сохранённый в книге (2024, 2023/2024 уч. г.), не применён: в таблице нет учитываемых результатов ни за один год."],
    ]);
    const file = book([stored({ year: 2022, threshold: 35 })]);
    const other = await analyze(file);
    expect([other.code, other.threshold, other.years]).toEqual([0, 35, [2023, 2024]]);
    expect(other.notices).toEqual([
      expect.stringMatching(/\(2022, .*\), не применён: .*\(они есть за 2023, 2024\); взят последний год с данными\.$/),
    ]);
    const report = await run("report", file, "-o", join(dir, `report-${counter}.xlsx`));
    expect([report.code, report.stderr]).toEqual([0, ""]);
  });
});

describe("a part that is not what it seems", () => {
  const ours = stored({ threshold: 35 });

  it("a DOCTYPE in our part: refused with a notice naming it, defaults apply", async () => {
    const xml = ours.replace("<shnorMonitor", '<!DOCTYPE shnorMonitor [<!ENTITY x "35">]><shnorMonitor');
    const answer = await analyze(book([`<?xml version="1.0"?>\n${xml}`]));
    expect(answer.code).toBe(0);
    expect(answer.threshold).toBe(30);
    expect(answer.notices.join("\n")).toMatch(/DOCTYPE/);
  });

  it("bytes that are not UTF-8 in our part: refused with a notice, never a changed name", async () => {
    const text = stored({ threshold: 35 }, { documents: { order: { issuer: "Управления образования Ж" } } });
    const bytes = new TextEncoder().encode(text);
    // «Ж» is D0 96: a lone lead byte is not UTF-8.
    const at = bytes.findIndex((b, i) => b === 0xd0 && bytes[i + 1] === 0x96);
    const damaged = Uint8Array.from([...bytes.slice(0, at), 0xd0, 0x28, ...bytes.slice(at + 2)]);
    const answer = await analyze(book([damaged]));
    expect(answer.code).toBe(0);
    expect(answer.threshold).toBe(30);
    expect(answer.notices.join("\n")).toMatch(/UTF-8/);
  });

  it("other programs' parts before ours, with long comments and any content, are told by their root", async () => {
    const foreign = fc.record({
      comment: fc.integer({ min: 0, max: 300_000 }),
      body: fc.integer({ min: 0, max: 200_000 }),
      where: fc.constantFrom("before", "inside"),
    });
    const cases = fc.sample(fc.array(foreign, { minLength: 1, maxLength: 3 }), { seed: SEED + 1, numRuns: Math.min(RUNS, 6) });
    for (const parts of cases) {
      const xmls = parts.map((p) => {
        const comment = p.comment > 0 ? `<!--${"к".repeat(p.comment)}-->` : "";
        const body = `<item>${"x".repeat(p.body)}</item>`;
        return p.where === "before"
          ? `<?xml version="1.0"?>\n${comment}<root xmlns="urn:other:app">${body}</root>`
          : `<?xml version="1.0"?>\n<root xmlns="urn:other:app">${comment}${body}</root>`;
      });
      const answer = await analyze(book([...xmls, ours]));
      expect(answer.code).toBe(0);
      expect(answer.threshold).toBe(35);
      expect(answer.notices).toEqual([]);
    }
  });
});

describe("a stored correction that finds nothing", () => {
  it("a correction of an empty column is dropped with a notice naming it; the answer is the book's without it", async () => {
    const plain = await analyze(book([stored({})]));
    for (const as of ["name", "login", "ignore"] as const) {
      const file = book([stored({}, { overrides: { Результаты: [{ column: 9, as }] } })]);
      const answer = await analyze(file);
      expect([answer.code, answer.stderr]).toEqual([0, ""]);
      expect(answer.statuses).toEqual(plain.statuses);
      expect(answer.notices.join("\n")).toMatch(/Исправление столбца листа «Результаты».*\(J → .*\).*не применено/);
    }
  });
});

describe("settings survive round trips", () => {
  const settings = { threshold: 32, minParticipants: 0, criterion2: "same" };

  it("analyze of the «Свод» equals analyze of the book; report of the «Свод» and collect of the report keep them", async () => {
    const file = book([stored(settings)]);
    const source = await analyze(file);
    expect(source.threshold).toBe(32);

    const svod = join(dir, `svod-${counter}.xlsx`);
    const collected = await run("collect", file, "-o", svod);
    expect([collected.code, collected.stderr]).toEqual([0, ""]);
    expect(collected.stdout).toMatch(/записаны в свод/);
    const fromSvod = await analyze(svod);
    expect([fromSvod.threshold, fromSvod.statuses]).toEqual([32, source.statuses]);

    const report = join(dir, `report-of-svod-${counter}.xlsx`);
    expect((await run("report", svod, "-o", report)).code).toBe(0);
    expect((await analyze(report)).threshold).toBe(32);

    const svod2 = join(dir, `svod-of-report-${counter}.xlsx`);
    expect((await run("collect", report, "-o", svod2)).code).toBe(0);
    const again = await analyze(svod2);
    expect([again.threshold, again.statuses]).toEqual([32, source.statuses]);
  });
});
