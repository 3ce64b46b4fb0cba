/**
 * One XML part parsed as it inflates: a streaming UTF-8 decoder (no character
 * is ever split at a chunk boundary) feeding saxes. Elements reach the handler
 * by local name (a prefix such as `x:` changes nothing). A DOCTYPE is refused
 * (no entities: XXE, billion laughs), depth is bounded, and a part that does
 * not close is an error, never a shorter answer.
 */
import { SaxesParser } from "saxes";
import { ShnorError } from "../core";
import { damaged, notUtf8, overLimit, ReaderLimits } from "./limits";

export interface XmlHandler {
  /** `name` is the local name; attribute names keep their prefix ("r:id"). */
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text?(text: string): void;
}

export interface XmlContext {
  book: string;
  part: string;
  limits: ReaderLimits;
}

const localName = (name: string) => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

/**
 * UTF-8 decoded chunk by chunk without ever splitting a character: the bytes
 * of a sequence cut at the end of a chunk wait for the next one. (Node's
 * TextDecoder with `{stream: true}` does the same through a slow path; this
 * keeps its fast one.) UTF-16 parts, which are rare, use the streaming decoder.
 */
class ChunkDecoder {
  private carry: Uint8Array | null = null;
  private readonly utf8: boolean;
  private readonly decoder: InstanceType<typeof TextDecoder>;

  constructor(first: Uint8Array) {
    const le = first[0] === 0xff && first[1] === 0xfe;
    const be = first[0] === 0xfe && first[1] === 0xff;
    this.utf8 = !le && !be;
    // Fatal: bytes that are not text in the part's encoding are damage, never a name with «�» in it.
    // A U+FEFF at a chunk's start is text, not a byte order mark (saxes drops the part's first one itself).
    this.decoder = new TextDecoder(le ? "utf-16le" : be ? "utf-16be" : "utf-8", { fatal: true, ignoreBOM: true });
  }

  decode(chunk: Uint8Array): string {
    if (!this.utf8) return this.decoder.decode(chunk, { stream: true });
    let bytes = chunk;
    if (this.carry) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
      this.carry = null;
    }
    const end = completeLength(bytes);
    if (end < bytes.length) this.carry = bytes.slice(end);
    return this.decoder.decode(end < bytes.length ? bytes.subarray(0, end) : bytes);
  }

  end(): string {
    if (!this.utf8) return this.decoder.decode();
    const rest = this.carry;
    this.carry = null;
    return rest ? this.decoder.decode(rest) : "";
  }
}

/** The length of the prefix of `bytes` that ends on a whole UTF-8 character. */
export function completeLength(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && (bytes[i] & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return bytes.length;
  const lead = bytes[i];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return continuation + 1 < need ? i : bytes.length;
}

/** Parses the part, yielding after each chunk so that a caller can pass on what the handler has gathered. */
export async function* parseXml(chunks: AsyncIterable<Uint8Array>, handler: XmlHandler, context: XmlContext): AsyncGenerator<void> {
  const parser = new SaxesParser({ position: false });
  const { limits } = context;
  let depth = 0;
  let started = false;
  parser.on("doctype", () => {
    throw new ShnorError(
      "unreadable-file",
      `Книга «${context.book}» не прочитана: в части «${context.part}» есть объявление DOCTYPE, а сущности XML в книге не допускаются.`,
    );
  });
  parser.on("opentag", (tag) => {
    started = true;
    if (++depth > limits.xmlDepth) throw overLimit("xmlDepth", context.book, limits.xmlDepth);
    handler.open(localName(tag.name), tag.attributes as Record<string, string>);
  });
  parser.on("closetag", (tag) => {
    depth--;
    handler.close(localName(tag.name));
  });
  if (handler.text) {
    const text = handler.text.bind(handler);
    parser.on("text", text);
    parser.on("cdata", text);
  }
  const fail = (e: unknown): never => {
    if (e instanceof ShnorError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw damaged(
      context.book,
      `часть «${context.part}»: ${/unclosed|end of|must contain/i.test(message) ? "XML обрывается" : "ошибка XML"}`,
    );
  };
  let decoder: ChunkDecoder | null = null;
  const decode = (read: () => string): string => {
    try {
      return read();
    } catch {
      throw notUtf8(context.book, context.part);
    }
  };
  const decodeEnd = (d: ChunkDecoder): string => {
    try {
      return d.end();
    } catch {
      throw damaged(context.book, `часть «${context.part}»: XML обрывается`);
    }
  };
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    const d = (decoder ??= new ChunkDecoder(chunk));
    const text = decode(() => d.decode(chunk));
    try {
      parser.write(text);
    } catch (e) {
      fail(e);
    }
    yield;
  }
  try {
    const d = decoder;
    // A character left unfinished at the end is a part cut short, as the byte tokenizer says it.
    if (d) parser.write(decodeEnd(d));
    parser.close();
  } catch (e) {
    fail(e);
  }
  if (!started || depth !== 0) throw damaged(context.book, `часть «${context.part}»: XML обрывается`);
}

/** The value of an attribute whatever its prefix ("r:id", "relationships:id"). */
export function prefixed(attributes: Record<string, string>, local: string): string | undefined {
  for (const key in attributes) {
    const colon = key.indexOf(":");
    if (colon >= 0 && key.slice(colon + 1) === local) return attributes[key];
  }
  return undefined;
}
