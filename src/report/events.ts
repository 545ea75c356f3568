/**
 * The report's event side: the cached event scan of the deployment's contracts (and of the extension
 * sections' events), the history built from it, and the extension sections collected over it.
 */
import { getAddress } from "ethers";
import type { Provider } from "ethers";
import { SOM_RESERVES } from "../chain/constants";
import type { ContractRecord } from "../chain/records";
import { scanLogs } from "../chain/scan";
import type { ScanResult } from "../chain/scan";
import { REPORT_ACCEPTED, REPORT_APPROVED } from "./attestations";
import type { Explorer } from "./explorer";
import { GOVERNANCE_TOPICS, RESERVE_GUARD_RECORD, upgradeableRecords } from "./governance";
import { BURNED, TRANSFER, WIPED, buildHistory, transferFilter } from "./history";
import type { History } from "./history";
import type { Labels } from "./labels";
import type { ExtraSection, ReserveReport } from "./model";
import type { ReportSectionProvider } from "./sections";

/** The options of a report collection the scan uses (src/report/collect.ts CollectOptions). */
export interface EventScanOptions {
  provider: Provider;
  network: string;
  records: readonly ContractRecord[];
  otherTokens?: readonly string[];
  cacheFile?: string;
  rangeSize?: number;
  reorgDepth?: number;
  timeoutMs?: number;
}

export interface ScanContext {
  chainId: number;
  coinRec: ContractRecord;
  regRec: ContractRecord;
  safeRec: ContractRecord;
  safeAddress: string;
  blockTag: number;
  now: number;
  decimals: number;
  symbol: string;
  valueDecimals: number;
}

/** The cached event scan of the deployment (and of the extension sections' events), and the history built from it. */
export async function scanHistory(
  o: EventScanOptions,
  sections: readonly ReportSectionProvider[],
  c: ScanContext,
): Promise<{ scan: ScanResult; history: History; fromBlock: number }> {
  const { records } = o;
  const { coinRec, regRec, safeRec, safeAddress, blockTag } = c;
  const guardRec = records.find((r) => r.name === RESERVE_GUARD_RECORD);
  const scanned = [coinRec, regRec, safeRec, ...upgradeableRecords(records), ...(guardRec ? [guardRec] : [])];
  const extra = sections.map((s) => s.events(records));
  const addresses = [
    ...new Set([
      ...scanned.map((r) => getAddress(r.address)),
      ...extra.flatMap((e) => e.addresses.map((a) => getAddress(a))),
    ]),
  ];
  const topics = [
    ...new Set([
      TRANSFER,
      BURNED,
      WIPED,
      REPORT_ACCEPTED,
      REPORT_APPROVED,
      ...GOVERNANCE_TOPICS,
      ...extra.flatMap((e) => e.topics),
    ]),
  ];
  const fromBlock = Math.min(
    ...scanned.map((r) => (Number.isInteger(r.blockNumber) && r.blockNumber >= 0 ? r.blockNumber : 0)),
  );
  const scan = await scanLogs({
    provider: o.provider,
    chainId: c.chainId,
    addresses,
    topics,
    fromBlock,
    toBlock: blockTag,
    cacheFile: o.cacheFile,
    rangeSize: o.rangeSize,
    reorgDepth: o.reorgDepth,
    timeoutMs: o.timeoutMs,
    filter: transferFilter(coinRec.address, safeAddress),
    filterId: `transfers of ${getAddress(coinRec.address)} touching 0x0 or ${safeAddress}`,
  });
  const history = buildHistory({
    logs: scan.logs,
    timestamps: scan.timestamps,
    token: coinRec.address,
    safe: safeAddress,
    registry: regRec.address,
    somReserves: SOM_RESERVES,
    tokenDecimals: c.decimals,
    tokenSymbol: c.symbol,
    valueDecimals: c.valueDecimals,
    fromBlock,
    tokenCreationBlock: coinRec.blockNumber,
    toBlock: blockTag,
    toTimestamp: c.now,
  });
  return { scan, history, fromBlock };
}

/** The extension sections, in order; their warnings join the report's. */
export async function collectExtraSections(
  o: EventScanOptions,
  sections: readonly ReportSectionProvider[],
  scan: ScanResult,
  c: {
    chainId: number;
    safeAddress: string;
    blockTag: number;
    now: number;
    labels: Labels;
    explorer: Explorer | null;
    warnings: string[];
  },
): Promise<ExtraSection[]> {
  const extraSections: ExtraSection[] = [];
  for (const s of sections) {
    const section = await s.collect({
      provider: o.provider,
      chainId: c.chainId,
      network: o.network,
      records: o.records,
      safe: c.safeAddress,
      blockNumber: c.blockTag,
      blockTimestamp: c.now,
      logs: scan.logs,
      timestamps: scan.timestamps,
      transactions: scan.transactions,
      labels: c.labels,
      explorer: c.explorer,
      otherTokens: o.otherTokens,
      timeoutMs: o.timeoutMs,
    });
    if (section) {
      extraSections.push(section);
      c.warnings.push(...section.warnings);
    }
  }
  return extraSections;
}

/** The report's history section: what the scan covered, the series and flows built from it, the reserve reports. */
export function historySection(
  o: { cacheFile?: string },
  scan: ScanResult,
  history: History,
  fromBlock: number,
  blockTag: number,
  reserveReports: ReserveReport["history"]["reserveReports"],
): ReserveReport["history"] {
  return {
    scan: {
      fromBlock,
      toBlock: blockTag,
      cachedToBlock: scan.cachedToBlock,
      blocksScanned: scan.blocksScanned,
      rangeSize: scan.rangeSize,
      rpcCalls: scan.rpcCalls,
      logs: scan.logs.length,
      cacheFile: o.cacheFile ?? null,
      reorgDepth: scan.reorgDepth,
    },
    series: history.series,
    flows: history.flows,
    monthly: history.monthly,
    reserveReports,
  };
}
