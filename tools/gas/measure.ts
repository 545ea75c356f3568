/**
 * `npm run gas`: measures every bench suite afresh and writes the snapshot.
 * `npm run gas:check`: measures afresh and fails when any committed operation grew by more than the
 * tolerance (or disappeared, or a new one is not committed).
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { runGasSuites } from "../bench";
import type { Printer } from "../command";
import { compareSnapshots, describeComparison, readSnapshot, writeSnapshot } from "./snapshot";

export interface GasOptions {
  /** gas-snapshot.json */
  snapshotFile: string;
  /** Compare with the committed snapshot instead of writing it. */
  check: boolean;
  /** Allowed growth as a fraction (0.01 = +1%). */
  tolerance: number;
}

/** Measures, prints one line per operation, then writes or checks the snapshot; resolves to the exit code. */
export async function measureGas(hre: HardhatRuntimeEnvironment, options: GasOptions, out: Printer): Promise<number> {
  const { snapshotFile, tolerance } = options;
  const measured = await runGasSuites(hre);
  for (const [name, gas] of Object.entries(measured)) out.log(`${name.padEnd(44)} ${gas.toLocaleString("en-US")}`);
  const count = Object.keys(measured).length;
  if (options.check) {
    const lines = describeComparison(compareSnapshots(readSnapshot(snapshotFile), measured, tolerance), tolerance);
    if (lines.length > 0) {
      for (const line of lines) out.error(line);
      out.error(
        "Gas check failed: update gas-snapshot.json with `npm run gas` in the same commit if the change is intended.",
      );
      return 1;
    }
    out.log(`Gas check passed: ${count} operations within +${tolerance * 100}% of gas-snapshot.json.`);
    return 0;
  }
  writeSnapshot(snapshotFile, measured);
  out.log(`Wrote ${count} operations to gas-snapshot.json`);
  return 0;
}
