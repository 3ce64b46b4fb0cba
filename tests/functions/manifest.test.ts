/**
 * An offline check of manifest.xml (Microsoft's validator is an online
 * service): it parses, declares the shared runtime and the custom functions
 * without a <Namespace>, points ru-RU to functions-ru.json, and every
 * resource it names exists.
 */
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";

const ROOT = path.join(__dirname, "..", "..");
// Comments may mention elements (the header explains the missing <Namespace>); checks read the markup only.
const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8").replace(/<!--[\s\S]*?-->/g, "");
const DEV = "https://localhost:3000/";

/** Opening tags of an element, with their attributes. */
function tags(name: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of xml.matchAll(new RegExp(`<${name}(\\s[^>]*?)?/?>`, "g"))) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? "").matchAll(/([\w:]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    out.push(attrs);
  }
  return out;
}

/** The first element <name ...>…</name> whose opening tag contains `having`. */
function block(name: string, having = ""): string {
  const m = new RegExp(`<${name}[\\s>][^>]*${having}[\\s\\S]*?</${name}>`).exec(xml);
  if (!m) throw new Error(`no <${name}> in manifest.xml`);
  return m[0];
}

it("parses as an add-in only manifest for Excel", () => {
  // office-addin-manifest loads ESM-only modules that jest cannot, so it reads the file in a plain Node process.
  const script = `require("office-addin-manifest").OfficeAddinManifest.readManifestFile("manifest.xml").then((i) => console.log(JSON.stringify(i)))`;
  const info = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" }));
  expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(info.hosts).toEqual(["Workbook"]);
  expect(info.defaultSettings?.sourceLocation).toBe(`${DEV}taskpane.html`);
});

it("asks for the shared runtime and the custom functions runtime", () => {
  expect(tags("Set")).toEqual([
    { Name: "SharedRuntime", MinVersion: "1.1" },
    { Name: "CustomFunctionsRuntime", MinVersion: "1.3" },
    { Name: "ExcelApi", MinVersion: "1.9" },
  ]);
  expect(tags("Runtime")).toEqual([{ resid: "Taskpane.Url", lifetime: "long" }]);
});

it("declares the custom functions with script, page and metadata, and no <Namespace>", () => {
  const point = block("AllFormFactors");
  expect(point).toMatch(/<ExtensionPoint xsi:type="CustomFunctions">/);
  expect(point).toMatch(/<Script>\s*<SourceLocation resid="Functions.Script.Url"\/>/);
  expect(point).toMatch(/<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/);
  expect(point).toMatch(/<Metadata>\s*<SourceLocation resid="Functions.Metadata.Url"\/>/);
  expect(xml).not.toMatch(/<Namespace/);
});

it("points ru-RU to functions-ru.json", () => {
  expect(block("bt:Url", 'id="Functions.Metadata.Url"')).toBe(
    `<bt:Url id="Functions.Metadata.Url" DefaultValue="${DEV}functions.json">\n          <bt:Override Locale="ru-RU" Value="${DEV}functions-ru.json"/>\n        </bt:Url>`,
  );
});

it("has a «ШНОР» button on the Home tab that opens the task pane", () => {
  expect(tags("OfficeTab")).toEqual([{ id: "TabHome" }]);
  const control = block("Control");
  expect(control).toMatch(/<Label resid="Shnor.Button.Label"\/>/);
  expect(control).toMatch(
    /<Action xsi:type="ShowTaskpane">\s*<TaskpaneId>Shnor.Taskpane<\/TaskpaneId>\s*<SourceLocation resid="Taskpane.Url"\/>/,
  );
  expect(tags("bt:String").find((s) => s.id === "Shnor.Button.Label")?.DefaultValue).toBe("ШНОР");
});

it("defines every resource it refers to, once", () => {
  const defined = [...tags("bt:Image"), ...tags("bt:Url"), ...tags("bt:String")].map((t) => t.id).filter((id) => id);
  expect(new Set(defined).size).toBe(defined.length);
  const used = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
  expect(used.length).toBeGreaterThan(10);
  for (const id of used) expect(defined).toContain(id);
});

it("names only files the build emits, and icons of the stated sizes", () => {
  const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https:\/\/[^"]+)"/g)].map((m) => m[1]);
  const files = new Set(urls.map((u) => u.replace(DEV, "")));
  expect([...files].sort()).toEqual([
    "assets/icon-16.png",
    "assets/icon-32.png",
    "assets/icon-64.png",
    "assets/icon-80.png",
    "functions-ru.json",
    "functions.js",
    "functions.json",
    "taskpane.html",
  ]);
  for (const image of tags("bt:Image").filter((t) => t.size)) {
    const id = tags("bt:Image").find((t) => t.id === image.resid);
    expect(id?.DefaultValue).toBe(`${DEV}assets/icon-${image.size}.png`);
  }
  for (const size of [16, 32, 64, 80]) {
    const png = fs.readFileSync(path.join(ROOT, "assets", `icon-${size}.png`));
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  }
});
