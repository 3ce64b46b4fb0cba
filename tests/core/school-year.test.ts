/** The school year: one way to write it, one way to read what a user types. */
import fc from "fast-check";
import { endYearText, isSchoolYearStart, parseSchoolYear, schoolYearText } from "../../src/core";
import { resolveDocumentSettings } from "../../src/core/documents";
import { analyzeTable, readTable } from "../../src/core";
import { wideGrid } from "../fixtures/layouts";
import { SEED_001 } from "../fixtures/seeds";

describe("school years", () => {
  it("are written start/end, and named by their end for results", () => {
    expect(schoolYearText(2025)).toBe("2025/2026");
    expect(endYearText(2019)).toBe("2018/2019 уч. г.");
  });

  it("read back what they write, in every accepted form (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2098 }), (start) => {
        const short = `${start}/${String(start + 1).slice(2)}`;
        for (const text of [String(start), schoolYearText(start), short, ` ${start} - ${start + 1} `])
          expect(parseSchoolYear(text)).toBe(start);
      }),
    );
  });

  it.each(["2025/2027", "2025/2025", "2025/24", "1999", "25/26", "2025/2026/2027", "", "год"])("refuse «%s»", (text) => {
    expect(parseSchoolYear(text)).toBeNull();
  });

  it("are accepted by the documents exactly when the parser takes them", () => {
    const analysis = analyzeTable(readTable(wideGrid(SEED_001)));
    for (const year of [1999, 2000, 2050, 2100, 2101, 2025.5]) {
      const documents = () => resolveDocumentSettings(analysis, { schoolYear: year });
      if (isSchoolYearStart(year)) expect(documents().schoolYear).toBe(year);
      else expect(documents).toThrow(/Учебный год/);
      expect(parseSchoolYear(String(year)) !== null).toBe(isSchoolYearStart(year));
    }
  });
});
