/**
 * The words that tell a school's row from a section heading are written in
 * Cyrillic: a Latin look-alike («мбнoу» with a Latin «o») matches nothing a
 * user types.
 */
import { looksLikeSchool, SCHOOL_WORDS } from "../../../src/core/table/headers";

describe("SCHOOL_WORDS", () => {
  it("holds Cyrillic letters (and spaces) only", () => {
    const foreign = SCHOOL_WORDS.filter((w) => !/^[а-яё ]+$/.test(w));
    expect(foreign).toEqual([]);
  });

  it("lists each word once", () => {
    const twice = SCHOOL_WORDS.filter((w, i) => SCHOOL_WORDS.indexOf(w) !== i);
    expect(twice).toEqual([]);
  });

  it.each(["мбноу «береговая»", "мбоу гимназия", "маоу лицей 2", "сош 5"])("«%s» looks like a school", (name) => {
    expect(looksLikeSchool(name)).toBe(true);
  });

  it.each(["строки для сравнения", "математика", "итого"])("«%s» does not", (name) => {
    expect(looksLikeSchool(name)).toBe(false);
  });
});
