/**
 * Passing a guard's delay: the one place that waits for the chain until announced calls are due.
 * On a local development chain (Hardhat's, anvil) the clock is moved with `evm_increaseTime` + `evm_mine`
 * (both answer on every local node); anywhere else the function polls the latest block until its timestamp
 * reaches the time, never sending a transaction that would revert.
 */
import type { Provider } from "ethers";
import { withTimeout } from "../chain/timeout";
import { GuardError } from "./calls";

/** A JSON-RPC provider with `send` (ethers' JsonRpcProvider and Hardhat's provider both have it). */
export interface RpcProvider extends Provider {
  send(method: string, params: unknown[]): Promise<unknown>;
}

export interface ChainTimeOptions {
  /** Local development chain: move its clock instead of waiting. */
  advanceLocalClock: boolean;
  /**
   * A local node that mines only on demand (Hardhat's, anvil's automine): once the wall clock has passed `at`,
   * mine an empty block (`evm_mine`) as a public chain would have produced one by then. Real seconds pass.
   */
  mineWhenDue?: boolean;
  /** Poll interval when waiting (ms; default 5,000). */
  pollMs?: number;
  /** Give up after this many seconds of waiting (default: the wait itself + 10 minutes). */
  maxWaitSeconds?: number;
  log?: (line: string) => void;
}

async function latestTimestamp(provider: Provider): Promise<bigint> {
  const block = await withTimeout(provider.getBlock("latest"), "latest block");
  if (!block) throw new GuardError("the node returned no latest block");
  return BigInt(block.timestamp);
}

/** Returns once the latest block's timestamp is at least `at` (seconds). */
export async function waitForChainTime(provider: RpcProvider, at: bigint, o: ChainTimeOptions): Promise<void> {
  const now = await latestTimestamp(provider);
  if (now >= at) return;
  if (o.advanceLocalClock) {
    await withTimeout(provider.send("evm_increaseTime", [Number(at - now)]), "evm_increaseTime");
    await withTimeout(provider.send("evm_mine", []), "evm_mine");
    if ((await latestTimestamp(provider)) < at) throw new GuardError(`the local chain's clock did not reach ${at}`);
    o.log?.(`(local chain: time moved ${at - now} s forward to pass the guard's delay; a public network waits it out)`);
    return;
  }
  const limit = Date.now() + 1000 * (o.maxWaitSeconds ?? Number(at - now) + 600);
  o.log?.(`waiting for the chain to reach ${at} (${at - now} s)`);
  for (;;) {
    // The node's own clock (the pending block's time: a local node whose clock was moved runs ahead of ours).
    let nodeNow = BigInt(Math.floor(Date.now() / 1000));
    if (o.mineWhenDue) {
      // raw JSON-RPC: ethers' getBlock refuses a pending block without a number (Hardhat's)
      const pending = (await withTimeout(
        provider.send("eth_getBlockByNumber", ["pending", false]),
        "pending block",
      )) as { timestamp?: string } | null;
      if (pending?.timestamp) nodeNow = BigInt(pending.timestamp);
      if (nodeNow >= at) await withTimeout(provider.send("evm_mine", []), "evm_mine");
    }
    if ((await latestTimestamp(provider)) >= at) return;
    await new Promise((resolve) =>
      setTimeout(
        resolve,
        Math.max(200, Math.min(o.pollMs ?? 5000, o.mineWhenDue ? Number(at - nodeNow) * 1000 + 200 : Infinity)),
      ),
    );
    if (Date.now() > limit) throw new GuardError(`the chain did not reach time ${at} in time`);
  }
}
