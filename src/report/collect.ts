/**
 * Collects a {@link ReserveReport} from the chain, using only the deployment records of a network
 * (their addresses and ABIs) and a provider: no Hardhat needed, so any network with records works.
 */
import { Contract, getAddress } from "ethers";
import type { Provider } from "ethers";
import type { ContractRecord } from "../deploy/records";
import { amount } from "./format";
import type { AssetHolding, ReserveReport, TokenHolding } from "./model";

import { SOM_RESERVES } from "../common/constants";
import { UserError } from "../common/errors";
export { SOM_RESERVES };

const ERC20_ABI = [
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
  "function balanceOf(address) view returns (uint256)",
];

const ASSET_CLASSES = ["real estate", "precious metal", "mining output", "other"];

export class ReportError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "ReportError";
  }
}

function need(records: readonly ContractRecord[], name: string, network: string): ContractRecord {
  const r = records.find((x) => x.name === name);
  if (!r) throw new ReportError(`no "${name}" in deployments/${network}/: deploy first (npm run deploy -- --network ${network})`);
  return r;
}

function at(record: ContractRecord, provider: Provider): Contract {
  return new Contract(record.address, record.abi as never, provider);
}

export interface CollectOptions {
  provider: Provider;
  network: string;
  records: readonly ContractRecord[];
  /** Other ERC-20 tokens the reserve holds (from the deployment config). */
  otherTokens?: readonly string[];
  /** ABI of AssetToken (the factory's tokens have no record of their own). */
  assetTokenAbi: readonly unknown[];
}

export async function collectReserveReport(o: CollectOptions): Promise<ReserveReport> {
  const { provider, network, records } = o;
  const block = await provider.getBlock("latest");
  if (!block) throw new ReportError("cannot read the latest block");
  const now = block.timestamp;
  const chainId = Number((await provider.getNetwork()).chainId);

  const coinRec = need(records, "SomStablecoin", network);
  const regRec = need(records, "AttestationRegistry", network);
  const safeRec = need(records, "ReserveSafe", network);
  const coin = at(coinRec, provider);
  const registry = at(regRec, provider);
  const safe = at(safeRec, provider);

  const [name, symbol, decimalsBig, supply, paused] = (await Promise.all([
    coin.getFunction("name")(),
    coin.getFunction("symbol")(),
    coin.getFunction("decimals")(),
    coin.getFunction("totalSupply")(),
    coin.getFunction("paused")(),
  ])) as [string, string, bigint, bigint, boolean];
  const decimals = Number(decimalsBig);
  const valueDecimals = Number(await registry.getFunction("valueDecimals")());
  const [reserveValue, asOfBig, docHash] = (await registry.getFunction("latestReport")(SOM_RESERVES)) as [bigint, bigint, string];
  const fresh = (await registry.getFunction("isFresh")(SOM_RESERVES)) as boolean;
  const subject = (await registry.getFunction("subjectConfig")(SOM_RESERVES)) as { maxAge: bigint };
  const asOf = Number(asOfBig);

  // Coverage in a common unit: scale both to the larger number of decimals.
  const common = Math.max(decimals, valueDecimals);
  const supplyCommon = supply * 10n ** BigInt(common - decimals);
  const reservesCommon = reserveValue * 10n ** BigInt(common - valueDecimals);
  const coverageRatio = supply === 0n ? null : Number((reservesCommon * 1_000_000n) / supplyCommon) / 1_000_000;

  const [owners, threshold, nonce] = (await Promise.all([
    safe.getFunction("getOwners")(),
    safe.getFunction("getThreshold")(),
    safe.getFunction("nonce")(),
  ])) as [string[], bigint, bigint];

  const toValueUnits = (raw: bigint, fromDecimals: number): bigint =>
    fromDecimals <= valueDecimals ? raw * 10n ** BigInt(valueDecimals - fromDecimals) : raw / 10n ** BigInt(fromDecimals - valueDecimals);

  const reserveCoins = (await coin.getFunction("balanceOf")(safeRec.address)) as bigint;
  const stablecoinHolding: TokenHolding = {
    name,
    symbol,
    address: coinRec.address,
    balance: amount(reserveCoins, decimals, symbol),
    valueSom: amount(toValueUnits(reserveCoins, decimals), valueDecimals, "som"),
  };

  const warnings: string[] = [];
  let total = toValueUnits(reserveCoins, decimals);

  const assets: AssetHolding[] = [];
  const factoryRec = records.find((r) => r.name === "AssetFactory");
  if (factoryRec) {
    const factory = at(factoryRec, provider);
    const tokens = (await factory.getFunction("assets")()) as string[];
    for (const address of tokens) {
      const t = new Contract(address, o.assetTokenAbi as never, provider);
      const [tName, tSymbol, tDecimals, held, info, valuation, tPaused] = (await Promise.all([
        t.getFunction("name")(),
        t.getFunction("symbol")(),
        t.getFunction("decimals")(),
        t.getFunction("balanceOf")(safeRec.address),
        t.getFunction("assetInfo")(),
        t.getFunction("valuation")(),
        t.getFunction("paused")(),
      ])) as [string, string, bigint, bigint, { assetId: string; assetClass: bigint; totalShares: bigint }, [bigint, bigint, boolean], boolean];
      const d = Number(tDecimals);
      const [vValue, vAsOf, vFresh] = valuation;
      const valueHeld = info.totalShares === 0n ? 0n : (vValue * held) / info.totalShares;
      total += valueHeld;
      assets.push({
        name: tName,
        symbol: tSymbol,
        address: getAddress(address),
        assetId: info.assetId,
        assetClass: ASSET_CLASSES[Number(info.assetClass)] ?? `class ${info.assetClass}`,
        sharesHeld: amount(held, d, "shares"),
        totalShares: amount(info.totalShares, d, "shares"),
        valuation: amount(vValue, valueDecimals, "som"),
        valuationAsOf: Number(vAsOf),
        valuationFresh: vFresh,
        valueHeld: amount(valueHeld, valueDecimals, "som"),
        paused: tPaused,
      });
      if (Number(vAsOf) === 0) warnings.push(`${tSymbol}: no attested valuation yet`);
      else if (!vFresh) warnings.push(`${tSymbol}: valuation as of ${new Date(Number(vAsOf) * 1000).toISOString()} has expired`);
      if (tPaused) warnings.push(`${tSymbol}: asset token is paused`);
    }
  }

  const otherTokens: TokenHolding[] = [];
  for (const address of o.otherTokens ?? []) {
    const t = new Contract(address, ERC20_ABI, provider);
    const [tName, tSymbol, tDecimals, bal] = (await Promise.all([
      t.getFunction("name")(),
      t.getFunction("symbol")(),
      t.getFunction("decimals")(),
      t.getFunction("balanceOf")(safeRec.address),
    ])) as [string, string, bigint, bigint];
    otherTokens.push({ name: tName, symbol: tSymbol, address: getAddress(address), balance: amount(bal, Number(tDecimals), tSymbol), valueSom: null });
    warnings.push(`${tSymbol}: no som price on chain; not included in the total`);
  }

  if (asOf === 0) warnings.push("no som reserve report has ever been attested");
  else if (!fresh) warnings.push(`the som reserve report as of ${new Date(asOf * 1000).toISOString()} is stale: mints are refused`);
  if (reservesCommon < supplyCommon) warnings.push("stablecoin supply is ABOVE the attested som reserves");
  if (paused) warnings.push(`${symbol} is paused`);

  return {
    generatedAt: new Date(now * 1000).toISOString(),
    network,
    chainId,
    blockNumber: block.number,
    stablecoin: { address: coinRec.address, name, symbol, decimals, totalSupply: amount(supply, decimals, symbol), paused },
    reserves: {
      value: amount(reserveValue, valueDecimals, "som"),
      asOf,
      ageSeconds: asOf === 0 ? 0 : now - asOf,
      maxAgeSeconds: Number(subject.maxAge),
      fresh,
      docHash,
      coverageRatio,
    },
    safe: { address: safeRec.address, owners: owners.map((x) => getAddress(x)), threshold: Number(threshold), nonce: Number(nonce) },
    holdings: { stablecoin: stablecoinHolding, assets, otherTokens, totalValueSom: amount(total, valueDecimals, "som") },
    warnings,
  };
}
