/**
 * Golden test of the two metadata files the build emits: functions.json as
 * custom-functions-metadata generates it from the JSDoc, and functions-ru.json
 * as scripts/functions-ru.js makes it from src/functions/ru.ts. After a
 * deliberate change: UPDATE_GOLDEN=1 npx jest tests/functions/metadata.test.ts
 */
import * as fs from "fs";
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { loadRussian, localizeMetadata } from "../../scripts/functions-ru";
import type { RuFunction } from "../../src/functions/ru";

const FUNCTIONS_FILE = "src/functions/functions.ts";
const RU_FILE = "src/functions/ru.ts";
const EXPECTED = path.join(__dirname, "expected");

interface Metadata {
  functions: { id: string; name: string; description: string; parameters: { name: string; description: string; optional?: boolean }[] }[];
}

let english: Metadata;
let russianJson: string;
let ru: Record<string, RuFunction>;

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata([FUNCTIONS_FILE]);
  expect(generated.errors).toEqual([]);
  english = JSON.parse(generated.metadataJson);
  ru = loadRussian(RU_FILE);
  const localized = localizeMetadata(english, ru);
  expect(localized.errors).toEqual([]);
  russianJson = localized.json as string;
  if (process.env.UPDATE_GOLDEN) {
    // Two-space JSON, as Prettier writes it.
    const write = (file: string, json: string) =>
      fs.writeFileSync(path.join(EXPECTED, file), JSON.stringify(JSON.parse(json), null, 2) + "\n");
    write("functions.json", generated.metadataJson);
    write("functions-ru.json", russianJson);
  }
}, 30000);

const golden = (file: string) => JSON.parse(fs.readFileSync(path.join(EXPECTED, file), "utf8"));

describe("functions.json", () => {
  it("has the ids of the issue, shown as written (no namespace)", () => {
    expect(english.functions.map((f) => [f.id, f.name])).toEqual(
      [
        "SHNOR.STATUS",
        "SHNOR.REASON",
        "SHNOR.LOW",
        "SHNOR.COUNTLOW",
        "INDICATOR.DOLYA",
        "INDICATOR.DOLYAIF",
        "INDICATOR.DINAMIKA",
        "INDICATOR.STATUS",
      ].map((id) => [id, id]),
    );
  });

  it("has the parameters of the issue, the optional ones marked", () => {
    const signature = (f: Metadata["functions"][number]) => f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
    expect(Object.fromEntries(english.functions.map((f) => [f.id, signature(f)]))).toEqual({
      "SHNOR.STATUS": "results, headers, [year], [threshold]",
      "SHNOR.REASON": "results, headers, [year], [threshold]",
      "SHNOR.LOW": "percent, [threshold]",
      "SHNOR.COUNTLOW": "results, headers, [year], [threshold]",
      "INDICATOR.DOLYA": "part, whole, [digits]",
      "INDICATOR.DOLYAIF": "range, criterion, [digits]",
      "INDICATOR.DINAMIKA": "before, after, [lowerIsBetter], [tolerance]",
      "INDICATOR.STATUS": "actual, target, [lowerIsBetter]",
    });
  });

  it("matches the golden file", () => {
    expect(english).toEqual(golden("functions.json"));
  });
});

describe("functions-ru.json", () => {
  it("has the Russian names of the issue under the same ids", () => {
    const russian = JSON.parse(russianJson) as Metadata;
    expect(Object.fromEntries(russian.functions.map((f) => [f.id, f.name]))).toEqual({
      "SHNOR.STATUS": "ШНОР.СТАТУС",
      "SHNOR.REASON": "ШНОР.ПРИЧИНА",
      "SHNOR.LOW": "ШНОР.НИЗКИЙ",
      "SHNOR.COUNTLOW": "ШНОР.ЧИСЛОНИЗКИХ",
      "INDICATOR.DOLYA": "ПОКАЗАТЕЛЬ.ДОЛЯ",
      "INDICATOR.DOLYAIF": "ПОКАЗАТЕЛЬ.ДОЛЯЕСЛИ",
      "INDICATOR.DINAMIKA": "ПОКАЗАТЕЛЬ.ДИНАМИКА",
      "INDICATOR.STATUS": "ПОКАЗАТЕЛЬ.СТАТУС",
    });
  });

  it("names the parameters in Russian and keeps everything else of functions.json", () => {
    const russian = JSON.parse(russianJson) as Metadata;
    expect(russian.functions[0].parameters.map((p) => p.name)).toEqual(["результаты", "заголовки", "год", "порог"]);
    russian.functions.forEach((f, i) => {
      const en = english.functions[i];
      expect(f.parameters.map((p) => p.optional)).toEqual(en.parameters.map((p) => p.optional));
      expect(f.description).not.toBe(en.description);
      expect({ ...f, name: en.name, description: en.description, parameters: en.parameters }).toEqual(en);
    });
  });

  it("matches the golden file", () => {
    expect(JSON.parse(russianJson)).toEqual(golden("functions-ru.json"));
  });
});

describe("the Russian table cannot drift from the functions", () => {
  const clone = () => JSON.parse(JSON.stringify(ru)) as Record<string, RuFunction>;

  it("fails for a function without a Russian entry, and for an entry without a function", () => {
    const missing = clone();
    delete missing["SHNOR.LOW"];
    expect(localizeMetadata(english, missing)).toEqual({ json: null, errors: ["SHNOR.LOW: no Russian entry in ru.ts"] });
    const extra = clone();
    extra["SHNOR.SCHOOLS"] = { ...extra["SHNOR.LOW"], name: "ШНОР.ШКОЛЫ" };
    expect(localizeMetadata(english, extra).errors).toEqual(["ru.ts has an entry for SHNOR.SCHOOLS, which functions.ts does not define"]);
  });

  it("fails for a parameter on one side only", () => {
    const renamed = clone();
    const params = renamed["SHNOR.LOW"].parameters;
    params.value = params.percent;
    delete params.percent;
    expect(localizeMetadata(english, renamed).errors).toEqual([
      "SHNOR.LOW: ru.ts names a parameter «value» that functions.ts does not have",
      "SHNOR.LOW: parameter «percent» has no Russian entry",
    ]);
  });

  it("fails for a name Excel refuses or a name used twice", () => {
    const bad = clone();
    bad["SHNOR.LOW"].name = "ШНОР НИЗКИЙ";
    bad["SHNOR.REASON"].name = "шнор.статус";
    const errors = localizeMetadata(english, bad).errors;
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/SHNOR.REASON: Russian name «шнор.статус» is already used by SHNOR.STATUS/);
    expect(errors[1]).toMatch(/SHNOR.LOW: Russian name «ШНОР НИЗКИЙ» must start with a letter/);
  });

  it("fails when an English name differs from its id (a stray word after @customfunction)", () => {
    const renamed = JSON.parse(JSON.stringify(english)) as Metadata;
    renamed.functions[2].name = "LOW";
    expect(localizeMetadata(renamed, ru).errors).toEqual([
      "SHNOR.LOW: English name «LOW» differs from the id; write @customfunction SHNOR.LOW alone",
    ]);
  });

  it("fails for an empty or overlong description", () => {
    const bad = clone();
    bad["INDICATOR.DOLYA"].description = "";
    bad["INDICATOR.STATUS"].parameters.target.description = "я".repeat(300);
    expect(localizeMetadata(english, bad).errors).toEqual([
      "INDICATOR.DOLYA: Russian description: empty",
      "INDICATOR.STATUS(target): Russian description: 300 characters, more than 255",
    ]);
  });
});
