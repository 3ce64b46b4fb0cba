/**
 * The pane's and the page's accordion panel, opened and closed without Fluent's collapse motion: the
 * motion measures the panel's content to animate it, and with a region's lists in it that measuring
 * (a layout forced before the first paint) cost the page about a twentieth of a read.
 */
import { AccordionPanel } from "@fluentui/react-components";
import type { ReactNode } from "react";

export function Panel({ children }: { children: ReactNode }) {
  return <AccordionPanel collapseMotion={null}>{children}</AccordionPanel>;
}
