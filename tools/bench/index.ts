/**
 * Registry of gas suites. Each domain adds its suite here; `npm run gas` runs them in order,
 * each on a freshly reset in-process chain.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { GasSnapshot } from "../gas/snapshot";
import type { GasSuite } from "../gas/suite";
import { assetsGasSuite } from "./assets";
import { attestationGasSuite } from "./attestation";
import { marketGasSuite } from "./market";
import { safeGasSuite } from "./safe";
import { stablecoinGasSuite } from "./stablecoin";

export const GAS_SUITES: GasSuite[] = [
  stablecoinGasSuite,
  attestationGasSuite,
  assetsGasSuite,
  safeGasSuite,
  marketGasSuite,
];

export async function runGasSuites(hre: HardhatRuntimeEnvironment): Promise<GasSnapshot> {
  if (hre.network.name !== "hardhat") throw new Error("gas is measured on the in-process hardhat network only");
  const all: GasSnapshot = {};
  for (const suite of GAS_SUITES) {
    await hre.network.provider.send("hardhat_reset", []);
    const figures = await suite.measure(hre);
    for (const [name, gas] of Object.entries(figures)) {
      if (all[name] !== undefined) throw new Error(`gas operation "${name}" measured twice`);
      all[name] = gas;
    }
  }
  return all;
}

export { benchReport } from "./report";
export type { ReportBenchOptions } from "./report";
export { benchSanctions } from "./sanctions";
export type { SanctionsBenchOptions } from "./sanctions";
export { benchWatch, watchBenchOptions } from "./watch";
export type { WatchBenchOptions } from "./watch";
