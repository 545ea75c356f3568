/**
 * Loads Hardhat as a library for the network chosen by the selector (./network.ts), for the commands
 * that need a chain. Imported lazily: the offline commands never reach this import of "hardhat".
 *
 * Generated code (typechain-types/) and artifacts exist only after `hardhat compile`. Right after `npm ci` (a
 * fresh clone, nothing compiled) every command still works: {@link loadHardhat} compiles first, once, and a
 * command imports the modules that need generated code only after it ({@link importCompiled}).
 */
import fs from "node:fs";
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type {} from "@nomicfoundation/hardhat-ethers";
import { hardhatSetupError } from "./chainErrors";

/**
 * Loads Hardhat for the network in HARDHAT_NETWORK (select it first); Hardhat's own errors (e.g. HH100, an
 * unknown network) become one-line user errors instead of stack traces. Compiles when the generated code or
 * the artifacts are missing.
 */
export async function loadHardhat(): Promise<HardhatRuntimeEnvironment> {
  let hre: HardhatRuntimeEnvironment;
  try {
    hre = (await import("hardhat")).default as HardhatRuntimeEnvironment;
  } catch (e) {
    throw hardhatSetupError(e) ?? e;
  }
  await compileIfMissing(hre);
  return hre;
}

/** The files a compile generates that commands load at run time. */
export function generatedCodeFiles(hre: HardhatRuntimeEnvironment): string[] {
  const outDir = (hre.config as { typechain?: { outDir?: string } }).typechain?.outDir ?? "typechain-types";
  return [path.resolve(hre.config.paths.root, outDir, "index.ts"), hre.config.paths.artifacts];
}

async function compileIfMissing(hre: HardhatRuntimeEnvironment): Promise<void> {
  if (generatedCodeFiles(hre).every((f) => fs.existsSync(f))) return;
  process.stderr.write("Compiling the contracts first (no artifacts or typechain-types/ yet: a fresh checkout)\n");
  try {
    await hre.run("compile", { quiet: true });
  } catch (e) {
    throw hardhatSetupError(e) ?? e;
  }
}

/**
 * Imports a module that needs generated code (typechain-types/, artifacts) after {@link loadHardhat}, so a
 * fresh checkout compiles first: `const { deployCommand } = await importCompiled(() => import("../src/deploy/cli"))`.
 */
export async function importCompiled<T>(load: () => Promise<T>): Promise<T> {
  await loadHardhat();
  return load();
}
