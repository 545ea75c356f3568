"use strict";
/**
 * Loaded before Hardhat (mocha `require` of hardhat.config.ts for the test workers, and `node -r` for the
 * Hardhat CLI child processes of test/helpers/cli.ts and node.ts): Hardhat's transpile-only ts-node
 * registration then transpiles with swc, as the package.json scripts already run (`ts-node --swc`),
 * instead of TypeScript's transpileModule, several times slower on typechain-types and src/.
 * Transpilation only: what runs is the same code. A type-checking registration (`--typecheck`, plain
 * `ts-node`) is left as it is.
 */
const tsNode = require("ts-node");

const register = tsNode.register;
if (!register.swcForTests) {
  const withSwc = function (opts, ...rest) {
    const transpileOnly = opts !== undefined && opts.transpileOnly === true && opts.typeCheck !== true;
    return register.call(this, transpileOnly ? { ...opts, swc: true } : opts, ...rest);
  };
  withSwc.swcForTests = true;
  tsNode.register = withSwc;
}
