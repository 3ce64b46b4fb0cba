/**
 * A stand-in for the Office runtime's CustomFunctions global: just the error
 * class and codes the functions use. Import it before the functions.
 */
export class StubError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

Object.assign(globalThis, { CustomFunctions: { Error: StubError, ErrorCode: ERROR_CODES } });

/** Calls f and returns the CustomFunctions error it throws. */
export function excelError(f: () => unknown): StubError {
  try {
    f();
  } catch (e) {
    if (e instanceof StubError) return e;
    throw e;
  }
  throw new Error("expected a CustomFunctions.Error");
}
