/**
 * `npm run gas`: measures every bench suite afresh and writes gas-snapshot.json.
 * `npm run gas:check`: measures afresh and fails when any committed operation grew by more
 * than 1% (or disappeared, or a new one is not committed).
 */
import hre from "hardhat";
import path from "node:path";
import { runGasSuites } from "../tools/bench";
import { compareSnapshots, describeComparison, readSnapshot, writeSnapshot } from "../tools/gas/snapshot";

const SNAPSHOT = path.join(__dirname, "..", "gas-snapshot.json");
const TOLERANCE = 0.01;

async function main(): Promise<void> {
  const measured = await runGasSuites(hre);
  for (const [name, gas] of Object.entries(measured)) console.log(`${name.padEnd(44)} ${gas.toLocaleString("en-US")}`);
  if (process.env.GAS_CHECK === "true") {
    const comparison = compareSnapshots(readSnapshot(SNAPSHOT), measured, TOLERANCE);
    const lines = describeComparison(comparison, TOLERANCE);
    if (lines.length > 0) {
      for (const line of lines) console.error(line);
      console.error("Gas check failed: update gas-snapshot.json with `npm run gas` in the same commit if the change is intended.");
      process.exitCode = 1;
      return;
    }
    console.log(`Gas check passed: ${Object.keys(measured).length} operations within +${TOLERANCE * 100}% of gas-snapshot.json.`);
    return;
  }
  writeSnapshot(SNAPSHOT, measured);
  console.log(`Wrote ${Object.keys(measured).length} operations to gas-snapshot.json`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
