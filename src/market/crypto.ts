/**
 * The crypto reserve: state-mined bitcoin held by a custodian enters the reserve as an asset token
 * (class MiningOutput) valued in som by M-of-N attestation, its BTC amount and the custodian's proof
 * of holdings attached as documents; and the reserve Safe's own crypto holdings (the chain's native
 * coin and listed ERC-20s such as a bitcoin token on BNB Smart Chain), valued only where a fresh
 * attested price exists.
 */
import { getAddress } from "ethers";
import { formatDecimal, parseDecimal } from "../chain/amounts";
import type { Provider } from "ethers";
import { IAttestedValueSource__factory } from "../../typechain-types/factories/contracts/attestation/interfaces/IAttestedValueSource__factory";
import { IERC20Metadata__factory } from "../../typechain-types/factories/@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata__factory";
import type { AssetFactory, AssetToken } from "../../typechain-types";
import { AssetToken__factory } from "../../typechain-types/factories/contracts/assets/AssetToken__factory";
import { assetClassValue } from "../assets/classes";
import { assetIdFrom, documentHashOf } from "../assets/ids";
import { assetRecordName } from "../assets/records";
import type { CallRequest } from "../chain/calls";
import { withTimeout } from "../chain/timeout";
import { hexAddress, hexBytes32, readJsonFile, z } from "../chain/schema";
import { MarketError } from "./counterparties";

/** Shares of a mined-bitcoin token: one share per satoshi. */
export const BTC_DECIMALS = 8;
/** Document names on the token. */
export const BTC_DOCUMENTS = { amount: "BTC_AMOUNT", custodyProof: "CUSTODY_PROOF" } as const;

export interface MinedBitcoinPosition {
  /** Asset key, e.g. "custody:NBKR-BTC-MINING-2026-11" (its keccak is the asset id and attestation subject). */
  key: string;
  name: string;
  symbol: string;
  /** BTC held, in satoshis: the token's total shares (8 decimals). */
  sats: bigint;
  /** The custodian (the asset's custodian field). */
  custodian: string;
  /** Where the custodian's proof of holdings is (statement, signed address list) and its content hash. */
  custodyProof: { uri: string; hash: string };
  /** Value of the whole position in som, in the attestation registry's decimals. */
  valueSom: bigint;
  /** Asset roles (the Safe is admin and issuer). */
  enforcer: string;
  pauser: string;
}

export interface TokenizeDeps {
  safe: string;
  factory: AssetFactory;
  /** Valuation subject settings (deploy config `attestation.assetValuation`). */
  valuation: { maxAge: number; maxChangeBps: number };
  /** Proposes, signs (M of N custodians) and executes calls through the reserve Safe. */
  custody(what: string, calls: CallRequest[]): Promise<void>;
  /** Attestors sign a report offline; anyone submits it. */
  attest(subject: string, value: bigint, doc: string, label: string): Promise<void>;
  /** Refreshes the asset records (so the new token is known by name to the custodian tooling). */
  syncRecords(): Promise<void>;
}

export interface TokenizedBitcoin {
  token: AssetToken;
  assetId: string;
  recordName: string;
  amountDocument: string;
}

/** The human text whose hash is the BTC_AMOUNT document. */
export function btcAmountStatement(p: MinedBitcoinPosition): string {
  return (
    `${formatDecimal(p.sats, BTC_DECIMALS)} BTC (${p.sats} satoshis) of state-mined bitcoin ` +
    `held by ${getAddress(p.custodian)} for the reserve, asset ${p.key}`
  );
}

/** The factory's createAsset input for a mined-bitcoin position (class MiningOutput, shares = satoshis). */
export function minedBitcoinAssetParams(p: MinedBitcoinPosition, safe: string) {
  if (p.sats <= 0n) throw new MarketError("a mined-bitcoin position needs a positive amount of satoshis");
  return {
    assetId: `keccak:${p.key}`,
    name: p.name,
    symbol: p.symbol,
    decimals: BTC_DECIMALS,
    assetClass: assetClassValue("MiningOutput"),
    jurisdiction: 417,
    custodian: p.custodian,
    totalShares: `raw:${p.sats}`,
    admin: safe,
    issuer: safe,
    enforcer: p.enforcer,
    pauser: p.pauser,
  };
}

/** Custodian transaction 1 of a tokenization: the asset token (MiningOutput) and its valuation subject. */
export function minedBitcoinCreateCalls(
  p: MinedBitcoinPosition,
  safe: string,
  valuation: { maxAge: number; maxChangeBps: number },
): CallRequest[] {
  return [
    { action: "createAsset", contract: "AssetFactory", args: [minedBitcoinAssetParams(p, safe)] },
    {
      action: "configureSubject",
      contract: "AttestationRegistry",
      args: [
        `keccak:${p.key}`,
        String(valuation.maxAge),
        String(valuation.maxChangeBps),
        "0x0000000000000000000000000000000000000000",
      ],
    },
  ];
}

/** Step 2: what the attestors sign (M of N): the position's som value, the document being the BTC amount statement. */
export function minedBitcoinValuation(p: MinedBitcoinPosition): { subject: string; value: bigint; document: string } {
  return { subject: assetIdFrom(p.key), value: p.valueSom, document: `valuation of ${btcAmountStatement(p)}` };
}

/**
 * Custodian transaction 3: the BTC amount and the custody proof as documents, then every share minted into the reserve.
 */
export function minedBitcoinMintCalls(p: MinedBitcoinPosition): CallRequest[] {
  const statement = btcAmountStatement(p);
  const recordName = assetRecordName(p.symbol);
  return [
    {
      action: "setDocument",
      contract: recordName,
      args: [BTC_DOCUMENTS.amount, `data:text/plain,${encodeURIComponent(statement)}`, documentHashOf(statement)],
    },
    {
      action: "setDocument",
      contract: recordName,
      args: [BTC_DOCUMENTS.custodyProof, p.custodyProof.uri, p.custodyProof.hash],
    },
    { action: "mint", contract: recordName, args: [formatDecimal(p.sats, BTC_DECIMALS)] },
  ];
}

/**
 * Tokenizes `p` through the reserve Safe: creates the token and its valuation subject, attests its
 * som value (M of N), attaches the BTC amount and the custody proof, and mints every share into the
 * reserve, in three custodian transactions (the steps `npm run reserve:bitcoin` writes as files).
 */
export async function tokenizeMinedBitcoin(d: TokenizeDeps, p: MinedBitcoinPosition): Promise<TokenizedBitcoin> {
  const assetId = assetIdFrom(p.key);
  await d.custody(
    `create the ${p.symbol} asset token (MiningOutput) and its valuation subject`,
    minedBitcoinCreateCalls(p, d.safe, d.valuation),
  );
  await d.syncRecords();
  const address = await d.factory.assetById(assetId);
  if (address === "0x0000000000000000000000000000000000000000") throw new MarketError(`asset ${p.key} was not created`);
  const valuation = minedBitcoinValuation(p);
  await d.attest(valuation.subject, valuation.value, valuation.document, p.symbol);
  await d.custody(
    `attach the BTC amount and the custody proof, ` +
      `and mint ${formatDecimal(p.sats, BTC_DECIMALS)} ${p.symbol} into the reserve`,
    minedBitcoinMintCalls(p),
  );
  return {
    token: AssetToken__factory.connect(address, d.factory.runner),
    assetId,
    recordName: assetRecordName(p.symbol),
    amountDocument: btcAmountStatement(p),
  };
}

// ------------------------------------------------------------------ the Safe's own crypto holdings

export interface ListedToken {
  address: string;
  /** Attestation subject of its price: som (registry decimals) per whole token. None: "not valued". */
  priceSubject?: string;
}

export interface CryptoHolding {
  kind: "native" | "erc20";
  symbol: string;
  /** Zero address for the native coin. */
  address: string;
  decimals: number;
  balance: bigint;
  /** Value in som (registry decimals) when a fresh attested price exists, else null. */
  valueSom: bigint | null;
  /** "valued" or why not ("not valued: no attested price", "not valued: price stale"). */
  status: string;
  priceAsOf: number | null;
}

export interface CryptoHoldingsOptions {
  provider: Provider;
  safe: string;
  /** The attestation registry (prices are its subjects). */
  attestation: string;
  /** Native coin symbol ("BNB", "ETH"). */
  nativeSymbol: string;
  nativePriceSubject?: string;
  tokens: readonly ListedToken[];
  /** Read every balance and price at this block (default: the latest). */
  blockTag?: number;
}

export interface CryptoHoldings {
  holdings: CryptoHolding[];
  /** Sum of the valued holdings, som in registry decimals. */
  totalValueSom: bigint;
  valueDecimals: number;
}

/**
 * The reserve Safe's native coin and listed ERC-20 balances, each valued at `balance × price`
 * when its price subject has a fresh attested report, and marked "not valued" otherwise.
 */
export async function collectCryptoHoldings(o: CryptoHoldingsOptions): Promise<CryptoHoldings> {
  const source = IAttestedValueSource__factory.connect(o.attestation, o.provider);
  const valueDecimals = Number(
    await withTimeout(source.valueDecimals({ blockTag: o.blockTag }), "attestation valueDecimals"),
  );
  const price = async (subject: string | undefined, balance: bigint, decimals: number) => {
    if (!subject) return { valueSom: null, status: "not valued: no attested price", priceAsOf: null };
    const [value, asOf] = await withTimeout(source.latestReport(subject, { blockTag: o.blockTag }), `price ${subject}`);
    if (asOf === 0n) return { valueSom: null, status: "not valued: no attested price", priceAsOf: null };
    if (!(await withTimeout(source.isFresh(subject, { blockTag: o.blockTag }), `freshness ${subject}`)))
      return { valueSom: null, status: "not valued: price stale", priceAsOf: Number(asOf) };
    return { valueSom: (balance * value) / 10n ** BigInt(decimals), status: "valued", priceAsOf: Number(asOf) };
  };
  const holdings: CryptoHolding[] = [];
  const native = await withTimeout(o.provider.getBalance(o.safe, o.blockTag), `balance of ${o.safe}`);
  holdings.push({
    kind: "native",
    symbol: o.nativeSymbol,
    address: "0x0000000000000000000000000000000000000000",
    decimals: 18,
    balance: native,
    ...(await price(o.nativePriceSubject, native, 18)),
  });
  for (const t of o.tokens) {
    const erc20 = IERC20Metadata__factory.connect(t.address, o.provider);
    const [symbol, decimals, balance] = await Promise.all([
      withTimeout(erc20.symbol({ blockTag: o.blockTag }), `symbol of ${t.address}`),
      withTimeout(erc20.decimals({ blockTag: o.blockTag }), `decimals of ${t.address}`),
      withTimeout(erc20.balanceOf(o.safe, { blockTag: o.blockTag }), `balance of ${o.safe} in ${t.address}`),
    ]);
    holdings.push({
      kind: "erc20",
      symbol,
      address: getAddress(t.address),
      decimals: Number(decimals),
      balance,
      ...(await price(t.priceSubject, balance, Number(decimals))),
    });
  }
  return { holdings, totalValueSom: holdings.reduce((s, h) => s + (h.valueSom ?? 0n), 0n), valueDecimals };
}

/** One line per holding, for the report and the main job. */
export function formatCryptoHoldings(c: CryptoHoldings): string[] {
  return c.holdings.map((h) => {
    const amount = `${formatDecimal(h.balance, h.decimals)} ${h.symbol}`;
    return h.valueSom === null
      ? `${amount}: ${h.status}`
      : `${amount}: ${formatDecimal(h.valueSom, c.valueDecimals)} som (attested price)`;
  });
}

// ------------------------------------------------------------------ the position file (npm run reserve:bitcoin)

const positionSchema = z.strictObject({
  key: z.string().min(1, 'expected the asset key, e.g. "custody:NBKR-BTC-MINING-2026-11"'),
  name: z.string().min(1),
  symbol: z.string().regex(/^[A-Z0-9]{1,11}$/, "expected 1 to 11 capital letters or digits"),
  btc: z
    .string()
    .regex(/^(0|[1-9][0-9]*)(\.[0-9]{1,8})?$/, 'expected an amount of BTC with at most 8 decimals, e.g. "12.5"'),
  custodian: hexAddress,
  custodyProof: z.strictObject({ uri: z.string().min(1), hash: hexBytes32 }),
  valueSom: z
    .string()
    .regex(/^(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'expected the position\'s value in som, e.g. "106250000.00"'),
  enforcer: hexAddress,
  pauser: hexAddress,
});

/**
 * Reads a mined-bitcoin position file (deploy/examples/mined-bitcoin.json shows one); `valueDecimals` is the
 * attestation registry's (the som value is written in som, e.g. "106250000.00").
 */
export function readMinedBitcoinPosition(file: string, valueDecimals: number): MinedBitcoinPosition {
  const raw = readJsonFile(file, positionSchema);
  const sats = parseDecimal(raw.btc, BTC_DECIMALS);
  if (sats === 0n) throw new MarketError(`${file}: btc: a position needs a positive amount`);
  let valueSom: bigint;
  try {
    valueSom = parseDecimal(raw.valueSom, valueDecimals);
  } catch {
    throw new MarketError(`${file}: valueSom: at most ${valueDecimals} decimals (the attestation registry's)`);
  }
  return {
    key: raw.key,
    name: raw.name,
    symbol: raw.symbol,
    sats,
    custodian: getAddress(raw.custodian),
    custodyProof: raw.custodyProof,
    valueSom,
    enforcer: getAddress(raw.enforcer),
    pauser: getAddress(raw.pauser),
  };
}
