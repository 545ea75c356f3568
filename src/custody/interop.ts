/**
 * Safe{Wallet} interop, pure and offline:
 *   - a proposal as a Safe Transaction Builder batch file (version "1.0", `meta.checksum` computed as the
 *     Transaction Builder computes it: keccak256 of its key-sorted serialization with `meta.name` = null);
 *   - a proposal with its verified signatures as the Safe Transaction Service's multisig-transaction body
 *     (POST /api/v1/safes/{safe}/multisig-transactions/);
 *   - a Transaction Service transaction JSON (one created in Safe{Wallet}) as a proposal for our offline
 *     review: only the SafeTx fields and the confirmations' signatures are taken; everything else in it is
 *     ignored (the review recomputes the hash and verifies each signature against your records).
 */
import { getAddress, isAddress, isHexString, keccak256, toUtf8Bytes } from "ethers";
import { UserError } from "../chain";
import { decodeMultiSendCall } from "../safe/multisend";
import { PROPOSAL_VERSION } from "./proposal";
import type { Proposal, SignatureEntry } from "./proposal";
import { safeTxHash } from "../safe/safeTx";
import type { Operation, SafeTx } from "../safe/safeTx";
import { packSignatures, sortBySigner } from "../safe/signatures";
import { deploymentForChain } from "../safe/artifacts";

export class InteropError extends UserError {}

export interface TxBuilderTransaction {
  to: string;
  value: string;
  data: string;
  contractMethod: null;
  contractInputsValues: null;
}

export interface TxBuilderBatch {
  version: "1.0";
  chainId: string;
  createdAt: number;
  meta: {
    name: string;
    description: string;
    txBuilderVersion: string;
    createdFromSafeAddress: string;
    createdFromOwnerAddress: string;
    checksum?: string;
  };
  transactions: TxBuilderTransaction[];
}

/** The Transaction Builder's serialization: object keys sorted, `undefined` as null (its lib/checksum.ts). */
export function serializeForChecksum(json: unknown): string {
  const replacer = (_k: string, v: unknown): unknown => (v === undefined ? null : v);
  if (Array.isArray(json)) return `[${json.map((el) => serializeForChecksum(el)).join(",")}]`;
  if (typeof json === "object" && json !== null) {
    const keys = Object.keys(json).sort();
    let acc = `{${JSON.stringify(keys, replacer)}`;
    for (const k of keys) acc += `${serializeForChecksum((json as Record<string, unknown>)[k])},`;
    return `${acc}}`;
  }
  return `${JSON.stringify(json, replacer)}`;
}

/** `meta.checksum` as the Transaction Builder computes it (over the file without its checksum, name nulled). */
export function txBuilderChecksum(batch: TxBuilderBatch): string {
  const { checksum: _omit, ...meta } = batch.meta;
  return keccak256(toUtf8Bytes(serializeForChecksum({ ...batch, meta: { ...meta, name: null } })));
}

/** The calls a proposal makes: the members of a MultiSendCallOnly batch, or the one call. */
function callsOf(p: Proposal): { to: string; value: bigint; data: string }[] {
  const ms = deploymentForChain("MultiSendCallOnly", p.chainId)?.address;
  if (p.safeTx.operation === 1 && ms && getAddress(p.safeTx.to) === getAddress(ms)) {
    return decodeMultiSendCall(p.safeTx.data).map((c) => ({ to: c.to, value: c.value, data: c.data }));
  }
  if (p.safeTx.operation !== 0)
    throw new InteropError(
      "the Transaction Builder cannot express a delegatecall other than a MultiSendCallOnly batch",
    );
  return [{ to: p.safeTx.to, value: p.safeTx.value, data: p.safeTx.data }];
}

/** A proposal as a Transaction Builder batch (the Builder re-batches the calls and picks the nonce itself). */
export function toTxBuilderBatch(
  p: Proposal,
  opts: { name: string; description: string; owner?: string; createdAt?: number },
): TxBuilderBatch {
  const batch: TxBuilderBatch = {
    version: "1.0",
    chainId: String(p.chainId),
    createdAt: opts.createdAt ?? Date.now(),
    meta: {
      name: opts.name,
      description: opts.description,
      txBuilderVersion: "1.16.5",
      createdFromSafeAddress: getAddress(p.safe),
      createdFromOwnerAddress: opts.owner ? getAddress(opts.owner) : "",
    },
    transactions: callsOf(p).map((c) => ({
      to: getAddress(c.to),
      value: c.value.toString(),
      data: c.data,
      contractMethod: null,
      contractInputsValues: null,
    })),
  };
  return { ...batch, meta: { ...batch.meta, checksum: txBuilderChecksum(batch) } };
}

/** Body of POST /api/v1/safes/{safe}/multisig-transactions/ (the Transaction Service). */
export interface TxServiceBody {
  to: string;
  value: string;
  data: string | null;
  operation: number;
  safeTxGas: string;
  baseGas: string;
  gasPrice: string;
  gasToken: string;
  refundReceiver: string;
  nonce: string;
  contractTransactionHash: string;
  sender: string;
  signature: string;
  origin: string | null;
}

/** The Transaction Service body for a proposal and its (already verified) signatures, sender = lowest signer. */
export function toTxServiceBody(
  p: Proposal,
  verified: readonly { signer: string; signature: string }[],
  origin = "som-reserve",
): TxServiceBody {
  if (verified.length === 0)
    throw new InteropError("the Transaction Service needs at least one owner signature: sign first");
  const t = p.safeTx;
  return {
    to: getAddress(t.to),
    value: t.value.toString(),
    data: t.data === "0x" ? null : t.data,
    operation: t.operation,
    safeTxGas: t.safeTxGas.toString(),
    baseGas: t.baseGas.toString(),
    gasPrice: t.gasPrice.toString(),
    gasToken: getAddress(t.gasToken),
    refundReceiver: getAddress(t.refundReceiver),
    nonce: t.nonce.toString(),
    contractTransactionHash: p.safeTxHash,
    sender: getAddress(sortBySigner(verified)[0].signer),
    signature: packSignatures(verified),
    origin,
  };
}

function field(o: Record<string, unknown>, k: string): unknown {
  if (!(k in o)) throw new InteropError(`Transaction Service JSON: field ${k} is missing`);
  return o[k];
}

/**
 * A Transaction Service multisig transaction (GET /api/v1/multisig-transactions/{safeTxHash}/) as a proposal
 * on `chainId` (the service's JSON does not carry it: it comes from your records). Description, summary and
 * context are empty: the review derives everything from the fields and your records.
 */
export function fromTxServiceJson(json: unknown, chainId: number, now = new Date()): Proposal {
  if (json === null || typeof json !== "object" || Array.isArray(json))
    throw new InteropError("Transaction Service JSON: not an object");
  const o = json as Record<string, unknown>;
  const str = (k: string): string => {
    const v = field(o, k);
    if (typeof v !== "string" && typeof v !== "number")
      throw new InteropError(`Transaction Service JSON: field ${k} must be a string`);
    return String(v);
  };
  const uint = (k: string): bigint => {
    const v = str(k);
    if (!/^[0-9]+$/.test(v)) throw new InteropError(`Transaction Service JSON: field ${k} must be a decimal integer`);
    return BigInt(v);
  };
  const address = (k: string, v = str(k)): string => {
    if (!isAddress(v))
      throw new InteropError(`Transaction Service JSON: field ${k} is not an address: ${JSON.stringify(v)}`);
    return getAddress(v);
  };
  const operation = Number(field(o, "operation"));
  if (operation !== 0 && operation !== 1)
    throw new InteropError("Transaction Service JSON: field operation must be 0 or 1");
  const data = field(o, "data");
  if (data !== null && (typeof data !== "string" || !isHexString(data) || data.length % 2 !== 0))
    throw new InteropError("Transaction Service JSON: field data must be 0x-hex bytes or null");
  const safeTx: SafeTx = {
    to: address("to"),
    value: uint("value"),
    data: data === null ? "0x" : String(data).toLowerCase(),
    operation: operation as Operation,
    safeTxGas: uint("safeTxGas"),
    baseGas: uint("baseGas"),
    gasPrice: uint("gasPrice"),
    gasToken: address("gasToken"),
    refundReceiver: address("refundReceiver"),
    nonce: uint("nonce"),
  };
  const safe = address("safe");
  const claimed = typeof o.safeTxHash === "string" ? o.safeTxHash.toLowerCase() : undefined;
  if (claimed && claimed !== safeTxHash(chainId, safe, safeTx)) {
    throw new InteropError(
      `Transaction Service JSON: its safeTxHash ${claimed} is not the hash of its fields on chain ${chainId} ` +
        `(another chain, or an edited file)`,
    );
  }
  const confirmations = Array.isArray(o.confirmations) ? (o.confirmations as unknown[]) : [];
  const signatures: SignatureEntry[] = confirmations
    .filter((c): c is Record<string, unknown> => c !== null && typeof c === "object")
    .filter(
      (c) =>
        typeof c.signature === "string" &&
        typeof c.owner === "string" &&
        (c.signatureType === undefined || c.signatureType === "EOA"),
    )
    .map((c) => ({
      signer: address("confirmations[].owner", String(c.owner)),
      signature: String(c.signature).toLowerCase(),
      signedAt: String(c.submissionDate ?? ""),
    }));
  return {
    version: PROPOSAL_VERSION,
    chainId,
    safe,
    nonce: safeTx.nonce,
    safeTx,
    safeTxHash: safeTxHash(chainId, safe, safeTx),
    description: "",
    summary: [],
    context: { records: [], owners: [], threshold: 0 },
    signatures,
    createdAt: now.toISOString(),
  };
}
