/**
 * The whole custodian cycle in one call, for the deployment job and tests: propose, each custodian signs
 * offline in a separate step, merge the detached signatures, execute. Composed only of the library steps
 * the CLIs use (proposeCalls, signProposal, signatureFileFor /
 * mergeSignatureFile, executeProposal); with `dir`, every step goes through files exactly as custodians do.
 */
import fs from "node:fs";
import path from "node:path";
import { getAddress } from "ethers";
import type { Provider, Signer, TransactionReceipt, Wallet } from "ethers";
import type { ContractRecord } from "../chain/records";
import { proposeCalls } from "./assemble";
import type { CallRequest } from "../chain/calls";
import { executeProposal } from "./execute";
import type { ExecutionResult } from "./execute";
import type { RiskCode } from "./policy";
import { mergeSignatureFile, readProposal, readSignatureFile, signatureFileFor, writeProposal } from "./proposal";
import type { Proposal, SignatureFile } from "./proposal";
import { signProposal } from "./review";
import { RESERVE_SAFE_RECORD, completeRecords, trustedView } from "./trusted";
import { announceCalls } from "../guard/announcements";
import { callsNeedingAnnouncement } from "../guard/calls";
import type { AnnouncedCall } from "../guard/calls";

/** The record of the Safe at `safe` (the reserve Safe's record unless another record has that address). */
function safeRecordName(records: readonly ContractRecord[], safe: string): string {
  return records.find((r) => r.safe && getAddress(r.address) === getAddress(safe))?.name ?? RESERVE_SAFE_RECORD;
}
import { UserError } from "../chain";

export class FlowError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "FlowError";
  }
}

export interface ProposeSignExecuteOptions {
  provider: Provider;
  /** Sends execTransaction (any account: the signatures authorize, not the sender). */
  executor: Signer;
  /** The Safe's address (or a record name in `records`). */
  safe: string;
  records: readonly ContractRecord[];
  /** One call, or several executed atomically through the canonical MultiSendCallOnly. */
  calls: readonly CallRequest[];
  /** Signing owners, in signing order; each reviews and signs the proposal on its own. */
  custodians: readonly Wallet[];
  /** When given: the proposal and each detached signature are written here as files, and read back. */
  dir?: string;
  description?: string;
  /** Risk findings the custodians accept (e.g. "self-call" for an owner change); none by default. */
  allow?: readonly RiskCode[];
  /** Proposal nonce; the Safe's current nonce by default. */
  nonce?: bigint;
  /**
   * The Safe's ReserveGuard: calls of the proposal that need an announcement (self-calls, guard settings,
   * delayed selectors) are announced by `announcer` (an owner) and `passDelay` returns once they are due,
   * before the custodians sign. Without it such a proposal fails its simulation, nothing sent.
   */
  guard?: FlowGuard;
  /** Called with each transaction the flow sends (announcements, execTransaction), before it is mined. */
  onSent?: (what: "announce" | "execTransaction", hash: string) => void;
}

export interface ProposeSignExecuteResult {
  /** The proposal file (signed, as executed), when `dir` was given. */
  proposalFile?: string;
  /** The detached signature files, one per custodian, when `dir` was given. */
  signatureFiles?: string[];
  safeTxHash: string;
  receipt: TransactionReceipt;
  /** The decoded summary every custodian reviewed. */
  summary: string[];
  /** Decoded events and gas of the execution. */
  execution: ExecutionResult;
}

function safeAddress(records: readonly ContractRecord[], nameOrAddress: string): string {
  const rec = records.find((r) => r.name === nameOrAddress);
  if (rec) return getAddress(rec.address);
  try {
    return getAddress(nameOrAddress);
  } catch {
    throw new FlowError(`safe "${nameOrAddress}" is neither an address nor a deployment record name`);
  }
}

/**
 * Proposes `calls` to the Safe, has each custodian sign in a separate step (a detached signature over the
 * proposal as proposed, never over another custodian's output), merges the signatures and executes.
 * Throws the library's own errors (ActionError, PolicyError, SignatureError, ExecutionError, ProposalError)
 * before anything is sent when a step would fail.
 */
export async function proposeSignExecute(o: ProposeSignExecuteOptions): Promise<ProposeSignExecuteResult> {
  if (o.calls.length === 0) throw new FlowError("no calls to propose");
  if (o.custodians.length === 0) throw new FlowError("no custodians to sign");
  const safe = safeAddress(o.records, o.safe);
  const proposed = await proposeCalls({
    provider: o.provider,
    records: o.records,
    safe,
    calls: o.calls,
    nonce: o.nonce,
    description: o.description,
  });
  const nonce = proposed.nonce;
  let proposalFile: string | undefined;
  if (o.dir) {
    fs.mkdirSync(o.dir, { recursive: true });
    proposalFile = path.join(
      o.dir,
      `safe-${safe.slice(2, 10).toLowerCase()}-nonce-${nonce}-${proposed.safeTxHash.slice(2, 10)}.json`,
    );
    if (fs.existsSync(proposalFile)) throw new FlowError(`${proposalFile} already exists`);
    writeProposal(proposalFile, proposed);
  }

  const { signatureFiles, signed, reviewed, receipt, execution } = await signAndExecute({
    provider: o.provider,
    executor: o.executor,
    proposal: proposed,
    proposalFile,
    records: o.records,
    custodians: o.custodians,
    allow: o.allow,
    guard: o.guard,
    onSent: o.onSent,
  });
  return {
    proposalFile,
    signatureFiles,
    safeTxHash: signed.safeTxHash,
    receipt,
    summary: reviewed,
    execution,
  };
}

export interface SignAndExecuteOptions {
  provider: Provider;
  executor: Signer;
  /** The proposal as proposed (unsigned, or with signatures already collected). */
  proposal: Proposal;
  /** When the proposal lives in a file, each custodian reads it from there and signs into a detached file beside it. */
  proposalFile?: string;
  /** The custodians' own records: what each review renders from (owners/tokens completed from chain where missing). */
  records: readonly ContractRecord[];
  custodians: readonly Wallet[];
  allow?: readonly RiskCode[];
  /**
   * The Safe's ReserveGuard: what needs an announcement is announced and waited out first
   * (see {@link ProposeSignExecuteOptions}).
   */
  guard?: FlowGuard;
  /** Called with each transaction the flow sends, before it is mined (see {@link ProposeSignExecuteOptions}). */
  onSent?: (what: "announce" | "execTransaction", hash: string) => void;
}

/** The ReserveGuard step of a custodian cycle: an owner announces, `passDelay` returns once the calls are due. */
export interface FlowGuard {
  address: string;
  announcer: Signer;
  passDelay: (executableAt: bigint, announced: readonly AnnouncedCall[]) => Promise<void>;
}

/**
 * Has each custodian review and sign an existing proposal in a separate step (a detached signature over
 * the proposal as proposed), merges the signatures and executes. Used by {@link proposeSignExecute}, and
 * for proposals written by other commands (the upgrade command, the deployment's hand-over to an
 * existing Safe).
 */
export async function signAndExecute(o: SignAndExecuteOptions): Promise<{
  signatureFiles?: string[];
  signed: Proposal;
  reviewed: string[];
  receipt: TransactionReceipt;
  execution: ExecutionResult;
}> {
  if (o.custodians.length === 0) throw new FlowError("no custodians to sign");
  if (o.guard) {
    const needed = callsNeedingAnnouncement(o.proposal.safe, o.guard.address, o.proposal.safeTx);
    if (needed.length > 0) {
      const announced = await announceCalls(o.guard.announcer, o.guard.address, o.proposal.safe, needed, (hash) =>
        o.onSent?.("announce", hash),
      );
      await o.guard.passDelay(
        announced.reduce((max, a) => (a.executableAt > max ? a.executableAt : max), 0n),
        needed,
      );
    }
  }
  const proposalFile = o.proposalFile;
  const completed = await completeRecords(o.provider, o.records, o.proposal.safe);
  const view = trustedView(completed, safeRecordName(completed, o.proposal.safe));
  const signatures: { file?: string; sig: SignatureFile }[] = [];
  let reviewed: string[] = [];
  for (const [i, wallet] of o.custodians.entries()) {
    const source = proposalFile ?? "proposal";
    const input: Proposal = proposalFile ? readProposal(proposalFile) : o.proposal;
    const { entry, review } = await signProposal(input, wallet, view, { allow: o.allow ?? [] }, source);
    reviewed = review.summary;
    const sig = signatureFileFor(input, entry);
    if (proposalFile) {
      const file = `${proposalFile.replace(/\.json$/, "")}.sig-${i + 1}-${entry.signer.slice(2, 10).toLowerCase()}.json`;
      fs.writeFileSync(file, `${JSON.stringify(sig, null, 2)}\n`);
      signatures.push({ file, sig });
    } else {
      signatures.push({ sig });
    }
  }
  // merge the detached signatures (from their files when written), then execute
  let signed: Proposal = proposalFile ? readProposal(proposalFile) : o.proposal;
  for (const s of signatures) {
    signed = s.file ? mergeSignatureFile(signed, readSignatureFile(s.file), s.file) : mergeSignatureFile(signed, s.sig);
  }
  if (proposalFile) writeProposal(proposalFile, signed);
  const execution = await executeProposal(o.executor, signed, view, {
    allow: o.allow ?? [],
    onSent: (hash) => o.onSent?.("execTransaction", hash),
  });
  const receipt = await o.provider.getTransactionReceipt(execution.transactionHash);
  if (!receipt) throw new FlowError(`no receipt for ${execution.transactionHash}`);
  if (!execution.success)
    throw new FlowError(
      `Safe transaction ${signed.safeTxHash} executed ` +
        `but the Safe reported ExecutionFailure (${execution.transactionHash})`,
    );
  return {
    signatureFiles: proposalFile ? signatures.map((x) => x.file as string) : undefined,
    signed,
    reviewed,
    receipt,
    execution,
  };
}
