/**
 * One school's form, described once as SheetSpecs for the writers: «Показатели»
 * (a row per indicator the school fills: numerator and denominator),
 * «Дорожная карта» (the school's roadmap rows with «Отметка о выполнении» and
 * «Комментарий») and the very hidden identity sheet. Only the yellow input
 * cells are unlocked; the writer protects the rest without a password.
 */
import { a1, landscapeA4, num, SheetSpec, text, ValidationSpec } from "../render-contract/spec";
import { schoolYearText } from "../school-year";
import { rect, SheetBuilder } from "../documents/builder";
import { MARK_HEADER, MARKS } from "../documents/roadmap";
import { SHEET_TITLES } from "../documents/names";
import type { AnnexSchools } from "../documents/settings";
import { NO_LIMIT } from "../documents/indicators-sheet";
import { FormIdentity, formIdentity, IDENTITY_FIELDS, IDENTITY_MARK, IDENTITY_SHEET, IdentityField } from "./identity";
import { FormSchool, FormsManifest } from "./manifest";

/** A share of schools («число ОО…», «число ШНОР…»): the form asks the school about itself. */
const COUNTS_SCHOOLS = /^число (ОО|ШНОР)(?![А-Яа-яЁё])/;

export const FORM_KIND = "shnor.form.indicators";
export const FORM_ROADMAP_KIND = "shnor.form.roadmap";
export const FORM_IDENTITY_KIND = "shnor.form.identity";

/** The form's headers: the collector finds the columns by them. */
export const FORM_HEADERS = {
  no: "№",
  indicator: "Показатель",
  numerator: "Числитель",
  denominator: "Знаменатель",
  hint: "Что считать",
} as const;
export const FORM_ROADMAP_HEADERS = {
  no: "№ п/п",
  text: "Мероприятие",
  timing: "Сроки",
  mark: MARK_HEADER,
  comment: "Комментарий",
} as const;

export interface FormBook {
  school: FormSchool;
  /** A file name after the school, safe on every system. */
  fileName: string;
  identity: FormIdentity;
  /** «Показатели», «Дорожная карта», then the identity sheet (the writer hides it). */
  sheets: SheetSpec[];
}

export function schoolLine(school: Pick<FormSchool, "login" | "name">): string {
  return school.login ? `${school.name} (логин ${school.login})` : school.name;
}

/** «2025/2026 учебный год» unless the methodist names the period («I полугодие 2025/2026»). */
export function formPeriod(manifest: Pick<FormsManifest, "schoolYear">, period?: string): string {
  const p = period?.trim();
  return p ? p : `${schoolYearText(manifest.schoolYear)} учебный год`;
}

/** The row of a form sheet's headers: above it the title, the school, the period and what to do. */
const HEADER_ROW = 5;

/**
 * A form sheet's top: the title, the school, the period, what to do, and the header row (one column a
 * header). Gives a writer of lines across the sheet, for what follows.
 */
function formTop(b: SheetBuilder, top: { title: string; school: FormSchool; period: string; todo: string; headers: string[] }) {
  const width = top.headers.length;
  const line = (row: number, value: string, style: "title" | "subtitle" | "cell") => {
    b.set(row, 0, text(value));
    b.style(rect(row, 0, 1, width), style, { wrap: true }).merge(rect(row, 0, 1, width));
  };
  line(0, top.title, "title");
  line(1, `ОО: ${schoolLine(top.school)}`, "cell");
  line(2, `Период: ${top.period}`, "cell");
  line(3, top.todo, "subtitle");
  b.row(HEADER_ROW, 0, top.headers.map(text));
  b.style(rect(HEADER_ROW, 0, 1, width), "header", { align: "center" });
  return line;
}

function indicatorsForm(manifest: FormsManifest, school: FormSchool, period: string): SheetSpec {
  const b = new SheetBuilder(SHEET_TITLES.indicators, FORM_KIND);
  const h = FORM_HEADERS;
  const line = formTop(b, {
    title: "Форма сбора показателей программы повышения качества образования (ШНОР)",
    school,
    period,
    todo:
      "Заполните жёлтые ячейки целыми числами (числитель не больше знаменателя) и верните файл в ИМЦ. " +
      "Файл можно переименовать и сохранить в .xlsx или .ods; листы и строки не меняйте.",
    headers: [h.no, h.indicator, h.numerator, h.denominator, h.hint],
  });
  const headerRow = HEADER_ROW;
  const width = Object.keys(h).length;
  const validations: ValidationSpec[] = [];
  manifest.indicators.forEach((ind, i) => {
    const row = headerRow + 1 + i;
    const share = ind.denominator !== null;
    // A share of schools: the school answers for itself, 1 or 0 of 1; the sums count the schools.
    const itself = share && COUNTS_SCHOOLS.test(ind.numeratorHint);
    const hint = itself
      ? `Про вашу ОО: числитель 1, если да, 0 — если нет; знаменатель 1 (в сумме по ОО: ${ind.numeratorHint}).`
      : share
        ? `Числитель — ${ind.numeratorHint}; знаменатель — ${ind.denominatorHint}.`
        : `Число — ${ind.numeratorHint}.`;
    b.row(row, 0, [num(i + 1), text(ind.text), null, share ? null : text("—"), text(hint)]);
    b.style(rect(row, 0, 1, width), "cell", { wrap: true });
    b.style(rect(row, 0, 1, 1), "cell", { align: "center" });
    b.style(rect(row, 2, 1, share ? 2 : 1), "input", { numberFormat: "0", align: "center" });
    if (!share) b.style(rect(row, 3, 1, 1), "computed", { align: "center" });
    const denominator = a1(row, 3);
    validations.push({
      ...rect(row, 2),
      rule: share
        ? { kind: "wholeNumber", min: 0, maxFormula: `IF(ISNUMBER(${denominator}),${denominator},${itself ? 1 : NO_LIMIT})` }
        : { kind: "wholeNumber", min: 0 },
      errorMessage: itself
        ? "Введите 1 (да) или 0 (нет)."
        : share
          ? "Введите целое число не меньше 0 и не больше знаменателя."
          : "Введите целое число не меньше 0.",
      prompt: itself ? "1 — да, 0 — нет" : ind.numeratorHint,
    });
    if (share)
      validations.push({
        ...rect(row, 3),
        rule: itself ? { kind: "wholeNumber", min: 0, max: 1 } : { kind: "wholeNumber", min: 0 },
        errorMessage: itself ? "Введите 1: ваша ОО." : "Введите целое число не меньше 0.",
        prompt: itself ? "1 — ваша ОО" : (ind.denominatorHint ?? undefined),
      });
  });
  if (manifest.indicators.length === 0) line(headerRow + 1, "В отчёте нет показателей, которые заполняют школы.", "subtitle");
  const spec = b.finish();
  spec.columnWidths = [5, 60, 13, 13, 45];
  spec.validations = validations;
  spec.freezeRows = headerRow + 1;
  spec.print = landscapeA4({ first: headerRow, last: headerRow });
  return spec;
}

function roadmapForm(manifest: FormsManifest, school: FormSchool, period: string): SheetSpec {
  const b = new SheetBuilder(SHEET_TITLES.roadmap, FORM_ROADMAP_KIND);
  const h = FORM_ROADMAP_HEADERS;
  const line = formTop(b, {
    title: `Дорожная карта ОО на ${schoolYearText(manifest.schoolYear)} учебный год: отметки о выполнении`,
    school,
    period,
    todo:
      `В столбце «${MARK_HEADER}» выберите из списка: ${MARKS.join(", ")}; в «Комментарии» — что сделано или почему нет. ` +
      "Строки не добавляйте и не удаляйте.",
    headers: [h.no, h.text, h.timing, h.mark, h.comment],
  });
  const headerRow = HEADER_ROW;
  const activities = school.roadmap?.activities ?? [];
  activities.forEach((a, i) => {
    const row = headerRow + 1 + i;
    b.row(row, 0, [text(a.no), text(a.text), text(a.timing), null, null]);
  });
  const spec0 = activities.length;
  if (spec0 > 0) {
    b.style(rect(headerRow + 1, 0, spec0, 3), "cell", { wrap: true });
    b.style(rect(headerRow + 1, 0, spec0, 1), "cell", { align: "center" });
    b.style(rect(headerRow + 1, 3, spec0, 1), "input", { align: "center" });
    b.style(rect(headerRow + 1, 4, spec0, 1), "input", { wrap: true, numberFormat: "@" });
  } else line(headerRow + 1, "В отчёте нет дорожной карты этой ОО: лист не заполняется.", "subtitle");
  const spec = b.finish();
  spec.columnWidths = [8, 60, 22, 16, 36];
  if (spec0 > 0)
    spec.validations = [
      {
        ...rect(headerRow + 1, 3, spec0, 1),
        rule: { kind: "list", items: [...MARKS] },
        errorMessage: `Выберите из списка: ${MARKS.join(", ")}.`,
        prompt: MARK_HEADER,
      },
    ];
  spec.freezeRows = headerRow + 1;
  spec.print = landscapeA4({ first: headerRow, last: headerRow });
  return spec;
}

function identitySheet(identity: FormIdentity): SheetSpec {
  const b = new SheetBuilder(IDENTITY_SHEET, FORM_IDENTITY_KIND);
  b.set(0, 0, text(IDENTITY_MARK));
  (Object.keys(IDENTITY_FIELDS) as IdentityField[]).forEach((field, i) =>
    b.row(1 + i, 0, [text(IDENTITY_FIELDS[field]), text(identity[field])]),
  );
  const spec = b.finish();
  spec.columnWidths = [20, 40];
  return spec;
}

// eslint-disable-next-line no-control-regex -- control characters are what a file name may not hold
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

/** «МБОУ «СОШ № 1» (edu420101).xlsx»: no character a system refuses, no dot or space at the ends, ≤ 120 characters. */
export function safeFileName(stem: string, extension = ".xlsx"): string {
  const cleaned = stem
    .replace(UNSAFE, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, "");
  const cut = cleaned.length > 120 ? cleaned.slice(0, 120).trim() : cleaned;
  return `${cut || "форма"}${extension}`;
}

/** The forms are for the schools the annex can list. */
export type FormSchools = AnnexSchools;

/** Why no form was made, by the schools chosen. */
export const NO_FORMS: Record<FormSchools, string> = {
  shnor: "В отчёте нет ШНОР: формы не созданы.",
  risk: "В отчёте нет ШНОР и ОО зоны риска: формы не созданы.",
  all: "В отчёте нет ОО для форм.",
};

export function schoolsFor(manifest: FormsManifest, which: FormSchools): FormSchool[] {
  if (which === "all") return manifest.schools;
  return manifest.schools.filter((s) => s.status === "shnor" || (which === "risk" && s.status === "risk"));
}

/** The forms of the schools chosen, each with a file name of its own (case-insensitively unique). */
export function formBooks(manifest: FormsManifest, which: FormSchools = "shnor", period?: string): FormBook[] {
  const when = formPeriod(manifest, period);
  const taken = new Set<string>();
  return schoolsFor(manifest, which).map((school) => {
    const stem = school.login ? `${school.name} (${school.login})` : school.name;
    let fileName = safeFileName(stem);
    for (let n = 2; taken.has(fileName.toLowerCase()); n++) fileName = safeFileName(`${stem} (${n})`);
    taken.add(fileName.toLowerCase());
    const identity = formIdentity(manifest, school, when);
    return {
      school,
      fileName,
      identity,
      sheets: [indicatorsForm(manifest, school, when), roadmapForm(manifest, school, when), identitySheet(identity)],
    };
  });
}
