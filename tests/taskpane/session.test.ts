/** The pane's flow as a state machine, without React or a host: analyse, correct, mark, documents, clear, download. */
import fc from "fast-check";
import { analyzeTable, DEFAULT_SETTINGS, readTable } from "../../src/core";
import type { ReadResult, StoredSettings } from "../../src/excel";
import { DEFAULT_DRAFT, draftOf, formOf } from "../../src/taskpane/logic";
import {
  canWriteDocuments,
  correctedOverrides,
  INITIAL,
  isDisabled,
  isStale,
  Marked,
  Place,
  reduce,
  rowSelection,
  SessionEvent,
  SessionState,
  sheetOverrides,
  storedOf,
  undoneOverrides,
} from "../../src/taskpane/session";
import { wideGrid } from "../fixtures/layouts";
import { SEED_001, SEED_003 } from "../fixtures/seeds";

function readOf(grid: ReturnType<typeof wideGrid>, sheet = grid.sheetName ?? "Лист1"): ReadResult {
  return { table: readTable(grid), sheet, address: "A1:AI6", rows: grid.values.length, columns: 35, source: "sheet" };
}

const run = (events: SessionEvent[], from: SessionState = INITIAL) => events.reduce(reduce, from);

const read001 = readOf(wideGrid(SEED_001));
const read003 = readOf(wideGrid(SEED_003));
const marked = (sheet: string, settings = DEFAULT_SETTINGS): Marked => ({ sheet, statusColumn: 35, settings, statusFormulas: false });

describe("starting", () => {
  it("is disabled until the stored settings were looked for, found or not", () => {
    expect(isDisabled(INITIAL)).toBe(true);
    expect(isDisabled(reduce(INITIAL, { type: "loaded", stored: null }))).toBe(false);
  });

  it("takes the stored settings, corrections and choices; bad stored values fall back to the defaults", () => {
    const stored: StoredSettings = {
      settings: { ...DEFAULT_SETTINGS, threshold: 25 },
      overrides: { Лист1: [{ column: 3, as: "ignore" }] },
      source: "selection",
      statusFormulas: true,
      documents: { schoolYear: 2026, annexSchools: "risk", schoolRoadmaps: false, order: { number: "5", date: "", issuer: "" } },
    };
    const s = reduce(INITIAL, { type: "loaded", stored });
    expect(s.draft.threshold).toBe("25");
    expect(s.overrides).toEqual(stored.overrides);
    expect(s.source).toBe("selection");
    expect(s.statusFormulas).toBe(true);
    expect(s.docForm).toMatchObject({ schoolYear: "2026", annexSchools: "risk", schoolRoadmaps: false, orderNumber: "5" });
    const bad = reduce(INITIAL, { type: "loaded", stored: { settings: { threshold: 500 } } as never });
    expect(bad.draft).toEqual(DEFAULT_DRAFT);
    expect(bad.source).toBe("sheet");
  });
});

describe("work and its feedback", () => {
  const ready = reduce(INITIAL, { type: "loaded", stored: null });

  it("shows progress where the work started and clears the last message", () => {
    const s = run(
      [
        { type: "fail", text: "старая ошибка", at: "mark" },
        { type: "start", at: "documents", label: "Создание листов…" },
        { type: "progress", value: 0.5, label: "часть 1 из 2" },
      ],
      ready,
    );
    expect(s.message).toBeNull();
    expect(s.busy).toEqual({ at: "documents", label: "часть 1 из 2", value: 0.5 });
    expect(isDisabled(s)).toBe(true);
    const kept = reduce(s, { type: "progress", value: 0.75 });
    expect(kept.busy).toEqual({ at: "documents", label: "часть 1 из 2", value: 0.75 });
  });

  it("puts a failure where the work started and frees the pane", () => {
    const s = run(
      [
        { type: "start", at: "mark", label: "Запись отметок…" },
        { type: "fail", text: "Лист защищён." },
      ],
      ready,
    );
    expect(s.busy).toBeNull();
    expect(s.message).toEqual({ intent: "error", text: "Лист защищён.", at: "mark" });
    expect(isDisabled(s)).toBe(false);
  });

  const place = fc.constantFrom<Place>("start", "results", "mark", "documents");
  const event: fc.Arbitrary<SessionEvent> = fc.oneof(
    place.map((at) => ({ type: "start", at, label: "работа" }) as SessionEvent),
    fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }).map((value) => ({ type: "progress", value }) as SessionEvent),
    fc.string().map((text) => ({ type: "fail", text }) as SessionEvent),
    fc.constant<SessionEvent>({ type: "finish" }),
    fc.constant<SessionEvent>({ type: "dismiss" }),
    fc.constant<SessionEvent>({ type: "analysed", read: read001, overrides: {} }),
    fc.constant<SessionEvent>({ type: "cleared", text: "Снято." }),
    place.map((at) => ({ type: "downloaded", at, text: "Скачан файл." }) as SessionEvent),
  );

  it("never shows progress without work, and always ends work with no progress left", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        let s = ready;
        let working: Place | null = null;
        for (const e of events) {
          s = reduce(s, e);
          if (e.type === "start") working = e.at;
          if (e.type === "fail" || e.type === "finish") working = null;
          // Progress belongs to the work that runs, at the place it started.
          expect(s.busy?.at ?? null).toBe(working);
          if (e.type === "fail") expect(s.message?.intent).toBe("error");
        }
      }),
    );
  });
});

describe("analysing", () => {
  const ready = reduce(INITIAL, { type: "loaded", stored: null });

  it("shows the recognition report, the results and the next step, and folds the settings", () => {
    const s = reduce(ready, { type: "analysed", read: read001, overrides: {} });
    expect(s.read).toBe(read001);
    expect(s.open).toEqual(expect.arrayContaining(["recognition", "results", "mark"]));
    expect(s.open).not.toContain("settings");
  });

  it("keeps the marks of the same sheet (in any case) and forgets those of another", () => {
    const onSheet = { ...ready, marked: marked("приложение 1") };
    expect(reduce(onSheet, { type: "analysed", read: readOf(wideGrid(SEED_001), "Приложение 1"), overrides: {} }).marked).toEqual(
      onSheet.marked,
    );
    expect(reduce(onSheet, { type: "analysed", read: readOf(wideGrid(SEED_001), "Лист2"), overrides: {} }).marked).toBeNull();
  });
});

describe("correcting a column", () => {
  const analysed = run([
    { type: "loaded", stored: { settings: DEFAULT_SETTINGS, overrides: { Другой: [{ column: 1, as: "name" }] } } },
    { type: "analysed", read: read003, overrides: { Другой: [{ column: 1, as: "name" }] } },
  ]);
  const sheet = read003.sheet;

  it("asks for the sheet's corrections with the new one, keeping other sheets' corrections", () => {
    const next = correctedOverrides(analysed, 3, { role: "ignore", procedure: "", measure: "failPercent" })!;
    expect(next[sheet]).toEqual([{ column: 3, as: "ignore" }]);
    expect(next["Другой"]).toEqual([{ column: 1, as: "name" }]);
  });

  it("re-reading with the correction makes it the sheet's, and undoing it restores the reading", () => {
    const next = correctedOverrides(analysed, 3, { role: "ignore", procedure: "", measure: "failPercent" })!;
    const corrected = reduce(analysed, { type: "analysed", read: read003, overrides: next });
    expect(sheetOverrides(corrected)).toEqual([{ column: 3, as: "ignore" }]);
    expect(undoneOverrides(corrected, 3)![sheet]).toEqual([]);
    expect(undoneOverrides(corrected, null)).toEqual({ ...next, [sheet]: [] });
  });

  it("applying then undoing any column's current reading gives back the corrections it started with", () => {
    const columns = read003.table.columns.map((c) => c.column);
    fc.assert(
      fc.property(fc.constantFrom(...columns), (column) => {
        const next = correctedOverrides(analysed, column, formOf(read003.table, column))!;
        expect(next[sheet].map((o) => o.column)).toEqual([column]);
        const after = reduce(analysed, { type: "analysed", read: read003, overrides: next });
        expect(undoneOverrides(after, column)).toEqual({ ...analysed.overrides, [sheet]: [] });
      }),
    );
  });

  it("has nothing to correct before a table was read", () => {
    expect(correctedOverrides(INITIAL, 3, { role: "ignore", procedure: "", measure: "failPercent" })).toBeNull();
    expect(undoneOverrides(INITIAL, null)).toBeNull();
    expect(rowSelection(INITIAL, 4)).toBeNull();
  });
});

describe("marking, documents and clearing", () => {
  const analysed = run([
    { type: "loaded", stored: null },
    { type: "analysed", read: read003, overrides: {} },
  ]);
  const analysis = analyzeTable(read003.table, DEFAULT_SETTINGS);

  it("asks before inserting columns when those right of the table hold data", () => {
    expect(reduce(analysed, { type: "occupied", columns: "AJ:AK" }).dialog).toEqual({ kind: "occupied", columns: "AJ:AK" });
  });

  it("once marked, says so, opens «Документы» and allows them; new settings make the marks stale", () => {
    const m = marked(read003.sheet);
    const s = reduce(analysed, { type: "marked", marked: m, text: "Отмечено." });
    expect(s.message).toEqual({ intent: "success", text: "Отмечено.", at: "mark" });
    expect(s.open).toContain("documents");
    expect(canWriteDocuments(analysed, analysis)).toBe(false);
    expect(canWriteDocuments(s, analysis)).toBe(true);
    expect(isStale(s, analysis)).toBe(false);
    const other = analyzeTable(read003.table, { ...DEFAULT_SETTINGS, threshold: 20 });
    expect(isStale(s, other)).toBe(true);
    expect(canWriteDocuments(s, other)).toBe(false);
    expect(isStale(reduce(s, { type: "statusFormulas", on: true }), analysis)).toBe(true);
  });

  it("selects a school's row across the table, and across the status columns once marked", () => {
    const columns = read003.table.columns.map((c) => c.column);
    expect(rowSelection(analysed, 5)).toEqual({ sheet: read003.sheet, row: 5, first: Math.min(...columns), last: Math.max(...columns) });
    const s = reduce(analysed, { type: "marked", marked: { ...marked(read003.sheet), statusColumn: 40 }, text: "" });
    expect(rowSelection(s, 5)?.last).toBe(41);
  });

  it("asks before regenerating documents, and reports them when written", () => {
    const s = reduce(analysed, { type: "documentsExist", specs: [], written: ["Показатели"], notes: ["n"] });
    expect(s.dialog).toEqual({ kind: "regenerate", specs: [], written: ["Показатели"], notes: ["n"] });
    const done = reduce(reduce(s, { type: "dialog", dialog: null }), { type: "documentsDone", text: "Созданы листы." });
    expect(done.dialog).toBeNull();
    expect(done.message).toEqual({ intent: "success", text: "Созданы листы.", at: "documents" });
  });

  it("clearing asks with the generated sheets kept unless ticked, then forgets the marks", () => {
    const added = { marks: [{ sheet: read003.sheet, columns: "AJ:AK" }], sheets: [], workbookSheets: [read003.sheet] } as never;
    const asked = reduce(analysed, { type: "clearAsked", added });
    expect(asked.dialog).toEqual({ kind: "clear", added, sheets: false });
    const s = run(
      [
        { type: "marked", marked: marked(read003.sheet), text: "" },
        { type: "cleared", text: "Снято." },
      ],
      analysed,
    );
    expect(s.marked).toBeNull();
    expect(s.message).toEqual({ intent: "success", text: "Снято.", at: "mark" });
  });

  it("a download (the page's report or summary table) is reported where it was asked for", () => {
    expect(reduce(analysed, { type: "downloaded", at: "documents", text: "Скачан файл «a.xlsx»." }).message).toEqual({
      intent: "success",
      text: "Скачан файл «a.xlsx».",
      at: "documents",
    });
  });
});

describe("what is saved", () => {
  it("saves the settings shown, the corrections and the choices; nothing while the settings do not parse", () => {
    const s = run([
      { type: "loaded", stored: null },
      { type: "draft", draft: draftOf({ ...DEFAULT_SETTINGS, threshold: 35 }) },
      { type: "source", source: "selection" },
      { type: "analysed", read: read001, overrides: { [read001.sheet]: [{ column: 2, as: "name" }] } },
    ]);
    expect(storedOf(s)).toMatchObject({
      settings: { ...DEFAULT_SETTINGS, threshold: 35 },
      overrides: { [read001.sheet]: [{ column: 2, as: "name" }] },
      source: "selection",
      statusFormulas: false,
    });
    expect(storedOf(reduce(s, { type: "draft", draft: { ...s.draft, threshold: "сто" } }))).toBeNull();
  });
});
