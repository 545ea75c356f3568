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
import { getAddress } from "ethers";
import type { Provider } from "ethers";
import { UserError } from "../chain/errors";
import { cannotReadChain } from "../chain/chainErrors";
import { SOM_RESERVES } from "../chain/constants";
import { withTimeout } from "../chain/timeout";
import type { ContractRecord } from "../chain/records";
import {
  AssetFactory__factory,
  AssetToken__factory,
  AttestationRegistry__factory,
  IERC20Metadata__factory,
  SomStablecoin__factory,
} from "../../typechain-types";
import { REPORT_ACCEPTED, REPORT_APPROVED, acceptedReports, attestedReports } from "./attestations";
import type { SignerContext } from "./attestations";
import { explorerFor } from "./explorer";
import { amount, blockRef, isoTime, ratio } from "./format";
import { GOVERNANCE_TOPICS, RESERVE_GUARD_RECORD, collectGovernance, upgradeableRecords } from "./governance";
import { BURNED, TRANSFER, WIPED, buildHistory, transferFilter } from "./history";
import { labelled } from "./labels";
import type { Labels } from "./labels";
import { REPORT_SCHEMA_VERSION } from "./model";
import type { ExtraSection, PropertyHolding, ReserveReport, TokenHolding } from "./model";
import { scanLogs } from "../chain/scan";
import { cryptoHoldingsSection, priceSubjectOf, redemptionsSection } from "./market";
import type { ReportSectionProvider } from "./sections";

/**
 * The sections every report carries after the built-in ones, in order. Add providers here.
 * The primary market's (src/report/market.ts): redemption requests, the Safe's own crypto holdings;
 * both only when the market's records exist.
 */
export const REPORT_SECTIONS: ReportSectionProvider[] = [redemptionsSection, cryptoHoldingsSection];

export { SOM_RESERVES };

const ASSET_CLASSES = ["real estate", "precious metal", "mining output", "other"];

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

export async function collectReserveReport(o: CollectOptions): Promise<ReserveReport> {
  const { provider, network, records } = o;
  const labels = o.labels ?? new Map<string, string>();
  const t = <T>(p: Promise<T>, what: string): Promise<T> => withTimeout(p, what, o.timeoutMs);
  const [block, net] = await Promise.all([
    t(provider.getBlock(o.blockTag ?? "latest"), "reading the latest block"),
    t(provider.getNetwork(), "reading the chain id"),
  ]).catch((err: unknown) => {
    if (err instanceof UserError) throw err;
    const why = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new ReportError(cannotReadChain(network, why));
  });
  if (!block) throw new ReportError(`block ${o.blockTag ?? "latest"} not found`);
  const blockTag = block.number;
  const now = block.timestamp;
  const chainId = Number(net.chainId);
  const explorer = explorerFor(chainId);
  const L = (a: string) => labelled(labels, explorer, a);
  const warnings: string[] = [];

  const coinRec = need(records, "SomStablecoin", network);
  const regRec = need(records, "AttestationRegistry", network);
  const safeRec = need(records, "ReserveSafe", network);
  const safeAddress = getAddress(safeRec.address);
  const coin = SomStablecoin__factory.connect(coinRec.address, provider);
  const registry = AttestationRegistry__factory.connect(regRec.address, provider);
  const at = { blockTag };

  const [name, symbol, decimalsBig, supply, paused, safeBalance] = await Promise.all([
    t(coin.name(at), "reading the stablecoin's name"),
    t(coin.symbol(at), "reading the stablecoin's symbol"),
    t(coin.decimals(at), "reading the stablecoin's decimals"),
    t(coin.totalSupply(at), "reading the stablecoin's supply"),
    t(coin.paused(at), "reading whether the stablecoin is paused"),
    t(coin.balanceOf(safeAddress, at), "reading the reserve Safe's stablecoin balance"),
  ]);
  const decimals = Number(decimalsBig);
  const [valueDecimalsBig, latest, fresh, subject, attestors, attThreshold] = await Promise.all([
    t(registry.valueDecimals(at), "reading the registry's decimals"),
    t(registry.latestReport(SOM_RESERVES, at), "reading the som reserve report"),
    t(registry.isFresh(SOM_RESERVES, at), "reading the som reserve report's freshness"),
    t(registry.subjectConfig(SOM_RESERVES, at), "reading the som reserve subject"),
    t(registry.attestors(at), "reading the attestors"),
    t(registry.threshold(at), "reading the attestor threshold"),
  ]);
  const valueDecimals = Number(valueDecimalsBig);
  const [reserveValue, asOfBig, docHash] = latest;
  const asOf = Number(asOfBig);
  const circulating = supply - safeBalance;

  // ---------------------------------------------------------------- property (own section)
  const assetsRaw: { rec: Omit<PropertyHolding, "valuationReport">; valueHeldRaw: bigint }[] = [];
  const factoryRec = records.find((r) => r.name === "AssetFactory");
  if (factoryRec) {
    const factory = AssetFactory__factory.connect(factoryRec.address, provider);
    const tokens = await t(factory.assets(at), "reading the asset tokens");
    for (const address of tokens) {
      const tok = AssetToken__factory.connect(address, provider);
      const [tName, tSymbol, tDecimals, held, info, valuation, tPaused] = await Promise.all([
        t(tok.name(at), `reading ${address}`),
        t(tok.symbol(at), `reading ${address}`),
        t(tok.decimals(at), `reading ${address}`),
        t(tok.balanceOf(safeAddress, at), `reading ${address}`),
        t(tok.assetInfo(at), `reading ${address}`),
        t(tok.valuation(at), `reading ${address}`),
        t(tok.paused(at), `reading ${address}`),
      ]);
      const d = Number(tDecimals);
      const [vValue, vAsOf, vFresh] = valuation;
      const valueHeld = info.totalShares === 0n ? 0n : (vValue * held) / info.totalShares;
      assetsRaw.push({
        valueHeldRaw: valueHeld,
        rec: {
          name: tName,
          symbol: tSymbol,
          address: getAddress(address),
          url: explorer ? explorer.address(getAddress(address)) : null,
          assetId: info.assetId,
          assetClass: ASSET_CLASSES[Number(info.assetClass)] ?? `class ${info.assetClass}`,
          sharesHeld: amount(held, d, "shares"),
          totalShares: amount(info.totalShares, d, "shares"),
          valuation: amount(vValue, valueDecimals, "som"),
          valuationAsOf: Number(vAsOf),
          valuationFresh: vFresh,
          valueHeld: amount(valueHeld, valueDecimals, "som"),
          paused: tPaused,
        },
      });
      if (Number(vAsOf) === 0) warnings.push(`${tSymbol}: no attested valuation yet`);
      else if (!vFresh) warnings.push(`${tSymbol}: valuation as of ${isoTime(Number(vAsOf))} has expired`);
      if (tPaused) warnings.push(`${tSymbol}: asset token is paused`);
    }
  }

  const otherTokens: TokenHolding[] = [];
  for (const address of o.otherTokens ?? []) {
    const tok = IERC20Metadata__factory.connect(address, provider);
    const [tName, tSymbol, tDecimals, bal] = await Promise.all([
      t(tok.name(at), `reading ${address}`),
      t(tok.symbol(at), `reading ${address}`),
      t(tok.decimals(at), `reading ${address}`),
      t(tok.balanceOf(safeAddress, at), `reading ${address}`),
    ]);
    // a fresh attested som price under the crypto holdings' subject (src/report/market.ts): valued there, never backing
    const subject = priceSubjectOf(address);
    const [, priceAsOf] = await t(registry.latestReport(subject, at), `reading the price of ${address}`);
    const attestedPrice =
      priceAsOf !== 0n && (await t(registry.isFresh(subject, at), `reading the price of ${address}`));
    otherTokens.push({
      name: tName,
      symbol: tSymbol,
      address: getAddress(address),
      balance: amount(bal, Number(tDecimals), tSymbol),
      blockNumber: blockTag,
      attestedPrice,
    });
    if (!attestedPrice) warnings.push(`${tSymbol}: no som price on chain; listed, not counted as backing`);
  }

  // ---------------------------------------------------------------- history (cached event scan)
  const sections = o.sections ?? REPORT_SECTIONS;
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
    provider,
    chainId,
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
    tokenDecimals: decimals,
    tokenSymbol: symbol,
    valueDecimals,
    fromBlock,
    tokenCreationBlock: coinRec.blockNumber,
    toBlock: blockTag,
    toTimestamp: now,
  });
  if (history.finalSupply !== supply || history.finalSafeBalance !== safeBalance) {
    warnings.push(
      `the event history does not add up to the chain's figures at block ${blockTag} ` +
        `(supply ${history.finalSupply} vs ${supply}): the history may be incomplete`,
    );
  }

  // Reports with verified signers: every SOM_RESERVES report, and each asset's latest valuation.
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
  const property: PropertyHolding[] = [];
  for (const a of assetsRaw) {
    const acc = latestBySubject.get(a.rec.assetId.toLowerCase());
    property.push({ ...a.rec, valuationReport: acc ? ((await attestedReports(sctx, [acc]))[0] ?? null) : null });
  }

  // ---------------------------------------------------------------- governance
  const governance = await collectGovernance({
    provider,
    chainId,
    blockNumber: blockTag,
    blockTimestamp: now,
    records,
    safe: safeAddress,
    logs: scan.logs,
    timestamps: scan.timestamps,
    txs: scan.transactions,
    labels,
    explorer,
    timeoutMs: o.timeoutMs,
  });

  // ---------------------------------------------------------------- extension sections
  const extraSections: ExtraSection[] = [];
  for (const s of sections) {
    const section = await s.collect({
      provider,
      chainId,
      network,
      records,
      safe: safeAddress,
      blockNumber: blockTag,
      blockTimestamp: now,
      logs: scan.logs,
      timestamps: scan.timestamps,
      transactions: scan.transactions,
      labels,
      explorer,
      otherTokens: o.otherTokens,
      timeoutMs: o.timeoutMs,
    });
    if (section) {
      extraSections.push(section);
      warnings.push(...section.warnings);
    }
  }
  scan.save();

  if (asOf === 0) warnings.push("no som reserve report has ever been attested");
  else if (!fresh) warnings.push(`the som reserve report as of ${isoTime(asOf)} is stale: mints are refused`);
  const coverageOfCirculating = ratio(reserveValue, valueDecimals, circulating, decimals);
  const coverageOfTotalSupply = ratio(reserveValue, valueDecimals, supply, decimals);
  if (coverageOfCirculating !== null && coverageOfCirculating < 1)
    warnings.push("the circulating supply is ABOVE the attested som reserves");
  if (paused) warnings.push(`${symbol} is paused`);

  const current = reserveReports[0] && reserveReports[0].asOf === asOf ? reserveReports[0] : null;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: (o.now ? o.now() : new Date()).toISOString(),
    network,
    chainId,
    asOf: blockRef(blockTag, now, explorer),
    explorer: explorer ? { name: explorer.name, url: explorer.url } : null,
    stablecoin: { address: getAddress(coinRec.address), name, symbol, decimals, paused, blockNumber: blockTag },
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
      maxAgeSeconds: Number(subject.maxAge),
      fresh,
      docHash,
      currentReport: current,
      coverageOfCirculating,
      coverageOfTotalSupply,
      attestorSet: { blockNumber: blockTag, threshold: Number(attThreshold), attestors: attestors.map(L) },
    },
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
    history: {
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
    },
    governance,
    sections: extraSections,
    warnings,
  };
}
