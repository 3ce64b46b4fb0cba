/**
 * The custom functions registered in HyperFormula, a real formula engine, as
 * Excel would see them: ids, parameters and optional flags come from the
 * generated metadata, and a thrown CustomFunctions.Error becomes a cell error.
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue } from "hyperformula";
import type { FunctionMetadata, ImplementedFunctions } from "hyperformula";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { StubError } from "./stub";
import * as functions from "../../src/functions/functions";

export const FUNCTIONS_FILE = "src/functions/functions.ts";

interface MetadataFunction {
  id: string;
  name: string;
  parameters: { name: string; optional?: boolean; dimensionality?: string; type: string }[];
}

/** What Excel hands a function: numbers, text, booleans, null for a blank, 2-D arrays for ranges. */
function toExcel(value: unknown): unknown {
  if (value instanceof SimpleRangeValue) return value.data.map((row) => row.map(toExcel));
  if (value === EmptyValue || value === undefined) return null;
  if (value instanceof CellError) return { type: "Error", errorType: value.type };
  if (typeof value === "object" && value !== null && "val" in value) return (value as { val: number }).val;
  return value;
}

const ERROR_TYPES: Record<string, ErrorType> = { "#VALUE!": ErrorType.VALUE, "#N/A": ErrorType.NA, "#DIV/0!": ErrorType.DIV_BY_ZERO };

function call(fn: (...args: unknown[]) => unknown, args: unknown[]): unknown {
  try {
    return fn(...args.map(toExcel));
  } catch (e) {
    if (e instanceof StubError) return new CellError(ERROR_TYPES[e.code] ?? ErrorType.ERROR, e.message);
    throw e;
  }
}

/** A HyperFormula instance that knows the add-in's functions, with «;» between arguments as in a Russian Excel. */
export async function engineWithFunctions(): Promise<{ hf: typeof HyperFormula; metadata: MetadataFunction[] }> {
  const generated = await generateCustomFunctionsMetadata([FUNCTIONS_FILE]);
  if (generated.errors.length > 0) throw new Error(generated.errors.join("\n"));
  const metadata = (JSON.parse(generated.metadataJson) as { functions: MetadataFunction[] }).functions;
  const byId = new Map(generated.associate.map((a) => [a.id, a.functionName]));

  const implemented: ImplementedFunctions = {};
  const methods: Record<string, (this: FunctionPlugin, ast: { args: unknown[] }, state: unknown) => unknown> = {};
  const translations: Record<string, string> = {};
  for (const f of metadata) {
    const name = byId.get(f.id);
    const fn = (functions as Record<string, unknown>)[name ?? ""];
    if (typeof fn !== "function") throw new Error(`${f.id}: functions.ts exports no ${name}`);
    const method = `run_${name}`;
    const meta: FunctionMetadata = {
      method,
      parameters: f.parameters.map((p) => ({ argumentType: FunctionArgumentType.ANY, optionalArg: p.optional === true })),
      vectorizationForbidden: true,
    };
    implemented[f.id] = meta;
    translations[f.id] = f.id;
    methods[method] = function (ast, state) {
      const run = (this as unknown as { runFunction: (...a: unknown[]) => unknown }).runFunction;
      return run(ast.args, state, meta, (...args: unknown[]) => call(fn as (...a: unknown[]) => unknown, args));
    };
  }
  class ShnorPlugin extends FunctionPlugin {
    static override implementedFunctions = implemented;
  }
  Object.assign(ShnorPlugin.prototype, methods);
  HyperFormula.registerFunctionPlugin(ShnorPlugin, { enGB: translations });
  return { hf: HyperFormula, metadata };
}

export const CONFIG = { licenseKey: "gpl-v3", functionArgSeparator: ";", decimalSeparator: "," as const, thousandSeparator: " " as const };
