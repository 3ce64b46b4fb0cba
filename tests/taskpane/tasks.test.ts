import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { readTable, taskAnalysis } from "../../src/core";
import { TasksPanel } from "../../src/taskpane/components/TasksPanel";
import { STRINGS } from "../../src/taskpane/strings";
import { tasksView } from "../../src/taskpane/tasks";
import { f1Grid, makeF1 } from "../fixtures/tasks";

const f = makeF1(2026);
const pupils = readTable(f1Grid(f)).pupils ?? [];
const analysis = taskAnalysis(pupils);

describe("the pane's «Задания»", () => {
  it("shows the sheet's figures: a row per school in the order read, then all the schools", () => {
    const view = tasksView(analysis);
    const p = view.procedures[0];
    expect(p.title).toBe("ВПР русский язык 5 кл. 2026");
    expect(p.tasks.map((t) => t.label)).toEqual(f.tasks.map((t) => t.label));
    expect(p.rows.map((r) => r.name)).toEqual([...f.schools.map((s) => s.name), "Все ОО вместе"]);
    const all = analysis.procedures[0].all;
    expect(p.rows[p.rows.length - 1].cells.map((c) => [c.text, c.zone])).toEqual(
      all.figures.map((x) => [(Math.round((x.completion as number) * 10) / 10).toFixed(1).replace(".", ","), x.zone]),
    );
    // Small schools carry the sample note.
    const small = p.rows.filter((r) => r.participants < 20);
    expect(small.length).toBeGreaterThan(0);
    expect(small.every((r) => r.sample === "выборка мала, вывод ограничен")).toBe(true);
    expect(p.summary).toMatch(/^ВПР русский язык 5 кл\. 2026 \(все ОО вместе, участников: \d+\): /);
  });

  it("shows at most 100 schools a procedure and says where the rest are", () => {
    const view = tasksView(analysis, 5);
    expect(view.procedures[0].rows).toHaveLength(6);
    const html = renderToStaticMarkup(createElement(FluentProvider, { theme: webLightTheme }, createElement(TasksPanel, { pupils })));
    expect(html).toContain("Все ОО вместе");
    expect(html).toContain("это не рейтинг");
    expect(html).toContain(f.schools[11].name);
  });

  it("says what is missing without pupils' task scores", () => {
    const html = renderToStaticMarkup(createElement(FluentProvider, { theme: webLightTheme }, createElement(TasksPanel, {})));
    expect(html).toContain(STRINGS.tasks.none.slice(0, 40));
  });
});
