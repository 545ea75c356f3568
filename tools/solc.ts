/**
 * Offline Solidity compiler resolution.
 *
 * Hardhat 2 downloads compilers by default; this network cannot. We compile with the
 * `soljson.js` shipped in the npm package `solc`, whose version is pinned in package.json
 * to exactly the version hardhat.config.ts names. Any difference is a configuration error
 * that we report in plain words instead of attempting a download.
 */
import fs from "node:fs";
import path from "node:path";
import { UserError } from "../src/chain/errors";

export interface SolcJsBuild {
  version: string;
  longVersion: string;
  compilerPath: string;
  isSolcJs: true;
}

/** Raised when hardhat.config.ts and node_modules/solc disagree on the compiler version. */
export class SolcVersionMismatchError extends UserError {
  constructor(
    readonly configured: string,
    readonly installed: string,
  ) {
    super(
      `Solidity compiler version mismatch: hardhat.config.ts asks for solc ${configured} ` +
        `but the installed npm package "solc" is ${installed}. ` +
        `Compilers are never downloaded here. Fix it with either ` +
        `"npm install --save-dev --save-exact solc@${configured}" (then commit package-lock.json), ` +
        `or set SOLC_VERSION in hardhat.config.ts back to "${installed}".`,
    );
    this.name = "SolcVersionMismatchError";
  }
}

interface SolcModule {
  version(): string;
}

/**
 * Throws {@link SolcVersionMismatchError} unless the npm package `solc` is exactly `configured`; reads only
 * its package.json (cheap: called before Hardhat groups the sources into compilation jobs, whose own
 * pragma check would otherwise report an exact-version pragma as HH606 instead of this one line).
 * @returns the path of the package's package.json.
 */
export function assertInstalledSolc(configured: string, resolveFrom: string = process.cwd()): string {
  const pkgPath = require.resolve("solc/package.json", { paths: [resolveFrom] });
  const installed = (JSON.parse(fs.readFileSync(pkgPath, "utf8")) as { version: string }).version;
  if (installed !== configured) {
    throw new SolcVersionMismatchError(configured, installed);
  }
  return pkgPath;
}

/**
 * Returns the solc-js build for `configured`, or throws {@link SolcVersionMismatchError}.
 * @param configured the exact version hardhat.config.ts names (e.g. "0.8.28").
 * @param resolveFrom directory to resolve the `solc` package from (defaults to this project).
 */
export function resolveSolcJsBuild(configured: string, resolveFrom: string = process.cwd()): SolcJsBuild {
  const pkgPath = assertInstalledSolc(configured, resolveFrom);
  const installed = configured;
  const solcDir = path.dirname(pkgPath);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiler is found at run time
  const solc = require(solcDir) as SolcModule;
  return {
    version: installed,
    longVersion: solc.version(),
    compilerPath: path.join(solcDir, "soljson.js"),
    isSolcJs: true,
  };
}
