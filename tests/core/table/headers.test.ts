/**
 * The words that tell a school's row from a section heading are written in
 * Cyrillic: a Latin look-alike («мбнoу» with a Latin «o») matches nothing a
 * user types.
 */
import { idRoleOf, longRoleOf, looksLikeSchool, SCHOOL_WORDS } from "../../../src/core/table/headers";

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

describe("the headers of id and long-table columns", () => {
  it.each([
    ["логин", "login"],
    ["код оо", "login"],
    ["наименование оо", "name"],
    ["школа", "name"],
    ["муниципалитет", "territory"],
    ["№ п/п", "number"],
  ])("«%s» heads the %s column", (header, role) => {
    expect(idRoleOf(header)).toBe(role);
  });

  it.each([
    ["вид процедуры", "procedure"],
    ["учебный предмет", "subject"],
    ["параллель", "grade"],
    ["учебный год", "year"],
  ])("«%s» heads the %s column of a long table", (header, role) => {
    expect(longRoleOf(header)).toBe(role);
  });

  it.each(["математика", "% «2»", "итого"])("«%s» heads neither", (header) => {
    expect([idRoleOf(header), longRoleOf(header)]).toEqual([null, null]);
  });
});
