/**
 * The reserve Safe's holdings besides the stablecoin, read at the report's block: tokenized state property
 * (the asset factory's tokens, their attested valuations; its own section, never som backing) and the other
 * ERC-20 tokens of the deployment config (listed, valued only with a fresh attested som price).
 */
import { getAddress } from "ethers";
import type { Provider } from "ethers";
import type { ContractRecord } from "../chain/records";
import { AssetFactory__factory } from "../../typechain-types/factories/contracts/assets/AssetFactory__factory";
import { AssetToken__factory } from "../../typechain-types/factories/contracts/assets/AssetToken__factory";
import { IERC20Metadata__factory } from "../../typechain-types/factories/@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata__factory";
import type { AttestationRegistry } from "../../typechain-types";
import { attestedReports } from "./attestations";
import type { AcceptedReportLog, SignerContext } from "./attestations";
import type { Explorer } from "./explorer";
import { amount, isoTime } from "./format";
import { priceSubjectOf } from "./market";
import type { PropertyHolding, TokenHolding } from "./model";

const ASSET_CLASSES = ["real estate", "precious metal", "mining output", "other"];

/** One asset token as read, before its valuation report is attached. */
export interface AssetReading {
  rec: Omit<PropertyHolding, "valuationReport">;
  valueHeldRaw: bigint;
}

/** What the holdings are read with: one block, one timeout-bounded reader, the report's warnings to add to. */
export interface HoldingsContext {
  provider: Provider;
  records: readonly ContractRecord[];
  /** The reserve Safe (checksummed). */
  safe: string;
  blockTag: number;
  explorer: Explorer | null;
  valueDecimals: number;
  registry: AttestationRegistry;
  warnings: string[];
  t: <T>(p: Promise<T>, what: string) => Promise<T>;
}

/** The asset factory's tokens and the reserve Safe's share of each (none without an AssetFactory record). */
export async function readPropertyHoldings(c: HoldingsContext): Promise<AssetReading[]> {
  const { provider, t, explorer, valueDecimals, warnings } = c;
  const at = { blockTag: c.blockTag };
  const assetsRaw: AssetReading[] = [];
  const factoryRec = c.records.find((r) => r.name === "AssetFactory");
  if (!factoryRec) return assetsRaw;
  const factory = AssetFactory__factory.connect(factoryRec.address, provider);
  const tokens = await t(factory.assets(at), "reading the asset tokens");
  for (const address of tokens) {
    const tok = AssetToken__factory.connect(address, provider);
    const [tName, tSymbol, tDecimals, held, info, valuation, tPaused] = await Promise.all([
      t(tok.name(at), `reading ${address}`),
      t(tok.symbol(at), `reading ${address}`),
      t(tok.decimals(at), `reading ${address}`),
      t(tok.balanceOf(c.safe, at), `reading ${address}`),
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
  return assetsRaw;
}

/** The other ERC-20 tokens the reserve Safe holds, each with whether a fresh som price is attested. */
export async function readOtherTokens(c: HoldingsContext, addresses: readonly string[]): Promise<TokenHolding[]> {
  const { provider, t, registry, warnings } = c;
  const at = { blockTag: c.blockTag };
  const otherTokens: TokenHolding[] = [];
  for (const address of addresses) {
    const tok = IERC20Metadata__factory.connect(address, provider);
    const [tName, tSymbol, tDecimals, bal] = await Promise.all([
      t(tok.name(at), `reading ${address}`),
      t(tok.symbol(at), `reading ${address}`),
      t(tok.decimals(at), `reading ${address}`),
      t(tok.balanceOf(c.safe, at), `reading ${address}`),
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
      blockNumber: c.blockTag,
      attestedPrice,
    });
    if (!attestedPrice) warnings.push(`${tSymbol}: no som price on chain; listed, not counted as backing`);
  }
  return otherTokens;
}

/** Each asset with its latest accepted valuation report (verified signers), null when it has none. */
export async function attachValuationReports(
  sctx: SignerContext,
  assetsRaw: readonly AssetReading[],
  latestBySubject: ReadonlyMap<string, AcceptedReportLog>,
): Promise<PropertyHolding[]> {
  const property: PropertyHolding[] = [];
  for (const a of assetsRaw) {
    const acc = latestBySubject.get(a.rec.assetId.toLowerCase());
    property.push({ ...a.rec, valuationReport: acc ? ((await attestedReports(sctx, [acc]))[0] ?? null) : null });
  }
  return property;
}
