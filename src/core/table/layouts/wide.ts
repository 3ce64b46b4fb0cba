/**
 * A wide table: a row per school, a column (or a merged group of columns) per
 * procedure, with up to MAX_HEADER_ROWS header rows. Tried last: it takes what
 * any procedure label over a names column looks like.
 */
import { minOf } from "../../arrays";
import { Cell, displayText, isBlank, normalizeText, readNumber, SheetGrid } from "../../cells";
import {
  completeProcedure,
  hasAnyPart,
  lacksGrade,
  mergeParts,
  parseProcedureParts,
  Procedure,
  ProcedureParts,
  procedureLabel,
} from "../../procedures";
import { findMeasure, Measure } from "../../vocabulary";
import { contextParts, headerTextsOf, MAX_HEADER_ROWS, RowSurvey } from "../head";
import { idRoleOf, IdRole } from "../headers";
import { Head, readSchoolRow, TableLayout } from "../layout";
import { ColumnPlan, TableShape } from "../model";

function mergedValue(grid: SheetGrid, r: number, c: number): Cell {
  for (const m of grid.merges ?? []) {
    if (r >= m.top && r <= m.bottom && c >= m.left && c <= m.right) return grid.values[m.top]?.[m.left];
  }
  return grid.values[r]?.[c];
}

function widthOf(rows: Cell[][]): number {
  return rows.reduce((w, row) => Math.max(w, row.length), 0);
}

function detect({ grid, rows, surveys, offset, sheetName }: Head): TableShape | null {
  const first = procedureHeaderRow(surveys);
  if (first < 0) return null;
  let top = first;
  for (let r = first - 1; r >= Math.max(0, first - 2); r--) if (surveys[r].ids.size > 0) top = r;
  let bottom = first;
  while (
    bottom + 1 < rows.length &&
    bottom - top + 1 < MAX_HEADER_ROWS &&
    isHeaderLike(rows[bottom + 1], surveys[bottom + 1], surveys[first])
  )
    bottom++;

  const width = widthOf(rows.slice(top, bottom + 1));
  const block = fillHeaderBlock(grid, top, bottom, width);
  const context = contextParts(sheetName, rows.slice(0, top));
  const colOffset = grid.firstColumn ?? 0;
  const drafts: WideDraft[] = [];
  const idTaken = new Set<IdRole>();
  for (let c = 0; c < width; c++) {
    const texts = block.map((row) => row[c].text);
    const own = block.map((row) => (row[c].inherited ? "" : row[c].text));
    if (texts.every((t) => t === "")) continue;
    const draft = draftWideColumn(colOffset + c, texts, own, context);
    draft.header = joinHeader(block.map((row) => row[c].display));
    if (draft.idRole) {
      if (idTaken.has(draft.idRole)) draft.idRole = undefined;
      else idTaken.add(draft.idRole);
    }
    drafts.push(draft);
  }
  const columns = drafts.map((d) => finishWideColumn(d, drafts));
  if (!columns.some((p) => p.role.kind === "measure")) return null;
  // A title block over a table the detectors missed («Протокол … ОГЭ / Предмет: …») is one column of labels: no room for names.
  if (!columns.some((p) => p.role.kind !== "measure")) return null;
  return {
    layout: "wide",
    sheetName,
    headerTop: offset + top,
    headerBottom: offset + bottom,
    firstColumn: colOffset,
    columns,
    headerTexts: headerTextsOf(rows.slice(top, bottom + 1)),
  };
}

/**
 * The row of procedure labels: the one naming most procedures or their parts
 * («Математика 5 кл.»), helped by id headers beside it or measures under it, so
 * a title like «Итоги ВПР, ОГЭ, ЕГЭ» loses and becomes context.
 */
function procedureHeaderRow(surveys: RowSurvey[]): number {
  let best = -1;
  let bestScore = 0;
  surveys.forEach((s, r) => {
    if (s.partCells === 0) return;
    const score = s.procedureLabels.length + s.partCells + (s.ids.size > 0 ? 1 : 0) + ((surveys[r + 1]?.measures.size ?? 0) > 0 ? 1 : 0);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  });
  return best;
}

/** A row under the procedure labels that still belongs to the header: text where the data will be numbers. */
function isHeaderLike(row: Cell[], survey: RowSurvey, labels: RowSurvey): boolean {
  if (survey.textCells === 0) return false;
  const firstLabel = minOf(labels.procedureLabels);
  for (let c = firstLabel; c < row.length; c++) {
    if (isBlank(row[c])) continue;
    if (readNumber(row[c]).kind === "number") return false;
  }
  return survey.measures.size > 0 || survey.partCells > 0;
}

interface HeaderCell {
  /** Normalized, for matching. */
  text: string;
  /** As the user wrote it, for the report. */
  display: string;
  inherited: boolean;
}

/**
 * The header block with merged areas resolved and a blank after a procedure
 * label read as that label (how a merge arrives from a range without merge info).
 */
function fillHeaderBlock(grid: SheetGrid, top: number, bottom: number, width: number): HeaderCell[][] {
  const block: HeaderCell[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row: HeaderCell[] = [];
    for (let c = 0; c < width; c++) {
      const own = grid.values[r]?.[c];
      const merged = isBlank(own) ? mergedValue(grid, r, c) : own;
      row.push({ text: normalizeText(merged), display: displayText(merged), inherited: isBlank(own) && !isBlank(merged) });
    }
    block.push(row);
  }
  const last = block.length - 1;
  for (let i = 0; i < last; i++) {
    const row = block[i];
    for (let c = 1; c < width; c++) {
      if (row[c].text !== "") continue;
      const left = row[c - 1];
      if (!left.text || !hasAnyPart(parseProcedureParts(left.text))) continue;
      const sameParent = i === 0 || block[i - 1][c].text === block[i - 1][c - 1].text;
      const underMeasure = block[last][c].text !== "" || block.slice(i + 1, last).some((below) => below[c].text !== "");
      if (sameParent && underMeasure) row[c] = { ...left, inherited: true };
    }
  }
  return block;
}

function joinHeader(texts: string[]): string {
  const out: string[] = [];
  for (const t of texts) if (t && out[out.length - 1] !== t) out.push(t);
  return out.join(" / ");
}

interface WideDraft {
  column: number;
  header: string;
  idRole?: IdRole;
  procedure: Procedure | null;
  measure: Measure | null;
  /** The procedure label stands in this column itself, not inherited from a merge. */
  ownLabel: boolean;
  missing: string[];
  anyPart: boolean;
}

function draftWideColumn(column: number, texts: string[], own: string[], context: ProcedureParts): WideDraft {
  const header = joinHeader(texts);
  const idRole = own.map((t) => idRoleOf(t)).find((x) => x !== null) ?? undefined;
  let measure: Measure | null = null;
  let parts: ProcedureParts = { type: null, subject: null, grade: null, level: null, year: null };
  let ownLabel = false;
  // Lower rows are more specific: read them first so they win a conflict.
  for (let r = texts.length - 1; r >= 0; r--) {
    const text = texts[r];
    if (!text || (r > 0 && text === texts[r - 1])) continue;
    const found = findMeasure(text);
    if (found && measure === null) measure = found.measure;
    const rowParts = parseProcedureParts(found ? found.rest : text);
    if (own[r] && hasAnyPart(rowParts)) ownLabel = true;
    parts = mergeParts(parts, rowParts);
  }
  const anyPart = hasAnyPart(parts);
  parts = mergeParts(parts, context);
  const missing = [parts.type ? "" : "вид процедуры", parts.subject ? "" : "предмет", parts.year !== null ? "" : "год"].filter((x) => x);
  const procedure = completeProcedure(parts);
  // A ВПР column without a grade would merge with every grade's: it is left out, and the reason says what is missing.
  if (procedure && lacksGrade(procedure))
    return { column, header, idRole, procedure: null, measure, ownLabel, missing: ["класс"], anyPart };
  return { column, header, idRole, procedure, measure, ownLabel, missing, anyPart };
}

function finishWideColumn(d: WideDraft, all: WideDraft[]): ColumnPlan {
  const base = { column: d.column, header: d.header };
  if (d.idRole) return { ...base, role: { kind: d.idRole } };
  if (!d.procedure) {
    const reason = d.anyPart ? `в заголовке не хватает: ${d.missing.join(", ")}` : "заголовок не распознан";
    return { ...base, role: { kind: "ignored", reason } };
  }
  if (d.measure) return { ...base, role: { kind: "measure", procedure: d.procedure, measure: d.measure } };
  // A procedure label over a single unlabelled column: read it as % «2», and say so.
  const key = procedureLabel(d.procedure);
  const alone = !all.some((o) => o !== d && o.procedure && procedureLabel(o.procedure) === key);
  if (d.ownLabel && alone) {
    return {
      ...base,
      role: { kind: "measure", procedure: d.procedure, measure: "failPercent" },
      note: "показатель не подписан: принят за «% 2»",
    };
  }
  return { ...base, role: { kind: "ignored", reason: "не распознан показатель" } };
}

export const wide: TableLayout<"wide"> = {
  name: "wide",
  title: "широкая таблица (строка на школу, столбцы по процедурам)",
  detect,
  readRow: readSchoolRow,
};
