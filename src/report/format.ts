/** Small pure formatting helpers shared by the report, the custodian summaries and the main job. */
import { formatUnits } from "ethers";
import type { Amount } from "./model";

/** "1234567.5" -> "1,234,567.50" keeping at least `minFraction` decimals. */
export function groupDigits(decimalString: string, minFraction = 2): string {
  const negative = decimalString.startsWith("-");
  const body = negative ? decimalString.slice(1) : decimalString;
  const [intPart, fracPart = ""] = body.split(".");
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const trimmed = fracPart.replace(/0+$/, "");
  const frac = trimmed.padEnd(minFraction, "0");
  return `${negative ? "-" : ""}${grouped}${frac.length > 0 ? `.${frac}` : ""}`;
}

/** Builds an {@link Amount}; `unit` is appended to the human string (e.g. "KGSC", "som"). */
export function amount(raw: bigint, decimals: number, unit: string): Amount {
  const minFraction = Math.min(decimals, 2);
  return { raw: raw.toString(), decimals, formatted: `${groupDigits(formatUnits(raw, decimals), minFraction)} ${unit}`.trim() };
}

/** "3h 05m", "2d 04h", "45s": a readable age. */
export function formatAge(seconds: number): string {
  if (seconds < 0) return `in ${formatAge(-seconds)}`;
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, "0")}s`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, "0")}m`;
  return `${Math.floor(seconds / 86400)}d ${String(Math.floor((seconds % 86400) / 3600)).padStart(2, "0")}h`;
}

/** ISO date-time in UTC for a unix timestamp. */
export function isoTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(".000Z", "Z");
}

/** 1.2345 -> "123.45%". */
export function percent(ratio: number | null): string {
  return ratio === null ? "n/a (no supply)" : `${(ratio * 100).toFixed(2)}%`;
}
