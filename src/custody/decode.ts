/**
 * Decoding of a Safe transaction with its context: calldata into named, formatted arguments. The context
 * types and lookups are in ./context.ts, the formatting of values in ./format.ts (both re-exported here).
 * Everything is derived from the calldata and the ABIs of the context (plus the Safe's own ABI and the canonical
 * MultiSendCallOnly address, taken from the installed packages, never from the file). Pure and offline;
 * the plain-words lines over a decoded call are in ./describe.ts.
 */
import { interfaceOf } from "../chain/interfaces";
import { decodeReference, describeReference } from "../sanctions/reference";
import { Interface, getAddress, isHexString } from "ethers";
import type { InterfaceAbi, Result } from "ethers";
import { loadSafeArtifact } from "../safe/artifacts";
import { decodeMultiSendCall, isMultiSendCall } from "../safe/multisend";
import type { Operation, SafeTx } from "../safe/safeTx";
import { amountTokenFor, recordByAddress } from "./context";
import type { ContextRecord } from "./context";
import { formatValue, tupleMembers } from "./format";
import type { DecodeEnv, DecodedArg } from "./format";

export {
  COUNTRY_PARAM,
  DecodeInputError,
  ENUM_LABELS,
  KNOWN_ROLE_NAMES,
  addPreimage,
  amountTokenFor,
  enumLabelsFor,
  preimageOf,
  recordByAddress,
  recordByName,
  resolveAddress,
  roleHash,
  roleName,
} from "./context";
export type { ContextRecord, ProposalContext, TokenInfo } from "./context";
export { formatTokenAmount, nameAddress } from "./format";
export type { DecodeEnv, DecodedArg } from "./format";

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
  /**
   * The sanctions legal reference appended after a `freezeBatch`'s arguments (src/sanctions/reference.ts), shown in
   * every review; any other trailing bytes are an {@link DecodedCall.error}.
   */
  reference?: string;
}

function abiFor(
  env: DecodeEnv,
  to: string,
): { kind: DecodedCall["kind"]; record?: ContextRecord; iface?: Interface; label: string } {
  const a = getAddress(to);
  if (a === getAddress(env.safe))
    return {
      kind: "safe",
      iface: interfaceOf(loadSafeArtifact("Safe").abi),
      label: `the reserve Safe itself (${a})`,
    };
  if (env.multiSendCallOnly && a === getAddress(env.multiSendCallOnly)) {
    return {
      kind: "multisend",
      iface: interfaceOf(loadSafeArtifact("MultiSendCallOnly").abi),
      label: `canonical MultiSendCallOnly (${a})`,
    };
  }
  const record = recordByAddress(env.context, a);
  if (record)
    return { kind: "record", record, iface: interfaceOf(record.abi as InterfaceAbi), label: `${record.name} (${a})` };
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
  const suffix = `0x${call.data.slice(reencoded.length)}`;
  const reference =
    parsed.name === "freezeBatch" && call.data.toLowerCase().startsWith(reencoded.toLowerCase())
      ? decodeReference(suffix)
      : undefined;
  if (reference) {
    out.reference = describeReference(reference);
  } else if (reencoded.toLowerCase() !== call.data.toLowerCase()) {
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
