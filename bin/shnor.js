#!/usr/bin/env node
"use strict";
// The command is compiled from src/cli by `npm run build:cli` (run by `npm ci` through "prepare").
let cli;
try {
  cli = require("../dist/cli/main.js");
} catch (e) {
  process.stderr.write("Ошибка: команда shnor не собрана. Выполните в папке проекта: npm run build:cli\n");
  process.exit(2);
}
// A closed pipe (`shnor analyze x.xlsx | head -1`) ends the command quietly, as a Unix tool does.
process.stdout.on("error", (e) => {
  if (e && e.code === "EPIPE") process.exit(0);
  throw e;
});
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
