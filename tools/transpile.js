"use strict";
/**
 * The transpilation of tools/register.js (how every command runs its TypeScript), without side effects: swc with
 * the options ts-node's swc transpiler derives from tsconfig.json, and a cache of its output keyed by content.
 * test/foundation/register.test.ts checks the output equals ts-node's for every file of src/ and scripts/.
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const CACHE = path.join(ROOT, "node_modules", ".cache", "som-register");

/** swc options from tsconfig.json, as ts-node's swc transpiler derives them (ts-node/dist/transpilers/swc.js). */
function swcOptions() {
  const file = path.join(ROOT, "tsconfig.json");
  const o = JSON.parse(fs.readFileSync(file, "utf8")).compilerOptions;
  if (String(o.module).toLowerCase() !== "commonjs") throw new Error(`${file}: register.js runs CommonJS only`);
  return {
    swcrc: false,
    sourceMaps: "inline",
    module: { type: "commonjs", noInterop: o.esModuleInterop !== true, strictMode: true, ignoreDynamic: false },
    jsc: {
      parser: { syntax: "typescript", tsx: false, decorators: false, dynamicImport: true },
      target: String(o.target).toLowerCase(),
      keepClassNames: true,
      // TypeScript's default for targets from ES2022 on (no useDefineForClassFields in tsconfig.json)
      transform: { useDefineForClassFields: o.useDefineForClassFields ?? true, legacyDecorator: true },
    },
  };
}

let options;
let swc;
/** What else the JavaScript depends on: the options' source and the transpiler's version. */
const SALT = [
  fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8"),
  fs.readFileSync(__filename, "utf8"),
  require("@swc/core/package.json").version,
].join("\0");

/** Transpiled JavaScript of `source`, from the cache when this exact text was transpiled before. */
function transpile(source, filename) {
  const key = crypto.createHash("sha256").update(SALT).update(filename).update("\0").update(source).digest("hex");
  const cached = path.join(CACHE, `${key}.js`);
  try {
    return fs.readFileSync(cached, "utf8");
  } catch {
    // not cached yet
  }
  options ??= swcOptions();
  swc ??= require("@swc/core");
  const { code } = swc.transformSync(source, { ...options, filename });
  try {
    fs.mkdirSync(CACHE, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, cached); // atomic: a concurrent command reads the whole file or none
  } catch {
    // a read-only checkout runs uncached
  }
  return code;
}

module.exports = { transpile, swcOptions };
