/**
 * A form's identity: which report, which school, which indicators. The form
 * keeps it on a very hidden sheet (it survives Excel, LibreOffice and .ods,
 * where a file name does not), signed with the report's secret id, which only
 * the report holds: a changed login, another report's form or an edited list
 * of indicators no longer matches its signature and is refused.
 *
 * Why a sheet and not a defined name or document properties: every suite the
 * schools use keeps a hidden sheet's cells through a save as .xlsx or .ods,
 * and every reader of ours (the .xlsx reader, SheetJS for .ods/.xls) reads them.
 */
import { hmac } from "@noble/hashes/hmac";
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex } from "@noble/hashes/utils";
import { FormSchool, FormsManifest } from "./manifest";

/** The first cell of the identity sheet: how the collector knows it, whatever the sheet is called. */
export const IDENTITY_MARK = "ШНОР-монитор: подлинность формы (не изменять)";
export const IDENTITY_SHEET = "ШНОР-монитор";

/** The identity's lines, in order, under the mark: label, then value. */
export const IDENTITY_FIELDS = {
  report: "Отчёт",
  login: "Логин ОО",
  name: "ОО",
  indicators: "Показатели",
  period: "Период",
  signature: "Подпись",
} as const;

export type IdentityField = keyof typeof IDENTITY_FIELDS;
export type FormIdentity = Record<IdentityField, string>;

const digest = (text: string) => bytesToHex(sha256(new TextEncoder().encode(text)));

/** What every form of one report shows: a public tag of its secret id (never the id itself). */
export function reportTag(manifest: Pick<FormsManifest, "reportId">): string {
  return digest(`shnor-forms-report\n${manifest.reportId}`).slice(0, 16);
}

/** The indicator set of a report: its indicators and where their sums go. */
export function indicatorSetTag(manifest: Pick<FormsManifest, "indicators">): string {
  return digest(JSON.stringify(manifest.indicators.map((i) => [i.id, i.text, i.denominator !== null]))).slice(0, 16);
}

/** A school as forms name it: its login, or its name where the table has none. */
export function schoolKey(school: Pick<FormSchool, "login" | "name">): string {
  return school.login ?? school.name;
}

function signature(manifest: FormsManifest, school: FormSchool, tag: string, indicators: string): string {
  const roadmap = school.roadmap ? school.roadmap.activities.map((a) => [a.no, a.text]) : [];
  const message = JSON.stringify(["shnor-form", tag, schoolKey(school), school.name, indicators, roadmap]);
  return bytesToHex(hmac(sha256, new TextEncoder().encode(manifest.reportId), new TextEncoder().encode(message))).slice(0, 32);
}

export function formIdentity(manifest: FormsManifest, school: FormSchool, period: string): FormIdentity {
  const tag = reportTag(manifest);
  const indicators = indicatorSetTag(manifest);
  return {
    report: tag,
    login: school.login ?? "",
    name: school.name,
    indicators,
    period,
    signature: signature(manifest, school, tag, indicators),
  };
}

/** Why a form's identity is not this report's, in Russian; null: it is, and names `school`. */
export function identityProblem(manifest: FormsManifest, found: Partial<FormIdentity>, school: FormSchool | undefined): string | null {
  if (found.report !== reportTag(manifest)) return "форма другого отчёта (создана по другому отчёту или другой его версии)";
  if (!school) return `в отчёте нет ОО «${found.name ?? ""}»${found.login ? ` (${found.login})` : ""}`;
  if (found.indicators !== indicatorSetTag(manifest)) return "в форме другой набор показателей";
  if (found.signature !== signature(manifest, school, found.report, found.indicators))
    return "подпись формы не сходится: скрытый лист формы изменён";
  return null;
}
