/**
 * The tokenizer of the hot path: sheet XML and shared strings, read from the
 * inflated bytes. An element reaches the handler as a number (its local name's
 * place in the handler's list), its attributes as offsets into the bytes, its
 * text as a byte range: nothing is decoded or allocated unless the handler
 * asks for it, and a cell's `r`, `s`, `t` and value are read from the bytes.
 *
 * It checks what saxes checks, so a damaged part is refused as before: tags
 * that do not match or close, attributes (quoted, named once), entities (the
 * five of XML and character references), characters XML forbids, `]]>` in
 * text, text outside the root, comments and processing instructions. Parts it
 * was not made for — UTF-16, an XML declaration other than plain 1.0 — go to
 * saxes through the same handler (`useTokenizer("saxes")` sends every part
 * there: the differential tests compare the two).
 */
import { ShnorError } from "../core";
import { damaged, notUtf8, overLimit } from "./limits";
import { parseXml, XmlContext, XmlHandler } from "./xml";

/** An element's attributes, valid during the handler's `open` call. */
export interface Tag {
  readonly count: number;
  /** The attribute's name, prefix included. */
  name(index: number): string;
  /** The index of the attribute with exactly this name (prefix included), or -1. */
  find(name: string): number;
  /** The value as XML reads it: entities expanded, tabs and line breaks as spaces. */
  value(index: number): string;
  /** The value's bytes are its text (no entity, no tab or line break): `bytes`, `start(i)`, `end(i)` may be read. */
  raw(index: number): boolean;
  readonly bytes: Uint8Array;
  start(index: number): number;
  end(index: number): number;
  /** The value as a number when it is 1–9 plain digits, else -1 (then read `value`). */
  digits(index: number): number;
  /** The character code of a one-letter attribute name (r, s, t), else -1. */
  letter(index: number): number;
  /** The value equals this ASCII text. */
  is(index: number, ascii: string): boolean;
}

/** A piece of an element's text, valid during the handler's `text` call. */
export interface Text {
  /** The bytes `bytes[start, end)` are the text as UTF-8 (no entity, no carriage return). */
  readonly raw: boolean;
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
  string(): string;
}

export interface ScanHandler {
  /** The local names the handler tells apart: an element's kind is its index here + 1; any other element is 0. */
  readonly names: readonly string[];
  open(kind: number, tag: Tag): void;
  /** Also called right after `open` for a self-closing element. */
  close(kind: number): void;
  /** Text inside the root, in one or more pieces (a chunk's end, a comment or CDATA may cut it). */
  text(text: Text): void;
  /**
   * Two one-letter names (a sheet's `c` and `v`): `<c a="…"><v>plain text</v></c>` is read in one look, with
   * the same events as the longer way. Anything else about it (another spacing, an entity, a chunk's end) takes
   * the longer way.
   */
  readonly leaf?: { outer: string; inner: string };
  /** The leaf's five events in one call (its text null when empty), if the handler has it. */
  leafRead?(tag: Tag, text: Text | null): void;
}

/** "both": each hot part is read by saxes and by the byte tokenizer, and an error says where they differ (the tests' default). */
type Tokenizer = "bytes" | "saxes" | "both";
let tokenizer: Tokenizer = "bytes";
/** Which tokenizer the hot parts use: the byte tokenizer, saxes, or both compared. */
export function useTokenizer(kind: Tokenizer): void {
  tokenizer = kind;
}

// Byte classes.
const WS = 1;
const NAME = 2;
const NAME_START = 4;
/** Bytes text needs a second look at: control characters, "&", ">" and "]" (for "]]>"), 0xEF (U+FFFE, U+FFFF). */
const IN_TEXT = 8;
/** The same for attribute values: control characters, "&", "<", 0xEF. */
const IN_VALUE = 16;
/** Where plain text stops: "<" or a byte text needs a second look at. */
const TEXT_STOP = 32;
const CLASS = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) CLASS[c] = WS;
for (let c = 0; c < 256; c++) {
  const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x3a || c >= 0x80;
  if (letter) CLASS[c] |= NAME | NAME_START;
  else if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e) CLASS[c] |= NAME;
  if (c < 0x20 || c === 0x26 || c === 0xef) CLASS[c] |= IN_TEXT | IN_VALUE;
  if (c === 0x3e || c === 0x5d) CLASS[c] |= IN_TEXT;
  if (c === 0x3c) CLASS[c] |= IN_VALUE;
  if (c === 0x3c || CLASS[c] & IN_TEXT) CLASS[c] |= TEXT_STOP;
}

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SEMI = 0x3b;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;
const CR = 0x0d;
const BRACKET = 0x5d;
const MINUS = 0x2d;
const SPACE = 0x20;

/** Text or value flags: what decoding has to do beyond UTF-8. */
const HAS_AMP = 1;
const HAS_CR = 2;
/** Attribute values: a tab or line break, read as a space. */
const HAS_WS = 4;

// XML names beyond ASCII (XML 1.0, fifth edition), checked where a name has such bytes.
const NAME_START_CHARS =
  ":A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}";
// eslint-disable-next-line no-misleading-character-class -- ranges of code points from the XML standard, not joined characters
const NAME_RE = new RegExp(`^[${NAME_START_CHARS}][${NAME_START_CHARS}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*$`, "u");

/** Fatal, as the saxes path's decoder: bytes that are not UTF-8 are damage naming the part, never a name with «�» in it. */
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** Thrown where a part's bytes are not UTF-8; the tokenizer names the part. */
export class NotUtf8 extends Error {}
/** UTF-8 bytes as text; NotUtf8 where they are not UTF-8 (the cell reader's values use it too). */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new NotUtf8("not UTF-8");
  }
}
const utf8 = { decode: decodeUtf8 };
/** A few bytes as characters, one each (a target or a declaration is ASCII; others only need not match). */
const latin = new TextDecoder("latin1");
const isAscii = (s: string) => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
};
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([a-z]+));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const expand = (_: string, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
  hex !== undefined ? String.fromCodePoint(parseInt(hex, 16)) : dec !== undefined ? String.fromCodePoint(parseInt(dec, 10)) : NAMED[name!];

/** Text as XML reads it (the entities were checked when scanned). */
function decodeText(bytes: Uint8Array, start: number, end: number, flags: number): string {
  let s = utf8.decode(bytes.subarray(start, end));
  if (flags & HAS_CR) s = s.replace(/\r\n?/g, "\n");
  if (flags & HAS_AMP) s = s.replace(ENTITY, expand);
  return s;
}

/** An attribute value as XML reads it: a literal tab or line break (CR LF as one) is a space, a character reference is kept. */
function decodeAttribute(bytes: Uint8Array, start: number, end: number, flags: number): string {
  let s = utf8.decode(bytes.subarray(start, end));
  if (flags & HAS_WS) s = s.replace(/\r\n?|[\n\t]/g, " ");
  if (flags & HAS_AMP) s = s.replace(ENTITY, expand);
  return s;
}

const isXmlChar = (c: number) =>
  c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

/** Thrown inside the tokenizer and turned into the part's «ошибка XML». */
class XmlDamage extends Error {}

class ByteTag implements Tag {
  bytes: Uint8Array = new Uint8Array(0);
  count = 0;
  /** Per attribute: name start, name end, value start, value end, flags. */
  at = new Int32Array(5 * 16);

  name(i: number): string {
    return utf8.decode(this.bytes.subarray(this.at[i * 5], this.at[i * 5 + 1]));
  }

  find(name: string): number {
    const { at, bytes } = this;
    const length = name.length;
    if (!isAscii(name)) {
      for (let i = 0; i < this.count; i++) if (this.name(i) === name) return i;
      return -1;
    }
    outer: for (let i = 0, k = 0; i < this.count; i++, k += 5) {
      const s = at[k];
      if (at[k + 1] - s !== length) continue;
      for (let j = 0; j < length; j++) if (bytes[s + j] !== name.charCodeAt(j)) continue outer;
      return i;
    }
    return -1;
  }

  value(i: number): string {
    const k = i * 5;
    return decodeAttribute(this.bytes, this.at[k + 2], this.at[k + 3], this.at[k + 4]);
  }

  raw(i: number): boolean {
    return this.at[i * 5 + 4] === 0;
  }

  start(i: number): number {
    return this.at[i * 5 + 2];
  }

  end(i: number): number {
    return this.at[i * 5 + 3];
  }

  letter(i: number): number {
    const k = i * 5;
    return this.at[k + 1] - this.at[k] === 1 ? this.bytes[this.at[k]] : -1;
  }

  digits(i: number): number {
    const k = i * 5;
    if (this.at[k + 4] !== 0) return -1;
    const s = this.at[k + 2];
    const e = this.at[k + 3];
    if (e <= s || e - s > 9) return -1;
    let n = 0;
    for (let p = s; p < e; p++) {
      const d = this.bytes[p] - 0x30;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return n;
  }

  is(i: number, ascii: string): boolean {
    const k = i * 5;
    if (this.at[k + 4] !== 0 || !isAscii(ascii)) return this.value(i) === ascii;
    const s = this.at[k + 2];
    if (this.at[k + 3] - s !== ascii.length) return false;
    for (let j = 0; j < ascii.length; j++) if (this.bytes[s + j] !== ascii.charCodeAt(j)) return false;
    return true;
  }

  /** Attribute names are unique in a tag. */
  checkUnique(): void {
    const { at, bytes } = this;
    for (let i = 1, k = 5; i < this.count; i++, k += 5) {
      const length = at[k + 1] - at[k];
      outer: for (let j = 0, m = 0; j < i; j++, m += 5) {
        if (at[m + 1] - at[m] !== length) continue;
        for (let x = 0; x < length; x++) if (bytes[at[k] + x] !== bytes[at[m] + x]) continue outer;
        throw new XmlDamage("duplicate attribute");
      }
    }
  }
}

class ByteText implements Text {
  raw = true;
  bytes: Uint8Array = new Uint8Array(0);
  start = 0;
  end = 0;
  flags = 0;
  decoded: string | null = null;

  string(): string {
    return this.decoded ?? decodeText(this.bytes, this.start, this.end, this.flags);
  }
}

/** Where a section that may span chunks (a comment, a processing instruction, CDATA) stands. */
const enum Mode {
  Markup,
  Comment,
  Pi,
  CData,
}

/** Bytes of a new chunk copied after the end of the last to finish the token it cut. */
const BRIDGE = 4096;

/** The largest number of element names kept by number; past it (a hostile part), names are compared as text. */
const MAX_INTERNED = 4096;

/**
 * The byte tokenizer. `write` each chunk, then `end`. Errors: the part's
 * «ошибка XML» or «XML обрывается», the depth limit, or the handler's own.
 */
export class ByteScanner {
  private carry: Uint8Array | null = null;
  private first = true;
  private mode = Mode.Markup;
  private depth = 0;
  private sawRoot = false;
  private closedRoot = false;
  /** Text's `]]>` check across pieces: how many `]` ended the text so far (0–2). */
  private brackets = 0;
  /** Pieces of the current CDATA section handed on. */
  private cdataPieces = 0;
  private readonly stack: Int32Array;
  /** Names of elements past the interning limit, by depth. */
  private readonly stackNames: (string | null)[] = [];
  private readonly tag = new ByteTag();
  private readonly piece = new ByteText();
  // Interned element names: bytes, kind, and an open-addressed table by hash.
  private readonly internBytes: Uint8Array[] = [];
  private readonly internKind: number[] = [];
  private readonly table = new Int32Array(8192);
  /** One-letter names (c, v, t, f, r), the most frequent, by their byte. */
  private readonly single = new Int32Array(256).fill(-1);
  private readonly kinds: Map<string, number>;
  /** The leaf's letters and kinds; 0 for none. */
  private readonly leafOuter: number = 0;
  private readonly leafInner: number = 0;
  private readonly leafOuterKind: number = 0;
  private readonly leafInnerKind: number = 0;

  constructor(
    private readonly handler: ScanHandler,
    private readonly context: XmlContext,
  ) {
    this.stack = new Int32Array(context.limits.xmlDepth + 2);
    this.kinds = new Map(handler.names.map((n, i) => [n, i + 1]));
    const leaf = handler.leaf;
    if (leaf && /^[a-z]$/.test(leaf.outer) && /^[a-z]$/.test(leaf.inner)) {
      this.leafOuter = leaf.outer.charCodeAt(0);
      this.leafInner = leaf.inner.charCodeAt(0);
      this.leafOuterKind = this.kinds.get(leaf.outer) ?? 0;
      this.leafInnerKind = this.kinds.get(leaf.inner) ?? 0;
    }
  }

  write(input: Uint8Array): void {
    if (input.length === 0) return;
    // A plain Uint8Array over the same bytes: Node's Buffer has an indexOf of its own (a slow binding), and one
    // kind of array keeps the loops below on one shape.
    const chunk = input.constructor === Uint8Array ? input : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    let bytes = chunk;
    let p = 0;
    if (this.carry && !this.first) {
      // The token cut by the last chunk is finished in a small bridge, so the chunk itself is not copied.
      const carry = this.carry;
      this.carry = null;
      const bridge = new Uint8Array(carry.length + Math.min(chunk.length, BRIDGE));
      bridge.set(carry);
      bridge.set(chunk.subarray(0, bridge.length - carry.length), carry.length);
      let q: number;
      try {
        q = this.scan(bridge, 0, false);
      } catch (e) {
        throw this.failure(e);
      }
      if (q >= carry.length) p = q - carry.length;
      else if (bridge.length === carry.length + chunk.length) {
        this.carry = bridge.slice(q);
        return;
      } else {
        // A token longer than the bridge: the rest of it with the whole chunk.
        bytes = new Uint8Array(bridge.length - q + chunk.length - (bridge.length - carry.length));
        bytes.set(bridge.subarray(q));
        bytes.set(chunk.subarray(bridge.length - carry.length), bridge.length - q);
      }
    } else if (this.carry) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
      this.carry = null;
    }
    if (this.first) {
      if (bytes.length < 3 && bytes[0] === 0xef) {
        this.carry = bytes;
        return;
      }
      this.first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) p = 3;
    }
    try {
      p = this.scan(bytes, p, false);
    } catch (e) {
      throw this.failure(e);
    }
    if (p < bytes.length) this.carry = bytes.slice(p);
  }

  end(): void {
    try {
      const rest = this.carry ?? new Uint8Array(0);
      this.carry = null;
      // saxes's order: no root (a root counts once its name is complete), an element left open, then markup cut short.
      const inMarkup = this.mode !== Mode.Markup || (rest.length > 0 && rest[0] === LT);
      if (!this.sawRoot && !(this.mode === Mode.Markup && this.nameComplete(rest))) throw this.cut();
      if (this.depth > 0) throw this.cut();
      if (inMarkup) throw new XmlDamage("unexpected end");
      // Text after the root: blank, or damage.
      if (rest.length > 0) this.scan(rest, 0, true);
    } catch (e) {
      throw this.failure(e);
    }
  }

  /** `rest` starts with a start tag whose name is complete. */
  private nameComplete(rest: Uint8Array): boolean {
    if (rest.length < 2 || rest[0] !== LT || !(CLASS[rest[1]] & NAME_START)) return false;
    let i = 2;
    while (i < rest.length && CLASS[rest[i]] & NAME) i++;
    return i < rest.length;
  }

  private cut(): ShnorError {
    return damaged(this.context.book, `часть «${this.context.part}»: XML обрывается`);
  }

  private failure(e: unknown): unknown {
    if (e instanceof XmlDamage) return damaged(this.context.book, `часть «${this.context.part}»: ошибка XML`);
    if (e instanceof NotUtf8) return notUtf8(this.context.book, this.context.part);
    return e;
  }

  /** Scans from `p`; returns where it stopped (the rest waits for the next chunk). With `final`, text runs to the end. */
  private scan(bytes: Uint8Array, p: number, final: boolean): number {
    const n = bytes.length;
    while (p < n) {
      if (this.mode !== Mode.Markup) {
        p = this.section(bytes, p, final);
        if ((this.mode as Mode) !== Mode.Markup) return p;
        continue;
      }
      if (bytes[p] !== LT) {
        // Most text is a few plain bytes (a cell's value): found and checked in one pass.
        let q = p;
        while (q < n && !(CLASS[bytes[q]] & TEXT_STOP)) q++;
        if (q < n && bytes[q] === LT && this.depth > 0) {
          this.brackets = 0;
          this.plainText(bytes, p, q);
          p = q;
          continue;
        }
        let lt = bytes.indexOf(LT, p);
        if (lt < 0) {
          lt = final ? n : this.safeEnd(bytes, p, n);
          if (lt > p) this.text(bytes, p, lt);
          return lt;
        }
        this.text(bytes, p, lt);
        p = lt;
      }
      if (p + 1 >= n) return p;
      const next = bytes[p + 1];
      let q: number;
      // Reads stay inside the chunk: a read past a typed array's end sends the optimised loop back to the interpreter.
      if (p + 2 < n && this.depth > 0) {
        const third = bytes[p + 2];
        if (third === GT && (q = this.shortElement(bytes, p, n)) > 0) {
          p = q;
          continue;
        }
        if (third === SPACE && next === this.leafOuter && (q = this.leafElement(bytes, p, n)) > 0) {
          p = q;
          continue;
        }
      }
      if (next === SLASH) q = this.closeTag(bytes, p, n);
      else if (next === BANG) q = this.bang(bytes, p, n);
      else if (next === QUESTION) q = this.pi(bytes, p, n);
      else q = this.openTag(bytes, p, n);
      if (q < 0) return p;
      p = q;
    }
    return p;
  }

  /**
   * Where text running to a chunk's end may be cut: not inside a UTF-8
   * character or an entity, not between CR and LF.
   */
  private safeEnd(bytes: Uint8Array, p: number, n: number, entities = true): number {
    let end = n;
    let i = n - 1;
    let continuation = 0;
    while (i >= p && continuation < 3 && (bytes[i] & 0xc0) === 0x80) {
      i--;
      continuation++;
    }
    if (i >= p) {
      const lead = bytes[i];
      const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      if (continuation + 1 < need) end = i;
    }
    // Outside the root any "&" is damage, found when the text is checked.
    const amp = entities && this.depth > 0 ? bytes.lastIndexOf(AMP, end - 1) : -1;
    if (amp >= p && bytes.indexOf(SEMI, amp) < 0) {
      // An entity is a few bytes; a longer run is not one, and waiting for it would hold the part.
      if (n - amp > 64) throw new XmlDamage("entity");
      end = amp;
    }
    // What waits for the next chunk is checked now, as saxes would check it.
    this.checkChars(bytes, end, n);
    if (end > p && bytes[end - 1] === CR) end--;
    return end;
  }

  /** Text inside the root with nothing to expand or check: straight to the handler. */
  private plainText(bytes: Uint8Array, start: number, end: number): void {
    this.handler.text(this.plainPiece(bytes, start, end));
  }

  /** The one text piece, set to plain bytes. */
  private plainPiece(bytes: Uint8Array, start: number, end: number): ByteText {
    const piece = this.piece;
    piece.raw = true;
    // Stored only when it changes (once a chunk): a pointer stored into an old object pays a write barrier.
    if (piece.bytes !== bytes) piece.bytes = bytes;
    piece.start = start;
    piece.end = end;
    piece.flags = 0;
    piece.decoded = null;
    return piece;
  }

  /** Checks text and hands it to the handler (inside the root) or requires it to be blank (outside). */
  private text(bytes: Uint8Array, start: number, end: number): void {
    if (this.depth === 0) {
      for (let i = start; i < end; i++) if (!(CLASS[bytes[i]] & WS)) throw new XmlDamage("text outside the root");
      return;
    }
    let flags = 0;
    let brackets = this.brackets;
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      if (!(CLASS[b] & IN_TEXT)) {
        brackets = 0;
        continue;
      }
      if (b === BRACKET) {
        if (brackets < 2) brackets++;
        continue;
      }
      if (b === GT) {
        if (brackets === 2) throw new XmlDamage("]]>");
      } else if (b === AMP) {
        i = this.entity(bytes, i, end);
        flags |= HAS_AMP;
      } else if (b === 0xef) {
        if (bytes[i + 1] === 0xbf && (bytes[i + 2] === 0xbe || bytes[i + 2] === 0xbf)) throw new XmlDamage("char");
      } else if (b === CR) flags |= HAS_CR;
      else if (b !== 0x09 && b !== 0x0a) throw new XmlDamage("char");
      brackets = 0;
    }
    this.brackets = brackets;
    if (end === start) return;
    const piece = this.piece;
    piece.raw = flags === 0;
    if (piece.bytes !== bytes) piece.bytes = bytes;
    piece.start = start;
    piece.end = end;
    piece.flags = flags;
    piece.decoded = null;
    this.handler.text(piece);
  }

  /** Checks the entity at `amp`; returns the index of its `;`. */
  private entity(bytes: Uint8Array, amp: number, end: number): number {
    const semi = bytes.indexOf(SEMI, amp + 1);
    if (semi < 0 || semi >= end) throw new XmlDamage("entity");
    const s = amp + 1;
    const length = semi - s;
    if (length === 0) throw new XmlDamage("entity");
    if (bytes[s] === 0x23) {
      let code = 0;
      const hex = bytes[s + 1] === 0x78;
      let i = hex ? s + 2 : s + 1;
      if (i >= semi) throw new XmlDamage("entity");
      for (; i < semi; i++) {
        const b = bytes[i];
        let d: number;
        if (b >= 0x30 && b <= 0x39) d = b - 0x30;
        else if (hex && b >= 0x61 && b <= 0x66) d = b - 0x57;
        else if (hex && b >= 0x41 && b <= 0x46) d = b - 0x37;
        else throw new XmlDamage("entity");
        code = Math.min(code * (hex ? 16 : 10) + d, 0x110000);
      }
      if (!isXmlChar(code)) throw new XmlDamage("entity");
      return semi;
    }
    const is = (word: string) => length === word.length && [...word].every((c, k) => bytes[s + k] === c.charCodeAt(0));
    if (is("amp") || is("lt") || is("gt") || is("quot") || is("apos")) return semi;
    throw new XmlDamage("entity");
  }

  /** Checks the bytes of a comment, processing instruction or CDATA section for characters XML forbids. */
  private checkChars(bytes: Uint8Array, start: number, end: number): number {
    let flags = 0;
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      if (b < 0x20) {
        if (b === CR) flags |= HAS_CR;
        else if (b !== 0x09 && b !== 0x0a) throw new XmlDamage("char");
      } else if (b === 0xef && bytes[i + 1] === 0xbf && (bytes[i + 2] === 0xbe || bytes[i + 2] === 0xbf)) throw new XmlDamage("char");
    }
    return flags;
  }

  /** `<!--`, `<![CDATA[` or `<!DOCTYPE`; -1 when the chunk ends first. */
  private bang(bytes: Uint8Array, p: number, n: number): number {
    const starts = (word: string) => {
      for (let k = 0; k < word.length; k++) {
        if (p + 2 + k >= n) return null;
        if (bytes[p + 2 + k] !== word.charCodeAt(k)) return false;
      }
      return true;
    };
    const comment = starts("--");
    if (comment === null) return -1;
    if (comment) {
      this.mode = Mode.Comment;
      return p + 4;
    }
    const cdata = starts("[CDATA[");
    if (cdata === null) return -1;
    if (cdata) {
      if (this.depth === 0) throw new XmlDamage("text outside the root");
      this.mode = Mode.CData;
      this.cdataPieces = 0;
      return p + 9;
    }
    const doctype = starts("DOCTYPE");
    if (doctype === null) return -1;
    if (doctype && !this.sawRoot) {
      throw new ShnorError(
        "unreadable-file",
        `Книга «${this.context.book}» не прочитана: в части «${this.context.part}» есть объявление DOCTYPE, а сущности XML в книге не допускаются.`,
      );
    }
    throw new XmlDamage("markup");
  }

  /** `<?target …?>`: its target is a name, never «xml» past the declaration; -1 when the chunk ends first. */
  private pi(bytes: Uint8Array, p: number, n: number): number {
    let i = p + 2;
    if (i >= n) return -1;
    if (!(CLASS[bytes[i]] & NAME_START)) throw new XmlDamage("pi");
    while (i < n && CLASS[bytes[i]] & NAME) i++;
    if (i >= n) return -1;
    if (bytes[i] !== QUESTION && !(CLASS[bytes[i]] & WS)) throw new XmlDamage("pi");
    if (this.hasHighBytes(bytes, p + 2, i)) this.checkName(bytes, p + 2, i);
    const target = latin.decode(bytes.subarray(p + 2, Math.min(i, p + 6))).toLowerCase();
    if (i - (p + 2) === 3 && target === "xml") throw new XmlDamage("xml declaration");
    this.mode = Mode.Pi;
    return i;
  }

  /** Continues a comment, processing instruction or CDATA section; returns where it stopped. */
  private section(bytes: Uint8Array, p: number, final: boolean): number {
    const n = bytes.length;
    if (this.mode === Mode.Comment) {
      for (let i = p; ;) {
        const dash = bytes.indexOf(MINUS, i);
        if (dash < 0 || dash + 2 >= n) {
          const stop = dash < 0 ? n : dash;
          this.checkChars(bytes, p, stop);
          if (final && stop < n) throw new XmlDamage("comment");
          return stop;
        }
        if (bytes[dash + 1] === MINUS) {
          if (bytes[dash + 2] !== GT) throw new XmlDamage("comment");
          this.checkChars(bytes, p, dash);
          this.mode = Mode.Markup;
          return dash + 3;
        }
        i = dash + 1;
      }
    }
    if (this.mode === Mode.Pi) {
      for (let i = p; ;) {
        const q = bytes.indexOf(QUESTION, i);
        if (q < 0 || q + 1 >= n) {
          const stop = q < 0 ? n : q;
          this.checkChars(bytes, p, stop);
          return stop;
        }
        if (bytes[q + 1] === GT) {
          this.checkChars(bytes, p, q);
          this.mode = Mode.Markup;
          return q + 2;
        }
        i = q + 1;
      }
    }
    // CDATA: its text as it is, line breaks normalised; a piece never ends inside a character or CR LF.
    for (let i = p; ;) {
      const b = bytes.indexOf(BRACKET, i);
      if (b < 0 || b + 2 >= n) {
        let stop = b < 0 ? this.safeEnd(bytes, p, n, false) : b;
        if (stop > p && bytes[stop - 1] === CR) stop--;
        this.cdata(bytes, p, stop);
        return stop;
      }
      if (bytes[b + 1] === BRACKET && bytes[b + 2] === GT) {
        this.cdata(bytes, p, b);
        // An empty section is still text (saxes says so, with "").
        if (this.cdataPieces === 0) this.cdata(bytes, b, b, true);
        this.mode = Mode.Markup;
        return b + 3;
      }
      i = b + 1;
    }
  }

  private cdata(bytes: Uint8Array, start: number, end: number, empty = false): void {
    if (end <= start && !empty) return;
    this.cdataPieces++;
    const flags = this.checkChars(bytes, start, end) & HAS_CR;
    const piece = this.piece;
    piece.raw = false;
    piece.decoded = decodeText(bytes, start, end, flags);
    this.handler.text(piece);
  }

  private hasHighBytes(bytes: Uint8Array, start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (bytes[i] >= 0x80) return true;
    return false;
  }

  /** A name with bytes past ASCII is checked as XML names are (letters of many scripts, not any character). */
  private checkName(bytes: Uint8Array, start: number, end: number): void {
    if (!NAME_RE.test(utf8.decode(bytes.subarray(start, end)))) throw new XmlDamage("name");
  }

  /** The number of the element name at bytes[start, end): the same bytes give the same number. */
  private intern(bytes: Uint8Array, start: number, end: number, add: boolean): number {
    if (end - start === 1) {
      const known = this.single[bytes[start]];
      if (known >= 0 || !add) return known;
      return (this.single[bytes[start]] = this.internSlow(bytes, start, end, add));
    }
    return this.internSlow(bytes, start, end, add);
  }

  private internSlow(bytes: Uint8Array, start: number, end: number, add: boolean): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
    const mask = this.table.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot];
      if (entry === 0) break;
      const known = this.internBytes[entry - 1];
      if (known.length !== length) continue;
      let same = true;
      for (let k = 0; k < length; k++)
        if (known[k] !== bytes[start + k]) {
          same = false;
          break;
        }
      if (same) return entry - 1;
    }
    if (!add || this.internBytes.length >= MAX_INTERNED) return -1;
    const id = this.internBytes.length;
    const name = bytes.slice(start, end);
    this.internBytes.push(name);
    const text = utf8.decode(name);
    const colon = text.indexOf(":");
    this.internKind.push(this.kinds.get(colon < 0 ? text : text.slice(colon + 1)) ?? 0);
    for (let slot = hash & mask; ; slot = (slot + 1) & mask)
      if (this.table[slot] === 0) {
        this.table[slot] = id + 1;
        break;
      }
    return id;
  }

  /** Checks an attribute value; returns its flags. With `open`, the value goes on past `end` (an entity may be cut). */
  private checkValue(bytes: Uint8Array, start: number, end: number, open: boolean): number {
    let flags = 0;
    for (let k = start; k < end; k++) {
      const c = bytes[k];
      if (!(CLASS[c] & IN_VALUE)) continue;
      if (c === LT) throw new XmlDamage("< in a value");
      if (c === AMP) {
        if (open && bytes.indexOf(SEMI, k) < 0) {
          this.checkChars(bytes, k, end);
          return flags;
        }
        k = this.entity(bytes, k, end);
        flags |= HAS_AMP;
      } else if (c === 0xef) {
        if (bytes[k + 1] === 0xbf && (bytes[k + 2] === 0xbe || bytes[k + 2] === 0xbf)) throw new XmlDamage("char");
      } else if (c === 0x09 || c === 0x0a || c === CR) flags |= HAS_WS;
      else throw new XmlDamage("char");
    }
    return flags;
  }

  /** `<name attributes>` or `<name attributes/>`; -1 when the chunk ends first. */
  // long: the tokenizer's inner loop over a tag's bytes (name, each attribute, its quoted value), kept in one function for speed
  private openTag(bytes: Uint8Array, p: number, n: number): number {
    const nameStart = p + 1;
    let high = bytes[nameStart];
    if (!(CLASS[high] & NAME_START)) throw new XmlDamage("tag name");
    let i = nameStart + 1;
    for (; i < n; i++) {
      const c = bytes[i];
      if (!(CLASS[c] & NAME)) break;
      high |= c;
    }
    if (i >= n) return -1;
    const nameEnd = i;
    if (this.closedRoot) throw new XmlDamage("second root");
    const tag = this.tag;
    if (tag.bytes !== bytes) tag.bytes = bytes;
    tag.count = 0;
    let selfClosing = false;
    let spaced = true;
    // Attributes.
    for (;;) {
      if (i >= n) return -1;
      let b = bytes[i];
      if (CLASS[b] & WS) {
        spaced = true;
        do i++;
        while (i < n && CLASS[bytes[i]] & WS);
        if (i >= n) return -1;
        b = bytes[i];
      }
      if (b === GT) {
        i++;
        break;
      }
      if (b === SLASH) {
        if (i + 1 >= n) return -1;
        if (bytes[i + 1] !== GT) throw new XmlDamage("slash");
        selfClosing = true;
        i += 2;
        break;
      }
      if (!(CLASS[b] & NAME_START) || !spaced || i === nameEnd) throw new XmlDamage("attribute");
      const attrStart = i;
      let attrHigh = 0;
      for (; i < n; i++) {
        const c = bytes[i];
        if (!(CLASS[c] & NAME)) break;
        attrHigh |= c;
      }
      const attrEnd = i;
      while (i < n && CLASS[bytes[i]] & WS) i++;
      if (i >= n) return -1;
      if (bytes[i] !== EQUALS) throw new XmlDamage("attribute without value");
      i++;
      while (i < n && CLASS[bytes[i]] & WS) i++;
      if (i >= n) return -1;
      const quote = bytes[i];
      if (quote !== QUOT && quote !== APOS) throw new XmlDamage("unquoted");
      const valueStart = i + 1;
      // A short plain value (a cell's address, type or style) is found and checked in one pass.
      let valueEnd = valueStart;
      while (valueEnd < n && bytes[valueEnd] !== quote && !(CLASS[bytes[valueEnd]] & IN_VALUE)) valueEnd++;
      let flags = 0;
      if (valueEnd >= n || bytes[valueEnd] !== quote) {
        valueEnd = bytes.indexOf(quote, valueStart);
        if (valueEnd < 0) {
          // Cut by the chunk: what is there is checked now, as saxes would check it.
          this.checkValue(bytes, valueStart, n, true);
          return -1;
        }
        flags = this.checkValue(bytes, valueStart, valueEnd, false);
      }
      if (attrHigh & 0x80) this.checkName(bytes, attrStart, attrEnd);
      let at = tag.at;
      const k = tag.count * 5;
      if (k + 5 > at.length) {
        const grown = new Int32Array(at.length * 2);
        grown.set(at);
        tag.at = at = grown;
      }
      at[k] = attrStart;
      at[k + 1] = attrEnd;
      at[k + 2] = valueStart;
      at[k + 3] = valueEnd;
      at[k + 4] = flags;
      tag.count++;
      i = valueEnd + 1;
      spaced = false;
    }
    if (high & 0x80) this.checkName(bytes, nameStart, nameEnd);
    if (tag.count > 1) tag.checkUnique();
    this.sawRoot = true;
    const { limits } = this.context;
    if (this.depth + 1 > limits.xmlDepth) throw overLimit("xmlDepth", this.context.book, limits.xmlDepth);
    const id = this.intern(bytes, nameStart, nameEnd, true);
    const kind = id < 0 ? this.kindOf(bytes, nameStart, nameEnd) : this.internKind[id];
    this.brackets = 0;
    if (selfClosing) {
      this.handler.open(kind, tag);
      this.handler.close(kind);
      if (this.depth === 0) this.closedRoot = true;
      return i;
    }
    this.depth++;
    this.stack[this.depth] = id;
    this.stackNames[this.depth] = id < 0 ? utf8.decode(bytes.subarray(nameStart, nameEnd)) : null;
    this.handler.open(kind, tag);
    return i;
  }

  /**
   * `<v>plain text</v>`: an element of a known one-letter name, without attributes, holding plain
   * text (a cell's value, a third of a sheet's tags) read in one look, with the events and checks of
   * the longer way, which takes anything else (attributes, entities, a chunk's end). -1 if not.
   */
  private shortElement(bytes: Uint8Array, p: number, n: number): number {
    const letter = bytes[p + 1];
    const id = this.single[letter];
    // A letter (not "/", a close tag) named before: its name needs no check.
    if (id < 0 || !((letter >= 0x61 && letter <= 0x7a) || (letter >= 0x41 && letter <= 0x5a))) return -1;
    let q = p + 3;
    while (q < n && !(CLASS[bytes[q]] & TEXT_STOP)) q++;
    if (q + 3 >= n || bytes[q] !== LT || bytes[q + 1] !== SLASH || bytes[q + 2] !== letter || bytes[q + 3] !== GT) return -1;
    if (this.depth + 1 > this.context.limits.xmlDepth) return -1;
    const kind = this.internKind[id];
    const tag = this.tag;
    if (tag.bytes !== bytes) tag.bytes = bytes;
    tag.count = 0;
    this.brackets = 0;
    this.handler.open(kind, tag);
    if (q > p + 3) this.plainText(bytes, p + 3, q);
    this.handler.close(kind);
    return q + 4;
  }

  /**
   * The handler's leaf, `<c r="A1" t="s"><v>12</v></c>`: one-letter attributes, each after one space, with
   * plain values (no entity, tab or line break), and plain text, read in one look with the events and checks of
   * the longer way (a cell's tags, three quarters of a sheet's, go through here). -1 for anything else.
   */
  private leafElement(bytes: Uint8Array, p: number, n: number): number {
    const tag = this.tag;
    const at = tag.at;
    let count = 0;
    let i = p + 2;
    // Attributes: at most four one-letter names, each once.
    while (i + 4 < n && bytes[i] === SPACE) {
      const letter = bytes[i + 1];
      if (count === 4 || !(letter >= 0x61 && letter <= 0x7a) || bytes[i + 2] !== EQUALS || bytes[i + 3] !== QUOT) return -1;
      for (let k = 0; k < count; k++) if (bytes[at[k * 5]] === letter) return -1;
      const valueStart = i + 4;
      let valueEnd = valueStart;
      while (valueEnd < n && bytes[valueEnd] !== QUOT && !(CLASS[bytes[valueEnd]] & IN_VALUE)) valueEnd++;
      if (valueEnd >= n || bytes[valueEnd] !== QUOT) return -1;
      const k = count * 5;
      at[k] = i + 1;
      at[k + 1] = i + 2;
      at[k + 2] = valueStart;
      at[k + 3] = valueEnd;
      at[k + 4] = 0;
      count++;
      i = valueEnd + 1;
    }
    const inner = this.leafInner;
    if (i + 3 >= n || bytes[i] !== GT || bytes[i + 1] !== LT || bytes[i + 2] !== inner || bytes[i + 3] !== GT) return -1;
    const textStart = i + 4;
    let q = textStart;
    while (q < n && !(CLASS[bytes[q]] & TEXT_STOP)) q++;
    const outer = this.leafOuter;
    if (q + 7 >= n || bytes[q] !== LT || bytes[q + 1] !== SLASH || bytes[q + 2] !== inner || bytes[q + 3] !== GT) return -1;
    if (bytes[q + 4] !== LT || bytes[q + 5] !== SLASH || bytes[q + 6] !== outer || bytes[q + 7] !== GT) return -1;
    if (this.depth + 2 > this.context.limits.xmlDepth) return -1;
    if (tag.bytes !== bytes) tag.bytes = bytes;
    tag.count = count;
    this.brackets = 0;
    const handler = this.handler;
    if (handler.leafRead) {
      handler.leafRead(tag, q > textStart ? this.plainPiece(bytes, textStart, q) : null);
      return q + 8;
    }
    handler.open(this.leafOuterKind, tag);
    tag.count = 0;
    handler.open(this.leafInnerKind, tag);
    if (q > textStart) this.plainText(bytes, textStart, q);
    handler.close(this.leafInnerKind);
    handler.close(this.leafOuterKind);
    return q + 8;
  }

  private kindOf(bytes: Uint8Array, start: number, end: number): number {
    const text = utf8.decode(bytes.subarray(start, end));
    const colon = text.indexOf(":");
    return this.kinds.get(colon < 0 ? text : text.slice(colon + 1)) ?? 0;
  }

  /** `</name>`: must close the element open last; -1 when the chunk ends first. */
  private closeTag(bytes: Uint8Array, p: number, n: number): number {
    const nameStart = p + 2;
    let i = nameStart;
    while (i < n && CLASS[bytes[i]] & NAME) i++;
    const nameEnd = i;
    while (i < n && CLASS[bytes[i]] & WS) i++;
    if (i >= n) return -1;
    if (bytes[i] !== GT || nameEnd === nameStart || this.depth === 0) throw new XmlDamage("close tag");
    const top = this.stack[this.depth];
    if (top >= 0) {
      const open = this.internBytes[top];
      if (open.length !== nameEnd - nameStart) throw new XmlDamage("unmatched close tag");
      for (let k = 0; k < open.length; k++) if (open[k] !== bytes[nameStart + k]) throw new XmlDamage("unmatched close tag");
    } else if (utf8.decode(bytes.subarray(nameStart, nameEnd)) !== this.stackNames[this.depth]) throw new XmlDamage("unmatched close tag");
    const kind = top >= 0 ? this.internKind[top] : this.kindOf(bytes, nameStart, nameEnd);
    this.depth--;
    if (this.depth === 0) this.closedRoot = true;
    this.brackets = 0;
    this.handler.close(kind);
    return i + 1;
  }
}

/** saxes's events in the handler's shape: values as strings, never raw bytes. */
class StringTag implements Tag {
  readonly bytes = new Uint8Array(0);
  names: string[] = [];
  values: string[] = [];

  set(attributes: Record<string, string>): this {
    this.names = Object.keys(attributes);
    this.values = this.names.map((k) => attributes[k]);
    return this;
  }
  get count(): number {
    return this.names.length;
  }
  name(i: number): string {
    return this.names[i];
  }
  find(name: string): number {
    return this.names.indexOf(name);
  }
  value(i: number): string {
    return this.values[i];
  }
  raw(): boolean {
    return false;
  }
  start(): number {
    return 0;
  }
  end(): number {
    return 0;
  }
  digits(): number {
    return -1;
  }
  letter(i: number): number {
    return this.names[i].length === 1 ? this.names[i].charCodeAt(0) : -1;
  }
  is(i: number, ascii: string): boolean {
    return this.values[i] === ascii;
  }
}

class StringText implements Text {
  readonly raw = false;
  readonly bytes = new Uint8Array(0);
  readonly start = 0;
  readonly end = 0;
  value = "";
  string(): string {
    return this.value;
  }
}

function saxesHandler(handler: ScanHandler): XmlHandler {
  const kinds = new Map(handler.names.map((n, i) => [n, i + 1]));
  const tag = new StringTag();
  const text = new StringText();
  let depth = 0;
  return {
    open(name, attributes) {
      depth++;
      handler.open(kinds.get(name) ?? 0, tag.set(attributes));
    },
    close(name) {
      depth--;
      handler.close(kinds.get(name) ?? 0);
    },
    text(t) {
      // saxes hands on text outside the root too (blank, or it has failed already).
      if (depth === 0) return;
      text.value = t;
      handler.text(text);
    },
  };
}

/** An XML declaration the byte tokenizer reads as saxes would: version 1.0, an encoding name, standalone. */
const PLAIN_DECLARATION =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?([ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(yes|no)\5)?[ \t\r\n]*\?>/;

/** How many bytes a part's XML declaration takes when it is plain (0 without one), or -1 for a part saxes should read. */
function plainStart(first: Uint8Array): number {
  if (first[0] === 0xff || first[0] === 0xfe) return -1; // UTF-16
  const bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? 3 : 0;
  const head = latin.decode(first.subarray(bom, bom + 256));
  if (!head.startsWith("<?xml")) return 0;
  const declaration = PLAIN_DECLARATION.exec(head);
  return declaration ? declaration[0].length : -1;
}

async function* prepend(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (first.length > 0) yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Parses a hot part with the byte tokenizer (or saxes, where the part is not
 * what it was made for), yielding after each chunk so that the caller can pass
 * on what the handler has gathered.
 */
export async function* scanXml(chunks: AsyncIterable<Uint8Array>, handler: ScanHandler, context: XmlContext): AsyncGenerator<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  // Enough of the part to see its declaration.
  const head: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < 300) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    length += next.value.length;
  }
  const first = new Uint8Array(length);
  head.reduce((at, c) => (first.set(c, at), at + c.length), 0);
  const skip = length === 0 ? 0 : plainStart(first);
  if (tokenizer === "both") {
    const chunks: Uint8Array[] = [first];
    if (!done) for (let next = await iterator.next(); !next.done; next = await iterator.next()) chunks.push(next.value);
    yield* compared(chunks, skip, handler, context);
    return;
  }
  if (tokenizer === "saxes" || skip < 0) {
    const rest: AsyncIterator<Uint8Array> = done ? { next: async () => ({ done: true, value: undefined }) } : iterator;
    yield* parseXml(prepend(first, rest), saxesHandler(handler), context);
    return;
  }
  const scanner = startScanner(first, skip, handler, context);
  yield;
  if (!done) {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      scanner.write(next.value);
      yield;
    }
  }
  scanner.end();
}

function startScanner(first: Uint8Array, skip: number, handler: ScanHandler, context: XmlContext): ByteScanner {
  const scanner = new ByteScanner(handler, context);
  // The declaration is blanked, not cut, so a byte order mark before it is still seen.
  if (skip > 0) {
    const bom = first[0] === 0xef ? 3 : 0;
    first.fill(0x20, bom, bom + skip);
  }
  scanner.write(first);
  return scanner;
}

async function* fromArray(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

/** What a handler was told, as lines (consecutive text merged), for comparing two tokenizers. */
class Recorder implements ScanHandler {
  readonly lines: string[] = [];
  /** The forwarded handler threw (a limit, a reference past the strings): not the tokenizer's doing. */
  handlerThrew = false;
  private pending: string | null = null;

  constructor(
    readonly names: readonly string[],
    private readonly next: ScanHandler | null,
  ) {}

  open(kind: number, tag: Tag): void {
    this.flush();
    const attributes: string[] = [];
    for (let i = 0; i < tag.count; i++) attributes.push(`${tag.name(i)}=${JSON.stringify(tag.value(i))}`);
    this.lines.push(`open ${kind} ${attributes.sort().join(" ")}`);
    this.forward(() => this.next?.open(kind, tag));
  }

  close(kind: number): void {
    this.flush();
    this.lines.push(`close ${kind}`);
    this.forward(() => this.next?.close(kind));
  }

  text(t: Text): void {
    this.pending = (this.pending ?? "") + t.string();
    this.forward(() => this.next?.text(t));
  }

  flush(): void {
    if (this.pending !== null) this.lines.push(`text ${JSON.stringify(this.pending)}`);
    this.pending = null;
  }

  private forward(call: () => void): void {
    try {
      call();
    } catch (e) {
      this.handlerThrew = true;
      throw e;
    }
  }
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Both tokenizers on the same bytes: the handler hears the byte tokenizer, and any difference from saxes is an error. */
async function* compared(chunks: Uint8Array[], skip: number, handler: ScanHandler, context: XmlContext): AsyncGenerator<void> {
  const copies = () => chunks.map((c) => c.slice());
  if (skip < 0) {
    // saxes reads such a part in every mode.
    yield* parseXml(fromArray(copies()), saxesHandler(handler), context);
    return;
  }
  const expected = new Recorder(handler.names, null);
  let expectedError: unknown = null;
  try {
    for await (const _ of parseXml(fromArray(copies()), saxesHandler(expected), context)) void _;
  } catch (e) {
    expectedError = e;
  }
  expected.flush();
  const actual = new Recorder(handler.names, handler);
  let error: unknown = null;
  try {
    const [first, ...rest] = copies();
    const scanner = startScanner(first, skip, actual, context);
    yield;
    for (const c of rest) {
      scanner.write(c);
      yield;
    }
    scanner.end();
  } catch (e) {
    error = e;
  }
  actual.flush();
  const differ = (what: string) => new Error(`Токенизаторы разошлись в части «${context.part}»: ${what}`);
  const [a, b] = [actual.lines, expected.lines];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) throw differ(`событие ${i}: ${a[i]} / saxes: ${b[i]}`);
  if (error === null) {
    if (expectedError !== null) throw differ(`saxes: ${messageOf(expectedError)}`);
    if (a.length !== b.length) throw differ(`событий ${a.length}, у saxes ${b.length}`);
    return;
  }
  if (!actual.handlerThrew && (expectedError === null || messageOf(expectedError) !== messageOf(error)))
    throw differ(`${messageOf(error)} / saxes: ${expectedError === null ? "без ошибки" : messageOf(expectedError)}`);
  throw error;
}
