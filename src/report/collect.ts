/**
 * Collects a {@link ReserveReport} from the chain, using only the deployment records of a network
 * (addresses, ABIs, creation blocks), the deploy config's labels and a provider: no Hardhat needed.
 * Every current figure is read at one block (the report's block), and every RPC call has a timeout.
 *
 * Accounting: circulating = total supply − the reserve Safe's own balance. The Safe's stablecoin is
 * "undistributed", never backing. The som backing is the attested SOM_RESERVES report; coverage is
 * given of the circulating supply and of the total supply, each labelled. Tokenized state property
 * is its own section and is never added to the som backing.
 */
import { sanctionsSection } from "./sanctions";
import { getAddress } from "ethers";
import type { Block, Network, Provider } from "ethers";
import { UserError } from "../chain/errors";
import { cannotReadChain } from "../chain/chainErrors";
import { SOM_RESERVES } from "../chain/constants";
import { withTimeout } from "../chain/timeout";
import type { ContractRecord } from "../chain/records";
import { AttestationRegistry__factory } from "../../typechain-types/factories/contracts/attestation/AttestationRegistry__factory";
import { SomStablecoin__factory } from "../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory";
import { acceptedReports, attestedReports } from "./attestations";
import type { SignerContext } from "./attestations";
import { explorerFor } from "./explorer";
import type { Explorer } from "./explorer";
import { amount, blockRef, isoTime, ratio } from "./format";
import { collectGovernance } from "./governance";
import { collectExtraSections, historySection, scanHistory } from "./events";
import { attachValuationReports, readOtherTokens, readPropertyHoldings } from "./holdings";
import type { AssetReading, HoldingsContext } from "./holdings";
import { labelled } from "./labels";
import type { Labels } from "./labels";
import { REPORT_SCHEMA_VERSION } from "./model";
import type { AttestedReport, PropertyHolding, ReserveReport } from "./model";
import { cryptoHoldingsSection, redemptionsSection } from "./market";
import type { ReportSectionProvider } from "./sections";
import type { ScanResult } from "../chain/scan";

/**
 * The sections every report carries after the built-in ones, in order. Add providers here.
 * The primary market's (src/report/market.ts): redemption requests, the Safe's own crypto holdings;
 * both only when the market's records exist.
 */
export const REPORT_SECTIONS: ReportSectionProvider[] = [redemptionsSection, cryptoHoldingsSection, sanctionsSection];

export { SOM_RESERVES };

export class ReportError extends UserError {}

function need(records: readonly ContractRecord[], name: string, network: string): ContractRecord {
  const r = records.find((x) => x.name === name);
  if (!r)
    throw new ReportError(
      `no "${name}" in deployments/${network}/: deploy first (npm run deploy -- --network ${network})`,
    );
  return r;
}

export interface CollectOptions {
  provider: Provider;
  network: string;
  records: readonly ContractRecord[];
  /** Address -> name (src/report/labels.ts buildLabels). */
  labels?: Labels;
  /** Other ERC-20 tokens the reserve holds (from the deployment config). */
  otherTokens?: readonly string[];
  /** Cache of the event scan (reports/<network>/history-cache.json); none when undefined. */
  cacheFile?: string;
  /** Blocks per eth_getLogs call. */
  rangeSize?: number;
  /** Blocks below the head never cached (default: 0 on local chains, 12 elsewhere). */
  reorgDepth?: number;
  /** Bound of each RPC call (ms). */
  timeoutMs?: number;
  /** The block to report at (default: the latest). */
  blockTag?: number;
  /** Wall clock (default: now). */
  now?: () => Date;
  /** Extra sections (default: {@link REPORT_SECTIONS}). */
  sections?: readonly ReportSectionProvider[];
}

type Timed = <T>(p: Promise<T>, what: string) => Promise<T>;

export async function collectReserveReport(o: CollectOptions): Promise<ReserveReport> {
  const { provider, network, records } = o;
  const labels = o.labels ?? new Map<string, string>();
  const t: Timed = (p, what) => withTimeout(p, what, o.timeoutMs);
  const { block, net } = await readChainHead(o, t);
  const blockTag = block.number;
  const now = block.timestamp;
  const chainId = Number(net.chainId);
  const explorer = explorerFor(chainId);
  const warnings: string[] = [];

  const coinRec = need(records, "SomStablecoin", network);
  const regRec = need(records, "AttestationRegistry", network);
  const safeRec = need(records, "ReserveSafe", network);
  const safeAddress = getAddress(safeRec.address);
  const registry = AttestationRegistry__factory.connect(regRec.address, provider);
  const figures = await readFigures(o, coinRec, registry, safeAddress, blockTag, t);
  const { decimals, symbol, valueDecimals } = figures;

  // ---------------------------------------------------------------- property (own section), other tokens
  const hctx: HoldingsContext = {
    provider,
    records,
    safe: safeAddress,
    blockTag,
    explorer,
    valueDecimals,
    registry,
    warnings,
    t,
  };
  const assetsRaw = await readPropertyHoldings(hctx);
  const otherTokens = await readOtherTokens(hctx, o.otherTokens ?? []);

  // ---------------------------------------------------------------- history (cached event scan)
  const sections = o.sections ?? REPORT_SECTIONS;
  const { scan, history, fromBlock } = await scanHistory(o, sections, {
    chainId,
    coinRec,
    regRec,
    safeRec,
    safeAddress,
    blockTag,
    now,
    decimals,
    symbol,
    valueDecimals,
  });
  if (history.finalSupply !== figures.supply || history.finalSafeBalance !== figures.safeBalance) {
    warnings.push(
      `the event history does not add up to the chain's figures at block ${blockTag} ` +
        `(supply ${history.finalSupply} vs ${figures.supply}): the history may be incomplete`,
    );
  }

  const { reserveReports, property } = await verifiedReports(o, scan, assetsRaw, {
    chainId,
    regRec,
    labels,
    explorer,
    valueDecimals,
  });

  // ---------------------------------------------------------------- governance
  const governance = await governanceOf(o, scan, { chainId, blockTag, now, safeAddress, labels, explorer });

  // ---------------------------------------------------------------- extension sections
  const extraSections = await collectExtraSections(o, sections, scan, {
    chainId,
    safeAddress,
    blockTag,
    now,
    labels,
    explorer,
    warnings,
  });
  scan.save();

  const current = reserveReports[0] && reserveReports[0].asOf === Number(figures.latest[1]) ? reserveReports[0] : null;
  return {
    ...assembleReport(o, figures, { chainId, explorer, labels, coinRec, blockTag, now, warnings, current }),
    tokenizedProperty: {
      blockNumber: blockTag,
      assets: property,
      totalValueHeld: amount(
        assetsRaw.reduce((s, a) => s + a.valueHeldRaw, 0n),
        valueDecimals,
        "som",
      ),
    },
    otherTokens,
    history: historySection(o, scan, history, fromBlock, blockTag, reserveReports),
    governance,
    sections: extraSections,
    warnings,
  };
}

/** The report's block (default: the latest) and the chain; an unreadable chain is a {@link ReportError}. */
async function readChainHead(o: CollectOptions, t: Timed): Promise<{ block: Block; net: Network }> {
  const [block, net] = await Promise.all([
    t(o.provider.getBlock(o.blockTag ?? "latest"), "reading the latest block"),
    t(o.provider.getNetwork(), "reading the chain id"),
  ]).catch((err: unknown) => {
    if (err instanceof UserError) throw err;
    const why = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new ReportError(cannotReadChain(o.network, why));
  });
  if (!block) throw new ReportError(`block ${o.blockTag ?? "latest"} not found`);
  return { block, net };
}

/** The stablecoin's and the som reserve subject's figures at the report's block. */
async function readFigures(
  o: CollectOptions,
  coinRec: ContractRecord,
  registry: ReturnType<typeof AttestationRegistry__factory.connect>,
  safeAddress: string,
  blockTag: number,
  t: Timed,
) {
  const coin = SomStablecoin__factory.connect(coinRec.address, o.provider);
  const at = { blockTag };
  const [name, symbol, decimalsBig, supply, paused, safeBalance] = await Promise.all([
    t(coin.name(at), "reading the stablecoin's name"),
    t(coin.symbol(at), "reading the stablecoin's symbol"),
    t(coin.decimals(at), "reading the stablecoin's decimals"),
    t(coin.totalSupply(at), "reading the stablecoin's supply"),
    t(coin.paused(at), "reading whether the stablecoin is paused"),
    t(coin.balanceOf(safeAddress, at), "reading the reserve Safe's stablecoin balance"),
  ]);
  const [valueDecimalsBig, latest, fresh, subject, attestors, attThreshold] = await Promise.all([
    t(registry.valueDecimals(at), "reading the registry's decimals"),
    t(registry.latestReport(SOM_RESERVES, at), "reading the som reserve report"),
    t(registry.isFresh(SOM_RESERVES, at), "reading the som reserve report's freshness"),
    t(registry.subjectConfig(SOM_RESERVES, at), "reading the som reserve subject"),
    t(registry.attestors(at), "reading the attestors"),
    t(registry.threshold(at), "reading the attestor threshold"),
  ]);
  return {
    name,
    symbol,
    decimals: Number(decimalsBig),
    supply,
    paused,
    safeBalance,
    valueDecimals: Number(valueDecimalsBig),
    latest,
    fresh,
    subject,
    attestors,
    attThreshold,
  };
}
type Figures = Awaited<ReturnType<typeof readFigures>>;

/** The stablecoin, supply and som backing parts of the report; adds the reserve and supply warnings. */
function assembleReport(
  o: CollectOptions,
  f: Figures,
  c: {
    chainId: number;
    explorer: Explorer | null;
    labels: Labels;
    coinRec: ContractRecord;
    blockTag: number;
    now: number;
    warnings: string[];
    current: ReserveReport["backing"]["currentReport"];
  },
): Pick<
  ReserveReport,
  "schemaVersion" | "generatedAt" | "network" | "chainId" | "asOf" | "explorer" | "stablecoin" | "supply" | "backing"
> {
  const { chainId, explorer, blockTag, now, warnings } = c;
  const { name, symbol, decimals, supply, paused, safeBalance, valueDecimals, fresh } = f;
  const [reserveValue, asOfBig, docHash] = f.latest;
  const asOf = Number(asOfBig);
  const circulating = supply - safeBalance;
  if (asOf === 0) warnings.push("no som reserve report has ever been attested");
  else if (!fresh) warnings.push(`the som reserve report as of ${isoTime(asOf)} is stale: mints are refused`);
  const coverageOfCirculating = ratio(reserveValue, valueDecimals, circulating, decimals);
  const coverageOfTotalSupply = ratio(reserveValue, valueDecimals, supply, decimals);
  if (coverageOfCirculating !== null && coverageOfCirculating < 1)
    warnings.push("the circulating supply is ABOVE the attested som reserves");
  if (paused) warnings.push(`${symbol} is paused`);
  const L = (a: string) => labelled(c.labels, explorer, a);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: (o.now ? o.now() : new Date()).toISOString(),
    network: o.network,
    chainId,
    asOf: blockRef(blockTag, now, explorer),
    explorer: explorer ? { name: explorer.name, url: explorer.url } : null,
    stablecoin: { address: getAddress(c.coinRec.address), name, symbol, decimals, paused, blockNumber: blockTag },
    supply: {
      blockNumber: blockTag,
      total: amount(supply, decimals, symbol),
      undistributed: amount(safeBalance, decimals, symbol),
      circulating: amount(circulating, decimals, symbol),
    },
    backing: {
      blockNumber: blockTag,
      attestedReserves: amount(reserveValue, valueDecimals, "som"),
      asOf,
      ageSeconds: asOf === 0 ? 0 : now - asOf,
      maxAgeSeconds: Number(f.subject.maxAge),
      fresh,
      docHash,
      currentReport: c.current,
      coverageOfCirculating,
      coverageOfTotalSupply,
      attestorSet: { blockNumber: blockTag, threshold: Number(f.attThreshold), attestors: f.attestors.map(L) },
    },
  };
}

/** Reports with verified signers: every SOM_RESERVES report, and each asset's latest valuation. */
async function verifiedReports(
  o: CollectOptions,
  scan: ScanResult,
  assetsRaw: readonly AssetReading[],
  c: { chainId: number; regRec: ContractRecord; labels: Labels; explorer: Explorer | null; valueDecimals: number },
): Promise<{ reserveReports: AttestedReport[]; property: PropertyHolding[] }> {
  const { provider } = o;
  const { chainId, regRec, labels, explorer, valueDecimals } = c;
  const allAccepted = acceptedReports(scan.logs, regRec.address);
  const somAccepted = allAccepted.filter((r) => r.subject.toLowerCase() === SOM_RESERVES.toLowerCase());
  const latestBySubject = new Map(allAccepted.map((r) => [r.subject.toLowerCase(), r]));
  const assetAccepted = assetsRaw
    .map((a) => latestBySubject.get(a.rec.assetId.toLowerCase()))
    .filter((x) => x !== undefined);
  const txs = await scan.transactions([...somAccepted, ...assetAccepted].map((r) => r.log.transactionHash));
  const sctx: SignerContext = {
    provider,
    chainId,
    registry: getAddress(regRec.address),
    labels,
    explorer,
    valueDecimals,
    timestamps: scan.timestamps,
    logs: scan.logs,
    txs,
    codeCache: new Map(),
    memo: scan.memo,
    timeoutMs: o.timeoutMs,
  };
  const reserveReports = await attestedReports(sctx, somAccepted);
  const property = await attachValuationReports(sctx, assetsRaw, latestBySubject);
  return { reserveReports, property };
}

/** The governance section over the scanned logs. */
function governanceOf(
  o: CollectOptions,
  scan: ScanResult,
  c: { chainId: number; blockTag: number; now: number; safeAddress: string; labels: Labels; explorer: Explorer | null },
): ReturnType<typeof collectGovernance> {
  const { provider, records } = o;
  const { chainId, blockTag, now, safeAddress, labels, explorer } = c;
  return collectGovernance({
    provider,
    chainId,
    blockNumber: blockTag,
    blockTimestamp: now,
    records,
    safe: safeAddress,
    logs: scan.logs,
    timestamps: scan.timestamps,
    transactions: scan.transactions,
    labels,
    explorer,
    timeoutMs: o.timeoutMs,
  });
}
