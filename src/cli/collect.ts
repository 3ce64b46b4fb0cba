/**
 * `shnor collect`: many exports into the one wide table officials keep
 * («свод»), with what was read from each file on a second sheet. The sources
 * are only read; the new book is written beside its target and renamed.
 */
import { collectedSettings, ShnorError } from "../core";
import { bookSettings, settingsAfterReading, settingsSource } from "./book-settings";
import { storeSettings } from "./report-settings";
import { checkOutput, streamBook, writeOutput } from "./output";
import { collectLines, collectSpecs } from "../writers/collect-book";
import { streamingSink } from "../writers/stream-book";
import { readInputPaths } from "./inputs";
import type { Io } from "./io";
import { parseOptions, RULE_OPTIONS } from "./options";

const OPTIONS = {
  sheet: RULE_OPTIONS.sheet,
  help: RULE_OPTIONS.help,
  "ignore-book-settings": RULE_OPTIONS["ignore-book-settings"],
  output: { type: "string", short: "o" },
} as const;

export async function collectCommand(args: string[], io: Io, usage: string): Promise<number> {
  const { values, positionals } = parseOptions(args, OPTIONS);
  if (values.help) {
    io.out(usage);
    return 0;
  }
  if (positionals.length === 0)
    throw new ShnorError("bad-setting", "Укажите файлы или папки с выгрузками: shnor collect ФАЙЛ|ПАПКА … -o СВОД.xlsx");
  const output = values.output as string | undefined;
  await checkOutput(output, positionals, "свод");
  // The book's stored settings and corrections, as analyze and report read it; the «Свод» keeps the settings.
  const found = await bookSettings(positionals, values["ignore-book-settings"] === true);
  const read = await readInputPaths(positionals, { sheet: values.sheet, overridesBySheet: found.stored?.overrides });
  // As analyze would apply them: a stored year the table has no results for is not carried into the «Свод».
  const stored = settingsAfterReading(found, read, {});
  const specs = collectSpecs(read);
  const kept = stored.stored ? collectedSettings(stored.stored) : null;

  const target = output as string;
  // Row by row through the report's streaming writer: a region's «Свод» held as exceljs's rows and cells was 3.5 GB.
  await writeOutput(target, async (temp) => {
    await streamBook(temp, async (book) => {
      const sink = streamingSink(book);
      for (let spec = specs.shift(); spec; spec = specs.shift()) await sink.spec(spec);
    });
    if (kept) await storeSettings(temp, kept);
  });
  const [counts, ...rest] = collectLines(read);
  io.out(`Записан свод «${target}»: ${counts}`);
  for (const line of rest) io.out(line);
  const { lines } = settingsSource(stored, {}, read);
  for (const line of lines) io.out(line);
  if (kept) io.out("Эти настройки записаны в свод: shnor analyze свода даёт тот же ответ, что и исходных файлов.");
  else if (stored.notices.length > 0) io.out("В свод настройки из книг не записаны.");
  return 0;
}
