/**
 * Many inputs, one answer: results tables from many files and sheets joined
 * per school. A school is one login (sch123456 = edu123456), else one name
 * after normalising quotes, spaces and «№». The same school × procedure given
 * twice with different values is a conflict naming both sources and is not
 * counted (never averaged); equal values merge silently.
 */
import { formatPercent } from "../cells";
import { ShnorError } from "../errors";
import { compareProcedures, Procedure, procedureKey, procedureLabel } from "../procedures";
import { loginKey, nameKey } from "./identity";
import { eachResult, ResultColumns, StoredSchool } from "./stored";
import {
  ComparisonRow,
  GRADE_HINT,
  NO_GRADE_REASON,
  NO_PROCEDURE_REASON,
  ProcedureResult,
  RESULT_REPORTS,
  ResultsTable,
  SchoolRecord,
  SkippedRow,
} from "./model";

export interface JoinInput {
  /** How the user knows where the table came from: «file.xlsx, лист «…»». */
  source: string;
  table: ResultsTable;
}

export interface ConflictSide {
  source: string;
  row: number;
  failPercent: number | null;
  highPercent: number | null;
  participants: number | null;
}

/** The same school and procedure with different values in two sources. */
export interface Conflict {
  school: string;
  login: string | null;
  procedure: Procedure;
  first: ConflictSide;
  second: ConflictSide;
}

/** A school (one login, or one name) written under different names: the latest name is kept. */
export interface RenamedSchool {
  login: string | null;
  /** The other names, as written. */
  others: string[];
  /** The name kept, and the year it was last written in. */
  latest: string;
  year: number;
}

export interface JoinedTable extends ResultsTable {
  conflicts: Conflict[];
  renamed: RenamedSchool[];
  /** The join's own warnings (renames, duplicates, conflicts), without the tables' warnings. */
  joinWarnings: string[];
}

/** A conflict as the warnings and the text report say it. */
export function conflictText(c: Conflict): string {
  return `Расхождение: «${c.school}», ${procedureLabel(c.procedure)} — ${describe(c.first)}; ${describe(c.second)}. Результат не учтён: исправьте один из файлов`;
}

/** A renamed school as the warnings and the text report say it. */
export function renamedText(r: RenamedSchool): string {
  const who = r.login ? `ОО с логином ${r.login}` : "ОО";
  return `${who} называется по-разному: ${r.others.map((n) => `«${n}»`).join(", ")} и «${r.latest}» (${r.year}); взято последнее название`;
}

interface Occurrence {
  record: SchoolRecord;
  input: number;
  source: string;
}

interface Group {
  occurrences: Occurrence[];
  login: string | null;
}

/** ФИС ОКО rounds percents to two places: a percent from pupils' marks and the rounded one are the same result. */
const PERCENT_TOLERANCE = 0.005 + 1e-9;

function same(a: number | null, b: number | null, tolerance = 1e-9): boolean {
  return a === null || b === null || Math.abs(a - b) <= tolerance;
}

function latestYear(record: SchoolRecord): number {
  let year = 0;
  eachResult(record, (r) => {
    if (r.procedure.year > year) year = r.procedure.year;
  });
  return year;
}

/**
 * The schools of all inputs in groups, one per school: by login, then a name
 * alone with the one login group of that name (several: a warning, and a group
 * of its own). One name under different logins is different schools, and says so.
 */
function groupSchools(inputs: JoinInput[], warnings: string[]): Group[] {
  // Schools with a login first: a name alone is then matched to a login group with that name.
  const occurrences: Occurrence[] = [];
  inputs.forEach(({ source, table }, input) => {
    for (const record of table.schools) occurrences.push({ record, input, source });
  });
  const groups: Group[] = [];
  const byLogin = new Map<string, Group>();
  // Each name's login groups: the first, and all of them for the few names with several (no Set a school).
  const loginByName = new Map<string, Group>();
  const loginsByName = new Map<string, Set<Group>>();
  const groupsNamed = (name: string): Set<Group> | Group | undefined => loginsByName.get(name) ?? loginByName.get(name);
  for (const o of occurrences) {
    if (!o.record.login) continue;
    const key = loginKey(o.record.login);
    let group = byLogin.get(key);
    if (!group) {
      group = { occurrences: [], login: o.record.login };
      byLogin.set(key, group);
      groups.push(group);
    }
    group.occurrences.push(o);
    const name = nameKey(o.record.name);
    const first = loginByName.get(name);
    if (!first) loginByName.set(name, group);
    else if (first !== group) (loginsByName.get(name) ?? loginsByName.set(name, new Set([first])).get(name))?.add(group);
  }
  const byName = new Map<string, Group>();
  for (const o of occurrences) {
    if (o.record.login) continue;
    const name = nameKey(o.record.name);
    const candidates = groupsNamed(name);
    if (candidates && !(candidates instanceof Set)) {
      candidates.occurrences.push(o);
      continue;
    }
    if (candidates) {
      const logins = [...candidates].map((g) => g.login).join(", ");
      warnings.push(
        `${o.source}: «${o.record.name}» без логина, а ОО с таким названием несколько (логины ${logins}); строка ${o.record.row + 1} не объединена ни с одной`,
      );
    }
    let group = byName.get(name);
    if (!group) {
      group = { occurrences: [], login: null };
      byName.set(name, group);
      groups.push(group);
    }
    group.occurrences.push(o);
  }
  // In the order the names were first met; most joins have no name under two logins, and a region's 40,000 names need no look.
  if (loginsByName.size > 0)
    for (const name of loginByName.keys()) {
      const set = loginsByName.get(name);
      if (!set) continue;
      const first = [...set][0].occurrences.find((o) => nameKey(o.record.name) === name);
      warnings.push(
        `«${first?.record.name ?? name}»: одно название у разных логинов (${[...set].map((g) => g.login).join(", ")}) — это разные ОО, они не объединены`,
      );
    }
  return groups;
}

/** Joins tables into one; the order of the inputs changes no result, only the order of rows and messages. */
export function joinTables(inputs: JoinInput[]): JoinedTable {
  const warnings: string[] = [];

  const groups = groupSchools(inputs, warnings);

  const procedures = new Map<string, Procedure>();
  for (const { table } of inputs) for (const p of table.procedures) procedures.set(procedureKey(p), p);
  // Each school's results in one order whatever the order of the files: by year, type, subject, grade.
  const rank = new Map<string, number>();
  const ranked = [...procedures.values()].sort(compareProcedures);
  ranked.forEach((p, i) => rank.set(procedureKey(p), i));
  let columns: ResultColumns | null = null;
  const merged = () => (columns ??= ResultColumns.create(ranked.map((p) => ({ procedure: p, key: procedureKey(p) }))));

  const conflicts: Conflict[] = [];
  const renamed: RenamedSchool[] = [];
  const schools: SchoolRecord[] = [];
  const views = new Map<ResultColumns, ResultColumns>();
  for (const group of groups) schools.push(joinGroup(group, warnings, conflicts, rank, views, renamed, merged));
  const skippedRows: SkippedRow[] = inputs.flatMap(({ source, table }) => table.skippedRows.map((s) => ({ ...s, source })));
  const comparisons = joinComparisons(inputs, warnings);
  const first = inputs[0]?.table;
  const layouts = new Set(inputs.map((i) => i.table.layout));
  return {
    layout: layouts.size === 1 && first ? first.layout : "wide",
    sheetName: inputs.map((i) => i.table.sheetName).join(", "),
    headerTop: first?.headerTop ?? 0,
    headerBottom: first?.headerBottom ?? 0,
    lastRow: first?.lastRow ?? 0,
    columns:
      inputs.length === 1 && first
        ? first.columns
        : inputs.flatMap(({ source, table }) => table.columns.map((c) => ({ ...c, header: `${source}: ${c.header}` }))),
    procedures: [...procedures.values()],
    schools,
    skippedRows,
    warnings: [
      ...inputs.flatMap(({ source, table }) => table.warnings.map((w) => (inputs.length > 1 ? `${source}: ${w}` : w))),
      ...warnings,
    ],
    joinWarnings: warnings,
    comparisons,
    journal: inputs.flatMap((i) => i.table.journal ?? []),
    pupils: inputs.flatMap((i) => i.table.pupils ?? []),
    conflicts,
    renamed,
  };
}

function describe(side: ConflictSide): string {
  const parts: string[] = [];
  if (side.failPercent !== null) parts.push(`% «2» ${formatPercent(side.failPercent)}`);
  if (side.highPercent !== null) parts.push(`% «4» и «5» ${formatPercent(side.highPercent)}`);
  if (side.participants !== null) parts.push(`участников ${side.participants}`);
  return `«${side.source}», строка ${side.row + 1}: ${parts.join(", ")}`;
}

/** Keys in the order `inOrder` puts results with them (stable, by rank). */
function inOrderKeys(keys: readonly string[], rank: Map<string, number>): string[] {
  return keys
    .map((key, i) => ({ key, i, r: rank.get(key) ?? 0 }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.key);
}

function inOrder(results: ProcedureResult[], rank: Map<string, number>): ProcedureResult[] {
  // Each result's rank looked up once, not once per comparison.
  const ranks = results.map((r) => rank.get(r.key) ?? 0);
  for (let i = 1; i < ranks.length; i++) {
    if (ranks[i - 1] > ranks[i]) {
      const order = ranks.map((_, k) => k).sort((a, b) => ranks[a] - ranks[b]);
      return order.map((k) => results[k]);
    }
  }
  return results;
}

/** A school found once, in one table: its results put in order (stored ones as a view shared by the whole table). */
function joinSingle(record: SchoolRecord, rank: Map<string, number>, views: Map<ResultColumns, ResultColumns>): SchoolRecord {
  const columns = record instanceof StoredSchool ? record.columns : null;
  if (columns) {
    // Stored results are put in order once for the whole table: a view of the same columns.
    let view = views.get(columns);
    if (!view) views.set(columns, (view = columns.ordered(inOrderKeys(columns.keys, rank))));
    return (record as StoredSchool).listedAs(view);
  }
  return { ...record, results: inOrder(record.results, rank) };
}

/** The latest name: of the occurrence with the latest year (a tie keeps the first); the others it had are noted. */
function latestNamed(group: Group, warnings: string[], renamed: RenamedSchool[]): Occurrence {
  const occ = group.occurrences;
  // The latest year of each record's results, so a renamed school keeps its latest name (only a school found twice asks).
  const years = occ.map((o) => latestYear(o.record));
  let latest = 0;
  for (let i = 1; i < occ.length; i++) if (years[i] > years[latest]) latest = i;
  const names = new Map<string, string>();
  for (const o of occ) if (!names.has(nameKey(o.record.name))) names.set(nameKey(o.record.name), o.record.name);
  if (names.size > 1) {
    const name = occ[latest].record.name;
    const others = [...names.values()].filter((n) => nameKey(n) !== nameKey(name));
    const rename: RenamedSchool = { login: group.login, others, latest: name, year: years[latest] };
    renamed.push(rename);
    warnings.push(renamedText(rename));
  }
  return occ[latest];
}

/** The same school twice in one table: say so, naming both rows. */
function warnTwiceInOneTable(occ: Occurrence[], warnings: string[]): void {
  const seen = new Map<number, Occurrence>();
  for (const o of occ) {
    const before = seen.get(o.input);
    if (before && before.record !== o.record)
      warnings.push(`${o.source}: «${o.record.name}» указана дважды — строки ${before.record.row + 1} и ${o.record.row + 1}`);
    else seen.set(o.input, o);
  }
}

/**
 * The school's results from all its occurrences, in the order first found: equal ones merged, each filling
 * what the other left out; different ones a conflict, noted once and left out.
 */
function mergeResults(occ: Occurrence[], school: SchoolRecord, warnings: string[], conflicts: Conflict[]): ProcedureResult[] {
  // In the order first found (a Map keeps it).
  const byKey = new Map<string, { result: ProcedureResult; side: ConflictSide; conflict: boolean }>();
  for (const o of occ) {
    // Through eachResult: a stored school's results are read, not made into objects and kept on its table.
    eachResult(o.record, (r) => {
      const side: ConflictSide = {
        source: o.source,
        row: o.record.row,
        failPercent: r.failPercent,
        highPercent: r.highPercent,
        participants: r.participants,
      };
      const have = byKey.get(r.key);
      if (!have) {
        byKey.set(r.key, { result: { ...r }, side, conflict: false });
        return;
      }
      const h = have.result;
      const agree =
        same(h.failPercent, r.failPercent, PERCENT_TOLERANCE) &&
        same(h.highPercent, r.highPercent, PERCENT_TOLERANCE) &&
        same(h.participants, r.participants);
      if (!agree) {
        if (!have.conflict) {
          const conflict: Conflict = { school: school.name, login: school.login, procedure: r.procedure, first: have.side, second: side };
          conflicts.push(conflict);
          warnings.push(conflictText(conflict));
        }
        have.conflict = true;
        return;
      }
      // Counts are exact: a result from counts wins over a rounded percent, whatever the order of the files.
      if (h.failCount === null && r.failCount !== null) {
        h.failPercent = r.failPercent;
        h.highPercent = r.highPercent ?? h.highPercent;
      }
      // Equal where both say something: fill what one of them left out.
      h.failPercent ??= r.failPercent;
      h.highPercent ??= r.highPercent;
      h.participants ??= r.participants;
      h.failCount ??= r.failCount;
    });
  }
  const results: ProcedureResult[] = [];
  for (const entry of byKey.values()) if (!entry.conflict) results.push(entry.result);
  return results;
}

function joinGroup(
  group: Group,
  warnings: string[],
  conflicts: Conflict[],
  rank: Map<string, number>,
  views: Map<ResultColumns, ResultColumns>,
  renamed: RenamedSchool[],
  /** The columns merged schools are stored in: every procedure, listed in rank order. */
  merged: () => ResultColumns,
): SchoolRecord {
  const occ = group.occurrences;
  // Most schools come from one table once: nothing to merge (the common case of one big file).
  if (occ.length === 1) return joinSingle(occ[0].record, rank, views);
  const latest = latestNamed(group, warnings, renamed);
  warnTwiceInOneTable(occ, warnings);
  const login = occ.map((o) => o.record.login).find((l) => l && /^edu/i.test(l)) ?? latest.record.login ?? group.login;
  const territory = latest.record.territory ?? occ.find((o) => o.record.territory)?.record.territory ?? null;
  const school: SchoolRecord = { name: latest.record.name, login, territory, row: occ[0].record.row, results: [] };
  const results = mergeResults(occ, school, warnings, conflicts);
  // Held in the joined table's columns, as a single table's schools are: a region joined from
  // two files is 80,000 records of 50 results, 600 MB as objects.
  const columns = merged();
  const at = columns.addRow();
  for (const r of results) columns.set(at, rank.get(r.key) as number, r);
  return new StoredSchool(school.name, login, territory, school.row, columns, at);
}

function joinComparisons(inputs: JoinInput[], warnings: string[]): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const byKey = new Map<string, ComparisonRow>();
  for (const { source, table } of inputs) {
    for (const c of table.comparisons ?? []) {
      const key = `${c.kind}|${c.code ?? nameKey(c.name)}`;
      let row = byKey.get(key);
      if (!row) {
        row = { ...c, results: [] };
        byKey.set(key, row);
        rows.push(row);
      }
      for (const r of c.results) {
        const have = row.results.find((x) => x.key === r.key);
        if (!have) row.results.push({ ...r });
        else if (!same(have.failPercent, r.failPercent, PERCENT_TOLERANCE) || !same(have.participants, r.participants))
          warnings.push(
            `${source}: строка для сравнения «${c.name}», ${procedureLabel(r.procedure)} — другие значения, чем в другом файле; взяты первые`,
          );
      }
    }
  }
  return rows;
}

/**
 * A joined answer must name schools: a table with only comparison rows, or only
 * the comparison with journal marks, is an error in Russian, never «ШНОР не выявлены».
 */
export function requireSchools(table: ResultsTable, where: string): void {
  if (table.schools.length > 0) return;
  if ((table.journal?.length ?? 0) > 0 && table.procedures.length === 0) {
    throw new ShnorError(
      "no-table",
      `${where}: найдено только «Сравнение отметок с отметками по журналу» — это не результаты. Нужна ${RESULT_REPORTS} тех же процедур.`,
    );
  }
  const comparisons = table.comparisons?.length ?? 0;
  if (comparisons === 0 && table.skippedRows.some((r) => r.reason === NO_GRADE_REASON)) {
    throw new ShnorError("no-table", `${where}: таблица найдена, но у ВПР не указан класс: ${GRADE_HINT}.`);
  }
  if (comparisons === 0 && table.skippedRows.some((r) => r.reason === NO_PROCEDURE_REASON)) {
    throw new ShnorError(
      "no-table",
      `${where}: таблица найдена, но не определена процедура (вид, предмет, год) — укажите её в строке над таблицей («Протокол проверки результатов ОГЭ», «Предмет: Математика», «Дата экзамена: 24.05.2024»), в названии листа или в столбцах «Экзамен», «Предмет», «Год».`,
    );
  }
  throw new ShnorError(
    "no-table",
    comparisons > 0
      ? `${where}: таблица найдена, но в ней нет ни одной школы — только строки для сравнения (${comparisons}: регион, муниципалитет, итоги). Нужны строки ОО с логином или названием (МБОУ «СОШ № 1»…).`
      : `${where}: таблица найдена, но ни одна строка не прочитана как школа. Проверьте столбец с названиями ОО (см. пропущенные строки в отчёте о распознавании).`,
  );
}
