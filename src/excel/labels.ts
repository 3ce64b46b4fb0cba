/** The pane's choice of what to read: the host's messages name it, so it is written here once (no Office code, the page imports it too). */
export const SOURCE_LABELS = { sheet: "Весь лист", selection: "Только выделение" } as const;
