/**
 * Custodian actions of the primary market (the reserve Safe's side): settle and reject redemption
 * requests, alone or in batches (one proposal, executed atomically through MultiSendCallOnly), and
 * the Safe's settings. The custodian catalog (src/custody/catalog.ts) registers them by one line.
 * Licensing is not a custodian action: the regulator signs it with its own key.
 */
import type { ActionPreset, CallRequest } from "../chain/calls";
import { MARKET_RECORD, REJECTION_REASONS } from "./constants";
import type { RejectionReason } from "./constants";

export const MARKET_ACTIONS: Record<string, ActionPreset> = {
  settleRedemption: {
    fn: "settle",
    description: "settle a redemption request: burn its escrow at par, the request id as the burn's reference",
  },
  rejectRedemption: {
    fn: "reject",
    description: "reject a redemption request: refund its escrow to the requester, with a reason code",
  },
  setSettlementWindow: {
    fn: "setSettlementWindow",
    description: "set the settlement window (seconds) of new redemption requests",
  },
  setMinimumCapital: {
    fn: "setMinimumCapital",
    description: "set the minimum declared capital (som) of a counterparty category",
  },
};

/** One settle call per request id: a batch settles them all or none. */
export function settlementCalls(ids: readonly bigint[], desk: string = MARKET_RECORD.desk): CallRequest[] {
  return ids.map((id) => ({ action: "settleRedemption", contract: desk, args: [id.toString()] }));
}

/** One reject call per request id, all with `reason`. */
export function rejectionCalls(
  ids: readonly bigint[],
  reason: RejectionReason,
  desk: string = MARKET_RECORD.desk,
): CallRequest[] {
  return ids.map((id) => ({
    action: "rejectRedemption",
    contract: desk,
    args: [id.toString(), String(REJECTION_REASONS[reason])],
  }));
}

/**
 * The reserve Safe's calls that wire a freshly deployed market into the system: the desk may burn
 * settled escrow (the stablecoin's BURNER_ROLE), and optionally the minimum declared capital of
 * exchanges (whole som). Installing the DistributionRule in the ReserveGuard is the guard's own
 * announced, delayed `setCallRule` (src/guard/).
 */
export function marketWiringCalls(
  o: { exchangeMinimumCapital?: bigint; stablecoin?: string; desk?: string; registry?: string } = {},
): CallRequest[] {
  const calls: CallRequest[] = [
    {
      action: "grantRole",
      contract: o.stablecoin ?? "SomStablecoin",
      args: ["BURNER_ROLE", o.desk ?? MARKET_RECORD.desk],
    },
  ];
  if (o.exchangeMinimumCapital !== undefined) {
    calls.push({
      action: "setMinimumCapital",
      contract: o.registry ?? MARKET_RECORD.registry,
      args: ["0", o.exchangeMinimumCapital.toString()],
    });
  }
  return calls;
}
