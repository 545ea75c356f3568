/**
 * Offline review and signing of a proposal file. What the custodian is shown is derived ONLY from
 * (a) the SafeTx fields the signature covers (hash recomputed here) and (b) the custodian's own
 * deployment records ({@link TrustedView}). The file's summary, description and context (ABIs,
 * decimals, symbols, labels, owners, threshold) are never used to render anything; its existing
 * signatures are verified (recovered over the recomputed hash, checked against the recorded owners)
 * before they are listed or counted. The same review and policy run in `sign`, `--import-signature`
 * and `execute`. No network access.
 *
 * Extension point: {@link ReviewExtension} functions add findings and lines (e.g. a guard's
 * announcement state) without changing this pipeline.
 */
import { getAddress } from "ethers";
import type { Wallet } from "ethers";
import { LOCAL_CHAIN_IDS, deploymentForChain } from "../safe/artifacts";
import { counterpartyLines } from "./counterparties";
import { decodeSafeTx } from "./decode";
import { summarizeSafeTx } from "./describe";
import type { DecodeEnv, DecodedCall } from "./decode";
import { eip712Hashes } from "../safe/hashes";
import type { SafeTxHashes } from "../safe/hashes";
import { checkPolicy, enforcePolicy } from "./policy";
import type { Finding, RiskCode } from "./policy";
import { ProposalError, verifyProposalHash } from "./proposal";
import type { Proposal, SignatureEntry } from "./proposal";
import { recoverSafeTxSigner, signSafeTx } from "../safe/safeTx";
import type { TrustedView } from "./trusted";

export interface VerifiedSignature {
  signer: string;
  /** The owner's label from the records. */
  label: string;
  signature: string;
}

export interface ForgedSignature {
  /** Who the file claims signed. */
  claimed: string;
  /** Who the signature actually recovers to over this transaction's hash (if it parses). */
  recovered?: string;
  why: string;
}

export interface Review {
  /** The proposal reviewed (as read: its signatures not yet filtered). */
  proposal: Proposal;
  /** Where it was read from, for messages ("proposal" or its file). */
  source: string;
  /** Summary decoded here, from the signed fields and the custodian's records (what the custodian must read). */
  summary: string[];
  decoded: DecodedCall;
  findings: Finding[];
  /** Signatures in the file that recover to a recorded owner over the recomputed hash. */
  verified: VerifiedSignature[];
  /** Signatures in the file that do not (reported, never counted). */
  forged: ForgedSignature[];
  /** Lines about what the file claims but this review ignores (e.g. an edited summary). */
  notes: string[];
  hashes: SafeTxHashes;
  /** Owners and threshold the review used (from the records). */
  threshold: number;
}

/** Extra checks run after the built-in ones (same findings/lines shape). */
export type ReviewExtension = (p: Proposal, view: TrustedView, review: Review) => void;

const extensions: ReviewExtension[] = [];

/** Registers a review extension (e.g. a guard announcement check); run by every review. */
export function registerReviewExtension(ext: ReviewExtension): void {
  extensions.push(ext);
}

/** The decode environment of a proposal from the custodian's records (the file's context is ignored). */
export function decodeEnvFor(p: Proposal, view: TrustedView): DecodeEnv {
  const ms = deploymentForChain("MultiSendCallOnly", p.chainId);
  // the file's preimages are only texts whose keccak256 is checked at use: they cannot mislabel a hash
  const context = { ...view.context, ...(p.context.preimages ? { preimages: p.context.preimages } : {}) };
  return { chainId: p.chainId, safe: p.safe, multiSendCallOnly: ms?.address, context };
}

function collectDecodeErrors(call: DecodedCall, where: string, out: string[]): void {
  if (call.error && call.kind !== "unknown") out.push(`${where}: ${call.error}`);
  call.inner?.forEach((c, i) => collectDecodeErrors(c, `batch call #${i + 1}`, out));
}

/** Checks each signature listed in the file against the recomputed hash and the recorded owners. */
export function verifySignatures(
  p: Proposal,
  hash: string,
  view: TrustedView,
): { verified: VerifiedSignature[]; forged: ForgedSignature[] } {
  const verified: VerifiedSignature[] = [];
  const forged: ForgedSignature[] = [];
  for (const s of p.signatures) {
    let recovered: string | undefined;
    try {
      recovered = recoverSafeTxSigner(hash, s.signature);
    } catch {
      forged.push({ claimed: s.signer, why: "not a valid 65-byte signature" });
      continue;
    }
    const owner = view.owners.find((o) => o.address === recovered);
    if (recovered !== getAddress(s.signer))
      forged.push({ claimed: s.signer, recovered, why: `recovers to ${recovered}, not to the claimed signer` });
    else if (!owner) forged.push({ claimed: s.signer, recovered, why: "not an owner in your records" });
    else if (verified.some((v) => v.signer === recovered))
      forged.push({ claimed: s.signer, recovered, why: "listed twice" });
    else verified.push({ signer: recovered, label: owner.label, signature: s.signature });
  }
  return { verified, forged };
}

/**
 * Reviews a proposal against the custodian's records. Throws (no override possible) when the hash does
 * not match the fields, or the calldata of a known contract does not decode exactly. Findings (risk codes)
 * cover another Safe or chain than the records', unknown targets, refunds, delegatecalls and the like.
 */
export function reviewProposal(p: Proposal, view: TrustedView, source = "proposal"): Review {
  const hashes = eip712Hashes(p.chainId, p.safe, p.safeTx);
  verifyProposalHash(p, source, hashes.safeTxHash);
  if (!LOCAL_CHAIN_IDS.includes(p.chainId) && !deploymentForChain("MultiSendCallOnly", p.chainId)) {
    throw new ProposalError(`${source}: chain ${p.chainId} has no canonical Safe v1.4.1 deployment; refusing`);
  }
  const env = decodeEnvFor(p, view);
  const decoded = decodeSafeTx(env, p.safeTx);
  const decodeErrors: string[] = [];
  collectDecodeErrors(decoded, "transaction", decodeErrors);
  if (decodeErrors.length > 0) {
    throw new ProposalError(
      `${source}: the calldata does not decode exactly against your records, refusing: ${decodeErrors.join("; ")}`,
    );
  }
  const findings = checkPolicy(p.safeTx, decoded);
  if (p.chainId !== view.chainId) {
    findings.unshift({
      code: "wrong-chain",
      where: "transaction",
      message: `the file is for chain ${p.chainId}; your records are for chain ${view.chainId}`,
    });
  }
  if (getAddress(p.safe) !== view.safe) {
    findings.unshift({
      code: "wrong-safe",
      where: "transaction",
      message: `Safe ${getAddress(p.safe)} is NOT your records' reserve Safe ${view.safe}`,
    });
  }
  const summary = summarizeSafeTx(env, p.safeTx, decoded);
  if (getAddress(p.safe) !== view.safe)
    summary[0] = `${summary[0]}  <-- NOT THE RESERVE SAFE OF YOUR RECORDS (${view.safe})`;
  const notes: string[] = [];
  if (JSON.stringify(summary) !== JSON.stringify(p.summary)) {
    notes.push(
      "The file's own summary text differs from this decoding: it is ignored (claimed by the file, not verified).",
    );
  }
  const { verified, forged } = verifySignatures(p, p.safeTxHash, view);
  const review: Review = {
    proposal: p,
    source,
    summary,
    decoded,
    findings,
    verified,
    forged,
    notes,
    hashes,
    threshold: view.threshold,
  };
  const impl = implementationLines(decoded, view, findings);
  review.summary.push(...impl);
  review.summary.push(...counterpartyLines(decoded, view, p.safe, Math.floor(Date.now() / 1000)));
  for (const ext of extensions) ext(p, view, review);
  return review;
}

const UPGRADE_FNS = new Set(["upgradeToAndCall", "upgradeTo"]);

/** For upgrade calls: the new implementation's recorded contract name, runtime code hash and storage-layout verdict. */
function implementationLines(
  call: DecodedCall,
  view: TrustedView,
  findings: Finding[],
  where = "transaction",
): string[] {
  const lines: string[] = [];
  if (call.functionName && UPGRADE_FNS.has(call.functionName) && call.kind === "record") {
    const implArg = /0x[0-9a-fA-F]{40}/.exec(call.args[0]?.text ?? "")?.[0];
    const rec = implArg
      ? view.records.find((r) => r.preparedImplementation && getAddress(r.address) === getAddress(implArg))
      : undefined;
    if (rec?.preparedImplementation) {
      lines.push(
        `New implementation ${getAddress(rec.address)}: contract ${rec.preparedImplementation.contractName}`,
        `  runtime code hash ${rec.preparedImplementation.runtimeCodeHash}`,
        `  storage layout: ${rec.preparedImplementation.storageLayout}`,
      );
    } else {
      lines.push(
        `New implementation ${implArg ?? "?"}: ` +
          `NOT IN YOUR RECORDS (contract name, code hash and storage layout unknown)`,
      );
      findings.push({
        code: "unverified-implementation",
        where,
        message: `implementation ${implArg ?? "?"} was not prepared by \`npm run upgrade\` in your records`,
      });
    }
  }
  call.inner?.forEach((c, i) => lines.push(...implementationLines(c, view, findings, `batch call #${i + 1}`)));
  return lines;
}

/** Lines printed by sign, execute and review: summary, the three EIP-712 hashes, findings, signatures. */
export function describeReview(r: Review): string[] {
  return [
    "=== WHAT YOU ARE SIGNING (decoded here from the signed fields and YOUR records) ===",
    ...r.summary,
    "",
    ...describeHashes(r.hashes),
    ...describeFindings(r.findings),
    `Verified signatures: ${r.verified.length} of threshold ${r.threshold}` +
      `${r.verified.map((v) => `\n  ${v.signer} (${v.label})`).join("")}`,
    ...r.forged.map((f) => `FORGED signature claimed by ${f.claimed}: ${f.why} (ignored)`),
    ...r.notes,
  ];
}

/** The three figures a hardware wallet shows when blind-signing a Safe transaction. */
export function describeHashes(h: SafeTxHashes): string[] {
  return [`Domain hash:  ${h.domainHash}`, `Message hash: ${h.messageHash}`, `SafeTx hash:  ${h.safeTxHash}`];
}

export interface SignOptions {
  allow?: readonly RiskCode[];
  now?: Date;
}

/** Refuses keys that are not recorded owners, and owners whose verified signature is already there. */
export function checkSigner(review: Review, view: TrustedView, signer: string, source: string): void {
  const a = getAddress(signer);
  if (!view.owners.some((o) => o.address === a)) {
    throw new ProposalError(
      `${a} is not an owner of the reserve Safe in your records ` +
        `(owners: ${view.owners.map((o) => o.address).join(", ")}); refusing`,
    );
  }
  if (review.verified.some((v) => v.signer === a)) throw new ProposalError(`${a} has already signed ${source}`);
}

/**
 * Reviews, enforces the policy (refusing unless every finding is explicitly allowed), checks the key is an
 * owner, and signs. Forged signatures in the file are dropped from the returned proposal.
 */
export async function signProposal(
  p: Proposal,
  wallet: Wallet,
  view: TrustedView,
  opts: SignOptions = {},
  source = "proposal",
): Promise<{ proposal: Proposal; entry: SignatureEntry; review: Review }> {
  return signReviewed(reviewProposal(p, view, source), wallet, view, opts);
}

/** {@link signProposal} for a proposal already reviewed (a command reviews once and prints from that one result). */
export async function signReviewed(
  review: Review,
  wallet: Wallet,
  view: TrustedView,
  opts: SignOptions = {},
): Promise<{ proposal: Proposal; entry: SignatureEntry; review: Review }> {
  const p = review.proposal;
  enforcePolicy(review.findings, opts.allow ?? []);
  checkSigner(review, view, wallet.address, review.source);
  const signature = await signSafeTx(wallet, p.chainId, p.safe, p.safeTx);
  const entry: SignatureEntry = {
    signer: getAddress(wallet.address),
    signature,
    signedAt: (opts.now ?? new Date()).toISOString(),
  };
  return { proposal: withVerifiedSignatures(p, review, entry), entry, review };
}

/** The proposal with only its verified signatures, plus `entry`. */
export function withVerifiedSignatures(p: Proposal, review: Review, entry?: SignatureEntry): Proposal {
  const kept = p.signatures.filter((s) =>
    review.verified.some((v) => v.signer === getAddress(s.signer) && v.signature === s.signature),
  );
  return { ...p, signatures: entry ? [...kept, entry] : kept };
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
