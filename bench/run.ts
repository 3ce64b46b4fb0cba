/**
 * `npm run bench`: how fast the reader, the command, the page and the Excel
 * path are at the size of a district, a region and the whole country, each
 * figure beside the floor it is judged against, measured in the same run:
 *
 * - `shnor analyze` (text and --json) against `unzip -p` of the book's sheet
 *   XML and shared strings (inflating with nothing parsed);
 * - `shnor report` against `unzip -p` of its own output piped into `gzip -6`
 *   (inflating and deflating what it wrote, with nothing rendered);
 * - the page (dist/app.html in Chromium, its worker reading the book; timed by
 *   the page's own clock, from the pick to the first frame with the summary)
 *   against Node reading and analysing the same bytes.
 *
 * The command's figures are whole processes: wall time from here, CPU and peak
 * memory from GNU time (`/usr/bin/time`, Debian's `time`); `unzip` and `gzip`
 * are Debian's. Each step runs three times (the median; `shnor report` once).
 * The load average is printed before and after: the machine may be shared.
 * Prints one table and writes bench/results.json (results-reader.json,
 * results-report.json for BENCH_ONLY=reader, report).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { F1_PUPILS_PER_SCHOOL, writeF1Workbook, writeRegionWorkbook } from "./generate";

const SIZES = (process.env.BENCH_SIZES ?? "600,5000,10000,40000").split(",").map(Number);
const REPORT_SIZES = [5000, 10000, 40000];
/** `shnor report --word` is timed at a region's size: what the Word documents add to the report. */
const WORD_SIZE = 5000;
/** BENCH_ONLY=reader: the reader, `shnor analyze` and the page. */
const ONLY_READER = process.env.BENCH_ONLY === "reader";
/** BENCH_ONLY=report: `shnor report` and its writing floor. */
const ONLY_REPORT = process.env.BENCH_ONLY === "report";
/** BENCH_ONLY=tasks: only the per-task analysis of a region's Ф1 (F1_PUPILS rows, 20 tasks each). */
const ONLY_TASKS = process.env.BENCH_ONLY === "tasks";
const F1_PUPILS = Number(process.env.BENCH_F1_PUPILS ?? 200_000);
/** The issue's targets, at 40,000 schools: each a multiple of its floor, and peaks. */
const TARGET = { analyze: 3, report: 3, page: 2, analyzePeakMB: 400, jsonPeakMB: 600, reportPeakMB: 1024 };
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REPORT_RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 1);
// Compiled to dist/bench-build/bench: the sources and outputs live in ./bench.
const root = join(__dirname, "..", "..", "..");
const here = join(root, "bench");
const outDir = join(here, "out");
const stepScript = join(__dirname, "step.js");
const shnor = join(root, "bin", "shnor.js");

interface Measure {
  ms: number;
  maxRssMB: number;
  /** User + system CPU of the whole process (its threads and children included). */
  cpuMs?: number;
  extra?: unknown;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A step of step.ts in a fresh process: its own figures (time inside the process, peak memory). */
function step(...args: string[]): Measure {
  return stepRuns(RUNS, ...args);
}

function stepRuns(count: number, ...args: string[]): Measure {
  const runs: Measure[] = [];
  for (let i = 0; i < count; i++) {
    const out = execFileSync(process.execPath, ["--max-old-space-size=4096", "--expose-gc", stepScript, ...args], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    runs.push(JSON.parse(out.trim().split("\n").pop() as string));
  }
  const ms = median(runs.map((r) => r.ms));
  return { ...(runs.find((r) => r.ms === ms) as Measure), maxRssMB: Math.max(...runs.map((r) => r.maxRssMB)) };
}

/**
 * A command as a whole process, `count` times: the median wall time (from
 * spawn to exit), its CPU, and the largest peak resident memory of the runs.
 * `sh -c` runs a pipeline: GNU time then counts every process of it.
 */
function whole(count: number, command: string[], stdout = "/dev/null"): Measure {
  const runs: Measure[] = [];
  const times = join(outDir, "time.txt");
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync("/usr/bin/time", ["-f", "%U %S %M", "-o", times, "sh", "-c", 'exec "$@" > "$0"', stdout, ...command], {
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.error) throw new Error(`/usr/bin/time is missing (apt-get install -y time): ${r.error.message}`);
    if (r.status !== 0) throw new Error(`${command.join(" ")}: exit ${r.status}: ${r.stderr.slice(-300)}`);
    const [user, system, kb] = readFileSync(times, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
    runs.push({ ms, cpuMs: (user + system) * 1000, maxRssMB: kb / 1024 });
  }
  const ms = median(runs.map((r) => r.ms));
  return { ...(runs.find((r) => r.ms === ms) as Measure), maxRssMB: Math.max(...runs.map((r) => r.maxRssMB)) };
}

interface Row {
  step: string;
  schools: number;
  ms: number;
  cpuMs?: number;
  peakMB: number;
  detail: string;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const times = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? "met" : "missed");

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  for (const tool of ["unzip", "gzip"])
    if (spawnSync(tool, ["-h"], { stdio: "ignore" }).error) throw new Error(`${tool} is missing: apt-get install -y ${tool}`);
  const rows: Row[] = [];
  const load = { before: loadavg().map((x) => Math.round(x * 100) / 100), after: [] as number[] };
  console.log(`load average before: ${load.before.join(", ")} (${cpus().length} cores)`);
  const results: Record<string, unknown> = {
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version },
    runs: RUNS,
    load,
    sizes: {},
  };
  if (ONLY_TASKS) {
    results.tasks = await tasksRows(rows);
    printTable(rows);
    writeFileSync(join(here, "results-tasks.json"), JSON.stringify({ ...results, table: rows }, null, 2) + "\n");
    return;
  }
  const targets: Record<string, boolean | number> = {};
  for (const n of SIZES) {
    const file = join(outDir, `region-${n}.xlsx`);
    if (!existsSync(file)) {
      // Written under a temporary name, so an interrupted run leaves no half-written input behind.
      await writeRegionWorkbook(`${file}.part`, n);
      renameSync(`${file}.part`, file);
    }
    const sizeMB = statSync(file).size / 2 ** 20;
    const entry: Record<string, unknown> = { fileMB: sizeMB };
    (results.sizes as Record<number, unknown>)[n] = entry;
    const at40 = n === 40000;

    if (!ONLY_REPORT) {
      // The reading floor: the sheet XML and the shared strings inflated, nothing parsed.
      const floor = whole(RUNS, ["unzip", "-p", file, "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"]);
      const read = step("read", file);
      const text = whole(RUNS, [process.execPath, shnor, "analyze", file]);
      const json = whole(RUNS, [process.execPath, shnor, "analyze", file, "--json"], join(outDir, `region-${n}.json`));
      const jsonMB = statSync(join(outDir, `region-${n}.json`)).size / 2 ** 20;
      Object.assign(entry, { floor, read, analyze: text, analyzeJson: json, jsonMB });
      rows.push({
        step: "floor: unzip -p sheet XML + shared strings",
        schools: n,
        ms: floor.ms,
        cpuMs: floor.cpuMs,
        peakMB: floor.maxRssMB,
        detail: `${sizeMB.toFixed(1)} MB file`,
      });
      rows.push({
        step: "read .xlsx: every row (src/io, in one process)",
        schools: n,
        ms: read.ms,
        peakMB: read.maxRssMB,
        detail: `${times(read.ms, floor.ms)} floor`,
      });
      const textOk = text.ms <= TARGET.analyze * floor.ms;
      const textPeakOk = text.maxRssMB < TARGET.analyzePeakMB;
      rows.push({
        step: "shnor analyze (whole process)",
        schools: n,
        ms: text.ms,
        cpuMs: text.cpuMs,
        peakMB: text.maxRssMB,
        detail:
          `${times(text.ms, floor.ms)} floor` +
          (at40 ? ` (target ${TARGET.analyze}×: ${verdict(textOk)}; peak < ${TARGET.analyzePeakMB} MB: ${verdict(textPeakOk)})` : ""),
      });
      const jsonPeakOk = json.maxRssMB < TARGET.jsonPeakMB;
      rows.push({
        step: "shnor analyze --json (whole process)",
        schools: n,
        ms: json.ms,
        cpuMs: json.cpuMs,
        peakMB: json.maxRssMB,
        detail:
          `${times(json.ms, floor.ms)} floor, ${jsonMB.toFixed(0)} MB written` +
          (at40 ? ` (peak < ${TARGET.jsonPeakMB} MB: ${verdict(jsonPeakOk)})` : ""),
      });
      if (at40) Object.assign(targets, { analyzeWithin3x: textOk, analyzeUnder400MB: textPeakOk, jsonUnder600MB: jsonPeakOk });
      if (n === 5000) {
        // The page reads and analyses in Chromium (its worker), three page loads; Node the same bytes, three processes.
        const { pageStep } = await import("./browser");
        let nodePeak = 0;
        const page = await pageStep(file, root, RUNS, () => {
          const node = stepRuns(1, "node-page", file);
          nodePeak = Math.max(nodePeak, node.maxRssMB);
          return node.ms;
        });
        const ok = page.ratio <= TARGET.page;
        Object.assign(entry, { page });
        targets.pageWithin2x = ok;
        rows.push({
          step: "floor: Node reads and analyses the same bytes",
          schools: n,
          ms: page.nodeMs,
          peakMB: nodePeak,
          detail: "readInputs + analyzeTable, a fresh process after each page run",
        });
        rows.push({
          step: "the page: read and analyse in Chromium (dist/app.html)",
          schools: n,
          ms: page.ms,
          peakMB: NaN,
          detail: `${page.ratio.toFixed(2)}× Node, the median of the pairs (target ${TARGET.page}×: ${verdict(ok)})${page.sameSummary ? "" : "; SUMMARY DIFFERS"}`,
        });
      }
    }

    if (!ONLY_READER && REPORT_SIZES.includes(n)) {
      const out = join(outDir, `region-${n}-report.xlsx`);
      let report: Measure;
      try {
        report = whole(REPORT_RUNS, [process.execPath, shnor, "report", file, "-o", out]);
      } catch (e) {
        // A step that dies (out of memory) is a figure too: the run goes on to print the others.
        rows.push({
          step: "shnor report (whole process)",
          schools: n,
          ms: NaN,
          peakMB: NaN,
          detail: `failed: ${String((e as Error).message)
            .split("\n")[0]
            .slice(0, 80)}`,
        });
        continue;
      }
      // The writing floor: its own output inflated and deflated again, with nothing rendered.
      const floor = whole(RUNS, ["sh", "-c", 'unzip -p "$0" | gzip -6', out]);
      const xmlMB = Number(/(\d+)\s+\d+ files?\s*$/.exec(execFileSync("unzip", ["-l", out], { encoding: "utf8" }))?.[1] ?? NaN) / 2 ** 20;
      Object.assign(entry, { report, writeFloor: floor, reportXmlMB: xmlMB, reportMB: statSync(out).size / 2 ** 20 });
      rows.push({
        step: "floor: unzip -p report | gzip -6",
        schools: n,
        ms: floor.ms,
        cpuMs: floor.cpuMs,
        peakMB: floor.maxRssMB,
        detail: `${xmlMB.toFixed(0)} MB of XML, ${(statSync(out).size / 2 ** 20).toFixed(0)} MB zipped`,
      });
      const ok = report.ms <= TARGET.report * floor.ms;
      const peakOk = report.maxRssMB < TARGET.reportPeakMB;
      rows.push({
        step: "shnor report (whole process)",
        schools: n,
        ms: report.ms,
        cpuMs: report.cpuMs,
        peakMB: report.maxRssMB,
        detail:
          `${times(report.ms, floor.ms)} floor` +
          (at40 ? ` (target ${TARGET.report}×: ${verdict(ok)}; peak < 1 GB: ${verdict(peakOk)})` : ""),
      });
      if (at40) Object.assign(targets, { reportWithin3x: ok, reportUnder1GB: peakOk });
      if (n === WORD_SIZE) entry.word = wordStep(n, file, report, rows);
    }
    if (ONLY_READER || ONLY_REPORT) continue;

    const engine = step("engine", String(n));
    const engineExtra = engine.extra as { cells: number };
    entry.engine = engine;
    rows.push({
      step: "engine: read table + rule (in memory)",
      schools: n,
      ms: engine.ms,
      peakMB: engine.maxRssMB,
      detail: `${fmt((n / engine.ms) * 1000)} schools/s, ${fmt((engineExtra.cells / engine.ms) * 1000)} cells/s`,
    });
    const excel = step("excel", String(n));
    const ex = excel.extra as Record<
      "analyse" | "mark" | "documents",
      { ms: number; syncs: number; maxRequest: number; maxResponse: number; totalBytes: number }
    > & { sheets: number };
    for (const phase of ["analyse", "mark", "documents"] as const) {
      const f = ex[phase];
      rows.push({
        step: `Excel path (fake Excel): ${phase === "analyse" ? "analyse" : phase === "mark" ? "mark the sheet" : `generate ${ex.sheets} sheets`}`,
        schools: n,
        ms: f.ms,
        peakMB: excel.maxRssMB,
        detail: `${f.syncs} syncs, largest request ${mb(f.maxRequest)}, response ${mb(f.maxResponse)}, total ${mb(f.totalBytes)}`,
      });
    }
    entry.excel = excel;
  }
  if (!ONLY_READER && !ONLY_REPORT) {
    // The custom functions: 5,000 =SHNOR.STATUS() formulas in the formula engine the tests use.
    const functions = step("functions", "5000");
    const fx = functions.extra as { recalcMs: number; shnor: number };
    rows.push({
      step: "5,000 =SHNOR.STATUS() (HyperFormula): first evaluation",
      schools: 5000,
      ms: functions.ms,
      peakMB: functions.maxRssMB,
      detail: `${((functions.ms / 5000) * 1000).toFixed(0)} µs a formula`,
    });
    rows.push({
      step: "5,000 =SHNOR.STATUS() (HyperFormula): full recalculation",
      schools: 5000,
      ms: fx.recalcMs,
      peakMB: functions.maxRssMB,
      detail: `${((fx.recalcMs / 5000) * 1000).toFixed(0)} µs a formula`,
    });
    results.functions = functions;
    // The history re-applies the rule once a year: it must stay linear in schools × results.
    const dynamics = step("dynamics");
    const dx = dynamics.extra as { schools: number; series: number };
    rows.push({
      step: "dynamics at a region's scale (6 years, 600 groups of pupils)",
      schools: dx.schools,
      ms: dynamics.ms,
      peakMB: dynamics.maxRssMB,
      detail: `${dx.series} series entries`,
    });
    results.dynamics = dynamics;
  }
  if (!ONLY_READER && !ONLY_REPORT) results.tasks = await tasksRows(rows);
  load.after = loadavg().map((x) => Math.round(x * 100) / 100);
  printTable(rows);
  results.scaling = printScaling(rows);
  results.targets = targets;
  console.log(`\ntargets: ${JSON.stringify(targets)}`);
  console.log(`load average after: ${load.after.join(", ")}`);
  const name = ONLY_READER ? "results-reader.json" : ONLY_REPORT ? "results-report.json" : "results.json";
  writeFileSync(join(here, name), JSON.stringify({ ...results, table: rows }, null, 2) + "\n");
  console.log(`\nbench/${name} written; machine: ${(results.machine as { cpu: string }).cpu}, node ${process.version}`);
}

/**
 * The per-task analysis at a region's size: a Ф1 of F1_PUPILS pupil rows with 20 tasks each (4,000 schools of 50),
 * in memory (reader and tasks) and as `shnor analyze --json` on the .xlsx (the file read, the rule and the JSON with `tasks`).
 */
async function tasksRows(rows: Row[]): Promise<Record<string, unknown>> {
  const file = join(outDir, `f1-${F1_PUPILS}.xlsx`);
  if (!existsSync(file)) {
    await writeF1Workbook(`${file}.part`, F1_PUPILS);
    renameSync(`${file}.part`, file);
  }
  const sizeMB = statSync(file).size / 2 ** 20;
  const schools = Math.ceil(F1_PUPILS / F1_PUPILS_PER_SCHOOL);
  const engine = step("tasks-engine", String(F1_PUPILS));
  const e = engine.extra as { cells: number; tasks: number };
  rows.push({
    step: `engine: Ф1 ${fmt(F1_PUPILS)} pupils × ${e.tasks} tasks, read + tasks (in memory)`,
    schools,
    ms: engine.ms,
    peakMB: engine.maxRssMB,
    detail: `${fmt((F1_PUPILS / engine.ms) * 1000)} pupils/s, ${fmt((e.cells / engine.ms) * 1000)} cells/s`,
  });
  const analyze = whole(1, [process.execPath, shnor, "analyze", file, "--json"]);
  rows.push({
    step: `shnor analyze --json: Ф1 ${fmt(F1_PUPILS)} pupils × ${e.tasks} tasks`,
    schools,
    ms: analyze.ms,
    peakMB: analyze.maxRssMB,
    detail: `${sizeMB.toFixed(1)} MB file`,
  });
  return { pupils: F1_PUPILS, fileMB: sizeMB, engine, analyze };
}

function mb(bytes: number): string {
  return bytes < 1e6 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 2 ** 20).toFixed(2)} MB`;
}

/** Nothing quadratic: from 5,000 to 40,000 schools (8×) no step should take more than 8× as long. */
function printScaling(rows: Row[]): Record<string, number> {
  const scaling: Record<string, number> = {};
  console.log("\nScaling from 5,000 to 40,000 schools (8× the schools; linear is 8×):");
  for (const big of rows.filter((r) => r.schools === 40000)) {
    const small = rows.find((r) => r.schools === 5000 && r.step === big.step);
    if (!small) continue;
    const ratio = big.ms / small.ms;
    scaling[big.step] = Math.round(ratio * 10) / 10;
    console.log(`  ${big.step}: ${ratio.toFixed(1)}×${ratio > 8 * 1.15 ? "  ← more than linear" : ""}`);
  }
  return scaling;
}

/** `shnor report --word`, a whole process: the book and the three Word documents, against the book alone. */
function wordStep(n: number, file: string, report: Measure, rows: Row[]): Measure {
  const out = join(outDir, `region-${n}-word-report.xlsx`);
  const word = whole(REPORT_RUNS, [process.execPath, shnor, "report", file, "-o", out, "--word", join(outDir, `region-${n}-word`)]);
  rows.push({
    step: "shnor report --word (whole process)",
    schools: n,
    ms: word.ms,
    cpuMs: word.cpuMs,
    peakMB: word.maxRssMB,
    detail: `${times(word.ms, report.ms)} report; Word documents ${(word.ms - report.ms).toFixed(0)} ms`,
  });
  return word;
}

function printTable(rows: Row[]): void {
  const head = ["step", "schools", "time, ms", "CPU, ms", "peak MB", "detail"];
  const body = rows.map((r) => [
    r.step,
    fmt(r.schools),
    Number.isNaN(r.ms) ? "—" : r.ms.toFixed(0),
    r.cpuMs === undefined ? "" : r.cpuMs.toFixed(0),
    Number.isNaN(r.peakMB) ? "" : r.peakMB.toFixed(0),
    r.detail,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
  console.log(line(head));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const b of body) console.log(line(b));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
