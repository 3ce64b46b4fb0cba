/**
 * The worksheet functions of ШНОР-монитор. The JSDoc below is the English
 * metadata (functions.json, built by custom-functions-metadata-plugin); the
 * Russian names live in ./ru.ts. Each function only converts its arguments
 * and calls the engine; none writes to cells or uses the network.
 */
import {
  analyzeWideRow,
  changeDirection,
  share,
  shareIf,
  targetStatus,
  isLowPercent,
  percentFromValue,
  readPercent,
  reasonText,
  resolveSettings,
  RowAnalysis,
  STATUS_TEXT,
} from "../core";
import { cellsOf, fail, guard, matrixOf, optionalBoolean, optionalNumber, rowOf, scalarOf, thresholdOf, unwrap } from "./args";

function analyzeRow(results: unknown, headers: unknown, year: unknown, threshold: unknown): RowAnalysis {
  const row = rowOf(results, "Результаты");
  const header = matrixOf(headers);
  const widths = new Set(header.map((r) => r.length));
  if (widths.size !== 1 || !widths.has(row.length)) {
    fail(
      "value",
      `Заголовки и строка результатов должны быть одной ширины: в строке ${row.length} столбцов, в заголовках ${[...widths].join(", ")}.`,
    );
  }
  return analyzeWideRow(header, row, { year: optionalNumber(year, "Год") ?? null, threshold: thresholdOf(threshold) });
}

/**
 * Status by the ШНОР rule for one school's row of a wide results table: «ШНОР», «риск» or «нет», as `shnor analyze` gives it. A row of percents all ≤ 1, some between 0 and 1, is read as fractions (0.35 = 35 %).
 * @customfunction SHNOR.STATUS
 * @param results One school's results: a single row of a wide table, e.g. D5:AI5.
 * @param headers The header rows above the same columns (1–4 rows), e.g. D$3:AI$4; a merged label may be followed by blanks.
 * @param year Optional. The previous school year by its end, e.g. 2024. Default: the latest year of a counted procedure in the headers; the year before is the latest earlier one.
 * @param threshold Optional. Percent of «2» at or above which a result is low; default 30. A value between 0 and 1 is a fraction (0.3 = 30 %).
 * @returns «ШНОР», «риск» or «нет».
 */
export function shnorStatus(results: unknown[][], headers: unknown[][], year?: unknown, threshold?: unknown): string {
  return guard(() => STATUS_TEXT[analyzeRow(results, headers, year, threshold).verdict.status]);
}

/**
 * Why the school has its status: the criteria met and each counted low result, e.g. «критерий 2: ВПР математика 5 кл. 2018 — 33 %; …», or «нет низких результатов». Arguments as in SHNOR.STATUS.
 * @customfunction SHNOR.REASON
 * @param results One school's results: a single row of a wide table, e.g. D5:AI5.
 * @param headers The header rows above the same columns (1–4 rows), e.g. D$3:AI$4.
 * @param year Optional. The previous school year by its end, e.g. 2024.
 * @param threshold Optional. Percent of «2» at or above which a result is low; default 30.
 * @returns The reason as text.
 */
export function shnorReason(results: unknown[][], headers: unknown[][], year?: unknown, threshold?: unknown): string {
  return guard(() => reasonText(analyzeRow(results, headers, year, threshold).verdict));
}

/**
 * Whether a percent of «2» is a low result: at or above the threshold (30 by default). A number strictly between 0 and 1 is read as a fraction from a % cell (0.35 = 35 %), so 1 means 1 %.
 * @customfunction SHNOR.LOW
 * @param percent The percent of «2» or of participants below the minimum, 0–100.
 * @param threshold Optional. The threshold in percent; default 30. A value between 0 and 1 is a fraction.
 * @returns TRUE when the result is low.
 */
export function shnorLow(percent: unknown, threshold?: unknown): boolean {
  return guard(() => {
    const settings = resolveSettings({ threshold: thresholdOf(threshold) });
    const cell = scalarOf(percent, "Процент");
    const reading = readPercent(cell);
    if (reading.kind === "missing") fail("na", "Нет данных: ячейка с процентом пуста или отмечена как «нет данных».");
    if (reading.kind === "invalid") fail("value", `Процент: «${reading.text}» — не число от 0 до 100.`);
    return isLowPercent(percentFromValue(reading.value), settings.threshold);
  });
}

/**
 * The number of counted low results of the school in the two years the rule looks at (the previous year and the year before). Arguments as in SHNOR.STATUS.
 * @customfunction SHNOR.COUNTLOW
 * @param results One school's results: a single row of a wide table, e.g. D5:AI5.
 * @param headers The header rows above the same columns (1–4 rows), e.g. D$3:AI$4.
 * @param year Optional. The previous school year by its end, e.g. 2024.
 * @param threshold Optional. Percent of «2» at or above which a result is low; default 30.
 * @returns The number of low results.
 */
export function shnorCountLow(results: unknown[][], headers: unknown[][], year?: unknown, threshold?: unknown): number {
  return guard(() => analyzeRow(results, headers, year, threshold).verdict.low.length);
}

/**
 * The share of the part in the whole, in percent: 1 of 6 gives 16.7. Ranges are summed; blanks and «-» are skipped. A zero whole is #DIV/0!; a part larger than the whole or a negative number is #VALUE!.
 * @customfunction INDICATOR.DOLYA
 * @param part The part: a count or a range of counts.
 * @param whole The whole: a count or a range of counts.
 * @param digits Optional. Digits after the decimal point, 0–10; default 1.
 * @returns The share in percent.
 */
export function indicatorShare(part: unknown[][], whole: unknown[][], digits?: unknown): number {
  return guard(() => unwrap(share(cellsOf(part), cellsOf(whole), optionalNumber(digits, "Знаков"))));
}

/**
 * The share, in percent, of the non-empty cells of a range that meet a condition written as for COUNTIF: «ШНОР», 30, ">=30", "<>нет", "ВПР*".
 * @customfunction INDICATOR.DOLYAIF
 * @param range The cells to count.
 * @param criterion The condition, as in COUNTIF.
 * @param digits Optional. Digits after the decimal point, 0–10; default 1.
 * @returns The share in percent.
 */
export function indicatorShareIf(range: unknown[][], criterion: unknown, digits?: unknown): number {
  return guard(() => unwrap(shareIf(cellsOf(range), scalarOf(criterion, "Условие"), optionalNumber(digits, "Знаков"))));
}

/**
 * The direction of change from before to after: «положительная», «отрицательная» or «без изменений». By default lower is better, as for the share of «2». Both values in the same units.
 * @customfunction INDICATOR.DINAMIKA
 * @param before The earlier value.
 * @param after The later value.
 * @param lowerIsBetter Optional. TRUE (default) when a fall is an improvement; FALSE when a rise is.
 * @param tolerance Optional. A change no larger than this is «без изменений»; default 0.
 * @returns «положительная», «отрицательная» or «без изменений».
 */
export function indicatorChange(before: unknown, after: unknown, lowerIsBetter?: unknown, tolerance?: unknown): string {
  return guard(() =>
    unwrap(
      changeDirection(
        scalarOf(before, "Было"),
        scalarOf(after, "Стало"),
        optionalBoolean(lowerIsBetter, "Меньше — лучше", true),
        optionalNumber(tolerance, "Допуск") ?? 0,
      ),
    ),
  );
}

/**
 * Whether an indicator meets its target: «достигнут», «не достигнут», or «нет данных» when a value is missing. By default the target is a minimum; with lowerIsBetter TRUE it is a maximum.
 * @customfunction INDICATOR.STATUS
 * @param actual The actual value.
 * @param target The target value.
 * @param lowerIsBetter Optional. FALSE (default): the actual must be at least the target; TRUE: at most.
 * @returns «достигнут», «не достигнут» or «нет данных».
 */
export function indicatorStatus(actual: unknown, target: unknown, lowerIsBetter?: unknown): string {
  return guard(() =>
    unwrap(targetStatus(scalarOf(actual, "Факт"), scalarOf(target, "Цель"), optionalBoolean(lowerIsBetter, "Меньше — лучше", false))),
  );
}
