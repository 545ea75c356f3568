/**
 * Offline review and signing of a proposal file: recompute the hash, re-decode the calldata from the
 * embedded ABIs (never trusting the file's summary), compare with local deployment records when given,
 * run the risk policy, then sign the EIP-712 SafeTx. No network access.
 */
import { getAddress } from "ethers";
import type { Wallet } from "ethers";
import type { ContractRecord } from "../deploy/records";
import { LOCAL_CHAIN_IDS, deploymentForChain } from "./artifacts";
import { decodeSafeTx, summarizeSafeTx } from "./decode";
import type { DecodeEnv, DecodedCall } from "./decode";
import { checkPolicy, enforcePolicy } from "./policy";
import type { Finding, RiskCode } from "./policy";
import { ProposalError, addSignature, verifyProposalHash } from "./proposal";
import type { Proposal, SignatureEntry } from "./proposal";
import { signSafeTx } from "./safeTx";

export interface Review {
  /** Summary decoded here, from the calldata and ABIs (what the custodian must read). */
  summary: string[];
  decoded: DecodedCall;
  findings: Finding[];
  /** Signers already in the file. */
  signedBy: string[];
}

/** The decode environment of a proposal: the chain's canonical MultiSendCallOnly comes from safe-deployments. */
export function decodeEnvFor(p: Proposal): DecodeEnv {
  const ms = deploymentForChain("MultiSendCallOnly", p.chainId);
  return { chainId: p.chainId, safe: p.safe, multiSendCallOnly: ms?.address, context: p.context };
}

/**
 * Reviews a proposal. Throws (no override possible) when the hash does not match the fields, when the
 * embedded summary disagrees with the decoding, or when embedded records disagree with `localRecords`.
 */
export function reviewProposal(p: Proposal, source = "proposal", localRecords?: readonly ContractRecord[]): Review {
  verifyProposalHash(p, source);
  if (!LOCAL_CHAIN_IDS.includes(p.chainId) && !deploymentForChain("MultiSendCallOnly", p.chainId)) {
    throw new ProposalError(`${source}: chain ${p.chainId} has no canonical Safe v1.4.1 deployment; refusing`);
  }
  if (localRecords) checkAgainstLocalRecords(p, localRecords, source);
  const env = decodeEnvFor(p);
  const summary = summarizeSafeTx(env, p.safeTx);
  if (JSON.stringify(summary) !== JSON.stringify(p.summary)) {
    throw new ProposalError(
      `${source}: the summary written in the file does not match what its calldata decodes to; ` +
        "someone edited the file or it was built by another tool: do not sign. Decoded:\n" + summary.join("\n"),
    );
  }
  const decoded = decodeSafeTx(env, p.safeTx);
  return { summary, decoded, findings: checkPolicy(p.safeTx, decoded), signedBy: p.signatures.map((s) => s.signer) };
}

function checkAgainstLocalRecords(p: Proposal, local: readonly ContractRecord[], source: string): void {
  for (const r of p.context.records) {
    const mine = local.find((l) => l.name === r.name);
    if (!mine) throw new ProposalError(`${source}: record ${r.name} is not in your local deployment records`);
    if (getAddress(mine.address) !== getAddress(r.address)) {
      throw new ProposalError(`${source}: record ${r.name} is at ${r.address} in the file but at ${mine.address} in your records`);
    }
  }
}

export interface SignOptions {
  allow?: readonly RiskCode[];
  now?: Date;
}

/**
 * Reviews, enforces the policy (refusing unless every finding is explicitly allowed), and signs.
 * Returns the updated proposal and the new signature entry.
 */
export async function signProposal(
  p: Proposal,
  wallet: Wallet,
  opts: SignOptions = {},
  source = "proposal",
  localRecords?: readonly ContractRecord[],
): Promise<{ proposal: Proposal; entry: SignatureEntry; review: Review }> {
  const review = reviewProposal(p, source, localRecords);
  enforcePolicy(review.findings, opts.allow ?? []);
  const signer = getAddress(wallet.address);
  if (p.signatures.some((s) => getAddress(s.signer) === signer)) throw new ProposalError(`${signer} has already signed ${source}`);
  const signature = await signSafeTx(wallet, p.chainId, p.safe, p.safeTx);
  const entry: SignatureEntry = { signer, signature, signedAt: (opts.now ?? new Date()).toISOString() };
  return { proposal: addSignature(p, entry), entry, review };
}

/** Plain text of findings for the terminal. */
export function describeFindings(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return ["Risk checks: none triggered."];
  return [
    "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
    "!!  WARNING: THIS TRANSACTION IS NOT A ROUTINE ONE. READ EVERY LINE.  !!",
    "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
    ...findings.map((f) => `  [${f.code}] ${f.where}: ${f.message}`),
  ];
}
