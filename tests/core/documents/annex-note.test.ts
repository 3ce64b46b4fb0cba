import { SheetGrid } from "../../../src/core";
import {
  ANNEX_KIND,
  buildDocuments,
  cleanSheetName,
  NOTE_KIND,
  orderLine,
  resolveDocumentSettings,
  SheetNames,
  shortProcedureLabel,
  STATUS_LIST_KIND,
} from "../../../src/core/documents";
import { analyzeTable, joinTables, readTable } from "../../../src/core";
import { fisOkoGrids, wideGrid } from "../../fixtures/layouts";
import { SEED_001, SEED_003 } from "../../fixtures/seeds";
import { findRow, formulas, setup, specValue, texts } from "./harness";

const textAt = (v: ReturnType<typeof specValue>) => (v && "text" in v ? v.text : v && "number" in v ? v.number : null);

describe("«Приложение 1»", () => {
  const s = setup(wideGrid(SEED_003), {
    order: { number: "512", date: "26.11.2020", issuer: "Управления образованием Администрации города Юрги" },
  });
  const sheet = s.sheet(ANNEX_KIND);

  it("is named so it does not clash with the user's own «Приложение 1»", () => {
    expect(sheet.name).toBe("Приложение 1 (ШНОР)");
  });

  it("opens with the order line from the settings", () => {
    expect(textAt(specValue(sheet, 0, 0))).toBe(
      "Приложение 1 к приказу Управления образованием Администрации города Юрги от 26.11.2020 № 512",
    );
  });

  it("leaves blanks to fill in by hand when the order is not given", () => {
    expect(orderLine(resolveDocumentSettings(s.analysis, {}))).toBe("Приложение 1 к приказу от «___» ____________ 20___ г. № ______");
  });

  it("lays out Название ОО, Логин ОО, then a «% 2» column a deciding procedure, no header merged across columns", () => {
    expect([0, 1, 2, 3].map((c) => textAt(specValue(sheet, 4, c)))).toEqual(["Название ОО", "Логин ОО", "ВПР МА 5 2019", "ВПР МА 5 2018"]);
    expect([2, 3].map((c) => textAt(specValue(sheet, 5, c)))).toEqual(["% 2", "% 2"]);
    expect(sheet.merges.filter((m) => m.row === 4 && m.columns > 1)).toEqual([]);
    expect(sheet.merges).toContainEqual({ row: 4, column: 0, rows: 2, columns: 1 });
    expect([0, 1, 2, 3].map((c) => textAt(specValue(sheet, 6, c)))).toEqual(["МБОУ «СОШ № 1»", "sch423500", 22, 33]);
    expect(texts(sheet)).not.toContain("% выс. рез.");
    expect(textAt(specValue(sheet, 6, 5))).toBe("-");
  });

  it("fills exactly the low results: СОШ № 1 is low in ВПР МА 6 2019, МА 5 2018, РУ 5 2018", () => {
    const low = sheet.styles.filter((x) => x.style === "low" && x.row === 6).map((x) => textAt(specValue(sheet, 4, x.column)));
    expect(low).toEqual(["ВПР МА 5 2018", "ВПР МА 6 2019", "ВПР РУ 5 2018"]);
  });

  it("prints A4 landscape with the header rows, and the names where columns run onto further pages, repeated", () => {
    expect(sheet.print).toEqual({
      orientation: "landscape",
      paper: "A4",
      repeatRows: { first: 4, last: 5 },
      repeatColumns: { first: 0, last: 1 },
    });
    expect(sheet.freezeRows).toBe(6);
  });

  it("lists ШНОР only, ШНОР and risk, or all schools", () => {
    const names = (schools: "shnor" | "risk" | "all") =>
      texts(setup(wideGrid(SEED_001), { annexSchools: schools }).sheet(ANNEX_KIND)).filter((t) => /^МБОУ|^МКОУ/.test(t));
    expect(names("shnor")).toEqual(["МБОУ «Ариничевская СОШ»", "МБОУ «Демьяновская СОШ»", "МБОУ «Подгорновская СОШ»"]);
    expect(names("risk")).toHaveLength(7);
    expect(names("all")).toHaveLength(7);
    expect(texts(setup(wideGrid(SEED_001), { annexSchools: "all" }).sheet(ANNEX_KIND))).toContain("Статус");
  });
});

describe("«Аналитическая справка»", () => {
  const s = setup(wideGrid(SEED_001));
  const sheet = s.sheet(NOTE_KIND);
  const value = (label: string) => textAt(specValue(sheet, findRow(sheet, label, 0), 1));

  it("gives the numbers: schools, ШНОР, risk, the share", () => {
    expect(value("Всего ОО в таблице")).toBe(7);
    expect(value("ШНОР")).toBe(3);
    expect(value("ОО в зоне риска")).toBe(4);
    expect(value("Доля ШНОР от общего числа ОО, %")).toBe(42.9);
    expect(texts(sheet)).toContain("Из 7 ОО к ШНОР отнесены 3 (42,9 %), в зоне риска — 4.");
  });

  it("counts the schools low in each procedure", () => {
    const row = findRow(sheet, "ВПР математика 5 кл. 2019", 0);
    expect([1, 2, 3].map((c) => textAt(specValue(sheet, row, c)))).toEqual([7, 5, 71.4]);
  });

  it("gives the change since the year before", () => {
    const row = findRow(sheet, "ОО хотя бы с одним низким результатом", 0);
    expect([1, 2, 3].map((c) => textAt(specValue(sheet, row, c)))).toEqual([7, 3, -4]);
    expect(texts(sheet)).toContain("Число ОО с низкими результатами уменьшилось с 7 до 3.");
  });

  it("lists the ШНОР with criteria and low results", () => {
    const row = findRow(sheet, "1. МБОУ «Ариничевская СОШ»", 0);
    expect(textAt(specValue(sheet, row, 1))).toBe("1 и 2");
    expect(String(textAt(specValue(sheet, row, 2)))).toMatch(/^ВПР математика 8 кл. 2021 — 31 %; /);
  });

  it("describes a chart over the procedure table", () => {
    expect(sheet.charts).toHaveLength(1);
    const chart = sheet.charts[0];
    const first = findRow(sheet, "ВПР математика 5 кл. 2019", 0);
    expect(chart.categories).toEqual({ row: first, column: 0, rows: 17, columns: 1 });
    expect(chart.series[0].values).toEqual({ row: first, column: 2, rows: 17, columns: 1 });
  });

  it("is plain values: a note is a snapshot", () => {
    expect(formulas(sheet)).toEqual([]);
  });
});

describe("text stays text", () => {
  const evil = '=HYPERLINK("http://example.com","x")';
  const grid: SheetGrid = wideGrid({
    ...SEED_003,
    rows: SEED_003.rows.map((r, i) => ({ ...r, ids: i === 0 ? [r.ids[0], evil, "=1+1"] : r.ids })),
  });
  const s = setup(grid, { annexSchools: "all", order: { number: "=2+2", date: "01.09.2025", issuer: "+cmd" }, names: { uo: "=UO()" } });

  it("writes the school's name as text on every sheet and never inside a formula", () => {
    for (const sheet of s.docs.sheets) {
      for (const f of formulas(sheet)) expect(f).not.toMatch(/HYPERLINK|UO\(\)|2\+2/);
    }
    const all = s.docs.sheets.flatMap(texts);
    expect(all).toContain(evil);
    expect(all.some((t) => t.includes("=UO()"))).toBe(true);
    expect(all).toContain("Приложение 1 к приказу +cmd от 01.09.2025 № =2+2");
  });

  it("names the school's roadmap sheet within Excel's rules", () => {
    const names = s.docs.sheets.map((x) => x.name);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });
});

describe("sheet names", () => {
  it("drops forbidden characters and cuts to 31", () => {
    expect(cleanSheetName("ДК МБОУ «СОШ № 1» [г. Юрга]: 5/6 кл.?")).toBe("ДК МБОУ «СОШ № 1» г. Юрга 5 6 к");
    expect(cleanSheetName("'Отчёт'")).toBe("Отчёт");
    expect(cleanSheetName("   ")).toBe("Лист");
  });

  it("numbers repeats, ignoring case, within 31 characters", () => {
    const names = new SheetNames(["Показатели"]);
    expect(names.take("показатели")).toBe("показатели (2)");
    const long = "ДК МБОУ «Средняя общеобразовательная школа № 1»";
    const a = names.take(long);
    const b = names.take(long);
    expect(a).toHaveLength(31);
    expect(b).toMatch(/ \(2\)$/);
    expect(b.length).toBeLessThanOrEqual(31);
  });
});

describe("short procedure labels", () => {
  it("read like the seeds' headers", () => {
    expect(shortProcedureLabel({ type: "ВПР", subject: "математика", grade: 5, level: null, year: 2019 })).toBe("ВПР МА 5 2019");
    expect(shortProcedureLabel({ type: "ЕГЭ", subject: "математика", grade: null, level: "профильный", year: 2021 })).toBe(
      "ЕГЭ МА проф. 2021",
    );
  });
});

describe("ФИС ОКО: one procedure a sheet", () => {
  it("gets a «Статус ШНОР» sheet the indicator formulas count", () => {
    const merged = joinTables(fisOkoGrids(SEED_003).map((g) => ({ source: `лист «${g.sheetName}»`, table: readTable(g) })));
    const analysis = analyzeTable(merged);
    const docs = buildDocuments({ table: merged, analysis, results: null, existingSheetNames: [] });
    expect(docs.sheets[0].kind).toBe(STATUS_LIST_KIND);
    expect(docs.ref).toMatchObject({ sheetName: "Статус ШНОР", statusColumn: 3, firstRow: 3, lastRow: 4, schools: null });
    expect(merged.layout).toBe("fisoko");
  });
});
