/** Forms for schools and what they bring back: core/forms. */
export * from "./manifest";
export * from "./identity";
export * from "./form-sheets";
export * from "./collect";
export * from "./apply";
