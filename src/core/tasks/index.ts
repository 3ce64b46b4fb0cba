/** Per-task analysis of ВПР: levels and zones, completion, groups by mark, score distributions, and their words. */
export * from "./levels";
export * from "./analysis";
export * from "./text";
