/**
 * The Office.js writer of a SheetSpec, on a small sample description of the
 * kind issue 5 generates: created, regenerated in place with the user's
 * inputs kept, and removed by «Снять отметки».
 */
import { emptySheet, formula, num, SheetSpec, text } from "../../src/core";
import { CF_TAG } from "../../src/excel";
import { FakeExcel } from "../fakes/excel";
import { hostFor } from "./helpers";

function roadmap(activities: string[]): SheetSpec {
  const spec = emptySheet("Дорожная карта", "roadmap");
  spec.columnWidths = [6, 50, 16];
  spec.blocks.push({
    row: 0,
    column: 0,
    values: [
      [text("Выполнено, %"), formula('IFERROR(COUNTIF(C3:C20,"выполнено")/COUNTA(B3:B20),0)'), null],
      [text("№"), text("Мероприятие"), text("Отметка о выполнении")],
      ...activities.map((a, i) => [num(i + 1), text(a), null]),
    ],
  });
  spec.styles.push({ row: 1, column: 0, rows: 1, columns: 3, style: "header" });
  spec.styles.push({ row: 0, column: 1, rows: 1, columns: 1, style: "computed", numberFormat: "0%" });
  spec.styles.push({ row: 2, column: 2, rows: activities.length, columns: 1, style: "input" });
  spec.merges.push({ row: 0, column: 1, rows: 1, columns: 2 });
  spec.validations.push({
    row: 2,
    column: 2,
    rows: activities.length,
    columns: 1,
    rule: { kind: "list", items: ["выполнено", "в работе", "не выполнено", "перенесено"] },
    errorMessage: "Выберите значение из списка.",
  });
  spec.conditionalFormats.push({
    row: 2,
    column: 2,
    rows: activities.length,
    columns: 1,
    formula: 'C3="выполнено"',
    fill: "C6EFCE",
    priority: 1,
  });
  spec.print = {
    orientation: "landscape",
    paper: "A4",
    repeatRows: { first: 1, last: 1 },
    repeatColumns: { first: 0, last: 1 },
    breaks: [4],
  };
  spec.charts.push({
    title: "Мероприятия",
    type: "columnClustered",
    categories: { row: 2, column: 1, rows: activities.length, columns: 1 },
    series: [{ name: "№", values: { row: 2, column: 0, rows: activities.length, columns: 1 } }],
    anchor: { row: 2, column: 4 },
    fallback: { row: 7, column: 0, rows: 1, columns: 3 },
  });
  spec.freezeRows = 2;
  spec.keptInputs = { keyColumn: 1, columns: [2], firstRow: 2 };
  return spec;
}

const ACTIVITIES = ["Анализ результатов ВПР", '=HYPERLINK("http://evil")', "+7 913 000-00-00 — горячая линия", "007"];

function setup(excelApi = "1.17") {
  const fake = new FakeExcel({ excelApi });
  fake.addSheet("Результаты", [["ВПР МА 5 2019"]]);
  return { fake, host: hostFor(fake) };
}

describe("writing a generated sheet", () => {
  it("creates the sheet with values, text as text, formulas, formats, validation, conditional formats, print setup and a chart", async () => {
    const { fake, host } = setup();
    const outcome = await host.writeSheet(roadmap(ACTIVITIES), { regenerate: "ask" });
    expect(outcome).toEqual({ kind: "written", sheet: "Дорожная карта", created: true, keptInputs: 0, printSetup: true });
    const s = fake.sheet("Дорожная карта");
    expect(s.formula(0, 1)).toBe('=IFERROR(COUNTIF(C3:C20,"выполнено")/COUNTA(B3:B20),0)');
    expect(s.numberFormat(0, 1)).toBe("0%");
    expect(s.value(2, 0)).toBe(1);
    // A name that looks like a formula or a phone number stays text.
    for (let r = 2; r < 6; r++) {
      expect(s.rows[r]?.f[1]).toBeUndefined();
      expect(s.numberFormat(r, 1)).toBe("@");
    }
    expect(s.value(3, 1)).toBe('=HYPERLINK("http://evil")');
    expect(s.value(4, 1)).toBe("+7 913 000-00-00 — горячая линия");
    expect(s.value(5, 1)).toBe("007");
    expect(s.merges).toEqual([{ row: 0, column: 1, rows: 1, columns: 2 }]);
    expect(s.validations[0].rule).toEqual({ list: { inCellDropDown: true, source: "выполнено,в работе,не выполнено,перенесено" } });
    expect(s.cfs.map((c) => c.formula)).toEqual([`=AND(C3="выполнено",${CF_TAG})`]);
    expect(s.pageLayout).toEqual({
      orientation: "Landscape",
      paperSize: "A4",
      leftMargin: 36,
      rightMargin: 36,
      topMargin: 43.2,
      bottomMargin: 43.2,
      headerMargin: 21.6,
      footerMargin: 21.6,
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: "$2:$2",
      printTitleColumns: "$A:$B",
      rowBreaks: ["A5"],
    });
    expect(s.freezeRows).toBe(2);
    expect(s.charts).toMatchObject([
      { type: "ColumnClustered", title: "Мероприятия", series: [{ name: "№", values: "A3:A6", xValues: "B3:B6" }], position: "E3" },
    ]);
    expect(s.formatAt(1, 0, "fill.color")).toBe("#D9E1F2");
    expect(JSON.parse(fake.workbook.names[0].comment)).toMatchObject({ what: "sheet", kind: "roadmap" });
  });

  it("asks before regenerating, then regenerates in place keeping what users typed, by key", async () => {
    const { fake, host } = setup();
    await host.writeSheet(roadmap(ACTIVITIES), { regenerate: "ask" });
    const s = fake.sheet("Дорожная карта");
    s.row(2, true).v[2] = "выполнено"; // «Анализ результатов ВПР»
    s.row(4, true).v[2] = "в работе"; // the «горячая линия» row
    s.row(5, true).f[2] = "=1+1"; // a formula a user typed
    expect(await host.writeSheet(roadmap(ACTIVITIES), { regenerate: "ask" })).toEqual({ kind: "exists", sheet: "Дорожная карта" });
    // The new version has a new first activity: the kept marks follow their activities down.
    const outcome = await host.writeSheet(roadmap(["Совещание с директорами", ...ACTIVITIES]), { regenerate: "replace" });
    expect(outcome).toMatchObject({ kind: "written", created: false, keptInputs: 3 });
    expect(fake.workbook.sheets.map((x) => x.name)).toEqual(["Результаты", "Дорожная карта"]);
    expect([s.value(3, 2), s.value(5, 2), s.formula(6, 2), s.value(2, 2)]).toEqual(["выполнено", "в работе", "=1+1", ""]);
    expect(s.cfs).toHaveLength(1);
    expect(s.charts).toHaveLength(1);
    expect(s.validations).toHaveLength(1);
    expect(fake.workbook.names).toHaveLength(1);
  });

  it("never takes over a user's sheet of the same name", async () => {
    const { fake, host } = setup();
    fake.addSheet("Дорожная карта", [["моё"]]);
    const outcome = await host.writeSheet(roadmap(ACTIVITIES), { regenerate: "replace" });
    expect(outcome).toMatchObject({ sheet: "Дорожная карта (2)", created: true });
    expect(fake.sheet("Дорожная карта").value(0, 0)).toBe("моё");
  });

  it("finds its sheet after the user renames it, and gives it back its name on regeneration", async () => {
    const { fake, host } = setup();
    await host.writeSheet(roadmap(ACTIVITIES), { regenerate: "ask" });
    fake.sheet("Дорожная карта").name = "ДК 2025";
    expect(await host.writeSheet(roadmap(ACTIVITIES), { regenerate: "ask" })).toEqual({ kind: "exists", sheet: "ДК 2025" });
    expect(await host.writeSheet(roadmap(ACTIVITIES), { regenerate: "replace" })).toMatchObject({
      sheet: "Дорожная карта",
      created: false,
    });
    expect(fake.workbook.sheets).toHaveLength(2);
  });

  it("tells sheets of one kind apart by the name they were made under (one roadmap per school)", async () => {
    const { fake, host } = setup();
    const school = (name: string) => ({ ...roadmap(ACTIVITIES), name, kind: "shnor.roadmap.school" });
    await host.writeSheet(school("ДК СОШ № 1"), { regenerate: "ask" });
    await host.writeSheet(school("ДК СОШ № 14"), { regenerate: "ask" });
    expect(await host.writeSheet(school("ДК СОШ № 14"), { regenerate: "ask" })).toEqual({ kind: "exists", sheet: "ДК СОШ № 14" });
    expect(fake.workbook.sheets.map((x) => x.name)).toEqual(["Результаты", "ДК СОШ № 1", "ДК СОШ № 14"]);
    expect(fake.workbook.names).toHaveLength(2);
  });

  it("skips print setup where Excel lacks it (ExcelApi 1.8), and «Снять отметки» removes the sheet", async () => {
    const { fake, host } = setup("1.8");
    expect((await host.writeSheet(roadmap(ACTIVITIES), { regenerate: "ask" })) as { printSetup: boolean }).toMatchObject({
      printSetup: false,
    });
    expect(fake.sheet("Дорожная карта").pageLayout).toEqual({});
    expect(await host.listAdded()).toEqual({
      marks: [],
      sheets: [{ sheet: "Дорожная карта", kind: "roadmap" }],
      workbookSheets: ["Результаты", "Дорожная карта"],
    });
    expect(await host.clear({ sheets: false })).toEqual({ marks: [], sheets: [] });
    expect(fake.workbook.sheets).toHaveLength(2);
    expect(await host.clear({ sheets: true })).toEqual({ marks: [], sheets: ["Дорожная карта"] });
    expect(fake.workbook.sheets.map((x) => x.name)).toEqual(["Результаты"]);
    expect(fake.workbook.names).toHaveLength(0);
  });

  it("writes several sheets in one go, leaving those made earlier for the user to confirm", async () => {
    const { fake, host } = setup();
    await host.writeSheet(roadmap(ACTIVITIES), { regenerate: "ask" });
    fake.resetStats();
    const other = { ...roadmap(["Семинар"]), name: "Показатели", kind: "indicators" };
    const outcomes = await host.writeSheets([roadmap(ACTIVITIES), other], { regenerate: "ask" });
    expect(outcomes).toEqual([
      { kind: "exists", sheet: "Дорожная карта" },
      { kind: "written", sheet: "Показатели", created: true, keptInputs: 0, printSetup: true },
    ]);
    expect(fake.syncs).toBe(3);
    expect(fake.workbook.names).toHaveLength(2);
  });

  it("refuses on an Excel without data validation (ExcelApi 1.7)", async () => {
    const { host } = setup("1.7");
    await expect(host.writeSheet(roadmap(ACTIVITIES), { regenerate: "ask" })).rejects.toMatchObject({ problem: "old-excel" });
  });
});
