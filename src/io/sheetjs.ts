/** .xls (BIFF8) and .ods books. To be written: this placeholder only fixes the signature. */
import { ShnorError } from "../core";
import type { BookSource } from "./types";

export function openSheetJsBook(_bytes: Uint8Array, name: string, _format: "xls" | "ods"): BookSource {
  throw new ShnorError("unreadable-file", `Формат книги «${name}» пока не поддерживается.`);
}
