/**
 * The vocabulary of a deployment plan, shared by the engine (src/deploy) and the domains that contribute
 * steps to it (src/safe/plan.ts, src/attestation/plan.ts, src/stablecoin/plan.ts, src/assets/plan.ts,
 * src/guard/plan.ts): a {@link PlanStep} runs with the state every step shares ({@link PlanState}) and the
 * engine's journaled, resumable primitives ({@link StepTools}). The engine implements the tools (journal,
 * records, gas accounting); a domain only sees this interface, so it never imports src/deploy.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
// Type extensions only (hre.ethers, hre.upgrades): the plugins themselves are loaded by hardhat.config.ts.
import type {} from "@nomicfoundation/hardhat-ethers";
import type {} from "@openzeppelin/hardhat-upgrades";
import type { BaseContract, ContractRunner, Signer, TransactionReceipt, TransactionResponse } from "ethers";
import { ZeroAddress, keccak256, toUtf8Bytes } from "ethers";
import { UserError } from "./errors";
import type { ContractRecord, ProxyInfo } from "./records";
import { readRecord } from "./records";

export type Log = (line: string) => void;

/** Where a step's contract landed. */
export interface Created {
  address: string;
  transactionHash: string;
  blockNumber: number;
}

/** A creation step's outcome: adopted after an interrupted run, or skipped because an earlier run made it. */
export type StepOutcome = Created & { adopted: boolean; skipped: boolean };

/** The deployment cannot complete as configured (user-fixable: config, account, chain state). */
export class DeployError extends UserError {}

/** What the record of a created contract says (deployments/<network>/<name>.json). */
export interface RecordInput {
  name: string;
  contract: string;
  abi: readonly unknown[];
  created: Created;
  args: readonly unknown[];
  /**
   * The project artifact whose compilation (solc version, input hash) is recorded, read only when the record is
   * written (build info files are large); or the label of a canonical, not project-compiled contract.
   */
  compiledFrom: string | { canonical: string };
  proxy?: ProxyInfo;
  /** Artifact of the first implementation (proxies and beacons), for the implementation history. */
  implementationContract?: string;
  /** The reserve Safe's owners (labelled from the config) and threshold: what offline signers render with. */
  safe?: ContractRecord["safe"];
}

/** The engine's journaled, resumable primitives (src/deploy/steps.ts), handed to every step. */
export interface StepTools {
  readonly log: Log;
  /** Progress of the running step, e.g. "[12/46]". */
  readonly progress: string | undefined;
  /** Creates a contract by CREATE once; adopts it on resume when `identify` recognises it. */
  create(
    step: string,
    deploy: () => Promise<Created>,
    identify: (address: string) => Promise<boolean>,
  ): Promise<StepOutcome>;
  /** Creates a contract at an address known in advance (CREATE2) once; adopts code found there. */
  create2(
    step: string,
    predicted: string,
    isCreation: (tx: TransactionResponse) => boolean,
    create: () => Promise<Created>,
  ): Promise<StepOutcome>;
  /** Changes state once: skipped when `isSatisfied` reads the effect on chain already. */
  change(
    step: string,
    isSatisfied: () => Promise<boolean>,
    apply: () => Promise<(TransactionReceipt | null)[]>,
  ): Promise<boolean>;
  /** Waits for a freshly sent deployment, logging it as sent first, and reports where it landed. */
  landed(step: string, deployed: BaseContract): Promise<Created>;
  /** Sends one transaction of a state step, logging it as sent, and waits for it. */
  send(step: string, tx: Promise<TransactionResponse>): Promise<TransactionReceipt | null>;
  /** Logs that a step's transaction is on its way. */
  logSent(step: string, hash: string | undefined): void;
  /** Counts a mined transaction's gas for the step. */
  recordGas(step: string, receipt: TransactionReceipt | null): void;
  /** Writes (or keeps, when it already describes this address) the record of a created contract. */
  save(record: RecordInput): Promise<void>;
}

/** What every step reads and fills: the chain, the deployer, and the contracts created so far. */
export interface PlanState {
  hre: HardhatRuntimeEnvironment;
  /** Folder that holds `deployments/`. */
  root: string;
  network: string;
  chainId: number;
  deployer: Signer;
  deployerAddress: string;
  /** The reserve Safe: predicted (new) or configured (existing); "" until its address step ran. */
  safe: string;
  /** Record name -> address, filled as contracts are created. */
  address: Record<string, string>;
  /** Resolves "@safe", "@account:N" and 0x addresses. */
  resolve: (ref: string) => string;
}

/** One named step of a plan: its name is its journal key. */
export interface PlanStep<S = PlanState> {
  name: string;
  /** Runs the step (through the tools' create / create2 / change); true when it changed the chain. */
  run: (state: S, tools: StepTools) => Promise<boolean>;
}

/** The address of the record `name`, created by an earlier step. */
export function addressOf(s: PlanState, name: string): string {
  const a = s.address[name];
  if (!a) throw new Error(`internal: ${name} is used before its step ran`);
  return a;
}

export const sameAddress = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** OpenZeppelin role ids are keccak256 of their names (checked against the contracts' getters when read back). */
export const roleId = (role: string): string =>
  role === "DEFAULT_ADMIN_ROLE" ? `0x${"0".repeat(64)}` : keccak256(toUtf8Bytes(role));

/** A state change: skipped when `done` reads it on chain already, else `apply` sends it (typed calls). */
export function stateChange<S>(
  name: string,
  done: (s: S) => Promise<boolean>,
  apply: (s: S, tools: StepTools, step: string) => Promise<(TransactionReceipt | null)[]>,
): PlanStep<S> {
  return {
    name,
    run: (s, tools) =>
      tools.change(
        name,
        () => done(s),
        () => apply(s, tools, name),
      ),
  };
}

/** A TypeChain factory class as a value: the contract's ABI and a typed handle on a deployed address. */
export interface ContractBinding<C> {
  readonly abi: readonly unknown[];
  connect(address: string, runner?: ContractRunner | null): C;
}

/** A UUPS proxy the deployer creates (through the upgrades plugin): how to deploy it and to recognise it. */
export interface UupsStepSpec<S extends PlanState, C, A extends readonly unknown[]> {
  /** Record name (and step name). */
  name: string;
  /** Artifact name. */
  contract: string;
  /** The contract's TypeChain factory (e.g. `SomStablecoin__factory`): the ABI of the record, the proxy to identify. */
  factory: ContractBinding<C>;
  /** The initializer arguments the step uses (also for the record of an adopted contract). */
  args: (s: S) => A;
  /** Sends the proxy's deployment with `args`; returns it once sent. */
  deploy: (s: S, args: A) => Promise<BaseContract>;
  /** True when the live proxy (connected to the provider, read-only) is the one this step creates. */
  identify: (s: S, proxy: C) => Promise<boolean>;
}

async function isLiveProxy(s: PlanState, address: string, check: () => Promise<boolean>): Promise<boolean> {
  try {
    return (await s.hre.upgrades.erc1967.getImplementationAddress(address)) !== ZeroAddress && (await check());
  } catch {
    return false;
  }
}

/** A UUPS proxy created by CREATE (through the upgrades plugin), adopted on resume when `identify` recognises it. */
export function uupsStep<S extends PlanState, C, A extends readonly unknown[]>(
  spec: UupsStepSpec<S, C, A>,
): PlanStep<S> {
  const { name, contract } = spec;
  return {
    name,
    run: async (s, tools) => {
      let args: readonly unknown[] = [];
      const created = await tools.create(
        name,
        async () => {
          const initArgs = spec.args(s);
          args = initArgs;
          return tools.landed(name, await spec.deploy(s, initArgs));
        },
        (address) =>
          isLiveProxy(s, address, () => spec.identify(s, spec.factory.connect(address, s.hre.ethers.provider))),
      );
      s.address[name] = created.address;
      if (args.length === 0) args = readRecord(s.root, s.network, name)?.args ?? spec.args(s);
      const implementation = await s.hre.upgrades.erc1967.getImplementationAddress(created.address);
      await tools.save({
        name,
        contract,
        abi: spec.factory.abi,
        created,
        args,
        compiledFrom: contract,
        proxy: { kind: "uups", implementation },
      });
      return !created.skipped;
    },
  };
}
