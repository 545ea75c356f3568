/** Small pure formatting helpers of the reserve report (amounts, ages, times, ratios). */
import { formatAge as formatAgeBig } from "../attestation/status";
import { formatAmount } from "../chain/amounts";
import type { Explorer } from "./explorer";
import type { Amount, BlockRef } from "./model";

/** Builds an {@link Amount}; `unit` is appended to the human string (e.g. "KGSC", "som", "shares"). */
export function amount(raw: bigint, decimals: number, unit: string): Amount {
  return { raw: raw.toString(), decimals, formatted: formatAmount(raw, { decimals, symbol: unit }) };
}

/** "2d 4h", "3h 5m", "45s": a readable age of `seconds` (negative: in the future). */
export function formatAge(seconds: number): string {
  return formatAgeBig(BigInt(seconds));
}

/** ISO date-time in UTC for a unix timestamp. */
export function isoTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(".000Z", "Z");
}

/** 1.2345 -> "123.45%". */
export function percent(ratio: number | null): string {
  return ratio === null ? "n/a (no supply)" : `${(ratio * 100).toFixed(2)}%`;
}

/** A {@link BlockRef}: number, time and explorer link of a block. */
export function blockRef(blockNumber: number, timestamp: number, explorer: Explorer | null): BlockRef {
  return { blockNumber, timestamp, time: isoTime(timestamp), url: explorer ? explorer.block(blockNumber) : null };
}

/** Ratio a / b of two amounts with their decimals (1.25 = 125%), to 6 decimals; null when b is zero. */
export function ratio(a: bigint, aDecimals: number, b: bigint, bDecimals: number): number | null {
  if (b === 0n) return null;
  const d = Math.max(aDecimals, bDecimals);
  const an = a * 10n ** BigInt(d - aDecimals);
  const bn = b * 10n ** BigInt(d - bDecimals);
  return Number((an * 1_000_000n) / bn) / 1_000_000;
}

/**
 * A short form of an address or hash for the page, its first 4 and last 4 hex digits kept with
 * their case (so a checksummed address stays recognisable): "0x15d3…0A65". Anything that is not a
 * `0x` hex string longer than 14 characters is returned unchanged. The JSON always keeps the full
 * value.
 */
export function shortHex(value: string): string {
  return /^0x[0-9a-fA-F]{11,}$/.test(value) ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;
}
