/**
 * Report sections of the primary market (issue 18), through the extension point of src/report/sections.ts:
 * - `redemptions`: the RedemptionDesk's open requests with their deadlines, overdue ones flagged
 *   (`collectRedemptions` of src/market, fed with the report's cached scan of `RedemptionRequested`);
 * - `crypto-holdings`: the reserve Safe's own native coin and listed ERC-20s (`otherReserveTokens` of the
 *   deploy config), valued only where a fresh attested price exists, "not valued" otherwise
 *   (`collectCryptoHoldings` of src/market).
 * Both appear only when the market's records exist on the network. Every figure is read at the report's block.
 */
import { decodeBytes32String, getAddress, keccak256, toUtf8Bytes } from "ethers";
import { CounterpartyRegistry__factory } from "../../typechain-types/factories/contracts/market/CounterpartyRegistry__factory";
import { RedemptionDesk__factory } from "../../typechain-types/factories/contracts/market/RedemptionDesk__factory";
import { SomStablecoin__factory } from "../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory";
import type { ContractRecord } from "../chain/records";
import { COUNTERPARTY_CATEGORIES } from "../market/counterparties";
import { MARKET_RECORD } from "../market/constants";
import { collectCryptoHoldings } from "../market/crypto";
import { burnReferenceOf, collectRedemptions } from "../market/redemptions";
import type { RequestedEvent } from "../market/redemptions";
import { withTimeout } from "../chain/timeout";
import { formatAmount, formatDecimal } from "../chain/amounts";
import { formatAge, isoTime } from "./format";
import { labelOf } from "./labels";
import type { ExtraSection } from "./model";
import type { ReportSectionProvider, SectionContext } from "./sections";

/** Section ids in the JSON's `sections` (docs/report.md). */
export const MARKET_SECTION_IDS = { redemptions: "redemptions", crypto: "crypto-holdings" } as const;

/** Columns of the redemption section, in order (docs/report.md). */
export const REDEMPTION_COLUMNS = [
  "Request",
  "Counterparty",
  "Amount",
  "Bank account reference",
  "Requested at block",
  "Deadline",
  "Status",
] as const;
/** Columns of the crypto holdings section, in order (docs/report.md). */
export const CRYPTO_COLUMNS = ["Holding", "Address", "Balance", "Value (som)", "Price", "Price as of"] as const;

const REQUESTED_TOPIC = RedemptionDesk__factory.createInterface().getEvent("RedemptionRequested").topicHash;

function record(records: readonly ContractRecord[], name: string): ContractRecord | undefined {
  return records.find((r) => r.name === name);
}

/** The market is on this network when its records exist (the desk and the registry). */
function marketDeployed(records: readonly ContractRecord[]): boolean {
  return record(records, MARKET_RECORD.desk) !== undefined && record(records, MARKET_RECORD.registry) !== undefined;
}

/**
 * Attestation subject of the som price of a holding: keccak256("price:native") for the chain's native coin,
 * keccak256("price:" + checksummed token address) for an ERC-20. Attestors attest som per whole coin/token
 * (registry decimals) under that subject (`attest:sign --subject`); without a report the holding is "not valued".
 */
export function priceSubjectOf(token: "native" | string): string {
  return keccak256(toUtf8Bytes(`price:${token === "native" ? "native" : getAddress(token)}`));
}

/** The native coin's symbol by chain id (BNB Smart Chain and its testnet: BNB; otherwise ETH). */
export function nativeSymbolOf(chainId: number): string {
  return chainId === 56 || chainId === 97 ? "BNB" : "ETH";
}

function bankReference(ref: string): string {
  try {
    const text = decodeBytes32String(ref);
    if (text.length > 0 && /^[\x20-\x7e]+$/.test(text)) return text;
  } catch {
    // not a short string: shown as hex
  }
  return ref;
}

/** Open redemption requests at the report's block, with deadlines; overdue ones flagged and warned about. */
export const redemptionsSection: ReportSectionProvider = {
  id: MARKET_SECTION_IDS.redemptions,
  events: (records) => {
    const desk = record(records, MARKET_RECORD.desk);
    return marketDeployed(records) && desk
      ? { addresses: [desk.address], topics: [REQUESTED_TOPIC] }
      : { addresses: [], topics: [] };
  },
  collect: async (ctx: SectionContext): Promise<ExtraSection | null> => {
    const deskRec = record(ctx.records, MARKET_RECORD.desk);
    const registryRec = record(ctx.records, MARKET_RECORD.registry);
    if (!deskRec || !registryRec) return null;
    const t = <T>(p: Promise<T>, what: string): Promise<T> => withTimeout(p, what, ctx.timeoutMs);
    const desk = RedemptionDesk__factory.connect(deskRec.address, ctx.provider);
    const iface = desk.interface;
    const deskAddress = getAddress(deskRec.address);
    const events: RequestedEvent[] = ctx.logs
      .filter(
        (l) =>
          getAddress(l.address) === deskAddress && l.topics[0] === REQUESTED_TOPIC && l.blockNumber <= ctx.blockNumber,
      )
      .map((l) => {
        const parsed = iface.decodeEventLog("RedemptionRequested", l.data, l.topics);
        return {
          id: parsed.id as bigint,
          bankAccountRef: parsed.bankAccountRef as string,
          blockNumber: l.blockNumber,
          transactionHash: l.transactionHash,
        };
      });
    const view = await t(
      collectRedemptions(desk, deskRec.blockNumber, { blockTag: ctx.blockNumber, events }),
      "redemption requests",
    );
    const coin = SomStablecoin__factory.connect(
      await t(desk.token({ blockTag: ctx.blockNumber }), "desk token"),
      ctx.provider,
    );
    const [decimals, symbol] = await Promise.all([
      t(coin.decimals({ blockTag: ctx.blockNumber }), "token decimals"),
      t(coin.symbol({ blockTag: ctx.blockNumber }), "token symbol"),
    ]);
    const registry = CounterpartyRegistry__factory.connect(registryRec.address, ctx.provider);
    const fmt = (raw: bigint) => formatAmount(raw, { decimals: Number(decimals), symbol });
    const rows: string[][] = [];
    for (const r of view.open) {
      const cp = await t(
        registry.counterparty(r.requester, { blockTag: ctx.blockNumber }),
        `counterparty ${r.requester}`,
      );
      const name =
        cp.name.length > 0
          ? `${cp.name} (${(COUNTERPARTY_CATEGORIES[Number(cp.category)] ?? "unknown").toLowerCase()}, ` +
            `licence ${cp.licenceNumber})`
          : (labelOf(ctx.labels, r.requester) ?? "not in the registry");
      const left = Number(r.deadline) - ctx.blockTimestamp;
      rows.push([
        burnReferenceOf(r.id),
        `${getAddress(r.requester)} ${name}`,
        fmt(r.amount),
        bankReference(r.bankAccountRef),
        String(r.requestedAtBlock),
        isoTime(Number(r.deadline)),
        r.overdue ? `OVERDUE by ${formatAge(-left)}` : `open, ${formatAge(left)} left`,
      ]);
    }
    const warnings =
      view.overdue.length === 0
        ? []
        : [
            `${view.overdue.length} redemption request${view.overdue.length === 1 ? " is" : "s are"} ` +
              `OVERDUE at block ${ctx.blockNumber} ` +
              `(${fmt(view.overdue.reduce((s, r) => s + r.amount, 0n))} past the settlement deadline)`,
          ];
    return {
      id: MARKET_SECTION_IDS.redemptions,
      title: "Redemption requests",
      blockNumber: ctx.blockNumber,
      description:
        `Open requests at the RedemptionDesk ${deskAddress}: ` +
        `${view.open.length} open (${fmt(view.openTotal)} in escrow), ${view.overdue.length} overdue. ` +
        `Redemption is at par, without fee; ` +
        `each request must be settled (burned) or rejected (refunded) by its deadline.`,
      columns: [...REDEMPTION_COLUMNS],
      rows,
      warnings,
    };
  },
};

/** The reserve Safe's own native coin and listed ERC-20s, valued only with a fresh attested price. */
export const cryptoHoldingsSection: ReportSectionProvider = {
  id: MARKET_SECTION_IDS.crypto,
  events: () => ({ addresses: [], topics: [] }),
  collect: async (ctx: SectionContext): Promise<ExtraSection | null> => {
    const registry = record(ctx.records, "AttestationRegistry");
    if (!marketDeployed(ctx.records) || !registry) return null;
    const tokens = (ctx.otherTokens ?? []).map((address) => ({
      address: getAddress(address),
      priceSubject: priceSubjectOf(address),
    }));
    const c = await withTimeout(
      collectCryptoHoldings({
        provider: ctx.provider,
        safe: ctx.safe,
        attestation: registry.address,
        nativeSymbol: nativeSymbolOf(ctx.chainId),
        nativePriceSubject: priceSubjectOf("native"),
        tokens,
        blockTag: ctx.blockNumber,
      }),
      "the reserve Safe's crypto holdings",
      ctx.timeoutMs,
    );
    const som = (raw: bigint) => `${formatDecimal(raw, c.valueDecimals)} som`;
    const rows = c.holdings.map((h) => [
      h.kind === "native" ? `${h.symbol} (native coin)` : h.symbol,
      h.kind === "native" ? "native" : h.address,
      `${formatDecimal(h.balance, h.decimals)} ${h.symbol}`,
      h.valueSom === null ? "not valued" : som(h.valueSom),
      h.valueSom === null ? h.status.replace(/^not valued: /, "") : "attested",
      h.priceAsOf === null ? "—" : isoTime(h.priceAsOf),
    ]);
    return {
      id: MARKET_SECTION_IDS.crypto,
      title: "The reserve Safe's crypto holdings",
      blockNumber: ctx.blockNumber,
      description:
        `The Safe's own native coin and the ERC-20s listed in otherReserveTokens (deploy config). ` +
        `A holding is valued (balance × attested som price) ` +
        `only when its price subject has a fresh attested report; otherwise it is "not valued". ` +
        `Valued total: ${som(c.totalValueSom)}. Not added to the som backing.`,
      columns: [...CRYPTO_COLUMNS],
      rows,
      warnings: [],
    };
  },
};
