/**
 * `shnor --help`. The report's sheets and Word files are named from core's lists
 * (REPORT_SHEETS, WORD_FILES), never typed here: a new sheet shows in the help by itself.
 */
import { REPORT_SHEETS, WORD_FILES } from "../core/documents";
import { BOOK_EXTENSIONS_TEXT } from "../io/book-files";

/** Where an option's description starts, and the width the help is wrapped to. */
const DESCRIPTION_COLUMN = 25;
const WIDTH = 106;

/** An option and its description, wrapped at WIDTH with the description's column kept. */
export function option(name: string, description: string): string {
  const lines: string[] = [];
  let line = `  ${name}`.padEnd(DESCRIPTION_COLUMN - 1);
  let empty = true;
  // «ДК …» stays on one line.
  for (const word of description.split(/ (?!…)/)) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = " ".repeat(DESCRIPTION_COLUMN - 1);
      empty = true;
    }
    line += ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines.join("\n");
}

/** What `report -o` writes: the marked results, then every generated sheet the command makes, in tab order. */
export const REPORT_OUTPUT = `новая книга: лист результатов со статусами, ${REPORT_SHEETS.flatMap((s) => (s.help === null ? [] : [s.help])).join(", ")}; исходный файл не изменяется`;

export const REPORT_WORD = `ещё и документы Word в эту папку: ${Object.values(WORD_FILES)
  .map((file) => `«${file}»`)
  .join(", ")} (папка создаётся, если её нет)`;

export const USAGE = `ШНОР-монитор: школы с низкими образовательными результатами по ВПР, ОГЭ, ЕГЭ.

Использование:
  shnor analyze ФАЙЛ|ПАПКА [ФАЙЛ|ПАПКА …] [--sheet ЛИСТ] [--year 2025|2024/2025] [--threshold 30|0,3] [--json]
  shnor report ФАЙЛ|ПАПКА [ФАЙЛ|ПАПКА …] -o НОВЫЙ.xlsx [--word ПАПКА] [--year 2025|2024/2025] [--schools shnor|risk|all]
  shnor report --indicators list
  shnor collect ФАЙЛ|ПАПКА [ФАЙЛ|ПАПКА …] -o СВОД.xlsx
  shnor forms ОТЧЁТ.xlsx -o ПАПКА [--schools shnor|risk|all] [--period ТЕКСТ]
  shnor collect-forms ФАЙЛ|ПАПКА [ФАЙЛ|ПАПКА …] --into ОТЧЁТ.xlsx -o НОВЫЙ.xlsx [--json]
  shnor --version

Файлы — книги и таблицы ${BOOK_EXTENSIONS_TEXT}; формат узнаётся
по содержимому («.xls», сохранённый как веб-страница или XML, тоже читается). Папки читаются со всеми
вложенными папками; документ XML или веб-страница без таблицы среди других файлов пропускается, причина —
в отчёте. Берутся все листы с таблицей результатов (выгрузки ФИС ОКО, таблицы РЦОИ, сводные таблицы)
и объединяются по школам (по логину sch…/edu…, иначе по названию). Один и тот же результат с разными
значениями в двух файлах — расхождение: он не учитывается, а в отчёте названы оба источника.

Параметры:
  --sheet ЛИСТ           только листы с этим названием (по умолчанию все листы с таблицей)
  --year ГОД             предыдущий учебный год — год его окончания (2025) или учебный год целиком
                         (2024/2025 — то же самое); по умолчанию последний год с данными; год, за который
                         нет учитываемых результатов, — ошибка
  --threshold N          порог низкого результата: процент «2» (30) или доля (0,3 — тоже 30 %); по умолчанию 30
  --criterion2 any|same  критерий 2: любая процедура в каждом году или та же процедура (по умолчанию any)
  --min-participants N   не учитывать процедуры, где участников меньше N (нужны численности)
  --subjects СПИСОК      учитываемые предметы через запятую (по умолчанию «математика,русский язык»)
  --types СПИСОК         учитываемые процедуры через запятую (по умолчанию «ВПР,ОГЭ,ЕГЭ»)
  --ignore-book-settings не применять настройки и исправления столбцов, сохранённые надстройкой в книге
                         (по умолчанию они применяются, когда читается одна книга; параметры командной
                         строки всё равно важнее сохранённых, каждый по отдельности)
  --json                 вывести один объект JSON
  --help                 эта справка
  --version              версия ШНОР-монитора

Параметры report (а также --sheet, --year, --threshold и другие параметры analyze, кроме --json):
${option("-o, --output ФАЙЛ", REPORT_OUTPUT)}
${option("--word ПАПКА", REPORT_WORD)}
  --font НАЗВАНИЕ        шрифт документов Word (по умолчанию Times New Roman)
  --schools shnor|risk|all  школы в «Приложении 1» и в приложении к приказу: только ШНОР (по умолчанию),
                         ШНОР и зона риска, все
  --school-year ГОД      учебный год дорожной карты — год его начала (2025) или целиком (2025/2026);
                         по умолчанию начинается в год окончания последнего учебного года с результатами
  --indicators НАБОР     typical (типовой набор, по умолчанию), all или коды показателей через запятую;
                         shnor report --indicators list выводит коды с названиями
  --order-number N       номер приказа для «Приложения 1», без «№» (512-о)
  --order-date ДАТА      дата приказа, ДД.ММ.ГГГГ (26.08.2025)
  --order-issuer ТЕКСТ   кто издал приказ, в родительном падеже («Управления образования …»)
  --uo ТЕКСТ             управление образования в дорожной карте (по умолчанию «Управление образования»)
  --imc ТЕКСТ            методический центр (по умолчанию «МБУ «ИМЦ»»)
  --no-school-roadmaps   без дорожных карт отдельных ШНОР

Параметры collect:
  -o, --output ФАЙЛ      новая книга со сводом: строка на школу (№, Муниципалитет, Логин, ОО), по три столбца
                         на процедуру (% «2», % «4» и «5», участники), ниже — строки для сравнения; на листе
                         «Распознавание» — что прочитано из каждого файла; shnor analyze СВОД.xlsx даёт тот же ответ

Параметры forms (формы для школ по отчёту, созданному shnor report или страницей):
  -o, --output ПАПКА     папка для форм: по книге на школу, имя файла — название ОО и логин
  --schools shnor|risk|all  для каких ОО: ШНОР (по умолчанию), ШНОР и зона риска, все
  --period ТЕКСТ         период в шапке формы, например «I полугодие 2025/2026» (по умолчанию учебный год)

Параметры collect-forms (заполненные формы в любом формате и под любым именем; папки — со вложенными):
  --into ОТЧЁТ.xlsx      отчёт, по которому созданы формы; он не изменяется
  -o, --output ФАЙЛ      новая книга: отчёт с суммами по принятым формам в жёлтых ячейках «Показателей»,
                         отметками в дорожных картах ОО и листом «Сбор форм» (кто ответил, что не принято)
  --schools shnor|risk|all  от каких ОО ждать форм (по умолчанию — как видно по полученным формам)
  --json                 вывести один объект JSON: schools, rejected, values`;
