/**
 * `shnor forms REPORT.xlsx -o DIR`: one form a school, from the report's
 * manifest. `shnor collect-forms FILE|FOLDER… --into REPORT.xlsx -o NEW.xlsx`:
 * the returned forms checked, matched by their identity and summed into a
 * copy of the report. REPORT and the forms are only read.
 */
import { mkdir, readFile, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { ShnorError } from "../core";
import { collectedJson, formBooks, NO_FORMS, ReadForm, SCHOOL_STATUS_TEXT } from "../core/forms";
import { collectIntoReport, readFormFile, readFormsManifest } from "../io/forms";
import { fileSource } from "../io/node";
import type { ByteSource } from "../io/types";
import { formBytes } from "../writers/forms";
import { expandInputs } from "./inputs";
import type { Io } from "./io";
import { parseOptions, schoolsOption } from "./options";
import { checkOutput, nameTooLong, probeFolder, tempBeside, writeFailure, writeOutput } from "./output";

/** How a failure to write the forms names them: «Не удалось записать формы в папку «…»: …». */
const FORMS_FOLDER = "формы в папку";

async function manifestOf(report: string) {
  const source = await fileSource(report);
  try {
    return await readFormsManifest(source);
  } finally {
    await source.close?.();
  }
}

/** The nearest folder that exists above `path` (the forms' folder is made with its missing parents). */
async function nearestFolder(path: string): Promise<string> {
  let dir = dirname(resolve(path));
  while (!(await stat(dir).catch(() => null)) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export async function formsCommand(args: string[], io: Io, usage: string): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    help: { type: "boolean", short: "h" },
    output: { type: "string", short: "o" },
    schools: { type: "string" },
    period: { type: "string" },
  } as const);
  if (values.help) {
    io.out(usage);
    return 0;
  }
  if (positionals.length !== 1) throw new ShnorError("bad-setting", "Укажите одну книгу отчёта: shnor forms ОТЧЁТ.xlsx -o ПАПКА");
  const dir = values.output as string | undefined;
  if (!dir) throw new ShnorError("bad-setting", "Укажите папку для форм: shnor forms ОТЧЁТ.xlsx -o ПАПКА");
  const which = schoolsOption(values.schools as string | undefined) ?? "shnor";
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) throw new ShnorError("bad-setting", `«${dir}» — не папка: укажите папку для форм.`);
  // Before the report is read: the folder can be made, or written in.
  if (!info && nameTooLong(dir)) throw writeFailure(dir, { code: "ENAMETOOLONG" }, FORMS_FOLDER);
  await probeFolder(info ? dir : await nearestFolder(dir), (e) => writeFailure(dir, e, FORMS_FOLDER));
  const manifest = await manifestOf(positionals[0]);
  const forms = formBooks(manifest, which, values.period as string | undefined);
  if (forms.length === 0)
    throw new ShnorError(
      "bad-setting",
      which === "shnor"
        ? `${NO_FORMS.shnor} Формы для ОО зоны риска или для всех ОО: --schools risk или --schools all.`
        : which === "risk"
          ? `${NO_FORMS.risk} Формы для всех ОО: --schools all.`
          : NO_FORMS.all,
    );
  // Never over a file already there: it may be a school's answer.
  for (const form of forms)
    if (await stat(join(dir, form.fileName)).catch(() => null))
      throw new ShnorError(
        "bad-setting",
        `В папке «${dir}» уже есть файл «${form.fileName}»: укажите пустую папку, файлы в ней не заменяются.`,
      );
  // Each form written beside its name and renamed; a failure leaves no form and no temporary file.
  const written: string[] = [];
  try {
    await mkdir(dir, { recursive: true });
    for (const form of forms) {
      const target = join(dir, form.fileName);
      const temp = tempBeside(target);
      written.push(temp);
      await writeFile(temp, await formBytes(form));
      await rename(temp, target);
      written.push(target);
    }
  } catch (e) {
    for (const f of written) await rm(f, { force: true }).catch(() => undefined);
    throw writeFailure(dir, e, FORMS_FOLDER);
  }
  io.out(`Записаны формы: ${forms.length} в папку «${dir}».`);
  for (const form of forms) io.out(`  ${form.fileName}`);
  if (manifest.indicators.length === 0) io.out("В отчёте нет показателей, которые заполняют школы: в формах только дорожные карты.");
  return 0;
}

export async function collectFormsCommand(args: string[], io: Io, usage: string): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    help: { type: "boolean", short: "h" },
    output: { type: "string", short: "o" },
    into: { type: "string" },
    schools: { type: "string" },
    json: { type: "boolean" },
  } as const);
  if (values.help) {
    io.out(usage);
    return 0;
  }
  if (positionals.length === 0)
    throw new ShnorError(
      "bad-setting",
      "Укажите файлы или папки с формами: shnor collect-forms ФАЙЛ|ПАПКА … --into ОТЧЁТ.xlsx -o НОВЫЙ.xlsx",
    );
  const into = values.into as string | undefined;
  if (!into) throw new ShnorError("bad-setting", "Укажите отчёт, в который собрать формы: --into ОТЧЁТ.xlsx");
  const expected = schoolsOption(values.schools as string | undefined);
  await checkOutput(values.output as string | undefined, [...positionals, into], "книгу с собранными формами");
  const output = values.output as string;
  const manifest = await manifestOf(into);

  // The report and the new book are never read as forms, even in the folder given.
  const skip = new Set([await realpath(into).catch(() => resolve(into)), resolve(output)]);
  const files = [];
  for (const f of await expandInputs(positionals)) if (!skip.has(await realpath(f.path).catch(() => resolve(f.path)))) files.push(f);
  const forms: ReadForm[] = [];
  for (const f of files) {
    let source: ByteSource;
    try {
      source = await fileSource(f.path, f.name);
    } catch (e) {
      if (!(e instanceof ShnorError)) throw e;
      forms.push({ file: f.name, error: `файл не прочитан: ${e.message}` });
      continue;
    }
    try {
      forms.push(await readFormFile(source));
    } finally {
      await source.close?.();
    }
  }
  const { bytes, collected, plan } = await collectIntoReport(
    { name: basename(into), bytes: await readFile(into), manifest },
    forms,
    expected,
  );
  await writeOutput(output, (temp) => writeFile(temp, bytes));

  if (values.json) {
    io.out(JSON.stringify({ output: basename(output), ...collectedJson(collected), replaced: plan.replaced }));
    return 0;
  }
  io.out(`Записана книга «${output}»: отчёт «${basename(into)}» с собранными формами (лист «${plan.sheet.name}»).`);
  io.out(plan.summary);
  for (const s of collected.schools)
    io.out(
      `  ${s.name}${s.login ? ` (${s.login})` : ""}: ${SCHOOL_STATUS_TEXT[s.status]}${s.files.length ? ` — ${s.files.join(", ")}` : ""}${s.note ? `; ${s.note}` : ""}`,
    );
  if (collected.rejected.length > 0) {
    io.out("Не принято:");
    for (const r of collected.rejected)
      io.out(
        `  ${r.file}${r.sheet ? `, лист «${r.sheet}»` : ""}${r.cell ? `, ${r.cell}` : ""}${r.value !== null ? `: «${String(r.value)}»` : ""} — ${r.reason}`,
      );
  }
  for (const r of plan.replaced)
    io.out(`Заменено значение, введённое в отчёте: «${r.sheet}» ${r.cell}: «${String(r.before)}» → «${String(r.after)}».`);
  return 0;
}
