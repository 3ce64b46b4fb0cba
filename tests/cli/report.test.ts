import { mkdtempSync, readFileSync, readdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { run, sha } from "./run";
import { fisOkoGrids, longGrid, wideGrid, writeWorkbook } from "../fixtures/layouts";
import { SEED_001, SEED_003 } from "../fixtures/seeds";

const dir = mkdtempSync(join(tmpdir(), "shnor-report-"));

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The raw XML of a sheet, for what exceljs does not read back (print titles, cached values). */
async function sheetXml(file: string, index: number): Promise<string> {
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(readFileSync(file));
  return zip.file(`xl/worksheets/sheet${index}.xml`)!.async("string");
}

beforeAll(async () => {
  await writeWorkbook(join(dir, "seed003.xlsx"), [
    { values: [["Пояснения"], ["Лист без таблицы"]], sheetName: "Титул" },
    { ...wideGrid(SEED_003), numberFormats: [[], [], [], [], [], [null, null, null, "0.0"]] },
  ]);
  await writeWorkbook(join(dir, "seed001.xlsx"), [wideGrid(SEED_001, { sheetName: "Результаты" })]);
  await writeWorkbook(join(dir, "long.xlsx"), [longGrid(SEED_003)]);
  await writeWorkbook(join(dir, "fisoko.xlsx"), fisOkoGrids(SEED_003));
});

describe("shnor report", () => {
  let code: number;
  let stdout: string;
  let stderr: string;
  let before: string;
  const input = join(dir, "seed003.xlsx");
  const output = join(dir, "out003.xlsx");

  beforeAll(async () => {
    before = sha(input);
    ({ code, stdout, stderr } = await run(
      "report",
      input,
      "-o",
      output,
      "--order-number",
      "512",
      "--order-date",
      "26.11.2020",
      "--uo",
      "Управление образованием Администрации города Юрги",
    ));
  });

  it("writes a new book and says what is in it", () => {
    expect([code, stderr]).toEqual([0, ""]);
    expect(stdout).toContain(`Записана книга «${output}».`);
    expect(stdout).toContain("ШНОР: 2 из 2");
    expect(existsSync(output)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("never modifies the input", () => {
    expect(sha(input)).toBe(before);
  });

  it("holds the results sheet and the documents", async () => {
    const wb = await load(output);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Приложение 1",
      "Показатели",
      "Дорожная карта",
      "ДК МБОУ «СОШ № 1»",
      "ДК МБОУ «СОШ № 14»",
      "Приложение 1 (ШНОР)",
      "Аналитическая справка",
      "Динамика и объективность",
    ]);
  });

  it("copies the results as values with formats, widths and merges, and adds the status columns", async () => {
    const ws = (await load(output)).getWorksheet("Приложение 1")!;
    expect(ws.getCell("B5").value).toBe("МБОУ «СОШ № 1»");
    expect(ws.getCell("D5").value).toBe(22);
    expect(ws.getCell("D6").numFmt).toBe("0.0");
    // The names column, repeated on every printed page, is widened in the copy to show each name whole.
    expect(ws.getColumn(2).width).toBe(20);
    expect((ws.model as unknown as { merges: string[] }).merges).toContain("D3:E3");
    expect(ws.getCell("AJ3").value).toBe("Статус ШНОР");
    expect([ws.getCell("AJ5").value, ws.getCell("AJ6").value]).toEqual(["ШНОР", "ШНОР"]);
    expect(String(ws.getCell("AK5").value)).toMatch(/^критерий 2: /);
    expect(ws.getColumn("AK").width).toBe(60);
  });

  it("writes formulas without cached results and asks for a full calculation on load", async () => {
    const xml = await sheetXml(output, 2);
    expect(xml).toContain("<f>COUNTIF(&apos;Приложение 1&apos;!$AJ$5:$AJ$6,&quot;ШНОР&quot;)</f>");
    expect(xml).not.toMatch(/<f>[^<]*<\/f><v>/);
    const JSZip = (await import("jszip")).default;
    const workbook = await (await JSZip.loadAsync(readFileSync(output))).file("xl/workbook.xml")!.async("string");
    expect(workbook).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it("renders validation, conditional formats, print setup and frozen rows", async () => {
    const roadmap = await sheetXml(output, 3);
    expect(roadmap).toMatch(
      /<dataValidation type="list"[^>]*sqref="G8:G\d+"><formula1>&quot;выполнено,в работе,не выполнено,перенесено&quot;<\/formula1>/,
    );
    expect(roadmap).toMatch(/<cfRule type="expression"[^>]*><formula>G8=&quot;выполнено&quot;<\/formula>/);
    const annex = await sheetXml(output, 6);
    expect(annex).toMatch(/<pageSetup[^>]*paperSize="9"/);
    expect(annex).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    expect(annex).toMatch(/<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"\/>/);
    expect(annex).toMatch(/<pane [^>]*ySplit="6"[^>]*state="frozen"/);
    const JSZip = (await import("jszip")).default;
    const workbook = await (await JSZip.loadAsync(readFileSync(output))).file("xl/workbook.xml")!.async("string");
    expect(workbook).toContain("&apos;Приложение 1 (ШНОР)&apos;!$5:$6");
    const indicators = await sheetXml(output, 2);
    expect(indicators).toMatch(/sqref="D10"><formula1>0<\/formula1><formula2>IF\(ISNUMBER\(E10\),E10,1E\+15\)<\/formula2>/);
  });

  it("fills the order line and the responsible body from the options", async () => {
    const wb = await load(output);
    expect(wb.getWorksheet("Приложение 1 (ШНОР)")!.getCell("A1").value).toBe("Приложение 1 к приказу от 26.11.2020 № 512");
    const roadmap = wb.getWorksheet("Дорожная карта")!;
    const responsible: string[] = [];
    roadmap.getColumn(4).eachCell((c) => responsible.push(String(c.value)));
    expect(responsible).toContain("Управление образованием Администрации города Юрги");
  });

  it("writes the chart's fallback text in the note", async () => {
    const ws = (await load(output)).getWorksheet("Аналитическая справка")!;
    const all: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => all.push(String(c.value))));
    expect(all.some((t) => t.startsWith("Диаграмма «Число ОО с низким результатом по процедурам» в этой книге не построена"))).toBe(true);
  });
});

describe("shnor report on other books", () => {
  it("takes --schools, --school-year and --indicators", async () => {
    const out = join(dir, "out001.xlsx");
    const r = await run(
      "report",
      join(dir, "seed001.xlsx"),
      "-o",
      out,
      "--schools",
      "risk",
      "--school-year",
      "2025/26",
      "--indicators",
      "dolya-shnor,chislo-shnor",
    );
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain("Учебный год дорожной карты: 2025/2026");
    const wb = await load(out);
    const annex = wb.getWorksheet("Приложение 1")!;
    expect([annex.getCell("A7").value, annex.getCell("A13").value]).toEqual(["МБОУ «Краснинская СОШ»", "МБОУ «Мирновская ООШ»"]);
    expect(wb.getWorksheet("Показатели")!.getCell("H5").value).toBe("2025/2026");
    expect(wb.getWorksheet("Показатели")!.getCell("B8").value).toBeNull();
  });

  it("reads long tables", async () => {
    const r = await run("report", join(dir, "long.xlsx"), "-o", join(dir, "out-long.xlsx"), "--no-school-roadmaps");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const wb = await load(join(dir, "out-long.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Результаты",
      "Показатели",
      "Дорожная карта",
      "Приложение 1",
      "Аналитическая справка",
      "Динамика и объективность",
    ]);
  });

  it("carries a ФИС ОКО book (a procedure a sheet) as the marked «Свод»", async () => {
    const r = await run("report", join(dir, "fisoko.xlsx"), "-o", join(dir, "out-fisoko.xlsx"));
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const wb = await load(join(dir, "out-fisoko.xlsx"));
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe("Свод");
    expect(names).not.toContain("Статус ШНОР");
    // The status column right of the joined table, on its school rows.
    const svod = wb.getWorksheet("Свод")!;
    const header = svod.getRow(3).values as unknown[];
    const status = header.indexOf("Статус ШНОР");
    expect(status).toBeGreaterThan(4);
    const statuses = new Set<unknown>();
    for (let r = 5; r <= svod.rowCount; r++) if (svod.getCell(r, 4).value) statuses.add(svod.getCell(r, status).value);
    expect([...statuses].sort()).toEqual(expect.arrayContaining(["ШНОР"]));
  });
});

describe("shnor report refuses, in one Russian line with exit code 2", () => {
  it.each([
    [["report", "IN"], /^Ошибка: Укажите, куда записать новую книгу: -o НОВЫЙ\.xlsx$/],
    [["report", "IN", "-o", "IN"], /^Ошибка: Новая книга не может заменить исходную/],
    [["report", "IN", "-o", "OUT.csv"], /^Ошибка: Новая книга должна иметь расширение \.xlsx/],
    [["report", "IN", "-o", "/no/such/dir/out.xlsx"], /^Ошибка: Папка «\/no\/such\/dir» для новой книги не существует\.$/],
    [["report", "IN", "-o", "OUT.xlsx", "--schools", "some"], /^Ошибка: --schools: shnor/],
    [["forms", "IN", "-o", "OUT.xlsx", "--schools", "some"], /^Ошибка: --schools: shnor/],
    [["report", "IN", "-o", "OUT.xlsx", "--school-year", "следующий"], /^Ошибка: --school-year: учебный год, например 2025\/2026/],
    [["report", "IN", "-o", "OUT.xlsx", "--indicators", "dolya-shnor,nope"], /^Ошибка: --indicators: неизвестные показатели nope/],
    [["report", "IN", "-o", "OUT.xlsx", "--threshold", "200"], /^Ошибка: Порог должен быть числом от 1 до 100/],
    [["report", "missing.xlsx", "-o", "OUT.xlsx"], /^Ошибка: Файл «.*missing\.xlsx» не найден\.$/],
  ])("%j", async (args, message) => {
    const input = join(dir, "seed003.xlsx");
    const before = sha(input);
    const resolved = args.map((a) =>
      a === "IN" ? input : a === "OUT.xlsx" || a === "OUT.csv" ? join(dir, a) : a === "missing.xlsx" ? join(dir, a) : a,
    );
    const r = await run(...resolved);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(sha(input)).toBe(before);
    expect(existsSync(join(dir, "OUT.xlsx"))).toBe(false);
  });
});
