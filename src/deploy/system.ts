/**
 * Deploys the whole system from a validated {@link DeployConfig} as a PLAN of named steps run by the
 * journal engine (steps.ts), writes deployment records (records.ts), and hands every power to the
 * reserve Safe. Every contract call is typed (TypeChain factories); every contract is deployed by
 * its domain's deploy function (src/<domain>/deploy.ts), the same ones fixtures and benchmarks use.
 *
 * The plan ({@link systemPlan}), in order:
 *  1. Safe v1.4.1 contracts (local chains: deployed from the shipped artifacts at their canonical
 *     addresses; public chains: the canonical deployments, checked by code hash).
 *  2. AttestationRegistry, SomStablecoin, IdentityRegistry (UUPS), AssetToken beacon, AssetFactory
 *     (UUPS), the Chainlink-compatible reserve adapter. The deployer is their temporary default admin
 *     with a zero admin delay.
 *  3. The reserve Safe's address: predicted (CREATE2) from its owners, threshold, salt and `setup`
 *     hand-over batch, or the configured existing Safe.
 *  4. Wiring by the deployer: SOM_RESERVES subject, minters, roles, reserves, renounces,
 *     `beginDefaultAdminTransfer(safe)` on every contract; the beacon's ownership to the Safe.
 *  5. The reserve Safe is created; its `setup` delegatecalls MultiSendCallOnly to accept the default
 *     admin role on every contract and restore the admin delay, in its creation transaction. An
 *     existing Safe instead gets a hand-over proposal file to sign with the custodian tooling.
 *  6. The roles matrix is read back from the chain; the run fails if the deployer still holds
 *     anything or if the chain differs from the configuration.
 *
 * To add a step, insert a {@link PlanStep} into the list in {@link systemPlan} at its place (its name
 * is its journal key and must be unique), and a record name in {@link RECORD} for a new contract.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
// Type extensions only (hre.ethers, hre.upgrades): the plugins themselves are loaded by hardhat.config.ts.
import type {} from "@nomicfoundation/hardhat-ethers";
import type {} from "@openzeppelin/hardhat-upgrades";
import type { BaseContract, Signer, TransactionReceipt, TransactionResponse } from "ethers";
import { ZeroAddress, getAddress, keccak256, toUtf8Bytes } from "ethers";
import {
  AssetFactory__factory,
  AttestationRegistry__factory,
  IdentityRegistry__factory,
  ReserveAggregatorAdapter__factory,
  SomStablecoin__factory,
  SomSupplyController__factory,
  UpgradeableBeacon__factory,
} from "../../typechain-types";
import type { AssetFactory, AttestationRegistry, IdentityRegistry, SomStablecoin, SomSupplyController, UpgradeableBeacon } from "../../typechain-types";
import { UserError } from "../chain/errors";
import { SOM_RESERVES } from "../chain/constants";
import { formatAmount } from "../chain/amounts";
import type { DeployConfig, RoleAssignments } from "./config";
import { isNewSafe } from "./config";
import { DeployJournal } from "./journal";
import type { ContractRecord, ImplementationEntry, ProxyInfo } from "../chain/records";
import { deploymentsDir, readRecord, recordReceipt, writeDeployedAddresses, writeRecord, writeSolcInput } from "../chain/records";
import type { ContractRoles } from "./roles";
import { formatRolesMatrix, keysHoldingKycAndEnforcement, powersHeldBy, readContractRoles } from "./roles";
import { LOCAL_NETWORKS } from "./config";
import { checkGuardInstallable, delaySelectorsCall, deployGuardContracts, disableModuleCall, guardOf, guardedSetupCall, requireDelayedSet, setFallbackHandlerCall, setGuardCall } from "../guard";
import type { Created, Log, PlanStep, StepContext } from "./steps";
import { create2Step, createStep, deployerGasSince, logSent, recordGas, runPlan, stateStep } from "./steps";
import { ADAPTER_DESCRIPTION, adapterArgs, deployAttestationRegistry, deployReserveAdapter, registryInitArgs } from "../attestation/deploy";
import { deployStablecoin, deploySupplyController, minterMatches, stablecoinInitArgs, supplyControllerInitArgs } from "../stablecoin/deploy";
import type { MinterSettings } from "../stablecoin/deploy";
import { assetFactoryInitArgs, deployAssetFactory, deployAssetTokenBeacon, deployIdentityRegistry, identityInitArgs } from "../assets/deploy";
import {
  createReserveSafe,
  deployLocalSafeContract,
  SAFE_SENTINEL,
  fallbackHandlerOf,
  isLocalChain,
  modulesOf,
  localSafeCreation,
  planReserveSafe,
  resolveSafeInfrastructure,
  verifySafeSetup,
} from "../safe/deploy";
import type { SafeCreationPlan, SafeInfrastructure } from "../safe/deploy";
import { loadSafeArtifact } from "../safe/artifacts";
import type { SafeContractName, SingletonName } from "../safe/artifacts";
import { labelOwners, readSafeOwners, readTokenMetadata } from "../custody/trusted";
import { encodeMultiSendCall } from "../safe/multisend";
import type { InnerCall } from "../safe/multisend";
import { assembleProposal, buildCall, currentNonce, loadProposalContext } from "../custody/actions";
import { proposalToJson } from "../custody/proposal";

export { SOM_RESERVES, ADAPTER_DESCRIPTION };

/** Record names used in deployments/<network>/. */
export const RECORD = {
  safeSingleton: "Safe",
  safeProxyFactory: "SafeProxyFactory",
  safeMultiSend: "MultiSendCallOnly",
  reserveSafe: "ReserveSafe",
  registry: "AttestationRegistry",
  stablecoin: "SomStablecoin",
  supplyController: "SomSupplyController",
  identity: "IdentityRegistry",
  assetBeacon: "AssetTokenBeacon",
  assetFactory: "AssetFactory",
  adapter: "SomReservesAggregator",
} as const;

const SAFE_COMPILER = "canonical artifact @safe-global/safe-contracts@1.4.1";

export interface DeployOptions {
  hre: HardhatRuntimeEnvironment;
  config: DeployConfig;
  /** Folder that holds `deployments/` (the project root, or a temporary folder for dry runs). */
  root: string;
  log: Log;
  /** The account that deploys; defaults to the network's first signer. */
  deployer?: Signer;
  /**
   * What a run that finds the deployment already complete does when the chain differs from the
   * configuration: "fail" (default: the deploy command; a role granted since, e.g. by a stolen key, is
   * an error) or "report" (log each difference as a note: the main job, whose earlier runs governed the
   * system through the Safe, e.g. the market chapter's BURNER_ROLE for its RedemptionDesk). A run that
   * sent anything always fails on a difference.
   */
  driftAfterHandover?: "fail" | "report";
}

export interface DeploymentResult {
  network: string;
  chainId: number;
  deployer: string;
  safe: string;
  records: Record<string, ContractRecord>;
  matrix: ContractRoles[];
  /** Transactions of this run, with gas, per step. */
  gasUsed: { step: string; gas: bigint }[];
  /** Every transaction the deployer sent in this run (including the upgrades plugin's), and their gas. */
  transactions: number;
  totalGas: bigint;
  /** True when nothing was left to do. */
  alreadyComplete: boolean;
  /** Hand-over proposal file for an existing Safe, when one was written. */
  handoverProposal?: string;
}

/** The deployment cannot complete as configured (user-fixable: config, account, chain state). */
export class DeployError extends UserError {}

/** Contracts whose default admin is handed to the Safe (two-step AccessControlDefaultAdminRules). */
type AdminRules = Pick<SomStablecoin, "hasRole" | "grantRole" | "renounceRole" | "beginDefaultAdminTransfer" | "pendingDefaultAdmin" | "defaultAdmin">;

/** Everything the plan's steps share: the configuration, the chain, and what earlier steps produced. */
export interface SystemState {
  hre: HardhatRuntimeEnvironment;
  config: DeployConfig;
  root: string;
  network: string;
  chainId: number;
  deployer: Signer;
  deployerAddress: string;
  commit: string;
  /** The Safe singleton the reserve Safe is a proxy of. */
  singletonName: SingletonName;
  infra?: SafeInfrastructure;
  /** The reserve Safe: predicted (new) or configured (existing); "" until step 3. */
  safe: string;
  safePlan?: SafeCreationPlan;
  /** Record name -> address, filled as contracts are created. */
  address: Record<string, string>;
  records: Record<string, ContractRecord>;
  handoverProposal?: string;
  /** The ReserveGuard and its setup helper, when the config asks for a guard (docs/guard.md). */
  guard?: { guard: string; setup: string };
  /** Resolves "@safe", "@account:N" and 0x addresses. */
  resolve: (ref: string) => string;
}

function gitCommit(root: string): string {
  try {
    const sha = execSync("git rev-parse HEAD", { cwd: root, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    const dirty = execSync("git status --porcelain --untracked-files=no", { cwd: root, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
    return dirty ? `${sha}-dirty` : sha;
  } catch {
    return "unknown";
  }
}

interface Compilation {
  compiler: string;
  solcInputHash?: string;
}

/** solc long version and the compiler input's hash (written to solcInputs/) of a project contract; read lazily, once. */
function compilation(contract: string): (s: SystemState) => Promise<Compilation> {
  return async (s) => {
    const artifact = await s.hre.artifacts.readArtifact(contract);
    const info = await s.hre.artifacts.getBuildInfo(`${artifact.sourceName}:${artifact.contractName}`);
    if (!info) return { compiler: s.hre.config.solidity.compilers[0]?.version ?? "unknown" };
    writeSolcInput(s.root, s.network, info.id, info.input);
    return { compiler: info.solcLongVersion, solcInputHash: info.id };
  };
}

const safeCompilation = async (): Promise<Compilation> => ({ compiler: SAFE_COMPILER });

const jsonSafe = (args: readonly unknown[]): unknown[] =>
  JSON.parse(JSON.stringify(args, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as unknown[];

interface RecordInput {
  name: string;
  contract: string;
  abi: readonly unknown[];
  created: Created;
  args: readonly unknown[];
  /** Read only when the record is written (build info files are large). */
  compiled: (s: SystemState) => Promise<Compilation>;
  proxy?: ProxyInfo;
  /** Artifact of the first implementation (proxies and beacons), for the implementation history. */
  implementationContract?: string;
  /** The reserve Safe's owners (labelled from the config) and threshold: what offline signers render with. */
  safe?: ContractRecord["safe"];
}

/** Writes (or keeps, when it already describes this address) the record of a created contract. */
async function saveRecord(s: SystemState, r: RecordInput): Promise<void> {
  const existing = readRecord(s.root, s.network, r.name);
  if (existing && existing.address.toLowerCase() === r.created.address.toLowerCase()) {
    s.records[r.name] = existing;
    return;
  }
  const receipt = r.created.transactionHash.startsWith("0x") ? await s.hre.ethers.provider.getTransactionReceipt(r.created.transactionHash) : null;
  const { compiler, solcInputHash } = await r.compiled(s);
  const history: ImplementationEntry[] | undefined = r.proxy
    ? [{ implementation: r.proxy.implementation, contract: r.implementationContract ?? r.contract, sinceBlock: r.created.blockNumber }]
    : undefined;
  const record: ContractRecord = {
    name: r.name,
    contract: r.contract,
    address: getAddress(r.created.address),
    abi: r.abi,
    transactionHash: r.created.transactionHash,
    blockNumber: r.created.blockNumber,
    ...(receipt ? { receipt: recordReceipt(receipt) } : {}),
    args: jsonSafe(r.args),
    ...(r.proxy && r.proxy.kind !== "beacon" ? { implementation: r.proxy.implementation } : {}),
    ...(solcInputHash ? { solcInputHash } : {}),
    numDeployments: 1,
    ...(r.proxy ? { proxy: r.proxy, implementationHistory: history } : {}),
    // ERC-20 metadata read from chain: what an offline signer renders amounts with (docs/custodian.md).
    ...(await readTokenMetadata(s.hre.ethers.provider, r.abi, r.created.address).then((token) => (token ? { token } : {}))),
    ...(r.safe ? { safe: r.safe } : {}),
    compiler,
    gitCommit: s.commit,
    chainId: s.chainId,
    deployedAt: new Date().toISOString(),
  };
  writeRecord(s.root, s.network, record);
  s.records[r.name] = record;
}

/** Waits for a freshly sent deployment, logging it as sent first, and reports where it landed. */
async function landed(ctx: StepContext, step: string, deployed: BaseContract): Promise<Created> {
  const tx = deployed.deploymentTransaction();
  logSent(ctx, step, tx?.hash);
  await deployed.waitForDeployment();
  const receipt = await tx?.wait();
  recordGas(ctx, step, receipt ?? null);
  return { address: await deployed.getAddress(), transactionHash: tx?.hash ?? "unknown", blockNumber: receipt?.blockNumber ?? 0 };
}

/** Sends one transaction of a state step, logging it as sent, and waits for it. */
async function sent(ctx: StepContext, step: string, p: Promise<TransactionResponse>): Promise<TransactionReceipt | null> {
  const tx = await p;
  logSent(ctx, step, tx.hash);
  return tx.wait();
}

const get = (s: SystemState, name: string): string => {
  const a = s.address[name];
  if (!a) throw new Error(`internal: ${name} is used before its step ran`);
  return a;
};
const registryOf = (s: SystemState): AttestationRegistry => AttestationRegistry__factory.connect(get(s, RECORD.registry), s.deployer);
const stablecoinOf = (s: SystemState): SomStablecoin => SomStablecoin__factory.connect(get(s, RECORD.stablecoin), s.deployer);
const controllerOf = (s: SystemState): SomSupplyController => SomSupplyController__factory.connect(get(s, RECORD.supplyController), s.deployer);
const identityOf = (s: SystemState): IdentityRegistry => IdentityRegistry__factory.connect(get(s, RECORD.identity), s.deployer);
const factoryOf = (s: SystemState): AssetFactory => AssetFactory__factory.connect(get(s, RECORD.assetFactory), s.deployer);
const beaconOf = (s: SystemState): UpgradeableBeacon => UpgradeableBeacon__factory.connect(get(s, RECORD.assetBeacon), s.deployer);

/** The contracts whose roles the config assigns, by the config's section name. */
function rolesTarget(s: SystemState, section: keyof DeployConfig["roles"]): AdminRules {
  switch (section) {
    case "stablecoin":
      return stablecoinOf(s);
    case "supplyController":
      return controllerOf(s);
    case "attestation":
      return registryOf(s);
    case "identity":
      return identityOf(s);
    case "assetFactory":
      return factoryOf(s);
    case "assets":
      throw new Error("internal: asset-token roles are given at createAsset (roles.assets), not by the deployment");
  }
}

/** OpenZeppelin role ids are keccak256 of their names (checked against the contracts' getters when read back). */
const roleId = (role: string): string => (role === "DEFAULT_ADMIN_ROLE" ? `0x${"0".repeat(64)}` : keccak256(toUtf8Bytes(role)));

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

async function isLiveProxy(s: SystemState, address: string, check: () => Promise<boolean>): Promise<boolean> {
  try {
    return (await s.hre.upgrades.erc1967.getImplementationAddress(address)) !== ZeroAddress && (await check());
  } catch {
    return false;
  }
}

// ----------------------------------------------------------------------------------------------
// Step builders
// ----------------------------------------------------------------------------------------------

/** A UUPS proxy created by CREATE (through the upgrades plugin), adopted on resume when `identify` recognises it. */
function uupsStep(
  name: string,
  contract: string,
  abi: () => readonly unknown[],
  deploy: (s: SystemState) => Promise<{ contract: BaseContract; args: readonly unknown[] }>,
  identify: (s: SystemState, address: string) => Promise<boolean>,
): PlanStep<SystemState> {
  return {
    name,
    run: async (s, ctx) => {
      let args: readonly unknown[] = [];
      const created = await createStep(
        ctx,
        name,
        async () => {
          const d = await deploy(s);
          args = d.args;
          return landed(ctx, name, d.contract);
        },
        (address) => isLiveProxy(s, address, () => identify(s, address)),
      );
      s.address[name] = created.address;
      if (args.length === 0) args = (await deployArgsFromRecord(s, name)) ?? [];
      const implementation = await s.hre.upgrades.erc1967.getImplementationAddress(created.address);
      await saveRecord(s, { name, contract, abi: abi(), created, args, compiled: compilation(contract), proxy: { kind: "uups", implementation } });
      return !created.skipped;
    },
  };
}

async function deployArgsFromRecord(s: SystemState, name: string): Promise<readonly unknown[] | undefined> {
  return readRecord(s.root, s.network, name)?.args ?? planArgs(s, name);
}

/** The token's settings (the `Settings` struct of its initializer); the deployer is the reserve until the hand-over. */
function stablecoinSettings(s: SystemState) {
  const sc = s.config.stablecoin;
  return { name: sc.name, symbol: sc.symbol, decimals: sc.decimals, reserve: s.deployerAddress, reserveFeed: get(s, RECORD.registry), maxReserveAge: sc.maxReserveAge };
}

/** A config minter as the controller stores it. */
function minterSettings(s: SystemState, m: DeployConfig["minters"][number]): MinterSettings {
  return { address: s.resolve(m.address), allowance: BigInt(m.allowance), rateLimit: { capacity: BigInt(m.rateLimit.capacity), refillPerSecond: BigInt(m.rateLimit.refillPerSecond) } };
}

/** The initializer arguments a step uses (for the record of an adopted contract). */
function planArgs(s: SystemState, name: string): readonly unknown[] | undefined {
  const c = s.config;
  const d = s.deployerAddress;
  switch (name) {
    case RECORD.registry:
      return registryInitArgs({ ...c.attestation, admin: d, adminTransferDelay: 0, attestors: c.attestation.attestors.map(s.resolve) });
    case RECORD.stablecoin:
      return stablecoinInitArgs(d, 0, stablecoinSettings(s));
    case RECORD.supplyController:
      return supplyControllerInitArgs(d, 0);
    case RECORD.identity:
      return identityInitArgs({ adminDelay: 0, admin: d, kycOfficer: d, upgrader: d, reserve: d });
    case RECORD.assetFactory:
      return assetFactoryInitArgs({
        adminDelay: 0,
        admin: d,
        creator: d,
        upgrader: d,
        beacon: get(s, RECORD.assetBeacon),
        identityRegistry: get(s, RECORD.identity),
        valuationSource: get(s, RECORD.registry),
      });
    default:
      return undefined;
  }
}

/** A state change: skipped when `done` reads it on chain already, else `apply` sends it (typed calls). */
function stateChange(
  name: string,
  done: (s: SystemState) => Promise<boolean>,
  apply: (s: SystemState, ctx: StepContext, step: string) => Promise<(TransactionReceipt | null)[]>,
): PlanStep<SystemState> {
  return { name, run: (s, ctx) => stateStep(ctx, name, () => done(s), () => apply(s, ctx, name)) };
}

/** Local chains: one Safe contract at its canonical address (CREATE2 through Safe's singleton factory). */
function localSafeContractStep(name: SafeContractName): PlanStep<SystemState> {
  return {
    name,
    run: async (s, ctx) => {
      const { address, data } = localSafeCreation(name);
      const created = await create2Step(
        ctx,
        name,
        address,
        (tx) => tx.data === data,
        async () => {
          const out = await deployLocalSafeContract(s.deployer, (m, p) => s.hre.ethers.provider.send(m, p), name, (h) => logSent(ctx, name, h));
          if (out.transactionHash) recordGas(ctx, name, await s.hre.ethers.provider.getTransactionReceipt(out.transactionHash));
          return { address: out.address, transactionHash: out.transactionHash ?? "unknown", blockNumber: out.blockNumber ?? 0 };
        },
      );
      await saveRecord(s, { name, contract: name, abi: loadSafeArtifact(name).abi as readonly unknown[], created, args: [], compiled: safeCompilation });
      return !created.skipped;
    },
  };
}

/** The Safe contracts: deployed locally, or the canonical ones of a public chain (code hashes checked). */
function safeContractSteps(s: { chainId: number; singletonName: SingletonName }): PlanStep<SystemState>[] {
  const names: SafeContractName[] = [s.singletonName, "SafeProxyFactory", "MultiSendCallOnly"];
  const local = isLocalChain(s.chainId) ? names.map(localSafeContractStep) : [];
  const resolve: PlanStep<SystemState> = {
    name: "Safe contracts (canonical, code hashes checked)",
    run: async (st, ctx) => {
      st.infra = await resolveSafeInfrastructure(st.hre.ethers.provider, st.singletonName);
      if (!isLocalChain(st.chainId)) {
        const found: [SafeContractName, string][] = [
          [st.singletonName, st.infra.singleton],
          ["SafeProxyFactory", st.infra.proxyFactory],
          ["MultiSendCallOnly", st.infra.multiSendCallOnly],
        ];
        for (const [name, address] of found) {
          await saveRecord(st, {
            name,
            contract: name,
            abi: loadSafeArtifact(name).abi as readonly unknown[],
            created: { address, transactionHash: "canonical", blockNumber: 0 },
            args: [],
            compiled: safeCompilation,
          });
        }
      }
      ctx.log(`${ctx.progress ?? ""} = Safe v1.4.1 contracts in place (${st.singletonName} ${st.infra.singleton})`);
      return false;
    },
  };
  return [...local, resolve];
}

/** The contracts the Safe accepts the default admin role of, in its creation (or hand-over proposal). */
const ADMIN_HANDED_OVER = [RECORD.registry, RECORD.stablecoin, RECORD.identity, RECORD.assetFactory, RECORD.supplyController] as const;

/** Step 2b: the reserve Safe's ReserveGuard and its setup helper (config reserveSafe.guard), before the Safe. */
const guardStep: PlanStep<SystemState> = {
  name: "ReserveGuard",
  run: async (s, ctx) => {
    const cfg = s.config.reserveGuard;
    const infra = s.infra;
    if (!cfg) return false;
    if (!infra) throw new Error("internal: Safe contracts not resolved");
    const out = await deployGuardContracts(s.deployer, infra.multiSendCallOnly, cfg, {
      step: (name, create, identify) => createStep(ctx, name, create, identify),
      save: (name, contract, abi, created, args) => saveRecord(s, { name, contract, abi, created, args, compiled: compilation(contract) }),
    });
    s.guard = { guard: out.guard, setup: out.setup };
    s.address.ReserveGuard = out.guard;
    return out.changed;
  },
};

/** Step 3: the reserve Safe's address (predicted with its setup hand-over batch, or the existing one). */
const safeAddressStep: PlanStep<SystemState> = {
  name: "ReserveSafe address",
  run: async (s, ctx) => {
    const rs = s.config.reserveSafe;
    if (isNewSafe(rs)) {
      const infra = s.infra;
      if (!infra) throw new Error("internal: Safe contracts not resolved");
      const calls: InnerCall[] = ADMIN_HANDED_OVER.flatMap((name) => {
        const c = rolesTargetByRecord(s, name);
        const out: InnerCall[] = [{ to: get(s, name), value: 0n, operation: 0, data: c.interface.encodeFunctionData("acceptDefaultAdminTransfer") }];
        if (s.config.adminTransferDelay > 0) {
          out.push({ to: get(s, name), value: 0n, operation: 0, data: c.interface.encodeFunctionData("changeDefaultAdminDelay", [s.config.adminTransferDelay]) });
        }
        return out;
      });
      // The guard's delayed set (src/guard/classification.ts) is installed in the creation batch: from its first
      // transaction, the Safe's upgrades, role grants and reserve settings wait out the announced delay.
      if (s.guard) calls.unshift(delaySelectorsCall(s.guard.guard));
      s.safePlan = await planReserveSafe(s.hre.ethers.provider, infra, {
        owners: rs.owners.map(s.resolve),
        threshold: rs.threshold,
        saltNonce: BigInt(rs.saltNonce),
        setupCall: s.guard
          ? guardedSetupCall(s.guard.setup, s.guard.guard, encodeMultiSendCall(calls))
          : { to: infra.multiSendCallOnly, data: encodeMultiSendCall(calls) },
      });
      s.safe = s.safePlan.address;
    } else {
      s.safe = getAddress(rs.address);
    }
    ctx.log(`${ctx.progress ?? ""} reserve Safe: ${s.safe}${isNewSafe(rs) ? " (created by this deployment)" : " (existing)"}`);
    return false;
  },
};

function rolesTargetByRecord(
  s: SystemState,
  name: (typeof ADMIN_HANDED_OVER)[number],
): AttestationRegistry | SomStablecoin | IdentityRegistry | AssetFactory | SomSupplyController {
  switch (name) {
    case RECORD.supplyController:
      return controllerOf(s);
    case RECORD.registry:
      return registryOf(s);
    case RECORD.stablecoin:
      return stablecoinOf(s);
    case RECORD.identity:
      return identityOf(s);
    case RECORD.assetFactory:
      return factoryOf(s);
  }
}

/** Step 5: the reserve Safe (CREATE2: adopted when code is at its predicted address) or the hand-over proposal. */
const reserveSafeStep: PlanStep<SystemState> = {
  name: RECORD.reserveSafe,
  run: async (s, ctx) => {
    const rs = s.config.reserveSafe;
    const infra = s.infra;
    if (!infra) throw new Error("internal: Safe contracts not resolved");
    if (!isNewSafe(rs)) {
      const onChain = await readSafeOwners(s.hre.ethers.provider, s.safe);
      await saveRecord(s, {
        name: RECORD.reserveSafe,
        contract: "Safe",
        abi: loadSafeArtifact("Safe").abi as readonly unknown[],
        created: { address: s.safe, transactionHash: "existing Safe", blockNumber: 0 },
        args: [],
        compiled: safeCompilation,
        safe: { owners: labelOwners(onChain.owners), threshold: onChain.threshold },
      });
      s.handoverProposal = await writeHandoverProposal(s, infra, ctx);
      return false;
    }
    const plan = s.safePlan;
    if (!plan) throw new Error("internal: the Safe address was not computed");
    const created = await create2Step(
      ctx,
      RECORD.reserveSafe,
      plan.address,
      (tx) => same(tx.to ?? "", infra.proxyFactory) && tx.data.includes(plan.initializer.slice(10)),
      async () => {
        const safeConfig = { owners: plan.owners, threshold: plan.threshold, saltNonce: plan.saltNonce, setupCall: plan.setupCall, guard: s.guard?.guard, checkGuard: requireDelayedSet };
        const out = await createReserveSafe(s.deployer, infra, safeConfig, (h) => logSent(ctx, RECORD.reserveSafe, h));
        if (out.transactionHash) recordGas(ctx, RECORD.reserveSafe, await s.hre.ethers.provider.getTransactionReceipt(out.transactionHash));
        if (getAddress(out.address) !== getAddress(plan.address)) throw new DeployError(`the Safe landed at ${out.address}, not ${plan.address}`);
        return { address: out.address, transactionHash: out.transactionHash ?? "unknown", blockNumber: out.blockNumber ?? 0 };
      },
    );
    // Adopted or created: the Safe must be the configured one (owners, threshold, no handler, no module, its guard).
    await verifySafeSetup(s.hre.ethers.provider, plan.address, plan.owners, plan.threshold, s.guard?.guard, requireDelayedSet);
    await saveRecord(s, {
      name: RECORD.reserveSafe,
      contract: s.singletonName,
      abi: loadSafeArtifact(s.singletonName).abi as readonly unknown[],
      created,
      args: [plan.owners, plan.threshold, plan.saltNonce.toString()],
      compiled: safeCompilation,
      proxy: { kind: "safe-proxy", implementation: infra.singleton },
      safe: { owners: labelOwners(plan.owners, rs.owners), threshold: plan.threshold },
    });
    return !created.skipped;
  },
};

async function writeHandoverProposal(s: SystemState, infra: SafeInfrastructure, ctx: StepContext): Promise<string> {
  const out = path.join(deploymentsDir(s.root, s.network), ".som", "handover-proposal.json");
  if (!fs.existsSync(out)) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const provider = s.hre.ethers.provider;
    const context = await loadProposalContext(provider, Object.values(s.records), s.safe);
    const calls: InnerCall[] = ADMIN_HANDED_OVER.map((name) => buildCall(context, { action: "acceptDefaultAdminTransfer", contract: name, args: [] }));
    // First install of the guard on an existing Safe: no guard yet, so no announcement is needed.
    const installed = await guardOf(provider, s.safe);
    // A Safe made elsewhere (e.g. Safe{Wallet}) usually has Safe's CompatibilityFallbackHandler, which
    // accepts off-chain ERC-1271 signatures no guard sees: the hand-over removes it while no guard
    // would need it announced; under a guard it is an announced self-call the custodians must make.
    // Modules bypass a v1.4.1 guard altogether: disabled the same way (each is first in the list once the
    // ones before it are gone, so the sentinel is always its predecessor).
    const handler = await fallbackHandlerOf(provider, s.safe);
    const modules = await modulesOf(provider, s.safe);
    if (installed === ZeroAddress) {
      for (const m of modules) calls.push(disableModuleCall(s.safe, SAFE_SENTINEL, m));
      if (handler !== ZeroAddress) calls.push(setFallbackHandlerCall(s.safe, ZeroAddress));
    } else {
      for (const m of modules) ctx.log(`warning: the existing Safe ${s.safe} has module ${m} enabled (a module bypasses its guard): announce and execute disableModule (docs/guard.md)`);
      if (handler !== ZeroAddress) {
        ctx.log(`warning: the existing Safe ${s.safe} has fallback handler ${handler} (off-chain ERC-1271 signatures bypass its guard): announce and execute setFallbackHandler(0x0000000000000000000000000000000000000000) (docs/guard.md)`);
      }
    }
    if (s.guard && installed === ZeroAddress) {
      await checkGuardInstallable(provider, s.guard.guard, s.safe, infra.multiSendCallOnly);
      calls.push(setGuardCall(s.safe, s.guard.guard));
      calls.push(delaySelectorsCall(s.guard.guard));
    } else if (s.guard && installed !== ZeroAddress && !same(installed, s.guard.guard)) {
      throw new DeployError(`the existing Safe ${s.safe} already has guard ${installed}: replacing it needs an announced, delayed setGuard (docs/guard.md)`);
    }
    const proposal = assembleProposal({
      chainId: s.chainId,
      safe: s.safe,
      nonce: await currentNonce(provider, s.safe),
      calls,
      context,
      multiSendCallOnly: infra.multiSendCallOnly,
      description: "accept the default admin role of every contract of the new deployment",
    });
    fs.writeFileSync(out, proposalToJson(proposal));
  }
  return out;
}

/** Grants of the config's `roles` section: one step per holder. */
function grantSteps(config: DeployConfig, section: keyof DeployConfig["roles"]): PlanStep<SystemState>[] {
  return Object.entries(config.roles[section] as RoleAssignments).flatMap(([role, holders]) =>
    holders.map((ref) =>
      stateChange(
        `${section}.grantRole(${role}, ${ref})`,
        async (s) => rolesTarget(s, section).hasRole(roleId(role), s.resolve(ref)),
        async (s, ctx, step) => [await sent(ctx, step, rolesTarget(s, section).grantRole(roleId(role), s.resolve(ref)))],
      ),
    ),
  );
}

/** Roles the deployer holds during deployment (as initializer arguments) and gives up before the hand-over. */
const TEMPORARY_ROLES: [keyof DeployConfig["roles"], string[]][] = [
  ["supplyController", ["MINTER_ADMIN_ROLE"]],
  ["identity", ["KYC_OFFICER_ROLE", "UPGRADER_ROLE"]],
  ["assetFactory", ["ASSET_CREATOR_ROLE", "UPGRADER_ROLE"]],
  ["attestation", ["UPGRADER_ROLE"]],
];

/**
 * The deployment plan: a list of named steps, in order (see the file comment). Steps are built
 * from the configuration alone, so the plan (and its "[k/n]" progress) is known before anything runs.
 */
export function systemPlan(config: DeployConfig, chain: { chainId: number; singletonName: SingletonName }): PlanStep<SystemState>[] {
  const a = config.attestation;
  const sc = config.stablecoin;
  return [
    // 1. Safe contracts
    ...safeContractSteps(chain),
    // 2. contracts (the deployer is their temporary admin, with a zero admin delay)
    uupsStep(
      RECORD.registry,
      "AttestationRegistry",
      () => AttestationRegistry__factory.abi,
      async (s) => {
        const init = { ...a, admin: s.deployerAddress, adminTransferDelay: 0, attestors: a.attestors.map(s.resolve) };
        return { contract: await deployAttestationRegistry(s.hre, s.deployer, init), args: registryInitArgs(init) };
      },
      async (s, address) => Number(await AttestationRegistry__factory.connect(address, s.hre.ethers.provider).valueDecimals()) === a.valueDecimals,
    ),
    uupsStep(
      RECORD.stablecoin,
      "SomStablecoin",
      () => SomStablecoin__factory.abi,
      async (s) => ({ contract: await deployStablecoin(s.hre, s.deployer, s.deployerAddress, 0, stablecoinSettings(s)), args: stablecoinInitArgs(s.deployerAddress, 0, stablecoinSettings(s)) }),
      async (s, address) => (await SomStablecoin__factory.connect(address, s.hre.ethers.provider).symbol()) === sc.symbol,
    ),
    // The token's only minter; its implementation names the token proxy (constructor argument).
    uupsStep(
      RECORD.supplyController,
      "SomSupplyController",
      () => SomSupplyController__factory.abi,
      async (s) => ({
        contract: await deploySupplyController(s.hre, s.deployer, get(s, RECORD.stablecoin), s.deployerAddress, 0),
        args: supplyControllerInitArgs(s.deployerAddress, 0),
      }),
      async (s, address) => same(await SomSupplyController__factory.connect(address, s.hre.ethers.provider).token(), get(s, RECORD.stablecoin)),
    ),
    uupsStep(
      RECORD.identity,
      "IdentityRegistry",
      () => IdentityRegistry__factory.abi,
      async (s) => {
        const args = identityInitArgs({ adminDelay: 0, admin: s.deployerAddress, kycOfficer: s.deployerAddress, upgrader: s.deployerAddress, reserve: s.deployerAddress });
        return { contract: await deployIdentityRegistry(s.hre, s.deployer, args), args };
      },
      async (s, address) => (await IdentityRegistry__factory.connect(address, s.hre.ethers.provider).KYC_OFFICER_ROLE()) === keccak256(toUtf8Bytes("KYC_OFFICER_ROLE")),
    ),
    {
      name: RECORD.assetBeacon,
      run: async (s, ctx) => {
        const created = await createStep(
          ctx,
          RECORD.assetBeacon,
          async () => landed(ctx, RECORD.assetBeacon, await deployAssetTokenBeacon(s.hre, s.deployer, s.deployerAddress)),
          async (address) => {
            try {
              return (await s.hre.upgrades.beacon.getImplementationAddress(address)) !== ZeroAddress;
            } catch {
              return false;
            }
          },
        );
        s.address[RECORD.assetBeacon] = created.address;
        const implementation = await beaconOf(s).implementation();
        await saveRecord(s, {
          name: RECORD.assetBeacon,
          contract: "UpgradeableBeacon",
          abi: UpgradeableBeacon__factory.abi,
          created,
          args: [implementation, s.deployerAddress],
          compiled: compilation("AssetToken"),
          proxy: { kind: "beacon", implementation },
          implementationContract: "AssetToken",
        });
        return !created.skipped;
      },
    },
    uupsStep(
      RECORD.assetFactory,
      "AssetFactory",
      () => AssetFactory__factory.abi,
      async (s) => {
        const args = planArgs(s, RECORD.assetFactory) as Parameters<AssetFactory["initialize"]>;
        return { contract: await deployAssetFactory(s.hre, s.deployer, args), args };
      },
      async (s, address) => same(await AssetFactory__factory.connect(address, s.hre.ethers.provider).beacon(), get(s, RECORD.assetBeacon)),
    ),
    {
      name: RECORD.adapter,
      run: async (s, ctx) => {
        const registry = get(s, RECORD.registry);
        const created = await createStep(
          ctx,
          RECORD.adapter,
          async () => landed(ctx, RECORD.adapter, await deployReserveAdapter(s.deployer, registry)),
          async (address) => {
            try {
              return same(await ReserveAggregatorAdapter__factory.connect(address, s.hre.ethers.provider).registry(), registry);
            } catch {
              return false;
            }
          },
        );
        s.address[RECORD.adapter] = created.address;
        await saveRecord(s, {
          name: RECORD.adapter,
          contract: "ReserveAggregatorAdapter",
          abi: ReserveAggregatorAdapter__factory.abi,
          created,
          args: adapterArgs(registry),
          compiled: compilation("ReserveAggregatorAdapter"),
        });
        return !created.skipped;
      },
    },
    // 2b. the reserve Safe's guard (only when configured)
    ...(config.reserveGuard ? [guardStep] : []),
    // 3. the reserve Safe's address
    safeAddressStep,
    // 4. wiring
    stateChange(
      "registry.configureSubject(SOM_RESERVES)",
      async (s) => {
        const c = await registryOf(s).subjectConfig(SOM_RESERVES);
        return Number(c.maxAge) === a.somReserves.maxAge && same(c.listener, get(s, RECORD.stablecoin));
      },
      async (s, ctx, step) => [
        await sent(ctx, step, registryOf(s).configureSubject(SOM_RESERVES, a.somReserves.maxAge, a.somReserves.maxChangeBps, get(s, RECORD.stablecoin))),
      ],
    ),
    // The supply controller is the token's only minter.
    stateChange(
      "stablecoin.setSupplyController(SomSupplyController)",
      async (s) => same(await stablecoinOf(s).supplyController(), get(s, RECORD.supplyController)),
      async (s, ctx, step) => [await sent(ctx, step, stablecoinOf(s).setSupplyController(get(s, RECORD.supplyController)))],
    ),
    // Minters on the controller: the deployer holds MINTER_ADMIN_ROLE only for these steps.
    ...config.minters.map((m) =>
      stateChange(
        `supplyController.configureMinter(${m.address}, ${formatAmount(BigInt(m.allowance), { decimals: sc.decimals, symbol: sc.symbol })} = ${m.allowance} base units, rate limit ${m.rateLimit.capacity} + ${m.rateLimit.refillPerSecond}/s)`,
        async (s) => minterMatches(controllerOf(s), minterSettings(s, m)),
        async (s, ctx, step) => {
          const controller = controllerOf(s);
          const settings = minterSettings(s, m);
          const out: (TransactionReceipt | null)[] = [];
          const minterAdmin = roleId("MINTER_ADMIN_ROLE");
          if (!(await controller.hasRole(minterAdmin, s.deployerAddress))) out.push(await sent(ctx, step, controller.grantRole(minterAdmin, s.deployerAddress)));
          out.push(
            await sent(ctx, step, controller.configureMinter(settings.address, settings.allowance, settings.rateLimit.capacity, settings.rateLimit.refillPerSecond)),
          );
          return out;
        },
      ),
    ),
    ...grantSteps(config, "stablecoin"),
    ...grantSteps(config, "supplyController"),
    ...grantSteps(config, "attestation"),
    ...grantSteps(config, "identity"),
    ...grantSteps(config, "assetFactory"),
    stateChange(
      "stablecoin.setReserve(@safe)",
      async (s) => same(await stablecoinOf(s).reserve(), s.safe),
      async (s, ctx, step) => [await sent(ctx, step, stablecoinOf(s).setReserve(s.safe))],
    ),
    stateChange(
      "identity.setReserve(@safe)",
      async (s) => same(await identityOf(s).reserve(), s.safe),
      async (s, ctx, step) => [await sent(ctx, step, identityOf(s).setReserve(s.safe))],
    ),
    // The deployer gives up every role it holds besides the default admin (handed over below).
    ...TEMPORARY_ROLES.flatMap(([section, roles]) =>
      roles.map((role) =>
        stateChange(
          `${section}.renounceRole(${role}, deployer)`,
          async (s) => !(await rolesTarget(s, section).hasRole(roleId(role), s.deployerAddress)),
          async (s, ctx, step) => [await sent(ctx, step, rolesTarget(s, section).renounceRole(roleId(role), s.deployerAddress))],
        ),
      ),
    ),
    ...(["attestation", "stablecoin", "supplyController", "identity", "assetFactory"] as const).map((section) =>
      stateChange(
        `${section}.beginDefaultAdminTransfer(@safe)`,
        async (s) => {
          const c = rolesTarget(s, section);
          const [pending] = await c.pendingDefaultAdmin();
          return same(pending, s.safe) || same(await c.defaultAdmin(), s.safe);
        },
        async (s, ctx, step) => [await sent(ctx, step, rolesTarget(s, section).beginDefaultAdminTransfer(s.safe))],
      ),
    ),
    stateChange(
      "assetBeacon.transferOwnership(@safe)",
      async (s) => same(await beaconOf(s).owner(), s.safe),
      async (s, ctx, step) => [await sent(ctx, step, beaconOf(s).transferOwnership(s.safe))],
    ),
    // 5. the reserve Safe (its setup accepts every admin role)
    reserveSafeStep,
  ];
}

/** Resolves "@safe" and "@account:N" references. */
async function resolver(hre: HardhatRuntimeEnvironment, safe: () => string): Promise<(ref: string) => string> {
  const signers = await hre.ethers.getSigners();
  return (ref: string): string => {
    if (ref === "@safe") {
      const a = safe();
      if (!a) throw new Error("internal: the Safe address was used before it was computed");
      return a;
    }
    const m = /^@account:(\d+)$/.exec(ref);
    if (m) {
      const s = signers[Number(m[1])];
      if (!s) throw new DeployError(`${ref}: this network has only ${signers.length} local accounts`);
      return s.address;
    }
    return getAddress(ref);
  };
}

/** What the deployment depends on, for the journal's fingerprint (not file names or the verify switch). */
export function fingerprintedConfig(config: DeployConfig): Record<string, unknown> {
  const { file: _file, verify: _verify, ...rest } = config;
  void _file;
  void _verify;
  return rest as unknown as Record<string, unknown>;
}

export async function deploySystem(opts: DeployOptions): Promise<DeploymentResult> {
  const { hre, config, root, log } = opts;
  const provider = hre.ethers.provider;
  const chainId = Number((await provider.getNetwork()).chainId);
  if (chainId !== config.chainId) {
    throw new DeployError(`${config.file} is for chain ${config.chainId} but network "${hre.network.name}" is chain ${chainId}; nothing was sent`);
  }
  const deployer = opts.deployer ?? (await hre.ethers.getSigners())[0];
  if (!deployer) throw new DeployError(`no deployer account on network "${hre.network.name}": set DEPLOYER_PRIVATE_KEY or a keystore`);
  const deployerAddress = await deployer.getAddress();
  const network = hre.network.name;
  const dir = deploymentsDir(root, network);
  const journal = new DeployJournal(DeployJournal.fileFor(dir), network, chainId, deployerAddress, fingerprintedConfig(config), config.file);
  const ctx: StepContext = { journal, provider, deployer: deployerAddress, log, gasUsed: [] };
  const firstBlock = (await provider.getBlockNumber()) + 1;

  const state: SystemState = {
    hre,
    config,
    root,
    network,
    chainId,
    deployer,
    deployerAddress,
    commit: gitCommit(process.cwd()),
    // The reserve Safe's singleton (config reserveSafe.singleton: SafeL2 by default except on chain 1); an
    // existing Safe keeps its own, and only its record's ABI depends on this.
    singletonName: isNewSafe(config.reserveSafe) ? config.reserveSafe.singleton : "Safe",
    safe: "",
    address: {},
    records: {},
    resolve: (ref) => ref,
  };
  state.resolve = await resolver(hre, () => state.safe);
  const plan = systemPlan(config, { chainId, singletonName: state.singletonName });
  const shown = path.relative(process.cwd(), journal.file);
  log(`Plan: ${plan.length} steps (journal ${shown.startsWith("..") ? journal.file : shown})`);
  const changed = await runPlan(plan, state, ctx);
  writeDeployedAddresses(root, network);

  // 6. read back and check (sources are verified by the CLI)
  const matrix = await readMatrix(provider, state.records);
  const held = powersHeldBy(deployerAddress, matrix);
  if (held.length === 0) {
    const problems = await checkAgainstConfig(state, matrix);
    if (problems.length > 0 && !changed && opts.driftAfterHandover === "report") {
      for (const p of problems) log(`note: changed since the hand-over (by the reserve Safe): ${p}`);
    } else if (problems.length > 0) {
      throw new DeployError(`the deployment on chain differs from ${config.file}: ${problems.join("; ")}`);
    }
    // Separation of powers on the reserve's holdings: KYC officer and asset enforcer are different keys on a public network.
    const doubled = keysHoldingKycAndEnforcement(matrix, state.safe);
    if (doubled.length > 0 && !(LOCAL_NETWORKS as readonly string[]).includes(network)) {
      throw new DeployError(`${doubled.join(", ")} holds both KYC_OFFICER_ROLE and an asset's ENFORCER_ROLE: give them to different keys (docs/roles-assets.md)`);
    }
  } else {
    const hint = state.handoverProposal
      ? ` The existing Safe must accept the admin role: custodians sign and execute the proposal ${state.handoverProposal} (docs/custodian.md), then rerun.`
      : "";
    throw new DeployError(`the deployer ${deployerAddress} still holds: ${held.join("; ")}.${hint}`);
  }
  const spent = await deployerGasSince(provider, deployerAddress, firstBlock);
  return {
    transactions: spent.transactions,
    totalGas: spent.gas,
    network,
    chainId,
    deployer: deployerAddress,
    safe: state.safe,
    records: state.records,
    matrix,
    gasUsed: ctx.gasUsed,
    alreadyComplete: !changed,
    handoverProposal: state.handoverProposal,
  };
}

async function readMatrix(provider: HardhatRuntimeEnvironment["ethers"]["provider"], records: Record<string, ContractRecord>): Promise<ContractRoles[]> {
  const matrix: ContractRoles[] = [];
  for (const r of Object.values(records)) {
    const roles = await readContractRoles(provider, r);
    if (roles) matrix.push(roles);
  }
  return matrix;
}

export { formatRolesMatrix };

/**
 * Compares what the chain says with the configuration: every role holder of every contract (an
 * extra holder is as wrong as a missing one: a key that was compromised during deployment could
 * otherwise have granted itself a role and renounced its own), owners, and key settings.
 */
/** The minter is active with the configured rate limit and at most the configured allowance (each mint uses some up). */
async function minterAsConfigured(controller: SomSupplyController, m: MinterSettings): Promise<boolean> {
  const st = await controller.minterState(m.address);
  return st.active && st.allowance <= m.allowance && st.capacity === m.rateLimit.capacity && st.refillPerSecond === m.rateLimit.refillPerSecond;
}

async function checkAgainstConfig(s: SystemState, matrix: readonly ContractRoles[]): Promise<string[]> {
  const c = s.config;
  const expected: Record<string, RoleAssignments> = {
    [RECORD.stablecoin]: { ...c.roles.stablecoin, DEFAULT_ADMIN_ROLE: ["@safe"] },
    [RECORD.supplyController]: { ...c.roles.supplyController, DEFAULT_ADMIN_ROLE: ["@safe"] },
    [RECORD.registry]: { ...c.roles.attestation, DEFAULT_ADMIN_ROLE: ["@safe"] },
    [RECORD.identity]: { ...c.roles.identity, DEFAULT_ADMIN_ROLE: ["@safe"] },
    [RECORD.assetFactory]: { ...c.roles.assetFactory, DEFAULT_ADMIN_ROLE: ["@safe"] },
  };
  const problems: string[] = [];
  for (const [recordName, roles] of Object.entries(expected)) {
    const onChain = matrix.find((m) => m.name === recordName);
    if (!onChain) {
      problems.push(`${recordName}: no roles read back`);
      continue;
    }
    const names = new Set([...Object.keys(roles), ...onChain.roles.map((r) => r.role)]);
    for (const role of names) {
      const want = (roles[role] ?? []).map((ref) => s.resolve(ref).toLowerCase()).sort();
      const have = (onChain.roles.find((r) => r.role === role)?.holders ?? []).map((h) => h.toLowerCase()).sort();
      if (JSON.stringify(want) !== JSON.stringify(have)) {
        problems.push(`${recordName}.${role}: holders ${have.join(", ") || "(none)"}, configuration says ${want.join(", ") || "(none)"}`);
      }
    }
  }
  const beaconOwner = matrix.find((m) => m.name === RECORD.assetBeacon)?.owner ?? "(none)";
  if (!same(beaconOwner, s.safe)) problems.push(`${RECORD.assetBeacon}.owner is ${beaconOwner}, expected ${s.safe}`);
  const reg = registryOf(s);
  const settings: [string, string, string][] = [
    ["SomStablecoin.reserve", await stablecoinOf(s).reserve(), s.safe],
    ["SomStablecoin.reserveFeed", await stablecoinOf(s).reserveFeed(), get(s, RECORD.registry)],
    ["SomStablecoin.supplyController", await stablecoinOf(s).supplyController(), get(s, RECORD.supplyController)],
    ...(await Promise.all(
      c.minters.map(async (m): Promise<[string, string, string]> => [
        `SomSupplyController.minter(${m.address}) as configured (allowance at most the configured one: mints use it up)`,
        String(await minterAsConfigured(controllerOf(s), minterSettings(s, m))),
        "true",
      ]),
    )),
    ["IdentityRegistry.reserve", await identityOf(s).reserve(), s.safe],
    ["AssetFactory.beacon", await factoryOf(s).beacon(), get(s, RECORD.assetBeacon)],
    ["AttestationRegistry.threshold", String(await reg.threshold()), String(c.attestation.threshold)],
    [
      "AttestationRegistry.attestors",
      (await reg.attestors()).map((x) => x.toLowerCase()).sort().join(","),
      c.attestation.attestors.map((x) => s.resolve(x).toLowerCase()).sort().join(","),
    ],
  ];
  for (const [label, have, want] of settings) if (!same(have, want)) problems.push(`${label} is ${have}, expected ${want}`);
  return problems;
}
