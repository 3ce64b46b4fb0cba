/**
 * What the table readers keep beside the results (Ф1 pupils, the comparison
 * with journal marks) as the dynamics module takes it: one adapter, so the
 * CLI, the pane and the page feed the signals the same way.
 */
import { procedureKey } from "../procedures";
import { JournalRow, ResultsTable } from "../table/model";
import { MarkComparison, MarkShares } from "./comparison";
import type { DynamicsInput } from "./dynamics";

/** ФИС ОКО codes a municipality «reg42_m017»; the region is «reg42» and the country has none. */
const MUNICIPALITY_CODE = /_m\d+$/i;

function shares(row: JournalRow): MarkShares | null {
  if (row.lowered === null || row.confirmed === null || row.raised === null) return null;
  return { lowered: row.lowered, confirmed: row.confirmed, raised: row.raised };
}

export function dynamicsInputOf(table: ResultsTable): DynamicsInput {
  const byProcedure = new Map<string, MarkComparison>();
  for (const row of table.journal ?? []) {
    if (!row.procedure) continue;
    const key = procedureKey(row.procedure);
    let comparison = byProcedure.get(key);
    if (!comparison) byProcedure.set(key, (comparison = { procedure: row.procedure, municipality: null, schools: [] }));
    const s = shares(row);
    if (!s) continue;
    if (row.school) comparison.schools.push({ ...s, login: row.login, school: row.name, participants: row.participants });
    else if (MUNICIPALITY_CODE.test(row.login ?? "") || /reg\d+_m\d+/i.test(row.name)) comparison.municipality = s;
  }
  return { pupils: table.pupils ?? [], comparisons: [...byProcedure.values()].filter((c) => c.schools.length > 0) };
}
