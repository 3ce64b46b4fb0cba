/**
 * One description of a sheet the add-in writes: its cells, formulas, styles,
 * merges, validation, conditional formats and print setup. Two thin writers
 * render it — the add-in's Excel writer (src/excel) and exceljs (src/cli) — so a layout is
 * never written twice. Everything is plain data with 0-based coordinates.
 */
export * from "./sheet";
export * from "./address";
export * from "./styles";
export * from "./fit";
