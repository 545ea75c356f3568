/**
 * Announcements on the ReserveGuard: sending one (an owner's key), reading the pending ones of a Safe from
 * the guard's events (checked against its storage), and the guard status of the calls of a proposal.
 */
import { getAddress } from "ethers";
import type { Provider, Signer } from "ethers";
import { reserveGuardAt } from "./contract";
import { withTimeout } from "../chain/timeout";
import { GuardError, guardCallHash } from "./calls";
import type { AnnouncedCall } from "./calls";
import type { InnerCall } from "../safe/multisend";

/** State of an announcement at a given time. */
export type AnnouncementState = "not-announced" | "waiting" | "executable" | "expired";

export interface AnnouncementFacts {
  hash: string;
  state: AnnouncementState;
  /** Block time of the announcement (from its event; undefined when not announced). */
  announcedAt?: bigint;
  executableAt?: bigint;
  expiresAt?: bigint;
  announcer?: string;
}

export interface PendingAnnouncement extends AnnouncementFacts {
  to: string;
  value: bigint;
  data: string;
  operation: number;
  transactionHash: string;
  blockNumber: number;
}

function stateAt(now: bigint, executableAt: bigint, expiresAt: bigint): AnnouncementState {
  if (expiresAt === 0n) return "not-announced";
  if (now < executableAt) return "waiting";
  return now <= expiresAt ? "executable" : "expired";
}

async function latestTime(provider: Provider): Promise<bigint> {
  const block = await withTimeout(provider.getBlock("latest"), "latest block");
  if (!block) throw new GuardError("the node returned no latest block");
  return BigInt(block.timestamp);
}

export interface AnnounceResult {
  hash: string;
  executableAt: bigint;
  expiresAt: bigint;
  /** Undefined when the call was already announced (nothing sent). */
  transactionHash?: string;
}

/**
 * Announces each call (an owner's signer). A call already pending (not expired) is not announced again.
 * `onSent` is called with each announcement's transaction once sent, before its receipt is awaited.
 */
export async function announceCalls(
  owner: Signer,
  guardAddress: string,
  safe: string,
  calls: readonly InnerCall[],
  onSent?: (hash: string) => void,
): Promise<AnnounceResult[]> {
  const provider = owner.provider;
  if (!provider) throw new GuardError("the announcing key has no provider");
  const guard = reserveGuardAt(guardAddress, owner);
  const out: AnnounceResult[] = [];
  for (const call of calls) {
    const hash = guardCallHash(safe, call);
    const [executableAt, expiresAt] = await withTimeout(guard.announcement(safe, hash), "guard announcement");
    if (expiresAt !== 0n && (await latestTime(provider)) <= expiresAt) {
      out.push({ hash, executableAt, expiresAt });
      continue;
    }
    const tx = await withTimeout(guard.announce(safe, call.to, call.value, call.data, 0), "announce");
    onSent?.(tx.hash);
    const receipt = await withTimeout(tx.wait(), "announce receipt", 120_000);
    if (!receipt || receipt.status !== 1) throw new GuardError(`announcement ${hash} failed (${tx.hash})`);
    const [at, until] = await withTimeout(guard.announcement(safe, hash), "guard announcement");
    out.push({ hash, executableAt: at, expiresAt: until, transactionHash: tx.hash });
  }
  return out;
}

/**
 * Pending announcements of `safe` (still in the guard's storage, expired ones included and marked), from
 * the guard's CallAnnounced events since `fromBlock`; the stored times are authoritative.
 */
export async function pendingAnnouncements(
  provider: Provider,
  guardAddress: string,
  safe: string,
  fromBlock = 0,
): Promise<PendingAnnouncement[]> {
  const guard = reserveGuardAt(guardAddress, provider);
  const events = await withTimeout(
    guard.queryFilter(guard.filters.CallAnnounced(getAddress(safe)), fromBlock),
    "CallAnnounced events",
    60_000,
  );
  const now = await latestTime(provider);
  const latest = new Map<string, (typeof events)[number]>();
  for (const e of events) latest.set(e.args.callHash, e);
  const out: PendingAnnouncement[] = [];
  for (const [hash, e] of latest) {
    const [executableAt, expiresAt] = await withTimeout(guard.announcement(safe, hash), "guard announcement");
    if (expiresAt === 0n || expiresAt !== e.args.expiresAt) continue; // executed, cancelled (or re-announced later)
    const block = await withTimeout(e.getBlock(), "announcement block");
    out.push({
      hash,
      state: stateAt(now, executableAt, expiresAt),
      announcedAt: BigInt(block.timestamp),
      executableAt,
      expiresAt,
      announcer: getAddress(e.args.announcer),
      to: getAddress(e.args.to),
      value: e.args.value,
      data: e.args.data,
      operation: Number(e.args.operation),
      transactionHash: e.transactionHash,
      blockNumber: e.blockNumber,
    });
  }
  return out.sort((a, b) => a.blockNumber - b.blockNumber);
}

/** Guard facts (from the chain) for each call of a proposal that needs an announcement. */
export async function announcementStatus(
  provider: Provider,
  guardAddress: string,
  safe: string,
  calls: readonly AnnouncedCall[],
): Promise<AnnouncementFacts[]> {
  const guard = reserveGuardAt(guardAddress, provider);
  const now = await latestTime(provider);
  const pending = await pendingAnnouncements(provider, guardAddress, safe);
  const out: AnnouncementFacts[] = [];
  for (const call of calls) {
    const [executableAt, expiresAt] = await withTimeout(guard.announcement(safe, call.hash), "guard announcement");
    const p = pending.find((x) => x.hash === call.hash);
    out.push({
      hash: call.hash,
      state: stateAt(now, executableAt, expiresAt),
      announcedAt: p?.announcedAt,
      executableAt,
      expiresAt,
      announcer: p?.announcer,
    });
  }
  return out;
}
