// Placeholder entry: the task pane issue replaces it with the React UI.
import { createRoot } from "react-dom/client";

const root = document.getElementById("root");
if (root) createRoot(root).render(<p>ШНОР-монитор</p>);
