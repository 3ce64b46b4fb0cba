#!/usr/bin/env node
"use strict";
// `shnor report` holds a region's table, analysis and documents at once, and V8 lets the garbage of the
// rows it writes pile up far past what it keeps: run with a capped heap, it collects sooner and the
// report stays under 1.5 GB (tables past REPORT_MAX_SCHOOLS are refused with a Russian line instead).
// SHNOR_REPORT_HEAP_MB sets another cap (a machine with memory to spare, or a test of running out of it).
const REPORT_HEAP_MB = /^\d{2,6}$/.test(process.env.SHNOR_REPORT_HEAP_MB || "") ? Number(process.env.SHNOR_REPORT_HEAP_MB) : 1152;
const capped = (args) => args.some((a) => /^--max-old-space-size/.test(a));
if (process.argv[2] === "report" && !capped(process.execArgv) && !capped((process.env.NODE_OPTIONS || "").split(/\s+/))) {
  runCapped();
  return;
}
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

/**
 * The same command in a child with the capped heap. Its errors are one Russian line already; should it
 * die anyway (out of memory), V8's trace is not shown: one Russian line is, and its temporary file goes.
 */
function runCapped() {
  const { spawn } = require("child_process");
  const { readdirSync, rmSync } = require("fs");
  const { dirname, join, resolve } = require("path");
  const args = process.argv.slice(2);
  // The child's temporary files carry this tag (src/cli/output.ts), so only they are cleaned after a crash.
  const tag = require("crypto").randomBytes(4).toString("hex");
  const child = spawn(process.execPath, [`--max-old-space-size=${REPORT_HEAP_MB}`, ...process.execArgv, __filename, ...args], {
    stdio: ["inherit", "inherit", "pipe"],
    env: { ...process.env, SHNOR_RUN: tag },
  });
  const errors = [];
  child.stderr.on("data", (chunk) => errors.push(chunk));
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("error", () => {
    process.stderr.write("Ошибка: не удалось запустить построение отчёта.\n");
    process.exit(2);
  });
  child.on("close", (code, signal) => {
    const text = Buffer.concat(errors).toString("utf8");
    if (code === 0 || code === 2) {
      process.stderr.write(text);
      process.exit(code);
    }
    // The child was stopped or ran out of memory: its temporary file beside the output goes.
    const output = outputOf(args);
    if (output) {
      const dir = dirname(resolve(output));
      for (const name of readdirSync(dir).filter((n) => n.startsWith(`.shnor-${tag}`) && n.endsWith(".tmp")))
        rmSync(join(dir, name), { force: true });
    }
    const memory = /heap out of memory|Reached heap limit|Allocation failed/.test(text);
    process.stderr.write(
      memory
        ? `Ошибка: отчёт не построен: не хватило памяти (предел ${REPORT_HEAP_MB} МБ). Разделите таблицу по муниципалитетам; shnor analyze читает её целиком.\n`
        : `Ошибка: построение отчёта прервано${signal ? "" : ` (код ${code})`}.\n`,
    );
    process.exit(2);
  });
}

/** The value of -o / --output, as the command reads it (the last one given). */
function outputOf(args) {
  let output = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if ((a === "-o" || a === "--output") && i + 1 < args.length) output = args[++i];
    else if (a.startsWith("--output=")) output = a.slice("--output=".length);
    else if (a.startsWith("-o") && a.length > 2) output = a.slice(2);
  }
  return output;
}
