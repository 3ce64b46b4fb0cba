/**
 * A protocol of the regional centre (РЦОИ) or of one school: a row per pupil
 * with the school and the mark (or the minimum threshold passed), aggregated to schools.
 */
import { Cell, displayText, isBlank, normalizeText } from "../../cells";
import { completeProcedure } from "../../procedures";
import { GIA_TYPES } from "../../vocabulary";
import { contextParts, levelRow, oneRowShape, setTaskColumns, withGrade } from "../head";
import { idRoleOf, longRoleOf, pupilRoleOf, titleSchoolOf } from "../headers";
import type { Head, TableLayout } from "../layout";
import { ColumnPlan, ColumnRole, TableShape } from "../model";

/**
 * A protocol of the regional centre (РЦОИ) or a school: a row per pupil with
 * the school (a login/code or name column), a mark or the minimum threshold's
 * verdict, and who the pupil is (a code, the name, or a primary score). Tasks
 * are optional. The procedure comes from the title block and the sheet name,
 * or per row from subject / exam / date / year columns (several exams a sheet).
 */
function detect({ rows, offset, colOffset, sheetName }: Head): TableShape | null {
  const lineOf = (row: Cell[]) =>
    row
      .filter((c) => !isBlank(c))
      .map((c) => displayText(c))
      .join(" ");
  let titleSchool: { name: string | null; login: string | null } | undefined;
  const r = rows.findIndex((row, i) => {
    const texts = row.filter((c) => !isBlank(c)).map((c) => normalizeText(c));
    const roles = texts.map((t) => pupilRoleOf(t)?.field);
    const verdict = roles.includes("mark") || roles.includes("passed");
    const pupil = roles.includes("code") || roles.includes("person") || roles.includes("primary");
    if (!verdict || !pupil) return false;
    const school = texts.some((t) => {
      const id = idRoleOf(t);
      return id === "name" || id === "login";
    });
    if (school) return true;
    // A protocol of one school names it in the title block.
    for (const line of rows.slice(0, i).map(lineOf)) {
      const found = titleSchoolOf(line);
      if (found) titleSchool = { name: found.name ?? titleSchool?.name ?? null, login: found.login ?? titleSchool?.login ?? null };
    }
    return titleSchool !== undefined;
  });
  if (r < 0) return null;
  const header = rows[r];
  const levels = levelRow(rows, r);
  // The school's line is no part of the procedure («СОШ № 1» is not grade 1).
  const context = contextParts(
    sheetName,
    rows.slice(0, r).filter((row) => row !== levels && titleSchoolOf(lineOf(row)) === null),
  );
  const columns: ColumnPlan[] = [];
  const taken = new Set<string>();
  for (let c = 0; c < header.length; c++) {
    if (isBlank(header[c])) continue;
    const text = normalizeText(header[c]);
    const pupil = pupilRoleOf(text);
    const id = idRoleOf(text);
    const long = longRoleOf(text);
    let role: ColumnRole;
    if (pupil && (pupil.field === "task" || pupil.field === "person" || !taken.has(pupil.field))) {
      role = { kind: "pupil", ...pupil };
      taken.add(pupil.field);
    } else if (id && id !== "number" && !taken.has(id)) role = { kind: id };
    else if (long && long !== "grade" && !taken.has(long)) role = { kind: long };
    else if (id === "number") role = { kind: "number" };
    else role = { kind: "ignored", reason: "не нужен для правила" };
    if (role.kind !== "pupil" && role.kind !== "ignored") taken.add(role.kind);
    columns.push({ column: colOffset + c, header: String(header[c]).trim(), role });
  }
  setTaskColumns(columns, rows, r, colOffset);
  // A class column gives a ВПР protocol its grade when the title does not («ВПР Математика», «5А»).
  const gradeByRow =
    context.grade === null &&
    !(context.type && GIA_TYPES.has(context.type)) &&
    columns.some((c) => c.role.kind === "pupil" && c.role.field === "grade");
  const perRow = gradeByRow || columns.some((c) => c.role.kind === "procedure" || c.role.kind === "subject" || c.role.kind === "year");
  const shape = oneRowShape("protocol", sheetName, offset + r, colOffset, header, columns, {
    procedure: perRow ? undefined : withGrade(completeProcedure(context)),
    context,
  });
  if (titleSchool && !columns.some((c) => c.role.kind === "name" || c.role.kind === "login")) shape.titleSchool = titleSchool;
  return shape;
}

export const protocol: TableLayout<"protocol"> = {
  name: "protocol",
  title: "протокол результатов участников (РЦОИ: строка на участника с ОО и отметкой; сведён к школам)",
  detect,
  readRow: (builder, row, values) => builder.addProtocolRow(row, values),
};
