/**
 * Every string the task pane shows, in one place, so an English table of the
 * same shape can follow. Messages from the engine and from src/excel arrive
 * already in Russian and are shown as they are.
 */

import {
  DEFAULT_DYNAMICS_MARGIN,
  DYNAMICS_TEXT,
  DynamicsVerdict,
  formatPercent,
  ID_TEXT,
  NO_PUPILS,
  NO_RATING,
  NO_TASKS,
  PROCEDURE_EXAMPLE,
  REASON_HEADER,
  SCHOOL_YEAR_EXAMPLE,
  schoolYearText,
  SettingsWording,
  sheetReadLine,
  STATUS_HEADER,
  STATUS_TEXT,
  Status,
  TASKS_METHOD,
} from "../core";
import { SHEET_TITLES } from "../core/documents/names";
import { MARK_HEADER } from "../core/documents/roadmap";
import { BOOK_EXTENSIONS_TEXT } from "../io/book-files";
import { SOURCE_LABELS } from "../excel/labels";

/** Russian plural: 1 школа, 2 школы, 5 школ. */
export function plural(n: number, forms: [string, string, string]): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

/** «название ОО» → «Название ОО»: an engine's word at the start of a label. */
function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** 12,5 as the engine writes it, with a true minus sign. */
function fmt(x: number): string {
  return formatPercent(x).replace("-", "−");
}

/** 40 000 with a thin space, as Russian text writes thousands. */
export function count(n: number): string {
  return n.toLocaleString("ru-RU");
}

/** Labels that messages quote, so the message and the field agree. */
const SCHOOL_YEAR_LABEL = "Учебный год дорожной карты (год начала)";
const ANALYSE = "Анализ";
const DOCUMENTS = "Документы";
/** The Word documents in one .zip: the page's and the pane's button. */
const WORD_DOWNLOAD = "Скачать документы Word";
const CHOOSE_FILES = "Выбрать файлы";
const CHOOSE_FOLDER = "Выбрать папку";
const APPLY_BOOK = "Применять настройки, сохранённые в книге";
const PAGE_REPORT = "Скачать отчёт";

/** The page's words in the line about the settings stored in a book (the command's are «из командной строки»). */
const PAGE_WORDING: SettingsWording = {
  fromUser: "изменены на странице",
  allFromUser: "нет (всё изменено на странице)",
  nothing: "в книге не сохранены, на странице не изменены",
  ignored: `сохранённые в книге не применяются (снята отметка «${APPLY_BOOK}»)`,
  severalApply: "Действуют настройки на странице.",
  selection: "В книге сохранён выбор «Только выделение»: страница не знает, что было выделено, поэтому прочитаны листы целиком.",
};

export const STRINGS = {
  appTitle: "ШНОР-монитор",
  appSubtitle: "Школы с низкими образовательными результатами",
  notInExcel: "Откройте ШНОР-монитор в Excel: вкладка «Главная» → кнопка «ШНОР».",

  source: {
    label: "Что читать",
    ...SOURCE_LABELS,
  },
  analyse: ANALYSE,
  analyseAgain: "Повторить анализ",
  analyseHint: `Откройте лист с результатами ВПР, ОГЭ или ЕГЭ по школам и нажмите «${ANALYSE}».`,

  collect: {
    button: "Собрать из выгрузок",
    hint: `Или выберите выгрузки ФИС ОКО и таблицы РЦОИ (${BOOK_EXTENSIONS_TEXT}, сколько угодно файлов): они будут прочитаны здесь, без отправки куда-либо, сведены в одну таблицу на новом листе и проанализированы.`,
    files: (names: string[]) => `${names.length === 1 ? "Файл" : "Файлы"}: ${names.map((n) => `«${n}»`).join(", ")}.`,
    start: "Чтение выгрузок…",
    reading: (done: number, total: number, name: string) => `Чтение файла ${done} из ${total}: «${name}»`,
    writing: (done: number, total: number) => `Запись свода: часть ${done} из ${total}`,
    done: (sheet: string, report: string, files: number, schools: number) =>
      `Свод из ${files} ${plural(files, ["файла", "файлов", "файлов"])} (${count(schools)} ${plural(schools, ["школа", "школы", "школ"])}) записан на новый лист «${sheet}», что прочитано из каждого файла — на листе «${report}». Исходные файлы не изменяются.`,
  },

  progress: {
    reading: (done: number, total: number) => `Чтение строк: ${count(done)} из ${count(total)}`,
    readingStart: "Чтение таблицы…",
    marking: (done: number, total: number) => `Запись отметок: часть ${done} из ${total}`,
    markingStart: "Запись отметок…",
    clearing: "Снятие отметок…",
    documents: (done: number, total: number) => `Запись листов: часть ${done} из ${total}`,
    documentsStart: "Создание листов…",
  },

  recognition: {
    title: "Что прочитано",
    sheet: (sheet: string, address: string, layout: string) => `Лист «${sheet}», ${address}: ${layout}.`,
    /** Files read (the page, or the exports collected): the one sheet taken, or how many were joined; each sheet is listed below. */
    fileSheet: (sheet: string, layout: string) => `Лист «${sheet}»: ${layout}.`,
    joinedSheets: (n: number) =>
      `Таблицы ${count(n)} ${plural(n, ["листа", "листов", "листов"])} объединены по школам; что взято с каждого листа — ниже.`,
    schools: (n: number) => `${count(n)} ${plural(n, ["школа", "школы", "школ"])}`,
    schoolsWord: (n: number) => plural(n, ["школа", "школы", "школ"]),
    procedures: (n: number, counted: number) =>
      `${count(n)} ${plural(n, ["процедура", "процедуры", "процедур"])}, учитываются правилом: ${count(counted)}`,
    proceduresWord: (n: number) => plural(n, ["процедура", "процедуры", "процедур"]),
    countedOf: (counted: number) => `учитываются: ${count(counted)}`,
    previousYear: "предыдущий год",
    years: (all: number[]) => (all.length > 0 ? `годы в таблице: ${all.join(", ")}` : "годы в таблице не найдены"),
    yearsUsed: (previous: number | null, before: number | null) =>
      previous === null
        ? "Нет учитываемых результатов: проверьте виды процедур и предметы в настройках."
        : `Предыдущий год: ${previous}; год перед ним: ${before ?? "нет данных (критерий 2 не применяется)"}.`,
    counted: (types: string[], subjects: string[], threshold: string) =>
      `Учитываются ${types.join(", ") || "—"} по предметам: ${subjects.join(", ") || "—"}; низкий результат — от ${threshold} % «2».`,
    columns: (n: number) => `Столбцы (${n})`,
    skipped: (n: number) => `Пропущенные строки (${n})`,
    warnings: (n: number) => `Предупреждения (${n})`,
    row: (row: number) => `строка ${count(row)}`,
    fix: "Исправить",
    overridden: "исправлено",
    /** The files read and each of their sheets: taken, or not and why. */
    files: {
      title: (files: number, sheets: number, taken: number) => `Файлов: ${count(files)}, листов: ${count(sheets)}, взято: ${count(taken)}`,
      file: (name: string, format: string) => `«${name}» (${format})`,
      skipped: (name: string, format: string, why: string) => `«${name}» (${format}): пропущен — ${why}`,
      sheet: sheetReadLine,
      showAll: (n: number) => `Показать все листы (${count(n)})`,
      showFewer: "Свернуть",
    },
  },

  column: {
    title: (letter: string, header: string) => `Столбец ${letter}${header ? ` «${header}»` : ""}`,
    role: "Что в столбце",
    roles: {
      name: capital(ID_TEXT.name),
      login: capital(ID_TEXT.login),
      territory: capital(ID_TEXT.territory),
      measure: "Результат процедуры",
      ignore: "Не использовать",
    },
    procedure: "Процедура",
    procedurePlaceholder: `например, ${PROCEDURE_EXAMPLE}`,
    procedureHint: "Вид, предмет и год; для ВПР — класс.",
    measure: "Показатель",
    apply: "Применить и перечитать",
    cancel: "Отмена",
    corrections: "Исправления столбцов",
    undo: "Убрать",
    undoAll: "Убрать все исправления",
  },

  settings: {
    title: "Настройки правила",
    threshold: "Порог, % «2»",
    thresholdHint: "Результат низкий, если доля «2» (или не преодолевших минимальный порог) не меньше порога.",
    year: "Предыдущий учебный год",
    yearAuto: "последний год с данными",
    types: "Виды процедур",
    subjects: "Предметы",
    criterion2: "Критерий 2",
    criterion2Any: "низкий результат в каждом из двух лет — по любой процедуре",
    criterion2Same: "по одной и той же процедуре в оба года",
    minParticipants: "Минимум участников",
    minParticipantsHint: "Результат с меньшим числом участников не учитывается (если число участников есть в таблице).",
    saved: "Настройки и исправления столбцов сохраняются в книге: у следующего, кто её откроет, ответ будет тот же.",
    reset: "Вернуть настройки по умолчанию",
  },

  results: {
    title: "Результаты",
    shnor: (n: number, of: number) => `ШНОР: ${count(n)} из ${count(of)}`,
    risk: (n: number) => `в зоне риска: ${count(n)}`,
    rule: "ШНОР — низкие результаты по двум процедурам предыдущего года (критерий 1) или хотя бы по одной в каждом из двух последних лет (критерий 2).",
    /** No year with data before the previous one: criterion 2 cannot apply, and the page says so where the count is. */
    ruleNoBefore: (previous: number) =>
      `ШНОР — низкие результаты по двум процедурам предыдущего года (критерий 1). Критерий 2 не применяется: результатов за годы до ${previous} нет. Если они есть, добавьте их файлы.`,
    filter: { shnor: "ШНОР", risk: "Риск", all: "Все" },
    empty: "Таких школ нет.",
    more: (shown: number, total: number, sheet: boolean) =>
      `Показаны первые ${count(shown)} из ${count(total)}. Полный список — ${sheet ? "в столбцах отметок на листе" : `в отчёте («${PAGE_REPORT}»)`}.`,
    showMore: (step: number) => `Показать ещё ${step}`,
    selectHint: "Нажмите на школу, чтобы выделить её строку на листе.",
    /** What the status cells on the sheet say. */
    status: STATUS_TEXT,
    stale: "Настройки изменились после отметки: отметьте таблицу заново.",
  },

  dynamics: {
    title: SHEET_TITLES.dynamics,
    explain: `Статус ШНОР по правилу на каждый учебный год, вход и выход из перечня, заметные изменения доли «2» (порог ±${DEFAULT_DYNAMICS_MARGIN} п. п., ФИОКО) и признаки необъективности результатов ВПР.`,
    noRating: NO_RATING,
    noPupils: NO_PUPILS,
    noHistory: "В таблице нет результатов за два учебных года с данными: историю перечня построить нельзя.",
    year: (year: number, shnor: number, schools: number, entered: number | null, left: number | null) =>
      `${year}: ШНОР ${count(shnor)} из ${count(schools)}` +
      (entered === null ? "" : `, вошли ${count(entered)}, вышли ${count(left ?? 0)}`),
    entry: (year: number, status: Status, change: string | null) =>
      `${year}: ${STATUS_TEXT[status]}${change === "entered" ? " (вошла)" : change === "left" ? " (вышла)" : ""}`,
    change: (label: string, from: number, to: number, change: number, verdict: DynamicsVerdict) =>
      `${label}: ${fmt(from)} → ${fmt(to)} % «2» (${change > 0 ? "+" : ""}${fmt(change)} п. п.) — ${DYNAMICS_TEXT[verdict]} динамика`,
    none: "Ни одна школа не была ШНОР или в зоне риска, заметных изменений доли «2» нет.",
    more: (shown: number, total: number, page: boolean) =>
      `Показаны первые ${count(shown)} из ${count(total)}. Полностью — на листе «${SHEET_TITLES.dynamics}» ${page ? `отчёта («${PAGE_REPORT}»)` : `(раздел «${DOCUMENTS}»)`}.`,
  },

  tasks: {
    title: SHEET_TITLES.tasks,
    explain: TASKS_METHOD,
    none: NO_TASKS,
    school: "ОО",
    participants: "n",
    level: "Уровень",
    max: "Макс.",
    peaks: "Пики на границах отметок (сигналы для внимания)",
    more: (shown: number, total: number) =>
      `Показаны первые ${count(shown)} ОО из ${count(total)}. Полностью — на листе «${SHEET_TITLES.tasks}» (раздел «${DOCUMENTS}»).`,
  },

  mark: {
    title: "Отметки в таблице",
    explain: `Справа от таблицы появятся столбцы «${STATUS_HEADER}» и «${REASON_HEADER}», а низкие результаты и строки ШНОР будут подсвечены условным форматированием, которое работает и без надстройки.`,
    formulas: "Статус формулами =SHNOR.STATUS()",
    formulasHint:
      "Формулы пересчитываются, когда меняются данные. Но у коллег без надстройки вместо статуса будет ошибка #ИМЯ? (#NAME?). Чтобы файл читался у всех, оставьте статус значениями.",
    mark: "Отметить в таблице",
    clear: "Снять отметки",
    done: (sheet: string, columns: string, updated: boolean, inserted: boolean) =>
      `${updated ? "Отметки обновлены" : "Отмечено"}: столбцы ${columns} листа «${sheet}»${inserted ? " (вставлены новые столбцы)" : ""}.`,
    cleared: (marks: number, sheets: string[]) =>
      marks === 0 && sheets.length === 0
        ? "Снимать нечего: надстройка ничего не добавляла в эту книгу."
        : `Снято: ${marks > 0 ? `отметки (${marks})` : ""}${marks > 0 && sheets.length > 0 ? "; " : ""}${sheets.length > 0 ? `листы ${sheets.map((s) => `«${s}»`).join(", ")}` : ""}.`,
  },

  occupied: {
    title: "Справа от таблицы есть данные",
    body: (columns: string) =>
      `В столбцах ${columns} рядом с таблицей есть ваши данные. Надстройка не пишет поверх них. Вставить два новых столбца? Всё, что правее, сдвинется вправо; при снятии отметок столбцы будут удалены.`,
    insert: "Вставить столбцы",
    cancel: "Отмена",
  },

  clear: {
    title: "Снять отметки?",
    marks: (items: string[]) => `Будут удалены столбцы отметок и их условное форматирование: ${items.join(", ")}.`,
    noMarks: "Отметок в таблице нет.",
    sheets: (names: string[]) => `Удалить и листы, созданные надстройкой: ${names.map((n) => `«${n}»`).join(", ")}`,
    sheetsKept: "Без этой отметки листы остаются: на них могут быть введённые вручную значения показателей и отметки о выполнении.",
    sheetsWarning: `Вместе с листами пропадут введённые на них значения показателей и отметки в столбце «${MARK_HEADER}» — их не вернуть.`,
    confirm: "Снять",
    cancel: "Отмена",
  },

  forms: {
    make: "Формы для школ",
    collect: "Собрать формы",
    making: "Создаются формы для школ…",
    collecting: "Собираются формы…",
    made: (count: number, fileName: string, report?: string) =>
      `Скачан архив «${fileName}»: форм ${count}, по одной на ШНОР${report ? `, по отчёту «${report}»` : ""}. ` +
      `Разошлите их; заполненные соберите кнопкой «Собрать формы»${report ? " в этот же отчёт" : ""}.`,
    hint: "Формы для школ — по отчёту этой книги (созданному надстройкой, командой shnor report или страницей).",
    /** The page: forms are made from a report book and collected into one. */
    pageHint:
      "Формы для школ — по отчёту: только что скачанному («Скачать отчёт») или выбранному файлу отчёта. Заполненные формы собираются в тот же отчёт.",
    noReport:
      "Формы создаются по отчёту ШНОР-монитора: сначала скачайте отчёт («Скачать отчёт») или выберите файл отчёта, созданный страницей, надстройкой или командой shnor report.",
    severalReports: (names: string[]) =>
      `Выбрано несколько отчётов (${names.map((n) => `«${n}»`).join(", ")}): формы создаются по одному. Выберите один отчёт.`,
    noFiles: "Не выбрано ни одного файла с формами.",
  },

  documents: {
    title: DOCUMENTS,
    explain: `Листы для программы: показатели с формулами, дорожная карта, приложение с результатами и аналитическая справка (по баллам участников за задания ВПР — и лист «${SHEET_TITLES.tasks}»). Формулы считают по столбцу статуса, поэтому сначала отметьте таблицу.`,
    needMarks: `Сначала отметьте таблицу: показатели считаются по столбцу «${STATUS_HEADER}».`,
    unsupported: "Эта версия Excel не умеет проверку данных, нужную листам документов (ExcelApi 1.8).",
    schoolYear: SCHOOL_YEAR_LABEL,
    schoolYearHint: (year: number) => `Пусто — ${schoolYearText(year)}.`,
    badSchoolYear: (text: string) => `«${SCHOOL_YEAR_LABEL}»: ${SCHOOL_YEAR_EXAMPLE}, а не «${text}».`,
    annexSchools: "Приложение 1: какие школы",
    annex: { shnor: "только ШНОР", risk: "ШНОР и зона риска", all: "все школы" },
    schoolRoadmaps: "Дорожная карта для каждой ШНОР",
    orderNumber: "Приказ №",
    orderDate: "от (дата)",
    orderIssuer: "Кем издан (в родительном падеже)",
    create: "Создать листы",
    word: WORD_DOWNLOAD,
    wordHint: "Приложение к приказу, аналитическая справка и дорожная карта — файлы Word в одном архиве .zip.",
    created: (names: string[], kept: number) =>
      `Созданы листы: ${names.map((n) => `«${n}»`).join(", ")}.${kept > 0 ? ` Сохранено введённых значений: ${kept}.` : ""}`,
    exists: "Листы уже созданы",
    existsBody: (names: string[]) =>
      `Листы ${names.map((n) => `«${n}»`).join(", ")} уже созданы ранее. Пересоздать их? Значения, введённые в поля ввода и в столбец «${MARK_HEADER}», сохранятся.`,
    regenerate: "Пересоздать",
    cancel: "Отмена",
    printSkipped: "Эта версия Excel не настраивает печать: задайте альбомную ориентацию и «по ширине страницы» вручную.",
  },

  page: {
    intro: `Выберите или перетащите сюда файлы с результатами ВПР, ОГЭ или ЕГЭ по школам (${BOOK_EXTENSIONS_TEXT}). Файлы читаются в браузере на этом компьютере и никуда не отправляются.`,
    choose: CHOOSE_FILES,
    chooseFolder: CHOOSE_FOLDER,
    drop: "Перетащите сюда файлы или папки",
    dropHint: `или нажмите «${CHOOSE_FILES}» или «${CHOOSE_FOLDER}». Каждый выбор добавляет файлы к списку: выгрузки за прошлый год из одной папки и книгу за этот год из другой можно выбрать по очереди.`,
    /** The list of picked files: all are read together, each can be taken out. */
    list: (n: number) =>
      `${plural(n, ["Выбран", "Выбрано", "Выбрано"])} ${count(n)} ${plural(n, ["файл", "файла", "файлов"])}${n > 1 ? "; они читаются вместе" : ""}`,
    listName: "Выбранные файлы",
    remove: "Убрать",
    removeLabel: (name: string) => `Убрать «${name}» из списка`,
    clear: "Очистить",
    clearLabel: "Очистить список и начать заново",
    repeated: (names: string[]) => `Уже в списке, прочитан один раз: ${names.map((n) => `«${n}»`).join(", ")}.`,
    opening: (name: string) => `Чтение файла «${name}»…`,
    rows: (name: string, fraction: number) => `Чтение «${name}»: ${Math.round(fraction * 100)} %`,
    reportTitle: "Отчёт",
    reportExplain:
      `Новая книга: результаты со столбцами «${STATUS_HEADER}» и «${REASON_HEADER}», ` +
      `${[SHEET_TITLES.indicators, SHEET_TITLES.roadmap, SHEET_TITLES.annex, SHEET_TITLES.note].map((n) => `«${n}»`).join(", ")} и «${SHEET_TITLES.dynamics}», а по баллам участников за задания ВПР — «${SHEET_TITLES.tasks}». ` +
      "Формулы в ней считаются без надстройки (пересчёт проверен в LibreOffice). Исходные файлы не изменяются.",
    report: PAGE_REPORT,
    reportStart: "Сборка отчёта…",
    writing: "Запись книги…",
    collect: "Скачать сводную таблицу",
    collectStart: "Сборка сводной таблицы…",
    word: WORD_DOWNLOAD,
    wordStart: "Сборка документов Word…",
    wordFiles: (names: string[]) => `В архиве: ${names.map((n) => `«${n}»`).join(", ")}.`,
    downloaded: (name: string) => `Скачан файл «${name}».`,
    settingsSaved: "Настройки правила запоминаются в этом браузере на этом компьютере.",
    /** The settings the add-in saved in the book read: applied as the form's starting values, and said so. */
    book: {
      title: "Настройки из книги",
      notApplied: "Настройки из книги не применены",
      apply: APPLY_BOOK,
      applyHint:
        "Так же, как в надстройке, действуют порог, учитываемые процедуры и предметы, исправления столбцов и выбор для документов, сохранённые в книге. " +
        "Значение, изменённое на странице, важнее сохранённого. Без отметки действуют настройки страницы, а исправления столбцов из книги не применяются.",
      wording: PAGE_WORDING,
      saved: "Сейчас действуют настройки из книги: в этом браузере они не запоминаются.",
    },
    noWorker: "Этот браузер не умеет читать файлы в фоне (Web Worker). Откройте страницу в Яндекс Браузере, Chromium, Firefox или Edge.",
    workerBlocked:
      "Браузер не дал запустить чтение файлов из папки на диске. Откройте страницу с веб-сервера (npm run app или сервер организации) или в Firefox.",
  },

  errors: {
    title: "Не получилось",
    dismiss: "Закрыть",
  },
} as const;
