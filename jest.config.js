/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // Fixed property seeds; both tokenizers on every book a test reads, compared (tests/setup/tokenizers.ts).
  setupFiles: ["<rootDir>/tests/setup/fast-check.ts", "<rootDir>/tests/setup/tokenizers.ts"],
  // Tests are not timed (`npm run bench` measures speed): on a loaded 2-core machine a file-heavy test may take
  // several times its usual few seconds, and 5 s would fail it for the machine, not the code.
  testTimeout: 30_000,
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }] },
};
