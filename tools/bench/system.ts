/**
 * The benchmarks' system: deployed with the deployment code into a temporary records root on the benchmark's node,
 * reserves of 10,000,000,000.00 KGSC attested by two attestors (signed offline, submitted by a relayer) so that
 * the minter may mint.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { id } from "ethers";
import { SOM_RESERVES } from "../../src/chain/constants";
import { signReport, submitSignedReport } from "../../src/attestation";
import { loadDeployConfig } from "../../src/deploy/config";
import { readRecords } from "../../src/chain/records";
import type { ContractRecord } from "../../src/chain/records";
import { deploySystem } from "../../src/deploy/system";
import { localAccountWallet } from "../../src/chain/localKeys";

export interface BenchSystem {
  records: ContractRecord[];
  /** The address of a record (empty when absent). */
  at: (name: string) => string;
  signers: HardhatEthersSigner[];
}

/** Deploys into `root` (config of `project`, network localhost) and attests the reserves. */
export async function deployAttested(
  hre: HardhatRuntimeEnvironment,
  project: string,
  root: string,
): Promise<BenchSystem> {
  const provider = hre.ethers.provider;
  await deploySystem({ hre, config: loadDeployConfig(project, "localhost"), root, log: () => undefined });
  const records = readRecords(root, "localhost");
  const at = (name: string): string => records.find((r) => r.name === name)?.address ?? "";
  const signers = await hre.ethers.getSigners();
  const asOf = BigInt((await provider.getBlock("latest"))?.timestamp ?? 0) - 10n;
  const report = {
    chainId: 31337n,
    registry: at("AttestationRegistry"),
    report: { subject: SOM_RESERVES, value: 10n ** 12n, asOf, docHash: id("bench"), uri: "https://x" },
  };
  const attestors = [localAccountWallet(4), localAccountWallet(5)];
  const sigs = [await signReport(report, attestors[0]), await signReport(report, attestors[1])];
  await submitSignedReport(report, sigs, signers[11]);
  return { records, at, signers };
}
