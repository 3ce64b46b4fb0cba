/**
 * «Приложение 1»: what the order needs — the chosen schools and the
 * procedures that decide the rule (the counted procedures of the two years),
 * «% 2» under each, low results filled — ready to attach to the order: A4
 * landscape, the header rows repeated on every page and the names on every
 * page across. The whole table stays on the results sheet.
 */
import { Procedure, procedureKey } from "../procedures";
import { Analysis, isCounted, SchoolVerdict, STATUS_TEXT } from "../rule";
import { formatPercent, roundPercent } from "../cells";
import { columnsOnPage, pagePrint } from "../render-contract/print";
import { landscapeA4, num, SheetSpec, SpecValue, text } from "../render-contract/spec";
import { DEFAULT_FONT, STYLES } from "../render-contract/styles";
import { ResultsTable } from "../table/model";
import { eachResult } from "../table/stored";
import { rect, SheetBuilder } from "./builder";
import { AnnexSchools, DocumentSettings } from "./settings";
import { procedureKinds, shortProcedureLabel } from "./words";
import { SHEET_TITLES } from "./names";

export const ANNEX_KIND = "shnor.annex";

const HEADER_TOP = 4;

/** The annex's reference to its order, blanks to fill in by hand where the settings leave a detail unset. */
export function orderParts(settings: DocumentSettings): { order: string; date: string } {
  const { issuer, date, number } = settings.order;
  return {
    order: ["к приказу", ...(issuer.trim() ? [issuer.trim()] : [])].join(" "),
    date: `от ${date.trim() || "«___» ____________ 20___ г."} № ${number.trim() || "______"}`,
  };
}

export function orderLine(settings: DocumentSettings, annexNumber = 1): string {
  const { order, date } = orderParts(settings);
  return `Приложение ${annexNumber} ${order} ${date}`;
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
  const procedures = countedProcedures(table, analysis);
  const verdicts = annexVerdicts(analysis, settings.annexSchools);
  const withLogin = verdicts.some((v) => v.school.login);
  const withStatus = settings.annexSchools !== "shnor";
  const idColumns = ["Название ОО", ...(withLogin ? ["Логин ОО"] : [])];
  const first = idColumns.length;
  const width = first + procedures.length + (withStatus ? 1 : 0);

  // Sixteen procedures (two years of ВПР, ОГЭ and ЕГЭ) fit one landscape page at 80 %.
  const widths = [30, ...(withLogin ? [12] : []), ...procedures.map(() => 8), ...(withStatus ? [10] : [])];
  const print = landscapeA4({ first: HEADER_TOP, last: HEADER_TOP + 1 }, { repeatColumns: { first: 0, last: first - 1 } });
  // Columns running onto further pages would cut a title merged across them all: the titles span the first page.
  const scale = pagePrint(print, widths, width, STYLES.note.size ?? DEFAULT_FONT.size).scale;
  const across = Math.max(first, Math.min(width, columnsOnPage(widths, print, scale)));
  writeTitle(b, analysis, settings, procedures, across);
  writeHeader(b, idColumns, procedures, withStatus ? width - 1 : null, width);

  const firstRow = HEADER_TOP + 2;
  verdicts.forEach((v, i) => writeSchool(b, firstRow + i, v, procedures, { withLogin, withStatus, first }));
  const rows = verdicts.length;
  if (rows > 0) {
    // Cell styles first, so the low fills written above stay on top.
    b.spec.styles.unshift(
      { ...rect(firstRow, 0, rows, first), style: "cell", wrap: true },
      { ...rect(firstRow, first, rows, width - first), style: "cell", align: "center" },
    );
  } else {
    b.set(firstRow, 0, text(NO_ANNEX_SCHOOLS));
    b.style(rect(firstRow, 0, 1, across), "note", { wrap: true }).merge(rect(firstRow, 0, 1, across));
  }
  const noteRow = firstRow + Math.max(rows, 1) + 1;
  b.set(
    noteRow,
    0,
    text(
      "«% 2» — доля участников, получивших «2» или не преодолевших минимальный порог; «-» — нет данных. Все результаты — на листе результатов.",
    ),
  );
  b.style(rect(noteRow, 0, 1, across), "note", { wrap: true }).merge(rect(noteRow, 0, 1, across));

  const spec = b.finish();
  spec.columnWidths = widths;
  spec.freezeRows = firstRow;
  // Many procedures run onto further pages: the names (and logins) are printed again on each.
  spec.print = print;
  return spec;
}

/** The order's line, the annex's title and what it lists, across the first page's columns. */
function writeTitle(b: SheetBuilder, analysis: Analysis, settings: DocumentSettings, procedures: Procedure[], across: number) {
  const [before, previous] = analysis.years;
  const years = new Set([before, previous].filter((y): y is number => y !== null));
  b.set(0, 0, text(orderLine(settings)));
  b.style(rect(0, 0, 1, across), "cell", { align: "right", wrap: true }).merge(rect(0, 0, 1, across));
  b.set(1, 0, text(annexTableTitle(procedureKinds(procedures, analysis.settings).types)));
  b.style(rect(1, 0, 1, across), "title", { align: "center", wrap: true }).merge(rect(1, 0, 1, across));
  const yearsText = [...years].sort().join(" и ");
  b.set(
    2,
    0,
    text(
      `${WHO[settings.annexSchools]}; «% 2» по учитываемым процедурам ${yearsText || "—"} гг. Выделены низкие результаты: не менее ` +
        `${formatPercent(analysis.settings.threshold)} % участников получили «2» или не преодолели минимальный порог.`,
    ),
  );
  b.style(rect(2, 0, 1, across), "subtitle", { wrap: true, align: "center" }).merge(rect(2, 0, 1, across));
}

/** The two header rows: the schools' columns, a column a procedure, and the status if listed. */
function writeHeader(b: SheetBuilder, idColumns: string[], procedures: Procedure[], statusColumn: number | null, width: number) {
  const first = idColumns.length;
  idColumns.forEach((h, c) => {
    b.set(HEADER_TOP, c, text(h));
    b.merge(rect(HEADER_TOP, c, 2, 1));
  });
  // One column a procedure: no header is merged across columns a page break could fall between.
  procedures.forEach((p, i) => {
    b.set(HEADER_TOP, first + i, text(shortProcedureLabel(p)));
    b.set(HEADER_TOP + 1, first + i, text("% 2"));
  });
  if (statusColumn !== null) {
    b.set(HEADER_TOP, statusColumn, text("Статус"));
    b.merge(rect(HEADER_TOP, statusColumn, 2, 1));
  }
  b.style(rect(HEADER_TOP, 0, 2, width), "header", { align: "center" });
}

/** A school's row: its name (and login), its «% 2» by procedure with the low ones marked, and its status if listed. */
function writeSchool(
  b: SheetBuilder,
  row: number,
  v: SchoolVerdict,
  procedures: Procedure[],
  { withLogin, withStatus, first }: { withLogin: boolean; withStatus: boolean; first: number },
) {
  const low = new Set(v.low.map((l) => procedureKey(l.procedure)));
  // % «2» by procedure, read from the school's columns (a later result of a procedure wins, as a map of them would keep it).
  const failPercents = new Map<string, number | null>();
  eachResult(v.school, (r) => failPercents.set(r.key, r.failPercent));
  const values: SpecValue[] = [text(v.school.name)];
  if (withLogin) values.push(text(v.school.login ?? ""));
  procedures.forEach((p, k) => {
    const failPercent = failPercents.get(procedureKey(p));
    values.push(failPercent != null ? num(roundPercent(failPercent)) : text("-"));
    if (low.has(procedureKey(p))) b.style(rect(row, first + k, 1, 1), "low", { bold: true, align: "center" });
  });
  if (withStatus) values.push(text(STATUS_TEXT[v.status]));
  b.row(row, 0, values);
}

/** The annex's title above its table. */
/** The annex table's title names the procedures read: «Итоги ВПР в разрезе …» for ВПР only. */
export const annexTableTitle = (types: string[]) => `Итоги ${types.join(", ")} в разрезе общеобразовательных организаций`;

/** The line an annex without schools holds. */
export const NO_ANNEX_SCHOOLS = "Нет ОО для приложения по выбранному условию.";

/** The schools the annex lists, as the settings choose them: the ШНОР, the ШНОР and those at risk, or all. */
export function annexVerdicts(analysis: Analysis, schools: AnnexSchools) {
  return analysis.verdicts.filter((v) => schools === "all" || v.status === "shnor" || (schools === "risk" && v.status === "risk"));
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
