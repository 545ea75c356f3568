/**
 * The whole system deployed by the real deployment code (src/deploy/system.ts) on the in-process
 * chain, with typed handles, for integration tests. Records go to a temporary folder.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ZeroAddress, keccak256, toUtf8Bytes } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { assetIdFrom } from "../../src/assets/ids";
import type { TransactionReceipt } from "ethers";
import { signReport, submitSignedReport } from "../../src/attestation";
import { loadDeployConfig } from "../../src/deploy/config";
import type { DeployConfig } from "../../src/deploy/config";
import { readRecords } from "../../src/chain/records";
import type { ContractRecord } from "../../src/chain/records";
import { deploySystem } from "../../src/deploy/system";
import {
  AssetFactory__factory,
  AssetToken__factory,
  AttestationRegistry__factory,
  IdentityRegistry__factory,
  SomStablecoin__factory,
  SomSupplyController__factory,
} from "../../typechain-types";
import type { AssetToken } from "../../typechain-types";
import { localAccountWallet as localWallet } from "../../src/chain/localKeys";
import { ACCOUNT } from "../../src/mainjob/context";
import { PROJECT_ROOT } from "./cli";
import { waitForChainTime } from "../../src/guard/wait";
import type { FlowGuard } from "../../src/custody/flow";

export { localWallet };

/** Account indexes of deploy/config/hardhat.json: the main job's (one table of who is which local account). */
export const ACCOUNTS = ACCOUNT;

/**
 * deploy/config/hardhat.json without its `market` section: the system most tests exercise, whose Safe may send
 * stablecoin to any test account (with the market, the deployment installs the DistributionRule: licensed
 * counterparties only). Tests of the deployed market pass an override that keeps it.
 */
export function withoutMarket(c: DeployConfig): DeployConfig {
  return { ...c, market: undefined };
}

export async function deploySystemFixture(configOverride: (c: DeployConfig) => DeployConfig = withoutMarket) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-system-"));
  const loaded = loadDeployConfig(PROJECT_ROOT, "hardhat");
  const config = configOverride(loaded);
  const deployed = await deploySystem({ hre, config, root, log: () => undefined });
  const signers = await hre.ethers.getSigners();
  const records = readRecords(root, "hardhat");
  const at = (name: string): string => {
    const r = records.find((x) => x.name === name);
    if (!r) throw new Error(`no record ${name}`);
    return r.address;
  };
  const coin = SomStablecoin__factory.connect(at("SomStablecoin"), signers[ACCOUNTS.minter]);
  /** The token's only minter, connected as the configured minter: mints go through it. */
  const controller = SomSupplyController__factory.connect(at("SomSupplyController"), signers[ACCOUNTS.minter]);
  const registry = AttestationRegistry__factory.connect(at("AttestationRegistry"), signers[ACCOUNTS.relayer]);
  const identity = IdentityRegistry__factory.connect(at("IdentityRegistry"), signers[ACCOUNTS.officer]);
  const factory = AssetFactory__factory.connect(at("AssetFactory"), signers[0]);

  /** Attestors `by` sign a report for `subject` offline; a relayer submits it. */
  const attest = async (
    subject: string,
    value: bigint,
    by: readonly number[] = ACCOUNTS.attestors.slice(0, 2),
    asOfAgo = 10n,
  ): Promise<TransactionReceipt> => {
    const report = {
      chainId: 31337n,
      registry: at("AttestationRegistry"),
      report: {
        subject,
        value,
        asOf: BigInt(await time.latest()) - asOfAgo,
        docHash: keccak256(toUtf8Bytes(`doc ${subject} ${value}`)),
        uri: "",
      },
    };
    const sigs = [];
    for (const i of by) sigs.push(await signReport(report, localWallet(i)));
    return submitSignedReport(report, sigs, signers[ACCOUNTS.relayer]);
  };
  /**
   * The reserve Safe as a direct signer (impersonated and funded): for tests about something other
   * than custody. Custody itself is tested through real signatures in test/safe/ and test/deploy/.
   */
  const asSafe = async (): Promise<HardhatEthersSigner> => {
    await hre.network.provider.send("hardhat_impersonateAccount", [deployed.safe]);
    await hre.network.provider.send("hardhat_setBalance", [deployed.safe, "0x56BC75E2D63100000"]);
    return hre.ethers.getSigner(deployed.safe);
  };

  /**
   * The Safe creates an asset (whole shares, the officer as pauser, a different key as enforcer: the KYC
   * officer never holds ENFORCER_ROLE) and configures its valuation subject.
   */
  const createAssetAsSafe = async (
    key: string,
    name: string,
    symbol: string,
    totalShares: bigint,
  ): Promise<AssetToken> => {
    const safe = await asSafe();
    const officer = signers[ACCOUNTS.officer].address;
    const assetId = assetIdFrom(key);
    await (
      await factory.connect(safe).createAsset({
        assetId,
        name,
        symbol,
        decimals: 0,
        assetClass: 0,
        jurisdiction: 417,
        custodian: officer,
        totalShares,
        admin: deployed.safe,
        issuer: deployed.safe,
        enforcer: signers[ACCOUNTS.enforcer].address,
        pauser: officer,
      })
    ).wait();
    await (
      await registry.connect(safe).configureSubject(assetId, config.attestation.assetValuation.maxAge, 0, ZeroAddress)
    ).wait();
    return AssetToken__factory.connect(await factory.assetById(assetId), safe);
  };
  /** The deployment's ReserveGuard for the custodian cycle: custodian 1 announces, the local clock passes the delay. */
  const guardRec = records.find((r) => r.name === "ReserveGuard");
  const guard: FlowGuard | undefined = guardRec
    ? {
        address: guardRec.address,
        announcer: localWallet(ACCOUNTS.custodians[0]).connect(hre.ethers.provider),
        passDelay: (at) => waitForChainTime(hre.ethers.provider, at, { advanceLocalClock: true }),
      }
    : undefined;
  return {
    root,
    config,
    deployed,
    safe: deployed.safe,
    guard,
    records: records as ContractRecord[],
    at,
    signers,
    coin,
    controller,
    registry,
    identity,
    factory,
    attest,
    asSafe,
    createAssetAsSafe,
  };
}

const pristineRoots = new Map<string, string>();
const keepingRoot = new Map<unknown, unknown>();

/**
 * `loadFixture` for a fixture that keeps files beside its chain (a `root` folder: records, journal, reports,
 * caches): the chain comes back from the fixture's snapshot, and `root` is a fresh copy of the folder as the
 * fixture left it. Without it the files a test writes (a new record, a report cache) outlive the snapshot's
 * revert and reach the next test that loads the same fixture, in the same file or in another test file that
 * the same mocha worker runs later (a record of a contract that the reverted chain no longer has).
 */
export async function loadFixtureWithRoot<T extends { root: string }>(fixture: () => Promise<T>): Promise<T> {
  let wrapped = keepingRoot.get(fixture) as (() => Promise<T>) | undefined;
  if (!wrapped) {
    wrapped = async (): Promise<T> => {
      const f = await fixture();
      const pristine = fs.mkdtempSync(path.join(os.tmpdir(), "som-fixture-pristine-"));
      fs.cpSync(f.root, pristine, { recursive: true });
      pristineRoots.set(f.root, pristine);
      return f;
    };
    Object.defineProperty(wrapped, "name", { value: fixture.name }); // loadFixture refuses anonymous fixtures
    keepingRoot.set(fixture, wrapped);
  }
  const f = await loadFixture(wrapped);
  const pristine = pristineRoots.get(f.root);
  if (!pristine) throw new Error(`no pristine copy of the fixture folder ${f.root}`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-fixture-root-"));
  fs.cpSync(pristine, root, { recursive: true });
  return { ...f, root };
}

/** The deployed system at its snapshot, with a fresh copy of its records folder ({@link loadFixtureWithRoot}). */
export async function loadSystem(): Promise<Awaited<ReturnType<typeof deploySystemFixture>>> {
  return loadFixtureWithRoot(deploySystemFixture);
}
