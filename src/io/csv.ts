/** .csv files. To be written: this placeholder only fixes the signature. */
import { ShnorError } from "../core";
import type { BookSource } from "./types";

export function openCsvBook(_bytes: Uint8Array, name: string): BookSource {
  throw new ShnorError("unreadable-file", `Формат файла «${name}» пока не поддерживается.`);
}
