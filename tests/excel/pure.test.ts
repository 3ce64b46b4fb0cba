/** The Office-free parts of src/excel: addresses, budgets, the record, stored settings, error messages. */
import { DEFAULT_SETTINGS, ShnorError } from "../../src/core";
import { parseAddress, quoteSheet, splitAreas } from "../../src/excel/address";
import { chunkRows, jsonBytes, nextReadGroup, PAYLOAD, utf8Length } from "../../src/excel/budget";
import { toHostError } from "../../src/excel/errors";
import { isTaggedFormula, marksComment, nextRecordName, parseRecords, sheetComment, tagFormula } from "../../src/excel/record";
import { parseSettingsXml, settingsXml, StoredSettings } from "../../src/excel/settingsStore";
import { freeSheetName } from "../../src/excel/sheets";
import { blockChunks, mergeRows } from "../../src/excel/render";
import { cellFormat } from "../../src/core";
import { formula, num, text } from "../../src/core";
import { FakeOfficeError } from "../fakes/excel";

describe("addresses", () => {
  it.each([
    ["'Приложение 1'!$AJ$3:$AK$6", { sheet: "Приложение 1", rect: { row: 2, column: 35, rows: 4, columns: 2 } }],
    ["Лист1!B2", { sheet: "Лист1", rect: { row: 1, column: 1, rows: 1, columns: 1 } }],
    ["'It''s'!A:B", { sheet: "It's", rect: { row: 0, column: 0, rows: 1_048_576, columns: 2 } }],
    ["#REF!", null],
    ["=Лист1!#REF!", null],
  ])("%s", (address, expected) => {
    expect(parseAddress(address)).toEqual(expected);
  });

  it("quotes sheet names that need it and splits multi-area addresses", () => {
    expect(quoteSheet("Лист1")).toBe("Лист1");
    expect(quoteSheet("Приложение 1")).toBe("'Приложение 1'");
    expect(quoteSheet("AB12")).toBe("'AB12'");
    expect(splitAreas("'a, b'!A1:B2, Лист1!C3")).toEqual(["'a, b'!A1:B2", "Лист1!C3"]);
  });
});

describe("payload budgets", () => {
  it("counts UTF-8 bytes: Cyrillic is two a letter", () => {
    expect(utf8Length("ШНОР")).toBe(8);
    expect(jsonBytes([["а", 1]])).toBe(10);
  });

  it("sizes read groups by measured bytes a row, in blocks", () => {
    const blocks = nextReadGroup(100, 100_000, 1000, 100);
    const rows = blocks.reduce((n, b) => n + b.rows, 0);
    expect(rows * 1000 * PAYLOAD.safety).toBeLessThanOrEqual(PAYLOAD.response);
    expect(blocks[0]).toEqual({ row: 100, rows: PAYLOAD.blockRows });
    expect(nextReadGroup(0, 10, 1e9, 5)).toEqual([{ row: 0, rows: 1 }]);
  });

  it("splits writes into chunks under the budget", () => {
    expect(chunkRows([400, 400, 400, 400, 2000, 10], 1000)).toEqual([
      { start: 0, count: 2 },
      { start: 2, count: 2 },
      { start: 4, count: 1 },
      { start: 5, count: 1 },
    ]);
  });
});

describe("the record", () => {
  it("reads marks and sheet records back from names, broken ones included", () => {
    const records = parseRecords([
      { name: "ShnorMonitor.marks1", comment: marksComment({ inserted: 2, formulas: true, widths: [48, 48] }), value: "Лист1!$H$3:$I$10" },
      { name: "ShnorMonitor.sheet1", comment: sheetComment("indicators", "Показатели"), value: "'Показатели'!$A$1" },
      { name: "ShnorMonitor.marks2", comment: "испорчен", value: "#REF!" },
      { name: "Моё_имя", comment: "", value: "Лист1!$A$1" },
    ]);
    expect(records.marks).toEqual([
      {
        name: "ShnorMonitor.marks1",
        sheet: "Лист1",
        rect: { row: 2, column: 7, rows: 8, columns: 2 },
        inserted: 2,
        formulas: true,
        widths: [48, 48],
      },
      { name: "ShnorMonitor.marks2", sheet: null, rect: null, inserted: 0, formulas: false },
    ]);
    expect(records.sheets).toEqual([{ name: "ShnorMonitor.sheet1", sheet: "Показатели", kind: "indicators", made: "Показатели" }]);
    expect(nextRecordName(records, "marks")).toBe("ShnorMonitor.marks3");
  });

  it("tags conditional formats so they can be found again, without changing what they do", () => {
    const tagged = tagFormula('$H5="ШНОР"');
    expect(tagged).toBe('=AND($H5="ШНОР",N("ШНОР-монитор")=0)');
    expect(isTaggedFormula(tagged)).toBe(true);
    expect(isTaggedFormula('=$H5="ШНОР"')).toBe(false);
  });
});

describe("stored settings", () => {
  const stored: StoredSettings = {
    settings: { ...DEFAULT_SETTINGS, threshold: 25, year: 2024 },
    overrides: { "Лист 1": [{ column: 4, as: "measure", procedure: "ВПР МА 5 2019", measure: "failPercent" }] },
    source: "selection",
    statusFormulas: true,
  };

  it("round-trip through the XML part, including characters XML escapes", () => {
    const xml = settingsXml({ ...stored, overrides: { "<&>": [] } });
    expect(xml).toMatch(/^<shnorMonitor xmlns="urn:shnor-monitor:settings:1"><settings>/);
    expect(parseSettingsXml(xml)).toEqual({ ...stored, overrides: { "<&>": [] } });
  });

  it("ignore an unreadable part", () => {
    expect(parseSettingsXml("<x/>")).toBeNull();
    expect(parseSettingsXml("<settings>{oops</settings>")).toBeNull();
    expect(parseSettingsXml(null)).toBeNull();
  });
});

describe("error messages", () => {
  it.each([
    ["InvalidOperationInCellEditMode", "edit-mode", /режиме редактирования/],
    ["AccessDenied", "protected", /защищены/],
    ["ApiNotFound", "old-excel", /не поддерживает/],
    ["ResponsePayloadSizeLimitExceeded", "too-large", /слишком велик/],
    ["InsertDeleteConflict", "insert-blocked", /вставить столбцы/],
    ["ItemNotFound", "no-sheet", /не найден/],
    ["InvalidSelection", "selection", /один прямоугольный диапазон/],
  ])("%s → %s", (code, problem, message) => {
    const error = toHostError(new FakeOfficeError(code, "English text the user never sees"));
    expect(error).toMatchObject({ problem, message: expect.stringMatching(message) });
    expect(error.message).not.toMatch(/English/);
  });

  it("passes the engine's own errors through and hides anything else", () => {
    const own = new ShnorError("no-table", "На листе нет таблицы");
    expect(toHostError(own)).toBe(own);
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    expect(toHostError(new TypeError("x is undefined")).message).toBe(
      "Непредвиденная ошибка надстройки. Повторите действие; если не поможет, перезапустите Excel.",
    );
  });
});

it("picks a free sheet name", () => {
  expect(freeSheetName("Показатели", ["показатели", "Показатели (2)"])).toBe("Показатели (3)");
  expect(freeSheetName("Дорожная карта: школа [№ 1]", [])).toBe("Дорожная карта школа № 1");
  expect(freeSheetName("А".repeat(40), ["А".repeat(31)])).toBe(`${"А".repeat(27)} (2)`);
});

describe("blocks as Excel gets them", () => {
  it("joins a sheet described row by row into one rectangle, gaps as empty cells", () => {
    const merged = mergeRows([
      { row: 1, column: 1, values: [[text("a"), num(1)]] },
      { row: 2, column: 0, values: [[text("b")]] },
      { row: 5, column: 0, values: [[text("c")]] },
    ]);
    expect(merged).toEqual([
      {
        row: 1,
        column: 0,
        values: [
          [null, text("a"), num(1)],
          [text("b"), null, null],
        ],
      },
      { row: 5, column: 0, values: [[text("c")]] },
    ]);
  });

  it("formats text «@» and formulas by their style, never «@»", () => {
    expect(cellFormat(text("=1"), "0.0")).toBe("@");
    expect(cellFormat(formula("A1"), "@")).toBe("General");
    expect(cellFormat(num(1), "0.0")).toBe("0.0");
    expect(cellFormat(null, "0%")).toBe("0%");
    const [chunk] = blockChunks({ row: 0, column: 0, values: [[text("+7"), formula("SUM(A1)"), null]] }, [
      { row: 0, column: 0, rows: 1, columns: 3, style: "input", numberFormat: "0.0" },
    ]);
    expect(chunk.formulas).toEqual([["+7", "=SUM(A1)", ""]]);
    expect(chunk.formats).toEqual([["@", "0.0", "0.0"]]);
  });
});

describe("messages name the pane's options as the pane shows them", () => {
  it("says «Только выделение», the option's own name", async () => {
    const { STRINGS: S } = await import("../../src/taskpane/strings");
    const { HOST_MESSAGES } = await import("../../src/excel/errors");
    expect(HOST_MESSAGES.tooLarge).toContain(`«${S.source.selection}»`);
    expect(HOST_MESSAGES.tooManyCells(2_000_000, 20)).toContain(`«${S.source.selection}»`);
  });
});
