/**
 * Formatting of decoded values in human form: addresses named after records, the Safe and its owners; roles,
 * preimages and text behind a bytes32; token amounts in units; enums, countries, times, durations and basis
 * points. Pure and offline; used by the calldata decoding (./decode.ts).
 */
import { formatAmount } from "../chain/amounts";
import { countryName } from "../chain/countries";
import { ParamType, getAddress, toUtf8String } from "ethers";
import { COUNTRY_PARAM, amountTokenFor, enumLabelsFor, preimageOf, recordByAddress, roleName } from "./context";
import type { ContextRecord, ProposalContext, TokenInfo } from "./context";

export interface DecodedArg {
  name: string;
  type: string;
  text: string;
  /** Members of a tuple (struct) argument, each on its own line in the summary. */
  members?: DecodedArg[];
}

export interface DecodeEnv {
  chainId: number;
  safe: string;
  /** Canonical MultiSendCallOnly of the chain (from @safe-global/safe-deployments), if any. */
  multiSendCallOnly?: string;
  context: ProposalContext;
}

const TIME_PARAM = /expir|deadline|validBefore|validAfter|^asOf$/i;
const DURATION_PARAM = /age$|skew$|delay$/i;
const BPS_PARAM = /bps$/i;

function formatDuration(seconds: bigint): string {
  const units: [bigint, string][] = [
    [86400n, "day"],
    [3600n, "hour"],
    [60n, "minute"],
  ];
  for (const [size, unit] of units) {
    if (seconds >= size && seconds % size === 0n) {
      const n = seconds / size;
      return `${seconds} s (${n} ${unit}${n === 1n ? "" : "s"})`;
    }
  }
  return `${seconds} s`;
}

function formatUint(fn: string | undefined, param: ParamType, n: bigint, token?: TokenInfo): string {
  if (token) return formatTokenAmount(n, token);
  const labels = enumLabelsFor(fn, param);
  if (labels) return `${n} (${labels[Number(n)] ?? "OUT OF RANGE"})`;
  if (COUNTRY_PARAM.test(param.name)) return `${n} (${countryName(n) ?? "NOT AN ISO 3166-1 COUNTRY CODE"})`;
  if (TIME_PARAM.test(param.name) && n > 0n && n < 253402300800n)
    return `${n} (${new Date(Number(n) * 1000).toISOString().replace(".000Z", "Z")})`;
  if (DURATION_PARAM.test(param.name)) return formatDuration(n);
  if (BPS_PARAM.test(param.name)) return `${n} bps (${(Number(n) / 100).toFixed(2)}%)`;
  return n.toString();
}

export function formatTokenAmount(raw: bigint, token: TokenInfo): string {
  return `${formatAmount(raw, { decimals: token.decimals, symbol: "" })} ${token.symbol} (raw ${raw})`;
}

/** A name for an address: record name, "the reserve Safe", "Safe owner", or the bare address. */
export function nameAddress(env: DecodeEnv, address: string): string {
  const a = getAddress(address);
  if (a === getAddress(env.safe)) return `${a} (the reserve Safe itself)`;
  if (env.multiSendCallOnly && a === getAddress(env.multiSendCallOnly)) return `${a} (canonical MultiSendCallOnly)`;
  const rec = recordByAddress(env.context, a);
  if (rec) return `${a} (${rec.name})`;
  const ownerIdx = env.context.owners.findIndex((o) => getAddress(o) === a);
  if (ownerIdx >= 0) return `${a} (Safe ${env.context.ownerLabels?.[ownerIdx] ?? `owner #${ownerIdx + 1}`})`;
  if (a === "0x0000000000000000000000000000000000000000") return `${a} (zero address)`;
  return a;
}

/** One decoded value in human form (arrays and tuples recursively). */
export function formatValue(
  env: DecodeEnv,
  target: ContextRecord | undefined,
  fn: string | undefined,
  param: ParamType,
  value: unknown,
  token?: TokenInfo,
): string {
  if (param.isArray()) {
    const items = value as unknown[];
    // array items carry no name of their own: a list of countries is still a list of countries
    const child = COUNTRY_PARAM.test(param.name)
      ? ParamType.from(`${param.arrayChildren.type} ${param.name}`)
      : param.arrayChildren;
    return `[${items.map((v) => formatValue(env, target, fn, child, v, token)).join(", ")}]`;
  }
  if (param.isTuple()) {
    return `{ ${tupleMembers(env, target, fn, param, value as unknown[])
      .map((m) => `${m.name}: ${m.text}`)
      .join(", ")} }`;
  }
  if (param.type === "address") return nameAddress(env, value as string);
  if (param.type === "bytes32") return formatBytes32(env, value as string);
  if (param.type === "bool") return String(value);
  if (param.type === "string") return JSON.stringify(value);
  if (param.type.startsWith("uint") || param.type.startsWith("int"))
    return formatUint(fn, param, value as bigint, token);
  return String(value);
}

/** The members of a tuple (struct) value, each named and formatted. */
export function tupleMembers(
  env: DecodeEnv,
  target: ContextRecord | undefined,
  fn: string | undefined,
  param: ParamType,
  items: readonly unknown[],
): DecodedArg[] {
  const components = param.components ?? [];
  return components.map((c, i) => {
    const token = amountTokenFor(env.context, target, c, components, items);
    return { name: c.name || String(i), type: c.format(), text: formatValue(env, target, fn, c, items[i], token) };
  });
}

/** A role name, a verified preimage (asset id), or printable text (a reference such as "LEGAL-ORDER-2026-17"). */
function formatBytes32(env: DecodeEnv, v: string): string {
  const role = roleName(v, env.context);
  if (role) return `${role} (${v})`;
  const pre = preimageOf(v, env.context);
  if (pre !== undefined) return `keccak256(${JSON.stringify(pre)}) (${v})`;
  const trimmed = v.replace(/(00)+$/, "");
  if (trimmed.length > 2 && trimmed.length < v.length) {
    try {
      const text = toUtf8String(trimmed);
      if (/^[\x20-\x7e]+$/.test(text)) return `"${text}" (${v})`;
    } catch {
      // not text
    }
  }
  if (/^0x0+$/.test(v)) return `${v} (zero)`;
  return v;
}
