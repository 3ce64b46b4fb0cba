/**
 * The web page's entry (dist/app.html): the pane's components on a file host,
 * for those who cannot run the add-in (Office 2016/2019, МойОфис, Р7-Офис,
 * LibreOffice). Nothing is loaded from outside and nothing is sent anywhere.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { App } from "../taskpane/App";
import { createFileHost } from "./file-host";

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <App host={createFileHost()} />
    </FluentProvider>,
  );
