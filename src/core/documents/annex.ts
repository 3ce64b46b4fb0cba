/**
 * «Приложение 1»: the chosen schools' results in the orders' layout — Название
 * ОО, then «% 2» and «% выс. рез.» under each procedure — with low results
 * filled, ready to attach to the order: A4 landscape, one page wide, the
 * header repeated on every page.
 */
import { Procedure, procedureKey } from "../procedures";
import { Analysis, formatPercent, isCounted, STATUS_TEXT } from "../rule";
import { landscapeA4, num, SheetSpec, SpecValue, text } from "../render-contract/spec";
import { ResultsTable } from "../table/model";
import { rect, SheetBuilder } from "./builder";
import { AnnexSchools, DocumentSettings } from "./settings";
import { shortProcedureLabel } from "./words";
import { SHEET_TITLES } from "./names";

export const ANNEX_KIND = "shnor.annex";

const HEADER_TOP = 4;

export function orderLine(settings: DocumentSettings, annexNumber = 1): string {
  const { issuer, date, number } = settings.order;
  const parts = [`Приложение ${annexNumber} к приказу`];
  if (issuer.trim()) parts.push(issuer.trim());
  parts.push(`от ${date.trim() || "«___» ____________ 20___ г."}`);
  parts.push(`№ ${number.trim() || "______"}`);
  return parts.join(" ");
}

const WHO: Record<AnnexSchools, string> = {
  shnor: "общеобразовательные организации с низкими образовательными результатами (ШНОР)",
  risk: "ШНОР и общеобразовательные организации в зоне риска",
  all: "все общеобразовательные организации",
};

export function annexSheet(
  table: ResultsTable,
  analysis: Analysis,
  settings: DocumentSettings,
  name: string = SHEET_TITLES.annex,
): SheetSpec {
  const b = new SheetBuilder(name, ANNEX_KIND);
  const [before, previous] = analysis.years;
  const years = new Set([before, previous].filter((y): y is number => y !== null));
  const procedures = countedProcedures(table, analysis);
  const verdicts = analysis.verdicts.filter(
    (v) => settings.annexSchools === "all" || v.status === "shnor" || (settings.annexSchools === "risk" && v.status === "risk"),
  );
  const withLogin = verdicts.some((v) => v.school.login);
  const withStatus = settings.annexSchools !== "shnor";
  const idColumns = ["Название ОО", ...(withLogin ? ["Логин ОО"] : [])];
  const first = idColumns.length;
  const width = first + procedures.length * 2 + (withStatus ? 1 : 0);

  b.set(0, 0, text(orderLine(settings)));
  b.style(rect(0, 0, 1, width), "cell", { align: "right", wrap: false }).merge(rect(0, 0, 1, width));
  b.set(1, 0, text("Итоги ВПР, ОГЭ, ЕГЭ в разрезе общеобразовательных организаций"));
  b.style(rect(1, 0, 1, width), "title", { align: "center" }).merge(rect(1, 0, 1, width));
  const yearsText = [...years].sort().join(" и ");
  b.set(
    2,
    0,
    text(
      `${WHO[settings.annexSchools]}; результаты ${yearsText || "—"} гг. Выделены низкие результаты: не менее ` +
        `${formatPercent(analysis.settings.threshold)} % участников получили «2» или не преодолели минимальный порог.`,
    ),
  );
  b.style(rect(2, 0, 1, width), "subtitle", { wrap: true, align: "center" }).merge(rect(2, 0, 1, width));

  idColumns.forEach((h, c) => {
    b.set(HEADER_TOP, c, text(h));
    b.merge(rect(HEADER_TOP, c, 2, 1));
  });
  procedures.forEach((p, i) => {
    const c = first + 2 * i;
    b.set(HEADER_TOP, c, text(shortProcedureLabel(p)));
    b.merge(rect(HEADER_TOP, c, 1, 2));
    b.row(HEADER_TOP + 1, c, [text("% 2"), text("% выс. рез.")]);
  });
  if (withStatus) {
    b.set(HEADER_TOP, width - 1, text("Статус"));
    b.merge(rect(HEADER_TOP, width - 1, 2, 1));
  }
  b.style(rect(HEADER_TOP, 0, 2, width), "header", { align: "center" });

  const firstRow = HEADER_TOP + 2;
  verdicts.forEach((v, i) => {
    const row = firstRow + i;
    const low = new Set(v.low.map((l) => procedureKey(l.procedure)));
    const results = new Map(v.school.results.map((r) => [r.key, r]));
    const values: SpecValue[] = [text(v.school.name)];
    if (withLogin) values.push(text(v.school.login ?? ""));
    procedures.forEach((p, k) => {
      const r = results.get(procedureKey(p));
      values.push(r?.failPercent != null ? num(round(r.failPercent)) : text("-"));
      values.push(r?.highPercent != null ? num(round(r.highPercent)) : text("-"));
      if (low.has(procedureKey(p))) b.style(rect(row, first + 2 * k, 1, 1), "low", { bold: true, align: "center" });
    });
    if (withStatus) values.push(text(STATUS_TEXT[v.status]));
    b.row(row, 0, values);
  });
  const rows = verdicts.length;
  if (rows > 0) {
    // Cell styles first, so the low fills written above stay on top.
    b.spec.styles.unshift(
      { ...rect(firstRow, 0, rows, first), style: "cell", wrap: true },
      { ...rect(firstRow, first, rows, width - first), style: "cell", align: "center" },
    );
  } else {
    b.set(firstRow, 0, text("Нет ОО для приложения по выбранному условию."));
    b.style(rect(firstRow, 0, 1, width), "note").merge(rect(firstRow, 0, 1, width));
  }
  const noteRow = firstRow + Math.max(rows, 1) + 1;
  b.set(noteRow, 0, text("«% 2» — доля участников, получивших «2» или не преодолевших минимальный порог; «-» — нет данных."));
  b.style(rect(noteRow, 0, 1, width), "note").merge(rect(noteRow, 0, 1, width));

  const spec = b.finish();
  spec.columnWidths = [34, ...(withLogin ? [12] : []), ...procedures.flatMap(() => [7, 7]), ...(withStatus ? [10] : [])];
  spec.freezeRows = firstRow;
  // Many procedures run onto further pages: the names (and logins) are printed again on each.
  spec.print = landscapeA4({ first: HEADER_TOP, last: HEADER_TOP + 1 }, { repeatColumns: { first: 0, last: first - 1 } });
  return spec;
}

/** The counted procedures of the two years, in the order of the user's columns (long tables: as read). */
export function countedProcedures(table: ResultsTable, analysis: Analysis): Procedure[] {
  const years = new Set(analysis.years.filter((y): y is number => y !== null));
  const position = new Map<string, number>();
  for (const c of table.columns)
    if (c.role.kind === "measure") {
      const key = procedureKey(c.role.procedure);
      position.set(key, Math.min(position.get(key) ?? Number.POSITIVE_INFINITY, c.column));
    }
  const at = (p: Procedure) => position.get(procedureKey(p)) ?? Number.POSITIVE_INFINITY;
  return table.procedures
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => isCounted(p, analysis.settings) && years.has(p.year))
    .sort((a, b) => at(a.p) - at(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
