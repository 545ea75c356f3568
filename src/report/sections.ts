/**
 * The extension point of the report: further sections (e.g. redemption requests, issue 18) are
 * {@link ReportSectionProvider}s listed in REPORT_SECTIONS (src/report/collect.ts). Each names the events it needs
 * (they are scanned with the rest, through the same cached cursor) and builds one
 * {@link ExtraSection} (a titled table) from them and the chain at the report's block.
 */
import type { Provider } from "ethers";
import type { ContractRecord } from "../chain/records";
import type { Explorer } from "./explorer";
import type { Labels } from "./labels";
import type { ExtraSection } from "./model";
import type { ScannedLog, ScannedTx } from "../chain/scan";

export interface SectionContext {
  provider: Provider;
  chainId: number;
  network: string;
  records: readonly ContractRecord[];
  safe: string;
  /** The report's block: read every view at this block tag. */
  blockNumber: number;
  blockTimestamp: number;
  /**
   * Every scanned log (filter by address and topic0), oldest first. The stablecoin's Transfer events
   * are only those touching the zero address or the reserve Safe.
   */
  logs: readonly ScannedLog[];
  timestamps: Map<number, number>;
  transactions: (hashes: readonly string[]) => Promise<Map<string, ScannedTx>>;
  labels: Labels;
  explorer: Explorer | null;
  /** Other ERC-20 tokens the reserve holds (deploy config `otherReserveTokens`). */
  otherTokens?: readonly string[];
  timeoutMs?: number;
}

export interface ReportSectionProvider {
  id: string;
  /** Contracts and event topics (topic0) to scan; may depend on the records (absent record: none). */
  events: (records: readonly ContractRecord[]) => { addresses: string[]; topics: string[] };
  /** The section, or null to leave it out (e.g. the contract is not deployed on this network). */
  collect: (ctx: SectionContext) => Promise<ExtraSection | null>;
}
