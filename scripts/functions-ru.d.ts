// Types of scripts/functions-ru.js, for the tests that call it.
import type { RuFunction } from "../src/functions/ru";

export function loadRussian(file: string): Record<string, RuFunction>;
export function localizeMetadata(metadata: unknown, ru: Record<string, RuFunction>): { json: string | null; errors: string[] };
export class FunctionsRuPlugin {
  constructor(options: { table: string; source?: string; output?: string });
  apply(compiler: unknown): void;
}
