import { readFileSync, statSync } from "node:fs";
import { writeRegionWorkbook } from "../../bench/generate";
import { run } from "./run";
import { withSettingsPart } from "../../src/io/settings-part";
jest.setTimeout(600_000);
it("measure", async () => {
  const src = "/tmp/st/bench/region5000.xlsx";
  await writeRegionWorkbook(src, 5000);
  let t = Date.now();
  const r = await run("report", src, "-o", "/tmp/st/bench/out5000.xlsx");
  console.log("report 5000", Date.now() - t, "ms", r.code, r.stderr, statSync("/tmp/st/bench/out5000.xlsx").size);
  const bytes = readFileSync("/tmp/st/bench/out5000.xlsx");
  t = Date.now();
  for (let i = 0; i < 5; i++) withSettingsPart(bytes, "<shnorMonitor xmlns=\"urn:shnor-monitor:settings:1\"><settings>{}</settings></shnorMonitor>");
  console.log("withSettingsPart x5", Date.now() - t, "ms");
});
