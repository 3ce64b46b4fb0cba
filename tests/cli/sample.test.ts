/** The sample the README's quick start runs on: seed 001's Приложение 1 as an official keeps it. */
import { join } from "node:path";
import { main } from "../../src/cli/main";

it("the sample workbook names the three ШНОР of seed 001's table", async () => {
  const out: string[] = [];
  const code = await main(["analyze", join(__dirname, "..", "..", "samples", "prilozhenie-1.xlsx"), "--json"], {
    out: (t) => out.push(t),
    err: (t) => out.push(t),
  });
  expect(code).toBe(0);
  const report = JSON.parse(out.join(""));
  expect(report.summary).toEqual({ schools: 7, shnor: 3, risk: 4 });
  expect(report.schools.filter((s: { status: string }) => s.status === "shnor").map((s: { name: string }) => s.name)).toEqual([
    "МБОУ «Ариничевская СОШ»",
    "МБОУ «Демьяновская СОШ»",
    "МБОУ «Подгорновская СОШ»",
  ]);
  expect(report.recognition.skippedRows.map((r: { reason: string }) => r.reason)).toEqual(["итоговая строка", "примечание"]);
});
