/**
 * Names shared by the market's modules, free of contract bindings (the offline signing path loads
 * the action catalog, which must not pull in more than it needs).
 */

/** Record names of the market's contracts in deployments/<network>/. */
export const MARKET_RECORD = {
  registry: "CounterpartyRegistry",
  desk: "RedemptionDesk",
  rule: "DistributionRule",
} as const;

/** Reason codes of a rejection (IRedemptionDesk.RedemptionRejected). */
export const REJECTION_REASONS = { BankAccount: 1, Compliance: 2, Licence: 3, Other: 4 } as const;
export type RejectionReason = keyof typeof REJECTION_REASONS;

/** ICounterpartyRegistry.Category, by value. */
export const COUNTERPARTY_CATEGORIES = ["Exchange", "Exchanger", "Bank"] as const;
export type CounterpartyCategory = (typeof COUNTERPARTY_CATEGORIES)[number];
/** ICounterpartyRegistry.Status, by value. */
export const COUNTERPARTY_STATUSES = ["None", "Active", "Suspended", "Revoked"] as const;
export type CounterpartyStatus = (typeof COUNTERPARTY_STATUSES)[number];
