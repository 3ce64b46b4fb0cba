/**
 * Why a sheet holds no results table, in a short Russian sentence: what its
 * first rows show (a header, a column of school names, pupils' task scores,
 * objectivity markers) and what the detector missed (a procedure, a measure,
 * the names column). Reads the same first DETECT_ROWS rows as detectTable,
 * with the detector's own header words, and says nothing where it finds a table.
 */
import { Cell, displayText, isBlank, normalizeText, readNumber, SheetGrid } from "../cells";
import { hasAnyPart, mergeParts, parseProcedureParts, ProcedureParts } from "../procedures";
import { findMeasure, MEASURE_TEXT } from "../vocabulary";
import { detectTables } from "./blocks";
import { contextParts, DETECT_ROWS } from "./head";
import { idRoleOf, isMarkerText, journalRoleOf, longRoleOf, looksLikeSchool, pupilRoleOf, RECOGNITION_TITLE } from "./headers";
import { isSchoolLogin, splitCode } from "./identity";
import { LAYOUT_NAMES } from "./layouts";
import { RESULT_REPORTS } from "./model";

/** Headers listed in an explanation; the rest are counted. */
const LISTED = 8;
/** Characters of one quoted header or line before it is cut with «…». */
const QUOTED = 40;
/** A column is read as names or logins when at least this share of its values look like them. */
const NAMES_SHARE = 0.5;

/** What a measure header looks like, for «no column names a measure»: the detector's own measure words. */
const MEASURE_EXAMPLES = `${MEASURE_TEXT.failPercent}, ${MEASURE_TEXT.failCount}`;

export interface BelowPrefix {
  /** Rows holding something below the rows given (a stream counts them after detection). */
  rowsBelow?: number;
}

/**
 * Null when the detector finds a table in the grid's first rows (then there is
 * nothing to explain); otherwise one Russian sentence, without the sheet's name,
 * starting in lower case: it follows «лист «X»: не взят — » or «На листе «X» …:».
 */
export function explainNoTable(grid: SheetGrid, below: BelowPrefix = {}): string | null {
  const head: SheetGrid = {
    ...grid,
    values: grid.values.slice(0, DETECT_ROWS).map((r) => r ?? []),
    numberFormats: grid.numberFormats?.slice(0, DETECT_ROWS).map((r) => r ?? []),
  };
  if (detectTables(head).length > 0) return null;
  const more = grid.values.slice(DETECT_ROWS).filter((r) => filled(r) > 0).length + Math.max(0, below.rowsBelow ?? 0);
  return describe(head.values, grid.sheetName ?? "", more);
}

/** Blank, or a number no host gives (NaN, ∞): nothing to show. */
const empty = (cell: Cell): boolean => isBlank(cell) || (typeof cell === "number" && !Number.isFinite(cell));

const filled = (row: Cell[] | undefined): number => (row ?? []).reduce((n: number, c) => (empty(c) ? n : n + 1), 0);

/** A cell as the user sees it in a Russian Excel, on one line. */
const shown = (cell: Cell): string => (typeof cell === "boolean" ? (cell ? "ИСТИНА" : "ЛОЖЬ") : displayText(cell).trim());

const isNumeric = (cell: Cell): boolean => typeof cell === "number" || readNumber(cell).kind === "number";

function cut(text: string, max = QUOTED): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

const quote = (text: string): string => `«${cut(text)}»`;

/** «a», «b», … and «ещё N» past the first LISTED. */
function quoteList(texts: string[], limit = LISTED): string {
  const shown = texts.slice(0, limit).map(quote).join(", ");
  return texts.length > limit ? `${shown} и ещё ${texts.length - limit}` : shown;
}

/**
 * A header a detector knows. Measures and procedure parts count only in short
 * cells: a school's long name («…высшего образования…») or a date names a year
 * or a measure word by chance, a header is a few words.
 */
function recognised(text: string): boolean {
  if (!text) return false;
  if (idRoleOf(text) || longRoleOf(text) || pupilRoleOf(text) || journalRoleOf(text)) return true;
  return text.length <= QUOTED && (findMeasure(text) !== null || hasAnyPart(parseProcedureParts(text)));
}

/** The header row: the row of most text, known header words counting thrice; the earliest wins a tie. Null when no row has two texts. */
function headerRow(rows: Cell[][]): number | null {
  let best: number | null = null;
  let bestScore = 0;
  rows.forEach((row, r) => {
    let texts = 0;
    let score = 0;
    const marks = new Set<number>();
    for (const cell of row) {
      if (empty(cell)) continue;
      if (isNumeric(cell)) {
        const n = readNumber(cell);
        if (n.kind === "number" && Number.isInteger(n.value) && n.value >= 2 && n.value <= 5) marks.add(n.value);
        continue;
      }
      texts++;
      score += recognised(normalizeText(cell)) ? 3 : 1;
    }
    // Marks 2–5 side by side, as ФИС ОКО heads its columns (the detector's own test: three marks with «2»).
    if (marks.size >= 3 && marks.has(2)) score += 3 * marks.size;
    if (texts >= 2 && score > bestScore) {
      best = r;
      bestScore = score;
    }
  });
  return best;
}

interface Column {
  column: number;
  /** As written, one line. */
  shown: string;
  text: string;
  /** Non-blank values in the rows below the header (within the first rows). */
  values: Cell[];
}

/** Share of a column's values that pass `test`; 0 without values. */
function share(values: Cell[], test: (cell: Cell) => boolean): number {
  return values.length === 0 ? 0 : values.filter(test).length / values.length;
}

const schoolLike = (cell: Cell): boolean =>
  typeof cell === "string" && !isNumeric(cell) && looksLikeSchool(normalizeText(splitCode(cell).name));
const loginLike = (cell: Cell): boolean => typeof cell === "string" && (isSchoolLogin(cell) || isSchoolLogin(splitCode(cell).code));
/** Only 0 and 1, with a 1: a yes/no mark, not a result. */
const binary = (values: Cell[]): boolean =>
  values.length > 0 &&
  values.every((v) => {
    const n = readNumber(v);
    return n.kind === "number" && (n.value === 0 || n.value === 1);
  }) &&
  values.some((v) => readNumber(v).kind === "number" && (readNumber(v) as { value: number }).value === 1);

function missingParts(parts: ProcedureParts): string[] {
  return [parts.type ? "" : "вид процедуры (ВПР, ОГЭ, ЕГЭ)", parts.subject ? "" : "предмет", parts.year !== null ? "" : "год"].filter(
    (x) => x,
  );
}

function describe(rows: Cell[][], sheetName: string, below: number): string {
  const shapeless = describeShapeless(rows, below);
  if (typeof shapeless === "string") return shapeless;
  const sheet = seeSheet(rows, sheetName, shapeless.header, shapeless.lines, below);
  return (
    describeClassProtocol(sheet) ??
    describePupilProtocol(sheet) ??
    describeJournal(sheet) ??
    describeMarkers(sheet) ??
    describeHeaders(sheet)
  );
}

/** A sheet with no header row to speak of (the recognition report, empty, text or numbers only), or its header row and filled rows. */
function describeShapeless(rows: Cell[][], below: number): string | { header: number; lines: number[] } {
  if (rows[0]?.[0] === RECOGNITION_TITLE) return "это отчёт о распознавании ШНОР-монитора, а не результаты";
  const lines = rows.flatMap((row, r) => (filled(row) > 0 ? [r] : []));
  const belowText = below > 0 ? `; таблица ищется только в первых ${DETECT_ROWS} строках, а ниже есть ещё строк: ${below}` : "";
  if (lines.length === 0) return below > 0 ? `первые ${DETECT_ROWS} строк пусты${belowText}` : "лист пуст";
  const h = headerRow(rows);
  const tableRows = lines.filter((r) => filled(rows[r]) >= 2);
  if (h === null || tableRows.length < 2) {
    const texts = lines.map((r) =>
      rows[r]
        .filter((c) => !empty(c))
        .map(shown)
        .join(" "),
    );
    if (h === null && tableRows.length >= 2)
      return `на листе нет строки заголовков — только числа (строк: ${lines.length + below})${belowText}`;
    return `на листе только строки текста, таблицы нет: ${quoteList(texts, 3)}${belowText}`;
  }
  return { header: h, lines };
}

/** What the header row and the rows under it show, as every explanation below reads it. */
interface SeenSheet {
  sheetName: string;
  columns: Column[];
  titles: Cell[][];
  context: ProcedureParts;
  dataCount: number;
  /** «строка заголовков 3, строк данных: 40». */
  where: string;
  headerList: string;
  pupil: { c: Column; role: ReturnType<typeof pupilRoleOf> }[];
  has: (field: string) => { c: Column } | undefined;
  namesByHeader: Column | undefined;
  namesByValues: Column | undefined;
}

function seeSheet(rows: Cell[][], sheetName: string, h: number, lines: number[], below: number): SeenSheet {
  const header = rows[h];
  const dataRows = lines.filter((r) => r > h);
  const dataCount = dataRows.length + below;
  const columns: Column[] = [];
  for (let c = 0; c < header.length; c++) {
    if (empty(header[c])) continue;
    columns.push({
      column: c,
      shown: shown(header[c]),
      text: normalizeText(header[c]),
      values: dataRows.map((r) => rows[r][c]).filter((v) => !empty(v)),
    });
  }
  const headers = columns.map((c) => c.shown);
  const headerList = `заголовки: ${quoteList(headers)}${headers.length > LISTED ? ` (всего ${headers.length})` : ""}`;
  const where = `строка заголовков ${h + 1}, строк данных: ${dataCount}`;
  const titles = rows.slice(0, h);
  const context = contextParts(sheetName, titles);
  const pupil = columns.map((c) => ({ c, role: pupilRoleOf(c.text) }));
  const has = (field: string) => pupil.find((p) => p.role?.field === field);
  // A names column wins over a login column («Код ОО», «Логин»), which is called what it is.
  const namesByHeader = columns.find((c) => idRoleOf(c.text) === "name") ?? columns.find((c) => idRoleOf(c.text) === "login");
  const namesByValues = columns
    .filter((c) => c.values.length > 0 && !idRoleOf(c.text))
    .map((c) => ({ c, share: Math.max(share(c.values, schoolLike), share(c.values, loginLike)) }))
    .filter((x) => x.share >= NAMES_SHARE)
    .sort((a, b) => b.share - a.share)[0]?.c;
  return { sheetName, columns, titles, context, dataCount, where, headerList, pupil, has, namesByHeader, namesByValues };
}

/** Pupil-level: a class's protocol of task scores («форма сбора результатов»). */
function describeClassProtocol({ pupil, has, namesByHeader, dataCount }: SeenSheet): string | null {
  const tasks = pupil.filter((p) => p.role?.field === "task");
  if (!(tasks.length >= 2 && (has("code") || has("primary") || has("variant")))) return null;
  const seen = [
    has("code") ? "коды участников" : "",
    has("variant") ? "вариант" : "",
    `баллы за задания ${quote(tasks[0].c.shown)} … ${quote(tasks[tasks.length - 1].c.shown)} (${tasks.length})`,
    has("primary") ? quote(has("primary")!.c.shown) : "",
  ].filter((x) => x);
  const lacks = [has("mark") ? "" : "отметок", namesByHeader ? "" : "столбца ОО", has("code") ? "" : "кодов участников"].filter((x) => x);
  return (
    `строка на участника (${seen.join(", ")}; участников: ${dataCount}) — протокол класса («форма сбора результатов»), а не результаты ОО` +
    `${lacks.length > 0 ? `: нет ${lacks.join(" и ")}` : ""}. Для результатов ОО нужна ${RESULT_REPORTS}`
  );
}

/** A protocol of pupils (РЦОИ) without a school or without a mark or a verdict on the minimum threshold. Names are never quoted: headers only. */
function describePupilProtocol({ pupil, has, namesByHeader, dataCount, where }: SeenSheet): string | null {
  const persons = pupil.filter((p) => p.role?.field === "person");
  const verdict = has("mark") ?? has("passed");
  if ((persons.length > 0 || has("code")) && verdict && !namesByHeader) {
    const seen = [has("code") ? "коды участников" : "", persons.length > 0 ? "фамилии (не выводятся)" : "", quote(verdict.c.shown)]
      .filter((x) => x)
      .join(", ");
    return (
      `строка на участника (${seen}; участников: ${dataCount}) — протокол без столбца ОО: ` +
      `нужен столбец «Код ОО» или «Наименование ОО» с ОО в каждой строке или строка «ОО: …» над таблицей; ${where}`
    );
  }
  if ((persons.length > 0 || has("code")) && (namesByHeader || has("primary")) && !verdict) {
    const seen = [
      has("code") ? "коды участников" : "",
      persons.length > 0 ? "фамилии (не выводятся)" : "",
      has("primary") ? quote(has("primary")!.c.shown) : "",
    ]
      .filter((x) => x)
      .join(", ");
    const school = namesByHeader ? "" : " и столбца ОО («Код ОО», «Наименование ОО»)";
    return (
      `строка на участника (${seen}; участников: ${dataCount}) — протокол без столбца отметки («Оценка», «Отметка») ` +
      `или ответа о минимальном пороге («Минимальный порог пройден»)${school}; ${where}`
    );
  }
  return null;
}

/** ФИС ОКО «Сравнение отметок с отметками по журналу» without the names column. */
function describeJournal({ columns, namesByHeader, where }: SeenSheet): string | null {
  const journal = columns.filter((c) => journalRoleOf(c.text));
  if (journal.some((c) => /^понизил/.test(c.text)) && journal.some((c) => /^повысил/.test(c.text)) && !namesByHeader) {
    return `${LAYOUT_NAMES.journal.split(" (")[0]} без столбца ОО («Группы участников», «Название ОО»): ${where}`;
  }
  return null;
}

const idColumn = (c: Column) => idRoleOf(c.text) !== null || longRoleOf(c.text) !== null;

/** Objectivity markers: 0/1 marks per procedure and their count, not results. */
function describeMarkers({ columns, sheetName, titles, where }: SeenSheet): string | null {
  const flags = columns.filter((c) => !idColumn(c) && binary(c.values));
  const markerWords = [...columns.map((c) => c.shown), shown(sheetName), ...titles.flat().map(shown)].filter((t) =>
    isMarkerText(normalizeText(t)),
  );
  if ((markerWords.length > 0 && (flags.length > 0 || columns.some((c) => isMarkerText(c.text)))) || flags.length >= 3) {
    const what = markerWords.length > 0 ? `признаки необъективности (${quoteList(markerWords, 2)})` : "отметки «да/нет» (0 и 1)";
    const flagText =
      flags.length > 0
        ? `; столбцы ${quoteList(
            flags.map((c) => c.shown),
            6,
          )} содержат только 0 и 1`
        : "";
    return `это ${what}, а не результаты: нет доли «2» или не преодолевших порог${flagText}; ${where}`;
  }
  return null;
}

/** What the headers say of procedures and measures, and of the names column. */
function describeHeaders({ columns, context, namesByHeader, namesByValues, where, headerList }: SeenSheet): string {
  const measures = columns.filter((c) => findMeasure(c.text));
  const partial = columns
    .filter((c) => !idColumn(c))
    .map((c) => ({ c, parts: parseProcedureParts(findMeasure(c.text)?.rest ?? c.text) }))
    .filter((x) => hasAnyPart(x.parts));
  const longs = columns.filter((c) => longRoleOf(c.text) === "procedure" || longRoleOf(c.text) === "subject");
  const names = namesByHeader ?? namesByValues;
  const namesText = names
    ? namesByHeader
      ? `${idRoleOf(names.text) === "login" ? "столбец логинов (кодов) ОО" : "столбец названий ОО"} ${quote(names.shown)}`
      : `столбец ${quote(names.shown)} по значениям похож на названия ОО`
    : "";

  // Each reads after «но» and after «;».
  const procedureSide = (): string | null => {
    if (partial.length > 0) {
      const missing = [...new Set(partial.flatMap((x) => missingParts(mergeParts(x.parts, context))))];
      const shownParts = quoteList(
        partial.map((x) => x.c.shown),
        4,
      );
      if (missing.length > 0)
        return `в заголовках ${shownParts} не хватает: ${missing.join(", ")} (их можно дописать в заголовок, в строку над таблицей или в название листа)`;
      return `под процедурами ${shownParts} не распознан показатель (${MEASURE_EXAMPLES})`;
    }
    if (measures.length > 0) {
      const shownMeasures = quoteList(
        measures.map((c) => c.shown),
        5,
      );
      // A long table names the procedure in its cells: the measures have one.
      if (longs.length > 0)
        return names
          ? `показатели ${shownMeasures} не дают доли «2»: нужен ${MEASURE_EXAMPLES} или число участников`
          : `есть столбцы процедуры (${quoteList(longs.map((c) => c.shown))}) и показателей (${shownMeasures})`;
      const missing = missingParts(context);
      if (missing.length > 0) return `у показателей ${shownMeasures} не указана процедура: не хватает: ${missing.join(", ")}`;
      return `показатели ${shownMeasures} не стоят под заголовком процедуры`;
    }
    if (longs.length > 0) return `столбца показателя нет (${MEASURE_EXAMPLES}), есть только ${quoteList(longs.map((c) => c.shown))}`;
    return null;
  };

  if (names && !namesByHeader && (measures.length > 0 || longs.length > 0)) {
    return `${namesText}, но его заголовок не распознан: назовите его «Название ОО» (${where}; ${headerList})`;
  }
  if (names) {
    const side = procedureSide() ?? `ни один столбец не называет процедуру с показателем (${MEASURE_EXAMPLES})`;
    return `${where}, ${namesText}, но ${side}; ${headerList}`;
  }
  const side = procedureSide();
  if (side) return `нет столбца с названиями ОО («Название ОО», «ОО», «Школа» или логин); ${side}; ${where}; ${headerList}`;
  return `${where}, но нет ни столбца названий ОО, ни процедуры с показателем (${MEASURE_EXAMPLES}); ${headerList}`;
}
