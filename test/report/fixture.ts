/**
 * The reserve-report fixture: a deployment with history (mints, distribution, a Safe burn, a wipe, three reserve
 * reports, an asset).
 */
import path from "node:path";
import hre from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { keccak256, toUtf8Bytes } from "ethers";
import { assetIdFrom } from "../../src/assets/ids";
import { SOM_RESERVES } from "../../src/attestation";
import { syncAssetRecords } from "../../src/assets/records";
import type { ReportRunOptions } from "../../src/report/run";
import { proposeSignExecute } from "../../src/custody/flow";
import { ACCOUNTS, deploySystemFixture, localWallet } from "../helpers/system";

export const K = (n: bigint): bigint => n * 100n; // KGSC and som have 2 decimals on hardhat

export async function reportFixture() {
  // The time of day is pinned: the chain's clock depends on the time jumps of the files this mocha worker ran
  // before, and the chart's time axis (its ticks) on where the fixture's span of a day and an hour falls. The span
  // starts at 11:30 UTC on every run (moved forward to the next 11:30, never back).
  const DAY = 86400;
  const now = await time.latest();
  let start = Math.floor(now / DAY) * DAY + 11 * 3600 + 1800;
  if (start <= now + 60) start += DAY;
  await time.increaseTo(start);
  // Deployed without the ReserveGuard of the shipped local config: these tests install a guard of their own
  // (their own delay and expiry) and check the report before and after.
  const sys = await deploySystemFixture((c) => ({
    ...c,
    reserveGuard: undefined,
    market: undefined,
    labels: { "@account:4": "Ala-Too Audit LLC", "@account:1": "Ministry of Finance custodian" },
  }));
  const { root, deployed, coin, controller, registry, attest, createAssetAsSafe, asSafe, signers, records } = sys;
  await attest(SOM_RESERVES, K(2_000_000n));
  await (await controller.mint(K(1_500_000n))).wait();
  const safe = await asSafe();
  await (await coin.connect(safe).transfer(signers[9].address, K(500_000n))).wait();
  await (await coin.connect(safe).transfer(signers[10].address, K(100_000n))).wait();
  await hre.network.provider.send("hardhat_stopImpersonatingAccount", [deployed.safe]);
  // A burn through the Safe with real custodian signatures (an executed Safe transaction to decode).
  await proposeSignExecute({
    provider: hre.ethers.provider,
    executor: signers[0],
    safe: deployed.safe,
    records,
    calls: [{ action: "burn", contract: "SomStablecoin", args: ["100000.00", "REDEMPTION-1"] }],
    custodians: [localWallet(ACCOUNTS.custodians[0]), localWallet(ACCOUNTS.custodians[1])],
  });
  // A legal order: the compliance officer freezes (instant), the Safe wipes (DEFAULT_ADMIN_ROLE, the Safe's alone).
  const officer = signers[ACCOUNTS.officer];
  await (await coin.connect(officer).freeze(signers[10].address)).wait();
  await proposeSignExecute({
    provider: hre.ethers.provider,
    executor: signers[0],
    safe: deployed.safe,
    records,
    calls: [
      {
        action: "wipe",
        contract: "SomStablecoin",
        args: { account: signers[10].address, legalOrderRef: "COURT-ORDER-7" },
      },
    ],
    custodians: [localWallet(ACCOUNTS.custodians[0]), localWallet(ACCOUNTS.custodians[1])],
  });
  await time.increase(86400);
  await attest(SOM_RESERVES, K(2_100_000n), [4, 6]);
  // A third report through on-chain approvals (no signatures in calldata).
  await time.increase(3600);
  const report = {
    subject: SOM_RESERVES,
    value: K(2_050_000n),
    asOf: BigInt(await time.latest()) - 10n,
    docHash: keccak256(toUtf8Bytes("statement 3")),
    uri: "https://reserve.example.kg/3.pdf",
  };
  await (await registry.connect(signers[5]).approveReport(report)).wait();
  await (await registry.connect(signers[6]).approveReport(report)).wait();
  const safe2 = await asSafe();
  const token = (await createAssetAsSafe("cadastral:report-test-1", "Report Test Building", "RTB", 1000n)).connect(
    safe2,
  );
  await attest(assetIdFrom("cadastral:report-test-1"), K(800_000_000n));
  await (await token.mint(1000n)).wait();
  await syncAssetRecords({
    provider: hre.ethers.provider,
    root,
    network: "hardhat",
    assetTokenAbi: (await hre.artifacts.readArtifact("AssetToken")).abi,
  });
  await hre.network.provider.send("hardhat_stopImpersonatingAccount", [deployed.safe]);
  return { ...sys, token };
}

export function runOptions(
  root: string,
  config: ReportRunOptions["config"],
  extra: Partial<ReportRunOptions> = {},
): ReportRunOptions {
  return {
    provider: hre.ethers.provider,
    network: "hardhat",
    root,
    config,
    outDir: path.join(root, "reports", "hardhat"),
    collect: { now: () => new Date("2030-01-02T03:04:05Z") },
    ...extra,
  };
}
