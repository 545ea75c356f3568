/**
 * Proposal assembly: records + calls -> context -> encoded calls -> one SafeTx (a plain call or a
 * MultiSendCallOnly batch) at the Safe's nonce -> a Proposal with its hash and decoded summary (proposeCalls).
 */
import { Contract, getAddress } from "ethers";
import type { Provider } from "ethers";
import type { ContractRecord } from "../chain/records";
import type { CallRequest } from "../chain/calls";
import { withTimeout } from "../chain";
import { deploymentForChain, loadSafeArtifact } from "../safe/artifacts";
import type { InnerCall } from "../safe/multisend";
import { encodeMultiSendCall } from "../safe/multisend";
import { OPERATION_CALL, OPERATION_DELEGATECALL, buildSafeTx, safeTxHash } from "../safe/safeTx";
import { ActionError } from "./catalog";
import type { ProposalContext } from "./context";
import { summarizeSafeTx } from "./describe";
import { buildCall } from "./encode";
import { PROPOSAL_VERSION } from "./proposal";
import type { Proposal } from "./proposal";
import { completeRecords, contextRecord, labelOwners, readSafeOwners } from "./trusted";

export interface AssembleOptions {
  chainId: number;
  safe: string;
  nonce: bigint;
  calls: readonly InnerCall[];
  context: ProposalContext;
  /** Canonical MultiSendCallOnly (required for batches). */
  multiSendCallOnly?: string;
  description: string;
  now?: Date;
}

/** One call becomes a plain call; several become one delegatecall to the canonical MultiSendCallOnly. */
export function assembleProposal(o: AssembleOptions): Proposal {
  if (o.calls.length === 0) throw new ActionError("nothing to propose");
  let safeTx;
  if (o.calls.length === 1) {
    const c = o.calls[0];
    safeTx = buildSafeTx({ to: c.to, data: c.data, value: c.value, operation: OPERATION_CALL, nonce: o.nonce });
  } else {
    if (!o.multiSendCallOnly) throw new ActionError("a batch needs the canonical MultiSendCallOnly of this chain");
    safeTx = buildSafeTx({
      to: o.multiSendCallOnly,
      data: encodeMultiSendCall(o.calls),
      operation: OPERATION_DELEGATECALL,
      nonce: o.nonce,
    });
  }
  const env = { chainId: o.chainId, safe: o.safe, multiSendCallOnly: o.multiSendCallOnly, context: o.context };
  return {
    version: PROPOSAL_VERSION,
    chainId: o.chainId,
    safe: getAddress(o.safe),
    nonce: o.nonce,
    safeTx,
    safeTxHash: safeTxHash(o.chainId, o.safe, safeTx),
    description: o.description,
    summary: summarizeSafeTx(env, safeTx),
    context: o.context,
    signatures: [],
    createdAt: (o.now ?? new Date()).toISOString(),
  };
}

/**
 * Builds the context from deployment records at proposal time, exactly as a signer renders it from its
 * records: token metadata and the Safe's owners/threshold from the records, completed from chain where a
 * record lacks them (never assumed).
 */
export async function loadProposalContext(
  provider: Provider,
  records: readonly ContractRecord[],
  safe: string,
): Promise<ProposalContext> {
  const completed = await completeRecords(provider, records, safe);
  const safeRec = completed.find((r) => getAddress(r.address) === getAddress(safe))?.safe;
  const fromChain = safeRec ? undefined : await readSafeOwners(provider, safe);
  const owners = safeRec ? safeRec.owners : labelOwners(fromChain?.owners ?? []);
  return {
    records: completed.map(contextRecord),
    owners: owners.map((o) => getAddress(o.address)),
    threshold: safeRec?.threshold ?? fromChain?.threshold ?? 0,
    ownerLabels: owners.map((o) => o.label),
  };
}

export interface ProposeCallsOptions {
  provider: Provider;
  /**
   * The deployment records: ABIs to encode with, token units, the Safe's owners (completed from chain where missing).
   */
  records: readonly ContractRecord[];
  /** The Safe: a record name (default "ReserveSafe") or an address. */
  safe?: string;
  /** Requests in human form (encoded with the records' ABIs) or calls already encoded; several become one batch. */
  calls: readonly (CallRequest | InnerCall)[];
  /** The Safe's current nonce (read from chain) unless given. */
  nonce?: bigint;
  /** Default: "<action> on <record>" of each request, joined by " + ". */
  description?: string;
  /** The batch's MultiSendCallOnly; default the chain's canonical one. */
  multiSendCallOnly?: string;
}

function isInnerCall(c: CallRequest | InnerCall): c is InnerCall {
  return typeof (c as InnerCall).data === "string" && typeof (c as InnerCall).to === "string";
}

/** The Safe's address: a record of that name, else the address itself. */
function safeAddressOf(records: readonly ContractRecord[], safe: string): string {
  const rec = records.find((r) => r.name === safe);
  if (rec) return getAddress(rec.address);
  if (/^0x[0-9a-fA-F]{40}$/.test(safe)) return getAddress(safe);
  throw new ActionError(`no record "${safe}" in your deployment records`);
}

/**
 * THE proposal assembly of the custodian workflow: records + calls -> context (token units, owners, read
 * from chain where the records lack them) -> each request encoded with its record's ABI -> one call or a
 * MultiSendCallOnly batch as a SafeTx at the Safe's nonce -> a Proposal with its hash and decoded summary.
 * Used by `safe:propose`, the main job's cycle (./flow.ts), `upgrade` and `reserve:bitcoin`; every RPC call
 * bounded by a timeout.
 */
export async function proposeCalls(o: ProposeCallsOptions): Promise<Proposal> {
  const safe = safeAddressOf(o.records, o.safe ?? "ReserveSafe");
  const chainId = Number((await withTimeout(o.provider.getNetwork(), "eth_chainId")).chainId);
  const context = await loadProposalContext(o.provider, o.records, safe);
  const nonce = o.nonce ?? (await withTimeout(currentNonce(o.provider, safe), "Safe nonce()"));
  const calls = o.calls.map((c) => (isInnerCall(c) ? c : buildCall(context, c)));
  const requests = o.calls.filter((c): c is CallRequest => !isInnerCall(c));
  return assembleProposal({
    chainId,
    safe,
    nonce,
    calls,
    context,
    multiSendCallOnly: o.multiSendCallOnly ?? deploymentForChain("MultiSendCallOnly", chainId)?.address,
    description: o.description ?? requests.map((r) => `${r.action ?? r.fn} on ${r.contract}`).join(" + "),
  });
}

/** The Safe's current nonce. */
export async function currentNonce(provider: Provider, safe: string): Promise<bigint> {
  return BigInt(await new Contract(safe, loadSafeArtifact("Safe").abi, provider).getFunction("nonce").staticCall());
}
