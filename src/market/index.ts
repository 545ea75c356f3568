/** Public API of the primary market and the crypto reserve. */
export { MARKET_RECORD, REJECTION_REASONS, type RejectionReason } from "./constants";
export {
  COUNTERPARTY_CATEGORIES,
  COUNTERPARTY_STATUSES,
  MarketError,
  counterpartySummaryLine,
  describeCounterparty,
  licenseCounterparty,
  listCounterparties,
  readCounterparty,
  referenceBytes32,
  reinstateCounterparty,
  revokeCounterparty,
  suspendCounterparty,
  type CounterpartyCategory,
  type CounterpartyInfo,
  type CounterpartyStatus,
  type LicenceInput,
} from "./counterparties";
export {
  burnReferenceOf,
  collectRedemptions,
  rejectRedemption,
  requestRedemption,
  requesterOf,
  settleRedemption,
  type OpenRedemption,
  type RedemptionRequest,
  type RedemptionsView,
} from "./redemptions";
export { MARKET_ACTIONS, marketWiringCalls, rejectionCalls, settlementCalls } from "./actions";
export {
  DEFAULT_SETTLEMENT_WINDOW,
  deployCounterpartyRegistry,
  deployDistributionRule,
  deployMarket,
  deployRedemptionDesk,
  type Market,
  type MarketOptions,
} from "./deploy";
export { writeMarketRecords } from "./records";
export {
  BTC_DECIMALS,
  BTC_DOCUMENTS,
  btcAmountStatement,
  collectCryptoHoldings,
  formatCryptoHoldings,
  minedBitcoinAssetParams,
  minedBitcoinCreateCalls,
  minedBitcoinMintCalls,
  minedBitcoinValuation,
  readMinedBitcoinPosition,
  tokenizeMinedBitcoin,
  type CryptoHolding,
  type CryptoHoldings,
  type ListedToken,
  type MinedBitcoinPosition,
  type TokenizedBitcoin,
} from "./crypto";
