/**
 * Execution of a signed proposal: every check first (chain, hash on chain, nonce, owners, threshold, order),
 * then a simulation (eth_call of execTransaction), then the transaction; the effect is decoded from the logs.
 */
import { interfaceOf } from "../chain/interfaces";
import { Contract, Interface, getAddress } from "ethers";
import type { InterfaceAbi, Log, Provider, Signer } from "ethers";
import { loadSafeArtifact } from "../safe/artifacts";
import { nameAddress } from "./format";
import type { ProposalContext } from "./context";
import { ProposalError } from "./proposal";
import type { Proposal } from "./proposal";
import { decodeEnvFor, reviewProposal } from "./review";
import type { Review } from "./review";
import { enforcePolicy } from "./policy";
import type { RiskCode } from "./policy";
import type { TrustedView } from "./trusted";
import { RpcTimeoutError, withTimeout } from "../chain";
import { describeRevert, revertDataOf } from "../chain/chainErrors";
import type { ContractRecord } from "../chain/records";
import { packSignatures, validateSignatures } from "../safe/signatures";
import { UserError } from "../chain";

export class ExecutionError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "ExecutionError";
  }
}

/** Safe v1.4.1 error codes an execution can hit, in plain words. */
export const GS_ERRORS: Record<string, string> = {
  GS013:
    "the inner call reverted (and safeTxGas/gasPrice are 0): " +
    "the action itself failed, e.g. a missing role or a paused token",
  GS020: "signatures data too short for the threshold",
  GS024: "invalid contract signature",
  GS025: "an approved-hash signature of an owner who has not approved this hash (approveHash) nor sent the transaction",
  GS026:
    "a signer is not an owner (a signature over another nonce or other fields recovers a stranger), " +
    "signed twice, or signatures are not sorted by ascending signer",
  GS010: "not enough gas to execute the Safe transaction",
};

export interface NonceState {
  onChain: bigint;
  proposal: bigint;
}

export function checkNonce(s: NonceState): void {
  if (s.proposal < s.onChain) {
    throw new ExecutionError(
      `proposal nonce ${s.proposal} is already used (Safe nonce is ${s.onChain}): ` +
        `it was executed or replaced; it can never run again`,
    );
  }
  if (s.proposal > s.onChain) {
    throw new ExecutionError(
      `proposal nonce ${s.proposal} is ahead of the Safe nonce ${s.onChain}: execute the earlier proposal(s) first`,
    );
  }
}

export interface ExecutionResult {
  transactionHash: string;
  gasUsed: bigint;
  success: boolean;
  /** The verified summary (re-derived from the signed fields and the executor's records). */
  summary: string[];
  /** Decoded events, one line each. */
  effects: string[];
}

/**
 * A Safe error code with its meaning; else the custom error decoded with the executor's records when the node gave
 * only its raw data (anvil: "custom error 0x5eaaaabe: …"; Hardhat's node names it itself); else the node's message.
 */
function explainRevert(e: unknown, records: readonly ContractRecord[]): string {
  const msg = e instanceof Error ? e.message : String(e);
  const code = /GS0\d\d/.exec(msg)?.[0];
  if (code) return `${code}: ${GS_ERRORS[code] ?? "see Safe error codes"}`;
  if (/custom error '/.test(msg) || revertDataOf(e) === undefined) return msg;
  const decoded = describeRevert(
    e,
    records.map((r) => interfaceOf(r.abi as InterfaceAbi)),
  );
  return decoded === msg ? msg : `execution reverted: ${decoded}`;
}

/** Safe contract (v1.4.1 ABI from the shipped artifact). */
export function safeContract(address: string, runner: Provider | Signer): Contract {
  return new Contract(address, loadSafeArtifact("Safe").abi, runner);
}

export interface ExecuteOptions {
  /** Risk findings the executor accepts: the same codes and flags as `sign`. */
  allow?: readonly RiskCode[];
  /** RPC timeout per call (ms). */
  timeoutMs?: number;
  /** Called once execTransaction is sent, before its receipt is awaited (progress logs). */
  onSent?: (hash: string) => void;
}

/**
 * Executes a proposal whose signatures are collected in `p.signatures`, after the SAME review and policy as
 * `sign` against the executor's records (`view`): the summary is re-derived, forged signatures are dropped.
 * Throws ExecutionError / SignatureError / ProposalError / PolicyError with a readable reason before sending anything.
 */
export async function executeProposal(
  signer: Signer,
  p: Proposal,
  view: TrustedView,
  opts: ExecuteOptions = {},
): Promise<ExecutionResult> {
  return executeReviewed(signer, reviewProposal(p, view), view, opts);
}

/**
 * {@link executeProposal} for a proposal already reviewed by {@link reviewProposal} (hash recomputed, calldata
 * decoded, signatures verified): a command reviews once, prints that review, then executes from it.
 */
export async function executeReviewed(
  signer: Signer,
  review: Review,
  view: TrustedView,
  opts: ExecuteOptions = {},
): Promise<ExecutionResult> {
  const p = review.proposal;
  enforcePolicy(review.findings, opts.allow ?? []);
  const t = <T>(x: Promise<T>, what: string, ms = opts.timeoutMs): Promise<T> => withTimeout(x, what, ms);
  const provider = signer.provider;
  if (!provider) throw new ExecutionError("the executor has no provider");
  const chainId = Number((await t(provider.getNetwork(), "eth_chainId")).chainId);
  if (chainId !== p.chainId)
    throw new ExecutionError(`proposal is for chain ${p.chainId}, connected to chain ${chainId}`);
  const safe = safeContract(p.safe, signer);
  const tx = p.safeTx;
  const fields = [
    tx.to,
    tx.value,
    tx.data,
    tx.operation,
    tx.safeTxGas,
    tx.baseGas,
    tx.gasPrice,
    tx.gasToken,
    tx.refundReceiver,
  ];
  checkNonce({
    onChain: BigInt(await t(safe.getFunction("nonce").staticCall() as Promise<bigint>, "Safe nonce()")),
    proposal: tx.nonce,
  });
  const onChainHash = await t(
    safe.getFunction("getTransactionHash").staticCall(...fields, tx.nonce) as Promise<string>,
    "Safe getTransactionHash()",
  );
  if (onChainHash.toLowerCase() !== p.safeTxHash.toLowerCase()) {
    throw new ProposalError(`the Safe computes hash ${onChainHash} for these fields, the file says ${p.safeTxHash}`);
  }
  const owners = await t(safe.getFunction("getOwners").staticCall() as Promise<string[]>, "Safe getOwners()");
  const threshold = Number(
    await t(safe.getFunction("getThreshold").staticCall() as Promise<bigint>, "Safe getThreshold()"),
  );
  const sorted = validateSignatures(p.safeTxHash, review.verified, owners, threshold);
  const packed = packSignatures(sorted);
  let ok: boolean;
  try {
    ok = await t(
      safe.getFunction("execTransaction").staticCall(...fields, packed) as Promise<boolean>,
      "simulation of execTransaction",
    );
  } catch (e) {
    if (e instanceof RpcTimeoutError) throw e;
    throw new ExecutionError(`simulation failed, nothing was sent: ${explainRevert(e, view.records)}`);
  }
  if (!ok)
    throw new ExecutionError(
      "simulation: the Safe would record ExecutionFailure (inner call failed); nothing was sent",
    );
  const sent = await t(
    safe.getFunction("execTransaction")(...fields, packed) as Promise<{
      hash: string;
      wait(): Promise<{ status: number | null; gasUsed: bigint; logs: readonly Log[] } | null>;
    }>,
    "sending execTransaction",
  );
  opts.onSent?.(sent.hash);
  const receipt = await t(sent.wait(), `receipt of ${sent.hash}`, 120_000);
  if (!receipt) throw new ExecutionError(`no receipt for ${sent.hash}`);
  const env = decodeEnvFor(p, view);
  return {
    transactionHash: sent.hash,
    gasUsed: receipt.gasUsed,
    success: receipt.status === 1 && receipt.logs.some((l) => isSafeEvent(l, p.safe, "ExecutionSuccess")),
    summary: review.summary,
    effects: receipt.logs.map((l) => describeLog(l, env.context, (a) => nameAddress(env, a), p.safe)),
  };
}

const safeInterface = (): Interface => interfaceOf(loadSafeArtifact("Safe").abi);

function isSafeEvent(log: Log, safe: string, name: string): boolean {
  if (getAddress(log.address) !== getAddress(safe)) return false;
  const parsed = safeInterface().parseLog({ topics: [...log.topics], data: log.data });
  return parsed?.name === name;
}

/** "SomStablecoin: Transfer(from = …, to = …, value = …)" for a log, using the context ABIs. */
export function describeLog(log: Log, ctx: ProposalContext, name: (a: string) => string, safe: string): string {
  const addr = getAddress(log.address);
  const rec = ctx.records.find((r) => getAddress(r.address) === addr);
  const iface = addr === getAddress(safe) ? safeInterface() : rec ? interfaceOf(rec.abi as never) : undefined;
  const label = addr === getAddress(safe) ? "Safe" : rec ? rec.name : addr;
  const parsed = iface?.parseLog({ topics: [...log.topics], data: log.data });
  if (!parsed) return `${label}: undecoded event ${log.topics[0] ?? ""}`;
  const args = parsed.fragment.inputs.map((inp, i) => {
    const v = parsed.args[i] as unknown;
    const text = inp.type === "address" ? name(v as string) : String(v);
    return `${inp.name} = ${text}`;
  });
  return `${label}: ${parsed.name}(${args.join(", ")})`;
}
