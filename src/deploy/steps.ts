/**
 * Resumable deployment steps over a {@link DeployJournal}, and the engine that runs a plan of them.
 *
 * - {@link createStep}: creates a contract by CREATE. Done steps are skipped when code is still
 *   there; a pending step (the process died mid-step) adopts a contract the deployer already
 *   created from the recorded nonce on, if `identify` recognises it, instead of creating a duplicate.
 * - {@link create2Step}: creates a contract whose address is known in advance (the reserve Safe,
 *   CREATE2 through the Safe proxy factory): code at the predicted address means done; it is adopted.
 * - {@link stateStep}: changes state. Done steps are skipped; otherwise `isSatisfied` reads the
 *   chain first, so a transaction that went through before a crash is not sent twice.
 *
 * Before any step acts, the deployer's in-flight transactions (sent by a run that was killed) are
 * waited for, so every decision is taken on mined state: no duplicate and no reverting transaction.
 */
import type { BaseContract, Provider, TransactionReceipt, TransactionResponse } from "ethers";
import { getCreateAddress } from "ethers";
import type { DeployJournal, StepResult } from "./journal";
import { UserError } from "../chain/errors";
import type { Created, Log, PlanStep, RecordInput, StepOutcome, StepTools } from "../chain/plan";

export type { Created, Log, PlanStep };

export interface StepContext {
  journal: DeployJournal;
  provider: Provider;
  deployer: string;
  log: Log;
  /** Gas used by every transaction this run sent (for the plan and the dry run). */
  gasUsed: { step: string; gas: bigint }[];
  /** Progress prefix of the step being run, e.g. "[12/46]". */
  progress?: string;
  /** Transactions this run sent so far (counted from the receipts). */
  sent?: number;
  /** Transactions this run announced as sent (the progress counter of the log). */
  announced?: number;
}

/** A step that cannot go on (chain reset under the journal, a transaction that failed): user-fixable. */
export class DeployStepError extends UserError {
  constructor(
    readonly step: string,
    message: string,
  ) {
    super(`deployment step "${step}": ${message}`);
  }
}

async function hasCode(provider: Provider, address: string): Promise<boolean> {
  return (await provider.getCode(address)) !== "0x";
}

/** Waits until the deployer has no transaction in flight (pending nonce == latest nonce). */
export async function waitForQuietDeployer(ctx: StepContext, timeoutMs = 300_000): Promise<number> {
  const start = Date.now();
  let said = false;
  for (;;) {
    const [latest, pending] = await Promise.all([
      ctx.provider.getTransactionCount(ctx.deployer, "latest"),
      ctx.provider.getTransactionCount(ctx.deployer, "pending"),
    ]);
    if (latest === pending) return latest;
    if (Date.now() - start > timeoutMs) {
      throw new DeployStepError(
        "(start)",
        `deployer ${ctx.deployer} still has ${pending - latest} transaction(s) in flight; wait and rerun`,
      );
    }
    if (!said)
      ctx.log(
        `waiting for ${pending - latest} in-flight transaction(s) of the deployer (sent by an interrupted run)...`,
      );
    said = true;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Every transaction `deployer` sent from block `fromBlock` on, oldest first. */
export async function* deployerTransactions(
  provider: Provider,
  deployer: string,
  fromBlock: number,
): AsyncGenerator<TransactionResponse> {
  const latest = await provider.getBlockNumber();
  for (let b = Math.max(fromBlock, 0); b <= latest; b++) {
    const block = await provider.getBlock(b, true);
    for (const tx of block?.prefetchedTransactions ?? []) {
      if (tx.from.toLowerCase() === deployer.toLowerCase()) yield tx;
    }
  }
}

/** The deployer's first transaction from block `fromBlock` on that `matches` (which may look at its receipt). */
async function findTransaction(
  provider: Provider,
  deployer: string,
  fromBlock: number,
  matches: (tx: TransactionResponse) => boolean | Promise<boolean>,
): Promise<Located | undefined> {
  for await (const tx of deployerTransactions(provider, deployer, fromBlock)) {
    if (await matches(tx)) return { hash: tx.hash, blockNumber: tx.blockNumber ?? 0 };
  }
  return undefined;
}

/** Counts the deployer's transactions from `fromBlock` on, and their gas (from the receipts). */
export async function deployerGasSince(
  provider: Provider,
  deployer: string,
  fromBlock: number,
): Promise<{ transactions: number; gas: bigint }> {
  let transactions = 0;
  let gas = 0n;
  for await (const tx of deployerTransactions(provider, deployer, fromBlock)) {
    transactions += 1;
    gas += (await provider.getTransactionReceipt(tx.hash))?.gasUsed ?? 0n;
  }
  return { transactions, gas };
}

interface Located {
  hash: string;
  blockNumber: number;
}

export function recordGas(ctx: StepContext, step: string, receipt: TransactionReceipt | null): void {
  if (!receipt) return;
  ctx.gasUsed.push({ step, gas: receipt.gasUsed });
  ctx.sent = (ctx.sent ?? 0) + 1;
}

/** "[k/n] " before a step's log line. */
function prefix(ctx: StepContext): string {
  return ctx.progress ? `${ctx.progress} ` : "";
}

/**
 * Logs that a step's transaction is on its way (a kill from here on leaves it pending), with the run's transaction
 * count.
 */
export function logSent(ctx: StepContext, step: string, hash: string | undefined): void {
  ctx.announced = (ctx.announced ?? 0) + 1;
  ctx.log(
    `${prefix(ctx)}… ${step}: sent ${hash ?? "(transaction)"} ` +
      `(transaction ${ctx.announced} of this run), waiting for it to be mined`,
  );
}

/**
 * Runs a contract-creation step once.
 * @param identify true when the contract at `address` is the one this step creates.
 */
export async function createStep(
  ctx: StepContext,
  step: string,
  deploy: () => Promise<Created>,
  identify: (address: string) => Promise<boolean>,
): Promise<StepOutcome> {
  const entry = ctx.journal.get(step);
  if (entry?.status === "done" && entry.result?.address) {
    if (!(await hasCode(ctx.provider, entry.result.address))) {
      throw new DeployStepError(step, `journal says ${entry.result.address} but there is no code there (chain reset?)`);
    }
    ctx.log(`${prefix(ctx)}= ${step}: already deployed at ${entry.result.address}`);
    return recorded(entry.result.address, entry.result, "skipped");
  }
  const current = await waitForQuietDeployer(ctx);
  if (entry?.status === "pending") {
    for (let n = entry.fromNonce; n < current; n++) {
      const candidate = getCreateAddress({ from: ctx.deployer, nonce: n });
      if ((await hasCode(ctx.provider, candidate)) && (await identify(candidate))) {
        const tx = await findTransaction(ctx.provider, ctx.deployer, entry.fromBlock, (t) => t.nonce === n);
        return adopt(ctx, step, candidate, tx, {
          note: `adopted after an interrupted run (deployer nonce ${n})`,
          why: "created before the previous run was interrupted",
        });
      }
    }
  }
  const fromBlock = await ctx.provider.getBlockNumber();
  ctx.journal.markPending(step, current, fromBlock);
  let created = await deploy();
  if (!created.transactionHash.startsWith("0x")) {
    // Some deploy helpers (e.g. the upgrades plugin's beacons) do not expose their transaction.
    const address = created.address.toLowerCase();
    const found = await findTransaction(ctx.provider, ctx.deployer, fromBlock, async (tx) => {
      if (tx.to !== null) return false;
      return (await ctx.provider.getTransactionReceipt(tx.hash))?.contractAddress?.toLowerCase() === address;
    });
    if (found) created = { ...created, transactionHash: found.hash, blockNumber: found.blockNumber };
  }
  return createdNow(ctx, step, created);
}

/**
 * Runs a step that creates a contract at an address known in advance (CREATE2): done when code is
 * there, whether this run, an earlier one or an interrupted one (its transaction mined after the
 * kill) created it. The creation is then adopted, and its transaction looked up for the records.
 * @param isCreation recognises the creation transaction among the deployer's (for the records).
 */
export async function create2Step(
  ctx: StepContext,
  step: string,
  predicted: string,
  isCreation: (tx: TransactionResponse) => boolean,
  create: () => Promise<Created>,
): Promise<StepOutcome> {
  const entry = ctx.journal.get(step);
  if (entry?.status === "done" && entry.result?.address) {
    if (entry.result.address.toLowerCase() !== predicted.toLowerCase()) {
      throw new DeployStepError(
        step,
        `journal says ${entry.result.address} but the configuration predicts ${predicted}`,
      );
    }
    if (!(await hasCode(ctx.provider, predicted))) {
      throw new DeployStepError(step, `journal says ${predicted} but there is no code there (chain reset?)`);
    }
    ctx.log(`${prefix(ctx)}= ${step}: already created at ${predicted}`);
    return recorded(predicted, entry.result, "skipped");
  }
  const current = await waitForQuietDeployer(ctx);
  if (await hasCode(ctx.provider, predicted)) {
    const succeeded = async (tx: TransactionResponse) =>
      isCreation(tx) && (await ctx.provider.getTransactionReceipt(tx.hash))?.status === 1;
    const found = entry ? await findTransaction(ctx.provider, ctx.deployer, entry.fromBlock, succeeded) : undefined;
    return adopt(ctx, step, predicted, found, {
      note: "adopted: already created at its predicted address",
      why: "already created at its predicted address",
    });
  }
  ctx.journal.markPending(step, current, await ctx.provider.getBlockNumber());
  const created = await create();
  return createdNow(ctx, step, created);
}

/** A creation step's outcome from its journal record: `skipped` (an earlier run made it) or `adopted`. */
function recorded(address: string, result: StepResult, how: "skipped" | "adopted"): StepOutcome {
  return {
    address,
    transactionHash: result.transactionHash ?? "",
    blockNumber: result.blockNumber ?? 0,
    adopted: how === "adopted",
    skipped: how === "skipped",
  };
}

/**
 * Journals and logs the contract at `address` as the step's, created outside this run (`found`: its transaction,
 * if it was found). `note` goes to the journal, `why` to the log.
 */
function adopt(
  ctx: StepContext,
  step: string,
  address: string,
  found: Located | undefined,
  reason: { note: string; why: string },
): StepOutcome {
  const result: StepResult = {
    address,
    transactionHash: found?.hash ?? "unknown",
    blockNumber: found?.blockNumber ?? 0,
    note: reason.note,
  };
  ctx.journal.markDone(step, result);
  ctx.log(`${prefix(ctx)}~ ${step}: adopted ${address}, ${reason.why}`);
  return recorded(address, result, "adopted");
}

/** Journals and logs the contract a step created in this run. */
function createdNow(ctx: StepContext, step: string, created: Created): StepOutcome {
  ctx.journal.markDone(step, { ...created });
  ctx.log(`${prefix(ctx)}+ ${step}: ${created.address} (tx ${created.transactionHash})`);
  return { ...created, adopted: false, skipped: false };
}

/**
 * Runs a state-changing step once.
 * @param isSatisfied reads the chain: true when the step's effect is already in place.
 * @param apply sends the transaction(s) and returns their receipts.
 */
export async function stateStep(
  ctx: StepContext,
  step: string,
  isSatisfied: () => Promise<boolean>,
  apply: () => Promise<(TransactionReceipt | null)[]>,
): Promise<boolean> {
  if (ctx.journal.isDone(step)) {
    ctx.log(`${prefix(ctx)}= ${step}: already done`);
    return false;
  }
  const current = await waitForQuietDeployer(ctx);
  if (await isSatisfied()) {
    ctx.journal.markDone(step, { note: "already in place on chain" });
    ctx.log(`${prefix(ctx)}= ${step}: already in place on chain`);
    return false;
  }
  ctx.journal.markPending(step, current, await ctx.provider.getBlockNumber());
  const receipts = await apply();
  for (const r of receipts) recordGas(ctx, step, r);
  const last = receipts[receipts.length - 1];
  ctx.journal.markDone(step, { transactionHash: last?.hash, blockNumber: last?.blockNumber });
  ctx.log(`${prefix(ctx)}+ ${step}${last ? ` (tx ${last.hash})` : ""}`);
  return true;
}

/** Waits for a freshly sent deployment, logging it as sent first, and reports where it landed. */
async function landed(ctx: StepContext, step: string, deployed: BaseContract): Promise<Created> {
  const tx = deployed.deploymentTransaction();
  logSent(ctx, step, tx?.hash);
  await deployed.waitForDeployment();
  const receipt = await tx?.wait();
  recordGas(ctx, step, receipt ?? null);
  return {
    address: await deployed.getAddress(),
    transactionHash: tx?.hash ?? "unknown",
    blockNumber: receipt?.blockNumber ?? 0,
  };
}

/** Sends one transaction of a state step, logging it as sent, and waits for it. */
async function sent(
  ctx: StepContext,
  step: string,
  p: Promise<TransactionResponse>,
): Promise<TransactionReceipt | null> {
  const tx = await p;
  logSent(ctx, step, tx.hash);
  return tx.wait();
}

/** The tools every plan step acts through (src/chain/plan.ts), over this run's journal; `save` writes records. */
export function stepTools(ctx: StepContext, save: (record: RecordInput) => Promise<void>): StepTools {
  return {
    log: ctx.log,
    get progress() {
      return ctx.progress;
    },
    create: (step, deploy, identify) => createStep(ctx, step, deploy, identify),
    create2: (step, predicted, isCreation, create) => create2Step(ctx, step, predicted, isCreation, create),
    change: (step, isSatisfied, apply) => stateStep(ctx, step, isSatisfied, apply),
    landed: (step, deployed) => landed(ctx, step, deployed),
    send: (step, tx) => sent(ctx, step, tx),
    logSent: (step, hash) => logSent(ctx, step, hash),
    recordGas: (step, receipt) => recordGas(ctx, step, receipt),
    save,
  };
}

/** Runs `steps` in order with a "[k/n]" progress prefix; returns true when any step changed the chain. */
export async function runPlan<S>(
  steps: readonly PlanStep<S>[],
  state: S,
  ctx: StepContext,
  tools: StepTools,
): Promise<boolean> {
  const names = new Set<string>();
  for (const s of steps) {
    if (names.has(s.name)) throw new Error(`internal: two plan steps are named "${s.name}"`);
    names.add(s.name);
  }
  let changed = false;
  for (const [i, s] of steps.entries()) {
    ctx.progress = `[${String(i + 1).padStart(String(steps.length).length)}/${steps.length}]`;
    changed = (await s.run(state, tools)) || changed;
  }
  ctx.progress = undefined;
  return changed;
}
