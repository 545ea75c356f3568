/**
 * The one amounts codec of the project: raw integer units to and from human text, for the som
 * stablecoin ("1,234.50 KGSC", tyiyn at 2 decimals) and every other token or value (BTC at 8 decimals,
 * attested som values, native coin at 18). Exact: no floating point anywhere. Nothing else in src/
 * parses or formats amounts (no ethers parseUnits / formatUnits).
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
 * `trimZeros` drops trailing fraction zeros down to one digit ("1.5", "2.0"), as {@link formatDecimal}.
 */
export function formatAmount(
  raw: bigint,
  units: TokenUnits,
  options: { grouping?: boolean; trimZeros?: boolean } = {},
): string {
  checkDecimals(units.decimals);
  const negative = raw < 0n;
  const abs = negative ? -raw : raw;
  const scale = 10n ** BigInt(units.decimals);
  let whole = (abs / scale).toString();
  if (options.grouping ?? true) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  let digits = (abs % scale).toString().padStart(units.decimals, "0");
  if (options.trimZeros) digits = digits.replace(/0+$/, "") || "0";
  const fraction = units.decimals > 0 ? `.${digits}` : "";
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

/**
 * Plain decimal text of raw units, without grouping or symbol, trailing fraction zeros trimmed to one
 * digit: 150000000n at 8 -> "1.5", 100n at 2 -> "1.0", 5n at 0 -> "5" (the text ethers' formatUnits gives).
 */
export function formatDecimal(raw: bigint, decimals: number): string {
  return formatAmount(raw, { decimals, symbol: "" }, { grouping: false, trimZeros: true });
}

/**
 * Raw units of plain decimal text ("12.5" at 8 decimals -> 1250000000n). Zeros past `decimals` are
 * accepted ("1.000" at 2 -> 100n, as ethers' parseUnits); any other extra fraction digit is an error.
 */
export function parseDecimal(text: string, decimals: number): bigint {
  const extraZeros = new RegExp(`^(\\s*\\d[\\d,]*\\.\\d{${Math.max(0, Math.trunc(decimals))}})0+(\\s*)$`).exec(text);
  const trimmed = extraZeros ? `${extraZeros[1]}${extraZeros[2]}`.replace(/\.$/, "") : text;
  return parseAmount(trimmed, { decimals, symbol: "" });
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 77) {
    throw new AmountParseError(`decimals must be an integer from 0 to 77, got ${decimals}`);
  }
}
