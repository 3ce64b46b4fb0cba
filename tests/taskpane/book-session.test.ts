/**
 * The page's session with the settings a book keeps (pure reducer, no files):
 * a book's values replace the form's, setting them aside gives back exactly the
 * form as it was, and the next file never inherits the last one's.
 */
import fc from "fast-check";
import { KNOWN_SUBJECTS, PROCEDURE_TYPES, resolveSettings, Settings, StoredSettings } from "../../src/core";
import type { FoundBookSettings } from "../../src/taskpane/host";
import { documentsForm, draftOf } from "../../src/taskpane/logic";
import { bookLines, INITIAL, pageSettings, parsedSettings, reduce, SessionState } from "../../src/taskpane/session";

const settingsArb: fc.Arbitrary<Settings> = fc
  .record({
    threshold: fc.integer({ min: 1, max: 100 }),
    year: fc.option(fc.integer({ min: 2015, max: 2030 }), { nil: null }),
    countedTypes: fc.subarray([...PROCEDURE_TYPES], { minLength: 1 }),
    countedSubjects: fc.subarray([...KNOWN_SUBJECTS], { minLength: 1 }),
    minParticipants: fc.integer({ min: 1, max: 50 }),
    criterion2: fc.constantFrom("any" as const, "same" as const),
  })
  .map((s) => resolveSettings(s));

const found = (stored: StoredSettings | null, notices: string[] = []): FoundBookSettings => ({
  book: stored ? "книга.xlsx" : null,
  stored,
  notices,
  sheets: ["Лист1"],
  overridesBySheet: stored?.overrides ?? {},
});

const start = (settings: Settings): SessionState =>
  reduce(reduce(INITIAL, { type: "loaded", stored: null }), { type: "draft", draft: draftOf(settings) });

const storedOf = (settings: Settings): StoredSettings => ({
  settings,
  overrides: { Лист1: [{ column: 2, as: "ignore" }] },
  documents: { order: { number: "7" }, annexSchools: "all" },
});

it("a book's settings become the form's; set aside, the form is exactly as before; set again, the book's", () => {
  fc.assert(
    fc.property(settingsArb, settingsArb, (mine, book) => {
      const before = start(mine);
      const opened = reduce(before, { type: "bookFound", found: found(storedOf(book)) });
      expect(parsedSettings(opened).settings).toEqual(book);
      expect(pageSettings(opened)!.settings).toEqual(book);
      expect(pageSettings(opened)!.changed).toEqual({});
      expect(opened.overrides).toEqual({ Лист1: [{ column: 2, as: "ignore" }] });
      expect(opened.docForm).toEqual(documentsForm({ order: { number: "7" }, annexSchools: "all" }));
      const off = reduce(opened, { type: "applyBook", on: false });
      expect(off.draft).toEqual(before.draft);
      expect(off.docForm).toEqual(before.docForm);
      expect(off.overrides).toEqual({});
      expect(reduce(off, { type: "applyBook", on: true }).draft).toEqual(opened.draft);
      // The next file without settings starts from the form as it was, not from the book's.
      const next = reduce(opened, { type: "bookFound", found: found(null) });
      expect(next.draft).toEqual(before.draft);
      expect(next.book).toBeNull();
    }),
    { numRuns: 50 },
  );
});

it("a value changed after the book's wins and is named as the page's; the book's documents the form lacks stay", () => {
  const opened = reduce(start(resolveSettings({})), {
    type: "bookFound",
    found: found({ ...storedOf(resolveSettings({ threshold: 35 })), documents: { names: { uo: "УО района" }, order: { number: "7" } } }),
  });
  const changed = reduce(opened, { type: "draft", draft: { ...opened.draft, minParticipants: "5" } });
  const used = pageSettings(changed)!;
  expect(used.settings).toEqual(resolveSettings({ threshold: 35, minParticipants: 5 }));
  expect(used.changed).toEqual({ minParticipants: 5 });
  expect(used.documents.names).toEqual({ uo: "УО района" });
  expect(bookLines(changed)![0]).toMatch(
    /^Настройки из книги «книга\.xlsx»: порог 35 %.*; изменены на странице: участников не меньше 5\.$/,
  );
});

it("notices without settings are shown, and nothing applies", () => {
  const state = reduce(start(resolveSettings({ threshold: 20 })), { type: "bookFound", found: found(null, ["Настройки … не применены."]) });
  expect(state.book?.applied).toBe(false);
  expect(parsedSettings(state).settings!.threshold).toBe(20);
  expect(bookLines(state)).toEqual(["Настройки … не применены."]);
  // Nothing to apply: the checkbox event changes nothing.
  expect(reduce(state, { type: "applyBook", on: true })).toBe(state);
});
