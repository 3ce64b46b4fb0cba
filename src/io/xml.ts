/**
 * One XML part parsed as it inflates: a streaming UTF-8 decoder (no character
 * is ever split at a chunk boundary) feeding saxes. Elements reach the handler
 * by local name (a prefix such as `x:` changes nothing). A DOCTYPE is refused
 * (no entities: XXE, billion laughs), depth is bounded, and a part that does
 * not close is an error, never a shorter answer.
 */
import { SaxesParser } from "saxes";
import { ShnorError } from "../core";
import { damaged, overLimit, ReaderLimits } from "./limits";

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

type Decoder = InstanceType<typeof TextDecoder>;

function decoderFor(first: Uint8Array): Decoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder("utf-16le");
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder("utf-16be");
  return new TextDecoder("utf-8");
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
  let decoder: Decoder | null = null;
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    decoder ??= decoderFor(chunk);
    try {
      parser.write(decoder.decode(chunk, { stream: true }));
    } catch (e) {
      fail(e);
    }
    yield;
  }
  try {
    if (decoder) parser.write(decoder.decode());
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
