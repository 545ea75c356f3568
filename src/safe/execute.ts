/**
 * Execution of a signed proposal: every check first (chain, hash on chain, nonce, owners, threshold, order),
 * then a simulation (eth_call of execTransaction), then the transaction; the effect is decoded from the logs.
 */
import { Contract, Interface, getAddress } from "ethers";
import type { Log, Provider, Signer } from "ethers";
import { loadSafeArtifact } from "./artifacts";
import { nameAddress } from "./decode";
import type { ProposalContext } from "./context";
import { ProposalError, verifyProposalHash } from "./proposal";
import type { Proposal } from "./proposal";
import { decodeEnvFor } from "./review";
import { packSignatures, validateSignatures } from "./signatures";

export class ExecutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExecutionError";
  }
}

/** Safe v1.4.1 error codes an execution can hit, in plain words. */
export const GS_ERRORS: Record<string, string> = {
  GS013: "the inner call reverted (and safeTxGas/gasPrice are 0): the action itself failed, e.g. a missing role or a paused token",
  GS020: "signatures data too short for the threshold",
  GS024: "invalid contract signature",
  GS025: "a signature does not match an owner for this hash (wrong nonce, wrong fields, or not an owner)",
  GS026: "a signer is not an owner, signed twice, or signatures are not sorted by ascending signer",
  GS010: "not enough gas to execute the Safe transaction",
};

export interface NonceState {
  onChain: bigint;
  proposal: bigint;
}

export function checkNonce(s: NonceState): void {
  if (s.proposal < s.onChain) {
    throw new ExecutionError(`proposal nonce ${s.proposal} is already used (Safe nonce is ${s.onChain}): it was executed or replaced; it can never run again`);
  }
  if (s.proposal > s.onChain) {
    throw new ExecutionError(`proposal nonce ${s.proposal} is ahead of the Safe nonce ${s.onChain}: execute the earlier proposal(s) first`);
  }
}

export interface ExecutionResult {
  transactionHash: string;
  gasUsed: bigint;
  success: boolean;
  /** Decoded events, one line each. */
  effects: string[];
}

function explainRevert(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const code = /GS0\d\d/.exec(msg)?.[0];
  return code ? `${code}: ${GS_ERRORS[code] ?? "see Safe error codes"}` : msg;
}

/** Safe contract (v1.4.1 ABI from the shipped artifact). */
export function safeContract(address: string, runner: Provider | Signer): Contract {
  return new Contract(address, loadSafeArtifact("Safe").abi, runner);
}

/**
 * Executes a proposal whose signatures are collected in `p.signatures`.
 * Throws ExecutionError / SignatureError / ProposalError with a readable reason before sending anything.
 */
export async function executeProposal(signer: Signer, p: Proposal): Promise<ExecutionResult> {
  const provider = signer.provider;
  if (!provider) throw new ExecutionError("the executor has no provider");
  const chainId = Number((await provider.getNetwork()).chainId);
  if (chainId !== p.chainId) throw new ExecutionError(`proposal is for chain ${p.chainId}, connected to chain ${chainId}`);
  verifyProposalHash(p);
  const safe = safeContract(p.safe, signer);
  const tx = p.safeTx;
  const fields = [tx.to, tx.value, tx.data, tx.operation, tx.safeTxGas, tx.baseGas, tx.gasPrice, tx.gasToken, tx.refundReceiver];
  checkNonce({ onChain: BigInt(await safe.getFunction("nonce").staticCall()), proposal: tx.nonce });
  const onChainHash = (await safe.getFunction("getTransactionHash").staticCall(...fields, tx.nonce)) as string;
  if (onChainHash.toLowerCase() !== p.safeTxHash.toLowerCase()) {
    throw new ProposalError(`the Safe computes hash ${onChainHash} for these fields, the file says ${p.safeTxHash}`);
  }
  const owners = (await safe.getFunction("getOwners").staticCall()) as string[];
  const threshold = Number(await safe.getFunction("getThreshold").staticCall());
  const sorted = validateSignatures(p.safeTxHash, p.signatures, owners, threshold);
  const packed = packSignatures(sorted);
  let ok: boolean;
  try {
    ok = (await safe.getFunction("execTransaction").staticCall(...fields, packed)) as boolean;
  } catch (e) {
    throw new ExecutionError(`simulation failed, nothing was sent: ${explainRevert(e)}`);
  }
  if (!ok) throw new ExecutionError("simulation: the Safe would record ExecutionFailure (inner call failed); nothing was sent");
  const sent = (await safe.getFunction("execTransaction")(...fields, packed)) as { hash: string; wait(): Promise<{ status: number | null; gasUsed: bigint; logs: readonly Log[] } | null> };
  const receipt = await sent.wait();
  if (!receipt) throw new ExecutionError(`no receipt for ${sent.hash}`);
  const env = decodeEnvFor(p);
  return {
    transactionHash: sent.hash,
    gasUsed: receipt.gasUsed,
    success: receipt.status === 1 && receipt.logs.some((l) => isSafeEvent(l, p.safe, "ExecutionSuccess")),
    effects: receipt.logs.map((l) => describeLog(l, p.context, (a) => nameAddress(env, a), p.safe)),
  };
}

const safeInterface = (): Interface => new Interface(loadSafeArtifact("Safe").abi);

function isSafeEvent(log: Log, safe: string, name: string): boolean {
  if (getAddress(log.address) !== getAddress(safe)) return false;
  const parsed = safeInterface().parseLog({ topics: [...log.topics], data: log.data });
  return parsed?.name === name;
}

/** "SomStablecoin: Transfer(from = …, to = …, value = …)" for a log, using the context ABIs. */
export function describeLog(log: Log, ctx: ProposalContext, name: (a: string) => string, safe: string): string {
  const addr = getAddress(log.address);
  const rec = ctx.records.find((r) => getAddress(r.address) === addr);
  const iface = addr === getAddress(safe) ? safeInterface() : rec ? new Interface(rec.abi as never) : undefined;
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
