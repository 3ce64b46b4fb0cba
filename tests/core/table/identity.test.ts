/**
 * One school identity for the reader, the join, the dynamics and the tasks:
 * a name is the same school whatever its quotes, case and spaces, and a
 * ФИС ОКО login is the same school under sch and edu, whatever its length.
 */
import fc from "fast-check";
import { normalizeText } from "../../../src/core/cells";
import { loginKey, nameKey, schoolIdentity } from "../../../src/core/table/identity";

const QUOTE_PAIRS: [string, string][] = [
  ["«", "»"],
  ['"', '"'],
  ["„", "“"],
  ["", ""],
];
const KIND = fc.constantFrom("МБОУ", "МАОУ", "МКОУ", "ГБОУ");
const STEM = fc.constantFrom("СОШ", "Гимназия", "Лицей", "ООШ");
const space = fc.constantFrom("", " ", "  ", "\u00a0");

/** One school's name as different files write it. */
const writing = (kind: string, stem: string, n: number) =>
  fc.record({ q: fc.constantFrom(...QUOTE_PAIRS), s1: space, s2: space, upper: fc.boolean() }).map(({ q, s1, s2, upper }) => {
    const name = `${kind} ${q[0]}${stem}${s1}№${s2}${n}${q[1]}`;
    return upper ? name.toUpperCase() : name;
  });

describe("schoolIdentity", () => {
  it('«МБОУ "СОШ № 1"» and «МБОУ «СОШ №1»» are one school', () => {
    expect(schoolIdentity('МБОУ "СОШ № 1"', null)).toBe(schoolIdentity("МБОУ «СОШ №1»", null));
  });

  it("a name is one school however its quotes, case and spaces are written", () => {
    const pair = fc
      .tuple(KIND, STEM, fc.integer({ min: 1, max: 200 }))
      .chain(([kind, stem, n]) => fc.tuple(writing(kind, stem, n), writing(kind, stem, n)));
    fc.assert(fc.property(pair, ([a, b]) => schoolIdentity(a, null) === schoolIdentity(b, null)));
  });

  it("schools with other numbers stay apart", () => {
    const pair = fc
      .tuple(KIND, STEM, fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 200 }))
      .filter(([, , m, n]) => m !== n)
      .chain(([kind, stem, m, n]) => fc.tuple(writing(kind, stem, m), writing(kind, stem, n)));
    fc.assert(fc.property(pair, ([a, b]) => schoolIdentity(a, null) !== schoolIdentity(b, null)));
  });

  it("sch and edu with the same digits are one school, of any length and case (sch12 = edu12)", () => {
    const login = fc.tuple(fc.constantFrom("sch", "edu", "SCH", "Edu"), fc.stringMatching(/^\d{1,8}$/), space);
    fc.assert(
      fc.property(login, login, fc.string(), fc.string(), ([p1, d, s1], [p2, , s2], n1, n2) => {
        expect(schoolIdentity(n1, `${s1}${p1}${d}${s2}`)).toBe(schoolIdentity(n2, `${p2}${d}`));
        expect(loginKey(`${p1}${d}`)).toBe(d);
      }),
    );
    expect(schoolIdentity("СОШ 12", "sch12")).toBe(schoolIdentity("Школа 12", "edu12"));
    expect(schoolIdentity("", "sch12")).not.toBe(schoolIdentity("", "sch120"));
  });

  it("a login wins over the name", () => {
    expect(schoolIdentity("МБОУ СОШ 1", "edu1001")).not.toBe(schoolIdentity("МБОУ СОШ 1", "edu1002"));
  });
});

describe("nameKey", () => {
  // The join keys every school's name: two passes where normalizeText and dropping the spaces took six.
  const piece = fc.constantFrom(
    "Ё",
    "ё",
    "Е",
    "СОШ",
    "№",
    "1",
    " ",
    "  ",
    "\u00a0",
    "\t",
    "\n",
    "«",
    "»",
    '"',
    "“",
    "”",
    "„",
    "'",
    "`",
    "’",
    "İ",
    "ẞ",
    "a",
    "Z",
  );
  it("is normalizeText with every space dropped, for any text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(piece, { maxLength: 12 }).map((p) => p.join("")),
          fc.string({ unit: "binary" }),
        ),
        (text) => {
          expect(nameKey(text)).toBe(normalizeText(text).replace(/\s+/g, ""));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
