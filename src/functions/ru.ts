/**
 * Russian names, descriptions and parameter names of the custom functions,
 * keyed by function id and by the parameter names of functions.ts. The build
 * (scripts/functions-ru.js) writes functions-ru.json from this table and the
 * generated functions.json, and fails when either has an id or a parameter
 * the other lacks. Keep this file free of imports: the build loads it alone.
 */
export interface RuParameter {
  name: string;
  description: string;
}

export interface RuFunction {
  name: string;
  description: string;
  parameters: Record<string, RuParameter>;
}

const RESULTS: RuParameter = { name: "результаты", description: "Результаты одной школы: одна строка широкой таблицы, например D5:AI5." };
const HEADERS: RuParameter = {
  name: "заголовки",
  description:
    "Строки заголовков над теми же столбцами (1–4 строки), например D$3:AI$4; объединённая подпись может идти с пустыми ячейками справа.",
};
const YEAR: RuParameter = {
  name: "год",
  description:
    "Необязательный. Предыдущий учебный год по году окончания, например 2024. По умолчанию — последний год учитываемых процедур в заголовках; год перед ним — ближайший более ранний.",
};
const THRESHOLD: RuParameter = {
  name: "порог",
  description: "Необязательный. Процент «2», начиная с которого результат низкий; по умолчанию 30. Число от 0 до 1 — доля (0,3 = 30 %).",
};
const DIGITS: RuParameter = { name: "знаков", description: "Необязательный. Знаков после запятой, от 0 до 10; по умолчанию 1." };

export const RU_FUNCTIONS: Record<string, RuFunction> = {
  "SHNOR.STATUS": {
    name: "ШНОР.СТАТУС",
    description:
      "Статус школы по правилу ШНОР для её строки широкой таблицы результатов: «ШНОР», «риск» или «нет» — как в shnor analyze. Строка процентов, где все ≤ 1 и есть числа между 0 и 1, читается как доли (0,35 = 35 %).",
    parameters: { results: RESULTS, headers: HEADERS, year: YEAR, threshold: THRESHOLD },
  },
  "SHNOR.REASON": {
    name: "ШНОР.ПРИЧИНА",
    description:
      "Основание статуса: выполненные критерии и каждый учитываемый низкий результат, например «критерий 2: ВПР математика 5 кл. 2018 — 33 %; …», или «нет низких результатов». Аргументы — как у ШНОР.СТАТУС.",
    parameters: { results: RESULTS, headers: HEADERS, year: YEAR, threshold: THRESHOLD },
  },
  "SHNOR.LOW": {
    name: "ШНОР.НИЗКИЙ",
    description:
      "ИСТИНА, если процент «2» — низкий результат: не меньше порога (по умолчанию 30). Число строго между 0 и 1 читается как доля из ячейки с форматом % (0,35 = 35 %), поэтому 1 — это 1 %.",
    parameters: {
      percent: { name: "процент", description: "Процент «2» или не преодолевших минимальный порог, от 0 до 100." },
      threshold: { name: "порог", description: "Необязательный. Порог в процентах; по умолчанию 30. Число от 0 до 1 — доля." },
    },
  },
  "SHNOR.COUNTLOW": {
    name: "ШНОР.ЧИСЛОНИЗКИХ",
    description:
      "Число учитываемых низких результатов школы за два года, которые смотрит правило (предыдущий год и год перед ним). Аргументы — как у ШНОР.СТАТУС.",
    parameters: { results: RESULTS, headers: HEADERS, year: YEAR, threshold: THRESHOLD },
  },
  "INDICATOR.DOLYA": {
    name: "ПОКАЗАТЕЛЬ.ДОЛЯ",
    description:
      "Доля части в целом, в процентах: 1 из 6 — 16,7. Диапазоны суммируются; пустые ячейки и «-» пропускаются. Целое, равное 0, — #ДЕЛ/0!; часть больше целого или отрицательное число — #ЗНАЧ!.",
    parameters: {
      part: { name: "часть", description: "Часть: количество или диапазон количеств." },
      whole: { name: "целое", description: "Целое: количество или диапазон количеств." },
      digits: DIGITS,
    },
  },
  "INDICATOR.DOLYAIF": {
    name: "ПОКАЗАТЕЛЬ.ДОЛЯЕСЛИ",
    description:
      'Доля непустых ячеек диапазона, отвечающих условию, в процентах. Условие пишется как в СЧЁТЕСЛИ: «ШНОР», 30, ">=30", "<>нет", "ВПР*".',
    parameters: {
      range: { name: "диапазон", description: "Ячейки, которые нужно посчитать." },
      criterion: { name: "условие", description: "Условие, как в СЧЁТЕСЛИ." },
      digits: DIGITS,
    },
  },
  "INDICATOR.DINAMIKA": {
    name: "ПОКАЗАТЕЛЬ.ДИНАМИКА",
    description:
      "Направление изменения от «было» к «стало»: «положительная», «отрицательная» или «без изменений». По умолчанию меньше — лучше, как для доли «2». Оба значения — в одних единицах.",
    parameters: {
      before: { name: "было", description: "Прежнее значение." },
      after: { name: "стало", description: "Новое значение." },
      lowerIsBetter: {
        name: "меньше_лучше",
        description: "Необязательный. ИСТИНА (по умолчанию) — снижение означает улучшение; ЛОЖЬ — улучшение означает рост.",
      },
      tolerance: { name: "допуск", description: "Необязательный. Изменение не больше допуска — «без изменений»; по умолчанию 0." },
    },
  },
  "INDICATOR.STATUS": {
    name: "ПОКАЗАТЕЛЬ.СТАТУС",
    description:
      "Достигнуто ли целевое значение показателя: «достигнут», «не достигнут» или «нет данных», если значения нет. По умолчанию цель — минимум; при меньше_лучше = ИСТИНА — максимум.",
    parameters: {
      actual: { name: "факт", description: "Фактическое значение." },
      target: { name: "цель", description: "Целевое значение." },
      lowerIsBetter: {
        name: "меньше_лучше",
        description: "Необязательный. ЛОЖЬ (по умолчанию) — факт должен быть не меньше цели; ИСТИНА — не больше.",
      },
    },
  },
};
