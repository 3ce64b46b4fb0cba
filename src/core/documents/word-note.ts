/**
 * «Аналитическая справка.docx»: what was read and the rule with its settings;
 * how many schools were read, how many are ШНОР and at risk; low results by
 * procedure, with a chart; the ШНОР with their reasons; who entered and left
 * the list since the year before and the dynamics; the objectivity signals,
 * worded as signals with their n; the ВПР tasks red for all the schools
 * together, where pupils' task scores were read. Never a verdict or a rank.
 */
import { pushAll } from "../arrays";
import { Dynamics, dynamicsCounts, DYNAMICS_TEXT, lastListChange, NO_PUPILS, NO_RATING, SIGN_TITLE } from "../dynamics";
import { procedureLabel } from "../procedures";
import { Analysis, SchoolVerdict } from "../rule";
import { formatPercent } from "../cells";
import { cell, paragraph, sentence, WordBlock, WordDocument, WordTable } from "../render-contract/word";
import { endYearText } from "../school-year";
import { SHEET_TITLES, WORD_FILES } from "./names";
import { NO_TASKS } from "../tasks/text";
import {
  lowShare,
  namedSchools,
  NO_SHNOR,
  NOTE_TASKS_SECTION,
  noteSubject,
  noteTaskLines,
  procedureLines,
  ruleSentences,
  summaryRows,
  summarySentence,
  yearsRead,
} from "./note";
import type { WordInput } from "./word-input";

/** The first lines of what was read are listed; the rest are counted. */
const READ_LISTED = 12;

export const NOTE_CHART_TITLE = "Доля ОО с низким результатом по процедурам, %";
export const HISTORY_CHART_TITLE = "ШНОР по учебным годам";

const number = (x: number) => formatPercent(x);

function table(columns: number[], headers: string[], rows: string[][], numbers = 1): WordTable {
  return {
    kind: "table",
    columns,
    header: [headers.map((h) => cell(h, { align: "center" }))],
    rows: rows.map((r) => ({ cells: r.map((t, c) => cell(t, c >= numbers ? { align: "center" } : {})) })),
  };
}

function schoolsTable(verdicts: SchoolVerdict[]): WordTable {
  return {
    kind: "table",
    columns: [1, 6, 3, 9],
    header: [["№", "ОО", "Критерий", "Низкие результаты"].map((h) => cell(h, { align: "center" }))],
    rows: verdicts.map((v, i) => ({
      cells: [
        cell(`${i + 1}.`, { align: "center" }),
        cell(v.school.name),
        cell(v.criteria.length > 0 ? v.criteria.join(" и ") : "—", { align: "center" }),
        cell(v.low.map((l) => `${procedureLabel(l.procedure)} — ${formatPercent(l.percent)} %`).join("; ")),
      ],
    })),
  };
}

export function noteWord({ table: results, analysis, settings, dynamics, read, tasks }: WordInput): WordDocument {
  const blocks: WordBlock[] = [paragraph(SHEET_TITLES.note, "heading"), paragraph(noteSubject(settings), "title")];
  let section = 0;
  const add = (title: string, content: WordBlock[]) => {
    blocks.push(paragraph(`${++section}. ${title}`, "section"));
    pushAll(blocks, content);
  };

  add("Исходные данные и правило", sourceBlocks(read, analysis));
  add("Общие сведения", [
    paragraph(summarySentence(analysis)),
    table(
      [8, 2],
      ["Показатель", "Значение"],
      summaryRows(analysis).map(([label, value]) => [label, number(value)]),
    ),
  ]);
  add("Низкие результаты по процедурам", procedureBlocks(results, analysis));
  const shnor = analysis.verdicts.filter((v) => v.status === "shnor");
  add("Перечень ШНОР", [shnor.length > 0 ? schoolsTable(shnor) : paragraph(NO_SHNOR)]);
  add("Изменения по сравнению с предыдущими годами", historyBlocks(analysis, dynamics));
  const risk = analysis.verdicts.filter((v) => v.status === "risk");
  if (risk.length > 0) add("ОО в зоне риска", [schoolsTable(risk)]);
  add("Признаки необъективности результатов ВПР", signBlocks(dynamics.signals));
  const taskLines = noteTaskLines(tasks, `на листе «${SHEET_TITLES.tasks}» книги отчёта`);
  add(NOTE_TASKS_SECTION, taskLines ? taskLines.map((line) => paragraph(line)) : [paragraph(NO_TASKS, "note")]);
  return { fileName: WORD_FILES.note, orientation: "portrait", blocks };
}

/** What was read (the first READ_LISTED), the years the rule read, and the rule in sentences. */
function sourceBlocks(read: WordInput["read"], analysis: Analysis): WordBlock[] {
  const blocks: WordBlock[] = [paragraph(`Прочитано (${read.length}):`, "item")];
  for (const line of read.slice(0, READ_LISTED)) blocks.push(paragraph(`— ${line};`, "item"));
  if (read.length > READ_LISTED) blocks.push(paragraph(`— и ещё ${read.length - READ_LISTED}.`, "item"));
  blocks.push(paragraph(sentence(`Учебные годы, по которым применено правило: ${yearsRead(analysis)}`)));
  for (const sentence of ruleSentences(analysis.settings)) blocks.push(paragraph(sentence));
  return blocks;
}

/** Low results by procedure: the table and its chart. */
function procedureBlocks(results: WordInput["table"], analysis: Analysis): WordBlock[] {
  const lines = procedureLines(results, analysis);
  if (lines.length === 0) return [paragraph("В таблице нет учитываемых процедур за эти годы.", "note")];
  return [
    table(
      [6, 2, 2, 2],
      ["Процедура", "ОО с результатом", "ОО с низким результатом", "Доля, %"],
      lines.map((l) => [l.label, String(l.schools), String(l.low), number(lowShare(l))]),
    ),
    {
      kind: "chart",
      title: NOTE_CHART_TITLE,
      type: "bar",
      categories: lines.map((l) => l.label),
      series: [{ name: "Доля ОО с низким результатом, %", values: lines.map(lowShare) }],
      valueTitle: "% ОО с результатом",
    },
  ];
}

/** The list of ШНОР by year (a table and a chart), how it changed last, and the counts of the % «2» dynamics. */
function historyBlocks(analysis: Analysis, dynamics: Dynamics): WordBlock[] {
  const blocks: WordBlock[] = [];
  const years = dynamics.history.years;
  if (years.length === 0) blocks.push(paragraph("Данных за два учебных года нет: историю перечня ШНОР построить нельзя.", "note"));
  else {
    blocks.push(
      table(
        [4, 2, 2, 2, 2, 2, 2],
        ["Учебный год", "ОО", "ШНОР", "В зоне риска", "Доля ШНОР, %", "Вошли в перечень", "Вышли из перечня"],
        years.map((y) => [
          endYearText(y.year),
          String(y.schools),
          String(y.shnor),
          String(y.risk),
          number(y.schools > 0 ? Math.round((y.shnor / y.schools) * 1000) / 10 : 0),
          y.entered === null ? "—" : String(y.entered),
          y.left === null ? "—" : String(y.left),
        ]),
      ),
    );
    if (years.length > 1)
      blocks.push({
        kind: "chart",
        title: HISTORY_CHART_TITLE,
        type: "column",
        categories: years.map((y) => endYearText(y.year)),
        series: [{ name: "ШНОР", values: years.map((y) => y.shnor) }],
        valueTitle: "Число ОО",
      });
  }
  const change = lastListChange(dynamics);
  if (change) {
    blocks.push(
      paragraph(
        `По результатам ${endYearText(change.year)} по сравнению с ${endYearText(change.before)} вошли в перечень ШНОР: ` +
          `${change.entered.length} (${namedSchools(change.entered)}); вышли из него: ${change.left.length} (${namedSchools(change.left)}); ` +
          `остались: ${change.stayed.length}.`,
      ),
    );
  }
  const last = analysis.years[1];
  const counts = dynamicsCounts(dynamics, last);
  if (counts.positive + counts.stable + counts.negative > 0)
    blocks.push(
      paragraph(
        `Динамика доли «2» к ${last} г. по ОО и процедурам (порог ±${formatPercent(dynamics.margin)} п. п., методика ФИОКО): ` +
          `${DYNAMICS_TEXT.positive} — ${counts.positive}, ${DYNAMICS_TEXT.stable} — ${counts.stable}, ` +
          `${DYNAMICS_TEXT.negative} — ${counts.negative}; по каждой ОО — на листе «${SHEET_TITLES.dynamics}» книги отчёта.`,
      ),
    );
  return blocks;
}

/** The signs of possibly non-objective results: signals for attention, never a rating. */
function signBlocks(signals: Dynamics["signals"]): WordBlock[] {
  const blocks: WordBlock[] = [paragraph(NO_RATING, "note")];
  if (!signals) blocks.push(paragraph(NO_PUPILS));
  else if (signals.signals.length === 0)
    blocks.push(paragraph("По загруженным данным об участниках ВПР признаков необъективности не выявлено."));
  else {
    const schools = new Set(signals.signals.map((s) => s.login ?? s.school)).size;
    blocks.push(
      paragraph(`Признаки отмечены у ${schools} ОО (всего признаков: ${signals.signals.length}); это сигналы для внимания, а не вывод.`),
    );
    blocks.push(
      table(
        [5, 5, 8],
        ["ОО", "Признак", "Числа"],
        signals.signals.map((s) => [s.school, SIGN_TITLE[s.sign], s.note]),
        3,
      ),
    );
  }
  return blocks;
}
