/**
 * The Word writer of a WordDocument (core's one description of each
 * document), with the `docx` package, which runs in Node and the browser: the
 * page (A4 by ГОСТ Р 7.0.97), paragraphs in the named styles of WORD_STYLES,
 * tables whose header rows repeat on every page, page numbers at the top
 * from the second page (as ГОСТ Р 7.0.97 places them), and charts.
 *
 * Charts are native Word charts (docx's ChartRun: DrawingML in a chart part
 * with its values cached and an embedded workbook), not pictures: the text
 * stays text at the size set (11 pt and more), crisp in print; Word and
 * LibreOffice draw it from the cached values alike; a reader can edit it; and
 * no rasteriser or font files are needed in Node or in the browser.
 */
import {
  AlignmentType,
  Document,
  Header,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { ChartRun } from "docx/charts";
import { zipSync } from "fflate";
import {
  COLORS,
  WORD_PAGE,
  WORD_SIZES,
  WORD_STYLES,
  WordBlock,
  WordCell,
  WordChart,
  WordDocument,
  WordParagraph,
  WordTable,
} from "../core";

/** Twips (1/20 point) in a millimetre. */
const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
/** Half-points, as Word sizes fonts. */
const half = (points: number) => Math.round(points * 2);
/** Pixels at 96 dpi in a millimetre, as docx sizes a chart. */
const PX_PER_MM = 96 / 25.4;

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

/** The width text may take on a page, millimetres. */
function textWidthMm(doc: WordDocument): number {
  const { width, height, margins } = WORD_PAGE;
  return (doc.orientation === "portrait" ? width : height) - margins.left - margins.right;
}

function paragraphOf(p: WordParagraph): Paragraph {
  const look = WORD_STYLES[p.style];
  return new Paragraph({
    alignment: ALIGN[look.align],
    indent: look.indent ? { firstLine: twips(look.indent) } : undefined,
    spacing: { before: look.before * 20, after: look.after * 20 },
    keepNext: look.keepNext,
    children: [new TextRun({ text: p.text, size: half(look.size), bold: look.bold, italics: look.italic })],
  });
}

function cellOf(c: WordCell, header: boolean, span = 1): TableCell {
  return new TableCell({
    columnSpan: span > 1 ? span : undefined,
    verticalAlign: VerticalAlign.TOP,
    shading: header || span > 1 ? { type: ShadingType.CLEAR, color: "auto", fill: COLORS.header } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: c.text.split("\n").map(
      (line) =>
        new Paragraph({
          alignment: ALIGN[c.align ?? (header ? "center" : "left")],
          children: [new TextRun({ text: line, size: half(WORD_SIZES.table), bold: header || c.bold })],
        }),
    ),
  });
}

function tableOf(t: WordTable, widthMm: number): Table {
  const total = t.columns.reduce((a, b) => a + b, 0);
  const widths = t.columns.map((w) => twips((w / total) * widthMm));
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      // The header rows repeat at the top of every page the table runs onto.
      ...t.header.map((cells) => new TableRow({ tableHeader: true, cantSplit: true, children: cells.map((c) => cellOf(c, true)) })),
      ...t.rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.group ? [cellOf(row.cells[0], false, t.columns.length)] : row.cells.map((c) => cellOf(c, false)),
          }),
      ),
    ],
  });
}

function chartOf(c: WordChart, widthMm: number, font: string): Paragraph {
  const size = { size: WORD_SIZES.chart };
  // A bar a category, each tall enough for its label at 11 pt; no taller than most of a page.
  const heightMm = c.type === "bar" ? Math.min(180, 35 + 8 * c.categories.length) : 90;
  return new Paragraph({
    keepNext: false,
    spacing: { before: 120, after: 120 },
    alignment: AlignmentType.CENTER,
    children: [
      new ChartRun({
        type: c.type,
        title: { text: c.title, font: { size: WORD_SIZES.chartTitle, bold: true } },
        font: { name: font },
        categories: c.categories,
        series: c.series.map((s) => ({ name: s.name, values: s.values })),
        legend: c.series.length > 1 ? { position: "bottom", font: size } : false,
        // Bars across: the first category at the top, as the table above lists them.
        categoryAxis: { font: size, reverseOrder: c.type === "bar" },
        valueAxis: { font: size, title: { text: c.valueTitle, font: size } },
        dataLabels: { value: true, font: size },
        transformation: { width: Math.round(widthMm * PX_PER_MM), height: Math.round(heightMm * PX_PER_MM) },
      } as ConstructorParameters<typeof ChartRun>[0]),
    ],
  });
}

function blocksOf(doc: WordDocument, font: string): (Paragraph | Table)[] {
  const width = textWidthMm(doc);
  return doc.blocks.flatMap((b: WordBlock): (Paragraph | Table)[] => {
    if (b.kind === "paragraph") return [paragraphOf(b)];
    if (b.kind === "chart") return [chartOf(b, width, font)];
    if (b.kind === "pageBreak") return [new Paragraph({ children: [new PageBreak()] })];
    // A table is followed by an empty line: Word joins two tables that touch.
    return [
      tableOf(b, width),
      new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text: "", size: half(WORD_SIZES.table) })] }),
    ];
  });
}

/** One .docx. */
export async function wordFile(doc: WordDocument, font: string): Promise<Uint8Array> {
  const { width, height, margins } = WORD_PAGE;
  const document = new Document({
    creator: "ШНОР-монитор",
    title: doc.fileName.replace(/\.docx$/, ""),
    styles: { default: { document: { run: { font, size: half(WORD_SIZES.body) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: {
              width: twips(width),
              height: twips(height),
              orientation: doc.orientation === "landscape" ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: {
              top: twips(margins.top),
              bottom: twips(margins.bottom),
              left: twips(margins.left),
              right: twips(margins.right),
              header: twips(margins.top / 2),
              footer: twips(margins.bottom / 2),
            },
          },
        },
        // The page number in the middle of the top margin, from the second page.
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], size: half(WORD_SIZES.table) })],
              }),
            ],
          }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children: blocksOf(doc, font),
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}

/** The documents as one .zip (the page's and the pane's download), each under its own name. */
export async function wordZip(docs: WordDocument[], font: string): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const doc of docs) files[doc.fileName] = await wordFile(doc, font);
  // Already compressed: stored as they are.
  return zipSync(files, { level: 0 });
}
