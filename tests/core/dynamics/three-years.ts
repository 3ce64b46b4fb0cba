/**
 * A results table over three years (2022–2024) in the seeds' wide layout,
 * the same five schools as the hand-worked history:
 *   A: ШНОР 2023 → risk 2024 (left); B: нет → ШНОР (entered); C: ШНОР → ШНОР (stayed); D: нет, нет; E: risk → нет.
 */
import { SeedTable } from "../../fixtures/seeds";

const P = ["ВПР МА 5 2022", "ВПР МА 5 2023", "ВПР РУ 5 2023", "ОГЭ МА 2023", "ВПР МА 5 2024", "ВПР РУ 5 2024", "ОГЭ РУ 2024"];
const row = (name: string, values: (number | "-")[]) => ({ ids: [name], values: values.flatMap((v) => [v, v === "-" ? "-" : 20]) });

export const THREE_YEARS: SeedTable = {
  source: "test",
  title: ["Итоги ВПР, ОГЭ за три года"],
  idHeaders: ["Название ОО"],
  procedures: P,
  subHeaders: ["% 2", "% выс. рез."],
  rows: [
    row("МБОУ «СОШ № 1» (A)", [35, "-", 31, "-", 10, "-", "-"]),
    row("МБОУ «СОШ № 2» (B)", [5, 12, "-", "-", 30, "-", 40]),
    row("МБОУ «СОШ № 3» (C)", ["-", 33, "-", 50, "-", 30, "-"]),
    row("МБОУ «ООШ № 4» (D)", [0, 0, "-", "-", 0, "-", "-"]),
    row("МКОУ «СОШ № 5» (E)", [45, 20, "-", "-", 20, "-", "-"]),
  ],
};
