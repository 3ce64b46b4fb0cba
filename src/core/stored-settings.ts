/**
 * The settings of the last analysis as the workbook keeps them: one custom XML
 * part that the add-in's Excel writer saves and that the command and the web
 * page read from the .xlsx package. One definition, so every host gives the
 * same answer on the same file.
 *
 * Why custom XML rather than the add-in's document settings: those belong to
 * one add-in ID, and the sideloaded copy, the deployed copy and `shnor` would
 * each see their own or none. A custom XML part is plain XML inside the file.
 */
import { Role } from "./documents/catalogue";
import { acceptsDocumentSettings, DEFAULT_NAMES, DocumentSettingsInput } from "./documents/settings";
import { completeProcedure, parseProcedureParts } from "./procedures";
import { DEFAULT_SETTINGS, resolveSettings, Settings } from "./rule";
import { ColumnOverride } from "./table/overrides";
import { Measure, MEASURE_TEXT } from "./vocabulary";
import { ShnorError } from "./errors";
import { SHEET_COLUMNS } from "./render-contract/address";

export const SETTINGS_NAMESPACE = "urn:shnor-monitor:settings:1";

export type TableSource = "sheet" | "selection";

export interface StoredSettings {
  settings: Settings;
  /** Column corrections by sheet name. */
  overrides: Record<string, ColumnOverride[]>;
  source?: TableSource;
  statusFormulas?: boolean;
  /** What the official chose for the documents (school year, order, annex). */
  documents?: DocumentSettingsInput;
  /** The document sheets `shnor report` wrote into the book: a reader of the book leaves them out. */
  generatedSheets?: string[];
}

/** What was read from a part: the settings (null: none usable) and what was wrong, in Russian. */
export interface StoredReading {
  stored: StoredSettings | null;
  notices: string[];
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function unescapeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** A custom XML part of the add-in's: a value as JSON in one element under the root (the settings, the forms' manifest). */
export function jsonPartXml(root: string, namespace: string, element: string, value: unknown): string {
  // U+FFFE and U+FFFF may not stand in XML; JSON can say them as escapes (lone surrogates it escapes itself).
  const json = JSON.stringify(value).replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return `<${root} xmlns="${namespace}"><${element}>${escapeXml(json)}</${element}></${root}>`;
}

/**
 * The JSON of a part's element, read back whatever prefix or CDATA section a host wrote it with;
 * undefined where there is no such element or no JSON in it.
 */
export function jsonPartValue(xml: string, element: string): unknown {
  const m = new RegExp(`<(?:[\\w.-]+:)?${element}(?:\\s[^>]*)?>([\\s\\S]*?)<\\/(?:[\\w.-]+:)?${element}\\s*>`).exec(xml);
  if (!m) return undefined;
  try {
    return JSON.parse(elementText(m[1])) as unknown;
  } catch {
    return undefined;
  }
}

export function settingsXml(stored: StoredSettings): string {
  return jsonPartXml("shnorMonitor", SETTINGS_NAMESPACE, "settings", stored);
}

/** An element's text: entities and CDATA sections read back (a host may write either). */
export function elementText(inner: string): string {
  return inner
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((piece) => (piece.startsWith("<![CDATA[") ? piece.slice(9, -3) : unescapeXml(piece)))
    .join("");
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

const BROKEN = "Настройки, сохранённые в книге, не прочитаны (часть повреждена): действуют настройки по умолчанию.";

/**
 * The rule's settings a book or a host kept, each value checked alone: a refused one
 * falls back to its default (its reason in `refused`), the others stay. The one policy
 * for stored settings: the command, the page and the pane all read them through here.
 */
export function storedRuleSettings(stored: object | null | undefined): { settings: Settings; refused: string[] } {
  const kept: Partial<Settings> = {};
  const refused: string[] = [];
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const value = stored ? (stored as Record<string, unknown>)[key] : undefined;
    if (value === undefined) continue;
    try {
      resolveSettings({ [key]: value });
      Object.assign(kept, { [key]: value });
    } catch (e) {
      refused.push(e instanceof ShnorError ? e.message : "неверное значение");
    }
  }
  return { settings: resolveSettings(kept), refused };
}

/**
 * Reads the part, checking every value: a value the rule would refuse, a
 * correction of an unknown kind or a document choice of the wrong type is
 * left out with a notice, never a crash and never half-trusted.
 */
export function readSettingsXml(xml: string | null | undefined): StoredReading {
  if (!xml) return { stored: null, notices: [] };
  const data = jsonPartValue(xml, "settings");
  if (!isObject(data) || !isObject(data.settings)) return { stored: null, notices: [BROKEN] };
  const { settings, refused } = storedRuleSettings(data.settings);
  const notices = refused.map(
    (reason) => `Настройки правила, сохранённые в книге, не применены (${reason}): это значение — по умолчанию, остальные — из книги.`,
  );
  const overrides = checkedOverrides(data.overrides, notices);
  const documents = isObject(data.documents) ? checkedDocuments(data.documents, notices) : undefined;
  return {
    stored: {
      settings,
      overrides,
      source: data.source === "selection" ? "selection" : "sheet",
      statusFormulas: data.statusFormulas === true,
      ...(documents ? { documents } : {}),
      ...(Array.isArray(data.generatedSheets) ? { generatedSheets: data.generatedSheets.filter((n) => typeof n === "string") } : {}),
    },
    notices,
  };
}

/** The stored settings, or null when the part is missing or unreadable (then defaults apply). */
export function parseSettingsXml(xml: string | null | undefined): StoredSettings | null {
  return readSettingsXml(xml).stored;
}

const OVERRIDE_ROLES = ["name", "login", "territory", "ignore"] as const;

function checkedOverride(o: unknown): ColumnOverride | null {
  if (!isObject(o) || !Number.isInteger(o.column) || (o.column as number) < 0 || (o.column as number) >= SHEET_COLUMNS) return null;
  const column = o.column as number;
  if ((OVERRIDE_ROLES as readonly unknown[]).includes(o.as)) return { column, as: o.as as (typeof OVERRIDE_ROLES)[number] };
  // A procedure the reader could not name would stop the whole reading: it is dropped here instead.
  if (
    o.as === "measure" &&
    typeof o.procedure === "string" &&
    completeProcedure(parseProcedureParts(o.procedure)) !== null &&
    typeof o.measure === "string" &&
    Object.prototype.hasOwnProperty.call(MEASURE_TEXT, o.measure)
  )
    return { column, as: "measure", procedure: o.procedure, measure: o.measure as Measure };
  return null;
}

function checkedOverrides(raw: unknown, notices: string[]): Record<string, ColumnOverride[]> {
  if (raw === undefined) return {};
  if (!isObject(raw)) {
    notices.push("Исправления столбцов, сохранённые в книге, не прочитаны: они не применены.");
    return {};
  }
  const kept: [string, ColumnOverride[]][] = [];
  for (const [sheet, list] of Object.entries(raw)) {
    const items = Array.isArray(list) ? list.map(checkedOverride) : [null];
    const good = items.filter((o): o is ColumnOverride => o !== null);
    if (good.length < items.length)
      notices.push(`Часть исправлений столбцов листа «${sheet}», сохранённых в книге, не прочитана: она не применена.`);
    kept.push([sheet, good]);
  }
  // Own properties whatever a sheet is called («__proto__» included).
  return Object.fromEntries(kept);
}

/** Each document choice on its own: a wrong one is dropped (the default applies), the others stay. */
function checkedDocuments(raw: Record<string, unknown>, notices: string[]): DocumentSettingsInput {
  const out: DocumentSettingsInput = {};
  const dropped: string[] = [];
  const take = <K extends keyof DocumentSettingsInput>(key: K, ok: boolean, label: string) => {
    if (raw[key] === undefined) return;
    if (ok) out[key] = raw[key] as DocumentSettingsInput[K];
    else dropped.push(label);
  };
  // Ranges and lists are the documents' own checks; only the JSON types are checked here.
  const accepted = (key: keyof DocumentSettingsInput) => acceptsDocumentSettings({ [key]: raw[key] });
  take("schoolYear", typeof raw.schoolYear === "number" && accepted("schoolYear"), "учебный год");
  take("targetYears", typeof raw.targetYears === "number" && accepted("targetYears"), "годы целей");
  take("annexSchools", typeof raw.annexSchools === "string" && accepted("annexSchools"), "школы приложения");
  take("schoolRoadmaps", typeof raw.schoolRoadmaps === "boolean", "дорожные карты школ");
  take("font", typeof raw.font === "string" && accepted("font"), "шрифт документов Word");
  const ids = (v: unknown) => v === "all" || v === "typical" || (Array.isArray(v) && v.every((id) => typeof id === "string"));
  take("indicators", ids(raw.indicators) && accepted("indicators"), "показатели");
  take("activities", ids(raw.activities) && raw.activities !== "typical" && accepted("activities"), "мероприятия");
  take(
    "targets",
    isObject(raw.targets) &&
      Object.values(raw.targets).every(
        (t) => Array.isArray(t) && t.every((v) => v === null || (typeof v === "number" && Number.isFinite(v))),
      ),
    "целевые значения",
  );
  if (raw.order !== undefined) {
    const order = isObject(raw.order) ? raw.order : {};
    const fields = (["number", "date", "issuer"] as const).filter((k) => typeof order[k] === "string");
    const kept: DocumentSettingsInput["order"] = Object.fromEntries(fields.map((k) => [k, order[k] as string]));
    // A date that is no date is refused as any value is: the annex gets a blank instead.
    const good = fields.length > 0 && acceptsDocumentSettings({ order: kept });
    if (!isObject(raw.order) || fields.length < Object.keys(order).length || (fields.length > 0 && !good)) dropped.push("приказ");
    if (good) out.order = kept;
  }
  if (raw.names !== undefined) {
    const names = isObject(raw.names) ? raw.names : {};
    const roles = (Object.keys(DEFAULT_NAMES) as Role[]).filter((r) => typeof names[r] === "string" && (names[r] as string).trim() !== "");
    if (!isObject(raw.names) || roles.length < Object.keys(names).length) dropped.push("ответственные");
    if (roles.length > 0) out.names = Object.fromEntries(roles.map((r) => [r, names[r] as string]));
  }
  if (dropped.length > 0)
    notices.push(
      `Настройки документов, сохранённые в книге, прочитаны не все (${dropped.join(", ")}): для них действуют значения по умолчанию.`,
    );
  return out;
}

/** One sheet? Excel compares sheet names without case. */
export function sameSheetName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The corrections of one sheet, found by its name as Excel finds a sheet. */
export function overridesForSheet(bySheet: Record<string, ColumnOverride[]> | undefined, sheet: string): ColumnOverride[] {
  if (!bySheet) return [];
  const key = Object.keys(bySheet).find((k) => sameSheetName(k, sheet));
  return key === undefined ? [] : bySheet[key];
}
