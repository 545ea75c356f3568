"use strict";
/**
 * How every `npm run <command>` runs its TypeScript: `node -r ./tools/register.js scripts/<command>.ts`.
 *
 * The same transpilation `ts-node --swc` did (swc, with the options ts-node derives from tsconfig.json: target,
 * CommonJS, esModuleInterop, class fields, kept class names; type-only imports dropped; no type check, which
 * `npm run lint` does), without loading TypeScript itself: ts-node needs the `typescript` package to read
 * tsconfig.json even when swc transpiles. The transpiled JavaScript of each .ts file is cached in
 * node_modules/.cache/som-register/, keyed by content (an edited file is never served stale), and swc itself is
 * loaded only when a file is new or changed. Stack traces point at the TypeScript lines (inline source maps, Node's
 * own compile).
 * Measured (CPU, user + system, a loaded 2-core machine): `safe:sign --help` 1.1 s with ts-node --swc, 0.6 s with
 * this; `safe:status --network localhost` 2.2 s and 1.85 s. (V8's code cache, v8-compile-cache-lib, saved 0.3 s
 * more but breaks dynamic import() and Node 20's require() of ES modules in packages: left out.)
 */
const fs = require("node:fs");
const path = require("node:path");
const { transpile } = require("./transpile");

const nodeCompile = require("node:module").prototype._compile;
process.setSourceMapsEnabled(true);

const loadJs = require.extensions[".js"];
require.extensions[".ts"] = function (module, filename) {
  // as ts-node: TypeScript inside node_modules is not ours to transpile
  if (filename.split(path.sep).includes("node_modules")) return loadJs(module, filename);
  nodeCompile.call(module, transpile(fs.readFileSync(filename, "utf8"), filename), filename);
};
