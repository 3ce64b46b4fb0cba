/** The engine: reading results tables, the ШНОР rule, reports. No Office, DOM or Node imports. */
export * from "./cells";
export * from "./errors";
export * from "./vocabulary";
export * from "./procedures";
export * from "./table/model";
export { detectTable, contextParts, DETECT_ROWS } from "./table/detect";
export { TableBuilder } from "./table/build";
export { readTable, applyOverrides, mergeTables, noTable } from "./table/read";
export type { ColumnOverride } from "./table/read";
export * from "./rule";
export * from "./report";
export * from "./sheets/spec";
export * from "./sheets/marks";
export * from "./table/row";
export * from "./indicators";
export * from "./dynamics";
