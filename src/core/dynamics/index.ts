/**
 * The ШНОР list through the years, the dynamics of % «2» per
 * school and series, and the signs of possibly non-objective ВПР results.
 */
export * from "./comparison";
export * from "./dynamics";
export * from "./history";
export * from "./series";
export * from "./signals";
export * from "./stats";
export * from "./text";
export * from "./from-table";
