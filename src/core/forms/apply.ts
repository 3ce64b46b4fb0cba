/**
 * What collected forms change in the report, host-free: the sums into the
 * input cells of «Показатели», the marks into each school's roadmap, a line
 * on «Показатели» saying who answered, and the sheet «Сбор форм» that lists
 * every school, every refused entry and every value of the report replaced.
 * The command patches the package with it, the add-in writes it into the open book.
 */
import { Cell } from "../cells";
import { heightOf, lineCount } from "../render-contract/fit";
import { landscapeA4, listText, num, SheetSpec, text } from "../render-contract/spec";
import { DEFAULT_FONT } from "../render-contract/styles";
import { rect, SheetBuilder } from "../documents/builder";
import { SheetNames } from "../documents/names";
import { CollectedForms, SchoolStatus } from "./collect";
import { schoolLine } from "./form-sheets";
import { FormsManifest } from "./manifest";

export const COLLECTED_SHEET = "Сбор форм";
export const COLLECTED_KIND = "shnor.forms.collected";

export const SCHOOL_STATUS_TEXT: Record<SchoolStatus, string> = {
  received: "получена",
  missing: "нет формы",
  conflict: "расхождение",
};

export interface CellWrite {
  sheet: string;
  /** A1. */
  cell: string;
  value: number | string;
  /** Points: the row made this tall, so a wrapped text in a merged cell shows whole (merged cells do not fit themselves). */
  height?: number;
}

export interface Replaced {
  sheet: string;
  cell: string;
  before: Cell;
  after: number | string;
}

export interface CollectionPlan {
  /** Every cell of the report to write, «Показатели»'s line included. */
  writes: CellWrite[];
  replaced: Replaced[];
  /** The line on «Показатели»: who answered, who did not. */
  summary: string;
  sheet: SheetSpec;
}

const same = (a: Cell, b: number | string) => (typeof b === "number" ? a === b : typeof a === "string" && a.trim() === b);
const isBlank = (c: Cell) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");

/** Schools named in the one cell of «Показатели»: a region's list is cut with «и ещё N»; all are on «Сбор форм», a row each. */
function listOf(schools: CollectedForms["schools"], sheetName: string): string {
  return listText(
    schools.map((s) => schoolLine(s)),
    "; ",
    ` (все — на листе «${sheetName}»)`,
  );
}

export function summaryLine(c: CollectedForms, sheetName: string): string {
  const expected = c.schools.length;
  const received = c.schools.filter((s) => s.status === "received");
  const missing = c.schools.filter((s) => s.status === "missing");
  const conflict = c.schools.filter((s) => s.status === "conflict");
  const parts = [`Сбор форм от ОО${c.period ? ` (${c.period})` : ""}: учтены формы ${received.length} из ${expected}`];
  parts.push(missing.length > 0 ? `не ответили: ${listOf(missing, sheetName)}` : "ответили все");
  if (conflict.length > 0) parts.push(`расхождения, не учтены: ${listOf(conflict, sheetName)}`);
  if (c.rejected.length > 0) parts.push(`не принято значений: ${c.rejected.length}`);
  return `${parts.join("; ")}. Числители и знаменатели в жёлтых ячейках — суммы по принятым формам; подробно — лист «${sheetName}».`;
}

/**
 * The plan for the report, given what its cells hold now (`current`): a value
 * a user typed there and the forms change is replaced with a line saying so.
 */
export function collectionPlan(
  manifest: FormsManifest,
  c: CollectedForms,
  current: (sheet: string, cell: string) => Cell,
  existingSheetNames: string[],
): CollectionPlan {
  const sheetName = new SheetNames(existingSheetNames).take(COLLECTED_SHEET);
  const writes: CellWrite[] = [];
  c.values.forEach((v, i) => {
    const ind = manifest.indicators[i];
    if (v.numerator !== null) writes.push({ sheet: ind.sheet, cell: ind.numerator, value: v.numerator });
    if (v.denominator !== null && ind.denominator !== null) writes.push({ sheet: ind.sheet, cell: ind.denominator, value: v.denominator });
  });
  for (const m of c.marks) if (m.mark !== null) writes.push({ sheet: m.sheet, cell: m.cell, value: m.mark });
  const replaced: Replaced[] = [];
  for (const w of writes) {
    const before = current(w.sheet, w.cell);
    if (!isBlank(before) && !same(before, w.value)) replaced.push({ sheet: w.sheet, cell: w.cell, before, after: w.value });
  }
  const summary = summaryLine(c, sheetName);
  const { sheet, cell, widthPx } = manifest.summary;
  if (sheet)
    writes.push({
      sheet,
      cell,
      value: summary,
      ...(widthPx ? { height: heightOf(lineCount(summary, widthPx, DEFAULT_FONT.size, true), DEFAULT_FONT.size) } : {}),
    });
  return { writes, replaced, summary, sheet: collectedSheet(manifest, c, replaced, summary, sheetName) };
}

function collectedSheet(manifest: FormsManifest, c: CollectedForms, replaced: Replaced[], summary: string, name: string): SheetSpec {
  const b = new SheetBuilder(name, COLLECTED_KIND);
  const width = 6;
  let row = 0;
  const line = (value: string, style: "title" | "subtitle" | "cell" = "cell") => {
    b.set(row, 0, text(value));
    b.style(rect(row, 0, 1, width), style, { wrap: true }).merge(rect(row, 0, 1, width));
    row++;
  };
  const table = (title: string, headers: string[], rows: (string | number | null)[][], empty: string) => {
    row++;
    line(title, "title");
    if (rows.length === 0) {
      line(empty, "subtitle");
      return;
    }
    b.row(row, 0, headers.map(text));
    b.style(rect(row, 0, 1, headers.length), "header", { align: "center" });
    row++;
    const first = row;
    for (const r of rows) {
      b.row(
        row,
        0,
        r.map((v) => (v === null ? null : typeof v === "number" ? num(v) : text(v))),
      );
      row++;
    }
    b.style(rect(first, 0, rows.length, headers.length), "cell", { wrap: true });
  };
  line("Итоги сбора форм от ОО", "title");
  line(summary, "subtitle");
  // Long texts (school, indicator, file, activity) share the wide second column; short ones the narrow third and fourth.
  table(
    "ОО",
    ["№", "ОО", "Логин", "Форма", "Файлы", "Примечание"],
    c.schools.map((s, i) => [i + 1, s.name, s.login ?? "", SCHOOL_STATUS_TEXT[s.status], s.files.join(", "), s.note ?? ""]),
    "Формы не ожидались ни от одной ОО.",
  );
  table(
    "Суммы по принятым формам",
    ["№", "Показатель", "Числитель", "Знаменатель", "ОО в сумме", "Ячейки отчёта"],
    c.values.map((v, i) => {
      const ind = manifest.indicators[i];
      return [
        i + 1,
        v.indicator,
        v.numerator,
        v.denominator,
        v.schools,
        `«${ind.sheet}» ${ind.numerator}${ind.denominator ? `, ${ind.denominator}` : ""}`,
      ];
    }),
    "В отчёте нет показателей, которые заполняют школы.",
  );
  table(
    "Не принято",
    ["№", "Файл", "Лист", "Ячейка", "Значение", "Причина"],
    c.rejected.map((r, i) => [i + 1, r.file, r.sheet ?? "", r.cell ?? "", r.value === null ? "" : String(r.value), r.reason]),
    "Все значения форм приняты.",
  );
  table(
    "Заменены значения, введённые в отчёте",
    ["№", "Лист", "Ячейка", "Было", "Стало"],
    replaced.map((r, i) => [i + 1, r.sheet, r.cell, r.before === null || r.before === undefined ? "" : String(r.before), r.after]),
    "Ни одно значение, введённое в отчёте, не заменено.",
  );
  table(
    "Отметки и комментарии ОО к дорожным картам",
    ["№ п/п", "Мероприятие", "Отметка", "Логин", "ОО", "Комментарий"],
    c.marks.map((m) => [m.no, m.activity, m.mark ?? "", m.school.login ?? "", m.school.name, m.comment ?? ""]),
    "Отметок о выполнении в формах нет.",
  );
  const spec = b.finish();
  spec.columnWidths = [6, 46, 16, 14, 28, 40];
  spec.print = landscapeA4();
  return spec;
}
