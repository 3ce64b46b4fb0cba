import { ACTIVITIES, INDICATORS, SOURCES } from "../../src/core/documents/catalogue";

const ACTIVITY_AREAS = [
  "мониторинг и аналитика",
  "методическое сопровождение",
  "повышение квалификации",
  "сетевое взаимодействие и наставничество",
  "работа с родителями",
  "психолого-педагогическое сопровождение",
  "материально-техническая база",
];

const COMPUTE_KEYS = [
  "shareShnor",
  "countShnor",
  "shareRisk",
  "sharePositiveDynamicsVpr",
  "shareLowProcedures",
  "shareGiaFail",
  "countLeftShnor",
  "shareLeftShnor",
];

const UNITS = ["%", "ед.", "чел."];
const DIRECTIONS = ["up", "down"];
const KINDS = ["computed", "input"];
const LEVELS = ["municipal", "school", "both"];
const ROLES = ["uo", "imc", "oo", "workgroup", "psych", "rc"];
const PLACEHOLDERS = ["{schools}", "{subject}"];
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const sourceIds = new Set(SOURCES.map((s) => s.id));
const indicatorIds = new Set(INDICATORS.map((i) => i.id));

function norm(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dup.add(v);
    seen.add(v);
  }
  return [...dup];
}

describe("catalogue: sources", () => {
  it("lists the five seed programmes with unique ids", () => {
    expect(SOURCES).toHaveLength(5);
    expect(duplicates(SOURCES.map((s) => s.id))).toEqual([]);
    for (const s of SOURCES) {
      expect(s.id).toMatch(/^\d{3}$/);
      expect(s.municipality.trim()).not.toBe("");
      expect(s.title.trim()).not.toBe("");
      expect(s.years.trim()).not.toBe("");
      expect(s.order === null || s.order.trim() !== "").toBe(true);
    }
  });
});

describe("catalogue: indicators", () => {
  it("has at least 20 indicators", () => {
    expect(INDICATORS.length).toBeGreaterThanOrEqual(20);
  });

  it("has unique kebab-case ids", () => {
    expect(duplicates(INDICATORS.map((i) => i.id))).toEqual([]);
    for (const i of INDICATORS) expect(i.id).toMatch(KEBAB);
  });

  it("has no two wordings equal after lower-casing and collapsing spaces", () => {
    expect(duplicates(INDICATORS.map((i) => norm(i.wording)))).toEqual([]);
  });

  it("cites known sources with a provenance quote", () => {
    for (const i of INDICATORS) {
      expect(i.sources.length).toBeGreaterThan(0);
      for (const s of i.sources) expect(sourceIds.has(s)).toBe(true);
      expect(i.quote.trim()).not.toBe("");
    }
  });

  it("uses allowed units, directions and kinds", () => {
    for (const i of INDICATORS) {
      expect(UNITS).toContain(i.unit);
      expect(DIRECTIONS).toContain(i.direction);
      expect(KINDS).toContain(i.kind);
      expect(i.wording).toMatch(/^(Доля|Число|Наличие)/);
      expect(i.numerator.trim()).not.toBe("");
      expect(i.dataSource.trim()).not.toBe("");
      expect(typeof i.typical).toBe("boolean");
    }
  });

  it("gives every computed indicator one of the compute keys, each exactly once", () => {
    const computed = INDICATORS.filter((i) => i.kind === "computed");
    for (const i of computed) {
      expect(COMPUTE_KEYS).toContain(i.compute);
    }
    for (const key of COMPUTE_KEYS) {
      expect(computed.filter((i) => i.compute === key)).toHaveLength(1);
    }
    for (const i of INDICATORS.filter((x) => x.kind === "input")) {
      expect(i.compute).toBeNull();
    }
  });

  it("marks a typical set of about 8–10 indicators", () => {
    const typical = INDICATORS.filter((i) => i.typical);
    expect(typical.length).toBeGreaterThanOrEqual(6);
    expect(typical.length).toBeLessThanOrEqual(12);
  });
});

describe("catalogue: activities", () => {
  it("has at least 40 activities", () => {
    expect(ACTIVITIES.length).toBeGreaterThanOrEqual(40);
  });

  it("has unique kebab-case ids, distinct from indicator ids", () => {
    expect(duplicates(ACTIVITIES.map((a) => a.id))).toEqual([]);
    for (const a of ACTIVITIES) {
      expect(a.id).toMatch(KEBAB);
      expect(indicatorIds.has(a.id)).toBe(false);
    }
  });

  it("has no two texts equal after lower-casing and collapsing spaces", () => {
    expect(duplicates(ACTIVITIES.map((a) => norm(a.text)))).toEqual([]);
  });

  it("cites known sources with a provenance quote", () => {
    for (const a of ACTIVITIES) {
      expect(a.sources.length).toBeGreaterThan(0);
      for (const s of a.sources) expect(sourceIds.has(s)).toBe(true);
      expect(a.quote.trim()).not.toBe("");
    }
  });

  it("uses only the seven areas, each with at least 4 activities", () => {
    for (const a of ACTIVITIES) expect(ACTIVITY_AREAS).toContain(a.area);
    for (const n of ACTIVITY_AREAS) {
      expect(ACTIVITIES.filter((a) => a.area === n).length).toBeGreaterThanOrEqual(4);
    }
  });

  it("refers only to existing indicators", () => {
    for (const a of ACTIVITIES) {
      for (const id of a.indicators) expect(indicatorIds.has(id)).toBe(true);
    }
  });

  it("has valid level, responsible roles, months and timing", () => {
    for (const a of ACTIVITIES) {
      expect(LEVELS).toContain(a.level);
      expect(a.responsible.length).toBeGreaterThan(0);
      for (const r of a.responsible) expect(ROLES).toContain(r);
      for (const m of a.months) {
        expect(Number.isInteger(m)).toBe(true);
        expect(m).toBeGreaterThanOrEqual(1);
        expect(m).toBeLessThanOrEqual(12);
      }
      // months go in school-year order (September first)
      const order = a.months.map((m) => (m + 3) % 12);
      expect(order).toEqual([...order].sort((x, y) => x - y));
      expect(a.months.length > 0 || (a.timing !== null && a.timing.trim() !== "")).toBe(true);
      expect(a.expectedResult.trim()).not.toBe("");
    }
  });

  it("uses only the {schools} and {subject} placeholders", () => {
    for (const a of ACTIVITIES) {
      for (const ph of a.text.match(/\{[^}]*\}/g) ?? []) expect(PLACEHOLDERS).toContain(ph);
    }
  });
});
