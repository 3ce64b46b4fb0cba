/**
 * «Отметить в таблице» and «Снять отметки» against the fake Excel, on seed
 * 003's appendix (Юргинский ГО): A–AI is the user's table, rows 3–4 the
 * header, rows 5–6 the two schools; the marks belong in AJ:AK.
 */
import { analyzeTable, REASON_HEADER, STATUS_HEADER } from "../../src/core";
import { CF_TAG, ExcelHostError, ExcelHost } from "../../src/excel";
import { FakeOfficeError, Rect } from "../fakes/excel";
import { wideGrid } from "../fixtures/layouts";
import { SEED_003 } from "../fixtures/seeds";
import { fakeWith } from "./helpers";

const SHEET = "Приложение 1";
const TABLE: Rect = { row: 0, column: 0, rows: 6, columns: 35 };
const STATUS = 35; // AJ
const REASON = 36; // AK

async function analyse(host: ExcelHost) {
  const read = await host.readTable({ source: "sheet" });
  return { table: read.table, analysis: analyzeTable(read.table) };
}

async function mark(host: ExcelHost, options: { statusFormulas?: boolean; whenOccupied?: "ask" | "insert" } = {}) {
  const { table, analysis } = await analyse(host);
  return host.mark({ table, analysis, statusFormulas: options.statusFormulas ?? false, whenOccupied: options.whenOccupied ?? "ask" });
}

describe("marking seed 003's appendix", () => {
  it("writes the status and reasons right of the table, as text, and leaves the user's cells alone", async () => {
    const { fake, host } = fakeWith(wideGrid(SEED_003));
    const before = fake.snapshot(SHEET, TABLE);
    const outcome = await mark(host);
    expect(outcome).toMatchObject({ kind: "marked", sheet: SHEET, columns: "AJ:AK", schools: 2, inserted: false, updated: false });

    const s = fake.sheet(SHEET);
    expect(fake.snapshot(SHEET, TABLE)).toEqual(before);
    expect([s.value(2, STATUS), s.value(2, REASON)]).toEqual([STATUS_HEADER, REASON_HEADER]);
    expect([s.value(4, STATUS), s.value(5, STATUS)]).toEqual(["ШНОР", "ШНОР"]);
    expect(s.value(4, REASON)).toBe(
      "критерий 2: ВПР математика 6 кл. 2019 — 37 %; ВПР математика 5 кл. 2018 — 33 %; ВПР русский язык 5 кл. 2018 — 51 %",
    );
    // Text cells are formatted «@» and hold no formula.
    for (const [r, c] of [
      [4, STATUS],
      [5, REASON],
    ]) {
      expect(s.numberFormat(r, c)).toBe("@");
      expect(s.rows[r]?.f[c]).toBeUndefined();
    }
    // Nothing beyond the two columns.
    expect(s.usedRect()).toEqual({ row: 0, column: 0, rows: 6, columns: 37 });
  });

  it("adds native conditional formats: low «% 2» cells red, ШНОР rows tinted, risk rows lighter", async () => {
    const { fake, host } = fakeWith(wideGrid(SEED_003));
    await mark(host);
    const cfs = fake.sheet(SHEET).cfs;
    expect(cfs).toHaveLength(18);
    expect(cfs.every((cf) => cf.type === "Custom" && cf.formula.startsWith("=AND(") && cf.formula.includes(CF_TAG))).toBe(true);
    // ВПР МА 5 2019 «% 2» is column D: red at ≥ 30, relative to D5.
    const d = cfs.find((cf) => cf.rect.column === 3);
    expect(d).toMatchObject({ rect: { row: 4, column: 3, rows: 2, columns: 1 }, fill: "#F8CBAD", fontColor: "#9C0006" });
    expect(d?.formula).toBe(`=AND(AND(ISNUMBER(D5),D5>=30),${CF_TAG})`);
    const rows = cfs.filter((cf) => cf.rect.columns > 1);
    expect(rows.map((cf) => [cf.formula, cf.fill, cf.rect])).toEqual([
      [`=AND($AJ5="ШНОР",${CF_TAG})`, "#FCE4D6", { row: 4, column: 0, rows: 2, columns: 37 }],
      [`=AND($AJ5="риск",${CF_TAG})`, "#FFF2CC", { row: 4, column: 0, rows: 2, columns: 37 }],
    ]);
    // The low-cell formats sit on top, as the description's priorities say.
    expect(cfs.indexOf(d!)).toBeLessThan(cfs.indexOf(rows[0]));
  });

  it("keeps a hidden record of what it added, as a workbook name over the two columns", async () => {
    const { fake, host } = fakeWith(wideGrid(SEED_003));
    await mark(host);
    expect(fake.workbook.names).toHaveLength(1);
    const [name] = fake.workbook.names;
    expect(name.name).toBe("ShnorMonitor.marks1");
    expect(name.visible).toBe(false);
    expect(fake.workbook.nameValue(name)).toBe("'Приложение 1'!$AJ$3:$AK$6");
    expect(JSON.parse(name.comment)).toMatchObject({ what: "marks", inserted: 0, formulas: false, widths: [48, 48] });
  });

  it("updates in place when run again, never duplicating columns, formats or records", async () => {
    const { fake, host } = fakeWith(wideGrid(SEED_003));
    await mark(host);
    const first = fake.snapshot(SHEET);
    const again = await mark(host);
    expect(again).toMatchObject({ kind: "marked", columns: "AJ:AK", updated: true });
    expect(fake.snapshot(SHEET)).toEqual(first);
    expect(fake.sheet(SHEET).cfs).toHaveLength(18);
    expect(fake.workbook.names).toHaveLength(1);
  });

  it("follows the table when it grows, and finds its columns after the user inserts columns before them", async () => {
    const { fake, host } = fakeWith(wideGrid(SEED_003));
    await mark(host);
    const s = fake.sheet(SHEET);
    // The user adds a school under the table, then inserts a column at B.
    const row = SEED_003.rows[0];
    [...row.ids.map((id, i) => (i === 1 ? "МБОУ «СОШ № 99»" : id)), ...row.values].forEach((v, c) => (s.row(6, true).v[c] = v));
    s.shiftColumns(1, 1);
    fake.workbook.shiftNames(s, 1, 1);
    const outcome = await mark(host);
    expect(outcome).toMatchObject({ kind: "marked", columns: "AK:AL", updated: true, schools: 3 });
    expect(s.value(6, STATUS + 1)).toBe("ШНОР");
    expect(s.usedRect()).toEqual({ row: 0, column: 0, rows: 7, columns: 38 });
    expect(fake.workbook.names).toHaveLength(1);
    expect(s.cfs).toHaveLength(18);
  });

  it("writes =SHNOR.STATUS() formulas on request, in General format so they calculate", async () => {
    const { fake, host } = fakeWith(wideGrid(SEED_003));
    await mark(host, { statusFormulas: true });
    const s = fake.sheet(SHEET);
    expect(s.formula(4, STATUS)).toBe("=SHNOR.STATUS(D5:AI5,$D$3:$AI$4,2019,30)");
    expect(s.numberFormat(4, STATUS)).toBe("General");
    expect(s.numberFormat(4, REASON)).toBe("@");
    expect(fake.workbook.calculations).toContain("Recalculate");
    expect(JSON.parse(fake.workbook.names[0].comment).formulas).toBe(true);
  });
});

describe("columns right of the table are not empty", () => {
  function withNote() {
    const setup = fakeWith(wideGrid(SEED_003));
    setup.fake.sheet(SHEET).row(4, true).v[STATUS] = "мои заметки";
    return setup;
  }

  it("asks first and changes nothing", async () => {
    const { fake, host } = withNote();
    const before = fake.snapshot(SHEET);
    expect(await mark(host)).toEqual({ kind: "occupied", sheet: SHEET, columns: "AJ:AK" });
    expect(fake.snapshot(SHEET)).toEqual(before);
    expect(fake.workbook.names).toHaveLength(0);
    expect(fake.sheet(SHEET).cfs).toHaveLength(0);
  });

  it("inserts two columns when told to, and «Снять отметки» deletes them again", async () => {
    const { fake, host } = withNote();
    const before = fake.snapshot(SHEET);
    expect(await mark(host, { whenOccupied: "insert" })).toMatchObject({ kind: "marked", columns: "AJ:AK", inserted: true });
    const s = fake.sheet(SHEET);
    expect(s.value(4, STATUS + 2)).toBe("мои заметки");
    expect(s.value(4, STATUS)).toBe("ШНОР");
    // Re-running keeps the inserted columns: no second insertion.
    await mark(host, { whenOccupied: "insert" });
    expect(s.value(4, STATUS + 2)).toBe("мои заметки");
    const cleared = await host.clear({ sheets: true });
    expect(cleared.marks).toEqual(["'Приложение 1'!AJ:AK"]);
    expect(fake.snapshot(SHEET)).toEqual(before);
    expect(s.cfs).toHaveLength(0);
    expect(fake.workbook.names).toHaveLength(0);
  });

  it("empties inserted columns instead of deleting them when the user has since typed into them", async () => {
    const { fake, host } = withNote();
    await mark(host, { whenOccupied: "insert" });
    const s = fake.sheet(SHEET);
    s.row(20, true).v[STATUS] = "позже";
    await host.clear({ sheets: false });
    expect(s.value(20, STATUS)).toBe("позже");
    expect(s.value(4, STATUS)).toBe("");
    expect(s.value(4, STATUS + 2)).toBe("мои заметки");
  });
});

describe("«Снять отметки»", () => {
  it("removes exactly the add-in's columns, formats and record, and nothing of the user's", async () => {
    const { fake, host } = fakeWith(wideGrid(SEED_003));
    const s = fake.sheet(SHEET);
    s.columnWidths.set(STATUS, 30);
    s.cfs.push({
      id: "user",
      rect: { row: 4, column: 0, rows: 2, columns: 40 },
      type: "Custom",
      formula: '=$B5<>""',
      fill: "#00FF00",
      fontColor: null,
      stopIfTrue: false,
    });
    fake.workbook.names.push({
      name: "Мой_диапазон",
      comment: "",
      visible: true,
      sheet: s,
      rect: { row: 0, column: 0, rows: 3, columns: 3 },
    });
    s.row(4, true).v[40] = "справа";
    const before = fake.snapshot(SHEET);
    await mark(host);
    expect(s.columnWidths.get(REASON)).toBeGreaterThan(300);
    const outcome = await host.clear({ sheets: true });
    expect(outcome).toEqual({ marks: ["'Приложение 1'!AJ:AK"], sheets: [] });
    expect(fake.snapshot(SHEET)).toEqual(before);
    expect(s.cfs.map((cf) => cf.id)).toEqual(["user"]);
    expect(fake.workbook.names.map((n) => n.name)).toEqual(["Мой_диапазон"]);
    expect([s.columnWidths.get(STATUS), s.columnWidths.get(REASON)]).toEqual([30, 48]);
    expect(s.numberFormat(4, STATUS)).toBe("General");
  });

  it("does nothing when there is nothing to remove", async () => {
    const { fake, host } = fakeWith(wideGrid(SEED_003));
    const before = fake.snapshot(SHEET);
    expect(await host.clear({ sheets: true })).toEqual({ marks: [], sheets: [] });
    expect(fake.snapshot(SHEET)).toEqual(before);
  });

  it("lists what it would remove", async () => {
    const { host } = fakeWith(wideGrid(SEED_003));
    await mark(host);
    expect(await host.listAdded()).toEqual({ marks: [{ sheet: SHEET, columns: "AJ:AK" }], sheets: [], workbookSheets: [SHEET] });
  });
});

describe("errors leave nothing half-written", () => {
  it("refuses a protected sheet with a Russian message before writing anything", async () => {
    const { fake, host } = fakeWith(wideGrid(SEED_003));
    const { table, analysis } = await analyse(host);
    fake.sheet(SHEET).protected = true;
    const before = fake.snapshot(SHEET);
    const error = await host.mark({ table, analysis, statusFormulas: false, whenOccupied: "ask" }).catch((e) => e);
    expect(error).toBeInstanceOf(ExcelHostError);
    expect(error).toMatchObject({ problem: "protected" });
    expect(error.message).toMatch(/Лист «Приложение 1» защищён/);
    expect(fake.snapshot(SHEET)).toEqual(before);
    expect(fake.workbook.names).toHaveLength(0);
  });

  it("says what to do in cell-edit mode", async () => {
    const { fake, host } = fakeWith(wideGrid(SEED_003));
    fake.editMode = true;
    await expect(host.readTable({ source: "sheet" })).rejects.toMatchObject({
      problem: "edit-mode",
      message: expect.stringMatching(/режиме редактирования ячейки/),
    });
  });

  it("rolls back when a write fails half-way", async () => {
    const { fake, host } = fakeWith(wideGrid(SEED_003));
    const { table, analysis } = await analyse(host);
    const before = fake.snapshot(SHEET);
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    fake.resetStats();
    // Sync 0 probes, sync 1 writes, sync 2 (recalculation) is lost.
    fake.fault = (i) => (i === 2 ? new FakeOfficeError("GeneralException", "The connection was lost.") : null);
    const error = await host.mark({ table, analysis, statusFormulas: false, whenOccupied: "ask" }).catch((e) => e);
    expect(error).toMatchObject({ problem: "unknown", message: expect.stringMatching(/GeneralException/) });
    fake.fault = null;
    expect(fake.snapshot(SHEET)).toEqual(before);
    expect(fake.workbook.names).toHaveLength(0);
    expect(fake.sheet(SHEET).cfs).toHaveLength(0);
  });
});

describe("selecting a school", () => {
  it("selects its row across the table and shows the sheet", async () => {
    const { fake, host } = fakeWith(wideGrid(SEED_003));
    fake.addSheet("Другой");
    fake.activate("Другой");
    await host.selectRow(SHEET, 5, 0, 36);
    expect(fake.workbook.activeSheet?.name).toBe(SHEET);
    expect(fake.workbook.selection?.rect).toEqual({ row: 5, column: 0, rows: 1, columns: 37 });
  });
});
