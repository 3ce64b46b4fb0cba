/**
 * The byte tokenizer of sheet XML and shared strings (src/io/scan.ts) against
 * saxes, the tokenizer the reader used before and still uses for the rare
 * parts: on random documents cut into random chunks, both tell a handler the
 * same; on damaged documents both refuse with the same message or read the
 * same; random grids written with inline and shared strings, rich text,
 * entities, CDATA, `xml:space` and without `r` read the same through the byte
 * tokenizer, through saxes and through exceljs.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import { Cell, ShnorError } from "../../src/core";
import { bytesSource } from "../../src/io/bytes";
import { withDefaults } from "../../src/io/limits";
import { openBook } from "../../src/io/open";
import { ScanHandler, scanXml, useTokenizer } from "../../src/io/scan";
import type { SheetRow } from "../../src/io/types";
import { colName } from "./books";
import { excelJsGrids, ourGrids, plain } from "./grids";

afterAll(() => useTokenizer("both"));

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

// ---------------------------------------------------------------------------
// What a handler hears, as comparable lines (text pieces merged, as saxes and the byte tokenizer cut text differently).

const NAMES = ["row", "c", "v", "f", "is", "t", "rPh", "si", "mergeCell"];

/**
 * How the handler takes a sheet's cell, `<c …><v>…</v></c>`: as any elements ("none"), as the tokenizer's leaf
 * with its five events ("events"), or as the leaf in one call ("read").
 */
type Leaf = "none" | "events" | "read";
/** Cells the handlers took in one call, to show the leaf's way was taken. */
let leafReads = 0;

function listener(leaf: Leaf = "none"): { handler: ScanHandler; lines: string[]; flush(): void } {
  const lines: string[] = [];
  let text: string | null = null;
  const flush = () => {
    if (text !== null) lines.push(`text ${JSON.stringify(text)}`);
    text = null;
  };
  const handler: ScanHandler = {
    names: NAMES,
    open(kind, tag) {
      flush();
      const attributes: string[] = [];
      for (let i = 0; i < tag.count; i++) {
        const value = tag.value(i);
        // The fast readings agree with the text where they give one.
        if (tag.raw(i)) expect(utf8.decode(tag.bytes.subarray(tag.start(i), tag.end(i)))).toBe(value);
        const digits = tag.digits(i);
        if (digits >= 0) expect(String(digits)).toBe(value.replace(/^0+(?=\d)/, ""));
        expect(tag.is(i, value)).toBe(true);
        expect(tag.find(tag.name(i))).toBe(i);
        attributes.push(`${tag.name(i)}=${JSON.stringify(value)}`);
      }
      lines.push(`open ${kind} ${attributes.sort().join(" ")}`);
    },
    close(kind) {
      flush();
      lines.push(`close ${kind}`);
    },
    text(t) {
      const s = t.string();
      if (t.raw) expect(utf8.decode(t.bytes.subarray(t.start, t.end))).toBe(s);
      text = (text ?? "") + s;
    },
  };
  if (leaf !== "none") Object.assign(handler, { leaf: { outer: "c", inner: "v" } });
  if (leaf === "read")
    handler.leafRead = (tag, t) => {
      leafReads++;
      handler.open(NAMES.indexOf("c") + 1, tag);
      lines.push(`open ${NAMES.indexOf("v") + 1} `);
      if (t) {
        expect(t.raw).toBe(true);
        handler.text(t);
      }
      handler.close(NAMES.indexOf("v") + 1);
      handler.close(NAMES.indexOf("c") + 1);
    };
  return { handler, lines, flush };
}

async function* chunked(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    if (cut > at) yield bytes.slice(at, cut);
    at = cut;
  }
  if (at < bytes.length) yield bytes.slice(at);
}

type Heard = { lines: string[] } | { error: string };

async function hear(
  bytes: Uint8Array,
  kind: "bytes" | "saxes" | "both",
  cuts: number[] = [],
  xmlDepth?: number,
  leaf: Leaf = "none",
): Promise<Heard> {
  useTokenizer(kind);
  const { handler, lines, flush } = listener(leaf);
  const context = { book: "книга.xlsx", part: "xl/worksheets/sheet1.xml", limits: withDefaults(xmlDepth ? { xmlDepth } : {}) };
  try {
    for await (const _ of scanXml(chunked(bytes, cuts), handler, context)) void _;
  } catch (e) {
    if (!(e instanceof ShnorError)) throw e;
    return { error: e.message };
  } finally {
    useTokenizer("both");
  }
  flush();
  return { lines };
}

// ---------------------------------------------------------------------------
// Random documents: SpreadsheetML's elements and the XML around them.

const TEXT_UNITS = [
  ..."абвгдеёжзийклмнопрстуфхцчшщъыьэюяАЁЯ№«»—–-.,;: 0123456789azAZ%'\"".split(""),
  "🏫",
  "😀",
  "𝔘",
  "\t",
  "\n",
  "]",
  "]]",
  ">",
  "\u00a0",
  "\ufeff",
];

/** Text as a writer may escape it: entities, character references, CR LF, CDATA. */
const textXml: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(...TEXT_UNITS).map((u) => (u === ">" ? "&gt;" : u === "]]" ? "]]" : u)),
      fc.constantFrom("&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#1040;", "&#x410;", "&#x1F3EB;", "&#10;", "&#13;", "&#9;", "&#0065;"),
      fc.constantFrom("\r\n", "\r", "\n\r"),
      fc.string({ unit: fc.constantFrom(..."abcЖЁ<&>]\n\r"), maxLength: 8 }).map((s) => `<![CDATA[${s.replace(/]]>/g, "")}]]>`),
      fc.constantFrom("<!-- комментарий -->", "<!---->", "<?pi тело?>", "<?pi?>"),
    ),
    { maxLength: 12 },
  )
  // No unit holds ">" outside CDATA, so no "]]>" can arise outside it.
  .map((parts) => parts.join(""));

const attributeValue: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(..."A1B2Zz09 .-_абв№".split("")),
      fc.constantFrom("&amp;", "&lt;", "&quot;", "&#10;", "&#x9;", "\t", "\n", "\r\n", ">", "'"),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(""));

const ATTRIBUTE_NAMES = ["r", "s", "t", "ht", "hidden", "spans", "x14ac:dyDescent", "xml:space", "ref", "вид"];
const ELEMENT_NAMES = ["row", "c", "v", "f", "is", "t", "rPh", "si", "x:c", "x:row", "sheetData", "ext", "x14:foo", "ячейка", "a.b-c"];

const attributes: fc.Arbitrary<string> = fc
  .uniqueArray(
    fc.tuple(fc.constantFrom(...ATTRIBUTE_NAMES), attributeValue, fc.constantFrom('"', "'"), fc.constantFrom("=", " = ", "\n=\t")),
    {
      selector: ([name]) => name,
      maxLength: 4,
    },
  )
  .map((list) =>
    list
      .map(([name, value, q, eq]) => ` ${name}${eq}${q}${q === '"' ? value.replace(/"/g, "&quot;") : value.replace(/'/g, "&apos;")}${q}`)
      .join(""),
  );

const element: fc.Memo<string> = fc.memo((depth: number) =>
  fc
    .tuple(
      fc.constantFrom(...ELEMENT_NAMES),
      attributes,
      depth <= 1
        ? fc.constant<string[]>([])
        : fc.array(fc.oneof({ weight: 3, arbitrary: element(depth - 1) }, { weight: 2, arbitrary: textXml }), { maxLength: 5 }),
      fc.boolean(),
      fc.constantFrom("", " ", "\n"),
    )
    .map(([name, attrs, children, selfClosing, space]) =>
      selfClosing && children.length === 0
        ? `<${name}${attrs}${space}/>`
        : `<${name}${attrs}${space}>${children.join("")}</${name}${space}>`,
    ),
);

const DECLARATIONS = [
  "",
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
  "<?xml version='1.0'?>",
  '<?xml version="1.0" standalone="no" ?>\r\n',
  '<?xml  version = "1.0"  encoding = "utf-8"?>',
  '<?xml version="1.1"?>',
  '\ufeff<?xml version="1.0"?>',
  "\ufeff",
];

const documentXml: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...DECLARATIONS),
    fc.constantFrom("", "<!-- пролог -->", '<?mso-application progid="Excel.Sheet"?>\n', " \n\t"),
    fc.constantFrom("worksheet", "x:worksheet", "sst"),
    attributes,
    fc.array(element(4), { maxLength: 6 }),
    fc.constantFrom("", "\n", "<!-- конец -->", "<?end?>\n "),
  )
  .map(
    ([declaration, prolog, root, attrs, children, epilog]) =>
      `${declaration}${prolog}<${root}${attrs}>${children.join("")}</${root}>${epilog}`,
  );

const cuts = fc.array(fc.nat(4000), { maxLength: 12 });

describe("the byte tokenizer and saxes tell a handler the same", () => {
  it("on random documents cut into random chunks (property)", async () => {
    await fc.assert(
      fc.asyncProperty(documentXml, cuts, async (xml, at) => {
        const bytes = strToU8(xml);
        const saxes = await hear(bytes, "saxes", at);
        expect(saxes).toHaveProperty("lines");
        expect(await hear(bytes, "bytes", at)).toEqual(saxes);
        // Every byte its own chunk: nothing may depend on where a chunk ends.
        if (bytes.length < 600) expect(await hear(bytes, "bytes", Array.from(bytes.keys()))).toEqual(saxes);
        expect(await hear(bytes, "both", at)).toEqual(saxes);
      }),
      { numRuns: 300, seed: 23 },
    );
  });

  it("tokens longer than the bridge between chunks (long attributes, comments, CDATA) cut anywhere in big chunks", async () => {
    const long = (n: number, unit: string) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
    const xml =
      `<?xml version="1.0"?><worksheet a="${long(9000, "абв&amp;")}"><row r="1">` +
      `<c r="A1" t="inlineStr"><is><t>${long(12000, "Ж")}</t></is></c>` +
      `<!--${long(10000, "- комментарий ")}x-->` +
      `<c r="B1" s="${long(5000, "7")}"><v><![CDATA[${long(9000, "]] >")}]]></v></c>` +
      `<?pi ${long(7000, "? >")}?>` +
      `</row></worksheet>`;
    const bytes = strToU8(xml);
    const saxes = await hear(bytes, "saxes");
    expect(saxes).toHaveProperty("lines");
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(bytes.length), { maxLength: 5 }), async (at) => {
        expect(await hear(bytes, "bytes", at)).toEqual(saxes);
      }),
      { numRuns: 100, seed: 5 },
    );
  });

  const DAMAGE = [
    "<",
    ">",
    "&",
    "&bogus;",
    "&#0;",
    "&#xD800;",
    "&#X41;",
    "&;",
    "]]>",
    "\u0001",
    "\ufffe",
    '"',
    "'",
    "=",
    "/",
    "</",
    "<!--",
    "-->",
    "--",
    "<![CDATA[",
    "?>",
    "<?",
    "<?xml?>",
    "<!DOCTYPE x>",
    "</c>",
    "<c>",
    ' r="A1" r="A2"',
    "<1>",
    "x",
    " ",
  ];
  const damage = fc.array(
    fc.oneof(
      fc.tuple(fc.constant("insert" as const), fc.nat(), fc.constantFrom(...DAMAGE)),
      fc.tuple(fc.constant("delete" as const), fc.nat(), fc.integer({ min: 1, max: 6 })),
      fc.tuple(fc.constant("cut" as const), fc.nat(), fc.constant(0)),
    ),
    { minLength: 1, maxLength: 3 },
  );

  it("on damaged documents: both refuse with the same message, or both read the same (property)", async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(documentXml, damage, cuts, async (xml, edits, at) => {
        let text = xml;
        for (const [kind, where, what] of edits) {
          const i = where % (text.length + 1);
          if (kind === "insert") text = text.slice(0, i) + what + text.slice(i);
          else if (kind === "delete") text = text.slice(0, i) + text.slice(i + (what as number));
          else text = text.slice(0, i);
        }
        const bytes = strToU8(text);
        const saxes = await hear(bytes, "saxes", at);
        if ("error" in saxes) refused++;
        expect(await hear(bytes, "bytes", at)).toEqual(saxes);
      }),
      { numRuns: 1000, seed: 2023 },
    );
    expect(refused).toBeGreaterThan(300);
  });

  it.each([
    ["a part that stops inside an element", "<worksheet><sheetData><row>", /XML обрывается/],
    ["an empty part", "", /XML обрывается/],
    ["only a declaration", '<?xml version="1.0"?>', /XML обрывается/],
    ["a part that stops inside the root's name", "<workshe", /XML обрывается/],
    ["a part that stops inside the root's attributes", '<worksheet a="1', /ошибка XML/],
    ["a close tag that does not match", "<worksheet><row></c></worksheet>", /ошибка XML/],
    ["a second root", "<worksheet/><worksheet/>", /ошибка XML/],
    ["text after the root", "<worksheet/>x", /ошибка XML/],
    ["an undefined entity", "<worksheet>&nbsp;</worksheet>", /ошибка XML/],
    ["a duplicate attribute", '<worksheet><c r="A1" r="A2"/></worksheet>', /ошибка XML/],
    ["a control character", "<worksheet>\u0002</worksheet>", /ошибка XML/],
    ["]]> in text", "<worksheet>a]]>b</worksheet>", /ошибка XML/],
    ["a DOCTYPE", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><worksheet/>', /DOCTYPE/],
    ["a comment that does not close", "<worksheet/><!-- x", /ошибка XML/],
  ])("%s: the same message as before", async (_name, xml, message) => {
    const bytes = strToU8(xml);
    const saxes = await hear(bytes, "saxes");
    expect(saxes).toEqual({ error: expect.stringMatching(message) });
    expect(await hear(bytes, "bytes")).toEqual(saxes);
    expect(await hear(bytes, "bytes", [3, 7, 11])).toEqual(saxes);
  });

  it("nesting past the limit is refused by name, as before", async () => {
    const xml = `<worksheet>${"<a>".repeat(10)}${"</a>".repeat(10)}</worksheet>`;
    const saxes = await hear(strToU8(xml), "saxes", [], 8);
    expect(saxes).toEqual({ error: expect.stringMatching(/вложенность XML глубже 8 уровней/) });
    expect(await hear(strToU8(xml), "bytes", [5], 8)).toEqual(saxes);
  });

  it("a cell's value read in one look (<v>1</v>) keeps the limits and checks of the longer way", async () => {
    // The first <v> teaches the tokenizer the name; the ones after it take the short way when they can.
    const cases: [string, number | undefined][] = [
      ["<worksheet><v>0</v><a><a><v>1</v></a></a></worksheet>", 3],
      ["<worksheet><v>0</v><v>1</v><v></v><v>a&amp;b</v><v>2</v ><v>3</w></worksheet>", undefined],
      ["<worksheet><v>0</v><v>a]]>b</v></worksheet>", undefined],
      ["<worksheet><v>0</v><v>\u0002</v></worksheet>", undefined],
      ["<worksheet><v>0</v><V>1</V><v>Ж</v></worksheet>", undefined],
      ["<v>0</v>", undefined],
    ];
    for (const [xml, depth] of cases) {
      const saxes = await hear(strToU8(xml), "saxes", [], depth);
      for (const at of [[], [12], [17, 18, 19, 20]]) expect(await hear(strToU8(xml), "bytes", at, depth)).toEqual(saxes);
    }
    const limited = await hear(strToU8(cases[0][0]), "bytes", [], 3);
    expect(limited).toEqual({ error: expect.stringMatching(/вложенность XML глубже 3 уровней/) });
  });

  // A sheet's cells as writers write them (the leaf), other valid forms (the longer way), and damage.
  const tiers = (leaf: string[], other: string[], damaged: string[]) =>
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...leaf) },
      { weight: 3, arbitrary: fc.constantFrom(...other) },
      { weight: 1, arbitrary: fc.constantFrom(...damaged) },
    );
  const leafAttributes = fc
    .uniqueArray(
      tiers(
        [' r="A1"', ' t="s"', ' s="3"', ' s=""', ' t="inlineStr"'],
        ['  r="C1"', " r='D1'", ' r = "E1"', ' ht="1"', ' cm="1"', ' x:r="1"', ' R="A1"', ' r="A&amp;1"', ' r="A\t1"', ' r="Ж1"'],
        [' r="A1" r="B1"', ' r="A1"/', ' r="<"', ' r="A1'],
      ),
      { maxLength: 3, selector: (a) => a.trim()[0] },
    )
    .map((list) => list.join(""));
  const leafInner = tiers(
    ["<v>12</v>", "<v>1.5E-3</v>", "<v></v>", "<v>Жук</v>"],
    ["<v>a&amp;b</v>", "<v>1</v ><f>x</f>", "", "<v/>", "<v>2</v>\n", "<V>1</V>", "<v>1</v><v>2</v>"],
    ["<v>a]]>b</v>", "<v>\u0002</v>", "<v>1</w>", "<v>1"],
  );
  const leafClose = tiers(["</c>"], ["</c >"], ["</C>", "</x>", ""]);
  const leafSheet = fc
    .tuple(fc.array(fc.tuple(leafAttributes, leafInner, leafClose), { minLength: 1, maxLength: 6 }), fc.boolean())
    .map(
      ([cells, wrapped]) =>
        `<worksheet><sheetData>${wrapped ? '<row r="1">' : ""}` +
        cells.map(([attrs, inner, close]) => `<c${attrs}>${inner}${close}`).join("") +
        `${wrapped ? "</row>" : ""}</sheetData></worksheet>`,
    );

  it("a sheet's cell read in one look (the handler's leaf) tells the handler what saxes does, or refuses as it does (property)", async () => {
    let leaves = 0;
    leafReads = 0;
    await fc.assert(
      fc.asyncProperty(leafSheet, cuts, fc.constantFrom(undefined, undefined, undefined, 4, 5), async (xml, at, depth) => {
        const bytes = strToU8(xml);
        const saxes = await hear(bytes, "saxes", at, depth);
        if ("lines" in saxes) leaves++;
        expect(await hear(bytes, "bytes", at, depth, "events")).toEqual(saxes);
        expect(await hear(bytes, "bytes", at, depth, "read")).toEqual(saxes);
        if (bytes.length < 400) expect(await hear(bytes, "bytes", Array.from(bytes.keys()), depth, "read")).toEqual(saxes);
      }),
      { numRuns: 500, seed: 77 },
    );
    // Both ways were taken: documents that read, and ones refused.
    expect(leaves).toBeGreaterThan(60);
    expect(leaves).toBeLessThan(450);
    expect(leafReads).toBeGreaterThan(200);
  });

  it("UTF-16 parts and XML 1.1 go to saxes and read as before", async () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?><worksheet><c r="A1"><v>Ж</v></c></worksheet>';
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...xml].map((c) => c.charCodeAt(0))).buffer)]);
    const heard = await hear(utf16, "bytes", [5, 50]);
    expect(heard).toEqual(await hear(strToU8(xml.replace("UTF-16", "UTF-8")), "saxes"));
    expect(JSON.stringify(heard)).toContain('text \\"Ж\\"');
    const v11 = strToU8('<?xml version="1.1"?><worksheet><v>1</v></worksheet>');
    expect(await hear(v11, "bytes")).toEqual(await hear(v11, "saxes"));
  });
});

// ---------------------------------------------------------------------------
// Random grids as books: the reader with the byte tokenizer, with saxes, and exceljs.

interface Written {
  /** How a text cell is written. */
  kind: "shared" | "inline" | "rich";
  /** How its characters are escaped. */
  escape: "plain" | "references" | "cdata" | "preserve";
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const references = (s: string) => [...s].map((c) => (/[а-яё]/i.test(c) ? `&#${c.codePointAt(0)};` : /[<>&]/.test(c) ? esc(c) : c)).join("");
const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;

function textXmlOf(s: string, escape: Written["escape"]): string {
  const body = escape === "references" ? references(s) : escape === "cdata" ? cdata(s) : esc(s);
  return escape === "preserve" || /^\s|\s$/.test(s) ? `<t xml:space="preserve">${body}</t>` : `<t>${body}</t>`;
}

/** A package holding one sheet written cell by cell as the `written` choices say. */
function gridBook(grid: Cell[][], written: Written[], noRefs: boolean): Uint8Array {
  const shared: string[] = [];
  let k = 0;
  const rows = grid.map((row, r) => {
    const cells = row.map((value, c) => {
      const ref = noRefs ? "" : ` r="${colName(c)}${r + 1}"`;
      if (value === null || value === undefined) return noRefs ? "<c/>" : "";
      if (typeof value === "number") return `<c${ref}><v>${value}</v></c>`;
      if (typeof value === "boolean") return `<c${ref} t="b"><v>${value ? 1 : 0}</v></c>`;
      const how = written[k++ % written.length];
      if (how.kind === "inline") return `<c${ref} t="inlineStr"><is>${textXmlOf(value, how.escape)}</is></c>`;
      const half = Math.ceil(value.length / 2);
      const cut = /[\uDC00-\uDFFF]/.test(value[half] ?? "") ? half + 1 : half;
      const item =
        how.kind === "rich" && value.length > 1
          ? `<r><rPr><b/></rPr>${textXmlOf(value.slice(0, cut), how.escape)}</r><r>${textXmlOf(value.slice(cut), how.escape)}</r><rPh sb="0" eb="1"><t>ふりがな</t></rPh>`
          : textXmlOf(value, how.escape);
      shared.push(`<si>${item}</si>`);
      return `<c${ref} t="s"><v>${shared.length - 1}</v></c>`;
    });
    return `<row${noRefs ? "" : ` r="${r + 1}"`}>${cells.join("")}</row>`;
  });
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`;
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  return zipSync({
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel("rId1", "officeDocument", "xl/workbook.xml")}</Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Лист «1»" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel("rId1", "worksheet", "worksheets/sheet1.xml")}${rel("rId2", "sharedStrings", "sharedStrings.xml")}</Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": strToU8(sheet),
    "xl/sharedStrings.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${shared.join("")}</sst>`,
    ),
  });
}

async function rowsWith(kind: "bytes" | "saxes", bytes: Uint8Array): Promise<SheetRow[]> {
  useTokenizer(kind);
  try {
    const book = await openBook(bytesSource(bytes, "книга.xlsx"));
    const rows: SheetRow[] = [];
    for await (const sheet of book.sheets()) for await (const row of sheet.rows()) rows.push(row);
    return rows;
  } finally {
    useTokenizer("both");
  }
}

describe("random grids: the byte tokenizer, saxes and exceljs read the same", () => {
  const text = fc.string({
    unit: fc.oneof(
      fc.constantFrom(..."абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ№«»—–-.,;: \t\n&<>\"'%]"),
      fc.constantFrom("🏫", "😀", "𝔘", "a", "Z", "0", "9", "_x000D_", "]]>", "  "),
    ),
    minLength: 1,
    maxLength: 30,
  });
  const number = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
  );
  const cell: fc.Arbitrary<Cell> = fc.oneof(text, number, fc.boolean(), fc.constant(null));
  const grid = fc.array(fc.array(cell, { maxLength: 10 }), { minLength: 1, maxLength: 25 });
  const written = fc.array(
    fc.record({
      kind: fc.constantFrom<Written["kind"]>("shared", "inline", "rich"),
      escape: fc.constantFrom<Written["escape"]>("plain", "references", "cdata", "preserve"),
    }),
    { minLength: 1, maxLength: 6 },
  );

  it("values, positions and formats (property)", async () => {
    await fc.assert(
      fc.asyncProperty(grid, written, async (values, how) => {
        const bytes = gridBook(values, how, false);
        const fast = await rowsWith("bytes", bytes);
        expect(fast).toEqual(await rowsWith("saxes", bytes));
        // exceljs reads the same grid. It takes CDATA for empty text (there the written values below are the reference),
        // and decodes `_xHHHH_` in shared strings only.
        const unescape = (s: string) => s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
        if (how.every((h) => h.escape !== "cdata")) {
          const theirs = (await excelJsGrids(bytes)).map((g) => ({
            ...g,
            cells: new Map([...g.cells].map(([k, v]) => [k, { ...v, value: typeof v.value === "string" ? unescape(v.value) : v.value }])),
          }));
          expect(plain(await ourGrids(bytes))).toEqual(plain(theirs));
        }
        // Every value where it was written; text comes back as written.
        const got = new Map(fast.flatMap((row) => row.values.map((v, c) => [`${row.index},${c}`, v] as const)));
        values.forEach((row, r) =>
          row.forEach((v, c) => {
            if (v !== null) expect(got.get(`${r},${c}`)).toEqual(typeof v === "string" ? unescape(v) : v);
          }),
        );
        // Without the optional r attributes (exceljs refuses such a book): the same rows.
        const noRefs = gridBook(values, how, true);
        const withoutRefs = await rowsWith("bytes", noRefs);
        expect(withoutRefs).toEqual(await rowsWith("saxes", noRefs));
        expect(withoutRefs.filter((r) => r.values.some((v) => v !== null))).toEqual(fast);
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it("numbers as Excel and other writers write them read as Number() reads their text", async () => {
    const texts = [
      "12",
      "-0.5",
      "1e5",
      "1.5E-3",
      "2.5e+2",
      " 12 ",
      "0012",
      "+3",
      ".5",
      "12.",
      "1e400",
      "1e-400",
      "0.30000000000000004",
      "123456789012345678",
      "-0",
      "0x1A",
      "Infinity",
      "1_000",
      "",
      "9007199254740993",
      "4.35",
      "0.1",
      "33.333333333333336",
    ];
    const sheet = `<worksheet><sheetData><row r="1">${texts.map((t, c) => `<c r="${colName(c)}1"><v>${t}</v></c>`).join("")}</row></sheetData></worksheet>`;
    const bytes = zipSync({
      "_rels/.rels": strToU8(
        '<Relationships><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
      "xl/workbook.xml": strToU8('<workbook><sheets><sheet name="Л" sheetId="1" r:id="rId1" xmlns:r="x"/></sheets></workbook>'),
      "xl/_rels/workbook.xml.rels": strToU8(
        '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      "xl/worksheets/sheet1.xml": strToU8(sheet),
    });
    const [row] = await rowsWith("bytes", bytes);
    expect(row).toEqual((await rowsWith("saxes", bytes))[0]);
    texts.forEach((t, c) => {
      const n = Number(t.trim());
      const expected = t.trim() === "" ? null : Number.isNaN(n) ? t : n;
      expect([t, row.values[c] ?? null]).toEqual([t, expected]);
    });
    expect(Object.is(row.values[texts.indexOf("-0")], -0)).toBe(true);
  });

  it("a book written by exceljs's streaming writer reads the same with either tokenizer", async () => {
    const { PassThrough } = await import("node:stream");
    const chunks: Buffer[] = [];
    const stream = new PassThrough();
    stream.on("data", (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true, useStyles: true });
    const ws = wb.addWorksheet("Регион");
    for (let i = 0; i < 3000; i++) {
      const row = ws.addRow([i + 1, `МБОУ «СОШ № ${i + 1}» 🏫`, (i * 7) % 61, i % 9 ? (i * 3) / 7 : "-", i % 5 === 0]);
      row.getCell(3).numFmt = "0.0%";
      row.commit();
    }
    await ws.commit();
    await wb.commit();
    const bytes = new Uint8Array(Buffer.concat(chunks));
    const fast = await rowsWith("bytes", bytes);
    expect(fast).toHaveLength(3000);
    expect(fast).toEqual(await rowsWith("saxes", bytes));
    expect(plain(await ourGrids(bytes))).toEqual(plain(await excelJsGrids(bytes)));
  });
});
