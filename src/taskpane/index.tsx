/**
 * The task pane's entry. It waits for Office.onReady, then renders the pane
 * with the Office.js host; the same page also runs the custom functions
 * (shared runtime), whose bundle webpack loads before this one.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { createExcelHost } from "../excel";
import { App } from "./App";
import { STRINGS } from "./strings";

function render(content: JSX.Element) {
  const root = document.getElementById("root");
  if (root) createRoot(root).render(<FluentProvider theme={webLightTheme}>{content}</FluentProvider>);
}

Office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) render(<p style={{ padding: 16 }}>{STRINGS.notInExcel}</p>);
  else render(<App host={createExcelHost()} />);
});
