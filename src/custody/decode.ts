/**
 * Plain-words decoding of a Safe transaction. Everything is derived from the calldata and the ABIs in the
 * proposal context (plus the Safe's own ABI and the canonical MultiSendCallOnly address, taken from the
 * installed packages, never from the file). Pure and offline.
 */
import { countryName } from "../chain/countries";
import { Interface, ParamType, formatUnits, getAddress, isHexString, toUtf8String } from "ethers";
import type { Result } from "ethers";
import { loadSafeArtifact } from "../safe/artifacts";
import { preimageOf, recordByAddress, roleName } from "./context";
import type { ContextRecord, ProposalContext, TokenInfo } from "./context";
import { decodeMultiSendCall, isMultiSendCall } from "../safe/multisend";
import type { Operation, SafeTx } from "../safe/safeTx";

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
    if (Number.isSafeInteger(decimals) && decimals >= 0 && decimals <= 77) return { decimals, symbol: String(values[symIdx]) };
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
  if (TIME_PARAM.test(param.name) && n > 0n && n < 253402300800n) return `${n} (${new Date(Number(n) * 1000).toISOString().replace(".000Z", "Z")})`;
  if (DURATION_PARAM.test(param.name)) return formatDuration(n);
  if (BPS_PARAM.test(param.name)) return `${n} bps (${(Number(n) / 100).toFixed(2)}%)`;
  return n.toString();
}

export function formatTokenAmount(raw: bigint, token: TokenInfo): string {
  const [int, frac] = formatUnits(raw, token.decimals).split(".");
  const grouped = BigInt(int).toLocaleString("en-US");
  const fracPadded = token.decimals === 0 ? "" : `.${(frac ?? "").padEnd(token.decimals, "0")}`;
  return `${grouped}${fracPadded} ${token.symbol} (raw ${raw})`;
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

function formatValue(env: DecodeEnv, target: ContextRecord | undefined, fn: string | undefined, param: ParamType, value: unknown, token?: TokenInfo): string {
  if (param.isArray()) {
    const items = value as unknown[];
    // array items carry no name of their own: a list of countries is still a list of countries
    const child = COUNTRY_PARAM.test(param.name) ? ParamType.from(`${param.arrayChildren.type} ${param.name}`) : param.arrayChildren;
    return `[${items.map((v) => formatValue(env, target, fn, child, v, token)).join(", ")}]`;
  }
  if (param.isTuple()) {
    return `{ ${tupleMembers(env, target, fn, param, value as unknown[]).map((m) => `${m.name}: ${m.text}`).join(", ")} }`;
  }
  if (param.type === "address") return nameAddress(env, value as string);
  if (param.type === "bytes32") return formatBytes32(env, value as string);
  if (param.type === "bool") return String(value);
  if (param.type === "string") return JSON.stringify(value);
  if (param.type.startsWith("uint") || param.type.startsWith("int")) return formatUint(fn, param, value as bigint, token);
  return String(value);
}

function tupleMembers(env: DecodeEnv, target: ContextRecord | undefined, fn: string | undefined, param: ParamType, items: readonly unknown[]): DecodedArg[] {
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

function abiFor(env: DecodeEnv, to: string): { kind: DecodedCall["kind"]; record?: ContextRecord; iface?: Interface; label: string } {
  const a = getAddress(to);
  if (a === getAddress(env.safe)) return { kind: "safe", iface: new Interface(loadSafeArtifact("Safe").abi), label: `the reserve Safe itself (${a})` };
  if (env.multiSendCallOnly && a === getAddress(env.multiSendCallOnly)) {
    return { kind: "multisend", iface: new Interface(loadSafeArtifact("MultiSendCallOnly").abi), label: `canonical MultiSendCallOnly (${a})` };
  }
  const record = recordByAddress(env.context, a);
  if (record) return { kind: "record", record, iface: new Interface(record.abi as never), label: `${record.name} (${a})` };
  return { kind: "unknown", label: `UNKNOWN CONTRACT ${a} (not in the deployment records)` };
}

/** Decodes one call (recursively for MultiSendCallOnly batches). */
export function decodeCall(env: DecodeEnv, call: { to: string; value: bigint; data: string; operation: Operation }): DecodedCall {
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
    out.error = `calldata does not decode as ${call.data.slice(0, 10)} of ${label}: ${(e as Error).message.split("(")[0].trim()}`;
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
        ? `calldata carries ${extra} byte(s) after the encoded arguments of ${parsed.name}: they are signed but never shown`
        : `calldata of ${parsed.name} is not in canonical ABI encoding`;
  }
  const params = parsed.fragment.inputs;
  const values = resultValues(parsed.args);
  out.args = params.map((p, i) => {
    const token = amountTokenFor(env.context, record, p, params, values);
    const arg: DecodedArg = { name: p.name || `arg${i}`, type: p.format(), text: formatValue(env, record, parsed.name, p, values[i], token) };
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

type Words = (a: string[], args: readonly DecodedArg[]) => string;

const member = (arg: DecodedArg | undefined, name: string): string => arg?.members?.find((m) => m.name === name)?.text ?? "?";

/** First line of a call, by function name (overloads share a line; `a` are the argument texts). */
const PLAIN_WORDS: Record<string, Words> = {
  // ERC-20 (stablecoin and asset shares)
  transfer: (a) => `Send ${a[1]} from the reserve Safe to ${a[0]}`,
  approve: (a) => `Allow ${a[0]} to spend up to ${a[1]} of the reserve Safe's tokens`,
  burn: (a) => `Burn ${a[0]} held by the reserve Safe` + (a[1] ? `, reference ${a[1]}` : ""),
  mint: (a) => `Mint ${a[0]} into the reserve`,
  // stablecoin
  configureMinter: (a) => `Make ${a[0]} a minter with allowance ${a[1]}, rate limit ${a[2]} refilling ${a[3]} per second`,
  setRateLimit: (a) => `Set the rate limit of minter ${a[0]} to ${a[1]} refilling ${a[2]} per second`,
  removeMinter: (a) => `Remove minter ${a[0]}`,
  pause: () => "PAUSE the contract",
  unpause: () => "Unpause the contract",
  freeze: (a) => `Freeze ${a[0]}`,
  unfreeze: (a) => `Unfreeze ${a[0]}`,
  freezeBatch: (a) => `Freeze ${a[0]}`,
  unfreezeBatch: (a) => `Unfreeze ${a[0]}`,
  wipeFrozen: (a) => `WIPE (burn) the whole balance of frozen account ${a[0]}, legal order ${a[1]}`,
  setReserve: (a) => `SET THE RESERVE to ${a[0]}`,
  setReserveFeed: (a) => `SET THE RESERVE ATTESTATION FEED to ${a[0]}`,
  setMaxReserveAge: (a) => `Set the maximum reserve attestation age to ${a[0]}`,
  rescueERC20: (a) => `Rescue ${a[2]} of token ${a[0]} to ${a[1]}`,
  // access control
  grantRole: (a) => `Grant ${a[0]} to ${a[1]}`,
  revokeRole: (a) => `Revoke ${a[0]} from ${a[1]}`,
  renounceRole: (a) => `Renounce ${a[0]} held by ${a[1]}`,
  beginDefaultAdminTransfer: (a) => `START HANDING DEFAULT_ADMIN_ROLE to ${a[0]}`,
  acceptDefaultAdminTransfer: () => "Accept DEFAULT_ADMIN_ROLE (the caller becomes the admin)",
  cancelDefaultAdminTransfer: () => "Cancel the pending DEFAULT_ADMIN_ROLE transfer",
  // upgrades
  upgradeToAndCall: (a) => `UPGRADE the proxy to implementation ${a[0]}` + (a[1] && a[1] !== "0x" ? ` and call ${a[1]}` : ""),
  upgradeTo: (a) => `UPGRADE the beacon to implementation ${a[0]} (every asset token behind it)`,
  // attestation registry
  addAttestor: (a) => `Add attestor ${a[0]}`,
  removeAttestor: (a) => `Remove attestor ${a[0]}`,
  setThreshold: (a) => `Set the attestor threshold to ${a[0]}`,
  setMaxFutureSkew: (a) => `Set the allowed future skew of reports to ${a[0]}`,
  configureSubject: (a) => `Configure attested subject ${a[0]}: max age ${a[1]}, max change ${a[2]}, listener ${a[3]}`,
  allowOutOfBoundsReport: (a) => `ALLOW ONE OUT-OF-BOUNDS REPORT with digest ${a[0]}`,
  // identity registry
  registerIdentity: (a) => `Register identity ${a[0]}: country ${a[1]}, KYC valid until ${a[2]}`,
  updateIdentity: (a) => `Update identity ${a[0]}: country ${a[1]}, KYC valid until ${a[2]}`,
  removeIdentity: (a) => `Remove identity ${a[0]}`,
  registerIdentities: (a) => `Register identities ${a[0]}`,
  updateIdentities: (a) => `Update identities ${a[0]}`,
  removeIdentities: (a) => `Remove identities ${a[0]}`,
  // asset factory and asset tokens
  createAsset: (_a, args) =>
    `CREATE ASSET TOKEN ${member(args[0], "name")} (${member(args[0], "symbol")}), asset id ${member(args[0], "assetId")}, ` +
    `${member(args[0], "totalShares")} total shares`,
  setFrozenTokens: (a) => `Freeze ${a[1]} of ${a[0]} (replaces the frozen amount)`,
  forcedTransfer: (a) => `FORCED TRANSFER of ${a[2]} from ${a[0]} to ${a[1]}` + (a[3] ? `, legal order ${a[3]}` : ", NO legal order reference"),
  recoverWallet: (a) => `RECOVER WALLET: move everything of ${a[0]} to ${a[1]}, reference ${a[2]}`,
  setDocument: (a) => `Set document ${a[0]}: ${a[1]}, hash ${a[2]}`,
  removeDocument: (a) => `Remove document ${a[0]}`,
  setEncumbrance: (a) => `Set the encumbrance to ${a[0]}, reference ${a[1]}`,
  setCustodian: (a) => `Set the asset custodian to ${a[0]}`,
  // the Safe itself
  addOwnerWithThreshold: (a) => `CHANGE SAFE OWNERS: add owner ${a[0]}, threshold ${a[1]}`,
  removeOwner: (a) => `CHANGE SAFE OWNERS: remove owner ${a[1]}, threshold ${a[2]}`,
  swapOwner: (a) => `CHANGE SAFE OWNERS: replace ${a[1]} by ${a[2]}`,
  changeThreshold: (a) => `CHANGE SAFE THRESHOLD to ${a[0]}`,
  enableModule: (a) => `ENABLE SAFE MODULE ${a[0]} (it could move everything without signatures)`,
  disableModule: (a) => `Disable Safe module ${a[1]}`,
  setGuard: (a) => `SET SAFE GUARD ${a[0]}`,
  setFallbackHandler: (a) => `SET SAFE FALLBACK HANDLER ${a[0]}`,
  multiSend: () => "Batch of calls (MultiSendCallOnly)",
};

/** Plain-words lines of a decoded call; `indent` for batch members. */
export function describeCall(call: DecodedCall, indent = ""): string[] {
  const lines: string[] = [];
  const op = call.operation === 1 ? "DELEGATECALL (runs foreign code AS the Safe)" : "call";
  const fn = call.functionName ? `${call.functionName}` : call.data === "0x" ? "(no function: plain native-coin transfer)" : "(undecodable)";
  const words = call.functionName ? PLAIN_WORDS[call.functionName]?.(call.args.map((a) => a.text), call.args) : undefined;
  lines.push(`${indent}${words ?? `Call ${fn}`}`);
  lines.push(`${indent}  ${op} to ${call.target}`);
  if (call.signature) lines.push(`${indent}  function ${call.signature}`);
  for (const a of call.args) {
    if (call.kind === "multisend" && a.name === "transactions") continue;
    if (a.members) {
      lines.push(`${indent}    ${a.name} (${a.type}):`);
      for (const m of a.members) lines.push(`${indent}      ${m.name} (${m.type}) = ${m.text}`);
    } else {
      lines.push(`${indent}    ${a.name} (${a.type}) = ${a.text}`);
    }
  }
  if (call.value !== 0n) lines.push(`${indent}  NATIVE COIN SENT: ${formatUnits(call.value, 18)} (raw ${call.value} wei)`);
  if (call.error) lines.push(`${indent}  CANNOT DECODE: ${call.error}`);
  call.inner?.forEach((c, i) => {
    lines.push(`${indent}  [${i + 1}/${call.inner?.length}]`);
    lines.push(...describeCall(c, `${indent}    `));
  });
  return lines;
}

/** The full human-readable summary of a SafeTx. */
export function summarizeSafeTx(env: DecodeEnv, tx: SafeTx): string[] {
  const head = [
    `Safe ${getAddress(env.safe)} on chain ${env.chainId}, nonce ${tx.nonce}`,
    `Owners ${env.context.owners.length}, threshold ${env.context.threshold}`,
  ];
  const refund =
    tx.gasPrice !== 0n || tx.baseGas !== 0n || tx.safeTxGas !== 0n || getAddress(tx.gasToken) !== getAddress("0x" + "00".repeat(20))
      ? [`GAS REFUND from the Safe: safeTxGas ${tx.safeTxGas}, baseGas ${tx.baseGas}, gasPrice ${tx.gasPrice}, gasToken ${tx.gasToken}, refundReceiver ${tx.refundReceiver}`]
      : [];
  return [...head, ...refund, ...describeCall(decodeSafeTx(env, tx))];
}
