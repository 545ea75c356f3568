/**
 * Resumable deployment steps over a {@link DeployJournal}.
 *
 * - {@link createStep}: creates a contract. Done steps are skipped when code is still there; a
 *   pending step (the process died mid-step) adopts a contract the deployer already created
 *   from the recorded nonce on, if `identify` recognises it, instead of creating a duplicate.
 * - {@link stateStep}: changes state. Done steps are skipped; otherwise `isSatisfied` reads the
 *   chain first, so a transaction that went through before a crash is not sent twice.
 */
import type { Provider, TransactionReceipt, TransactionResponse } from "ethers";
import { getCreateAddress } from "ethers";
import type { DeployJournal, StepResult } from "./journal";

export type Log = (line: string) => void;

export interface StepContext {
  journal: DeployJournal;
  provider: Provider;
  deployer: string;
  log: Log;
  /** Gas used by every transaction this run sent (for the plan and the dry run). */
  gasUsed: { step: string; gas: bigint }[];
}

export interface Created {
  address: string;
  transactionHash: string;
  blockNumber: number;
}

export class DeployStepError extends Error {
  constructor(
    readonly step: string,
    message: string,
  ) {
    super(`deployment step "${step}": ${message}`);
    this.name = "DeployStepError";
  }
}

async function hasCode(provider: Provider, address: string): Promise<boolean> {
  return (await provider.getCode(address)) !== "0x";
}

/** Waits until the deployer has no transaction in flight (pending nonce == latest nonce). */
export async function waitForQuietDeployer(ctx: StepContext, timeoutMs = 300_000): Promise<number> {
  const start = Date.now();
  for (;;) {
    const [latest, pending] = await Promise.all([
      ctx.provider.getTransactionCount(ctx.deployer, "latest"),
      ctx.provider.getTransactionCount(ctx.deployer, "pending"),
    ]);
    if (latest === pending) return latest;
    if (Date.now() - start > timeoutMs) {
      throw new Error(`deployer ${ctx.deployer} still has ${pending - latest} transaction(s) in flight; wait and rerun`);
    }
    ctx.log(`waiting for ${pending - latest} in-flight transaction(s) of the deployer...`);
    await new Promise((r) => setTimeout(r, 3000));
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

/** Finds the transaction the deployer sent with `nonce`, scanning blocks from `fromBlock`. */
async function findTransactionByNonce(provider: Provider, deployer: string, nonce: number, fromBlock: number): Promise<Located | undefined> {
  for await (const tx of deployerTransactions(provider, deployer, fromBlock)) {
    if (tx.nonce === nonce) return { hash: tx.hash, blockNumber: tx.blockNumber ?? 0 };
  }
  return undefined;
}

/** Finds the deployer's transaction that created `address`, scanning blocks from `fromBlock`. */
async function findCreationTransaction(provider: Provider, deployer: string, address: string, fromBlock: number): Promise<Located | undefined> {
  for await (const tx of deployerTransactions(provider, deployer, fromBlock)) {
    if (tx.to !== null) continue;
    const receipt = await provider.getTransactionReceipt(tx.hash);
    if (receipt?.contractAddress?.toLowerCase() === address.toLowerCase()) return { hash: tx.hash, blockNumber: receipt.blockNumber };
  }
  return undefined;
}

/** Counts the deployer's transactions from `fromBlock` on, and their gas (from the receipts). */
export async function deployerGasSince(provider: Provider, deployer: string, fromBlock: number): Promise<{ transactions: number; gas: bigint }> {
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
  if (receipt) ctx.gasUsed.push({ step, gas: receipt.gasUsed });
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
): Promise<Created & { adopted: boolean; skipped: boolean }> {
  const entry = ctx.journal.get(step);
  if (entry?.status === "done" && entry.result?.address) {
    if (!(await hasCode(ctx.provider, entry.result.address))) {
      throw new DeployStepError(step, `journal says ${entry.result.address} but there is no code there (chain reset?)`);
    }
    ctx.log(`= ${step}: already deployed at ${entry.result.address}`);
    return {
      address: entry.result.address,
      transactionHash: entry.result.transactionHash ?? "",
      blockNumber: entry.result.blockNumber ?? 0,
      adopted: false,
      skipped: true,
    };
  }
  const current = await waitForQuietDeployer(ctx);
  if (entry?.status === "pending") {
    for (let n = entry.fromNonce; n < current; n++) {
      const candidate = getCreateAddress({ from: ctx.deployer, nonce: n });
      if ((await hasCode(ctx.provider, candidate)) && (await identify(candidate))) {
        const tx = await findTransactionByNonce(ctx.provider, ctx.deployer, n, entry.fromBlock);
        const result: StepResult = {
          address: candidate,
          transactionHash: tx?.hash ?? "unknown",
          blockNumber: tx?.blockNumber ?? 0,
          note: `adopted after an interrupted run (deployer nonce ${n})`,
        };
        ctx.journal.markDone(step, result);
        ctx.log(`~ ${step}: adopted ${candidate}, created before the previous run was interrupted`);
        return { address: candidate, transactionHash: result.transactionHash ?? "", blockNumber: result.blockNumber ?? 0, adopted: true, skipped: false };
      }
    }
  }
  const fromBlock = await ctx.provider.getBlockNumber();
  ctx.journal.markPending(step, current, fromBlock);
  let created = await deploy();
  if (!created.transactionHash.startsWith("0x")) {
    // Some deploy helpers (e.g. the upgrades plugin's beacons) do not expose their transaction.
    const found = await findCreationTransaction(ctx.provider, ctx.deployer, created.address, fromBlock);
    if (found) created = { ...created, transactionHash: found.hash, blockNumber: found.blockNumber };
  }
  ctx.journal.markDone(step, { ...created });
  ctx.log(`+ ${step}: ${created.address} (tx ${created.transactionHash})`);
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
    ctx.log(`= ${step}: already done`);
    return false;
  }
  const current = await waitForQuietDeployer(ctx);
  if (await isSatisfied()) {
    ctx.journal.markDone(step, { note: "already in place on chain" });
    ctx.log(`= ${step}: already in place on chain`);
    return false;
  }
  ctx.journal.markPending(step, current, await ctx.provider.getBlockNumber());
  const receipts = await apply();
  for (const r of receipts) recordGas(ctx, step, r);
  const last = receipts[receipts.length - 1];
  ctx.journal.markDone(step, { transactionHash: last?.hash, blockNumber: last?.blockNumber });
  ctx.log(`+ ${step}${last ? ` (tx ${last.hash})` : ""}`);
  return true;
}
