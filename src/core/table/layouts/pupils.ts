/**
 * ФИС ОКО «Индивидуальные результаты» (Ф1): a row per pupil under a group row
 * per school (or a school column), aggregated to schools.
 */
import { isBlank, normalizeText } from "../../cells";
import { completeProcedure } from "../../procedures";
import { contextParts, levelRow, oneRowShape, setTaskColumns, withGrade } from "../head";
import { idRoleOf, pupilRoleOf } from "../headers";
import type { Head, TableLayout } from "../layout";
import { ColumnPlan, ColumnRole, TableShape } from "../model";

/**
 * «Индивидуальные результаты» (Ф1): a participant code column, a mark or a
 * primary score, and a school (a name or login column, or group rows).
 */
function detect({ rows, offset, colOffset, sheetName }: Head): TableShape | null {
  const r = rows.findIndex((row) => {
    // A participant code's header first: a row of a region's numbers has none, and its hundred cells need no more looks.
    if (!row.some((c) => typeof c === "string" && pupilRoleOf(normalizeText(c))?.field === "code")) return false;
    const roles = row.filter((c) => !isBlank(c)).map((c) => pupilRoleOf(normalizeText(c))?.field);
    const school = row.some((c) => !isBlank(c) && idRoleOf(normalizeText(c)) !== null);
    return school && (roles.includes("mark") || roles.includes("primary")) && roles.includes("task");
  });
  if (r < 0) return null;
  const header = rows[r];
  const levels = levelRow(rows, r);
  const context = contextParts(
    sheetName,
    rows.slice(0, r).filter((row) => row !== levels),
  );
  const texts = header.map((c) => normalizeText(c));
  // «ОО | Муниципалитет | Название ОО»: the name is the «Название» column, the bare «ОО» holds the login.
  const nameAt = texts.findIndex((t) => idRoleOf(t) === "name" && /назван|наимен/.test(t));
  const columns: ColumnPlan[] = [];
  const taken = new Set<string>();
  for (let c = 0; c < header.length; c++) {
    if (isBlank(header[c])) continue;
    const text = texts[c];
    const pupil = pupilRoleOf(text);
    const id = idRoleOf(text);
    let role: ColumnRole;
    if (pupil && (pupil.field === "task" || !taken.has(pupil.field))) {
      role = { kind: "pupil", ...pupil };
      taken.add(pupil.field);
    } else if (id === "name" && nameAt >= 0 && c !== nameAt && !taken.has("login")) role = { kind: "login" };
    else if (id && !taken.has(id)) role = { kind: id };
    else role = { kind: "ignored", reason: "не нужен для правила" };
    if (role.kind === "name" || role.kind === "login" || role.kind === "territory") taken.add(role.kind);
    columns.push({ column: colOffset + c, header: String(header[c]).trim(), role });
  }
  setTaskColumns(columns, rows, r, colOffset);
  // A ВПР without a grade in the title takes it from the class column, group by group.
  return oneRowShape("pupils", sheetName, offset + r, colOffset, header, columns, {
    procedure: withGrade(completeProcedure(context)),
    context,
  });
}

export const pupils: TableLayout<"pupils"> = {
  name: "pupils",
  title: "отчёт ФИС ОКО «Индивидуальные результаты» (строка на участника; сведён к школам)",
  detect,
  readRow: (builder, row, values) => builder.addPupilRow(row, values),
};
