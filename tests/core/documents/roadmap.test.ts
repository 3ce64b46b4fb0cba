import { blockRow } from "../../../src/core";
import { ACTIVITIES, MARKS, monthsText, ROADMAP_KIND, SCHOOL_ROADMAP_KIND, timingText } from "../../../src/core/documents";
import { wideGrid } from "../../fixtures/layouts";
import { SEED_001, SEED_003 } from "../../fixtures/seeds";
import { evaluate, findRow, setup, specValue, texts } from "./harness";

const activity = (id: string) => ACTIVITIES.find((a) => a.id === id)!;
const textAt = (v: ReturnType<typeof specValue>) => (v && "text" in v ? v.text : null);

describe("months of a school year", () => {
  it("puts September–December in the start year and January–August in the end year", () => {
    expect(monthsText([10], 2025)).toBe("октябрь 2025 г.");
    expect(monthsText([3], 2025)).toBe("март 2026 г.");
    expect(monthsText([10, 11], 2025)).toBe("октябрь–ноябрь 2025 г.");
    expect(monthsText([12, 5], 2025)).toBe("декабрь 2025 г., май 2026 г.");
    expect(monthsText([11, 12, 1], 2025)).toBe("ноябрь 2025 г. – январь 2026 г.");
    expect(monthsText([10, 12, 3, 5], 2025)).toBe("октябрь 2025 г., декабрь 2025 г., март 2026 г., май 2026 г.");
  });

  it("names the school year in the catalogue's wording when there are no months", () => {
    expect(timingText(activity("kontrol-obektivnosti"), 2025)).toBe("в течение 2025/2026 учебного года");
    expect(timingText(activity("monitoring-realizacii-programm"), 2025)).toBe("постоянно");
    expect(timingText(activity("monitoring-uchebnyh-dostizheniy"), 2025)).toBe("декабрь 2025 г., май 2026 г. (в конце каждого полугодия)");
  });
});

describe("«Дорожная карта» for seed 001 (ШНОР: Ариничевская, Демьяновская, Подгорновская)", () => {
  const s = setup(wideGrid(SEED_001), { schoolYear: 2025, names: { uo: "Управление образования", imc: "МБУ «ИМЦ»" } });
  const sheet = s.sheet(ROADMAP_KIND);
  const all = texts(sheet);

  it("has the issue's columns", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((c) => textAt(specValue(sheet, 5, c)))).toEqual([
      "№ п/п",
      "Мероприятие",
      "Сроки",
      "Ответственные",
      "Ожидаемый результат",
      "Показатель",
      "Отметка о выполнении",
    ]);
  });

  it("groups activities under the seven направления, numbered 1.1., 1.2. …", () => {
    expect(all).toContain("1. Мониторинг и аналитика");
    expect(all).toContain("7. Материально-техническая база");
    expect(textAt(specValue(sheet, 7, 0))).toBe("1.1.");
    expect(sheet.merges).toContainEqual({ row: 6, column: 0, rows: 1, columns: 7 });
  });

  it("names the ШНОР, the months of 2025/2026 and the responsible bodies", () => {
    const row = findRow(sheet, "Мониторинг образовательных организаций, демонстрирующих низкие");
    expect(textAt(specValue(sheet, row, 1))).toBe(
      "Мониторинг образовательных организаций, демонстрирующих низкие образовательные результаты: МБОУ «Ариничевская СОШ», МБОУ «Демьяновская СОШ», МБОУ «Подгорновская СОШ»",
    );
    expect(textAt(specValue(sheet, row, 2))).toBe("октябрь 2025 г., декабрь 2025 г., март 2026 г., май 2026 г. (в конце каждой четверти)");
    expect(textAt(specValue(sheet, row, 3))).toBe("Управление образования, МБУ «ИМЦ»");
    expect(all.some((t) => t.includes("{schools}") || t.includes("{subject}"))).toBe(false);
  });

  it("leaves school-level activities to the schools' own roadmaps", () => {
    expect(findRow(sheet, "Организация работы с неуспевающими")).toBe(-1);
  });

  it("offers the four marks in a drop-down, coloured by conditional formats", () => {
    expect(sheet.validations.length).toBeGreaterThan(0);
    for (const v of sheet.validations) expect(v).toMatchObject({ column: 6, columns: 1, rule: { kind: "list", items: [...MARKS] } });
    expect(sheet.conditionalFormats.map((f) => f.formula).slice(0, 4)).toEqual(MARKS.map((m) => `G8="${m}"`));
    expect(sheet.keptInputs).toEqual({ keyColumn: 1, columns: [6], firstRow: 6 });
  });

  it("computes % выполнено at the top from the marks", () => {
    const wb = evaluate(s, [sheet]);
    const activities = sheet.blocks.filter((b) => b.row > 6 && blockRow(b, 0)[4] !== null && blockRow(b, 0).length === 7).length;
    expect(wb.value(sheet.name, 3, 2)).toBe(0);
    wb.set(sheet.name, 7, 6, "выполнено");
    wb.set(sheet.name, 8, 6, "в работе");
    expect(wb.value(sheet.name, 3, 2)).toBeCloseTo(100 / activities, 6);
    expect(wb.value(sheet.name, 3, 3)).toBe(`выполнено: 1; в работе: 1; не выполнено: 0; перенесено: 0; всего мероприятий: ${activities}`);
  });
});

describe("a school's own roadmap", () => {
  const s = setup(wideGrid(SEED_003), { schoolYear: 2020 });
  const sheets = s.docs.sheets.filter((x) => x.kind === SCHOOL_ROADMAP_KIND);

  it("exists for each ШНОР, named within 31 characters", () => {
    expect(sheets.map((x) => x.name)).toEqual(["ДК МБОУ «СОШ № 1»", "ДК МБОУ «СОШ № 14»"]);
  });

  it("stresses the subjects and grades where the school is low, one row per subject", () => {
    const sheet = sheets[0];
    const all = texts(sheet);
    expect(all).toContain(
      "Особое внимание — предметы и классы с низкими результатами: математика (ВПР 5, 6 кл.), русский язык (ВПР 5 кл.).",
    );
    expect(all).toContain(
      "Организация работы с неуспевающими обучающимися по предметам: математика (ВПР 5, 6 кл.) — ликвидация пробелов в базовой предметной подготовке и слабой сформированности метапредметных умений",
    );
    expect(all.filter((t) => t.startsWith("Организация работы с неуспевающими"))).toHaveLength(2);
    expect(all.some((t) => t.startsWith("Основание: критерий 2"))).toBe(true);
  });

  it("makes the school itself the responsible ОО", () => {
    const sheet = sheets[1];
    const row = findRow(sheet, "Разработка школьной программы");
    expect(textAt(specValue(sheet, row, 1))).toContain("МБОУ «СОШ № 14»");
    expect(textAt(specValue(sheet, row, 3))).toBe("МБОУ «СОШ № 14», МБУ «ИМЦ»");
    expect(textAt(specValue(sheet, row, 2))).toBe("ноябрь 2020 г.");
  });
});

describe("many ШНОР", () => {
  it("get the municipal roadmap but no sheet each beyond 30, with a note saying so", () => {
    const values = [
      ["Название ОО", "ВПР МА 5 2019 % 2", "ВПР РУ 5 2019 % 2"],
      ...Array.from({ length: 31 }, (_, i) => [`МБОУ «СОШ № ${i + 1}»`, 50, 40]),
    ];
    const s = setup({ values, sheetName: "Район" });
    expect(s.analysis.summary.shnor).toBe(31);
    expect(s.docs.sheets.filter((x) => x.kind === SCHOOL_ROADMAP_KIND)).toEqual([]);
    expect(s.docs.notes).toEqual(["Дорожные карты отдельных ШНОР не созданы: ШНОР 31, а отдельно их делается не больше 30."]);
    expect(s.docs.sheets.map((x) => x.kind)).toContain(ROADMAP_KIND);
  });
});
