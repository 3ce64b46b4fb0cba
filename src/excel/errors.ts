/**
 * Office.js errors turned into Russian messages a user can act on. The UI
 * shows only these messages; the original goes to the console for developers.
 */
import { ShnorError } from "../core";
import { SOURCE_LABELS } from "./labels";

export type HostProblem =
  | "edit-mode"
  | "protected"
  | "old-excel"
  | "too-large"
  | "no-sheet"
  | "conflict"
  | "insert-blocked"
  | "occupied"
  | "busy"
  | "selection"
  | "unknown";

/** A host failure with a reason the UI can branch on and a message it can show as is. */
export class ExcelHostError extends ShnorError {
  constructor(
    readonly problem: HostProblem,
    message: string,
    readonly officeCode?: string,
  ) {
    super(problem === "too-large" ? "too-large" : "host", message);
    this.name = "ExcelHostError";
  }
}

export const HOST_MESSAGES = {
  editMode: "Excel сейчас в режиме редактирования ячейки. Закончите ввод (Enter или Esc) и повторите.",
  protectedSheet: (sheet: string) =>
    `Лист «${sheet}» защищён от изменений. Снимите защиту (Рецензирование → Снять защиту листа) и повторите; ничего не изменено.`,
  protectedWorkbook: "Книга или лист защищены от изменений. Снимите защиту (вкладка «Рецензирование») и повторите; ничего не изменено.",
  oldExcel: (set: string) =>
    `Эта версия Excel не поддерживает нужные надстройке функции (${set}). Подойдут Excel 2021, Excel 2024, Microsoft 365 и Excel в браузере.`,
  tooLarge: `Диапазон слишком велик для одного запроса к Excel. Выделите только таблицу результатов и выберите «${SOURCE_LABELS.selection}».`,
  tooManyCells: (rows: number, columns: number) =>
    `На листе ${rows.toLocaleString("ru-RU")} строк × ${columns.toLocaleString("ru-RU")} столбцов — слишком много для анализа. Выделите только таблицу результатов и выберите «${SOURCE_LABELS.selection}».`,
  noSheet: "Лист или диапазон не найден: возможно, его переименовали или удалили. Повторите анализ.",
  conflict: "Книгу одновременно изменил другой пользователь. Повторите действие.",
  insertBlocked:
    "Не удалось вставить столбцы справа от таблицы: мешают объединённые ячейки, сводная или «умная» таблица, фильтр. Освободите два столбца справа от таблицы и повторите.",
  busy: "Excel занят другой операцией. Подождите и повторите.",
  selection: `Выделено несколько областей. Выделите один прямоугольный диапазон с таблицей или выберите «${SOURCE_LABELS.sheet}».`,
  unknown: (code: string) =>
    `Excel не смог выполнить операцию (${code}). Повторите; если ошибка повторится, сохраните книгу и перезапустите Excel.`,
  internal: "Непредвиденная ошибка надстройки. Повторите действие; если не поможет, перезапустите Excel.",
};

/** The error's Office.js code, if it is one (OfficeExtension.Error or the fake's copy of it). */
export function officeCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const e = error as { code?: unknown; debugInfo?: { code?: unknown } };
  if (typeof e.code === "string") return e.code;
  if (typeof e.debugInfo?.code === "string") return e.debugInfo.code;
  return null;
}

/** Any failure as a ShnorError with a Russian message; engine errors pass through unchanged. */
export function toHostError(error: unknown): ShnorError {
  if (error instanceof ShnorError) return error;
  const code = officeCode(error);
  if (code === null) {
    console.error("ШНОР-монитор:", error);
    return new ExcelHostError("unknown", HOST_MESSAGES.internal);
  }
  switch (code) {
    case "InvalidOperationInCellEditMode":
      return new ExcelHostError("edit-mode", HOST_MESSAGES.editMode, code);
    case "AccessDenied":
      return new ExcelHostError("protected", HOST_MESSAGES.protectedWorkbook, code);
    case "ApiNotFound":
    case "NotImplemented":
    case "UnsupportedFeature":
    case "UnsupportedOperation":
      return new ExcelHostError("old-excel", HOST_MESSAGES.oldExcel(code), code);
    case "RequestPayloadSizeLimitExceeded":
    case "ResponsePayloadSizeLimitExceeded":
    case "RangeExceedsLimit":
    case "OperationCellsExceedLimit":
      return new ExcelHostError("too-large", HOST_MESSAGES.tooLarge, code);
    case "ItemNotFound":
    case "InvalidReference":
    case "InactiveWorkbook":
      return new ExcelHostError("no-sheet", HOST_MESSAGES.noSheet, code);
    case "Conflict":
      return new ExcelHostError("conflict", HOST_MESSAGES.conflict, code);
    case "InsertDeleteConflict":
    case "MergedRangeConflict":
    case "PivotTableRangeConflict":
    case "FilteredRangeConflict":
      return new ExcelHostError("insert-blocked", HOST_MESSAGES.insertBlocked, code);
    case "InvalidSelection":
      return new ExcelHostError("selection", HOST_MESSAGES.selection, code);
    case "RequestAborted":
    case "ActivityLimitReached":
      return new ExcelHostError("busy", HOST_MESSAGES.busy, code);
    default:
      console.error("ШНОР-монитор:", error);
      return new ExcelHostError("unknown", HOST_MESSAGES.unknown(code), code);
  }
}

/** Payload refusals: the reader answers them with smaller blocks. */
export function isPayloadError(error: unknown): boolean {
  const code = officeCode(error);
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded" || code === "RangeExceedsLimit";
}
