/**
 * Options both commands take, and their reading: one Russian line for a bad
 * option, and the rule's settings from the words a user typed.
 */
import { parseArgs, ParseArgsConfig } from "node:util";
import { acceptsDocumentSettings, AnnexSchools, INDICATORS } from "../core/documents";
import {
  Criterion2Variant,
  END_YEAR_EXAMPLE,
  parseEndYear,
  ProcedureType,
  procedureTypeOf,
  resolveSettings,
  Settings,
  ShnorError,
  subjectFromText,
} from "../core";

/** The rule's settings and the sheet: shared by `analyze` and `report`. */
export const RULE_OPTIONS = {
  sheet: { type: "string" },
  year: { type: "string" },
  threshold: { type: "string" },
  criterion2: { type: "string" },
  "min-participants": { type: "string" },
  subjects: { type: "string" },
  types: { type: "string" },
  "ignore-book-settings": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * `--threshold -1` would otherwise be read as an unknown option «-1»: a value
 * that starts with a minus goes with the option before it, so the range check
 * below can name the real problem.
 */
function joinNegativeValues(args: string[], options: Options): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = /^--([^=]+)$/.exec(args[i])?.[1];
    const next = args[i + 1];
    if (name && options[name]?.type === "string" && next !== undefined && /^-[\d.,]/.test(next)) {
      joined.push(`${args[i]}=${next}`);
      i++;
    } else joined.push(args[i]);
  }
  return joined;
}

export function parseOptions<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals: true, strict: true });
  } catch (e) {
    const option = /'([^']+)'/.exec((e as Error).message)?.[1];
    throw new ShnorError(
      "bad-setting",
      option ? `Неизвестный или неполный параметр «${option}». Справка: shnor --help` : "Неверные параметры. Справка: shnor --help",
    );
  }
}

export interface RuleOptionValues {
  year?: string;
  threshold?: string;
  criterion2?: string;
  "min-participants"?: string;
  subjects?: string;
  types?: string;
}

/**
 * The rule's settings from the words typed: the words are read here (a number, a year, a
 * subject's name), and the values are checked by core's resolveSettings, whose Russian
 * line the command prints, before any file is read.
 */
export function settingsFromOptions(values: RuleOptionValues): Partial<Settings> {
  const settings: Partial<Settings> = {};
  if (values.threshold !== undefined) settings.threshold = numberOption("--threshold", values.threshold);
  if (values.year !== undefined) settings.year = yearOption(values.year);
  if (values["min-participants"] !== undefined) settings.minParticipants = numberOption("--min-participants", values["min-participants"]);
  if (values.criterion2 !== undefined) settings.criterion2 = values.criterion2 as Criterion2Variant;
  // A name core does not know stays as typed, so core's message quotes it.
  if (values.subjects !== undefined) settings.countedSubjects = values.subjects.split(",").map((s) => subjectFromText(s) ?? s.trim());
  if (values.types !== undefined)
    settings.countedTypes = values.types.split(",").map((t) => procedureTypeOf(t) ?? (t.trim() as ProcedureType));
  resolveSettings(settings);
  return settings;
}

/** The previous school year: its end year («2025») or the school year written whole («2024/2025»). */
/** `--schools` of `shnor report` and `shnor forms`: which schools the annex lists and the forms are made for. */
export function schoolsOption(text: string | undefined): AnnexSchools | undefined {
  if (text === undefined) return undefined;
  // Core decides what is accepted; the line names the option, as the command's users know it.
  if (!acceptsDocumentSettings({ annexSchools: text as AnnexSchools }))
    throw new ShnorError("bad-setting", "--schools: shnor (только ШНОР), risk (ШНОР и зона риска) или all (все ОО).");
  return text as AnnexSchools;
}

export function yearOption(text: string): number {
  const year = parseEndYear(text);
  if (year === null) throw new ShnorError("bad-setting", `--year: учебный год результатов, ${END_YEAR_EXAMPLE}, а не «${text}».`);
  return year;
}

/** Decimal only, as a person types it: «30», «12,5», «-1». No «0x10», «1e-320» or «Infinity». */
const DECIMAL = /^[+-]?\d+(?:[.,]\d+)?$/;

export function numberOption(name: string, text: string): number {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) throw new ShnorError("bad-setting", `${name}: нужно десятичное число, например 30 или 12,5, а не «${text}».`);
  return Number(trimmed.replace(",", "."));
}

/** `shnor report --indicators list`: each indicator's code, the typical set marked, and its wording. */
export function indicatorList(): string[] {
  const typical = INDICATORS.filter((i) => i.typical).length;
  return [
    `Показатели каталога: ${INDICATORS.length}; * — типовой набор (${typical}, берётся по умолчанию). Коды — для --indicators через запятую.`,
    ...INDICATORS.map((i) => `${i.typical ? "*" : " "} ${i.id} — ${i.wording} (${i.unit})`),
  ];
}
