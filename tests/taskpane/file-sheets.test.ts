/**
 * What the page and the pane list of the files read, sheet by sheet: the one
 * mapping (`filesSummary`, InputsReading → lines) on a book with a results sheet
 * and a markers sheet, the page's engine carrying it, the pane's selector, the
 * list's collapsing (fast-check), and the component's markup (server-rendered).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { PageEngine } from "../../src/app/engine";
import { explainNoTable, readTable, SHEET_TAKEN_TEXT } from "../../src/core";
import type { ReadResult } from "../../src/excel";
import { FileSummary, filesSummary, readInputs } from "../../src/io/inputs";
import { fileSource } from "../../src/io/node";
import { FileSheets } from "../../src/taskpane/components/FileSheets";
import type { FilesRead } from "../../src/taskpane/host";
import { fileLines, SHEETS_SHOWN } from "../../src/taskpane/logic";
import { filesShown, INITIAL, reduce, SessionEvent, SessionState } from "../../src/taskpane/session";
import { STRINGS } from "../../src/taskpane/strings";
import { wideGrid, writeWorkbook } from "../fixtures/layouts";
import { markersGrid } from "../fixtures/not-results";
import { SEED_003 } from "../fixtures/seeds";

jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), "shnor-file-sheets-"));
const results = { ...wideGrid(SEED_003), sheetName: "ВПР 2019" };
const markers = markersGrid({ schools: 30 });
const book = join(dir, "два листа.xlsx");

beforeAll(() => writeWorkbook(book, [results, markers]));

describe("filesSummary: InputsReading → the lines the page and the pane show", () => {
  it("a book with a results sheet and a markers sheet: the first taken with its schools, the second not, with the reason", async () => {
    const reading = await readInputs([await fileSource(book)]);
    const summary = filesSummary(reading);
    // The schools and the reason as the engine gives them on the grids themselves, not through the file.
    const schools = readTable(results).schools.length;
    expect(schools).toBeGreaterThan(0);
    const why = explainNoTable(markers);
    expect(why).toMatch(/^это признаки необъективности/);
    expect(summary).toEqual([
      {
        file: "два листа.xlsx",
        format: "xlsx",
        sheets: [
          { sheet: "ВПР 2019", taken: true, what: expect.stringContaining(`ОО: ${schools}`), schools },
          { sheet: markers.sheetName, taken: false, what: why },
        ],
      },
    ]);
    // The reading's own words, and nothing else: a sheet not taken has no count, no sheet carries a table or grid.
    expect(summary[0].sheets.map((s) => s.what)).toEqual(reading.files[0].sheets.map((s) => s.what));
    expect("schools" in summary[0].sheets[1]).toBe(false);
    expect(JSON.stringify(summary).length).toBeLessThan(2000);
  });

  it("the page's engine hands the same lines to the page", async () => {
    const engine = new PageEngine();
    const blob = Object.assign(new Blob([readFileSync(book) as BlobPart]), { name: "два листа.xlsx" });
    const read = await engine.read([blob], {}, () => undefined);
    expect(read.perFile).toEqual(filesSummary(await readInputs([await fileSource(book)])));
    // Read again with a correction: the lines come again.
    const again = await engine.read(undefined, {}, () => undefined);
    expect(again.perFile).toEqual(read.perFile);
  });
});

/** Random files of random sheets, taken or not. */
const summaries = fc.array(
  fc.record({
    file: fc.string({ minLength: 1, maxLength: 12 }),
    format: fc.constantFrom("xlsx" as const, "xls" as const, "ods" as const, "csv" as const),
    sheets: fc.array(
      fc.oneof(
        fc.record({
          sheet: fc.string({ maxLength: 8 }),
          taken: fc.constant(true),
          what: fc.string({ maxLength: 20 }),
          schools: fc.nat(50),
        }),
        fc.record({ sheet: fc.string({ maxLength: 8 }), taken: fc.constant(false), what: fc.string({ maxLength: 20 }) }),
      ),
      { maxLength: 6 },
    ),
  }),
  { maxLength: 6 },
);

describe("fileLines: the list and its first lines", () => {
  it("every sheet under its file's heading, in order, with the words taken / not taken; a limit cuts a prefix", () => {
    fc.assert(
      fc.property(summaries, fc.nat(12), (files: FileSummary[], limit) => {
        const all = fileLines(files);
        const total = files.reduce((n, f) => n + f.sheets.length, 0);
        expect(all.sheets).toBe(total);
        expect(all.taken).toBe(files.reduce((n, f) => n + f.sheets.filter((s) => s.taken).length, 0));
        // Unlimited: a heading per file followed by exactly its sheets.
        const expected = files.flatMap((f) => [
          STRINGS.recognition.files.file(f.file, f.format),
          ...f.sheets.map((s) => `лист «${s.sheet}»: ${s.taken ? SHEET_TAKEN_TEXT.taken : SHEET_TAKEN_TEXT.notTaken} — ${s.what}`),
        ]);
        expect(all.lines.map((l) => l.text)).toEqual(expected);
        expect(new Set(all.lines.map((l) => l.key)).size).toBe(all.lines.length);
        // Limited: a prefix of the full list with min(limit, total) sheets, ending on a sheet unless nothing was cut.
        const cut = fileLines(files, limit);
        expect(cut.sheets).toBe(total);
        expect(cut.lines).toEqual(all.lines.slice(0, cut.lines.length));
        expect(cut.lines.filter((l) => l.kind === "sheet")).toHaveLength(Math.min(limit, total));
        if (limit < total) expect(cut.lines[cut.lines.length - 1]?.kind ?? "sheet").toBe("sheet");
      }),
    );
  });
});

describe("the component", () => {
  const many: FileSummary[] = Array.from({ length: 3 }, (_, f) => ({
    file: `выгрузка ${f + 1}.xlsx`,
    format: "xlsx",
    sheets: Array.from({ length: 5 }, (_, s) =>
      s === 1
        ? { sheet: `Маркеры ${f}`, taken: false, what: `это признаки необъективности ${f}` }
        : { sheet: `ВПР ${f}.${s}`, taken: true, what: `ОО: ${s}`, schools: s },
    ),
  }));

  it("shows the first sheets, taken plain and not taken greyed with the reason, and «Показать все листы»", () => {
    const html = renderToStaticMarkup(createElement(FileSheets, { files: many }));
    const text = html.replace(/<[^>]+>/g, "\n");
    expect(text).toContain(STRINGS.recognition.files.title(3, 15, 12));
    expect(text).toContain("«выгрузка 1.xlsx» (xlsx)");
    expect(text).toContain("лист «Маркеры 0»: не взят — это признаки необъективности 0");
    expect(text).toContain("лист «Маркеры 1»: не взят — это признаки необъективности 1");
    // 10 sheet lines: the first file's five and the second's five; the third file is behind the button.
    expect(html.match(/data-taken="/g)).toHaveLength(SHEETS_SHOWN);
    expect(text).not.toContain("выгрузка 3.xlsx");
    expect(text).toContain(STRINGS.recognition.files.showAll(15));
    // Not taken is marked as such, and only those lines.
    expect(html.match(/data-taken="no"/g)).toHaveLength(2);
  });

  it("a short list has no button", () => {
    const html = renderToStaticMarkup(createElement(FileSheets, { files: many.slice(0, 1) }));
    expect(html).not.toContain(STRINGS.recognition.files.showAll(5));
    expect(html.match(/data-taken="/g)).toHaveLength(5);
  });
});

describe("filesShown: which files the recognition view lists", () => {
  const ready = reduce(INITIAL, { type: "loaded", stored: null });
  const readOf = (sheet: string, perFile?: FileSummary[]): ReadResult | FilesRead => ({
    table: readTable(results),
    sheet,
    address: "A1:Z40",
    rows: 40,
    columns: 26,
    source: "sheet",
    ...(perFile ? { files: perFile.map((f) => f.file), perFile } : {}),
  });
  const summary: FileSummary[] = [
    {
      file: "a.xlsx",
      format: "xlsx",
      sheets: [
        { sheet: "ВПР", taken: true, what: "ОО: 3", schools: 3 },
        { sheet: "Маркеры", taken: false, what: "это признаки необъективности" },
      ],
    },
  ];
  const run = (events: SessionEvent[], from: SessionState = ready) => events.reduce(reduce, from);

  it("the page: the files read", () => {
    expect(filesShown(ready)).toBeNull();
    expect(filesShown(run([{ type: "analysed", read: readOf("ВПР", summary), overrides: {} }]))).toEqual(summary);
  });

  it("the add-in: the collected exports while their joined sheet is shown (its name in any case), not another sheet", () => {
    const collected: SessionEvent = {
      type: "collected",
      collected: { sheet: "Свод", report: "Распознавание", files: ["a.xlsx"], perFile: summary },
      text: "",
    };
    expect(filesShown(run([{ type: "analysed", read: readOf("Лист1"), overrides: {} }]))).toBeNull();
    const joined = run([collected, { type: "analysed", read: readOf("СВОД"), overrides: {} }]);
    expect(filesShown(joined)).toEqual(summary);
    expect(filesShown(reduce(joined, { type: "analysed", read: readOf("Лист1"), overrides: {} }))).toBeNull();
  });
});
