/**
 * Number formats of SpreadsheetML: the built-in ids a book may use without
 * writing them out, which formats show dates, and the serial date → ISO date
 * conversion (1900 and 1904 systems).
 */

/** ECMA-376 Part 1, 18.8.30: the built-in formats whose meaning does not depend on the locale. */
export const BUILTIN_FORMATS: Readonly<Record<number, string>> = Object.freeze({
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
});

/** A format that shows a date or time: y, m, d, h, s outside quotes, brackets and escapes (not General). */
export function isDateFormat(format: string | null): boolean {
  if (!format || format === "General") return false;
  const bare = format
    .replace(/\[[^\]]*]/g, "")
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/_.|\*./g, "");
  return /[ymdhsYMDHS]/.test(bare) && !/^general$/i.test(bare.trim());
}

const DAY_MS = 86_400_000;
/** 1899-12-30: day 0 of the 1900 system as Excel counts (its 29 February 1900 is accounted for from day 61). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** A serial date → "YYYY-MM-DD" (the date part, as the engine has always received dates). */
export function serialToIsoDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return null;
  let days = Math.floor(serial + 1e-9);
  if (!date1904 && days < 61) days += 1; // Excel's phantom 29.02.1900: days before it are one off.
  const ms = (date1904 ? EPOCH_1904 : EPOCH_1900) + days * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Characters XML 1.0 cannot hold, which a writer must escape (exceljs drops them: «ESC» vanished from a name). */
// eslint-disable-next-line no-control-regex -- these are the characters looked for
const UNWRITABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ESCAPE_LIKE = /_(x[0-9A-Fa-f]{4}_)/g;

/**
 * Encodes a text for an .xlsx cell as Excel does: a control character as `_xHHHH_`,
 * and a written «_x0041_» as «_x005F_x0041_», so `unescapeOoxml` gives the text back exactly.
 */
export function escapeOoxml(text: string): string {
  if (text.indexOf("_x") < 0 && !UNWRITABLE.test(text)) return text;
  return text
    .replace(ESCAPE_LIKE, "_x005F_$1")
    .replace(new RegExp(UNWRITABLE.source, "g"), (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/** Decodes OOXML's `_xHHHH_` escapes (`_x000D_` for a carriage return; `_x005F_` escapes the underscore). */
export function unescapeOoxml(text: string): string {
  if (text.indexOf("_x") < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
