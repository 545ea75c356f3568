/**
 * Token amounts of the som stablecoin: raw integer units (tyiyn at 2 decimals) to and from
 * human text ("1,234.50 KGSC"). Exact: no floating point anywhere.
 */
import { UserError } from "./errors";

/** Defaults chosen for the som stablecoin (see docs/stablecoin.md). */
export const SOM_STABLECOIN_DEFAULTS = { name: "Som Stablecoin", symbol: "KGSC", decimals: 2 } as const;

export interface TokenUnits {
  decimals: number;
  symbol: string;
}

/** Thrown when text is not an amount the token can represent exactly. */
export class AmountParseError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "AmountParseError";
  }
}

/**
 * Formats raw units, e.g. 123450n at 2 decimals -> "1,234.50 KGSC" (always `decimals` fraction
 * digits, thousands separated by commas unless `grouping` is false, symbol appended unless empty).
 */
export function formatAmount(raw: bigint, units: TokenUnits, options: { grouping?: boolean } = {}): string {
  checkDecimals(units.decimals);
  const negative = raw < 0n;
  const abs = negative ? -raw : raw;
  const scale = 10n ** BigInt(units.decimals);
  let whole = (abs / scale).toString();
  if (options.grouping ?? true) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = units.decimals > 0 ? `.${(abs % scale).toString().padStart(units.decimals, "0")}` : "";
  const text = `${negative ? "-" : ""}${whole}${fraction}`;
  return units.symbol ? `${text} ${units.symbol}` : text;
}

/**
 * Parses "1234.5", "1,234.50" or "1234.50 KGSC" into raw units. Rejects more fraction digits than
 * the token has (no silent rounding), negative amounts and a symbol other than the token's.
 */
export function parseAmount(text: string, units: TokenUnits): bigint {
  checkDecimals(units.decimals);
  let body = text.trim();
  if (units.symbol && body.toUpperCase().endsWith(units.symbol.toUpperCase())) {
    body = body.slice(0, body.length - units.symbol.length).trim();
  }
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(body);
  if (!match) throw new AmountParseError(`not an amount of ${units.symbol || "tokens"}: ${JSON.stringify(text)}`);
  const whole = match[1].replace(/,/g, "");
  const fraction = match[2] ?? "";
  if (fraction.length > units.decimals) {
    throw new AmountParseError(
      `${JSON.stringify(text)} has ${fraction.length} decimals; ${units.symbol || "the token"} has ${units.decimals}`,
    );
  }
  return BigInt(whole) * 10n ** BigInt(units.decimals) + BigInt(fraction.padEnd(units.decimals, "0") || "0");
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 77) {
    throw new AmountParseError(`decimals must be an integer from 0 to 77, got ${decimals}`);
  }
}
