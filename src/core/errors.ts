/** Codes let hosts react (exit code, error type); messages are for people and are in Russian. */
export type ShnorErrorCode = "no-table" | "no-procedure" | "bad-setting" | "bad-override" | "unreadable-file" | "too-large" | "host";

export class ShnorError extends Error {
  constructor(
    readonly code: ShnorErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ShnorError";
  }
}
