/**
 * `--json` is written as it is made (writeJson): never held whole, and the
 * same bytes JSON.stringify of the whole report gives — the contract's keys,
 * order and values. The readable report likewise streams its lines.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import {
  analyzeTable,
  dynamicsInputOf,
  dynamicsOf,
  jsonReport,
  jsonReportStream,
  LazyJsonArray,
  readTable,
  writeJson,
} from "../../src/core";
import { main } from "../../src/cli/main";
import { readableReport } from "../../src/cli/readable";
import { fisOkoGrids, longGrid, wideGrid, writeWorkbook } from "../fixtures/layouts";
import { SEED_001, SEED_003 } from "../fixtures/seeds";
import { gridOf } from "../../bench/generate";
import { PATIENCE } from "../fixtures/patience";

const dir = mkdtempSync(join(tmpdir(), "shnor-stream-"));
const root = join(__dirname, "..", "..");

async function written(value: Record<string, unknown>): Promise<{ text: string; chunks: number }> {
  const chunks: string[] = [];
  await writeJson(value, async (chunk) => {
    // The writer waits for the output: a slow one holds it back.
    await new Promise((resolve) => setImmediate(resolve));
    chunks.push(chunk);
  });
  return { text: chunks.join(""), chunks: chunks.length };
}

describe("writeJson writes what JSON.stringify writes", () => {
  const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.string({ unit: "grapheme" }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
    ),
  })).value;

  it("for any value, with its long lists made lazily (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), json, { maxKeys: 6 }), fc.array(json, { maxLength: 30 }), async (value, list) => {
        const lazy = { ...value, list: new LazyJsonArray(list.length, (i) => list[i]), after: value };
        const plainValue = { ...value, list, after: value };
        const expected = JSON.stringify(plainValue);
        expect((await written(lazy)).text).toBe(expected);
        // toJSON gives the array, so JSON.stringify of the lazy report is the same text too.
        expect(JSON.stringify(lazy)).toBe(expected);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it("a region's report in pieces of about 64 K characters", async () => {
    const table = readTable({ values: gridOf(1500), sheetName: "Результаты" });
    const analysis = analyzeTable(table);
    const dynamics = dynamicsOf(analysis, dynamicsInputOf(table));
    const stream = jsonReportStream("region.xlsx", table, analysis, undefined, dynamics);
    expect(stream.dynamics.length).toBeGreaterThan(10_000);
    const { text, chunks } = await written({ ...stream, settingsSource: { book: null } });
    expect(text).toBe(
      JSON.stringify({ ...jsonReport("region.xlsx", table, analysis, undefined, dynamics), settingsSource: { book: null } }),
    );
    expect(chunks).toBeGreaterThan(text.length / (1 << 16) - 1);
  });
});

describe("shnor analyze writes the same bytes streamed as whole", () => {
  const books: [string, () => Promise<string>][] = [
    ["the sample", async () => join(root, "samples", "prilozhenie-1.xlsx")],
    [
      "a wide table",
      async () => {
        const file = join(dir, "wide.xlsx");
        await writeWorkbook(file, [wideGrid(SEED_003, { clutter: true }), wideGrid(SEED_001, { headerRows: 3, sheetName: "Сид" })]);
        return file;
      },
    ],
    [
      "a long table",
      async () => {
        const file = join(dir, "long.xlsx");
        await writeWorkbook(file, [longGrid(SEED_003)]);
        return file;
      },
    ],
    [
      "ФИС ОКО sheets",
      async () => {
        const file = join(dir, "fisoko.xlsx");
        await writeWorkbook(file, fisOkoGrids(SEED_003));
        return file;
      },
    ],
    [
      "a region of 2,000 schools",
      async () => {
        const file = join(dir, "region.xlsx");
        await writeWorkbook(file, [{ values: gridOf(2000), sheetName: "Результаты" }]);
        return file;
      },
    ],
  ];

  // Four runs over a 2,000-school region: on a loaded machine more than jest's 30 s, so the patience of a file step.
  it.each(books)(
    "%s",
    async (_name, make) => {
      const file = await make();
      for (const args of [["--json"], []]) {
        const whole: string[] = [];
        const pieces: string[] = [];
        const err: string[] = [];
        // Without `write` the command gathers the pieces and prints them once, with it piece by piece.
        expect(await main(["analyze", file, ...args], { out: (t) => whole.push(t), err: (t) => err.push(t) })).toBe(0);
        const code = await main(["analyze", file, ...args], {
          out: (t) => pieces.push(`${t}\n`),
          err: (t) => err.push(t),
          write: (chunk) => void pieces.push(chunk),
        });
        expect([code, err]).toEqual([0, []]);
        expect(whole).toHaveLength(1);
        expect(pieces.join("")).toBe(`${whole[0]}\n`);
        if (args.includes("--json")) expect(() => JSON.parse(whole[0])).not.toThrow();
      }
    },
    PATIENCE,
  );

  it("the readable report is made line by line", () => {
    const table = readTable({ values: gridOf(300), sheetName: "Результаты" });
    const lines = readableReport("r.xlsx", table, analyzeTable(table));
    expect(typeof lines.next).toBe("function");
    expect([...lines].length).toBeGreaterThan(300);
  });
});
