/**
 * Four projects, split by folder: `unit` is the pure, fast loop (Node alone: no webpack, Chromium, LibreOffice
 * or poppler); `e2e` (tests/e2e) drives the built page and pane in Chromium and installs the packed command;
 * `office` (tests/office) opens, recalculates and prints what we write in LibreOffice and reads it back with
 * poppler; `limits` (tests/limits) plants bombs of hundreds of MB and million-row books against the stated
 * limits, as whole processes with their peak memory (minutes, not the edit loop's seconds).
 * tests/placement.test.ts keeps the unit project's files off those tools.
 */
const shared = {
  testEnvironment: "node",
  testMatch: ["**/*.test.ts"],
  // Fixed property seeds; both tokenizers on every book a test reads, compared (tests/setup/tokenizers.ts).
  setupFiles: ["<rootDir>/tests/setup/fast-check.ts", "<rootDir>/tests/setup/tokenizers.ts"],
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true }] },
};

/** @type {import('jest').Config} */
module.exports = {
  // Tests are not timed (`npm run bench` measures speed): on a loaded 2-core machine a file-heavy test may take
  // several times its usual few seconds, and 5 s would fail it for the machine, not the code.
  testTimeout: 30_000,
  projects: [
    {
      ...shared,
      displayName: "unit",
      roots: ["<rootDir>/tests"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/e2e/", "<rootDir>/tests/office/", "<rootDir>/tests/limits/"],
    },
    { ...shared, displayName: "e2e", roots: ["<rootDir>/tests/e2e"] },
    { ...shared, displayName: "office", roots: ["<rootDir>/tests/office"] },
    { ...shared, displayName: "limits", roots: ["<rootDir>/tests/limits"] },
  ],
};
