/** The custom functions called as plain functions, with Excel's arguments as Excel passes them. */
import { excelError } from "./stub";
import {
  indicatorChange,
  indicatorShare,
  indicatorShareIf,
  indicatorStatus,
  shnorCountLow,
  shnorLow,
  shnorReason,
  shnorStatus,
} from "../../src/functions/functions";
import { fail, optionalBoolean, rowOf } from "../../src/functions/args";

const HEADERS = [
  ["ВПР МА 5 2019", null, "ВПР РУ 5 2019", null, "ВПР МА 5 2018", null],
  ["% 2", "% выс.", "% 2", "% выс.", "% 2", "% выс."],
];

describe("SHNOR.STATUS, SHNOR.REASON, SHNOR.COUNTLOW", () => {
  it("gives ШНОР by criterion 1 (two lows in the previous year) and says why", () => {
    const row = [[35, 0, 31, 2, 10, 5]];
    expect(shnorStatus(row, HEADERS)).toBe("ШНОР");
    expect(shnorReason(row, HEADERS)).toBe("критерий 1: ВПР математика 5 кл. 2019 — 35 %; ВПР русский язык 5 кл. 2019 — 31 %");
    expect(shnorCountLow(row, HEADERS)).toBe(2);
  });

  it("gives риск for one low result and нет for none", () => {
    expect(shnorStatus([[35, 0, 10, 2, 10, 5]], HEADERS)).toBe("риск");
    expect(shnorReason([[35, 0, 10, 2, 10, 5]], HEADERS)).toBe("риск: ВПР математика 5 кл. 2019 — 35 %");
    expect(shnorStatus([[5, 0, 10, 2, 10, 5]], HEADERS)).toBe("нет");
    expect(shnorReason([[5, 0, 10, 2, 10, 5]], HEADERS)).toBe("нет низких результатов");
    expect(shnorCountLow([[5, 0, 10, 2, 10, 5]], HEADERS)).toBe(0);
  });

  it("takes a threshold, in percent or as a fraction from a % cell", () => {
    const row = [[25, 0, 10, 2, 26, 5]];
    expect(shnorStatus(row, HEADERS)).toBe("нет");
    expect(shnorStatus(row, HEADERS, null, 25)).toBe("ШНОР");
    expect(shnorStatus(row, HEADERS, undefined, 0.25)).toBe("ШНОР");
    expect(shnorCountLow(row, HEADERS, "", "25")).toBe(2);
  });

  it("takes a year: 2018 alone has no year before it", () => {
    const row = [[5, 0, 10, 2, 40, 5]];
    expect(shnorStatus(row, HEADERS)).toBe("риск");
    expect(shnorStatus(row, HEADERS, 2018)).toBe("риск");
    expect(shnorReason(row, HEADERS, 2018)).toBe("риск: ВПР математика 5 кл. 2018 — 40 %");
  });

  it("reads a row of fractions (values from % cells) as percents", () => {
    expect(shnorStatus([[0.35, 0, 0.31, 0.02, 0.1, 0.05]], HEADERS)).toBe("ШНОР");
    expect(shnorReason([[0.35, 0, 0.31, 0.02, 0.1, 0.05]], HEADERS)).toMatch(/2019 — 35 %; .* — 31 %$/);
  });

  it("is #VALUE! for more than one row, a width mismatch, a bad cell, year or threshold", () => {
    expect(excelError(() => shnorStatus([[1], [2]], [["ВПР МА 5 2019"]]))).toEqual({
      code: "#VALUE!",
      message: "Результаты: нужна одна строка, а передано строк: 2.",
    });
    expect(excelError(() => shnorStatus([[35, 0]], HEADERS)).message).toMatch(/одной ширины: в строке 2 столбцов, в заголовках 6/);
    expect(excelError(() => shnorStatus([[35, 0, "много", 0, 1, 1]], HEADERS))).toMatchObject({ code: "#VALUE!", message: /«много»/ });
    expect(excelError(() => shnorStatus([[35, 0, 31, 2, 10, 5]], HEADERS, "прошлый"))).toMatchObject({ code: "#VALUE!", message: /Год/ });
    expect(excelError(() => shnorStatus([[35, 0, 31, 2, 10, 5]], HEADERS, 19))).toMatchObject({
      code: "#VALUE!",
      message: /четырёхзначным/,
    });
    expect(excelError(() => shnorStatus([[35, 0, 31, 2, 10, 5]], HEADERS, null, 150))).toMatchObject({ code: "#VALUE!", message: /Порог/ });
  });

  it("is #N/A when the headers name no procedure, lack the year, or the row is empty", () => {
    expect(excelError(() => shnorStatus([[1, 2]], [["Итого", "Всего"]]))).toMatchObject({ code: "#N/A", message: /не найдены процедуры/ });
    expect(excelError(() => shnorStatus([[35, 0, 31, 2, 10, 5]], HEADERS, 2021))).toMatchObject({ code: "#N/A", message: /2021/ });
    expect(excelError(() => shnorStatus([[null, null, "-", "", null, null]], HEADERS))).toMatchObject({
      code: "#N/A",
      message: /нет результатов/,
    });
  });
});

describe("SHNOR.LOW", () => {
  it("is TRUE at or above the threshold", () => {
    expect(shnorLow(30)).toBe(true);
    expect(shnorLow(29.9)).toBe(false);
    expect(shnorLow(20, 20)).toBe(true);
    expect(shnorLow("35%")).toBe(true);
    expect(shnorLow("29,5")).toBe(false);
  });

  it("reads a number strictly between 0 and 1 as a fraction, and 1 as 1 %", () => {
    expect(shnorLow(0.35)).toBe(true);
    expect(shnorLow(0.29)).toBe(false);
    expect(shnorLow(1)).toBe(false);
    expect(shnorLow(0.35, 0.4)).toBe(false);
    expect(shnorLow([[0.3]], [[0.3]])).toBe(true);
  });

  it("is #N/A without data and #VALUE! for text, a percent over 100, a range or a bad threshold", () => {
    expect(excelError(() => shnorLow(null)).code).toBe("#N/A");
    expect(excelError(() => shnorLow("н/д")).code).toBe("#N/A");
    expect(excelError(() => shnorLow("много"))).toMatchObject({ code: "#VALUE!", message: /«много» — не число от 0 до 100/ });
    expect(excelError(() => shnorLow(150)).code).toBe("#VALUE!");
    expect(excelError(() => shnorLow([[30, 40]]))).toMatchObject({ code: "#VALUE!", message: /одна ячейка/ });
    expect(excelError(() => shnorLow(30, 0))).toMatchObject({ code: "#VALUE!", message: /Порог/ });
    expect(excelError(() => shnorLow(30, true))).toMatchObject({ code: "#VALUE!", message: /нужно число/ });
  });
});

describe("INDICATOR.DOLYA", () => {
  it("gives percent with one decimal, summing ranges", () => {
    expect(indicatorShare([[1]], [[6]])).toBe(16.7);
    expect(indicatorShare([[1, 2]], [[3], [3], [null]])).toBe(50);
    expect(indicatorShare([[1]], [[3]], 0)).toBe(33);
    expect(indicatorShare([[1]], [[3]], null)).toBe(33.3);
  });

  it("is #DIV/0! (without a message, as Excel requires) for a zero whole", () => {
    expect(excelError(() => indicatorShare([[0]], [[0]]))).toEqual({ code: "#DIV/0!", message: undefined });
  });

  it("is #VALUE! for a part larger than the whole, a negative count, or bad digits", () => {
    expect(excelError(() => indicatorShare([[7]], [[6]]))).toEqual({
      code: "#VALUE!",
      message: "Часть (7) больше целого (6): проверьте ссылки.",
    });
    expect(excelError(() => indicatorShare([[-1]], [[6]])).code).toBe("#VALUE!");
    expect(excelError(() => indicatorShare([[1]], [[6]], "два")).code).toBe("#VALUE!");
    expect(excelError(() => indicatorShare([[1]], [[6]], 11)).message).toMatch(/от 0 до 10/);
  });

  it("is #N/A for an empty part", () => {
    expect(excelError(() => indicatorShare([[null]], [[6]])).code).toBe("#N/A");
  });
});

describe("INDICATOR.DOLYAIF", () => {
  const statuses = [["ШНОР"], ["нет"], ["риск"], ["нет"], [null], ["ШНОР"], ["нет"]];
  it("counts like COUNTIF over the non-empty cells", () => {
    expect(indicatorShareIf(statuses, "ШНОР")).toBe(33.3);
    expect(indicatorShareIf(statuses, "<>нет")).toBe(50);
    expect(indicatorShareIf([[10, 30, 45, 50]], ">=30", 0)).toBe(75);
    expect(indicatorShareIf([[10, 30, 45, 50]], 30)).toBe(25);
  });

  it("is #DIV/0! for an empty range and #VALUE! for a missing criterion or a range as criterion", () => {
    expect(excelError(() => indicatorShareIf([[null, ""]], "ШНОР")).code).toBe("#DIV/0!");
    expect(excelError(() => indicatorShareIf(statuses, null)).code).toBe("#VALUE!");
    expect(excelError(() => indicatorShareIf(statuses, [["a", "b"]])).code).toBe("#VALUE!");
  });
});

describe("INDICATOR.DINAMIKA", () => {
  it("reads a fall as positive by default and takes TRUE/FALSE in any form Excel passes", () => {
    expect(indicatorChange(35, 20)).toBe("положительная");
    expect(indicatorChange(35, 20, false)).toBe("отрицательная");
    expect(indicatorChange(35, 20, 0)).toBe("отрицательная");
    expect(indicatorChange(35, 20, "ЛОЖЬ")).toBe("отрицательная");
    expect(indicatorChange(35, 20, "ИСТИНА")).toBe("положительная");
    expect(indicatorChange(20, 20.5, null, 1)).toBe("без изменений");
  });

  it("is #N/A without a value and #VALUE! for text or a bad flag", () => {
    expect(excelError(() => indicatorChange(null, 20))).toMatchObject({ code: "#N/A", message: /было/ });
    expect(excelError(() => indicatorChange("тридцать", 20)).code).toBe("#VALUE!");
    expect(excelError(() => indicatorChange(30, 20, "может быть"))).toMatchObject({ code: "#VALUE!", message: /ИСТИНА или ЛОЖЬ/ });
    expect(excelError(() => indicatorChange(30, 20, true, -1)).code).toBe("#VALUE!");
  });
});

describe("INDICATOR.STATUS", () => {
  it("compares with the target both ways", () => {
    expect(indicatorStatus(80, 75)).toBe("достигнут");
    expect(indicatorStatus(70, 75)).toBe("не достигнут");
    expect(indicatorStatus(10, 15, true)).toBe("достигнут");
    expect(indicatorStatus(null, 15)).toBe("нет данных");
  });

  it("is #VALUE! for text", () => {
    expect(excelError(() => indicatorStatus("высокий", 15)).code).toBe("#VALUE!");
  });
});

describe("argument helpers", () => {
  it("cut long messages to what Excel shows", () => {
    expect(excelError(() => fail("value", "я".repeat(400))).message).toHaveLength(250);
  });

  it("read a single value as a one-cell row and an Excel error value as «no data»", () => {
    expect(rowOf(35, "x")).toEqual([35]);
    expect(rowOf([[{ type: "Error" }, 1]], "x")).toEqual(["#N/A", 1]);
    expect(optionalBoolean(undefined, "x", true)).toBe(true);
  });
});
