/**
 * The Word documents' descriptions (core), before any writer: names as
 * written, one row per chosen school, numbers kept with their «%», the
 * landscape roadmap, and the one list every host renders.
 */
import { analyzeTable, dynamicsOf, readTable, taskAnalysis, wordTexts } from "../../../src/core";
import { resolveDocumentSettings, WORD_FILES, wordDocuments } from "../../../src/core/documents";
import { wideGrid } from "../../fixtures/layouts";
import { SEED_003 } from "../../fixtures/seeds";

const table = readTable(wideGrid(SEED_003));
const analysis = analyzeTable(table);
const docs = (annexSchools: "shnor" | "all" = "shnor") =>
  wordDocuments({
    table,
    analysis,
    settings: resolveDocumentSettings(analysis, { annexSchools }),
    dynamics: dynamicsOf(analysis),
    tasks: taskAnalysis([]),
    read: ["файл «x.xlsx», лист «Приложение 1»"],
  });

it("lists the three documents under their file names, the roadmap landscape", () => {
  expect(docs().map((d) => [d.fileName, d.orientation])).toEqual([
    [WORD_FILES.annex, "portrait"],
    [WORD_FILES.note, "portrait"],
    [WORD_FILES.roadmap, "landscape"],
  ]);
});

it("keeps the schools' names exactly as written («№ 1» too), one annex row per chosen school", () => {
  for (const schools of ["shnor", "all"] as const) {
    const annex = docs(schools)[0];
    const table = annex.blocks.find((b) => b.kind === "table");
    if (table?.kind !== "table") throw new Error("no table");
    const chosen = analysis.verdicts.filter((v) => schools === "all" || v.status === "shnor").map((v) => v.school.name);
    expect(table.rows.map((r) => r.cells[1].text)).toEqual(chosen);
    expect(chosen.some((n) => n.includes("№ "))).toBe(true);
  }
});

it("keeps a number with its «%» on one line, and never doubles a stop", () => {
  for (const doc of docs()) {
    const texts = wordTexts(doc);
    expect(texts.filter((t) => /\d %/.test(t))).toEqual([]);
    expect(texts.filter((t) => /[^.]\.\.(?!\.)/.test(t))).toEqual([]);
  }
});
