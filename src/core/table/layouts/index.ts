/**
 * The registry of table layouts, in the order they are tried: the first
 * detector that finds its header in the first rows wins. A journal or a
 * pupil-level report would also pass for a wide table, so the wide table,
 * which takes any procedure label over a names column, comes last.
 * To add a layout: one file beside these, and its line here.
 */
import { fisoko } from "./fisoko";
import { journal } from "./journal";
import { long } from "./long";
import { protocol } from "./protocol";
import { pupils } from "./pupils";
import { wide } from "./wide";

export const LAYOUTS = [
  journal, // names and понизили / повысили: would pass for a long or wide table
  pupils, // a code, a mark or a score, task columns: a row per pupil
  protocol, // a row per pupil with its school and a mark or verdict, tasks optional
  long, // Процедура / Предмет columns beside the measures
  fisoko, // marks 2–5 as headers, the procedure in the title
  wide, // any procedure label over a names column: last
] as const;

/** The layouts' keys: «wide», «long», «fisoko», «journal», «pupils», «protocol». */
export type Layout = (typeof LAYOUTS)[number]["name"];

/** How the recognition report names each layout. */
export const LAYOUT_NAMES = Object.fromEntries(LAYOUTS.map((l) => [l.name, l.title])) as Record<Layout, string>;

const BY_NAME = new Map<string, (typeof LAYOUTS)[number]>(LAYOUTS.map((l) => [l.name, l]));

/** The layout a shape was detected as. */
export function layoutNamed(name: Layout): (typeof LAYOUTS)[number] {
  return BY_NAME.get(name) as (typeof LAYOUTS)[number];
}
