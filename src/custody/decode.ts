/**
 * Decoding of a Safe transaction with its context, in one module: what a proposal file carries so that an
 * offline signer can decode it (the deployment records involved: name, address, ABI, token decimals/symbol;
 * the Safe's owners and threshold at proposal time), the lookups over that context (records, roles,
 * preimages, amounts' units) and the decoding of calldata into named, formatted arguments. Everything is
 * derived from the calldata and the ABIs of the context (plus the Safe's own ABI and the canonical
 * MultiSendCallOnly address, taken from the installed packages, never from the file). Pure and offline;
 * the plain-words lines over a decoded call are in ./describe.ts.
 */
import { formatAmount } from "../chain/amounts";
import { countryName } from "../chain/countries";
import { Interface, ParamType, getAddress, id, isHexString, keccak256, toUtf8Bytes, toUtf8String } from "ethers";
import type { JsonFragment, Result } from "ethers";
import { UserError } from "../chain/errors";
import { loadSafeArtifact } from "../safe/artifacts";
import { decodeMultiSendCall, isMultiSendCall } from "../safe/multisend";
import type { Operation, SafeTx } from "../safe/safeTx";

/** A name that is neither a record, an address, a role nor a bytes32 (the user fixes the argument). */
export class DecodeInputError extends UserError {}

export interface TokenInfo {
  decimals: number;
  symbol: string;
}

export interface ContextRecord {
  /** Deployment record name (e.g. "SomStablecoin"). */
  name: string;
  /** Contract (artifact) name. */
  contract: string;
  address: string;
  abi: readonly JsonFragment[];
  /** Set when the contract is an ERC-20 (read from chain at proposal time). */
  token?: TokenInfo;
}

export interface ProposalContext {
  records: ContextRecord[];
  owners: string[];
  threshold: number;
  /** Labels of `owners` (same order), from the signer's records. */
  ownerLabels?: string[];
  /** Texts whose keccak256 appears as a bytes32 argument (asset ids such as "cadastral:1-01-01-0001-0001"). */
  preimages?: string[];
}

/**
 * Role names of this project's contracts (`keccak256("<NAME>")`; DEFAULT_ADMIN_ROLE = 0x00). Names are also
 * taken from the `*_ROLE()` getters of the context ABIs, so a new role shows by name without editing this list.
 */
export const KNOWN_ROLE_NAMES: readonly string[] = [
  "UPGRADER_ROLE",
  "MINTER_ADMIN_ROLE",
  "MINTER_ROLE",
  "BURNER_ROLE",
  "PAUSER_ROLE",
  "COMPLIANCE_ROLE",
  "RESCUER_ROLE",
  "KYC_OFFICER_ROLE",
  "ISSUER_ROLE",
  "ENFORCER_ROLE",
  "ASSET_CREATOR_ROLE",
];

const ZERO_ROLE = `0x${"00".repeat(32)}`;

const ROLE_BY_HASH = new Map<string, string>([
  [ZERO_ROLE, "DEFAULT_ADMIN_ROLE"],
  ...KNOWN_ROLE_NAMES.map((n): [string, string] => [id(n), n]),
]);

/** Role getters (`X_ROLE()` returning bytes32) declared in the context ABIs. */
function contextRoleNames(ctx: ProposalContext): string[] {
  const names: string[] = [];
  for (const r of ctx.records) {
    for (const f of r.abi) {
      if (
        f.type === "function" &&
        typeof f.name === "string" &&
        /^[A-Z0-9_]+_ROLE$/.test(f.name) &&
        (f.inputs ?? []).length === 0
      )
        names.push(f.name);
    }
  }
  return names;
}

/** "MINTER_ROLE" for keccak256("MINTER_ROLE"), undefined for an unknown bytes32. */
export function roleName(hash: string, ctx?: ProposalContext): string | undefined {
  const h = hash.toLowerCase();
  const known = ROLE_BY_HASH.get(h);
  if (known || !ctx) return known;
  return contextRoleNames(ctx).find((n) => id(n) === h);
}

/**
 * The text behind a bytes32 when the context lists it as a preimage (`keccak:<text>` arguments, e.g. asset
 * ids "cadastral:…"). Verified by hashing: a file cannot attach a false label to a hash.
 */
export function preimageOf(hash: string, ctx: ProposalContext): string | undefined {
  const h = hash.toLowerCase();
  return ctx.preimages?.find((t) => keccak256(toUtf8Bytes(t)) === h);
}

/** Adds `text` to the context's preimages (once) and returns its keccak256. */
export function addPreimage(ctx: ProposalContext, text: string): string {
  const hash = keccak256(toUtf8Bytes(text));
  ctx.preimages ??= [];
  if (!ctx.preimages.includes(text)) ctx.preimages.push(text);
  return hash;
}

/** The bytes32 of a role given by name ("MINTER_ROLE") or as 0x-hex. */
export function roleHash(nameOrHash: string): string {
  if (/^0x[0-9a-fA-F]{64}$/.test(nameOrHash)) return nameOrHash.toLowerCase();
  if (nameOrHash === "DEFAULT_ADMIN_ROLE") return ZERO_ROLE;
  if (!/^[A-Z0-9_]+_ROLE$/.test(nameOrHash))
    throw new DecodeInputError(`"${nameOrHash}" is neither a role name (X_ROLE) nor a bytes32`);
  return id(nameOrHash);
}

export function recordByAddress(ctx: ProposalContext, address: string): ContextRecord | undefined {
  const a = address.toLowerCase();
  return ctx.records.find((r) => r.address.toLowerCase() === a);
}

export function recordByName(ctx: ProposalContext, name: string): ContextRecord | undefined {
  return ctx.records.find((r) => r.name === name);
}

/** A record name or an address, resolved to a checksummed address. */
export function resolveAddress(ctx: ProposalContext, nameOrAddress: string): string {
  const rec = recordByName(ctx, nameOrAddress);
  if (rec) return getAddress(rec.address);
  try {
    return getAddress(nameOrAddress);
  } catch {
    throw new DecodeInputError(`"${nameOrAddress}" is neither an address nor a deployment record name`);
  }
}

export interface DecodedArg {
  name: string;
  type: string;
  text: string;
  /** Members of a tuple (struct) argument, each on its own line in the summary. */
  members?: DecodedArg[];
}

export interface DecodedCall {
  to: string;
  /** "SomStablecoin (0x…)", "the reserve Safe itself (0x…)", or "UNKNOWN CONTRACT 0x…". */
  target: string;
  /** Target is a record of the context, the Safe itself or the canonical MultiSendCallOnly. */
  known: boolean;
  kind: "record" | "safe" | "multisend" | "unknown";
  value: bigint;
  operation: Operation;
  data: string;
  functionName?: string;
  signature?: string;
  args: DecodedArg[];
  /** Inner calls of a MultiSendCallOnly batch. */
  inner?: DecodedCall[];
  /** Why the calldata could not be decoded. */
  error?: string;
}

export interface DecodeEnv {
  chainId: number;
  safe: string;
  /** Canonical MultiSendCallOnly of the chain (from @safe-global/safe-deployments), if any. */
  multiSendCallOnly?: string;
  context: ProposalContext;
}

const AMOUNT_PARAM = /amount|allowance|capacity|refill|shares|^value$|^wad$/i;

/**
 * The token whose units a uint parameter is expressed in, or undefined if it is not a token amount:
 * the token named by a `token`/`asset` address parameter, else the decimals and symbol given next to it
 * (a struct such as createAsset's parameters declares its own), else the target contract's token.
 */
export function amountTokenFor(
  ctx: ProposalContext,
  target: ContextRecord | undefined,
  param: ParamType,
  params: readonly ParamType[],
  values: readonly unknown[],
): TokenInfo | undefined {
  if (!param.type.startsWith("uint") || !AMOUNT_PARAM.test(param.name)) return undefined;
  const tokenIdx = params.findIndex((p) => p.type === "address" && /^token$|^asset$/i.test(p.name));
  if (tokenIdx >= 0 && typeof values[tokenIdx] === "string") {
    const rec = recordByAddress(ctx, values[tokenIdx] as string);
    return rec?.token;
  }
  const decIdx = params.findIndex((p) => p.name === "decimals" && p.type.startsWith("uint"));
  const symIdx = params.findIndex((p) => p.name === "symbol" && p.type === "string");
  if (decIdx >= 0 && symIdx >= 0 && values[decIdx] !== undefined && values[symIdx] !== undefined) {
    const decimals = Number(values[decIdx]);
    if (Number.isSafeInteger(decimals) && decimals >= 0 && decimals <= 77)
      return { decimals, symbol: String(values[symIdx]) };
  }
  return target?.token;
}

/** Labels of the enums in this project's ABIs, by parameter name (the JSON ABI keeps no enum names). */
export const ENUM_LABELS: Record<string, readonly string[]> = {
  assetClass: ["RealEstate", "PreciousMetal", "MiningOutput", "Other"],
  "setEncumbrance.status": ["None", "Lien", "Pledge", "Seizure", "Other"],
  encumbrance: ["None", "Lien", "Pledge", "Seizure", "Other"],
};

/** The enum labels of parameter `name` of function `fn` (uint8 only), if it is a known enum. */
export function enumLabelsFor(fn: string | undefined, param: ParamType): readonly string[] | undefined {
  if (param.type !== "uint8") return undefined;
  return ENUM_LABELS[`${fn}.${param.name}`] ?? ENUM_LABELS[param.name];
}

/** Parameters holding ISO 3166-1 numeric country codes (identity countries, asset jurisdictions, holder rules). */
export const COUNTRY_PARAM = /^country$|^countries$|jurisdiction/i;
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

function formatValue(
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

function tupleMembers(
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

function abiFor(
  env: DecodeEnv,
  to: string,
): { kind: DecodedCall["kind"]; record?: ContextRecord; iface?: Interface; label: string } {
  const a = getAddress(to);
  if (a === getAddress(env.safe))
    return {
      kind: "safe",
      iface: new Interface(loadSafeArtifact("Safe").abi),
      label: `the reserve Safe itself (${a})`,
    };
  if (env.multiSendCallOnly && a === getAddress(env.multiSendCallOnly)) {
    return {
      kind: "multisend",
      iface: new Interface(loadSafeArtifact("MultiSendCallOnly").abi),
      label: `canonical MultiSendCallOnly (${a})`,
    };
  }
  const record = recordByAddress(env.context, a);
  if (record)
    return { kind: "record", record, iface: new Interface(record.abi as never), label: `${record.name} (${a})` };
  return { kind: "unknown", label: `UNKNOWN CONTRACT ${a} (not in the deployment records)` };
}

/** Decodes one call (recursively for MultiSendCallOnly batches). */
export function decodeCall(
  env: DecodeEnv,
  call: { to: string; value: bigint; data: string; operation: Operation },
): DecodedCall {
  const { kind, record, iface, label } = abiFor(env, call.to);
  const out: DecodedCall = {
    to: getAddress(call.to),
    target: label,
    known: kind !== "unknown",
    kind,
    value: call.value,
    operation: call.operation,
    data: call.data,
    args: [],
  };
  if (call.data === "0x" || call.data === "") return out;
  if (!isHexString(call.data) || call.data.length < 10) {
    out.error = "calldata shorter than a function selector";
    return out;
  }
  if (!iface) {
    out.error = `cannot decode selector ${call.data.slice(0, 10)}: the target is not in the deployment records`;
    return out;
  }
  let parsed: ReturnType<Interface["parseTransaction"]>;
  try {
    parsed = iface.parseTransaction({ data: call.data, value: call.value });
  } catch (e) {
    out.error =
      `calldata does not decode as ${call.data.slice(0, 10)} of ${label}: ` +
      `${(e as Error).message.split("(")[0].trim()}`;
    return out;
  }
  if (!parsed) {
    out.error = `selector ${call.data.slice(0, 10)} is not a function of ${label}`;
    return out;
  }
  out.functionName = parsed.name;
  out.signature = parsed.signature;
  const reencoded = iface.encodeFunctionData(parsed.fragment, parsed.args);
  if (reencoded.toLowerCase() !== call.data.toLowerCase()) {
    const extra = (call.data.length - reencoded.length) / 2;
    out.error =
      extra > 0
        ? `calldata carries ${extra} byte(s) after the encoded arguments of ${parsed.name}: ` +
          `they are signed but never shown`
        : `calldata of ${parsed.name} is not in canonical ABI encoding`;
  }
  const params = parsed.fragment.inputs;
  const values = resultValues(parsed.args);
  out.args = params.map((p, i) => {
    const token = amountTokenFor(env.context, record, p, params, values);
    const arg: DecodedArg = {
      name: p.name || `arg${i}`,
      type: p.format(),
      text: formatValue(env, record, parsed.name, p, values[i], token),
    };
    if (p.isTuple()) {
      arg.type = `struct (${p.components.length} fields)`;
      arg.members = tupleMembers(env, record, parsed.name, p, values[i] as unknown[]);
    }
    return arg;
  });
  if (kind === "multisend" && isMultiSendCall(call.data)) {
    try {
      out.inner = decodeMultiSendCall(call.data).map((c) => decodeCall(env, c));
    } catch (e) {
      out.error = `malformed batch: ${(e as Error).message}`;
    }
  }
  return out;
}

function resultValues(r: Result): unknown[] {
  return Array.from({ length: r.length }, (_, i) => r[i] as unknown);
}

/** Decodes a whole SafeTx. */
export function decodeSafeTx(env: DecodeEnv, tx: SafeTx): DecodedCall {
  return decodeCall(env, tx);
}
