/** Small pure formatting helpers of the reserve report (amounts, ages, times, ratios). */
import { formatAge as formatAgeBig } from "../attestation/status";
import { formatAmount } from "../stablecoin/units";
import type { Amount } from "./model";

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
