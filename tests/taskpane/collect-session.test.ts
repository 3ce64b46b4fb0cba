/** «Собрать из выгрузок» in the pane's state machine: start, progress file k of n, the sheets written, the analysis, failure. */
import { readTable } from "../../src/core";
import type { ReadResult } from "../../src/excel";
import { DEFAULT_DRAFT } from "../../src/taskpane/logic";
import { canCollect, INITIAL, isDisabled, reduce, SessionEvent, SessionState, storedOf } from "../../src/taskpane/session";
import { STRINGS } from "../../src/taskpane/strings";
import { wideGrid } from "../fixtures/layouts";
import { SEED_003 } from "../fixtures/seeds";

const run = (events: SessionEvent[], from: SessionState = INITIAL) => events.reduce(reduce, from);
const ready = reduce(INITIAL, { type: "loaded", stored: null });
const collected = (sheet = "Свод"): SessionEvent => ({
  type: "collected",
  collected: { sheet, report: "Распознавание", files: ["ВПР РУ 4 2026.xlsx", "ВПР МА 4 2026.xlsx"], perFile: [] },
  text: STRINGS.collect.done(sheet, "Распознавание", 2, 30),
});
const readOf = (sheet: string): ReadResult => ({
  table: readTable(wideGrid(SEED_003)),
  sheet,
  address: "A1:AI40",
  rows: 40,
  columns: 35,
  source: "sheet",
});

describe("«Собрать из выгрузок»", () => {
  it("can start once the settings were looked for and parse, and not while work runs", () => {
    expect(canCollect(INITIAL)).toBe(false);
    expect(canCollect(ready)).toBe(true);
    expect(canCollect(reduce(ready, { type: "start", at: "start", label: STRINGS.collect.start }))).toBe(false);
    expect(canCollect(reduce(ready, { type: "draft", draft: { ...DEFAULT_DRAFT, threshold: "abc" } }))).toBe(false);
  });

  it("shows progress file k of n at the start, then the sheets written, then the analysis of the joined sheet", () => {
    const started = run([{ type: "start", at: "start", label: STRINGS.collect.start }], ready);
    expect(isDisabled(started)).toBe(true);
    const reading = reduce(started, { type: "progress", value: 0.3, label: STRINGS.collect.reading(2, 4, "ВПР МА 4 2026.xlsx") });
    expect(reading.busy).toEqual({ at: "start", value: 0.3, label: "Чтение файла 2 из 4: «ВПР МА 4 2026.xlsx»" });

    const written = reduce(reading, collected());
    expect(written.collected).toEqual({
      sheet: "Свод",
      report: "Распознавание",
      files: ["ВПР РУ 4 2026.xlsx", "ВПР МА 4 2026.xlsx"],
      perFile: [],
    });
    expect(written.message).toMatchObject({ intent: "success", at: "start" });
    expect(written.message?.text).toContain("на новый лист «Свод»");
    expect(written.busy).not.toBeNull();

    const analysed = run([{ type: "analysed", read: readOf("Свод"), overrides: written.overrides }, { type: "finish" }], written);
    expect(analysed.read?.sheet).toBe("Свод");
    expect(analysed.busy).toBeNull();
    // The outcome stays shown with the analysis, which opens the recognition and results.
    expect(analysed.message?.text).toContain("«Свод»");
    expect(analysed.open).toEqual(expect.arrayContaining(["recognition", "results", "mark"]));
  });

  it("reads the whole new sheet: the source becomes «sheet», corrections kept under the new sheets' names are dropped", () => {
    const before = run(
      [
        { type: "source", source: "selection" },
        {
          type: "analysed",
          read: readOf("Лист1"),
          overrides: { Лист1: [{ column: 2, as: "ignore" }], "Свод (2)": [{ column: 5, as: "ignore" }] },
        },
      ],
      ready,
    );
    const after = reduce(before, collected("Свод (2)"));
    expect(after.source).toBe("sheet");
    expect(after.overrides).toEqual({ Лист1: [{ column: 2, as: "ignore" }] });
    expect(storedOf(after)?.source).toBe("sheet");
  });

  it("forgets the marks of another sheet once the joined sheet is analysed", () => {
    const marked = run(
      [
        { type: "analysed", read: readOf("Лист1"), overrides: {} },
        {
          type: "marked",
          marked: { sheet: "Лист1", statusColumn: 35, settings: storedOf(ready)!.settings, statusFormulas: false },
          text: "ok",
        },
      ],
      ready,
    );
    const next = run([collected(), { type: "analysed", read: readOf("Свод"), overrides: {} }], marked);
    expect(next.marked).toBeNull();
  });

  it("a file that cannot be read is an error at the start, and the earlier analysis stays", () => {
    const before = run([{ type: "analysed", read: readOf("Лист1"), overrides: {} }], ready);
    const failed = run(
      [
        { type: "start", at: "start", label: STRINGS.collect.start },
        { type: "fail", text: "Книга «x.xlsx» повреждена." },
      ],
      before,
    );
    expect(failed.busy).toBeNull();
    expect(failed.message).toEqual({ intent: "error", text: "Книга «x.xlsx» повреждена.", at: "start" });
    expect(failed.read?.sheet).toBe("Лист1");
    expect(failed.collected).toBeNull();
  });
});
