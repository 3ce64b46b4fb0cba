/** The fake behaves like Office.js where the adapter depends on it. */
import { FakeExcel, FakeOfficeError } from "../fakes/excel";

type Ctx = Excel.RequestContext;

describe("the fake Excel", () => {
  it("refuses a read before load and sync, as Office.js does", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Лист1", [[1, 2]]);
    await fake.run(async (context: Ctx) => {
      const range = context.workbook.worksheets.getItem("Лист1").getRange("A1:B1");
      /* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load --
         the mistakes the fake must refuse */
      expect(() => range.values).toThrow(/load/);
      range.load("values");
      expect(() => range.values).toThrow(/sync/);
      /* eslint-enable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load */
      await context.sync();
      expect(range.values).toEqual([[1, 2]]);
    });
    expect(fake.syncs).toBe(1);
  });

  it("runs queued writes in order at sync and measures the request", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Лист1");
    await fake.run(async (context: Ctx) => {
      const range = context.workbook.worksheets.getItem("Лист1").getRange("A1:A2");
      range.values = [["x"], [2]];
      expect(fake.sheet("Лист1").value(0, 0)).toBe("");
      await context.sync();
    });
    expect(fake.sheet("Лист1").value(0, 0)).toBe("x");
    expect(fake.syncLog[0].requestBytes).toBeGreaterThan(10);
  });

  it("turns «=…» and «+7…» into formulas unless the cell is formatted as text", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Лист1");
    await fake.run(async (context: Ctx) => {
      const sheet = context.workbook.worksheets.getItem("Лист1");
      sheet.getRange("A1:B1").values = [["=HYPERLINK(1)", "+7 913 000-00-00"]];
      const text = sheet.getRange("A2:B2");
      text.numberFormat = [["@", "@"]];
      text.values = [["=HYPERLINK(1)", "+7 913 000-00-00"]];
      await context.sync();
    });
    const s = fake.sheet("Лист1");
    expect(s.formula(0, 0)).toBe("=HYPERLINK(1)");
    expect(s.formula(0, 1)).toBe("=+7 913 000-00-00");
    expect(s.formula(1, 0)).toBe("=HYPERLINK(1)");
    expect(s.rows[1]?.f[0]).toBeUndefined();
    expect(s.value(1, 1)).toBe("+7 913 000-00-00");
  });

  it("enforces the payload limit and cell-edit mode", async () => {
    const fake = new FakeExcel({ requestLimit: 1000 });
    fake.addSheet("Лист1");
    await expect(
      fake.run(async (context: Ctx) => {
        context.workbook.worksheets.getItem("Лист1").getRange("A1:A100").values = Array.from({ length: 100 }, () => ["длинный текст"]);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    fake.editMode = true;
    await expect(
      fake.run(async (context: Ctx) => {
        context.workbook.worksheets.getItem("Лист1").getRange("A1").values = [[1]];
        await context.sync();
      }),
    ).rejects.toBeInstanceOf(FakeOfficeError);
  });

  it("refuses writes to a protected sheet", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Лист1").protected = true;
    await expect(
      fake.run(async (context: Ctx) => {
        context.workbook.worksheets.getItem("Лист1").getRange("A1").values = [[1]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
  });

  it("moves names, formats and cells when columns are inserted", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Лист1", [["a", "b", "c"]]);
    await fake.run(async (context: Ctx) => {
      const sheet = context.workbook.worksheets.getItem("Лист1");
      context.workbook.names.add("Метка", sheet.getRange("C1"));
      sheet.getRange("B:C").insert("Right");
      await context.sync();
    });
    expect(fake.snapshot("Лист1")).toEqual([["a", "", "", "b", "c"]]);
    expect(fake.workbook.nameValue(fake.workbook.names[0])).toBe("Лист1!$E$1");
  });
});
