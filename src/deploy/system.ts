/**
 * Deploys the whole system from a validated {@link DeployConfig}: runs the PLAN of named steps
 * ({@link systemPlan}, ./plan.ts: the domains' steps and the hand-over's, in order) with the journal
 * engine (./steps.ts, ./journal.ts), writes deployment records (./recording.ts), and reads the roles
 * matrix back from the chain (./verify.ts): the run fails if the deployer still holds anything or if
 * the chain differs from the configuration. Every contract is deployed by its domain's deploy function
 * (src/<domain>/deploy.ts), the same ones fixtures and benchmarks use.
 */
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
// Type extensions only (hre.ethers, hre.upgrades): the plugins themselves are loaded by hardhat.config.ts.
import type {} from "@nomicfoundation/hardhat-ethers";
import type {} from "@openzeppelin/hardhat-upgrades";
import type { Signer } from "ethers";
import { getAddress } from "ethers";
import { SOM_RESERVES } from "../chain/constants";
import { DeployError } from "../chain/plan";
import type { Log } from "../chain/plan";
import type { ContractRecord } from "../chain/records";
import { deploymentsDir, writeDeployedAddresses } from "../chain/records";
import { ADAPTER_DESCRIPTION } from "../attestation/deploy";
import type { DeployConfig } from "./config";
import { isNewSafe } from "./config";
import { DeployJournal } from "./journal";
import type { ContractRoles } from "./roles";
import { formatRolesMatrix } from "./roles";
import type { StepContext } from "./steps";
import { deployerGasSince, runPlan, stepTools } from "./steps";
import { systemPlan } from "./plan";
import { gitCommit, saveRecord } from "./recording";
import { RECORD } from "./state";
import type { SystemState } from "./state";
import { readMatrix, verifyHandedOver } from "./verify";

export { SOM_RESERVES, ADAPTER_DESCRIPTION, DeployError, RECORD, formatRolesMatrix, systemPlan };
export type { SystemState };

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

/**
 * The configuration's "@account:N" references need N + 1 unlocked accounts on the node: checked before anything is
 * sent (anvil starts with 10 by default; the local configurations use up to @account:13).
 */
async function requireLocalAccounts(hre: HardhatRuntimeEnvironment, config: DeployConfig): Promise<void> {
  const used = [...JSON.stringify(fingerprintedConfig(config)).matchAll(/@account:(\d+)/g)].map((m) => Number(m[1]));
  if (used.length === 0) return;
  const needed = Math.max(...used) + 1;
  const have = (await hre.ethers.getSigners()).length;
  if (have < needed)
    throw new DeployError(
      `${config.file} uses @account:${needed - 1}, and network "${hre.network.name}" has only ${have} unlocked ` +
        `accounts: start the node with at least ${needed} (\`anvil --accounts ${needed}\`; Hardhat's node has 20); ` +
        `nothing was sent`,
    );
}

/** What the deployment depends on, for the journal's fingerprint (not file names or the verify switch). */
export function fingerprintedConfig(config: DeployConfig): Record<string, unknown> {
  const { file: _file, verify: _verify, ...rest } = config;
  void _file;
  void _verify;
  return rest as unknown as Record<string, unknown>;
}

/** The run's state and journal context, after the checks that come before anything is sent. */
async function startRun(opts: DeployOptions): Promise<{ state: SystemState; ctx: StepContext }> {
  const { hre, config, root, log } = opts;
  const provider = hre.ethers.provider;
  const chainId = Number((await provider.getNetwork()).chainId);
  if (chainId !== config.chainId) {
    throw new DeployError(
      `${config.file} is for chain ${config.chainId} ` +
        `but network "${hre.network.name}" is chain ${chainId}; nothing was sent`,
    );
  }
  const deployer = opts.deployer ?? (await hre.ethers.getSigners())[0];
  if (!deployer)
    throw new DeployError(
      `no deployer account on network "${hre.network.name}": set DEPLOYER_PRIVATE_KEY or a keystore`,
    );
  const deployerAddress = await deployer.getAddress();
  const network = hre.network.name;
  await requireLocalAccounts(hre, config);
  const dir = deploymentsDir(root, network);
  const journal = new DeployJournal(
    DeployJournal.fileFor(dir),
    network,
    chainId,
    deployerAddress,
    fingerprintedConfig(config),
    config.file,
  );
  const ctx: StepContext = { journal, provider, deployer: deployerAddress, log, gasUsed: [] };
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
  return { state, ctx };
}

export async function deploySystem(opts: DeployOptions): Promise<DeploymentResult> {
  const { hre, config, root, log } = opts;
  const provider = hre.ethers.provider;
  const { state, ctx } = await startRun(opts);
  const firstBlock = (await provider.getBlockNumber()) + 1;
  const plan = systemPlan(config, { chainId: state.chainId, singletonName: state.singletonName });
  const shown = path.relative(process.cwd(), ctx.journal.file);
  log(`Plan: ${plan.length} steps (journal ${shown.startsWith("..") ? ctx.journal.file : shown})`);
  const changed = await runPlan(
    plan,
    state,
    ctx,
    stepTools(ctx, (record) => saveRecord(state, record)),
  );
  writeDeployedAddresses(root, state.network);

  // 6. read back and check (sources are verified by the CLI)
  const matrix = await readMatrix(provider, state.records);
  await verifyHandedOver(state, matrix, { changed, driftAfterHandover: opts.driftAfterHandover, log });
  const spent = await deployerGasSince(provider, state.deployerAddress, firstBlock);
  return {
    transactions: spent.transactions,
    totalGas: spent.gas,
    network: state.network,
    chainId: state.chainId,
    deployer: state.deployerAddress,
    safe: state.safe,
    records: state.records,
    matrix,
    gasUsed: ctx.gasUsed,
    alreadyComplete: !changed,
    handoverProposal: state.handoverProposal,
  };
}
