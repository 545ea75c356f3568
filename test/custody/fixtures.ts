/**
 * Shared fixture: Safe v1.4.1 from the shipped artifacts, 2-of-3 and 3-of-5 reserve Safes, and the real system
 * (SomStablecoin, AttestationRegistry, IdentityRegistry, AssetFactory, the AssetToken beacon) controlled by them.
 */
import hre from "hardhat";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Wallet, getAddress, id, keccak256 } from "ethers";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { assetIdFrom, deployAssetStack } from "../../src/assets";
import type { ContractRecord } from "../../src/chain/records";
import { writeKeystore } from "../../src/chain/keystore";
import { assembleProposal, buildCall, currentNonce, loadProposalContext } from "../../src/custody/actions";
import type { CallRequest } from "../../src/custody/actions";
import { loadSafeArtifact } from "../../src/safe/artifacts";
import { createReserveSafe, ensureSafeInfrastructure, saltNonceFor } from "../../src/safe/deploy";
import type { SafeInfrastructure } from "../../src/safe/deploy";
import { executeProposal } from "../../src/custody/execute";
import type { ExecutionResult } from "../../src/custody/execute";
import { readProposal, writeProposal } from "../../src/custody/proposal";
import type { Proposal } from "../../src/custody/proposal";
import { signProposal } from "../../src/custody/review";
import type { RiskCode } from "../../src/custody/policy";
import { completeRecords, trustedView } from "../../src/custody/trusted";
import type { TrustedView } from "../../src/custody/trusted";
import type {
  AssetFactory,
  AssetToken,
  AttestationRegistry,
  AttestedValueSourceMock,
  IdentityRegistry,
  RescuableTokenMock,
  SomStablecoin,
  SomSupplyController,
} from "../../typechain-types";
import { configureMinter, deployStablecoinSystem, removeMinter } from "../../src/stablecoin/deploy";

export const PASSWORD = "custodian-test-password";
/** Five custodian keys (deterministic), keystores written once per process. */
export const CUSTODIANS: Wallet[] = [1, 2, 3, 4, 5].map((i) => new Wallet(id(`custodian-${i}`)));
export const KEY_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "custodians-"));
export const keystoreOf = (i: number): string => path.join(KEY_DIR, `custodian-${i}.json`);

let keystoresWritten: Promise<void> | undefined;
export function writeCustodianKeystores(): Promise<void> {
  keystoresWritten ??= Promise.all(CUSTODIANS.map((w, i) => writeKeystore(keystoreOf(i), w, PASSWORD, true))).then(
    () => undefined,
  );
  return keystoresWritten;
}

export interface SafeSetup {
  address: string;
  threshold: number;
  /** Indices into CUSTODIANS. */
  owners: number[];
}

export interface SafeFixture {
  infra: SafeInfrastructure;
  safe23: SafeSetup;
  safe35: SafeSetup;
}

export const rpc = (method: string, params: unknown[]): Promise<unknown> => hre.network.provider.send(method, params);

export async function safeFixture(): Promise<SafeFixture> {
  const [deployer] = await hre.ethers.getSigners();
  const infra = await ensureSafeInfrastructure(deployer, rpc, "Safe");
  const mk = async (owners: number[], threshold: number, label: string): Promise<SafeSetup> => {
    const created = await createReserveSafe(deployer, infra, {
      owners: owners.map((i) => CUSTODIANS[i].address),
      threshold,
      saltNonce: saltNonceFor(label),
    });
    return { address: created.address, threshold, owners };
  };
  return { infra, safe23: await mk([0, 1, 2], 2, "Reserve2of3"), safe35: await mk([0, 1, 2, 3, 4], 3, "Reserve3of5") };
}

export function recordOf(name: string, contract: string, address: string, abi: readonly unknown[]): ContractRecord {
  return {
    name,
    contract,
    address,
    abi,
    transactionHash: "0x",
    blockNumber: 0,
    args: [],
    compiler: "test",
    gitCommit: "test",
    chainId: 31337,
    deployedAt: new Date(0).toISOString(),
  };
}

/**
 * An implementation record as `npm run upgrade` writes it (contract name, runtime code hash, storage-layout
 * verdict).
 */
export async function implementationRecord(contract: string, address: string): Promise<ContractRecord> {
  return {
    ...recordOf(`Implementation:${contract}@${address}`, contract, address, await abiOf(contract)),
    preparedImplementation: {
      contractName: contract,
      runtimeCodeHash: keccak256(await hre.ethers.provider.getCode(address)),
      storageLayout:
        "compatible with the current implementation (validated by @openzeppelin/hardhat-upgrades prepareUpgrade)",
    },
  };
}

/** Stablecoin parameters of the fixture (docs/stablecoin.md defaults). */
export const SC = {
  name: "Som Stablecoin",
  symbol: "KGSC",
  decimals: 2,
  adminDelay: 3 * 24 * 3600,
  maxReserveAge: 2 * 24 * 3600,
  /** Attested reserves: 10,000,000.00 som (feed decimals = token decimals). */
  reserves: 10_000_000_00n,
  /** Minted into the reserve Safe at setup: 1,000,000.00 KGSC. */
  initialMint: 1_000_000_00n,
} as const;
export { SOM_RESERVES } from "../../src/chain/constants";
import { SOM_RESERVES } from "../../src/chain/constants";
export const ASSET_KEY = "cadastral:1-01-01-0001-0001";
export const ASSET_SYMBOL = "BGB1";
export const ASSET_RECORD = "BishkekBuilding1";
export const COUNTRY_KG = "417";
/** 2100-01-01T00:00:00Z: a KYC expiry that never lapses during the tests. */
export const FAR_EXPIRY = "4102444800";

/** Everything the tooling needs for one Safe: the real system with the Safe as its reserve and admin. */
export interface ReserveEnv {
  safe: SafeSetup;
  infra: SafeInfrastructure;
  records: ContractRecord[];
  /** SomStablecoin behind its UUPS proxy; reserve = the Safe; every role and DEFAULT_ADMIN = the Safe. */
  token: SomStablecoin;
  /**
   * SomSupplyController, the token's only minter (record "SomSupplyController"); MINTER_ADMIN_ROLE and
   * DEFAULT_ADMIN = the Safe.
   */
  controller: SomSupplyController;
  tokenRecord: string;
  /** The stablecoin's reserve feed (mock attestation source with a fresh SOM_RESERVES report). */
  feed: AttestedValueSourceMock;
  /** A stray ERC-20 sent to the stablecoin by mistake (record "StrayToken"), for rescueERC20. */
  stray: RescuableTokenMock;
  /** The real M-of-N AttestationRegistry (admin = the Safe), valuation source of the assets. */
  registry: AttestationRegistry;
  identity: IdentityRegistry;
  factory: AssetFactory;
  beacon: string;
  /** One asset token created by the Safe through the factory (record ASSET_RECORD). */
  asset: AssetToken;
  /** Implementations prepared with upgrades.prepareUpgrade (storage layout validated). */
  stablecoinV2: string;
  assetTokenV2: string;
  /** Verified holder with 1.00 KGSC and 100 asset shares. */
  holder: string;
  /** Verified account without balances. */
  other: string;
  attestors: string[];
  dir: string;
}

async function abiOf(name: string): Promise<readonly unknown[]> {
  return (await hre.artifacts.readArtifact(name)).abi;
}

/**
 * Deploys the real system around `safe` the way deployment does: the stablecoin proxy initialized with a
 * deployer admin that hands DEFAULT_ADMIN_ROLE to the Safe (two-step, accepted by a Safe transaction after
 * the delay); the attestation registry and the asset stack initialized with the Safe as admin directly.
 */
export async function reserveEnv(safe: SafeSetup, infra: SafeInfrastructure): Promise<ReserveEnv> {
  const signers = await hre.ethers.getSigners();
  const [deployer, holder, other] = signers;
  const attestors = signers.slice(10, 13).map((s) => s.address);

  const feed = await hre.ethers.deployContract("AttestedValueSourceMock", [SC.decimals]);
  await feed.setReport(SOM_RESERVES, SC.reserves, await time.latest());
  const { token, controller } = await deployStablecoinSystem(
    hre,
    deployer,
    SC.adminDelay,
    {
      name: SC.name,
      symbol: SC.symbol,
      decimals: SC.decimals,
      reserve: safe.address,
      reserveFeed: await feed.getAddress(),
      maxReserveAge: SC.maxReserveAge,
    },
    deployer.address,
  );
  for (const role of ["UPGRADER_ROLE", "BURNER_ROLE", "PAUSER_ROLE", "COMPLIANCE_ROLE", "RESCUER_ROLE"]) {
    await token.grantRole(id(role), safe.address);
  }
  for (const role of ["UPGRADER_ROLE", "MINTER_ADMIN_ROLE"]) await controller.grantRole(id(role), safe.address);
  // the initial issuance: a deployer minter mints once into the reserve (the Safe) through the supply controller,
  // then leaves
  await configureMinter(controller, {
    address: deployer.address,
    allowance: SC.initialMint,
    rateLimit: { capacity: SC.initialMint, refillPerSecond: 0n },
  });
  await controller.mint(SC.initialMint);
  await removeMinter(controller, deployer.address);
  await controller.renounceRole(id("MINTER_ADMIN_ROLE"), deployer.address);
  await token.beginDefaultAdminTransfer(safe.address);
  await controller.beginDefaultAdminTransfer(safe.address);

  const stray = await hre.ethers.deployContract("RescuableTokenMock");
  await stray.mint(await token.getAddress(), 500_000000000000000000n); // 500 STRAY stuck in the stablecoin

  const registry = (await hre.upgrades.deployProxy(
    await hre.ethers.getContractFactory("AttestationRegistry"),
    [safe.address, SC.adminDelay, SC.decimals, attestors, 2, 3600],
    { kind: "uups" },
  )) as unknown as AttestationRegistry;
  const stack = await deployAssetStack(hre, {
    deployer,
    admin: safe.address,
    kycOfficer: safe.address,
    upgrader: safe.address,
    reserve: safe.address,
    creator: safe.address,
    valuationSource: await registry.getAddress(),
  });
  const stablecoinV2 = String(
    await hre.upgrades.prepareUpgrade(
      await token.getAddress(),
      await hre.ethers.getContractFactory("SomStablecoinV2Mock"),
      { kind: "uups" },
    ),
  );
  const assetTokenV2 = String(
    await hre.upgrades.prepareUpgrade(stack.beacon, await hre.ethers.getContractFactory("AssetTokenV2Mock")),
  );

  const records = [
    recordOf("SomStablecoin", "SomStablecoin", await token.getAddress(), await abiOf("SomStablecoin")),
    recordOf(
      "SomSupplyController",
      "SomSupplyController",
      await controller.getAddress(),
      await abiOf("SomSupplyController"),
    ),
    recordOf("StrayToken", "RescuableTokenMock", await stray.getAddress(), await abiOf("RescuableTokenMock")),
    recordOf(
      "AttestationRegistry",
      "AttestationRegistry",
      await registry.getAddress(),
      await abiOf("AttestationRegistry"),
    ),
    recordOf(
      "IdentityRegistry",
      "IdentityRegistry",
      await stack.identityRegistry.getAddress(),
      await abiOf("IdentityRegistry"),
    ),
    recordOf("AssetFactory", "AssetFactory", await stack.factory.getAddress(), await abiOf("AssetFactory")),
    recordOf("AssetTokenBeacon", "UpgradeableBeacon", stack.beacon, await abiOf("UpgradeableBeacon")),
    recordOf("ReserveSafe", "Safe", safe.address, loadSafeArtifact("Safe").abi as readonly unknown[]),
    await implementationRecord("SomStablecoinV2Mock", stablecoinV2),
    await implementationRecord("AssetTokenV2Mock", assetTokenV2),
  ];
  RECORDS_BY_SAFE.set(safe.address.toLowerCase(), records);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "proposals-"));
  const partial = {
    safe,
    infra,
    records,
    token,
    controller,
    tokenRecord: "SomStablecoin",
    feed,
    stray,
    registry,
    identity: stack.identityRegistry,
    factory: stack.factory,
    beacon: stack.beacon,
    stablecoinV2,
    assetTokenV2,
    holder: holder.address,
    other: other.address,
    attestors,
    dir,
  };

  // the Safe accepts the stablecoin admin after the delay; the reserve feed gets a fresh report
  await time.increase(SC.adminDelay + 1);
  await feed.setReport(SOM_RESERVES, SC.reserves, await time.latest());
  await token.syncReserves();
  const env = { ...partial, asset: undefined as unknown as AssetToken };
  await runThroughSafe(env, [
    { action: "acceptDefaultAdminTransfer", contract: "SomStablecoin" },
    { action: "acceptDefaultAdminTransfer", contract: "SomSupplyController" },
  ]);
  // the Safe creates one asset through the factory
  await runThroughSafe(env, [
    { action: "createAsset", contract: "AssetFactory", args: { params: assetParamsArg(safe.address) } },
  ]);
  const assetAddress = await stack.factory.assetById(assetIdFrom(ASSET_KEY));
  env.asset = await hre.ethers.getContractAt("AssetToken", assetAddress);
  records.splice(records.length - 1, 0, recordOf(ASSET_RECORD, "AssetToken", assetAddress, await abiOf("AssetToken")));
  // KYC two accounts, mint 1,000 shares into the reserve, distribute 100 shares and 1.00 KGSC to the holder
  await runThroughSafe(env, [
    {
      action: "registerIdentities",
      contract: "IdentityRegistry",
      args: [
        [holder.address, other.address],
        [COUNTRY_KG, COUNTRY_KG],
        [FAR_EXPIRY, FAR_EXPIRY],
      ],
    },
    { action: "mint", contract: ASSET_RECORD, args: { amount: "1000" } },
    { action: "distribute", contract: ASSET_RECORD, args: { to: holder.address, amount: "100" } },
    { action: "distribute", contract: "SomStablecoin", args: { to: holder.address, value: "1.00" } },
  ]);
  return env;
}

/** createAsset parameters in human form (the Safe holds every asset role). */
export function assetParamsArg(safe: string, key = ASSET_KEY, symbol = ASSET_SYMBOL): Record<string, string> {
  return {
    assetId: `keccak:${key}`,
    name: "Bishkek Government Building 1",
    symbol,
    decimals: "0",
    assetClass: "RealEstate",
    jurisdiction: COUNTRY_KG,
    custodian: safe,
    totalShares: "1000000",
    admin: safe,
    issuer: safe,
    enforcer: safe,
    pauser: safe,
  };
}

let counter = 0;

/** propose: writes a proposal file for `requests` (one call, or a MultiSendCallOnly batch). */
export async function proposeToFile(
  env: ReserveEnv,
  requests: CallRequest[],
  opts: { nonce?: bigint; file?: string } = {},
): Promise<string> {
  const provider = hre.ethers.provider;
  const context = await loadProposalContext(provider, env.records, env.safe.address);
  const calls = requests.map((r) => buildCall(context, r));
  const proposal = assembleProposal({
    chainId: 31337,
    safe: env.safe.address,
    nonce: opts.nonce ?? (await currentNonce(provider, env.safe.address)),
    calls,
    context,
    multiSendCallOnly: env.infra.multiSendCallOnly,
    description: requests.map((r) => r.action ?? r.fn).join(" + "),
  });
  const file = opts.file ?? path.join(env.dir, `proposal-${++counter}.json`);
  writeProposal(file, proposal);
  return file;
}

/** sign: one custodian, one separate step, from the file, with the key from its keystore. */
export async function signFile(
  file: string,
  custodian: number,
  allow: RiskCode[] = [],
  view?: TrustedView,
): Promise<Proposal> {
  await writeCustodianKeystores();
  const { decryptKeystore } = await import("../../src/chain/keystore");
  const wallet = await decryptKeystore(keystoreOf(custodian), PASSWORD);
  const p = readProposal(file);
  const { proposal } = await signProposal(p, wallet, view ?? (await viewFor(p.safe)), { allow }, file);
  writeProposal(file, proposal);
  return proposal;
}

export async function executeFile(file: string, allow: RiskCode[] = [], view?: TrustedView): Promise<ExecutionResult> {
  const [executor] = await hre.ethers.getSigners();
  const p = readProposal(file);
  return executeProposal(executor, p, view ?? (await viewFor(p.safe)), { allow });
}

/** The records of each fixture Safe (the custodians' own records), by Safe address. */
export const RECORDS_BY_SAFE = new Map<string, ContractRecord[]>();

/**
 * Records completed from chain, per records list: by its length and the chain's latest block hash. The view is a
 * function of the records and the chain state, so a test's propose, signatures and execution (no block between
 * them), and every test restored to the same fixture snapshot, share one completion (token metadata and owners
 * read once, not three or four times per test). These fixtures change state only by mining blocks.
 */
const completedRecordsCache = new WeakMap<readonly ContractRecord[], Map<string, ContractRecord[]>>();

async function completedFromChain(records: readonly ContractRecord[], safe: string): Promise<ContractRecord[]> {
  const head = await hre.ethers.provider.getBlock("latest");
  if (!head?.hash) return completeRecords(hre.ethers.provider, records, safe);
  const key = `${getAddress(safe)}:${records.length}:${head.hash}`;
  let bySafeAndHead = completedRecordsCache.get(records);
  if (!bySafeAndHead) completedRecordsCache.set(records, (bySafeAndHead = new Map()));
  let completed = bySafeAndHead.get(key);
  if (!completed) bySafeAndHead.set(key, (completed = await completeRecords(hre.ethers.provider, records, safe)));
  return [...completed];
}

/**
 * The custodians' trusted view for the fixture Safe at `safe`: its records, completed from chain as deploy/status
 * write them.
 */
export async function viewFor(safe: string): Promise<TrustedView> {
  // a file re-pointed at another Safe is reviewed against the latest fixture's records (as a custodian's would be)
  const records = RECORDS_BY_SAFE.get(safe.toLowerCase()) ?? [...RECORDS_BY_SAFE.values()].pop();
  if (!records) throw new Error(`no fixture records for Safe ${safe}`);
  const safeRecord = records.find((r) => r.name === "ReserveSafe");
  return trustedView(await completedFromChain(records, safeRecord?.address ?? safe));
}

/** The records of `env` completed from chain (token metadata, owners/threshold), as a deploy writes them. */
export async function completedRecords(env: ReserveEnv): Promise<ContractRecord[]> {
  return completeRecords(hre.ethers.provider, env.records, env.safe.address);
}

/** propose -> threshold-many signatures (separate steps) -> execute. */
export async function runThroughSafe(
  env: ReserveEnv,
  requests: CallRequest[],
  allow: RiskCode[] = [],
): Promise<ExecutionResult> {
  const file = await proposeToFile(env, requests);
  for (const i of env.safe.owners.slice(0, env.safe.threshold)) await signFile(file, i, allow);
  return executeFile(file);
}
