"use strict";
/**
 * Build step: functions-ru.json, the Russian custom-functions metadata, made
 * from the functions.json that custom-functions-metadata-plugin generates and
 * the one Russian table in src/functions/ru.ts. Any id or parameter present
 * on one side only, or a name Excel would refuse, fails the build.
 *
 *   webpack:  new FunctionsRuPlugin({ table: "src/functions/ru.ts" })
 *   by hand:  node scripts/functions-ru.js dist/functions.json src/functions/ru.ts > functions-ru.json
 */
const fs = require("fs");
const path = require("path");

const NAME = "FunctionsRuPlugin";
// Excel's rule for a function name, as custom-functions-metadata checks the English ones.
const FUNCTION_NAME = /^\p{L}[\p{L}0-9._]*$/u;
const MAX_NAME = 128;
// Longer descriptions are cut in Excel's function dialogs.
const MAX_DESCRIPTION = 255;

/** Loads RU_FUNCTIONS from the TypeScript table without a TypeScript toolchain at run time beyond `typescript` itself. */
function loadRussian(file) {
  const ts = require("typescript");
  const source = fs.readFileSync(file, "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
    fileName: file,
  });
  const mod = { exports: {} };
  const noImports = (name) => {
    throw new Error(`${file} must not import anything (it imports "${name}")`);
  };
  new Function("exports", "module", "require", outputText)(mod.exports, mod, noImports);
  if (!mod.exports.RU_FUNCTIONS || typeof mod.exports.RU_FUNCTIONS !== "object") throw new Error(`${file} does not export RU_FUNCTIONS`);
  return mod.exports.RU_FUNCTIONS;
}

function checkText(errors, where, text, max) {
  if (typeof text !== "string" || text.trim() === "") errors.push(`${where}: empty`);
  else if (text.length > max) errors.push(`${where}: ${text.length} characters, more than ${max}`);
}

/**
 * The Russian metadata: the generated metadata with names, descriptions and
 * parameter names replaced from the table. Returns the JSON text and the
 * problems found; the text is null when there are any.
 */
function localizeMetadata(metadata, ru) {
  const errors = [];
  const functions = Array.isArray(metadata && metadata.functions) ? metadata.functions : [];
  if (functions.length === 0) errors.push("functions.json lists no functions");
  const ids = new Set(functions.map((f) => f.id));
  for (const id of Object.keys(ru)) if (!ids.has(id)) errors.push(`ru.ts has an entry for ${id}, which functions.ts does not define`);
  const names = new Map();
  const localized = functions.map((f) => {
    // Without a <Namespace> the English name is what users type: it must be the id itself.
    if (f.name !== f.id) errors.push(`${f.id}: English name «${f.name}» differs from the id; write @customfunction ${f.id} alone`);
    checkText(errors, `${f.id}: English description`, f.description, MAX_DESCRIPTION);
    const entry = ru[f.id];
    if (!entry) {
      errors.push(`${f.id}: no Russian entry in ru.ts`);
      return f;
    }
    if (typeof entry.name !== "string" || !FUNCTION_NAME.test(entry.name) || entry.name.length < 3 || entry.name.length > MAX_NAME) {
      errors.push(
        `${f.id}: Russian name «${entry.name}» must start with a letter and hold only letters, digits, «.» and «_» (3–${MAX_NAME})`,
      );
    }
    const key = String(entry.name).toLocaleUpperCase("ru");
    if (names.has(key)) errors.push(`${f.id}: Russian name «${entry.name}» is already used by ${names.get(key)}`);
    names.set(key, f.id);
    checkText(errors, `${f.id}: Russian description`, entry.description, MAX_DESCRIPTION);
    const params = f.parameters || [];
    const given = Object.keys(entry.parameters || {});
    const expected = params.map((p) => p.name);
    for (const p of given)
      if (!expected.includes(p)) errors.push(`${f.id}: ru.ts names a parameter «${p}» that functions.ts does not have`);
    const paramNames = new Set();
    const parameters = params.map((p) => {
      const r = (entry.parameters || {})[p.name];
      if (!r) {
        errors.push(`${f.id}: parameter «${p.name}» has no Russian entry`);
        return p;
      }
      checkText(errors, `${f.id}(${p.name}): Russian name`, r.name, MAX_NAME);
      checkText(errors, `${f.id}(${p.name}): Russian description`, r.description, MAX_DESCRIPTION);
      if (paramNames.has(r.name)) errors.push(`${f.id}: two parameters are named «${r.name}»`);
      paramNames.add(r.name);
      return { ...p, name: r.name, description: r.description };
    });
    return { ...f, name: entry.name, description: entry.description, parameters };
  });
  if (errors.length > 0) return { json: null, errors };
  // The same layout as the generator's functions.json.
  return { json: JSON.stringify({ ...metadata, functions: localized }, null, 4), errors };
}

class FunctionsRuPlugin {
  /** @param {{ table: string, source?: string, output?: string }} options */
  constructor(options) {
    this.table = path.resolve(options.table);
    this.source = options.source || "functions.json";
    this.output = options.output || "functions-ru.json";
  }

  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.fileDependencies.add(this.table);
        const report = (message) => compilation.errors.push(new WebpackError(`${NAME}: ${message}`));
        const asset = compilation.getAsset(this.source);
        if (!asset) {
          // The metadata plugin has already reported why when it emitted nothing.
          if (compilation.errors.length === 0) report(`${this.source} was not generated, so ${this.output} cannot be`);
          return;
        }
        let ru;
        try {
          ru = loadRussian(this.table);
        } catch (e) {
          report(e.message);
          return;
        }
        const { json, errors } = localizeMetadata(JSON.parse(asset.source.source().toString()), ru);
        if (json === null) {
          errors.forEach(report);
          return;
        }
        compilation.emitAsset(this.output, new sources.RawSource(json));
      });
    });
  }
}

module.exports = { loadRussian, localizeMetadata, FunctionsRuPlugin };

if (require.main === module) {
  const [metadataFile, tableFile = "src/functions/ru.ts"] = process.argv.slice(2);
  if (!metadataFile) {
    process.stderr.write("usage: node scripts/functions-ru.js <functions.json> [ru.ts]\n");
    process.exit(2);
  }
  const { json, errors } = localizeMetadata(JSON.parse(fs.readFileSync(metadataFile, "utf8")), loadRussian(tableFile));
  if (json === null) {
    process.stderr.write(errors.join("\n") + "\n");
    process.exit(1);
  }
  process.stdout.write(json + "\n");
}
