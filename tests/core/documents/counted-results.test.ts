/**
 * Every figure of the documents speaks of the results the rule counts. With a
 * minimum number of participants, a result with fewer participants must weigh
 * exactly as if it were not in the table: the documents built from the table
 * with it and from the table with its cells blanked must agree cell for cell.
 */
import fc from "fast-check";
import { Cell, SheetGrid } from "../../../src/core";
import { computeIndicator, ComputeKey, DYNAMICS_KIND, INDICATORS_KIND, NOTE_KIND } from "../../../src/core/documents";
import { evaluate, setup, Setup } from "./harness";

const PROCEDURES = [
  "ВПР математика 5 кл. 2018",
  "ВПР русский язык 5 кл. 2018",
  "ВПР математика 5 кл. 2019",
  "ВПР русский язык 5 кл. 2019",
  "ОГЭ математика 2019",
];
const KEYS: ComputeKey[] = [
  "shareShnor",
  "countShnor",
  "shareRisk",
  "sharePositiveDynamicsVpr",
  "shareLowProcedures",
  "shareGiaFail",
  "countLeftShnor",
  "shareLeftShnor",
];

interface Result {
  participants: number;
  percent: number;
}

/**
 * A wide table: a procedure over two columns, «Количество участников» and «% «2»»; null: no result.
 * The first school has every result with many participants, so both tables list the same procedures.
 */
function grid(schools: (Result | null)[][]): SheetGrid {
  const values: Cell[][] = [
    ["Название ОО", ...PROCEDURES.flatMap((p) => [p, null])],
    [null, ...PROCEDURES.flatMap(() => ["Количество участников", "% «2»"])],
    ["Школа 0", ...PROCEDURES.flatMap((_, i) => [30, 10 * i])],
    ...schools.map((results, i) => [`Школа ${i + 1}`, ...results.flatMap((r) => (r ? [r.participants, r.percent] : [null, null]))]),
  ];
  const merges = PROCEDURES.map((_, i) => ({ top: 0, left: 1 + 2 * i, bottom: 0, right: 2 + 2 * i }));
  return { values, merges, sheetName: "Результаты" };
}

/** Every value a sheet shows once its formulas are worked out. */
function shown(s: Setup, kind: string): unknown[][] {
  const sheet = s.sheet(kind);
  const book = evaluate(s, [sheet]);
  return book.hf.getSheetValues(book.hf.getSheetId(sheet.name) as number);
}

const result = fc.option(fc.record({ participants: fc.integer({ min: 1, max: 30 }), percent: fc.integer({ min: 0, max: 100 }) }), {
  nil: null,
  freq: 5,
});
const table = fc.array(fc.array(result, { minLength: PROCEDURES.length, maxLength: PROCEDURES.length }), { minLength: 2, maxLength: 8 });

describe("the documents count what the rule counts", () => {
  it("a result under the minimum of participants changes no figure (property)", () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 2, max: 25 }), (schools, min) => {
        const rule = { minParticipants: min };
        const blanked = schools.map((row) => row.map((r) => (r && r.participants < min ? null : r)));
        const withSmall = setup(grid(schools), {}, rule);
        const without = setup(grid(blanked), {}, rule);
        expect(withSmall.analysis.verdicts.map((v) => [v.status, v.criteria])).toEqual(
          without.analysis.verdicts.map((v) => [v.status, v.criteria]),
        );
        for (const key of KEYS) expect(computeIndicator(key, withSmall.analysis)).toEqual(computeIndicator(key, without.analysis));
        for (const kind of [NOTE_KIND, DYNAMICS_KIND, INDICATORS_KIND]) expect(shown(withSmall, kind)).toEqual(shown(without, kind));
      }),
      { numRuns: 25 },
    );
  });

  it("the note's mean % «2» leaves out a result with too few participants", () => {
    // Besides the first school, two: every result with 20 participants, one of 2019 with 3 participants and 90 % «2».
    const full = { participants: 20, percent: 10 };
    const small = { participants: 3, percent: 90 };
    const s = setup(
      grid([
        [full, full, full, full, null],
        [full, full, small, full, null],
      ]),
      {},
      { minParticipants: 5 },
    );
    const values = shown(s, NOTE_KIND);
    const row = values.find((line) => line[0] === "Средняя доля «2» по учитываемым процедурам, %");
    // 2018: 0, 10 and four times 10 → 8,3; 2019: 20, 30, 40 and three times 10 → 20 (with the small result, 210 / 7 = 30).
    expect(row?.slice(1, 4)).toEqual([8.3, 20, 11.7]);
  });
});
