/**
 * The reserve report: what circulates, what backs it, who attested, how it moved over time and who
 * governs the reserve, read from the chain. The JSON written to reports/<network>/reserve-report.json
 * is exactly a {@link ReserveReport}; its shape is documented in docs/report.md and versioned by
 * {@link REPORT_SCHEMA_VERSION} (bump it on any change that is not a pure addition).
 */

/** Version of the JSON shape (docs/report.md). 1 was the unversioned first report. */
export const REPORT_SCHEMA_VERSION = 2;

/** An amount in base units with its decimals, plus a human string ("1,234.56 KGSC"). */
export interface Amount {
  raw: string;
  decimals: number;
  formatted: string;
}

/** An address with the name the deploy config or the records give it (or null). */
export interface Labelled {
  address: string;
  label: string | null;
  /** Explorer page of the address, or null on a local chain. */
  url: string | null;
}

/** The block a figure was read at. */
export interface BlockRef {
  blockNumber: number;
  /** Block time, unix seconds. */
  timestamp: number;
  /** Block time, ISO 8601 UTC. */
  time: string;
  url: string | null;
}

export interface StablecoinSection {
  address: string;
  name: string;
  symbol: string;
  decimals: number;
  paused: boolean;
  blockNumber: number;
}

/** Circulating = total supply − what the reserve Safe itself holds (undistributed, never backing). */
export interface SupplySection {
  blockNumber: number;
  total: Amount;
  /** Stablecoin held by the reserve Safe: issued but not distributed; NOT a reserve asset. */
  undistributed: Amount;
  circulating: Amount;
}

/** A verified signer of an attested report. */
export interface ReportSigner {
  address: string;
  label: string | null;
  /**
   * How the signer was verified: "eip712-signature" (ECDSA recovered from the submit transaction's
   * calldata), "onchain-approval" (a ReportApproved event), "erc1271-contract" (a contract attestor;
   * its signature was checked by the registry on chain), or "unverified" (with `note`).
   */
  method: "eip712-signature" | "onchain-approval" | "erc1271-contract" | "unverified";
  note?: string;
}

/** One accepted attestation report (som reserves or an asset valuation). */
export interface AttestedReport {
  subject: string;
  roundId: number;
  value: Amount;
  /** The report's as-of time (what the attestors vouch for), unix seconds. */
  asOf: number;
  docHash: string;
  uri: string;
  digest: string;
  /** Block and transaction that made the report current. */
  block: BlockRef;
  transactionHash: string;
  transactionUrl: string | null;
  signers: ReportSigner[];
}

export interface AttestorSet {
  blockNumber: number;
  threshold: number;
  attestors: Labelled[];
}

/** The som reserves that back the stablecoin, and the coverage ratios, each labelled. */
export interface BackingSection {
  blockNumber: number;
  /** Attested som reserves (registry decimals). */
  attestedReserves: Amount;
  asOf: number;
  ageSeconds: number;
  maxAgeSeconds: number;
  fresh: boolean;
  docHash: string;
  /** The current report, with its signers (null if none was found in the scanned history). */
  currentReport: AttestedReport | null;
  /** attested reserves / circulating supply (1.25 = 125%); null when nothing circulates. */
  coverageOfCirculating: number | null;
  /** attested reserves / total supply, including the undistributed stablecoin; null when the supply is zero. */
  coverageOfTotalSupply: number | null;
  attestorSet: AttestorSet;
}

/** A tokenized state property: its own section, never added to the som backing. */
export interface PropertyHolding {
  name: string;
  symbol: string;
  address: string;
  url: string | null;
  assetId: string;
  assetClass: string;
  sharesHeld: Amount;
  totalShares: Amount;
  /** Attested valuation of the whole asset in som (registry decimals). */
  valuation: Amount;
  valuationAsOf: number;
  valuationFresh: boolean;
  /** Value of the shares the reserve holds, in som. */
  valueHeld: Amount;
  paused: boolean;
  /** The current valuation report with its verified signers (null if not in the scanned history). */
  valuationReport: AttestedReport | null;
}

export interface PropertySection {
  blockNumber: number;
  assets: PropertyHolding[];
  /** Sum of the value of the shares the reserve holds; NOT part of the som backing. */
  totalValueHeld: Amount;
}

export interface TokenHolding {
  name: string;
  symbol: string;
  address: string;
  balance: Amount;
  blockNumber: number;
  /** A fresh attested som price exists (its value is in the crypto holdings section); never backing. */
  attestedPrice: boolean;
}

/** One point of the history chart: the state right after the events of `blockNumber`. */
export interface SeriesPoint {
  blockNumber: number;
  timestamp: number;
  /** Attested som reserves (registry decimals, raw). */
  reserves: string;
  /** Total supply and circulating supply (token decimals, raw). */
  totalSupply: string;
  circulating: string;
}

export interface FlowWindow {
  days: number;
  /** First block counted (the first block at or after the window start within the scanned history). */
  fromTimestamp: number;
  toBlock: number;
  minted: Amount;
  burned: Amount;
  wiped: Amount;
  /**
   * False when the scanned history starts after both the window start and the stablecoin's creation (the figures then
   * cover less).
   */
  complete: boolean;
}

export interface MonthRow {
  /** "2026-11" (UTC). */
  month: string;
  minted: Amount;
  burned: Amount;
  wiped: Amount;
  reserveReports: number;
  /** State at the end of the month (or as of the report's block for the current month). */
  lastBlock: number;
  reserves: Amount;
  circulating: Amount;
}

export interface ScanInfo {
  fromBlock: number;
  toBlock: number;
  /** Blocks read from the cache, and read from the node in this run. */
  cachedToBlock: number;
  blocksScanned: number;
  rangeSize: number;
  rpcCalls: number;
  logs: number;
  cacheFile: string | null;
  /** Blocks kept out of the cache below the head (reorg safety). */
  reorgDepth: number;
}

export interface HistorySection {
  scan: ScanInfo;
  series: SeriesPoint[];
  flows: FlowWindow[];
  monthly: MonthRow[];
  /** Every accepted SOM_RESERVES report, newest first. */
  reserveReports: AttestedReport[];
}

/** A Safe transaction executed on chain, decoded with the custodian tooling's decoder. */
export interface SafeExecution {
  block: BlockRef;
  transactionHash: string;
  transactionUrl: string | null;
  safeTxHash: string;
  success: boolean;
  /** First line of the decoded call ("Burn 400.00 KGSC held by the reserve Safe, ..."). */
  headline: string;
  /** The full plain-words description (src/custody/describe.ts describeCall). */
  details: string[];
}

export interface Announcement {
  callHash: string;
  to: string;
  value: string;
  data: string;
  operation: number;
  executableAt: number;
  expiresAt: number;
  announcer: Labelled;
  block: BlockRef;
  status: "waiting" | "executable" | "expired";
  headline: string;
  details: string[];
}

export interface GuardSection {
  address: Labelled;
  /** Whether the Safe has this guard installed (its guard storage slot). */
  installed: boolean;
  delaySeconds: number | null;
  callRule: string | null;
  pending: Announcement[];
}

export interface UpgradeEntry {
  /** Record name of the proxy or beacon ("SomStablecoin", "AssetBeacon"). */
  contract: string;
  address: string;
  kind: "proxy" | "beacon";
  implementation: Labelled;
  block: BlockRef;
  transactionHash: string;
  transactionUrl: string | null;
  /** True for the first implementation a proxy was created with. */
  initial: boolean;
}

export interface GovernanceSection {
  blockNumber: number;
  safe: {
    address: Labelled;
    threshold: number;
    nonce: number;
    owners: Labelled[];
    /** Installed Safe guard (zero address: none). */
    guard: Labelled | null;
    modules: Labelled[];
  };
  /** Present when the deployment records hold a `ReserveGuard`. */
  reserveGuard: GuardSection | null;
  /** Recent executed Safe transactions, newest first. */
  executed: SafeExecution[];
  /** Implementation history of every proxy and beacon in the records, oldest first. */
  upgrades: UpgradeEntry[];
}

/**
 * A section contributed by a {@link ReportSectionProvider} (src/report/sections.ts), e.g. redemption
 * requests: a titled table whose figures carry their block number.
 */
export interface ExtraSection {
  id: string;
  title: string;
  blockNumber: number;
  description?: string;
  columns: string[];
  rows: string[][];
  warnings: string[];
}

export interface ReserveReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** Wall-clock time the report was made (ISO 8601 UTC). */
  generatedAt: string;
  network: string;
  chainId: number;
  /** The block every current figure was read at. */
  asOf: BlockRef;
  /** Block explorer of the network (null on local chains). */
  explorer: { name: string; url: string } | null;
  stablecoin: StablecoinSection;
  supply: SupplySection;
  backing: BackingSection;
  tokenizedProperty: PropertySection;
  /** Other tokens the reserve holds (deploy config otherReserveTokens): listed, not priced. */
  otherTokens: TokenHolding[];
  history: HistorySection;
  governance: GovernanceSection;
  sections: ExtraSection[];
  warnings: string[];
}
