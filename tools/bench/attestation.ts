/**
 * Gas of the attestation registry: submitting an M-of-N report in steady state (the subject already has
 * a report, so every report slot goes nonzero -> nonzero), behind the UUPS proxy.
 *
 * `attestation.submit2of3` / `attestation.submit3of5` are the realistic case: SOM_RESERVES with a 10% change
 * bound and a listener that caches the value with one SSTORE (as the stablecoin does). The `NoListener`
 * variants measure the registry alone (no bound, no listener).
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { GasSuite } from "../gas/suite";
import { gasOf } from "../gas/suite";
import type { GasSnapshot } from "../gas/snapshot";
import { SOM_RESERVES, reportDigest } from "../../src/attestation/report";
import type { Report } from "../../src/attestation/report";
import { signReport } from "../../src/attestation/sign";
import type { AttestationRegistry } from "../../typechain-types";

const DAY = 86_400n;
/** 2027-01-15: later than any fresh chain's clock, so the suite can set it. */
const EPOCH = 1_800_000_000n;

function sorted(list: HardhatEthersSigner[]): HardhatEthersSigner[] {
  return [...list].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
}

async function measureSubmit(
  hre: HardhatRuntimeEnvironment,
  n: number,
  m: number,
  withListener: boolean,
  epoch: bigint,
): Promise<number> {
  const { ethers, upgrades } = hre;
  const signers = await ethers.getSigners();
  const [admin, relayer] = signers;
  const attestors = sorted(signers.slice(2, 2 + n));
  const factory = await ethers.getContractFactory("AttestationRegistry");
  const registry = (await upgrades.deployProxy(
    factory,
    [admin.address, 3 * 86_400, 2, attestors.map((a) => a.address), m, 300],
    { kind: "uups" },
  )) as unknown as AttestationRegistry;
  const registryAddress = await registry.getAddress();
  let listener = ethers.ZeroAddress;
  if (withListener) {
    const mock = await ethers.deployContract("AttestationListenerMock", [registryAddress]);
    listener = await mock.getAddress();
  }
  await registry.connect(admin).configureSubject(SOM_RESERVES, DAY, withListener ? 1_000 : 0, listener);
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const quorum = attestors.slice(0, m);

  const submit = async (report: Report) => {
    const target = { chainId, registry: registryAddress, report };
    const files = await Promise.all(quorum.map((a) => signReport(target, a)));
    if (files.some((f) => f.digest !== reportDigest(target))) throw new Error("digest mismatch");
    return registry.connect(relayer).submitReport(
      report,
      files.map((f) => f.signer),
      files.map((f) => f.signature),
    );
  };

  // Pinned clock and asOf values: the calldata (and so the gas) is the same on every run. The reports
  // are a day apart, as in operation: the change bound is scaled by the time since the previous report.
  await hre.network.provider.send("evm_setNextBlockTimestamp", [Number(epoch - DAY)]);
  await hre.network.provider.send("evm_mine", []);
  const t = epoch;
  const docHash = (i: number) => ethers.keccak256(ethers.toUtf8Bytes(`bank statement ${i}`));
  await gasOf(
    submit({ subject: SOM_RESERVES, value: 12_345_678_901_23n, asOf: t - DAY - 60n, docHash: docHash(1), uri: "" }),
  );
  await hre.network.provider.send("evm_setNextBlockTimestamp", [Number(epoch)]);
  return gasOf(submit({ subject: SOM_RESERVES, value: 12_400_000_000_00n, asOf: t, docHash: docHash(2), uri: "" }));
}

export const attestationGasSuite: GasSuite = {
  name: "attestation",
  async measure(hre: HardhatRuntimeEnvironment): Promise<GasSnapshot> {
    return {
      "attestation.submit2of3": await measureSubmit(hre, 3, 2, true, EPOCH),
      "attestation.submit3of5": await measureSubmit(hre, 5, 3, true, EPOCH + 100_000n),
      "attestation.submit2of3NoListener": await measureSubmit(hre, 3, 2, false, EPOCH + 200_000n),
      "attestation.submit3of5NoListener": await measureSubmit(hre, 5, 3, false, EPOCH + 300_000n),
    };
  },
};
