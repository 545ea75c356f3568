/**
 * What a screening diff asks for, as transactions: `freezeBatch` of the addresses to freeze, in chunks that fit a
 * block with 50% headroom, each carrying the legal reference of its own entries (./reference.ts); and the
 * regulator's `suspend` of every Active listed counterparty, the lists' hash as the reason. Unfreezing is never
 * among them (the Safe's delayed call, decided by people).
 */
import { Interface } from "ethers";
import type { ScreeningDiff } from "./diff";
import type { SanctionsReference } from "./reference";
import { withReference } from "./reference";

/** Gas of `freezeBatch` beyond the calldata: a fixed part, and per frozen account (test/sanctions/gas.test.ts). */
export const FREEZE_BATCH_GAS = { base: 30_000n, perAccount: 27_000n } as const;

/** Share of the block gas limit one freeze transaction may use. */
export const BLOCK_HEADROOM = 0.5;

const FREEZE_BATCH = new Interface(["function freezeBatch(address[] accounts)"]);

export interface FreezeChunk {
  addresses: string[];
  reference: SanctionsReference;
  /** `freezeBatch(addresses)` with the reference appended. */
  data: string;
  /** Upper bound of its gas (intrinsic + calldata + execution). */
  gasBound: bigint;
}

/** Intrinsic and calldata gas of `data` (EIP-2028: 4 per zero byte, 16 per other byte). */
export function calldataGas(data: string): bigint {
  let gas = 21_000n;
  for (let i = 2; i < data.length; i += 2) gas += data.slice(i, i + 2) === "00" ? 4n : 16n;
  return gas;
}

function chunkOf(diff: ScreeningDiff, slice: ScreeningDiff["toFreeze"]): FreezeChunk {
  const reference: SanctionsReference = {
    listHash: diff.listHash,
    lists: diff.listNames,
    date: diff.date,
    entryIds: slice.flatMap((s) => s.entries),
  };
  const addresses = slice.map((s) => s.address);
  const data = withReference(FREEZE_BATCH.encodeFunctionData("freezeBatch", [addresses]), reference);
  return {
    addresses,
    reference,
    data,
    gasBound: calldataGas(data) + FREEZE_BATCH_GAS.base + FREEZE_BATCH_GAS.perAccount * BigInt(addresses.length),
  };
}

/**
 * The freezes of `diff`, in order, each chunk as large as fits `BLOCK_HEADROOM` of `blockGasLimit` (never empty:
 * one address per chunk at worst).
 */
export function freezeChunks(diff: ScreeningDiff, blockGasLimit: bigint): FreezeChunk[] {
  const budget = BigInt(Math.floor(Number(blockGasLimit) * BLOCK_HEADROOM));
  const chunks: FreezeChunk[] = [];
  let start = 0;
  while (start < diff.toFreeze.length) {
    // the largest chunk from `start` within the budget (its gas grows with its length): a binary search
    let lo = start + 1;
    let hi = diff.toFreeze.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (chunkOf(diff, diff.toFreeze.slice(start, mid)).gasBound <= budget) lo = mid;
      else hi = mid - 1;
    }
    chunks.push(chunkOf(diff, diff.toFreeze.slice(start, lo)));
    start = lo;
  }
  return chunks;
}

/** The Active listed counterparties the regulator suspends, the lists' hash as the decision's reason. */
export function suspensions(diff: ScreeningDiff): { account: string; reason: string }[] {
  return diff.counterparties
    .filter((c) => c.status === "Active")
    .map((c) => ({ account: c.address, reason: diff.listHash }));
}
