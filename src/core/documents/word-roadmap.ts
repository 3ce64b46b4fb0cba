/**
 * «Дорожная карта.docx»: the programme's indicators with baseline and
 * targets, the municipal roadmap, then each ШНОР's roadmap — on landscape
 * pages, each table's header rows repeated on every page it runs onto. A ШНОР's
 * roadmap names its ВПР tasks in the red zone, as its sheet does.
 */
import { cell, paragraph, WordBlock, WordCell, WordDocument, WordTable } from "../render-contract/word";
import { endYearText, schoolYearText } from "../school-year";
import { formatPercent } from "../cells";
import { indicatorBaseline, selectedIndicators } from "./indicators-sheet";
import { WORD_FILES } from "./names";
import { municipalRoadmap, Roadmap, roadmapGroups, ROADMAP_HEADERS, schoolRoadmap, schoolRoadmapVerdicts } from "./roadmap";
import type { WordInput } from "./word-input";

function roadmapTable(roadmap: Roadmap): WordTable {
  const rows = roadmapGroups(roadmap).flatMap((group) => [
    { cells: [cell(group.title, { bold: true })], group: true },
    ...group.items.map((item) => ({
      cells: [
        cell(item.no, { align: "center" }),
        cell(item.text),
        cell(item.timing),
        cell(item.responsible),
        cell(item.result),
        cell(item.indicator),
      ],
    })),
  ]);
  return { kind: "table", columns: [3, 12, 5, 6, 8, 8], header: [ROADMAP_HEADERS.map((h) => cell(h, { align: "center" }))], rows };
}

export function roadmapWord({ analysis, settings, tasks }: WordInput): WordDocument {
  const municipal = municipalRoadmap(analysis, settings);
  const blocks: WordBlock[] = [paragraph(municipal.title, "heading"), paragraph("", "item")];

  blocks.push(paragraph("1. Целевые показатели", "section"));
  const years = Array.from({ length: settings.targetYears }, (_, i) => settings.schoolYear + i);
  const previous = analysis.years[1];
  const header: WordCell[][] = [
    [
      "№",
      "Показатель",
      "Ед. изм.",
      previous === null ? "Базовое значение" : `Базовое значение (${endYearText(previous)})`,
      ...years.map((y) => `Цель на ${schoolYearText(y)}`),
    ].map((h) => cell(h, { align: "center" })),
  ];
  const indicators = selectedIndicators(settings).map((ind, i) => {
    const baseline = indicatorBaseline(ind, analysis);
    const targets = settings.targets[ind.id] ?? [];
    return {
      cells: [
        cell(`${i + 1}.`, { align: "center" }),
        cell(ind.wording),
        cell(ind.unit, { align: "center" }),
        cell(baseline === null ? "—" : formatPercent(baseline), { align: "center" }),
        ...years.map((_, k) => {
          const t = targets[k];
          return cell(typeof t === "number" && Number.isFinite(t) ? formatPercent(t) : "", { align: "center" });
        }),
      ],
    };
  });
  blocks.push({ kind: "table", columns: [1, 12, 2, 3, ...years.map(() => 3)], header, rows: indicators });
  blocks.push(paragraph("«—» — базовое значение по таблице не рассчитывается: его вносят по данным ОО. Пустая цель — задать.", "note"));

  blocks.push(paragraph("2. Муниципальный план мероприятий", "section"));
  for (const line of municipal.subtitle) blocks.push(paragraph(line));
  blocks.push(roadmapTable(municipal));

  const schools = schoolRoadmapVerdicts(analysis, settings);
  if (schools.note) blocks.push(paragraph(schools.note));
  schools.verdicts.forEach((v, i) => {
    const roadmap = schoolRoadmap(v, analysis, settings, tasks);
    blocks.push({ kind: "pageBreak" }, paragraph(`${i + 3}. ${roadmap.title}`, "section"));
    for (const line of roadmap.subtitle) blocks.push(paragraph(line));
    blocks.push(roadmapTable(roadmap));
  });
  return { fileName: WORD_FILES.roadmap, orientation: "landscape", blocks };
}
