/**
 * Redemptions at par: typed calls to the RedemptionDesk (request, settle, reject) and the reading
 * of open and overdue requests for the reserve report.
 */
import { MaxUint256, toBeHex } from "ethers";
import type { TransactionReceipt } from "ethers";
import type { RedemptionDesk, SomStablecoin } from "../../typechain-types";
import { MarketError, referenceBytes32 } from "./counterparties";

import { REJECTION_REASONS } from "./constants";
import type { RejectionReason } from "./constants";
export { REJECTION_REASONS, type RejectionReason };

export interface RedemptionRequest {
  id: bigint;
  requester: string;
  amount: bigint;
  bankAccountRef: string;
  deadline: bigint;
  requestedAtBlock: number;
  transactionHash: string;
}

export interface OpenRedemption extends RedemptionRequest {
  overdue: boolean;
}

export interface RedemptionsView {
  desk: string;
  /** Block timestamp the view was read at. */
  asOf: bigint;
  open: OpenRedemption[];
  overdue: OpenRedemption[];
  /** Sum of the open requests' escrow, in token units. */
  openTotal: bigint;
}

/** The requester encoded in a request id (its low 160 bits). */
export function requesterOf(id: bigint): string {
  return toBeHex(id & ((1n << 160n) - 1n), 20);
}

/** A request id as the 0x-hex the burn carries as its reference. */
export function burnReferenceOf(id: bigint): string {
  return toBeHex(id, 32);
}

/**
 * The desk's runner (an eligible counterparty) escrows `amount` and opens a request. Approves the
 * desk first when its allowance is short (an unlimited approval, so later requests skip it).
 */
export async function requestRedemption(
  desk: RedemptionDesk,
  token: SomStablecoin,
  amount: bigint,
  bankAccountRef: string,
): Promise<{ id: bigint; receipt: TransactionReceipt }> {
  const runner = desk.runner;
  const owner =
    runner && "getAddress" in runner && typeof runner.getAddress === "function"
      ? await (runner.getAddress as () => Promise<string>)()
      : undefined;
  if (!owner) throw new MarketError("the desk handle needs a signer (the counterparty)");
  const deskAddress = await desk.getAddress();
  if ((await token.allowance(owner, deskAddress)) < amount) {
    const approval = await (await token.approve(deskAddress, MaxUint256)).wait();
    if (!approval || approval.status !== 1) throw new MarketError("approving the redemption desk failed");
  }
  const receipt = await (await desk.requestRedemption(amount, referenceBytes32(bankAccountRef))).wait();
  if (!receipt || receipt.status !== 1) throw new MarketError("the redemption request failed");
  for (const log of receipt.logs) {
    const parsed = desk.interface.parseLog(log);
    if (parsed?.name === "RedemptionRequested") return { id: parsed.args.id as bigint, receipt };
  }
  throw new MarketError(`no RedemptionRequested event in ${receipt.hash}`);
}

/** The desk's runner (the reserve) settles request `id`. */
export async function settleRedemption(desk: RedemptionDesk, id: bigint): Promise<TransactionReceipt> {
  const receipt = await (await desk.settle(id)).wait();
  if (!receipt || receipt.status !== 1) throw new MarketError(`settling request ${burnReferenceOf(id)} failed`);
  return receipt;
}

/** The desk's runner (the reserve) rejects request `id`. */
export async function rejectRedemption(
  desk: RedemptionDesk,
  id: bigint,
  reason: RejectionReason,
): Promise<TransactionReceipt> {
  const receipt = await (await desk.reject(id, REJECTION_REASONS[reason])).wait();
  if (!receipt || receipt.status !== 1) throw new MarketError(`rejecting request ${burnReferenceOf(id)} failed`);
  return receipt;
}

/** A RedemptionRequested event already read (e.g. by the reserve report's cached scan). */
export interface RequestedEvent {
  id: bigint;
  bankAccountRef: string;
  blockNumber: number;
  transactionHash: string;
}

export interface CollectRedemptionsOptions {
  /** Read the desk at this block (default: the latest). */
  blockTag?: number;
  /** The desk's RedemptionRequested events up to that block, when the caller has them (no log query then). */
  events?: readonly RequestedEvent[];
}

/**
 * The desk's open requests and the overdue ones among them (for the reserve report): every
 * RedemptionRequested event since `fromBlock`, kept when the desk still holds it open.
 */
export async function collectRedemptions(
  desk: RedemptionDesk,
  fromBlock = 0,
  o: CollectRedemptionsOptions = {},
): Promise<RedemptionsView> {
  const provider = desk.runner?.provider;
  if (!provider) throw new MarketError("the desk handle needs a provider");
  const block = await provider.getBlock(o.blockTag ?? "latest");
  const asOf = BigInt(block?.timestamp ?? 0);
  const events: readonly RequestedEvent[] =
    o.events ??
    (await desk.queryFilter(desk.filters.RedemptionRequested(), fromBlock, block?.number ?? "latest")).map((e) => ({
      id: e.args.id,
      bankAccountRef: e.args.bankAccountRef,
      blockNumber: e.blockNumber,
      transactionHash: e.transactionHash,
    }));
  const open: OpenRedemption[] = [];
  for (const e of events) {
    const id = e.id;
    const [requester, amount, deadline, isOpen] = await desk.request(id, { blockTag: block?.number });
    if (!isOpen) continue;
    open.push({
      id,
      requester,
      amount,
      deadline,
      bankAccountRef: e.bankAccountRef,
      requestedAtBlock: e.blockNumber,
      transactionHash: e.transactionHash,
      overdue: asOf > deadline,
    });
  }
  return {
    desk: await desk.getAddress(),
    asOf,
    open,
    overdue: open.filter((r) => r.overdue),
    openTotal: open.reduce((s, r) => s + r.amount, 0n),
  };
}
