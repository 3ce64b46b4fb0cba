// ESLint: the Office add-in rules (sync and load discipline) and layer boundaries.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

// Reuse the plugin's own plugin objects: it ships its own copies, and ESLint refuses two of one name.
const base = officeAddins.configs.recommended.find((c) => c.plugins && c.plugins["@typescript-eslint"]);

export default [
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "bench/out/**", "**/*.js", "!eslint.config.mjs"] },
  ...officeAddins.configs.react,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: base.plugins,
    languageOptions: { parser: tsParser, ecmaVersion: 2022, sourceType: "module", parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: {
      "office-addins/no-context-sync-in-loop": "error",
      "no-undef": "off",
      // TypeScript's rule below knows parameter names in function types are not variables.
      "no-unused-vars": "off",
      "prettier/prettier": ["error", { endOfLine: "auto" }],
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "react/react-in-jsx-scope": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Sources only: tests build small arrays.
    files: ["src/**/*.{ts,tsx}"],
    rules: {
      // A spread into arguments puts every item on the stack: 200,000 rows overflow it. Use pushAll or a loop.
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name=/^(push|unshift|splice)$/] > SpreadElement",
          message: "A spread into push() overflows the stack on a big table: use pushAll (src/core/arrays.ts).",
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement",
          message: "Math.max(...rows) overflows the stack on a big table: use maxOf / minOf (src/core/arrays.ts).",
        },
        {
          selector: "CallExpression[callee.property.name='fromCharCode'] > SpreadElement",
          message: "String.fromCharCode(...bytes) overflows the stack on a long text: decode in a loop.",
        },
      ],
    },
  },
  {
    // The engine runs in Excel, a browser and Node alike: it may import nothing of theirs.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["node:*", "fs", "path", "os", "child_process", "util", "stream", "buffer", "crypto", "zlib", "events"],
              message: "src/core must not import Node modules.",
            },
            {
              group: ["exceljs", "react", "react-dom", "@fluentui/*", "@microsoft/office-js", "office-*", "hyperformula"],
              message: "src/core must not import host libraries.",
            },
            {
              group: [
                "../excel/*",
                "../cli/*",
                "../taskpane/*",
                "../functions/*",
                "../../excel/*",
                "../../cli/*",
                "../../taskpane/*",
                "../../functions/*",
              ],
              message: "src/core must not import other layers.",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", "Office", "Excel", "document", "window", "process", "require", "Buffer"],
    },
  },
];
