/**
 * Safe status: chain id, owners, threshold, nonce (read from chain, every call with a timeout), and the
 * proposal files of a folder with their SafeTx hash and VERIFIED signature counts (signatures in the file
 * and detached signature files beside it, each recovered over the recomputed hash and checked against the
 * on-chain owners). A proposal whose nonce was consumed by this exact hash is EXECUTED (or FAILED when the
 * Safe recorded ExecutionFailure); by another transaction, STALE.
 */
import fs from "node:fs";
import path from "node:path";
import { Contract, getAddress, id } from "ethers";
import type { Provider } from "ethers";
import { withTimeout } from "../chain";
import { mergeSignatureFile, readProposal, readSignatureFile, verifyProposalHash } from "./proposal";
import type { Proposal } from "./proposal";
import { recoverSafeTxSigner } from "../safe/safeTx";
import { readSafeOwners } from "./trusted";

export interface PendingProposal {
  file: string;
  nonce: bigint;
  safeTxHash: string;
  /** Owners whose signature verifies (file and detached signature files). */
  signedBy: string[];
  /** Signatures listed that do not verify. */
  forged: string[];
  /** Detached signature files counted. */
  signatureFiles: string[];
  state: "ready" | "waiting" | "executed" | "failed" | "stale" | "invalid";
  note?: string;
}

export interface SafeStatus {
  chainId: number;
  safe: string;
  owners: string[];
  threshold: number;
  nonce: bigint;
  proposals: PendingProposal[];
}

const EXECUTION_SUCCESS = id("ExecutionSuccess(bytes32,uint256)");
const EXECUTION_FAILURE = id("ExecutionFailure(bytes32,uint256)");

/** "success" / "failure" when the Safe executed `hash`, else undefined (logs from `fromBlock`). */
export async function executionOf(
  provider: Provider,
  safe: string,
  hash: string,
  fromBlock = 0,
): Promise<"success" | "failure" | undefined> {
  const logs = await withTimeout(
    provider.getLogs({
      address: safe,
      fromBlock,
      toBlock: "latest",
      topics: [[EXECUTION_SUCCESS, EXECUTION_FAILURE], hash],
    }),
    `logs of Safe ${safe}`,
  );
  if (logs.some((l) => l.topics[0] === EXECUTION_SUCCESS)) return "success";
  return logs.length > 0 ? "failure" : undefined;
}

function isSafeProposalJson(raw: string): boolean {
  return raw.includes('"safeTxHash"') && raw.includes('"safeTx"');
}

/** Detached signature files in `dir` for `p` (kind safe-tx-signature, same hash); unreadable ones are skipped. */
function detachedSignatures(dir: string, files: readonly string[], p: Proposal): { merged: Proposal; used: string[] } {
  let merged = p;
  const used: string[] = [];
  for (const f of files) {
    const file = path.join(dir, f);
    const raw = fs.readFileSync(file, "utf8");
    if (!raw.includes('"safe-tx-signature"') || !raw.toLowerCase().includes(p.safeTxHash.toLowerCase())) continue;
    try {
      merged = mergeSignatureFile(merged, readSignatureFile(file), file);
      used.push(file);
    } catch {
      // a duplicate or non-matching signature file: not counted
    }
  }
  return { merged, used };
}

/** Reads the Safe and every proposal for it under `dir` (non-proposal files are skipped). */
export async function safeStatus(provider: Provider, safe: string, dir?: string, fromBlock = 0): Promise<SafeStatus> {
  const chainId = Number((await withTimeout(provider.getNetwork(), "eth_chainId")).chainId);
  const { owners, threshold } = await readSafeOwners(provider, safe);
  const c = new Contract(safe, ["function nonce() view returns (uint256)"], provider);
  const nonce = BigInt(
    await withTimeout(c.getFunction("nonce").staticCall() as Promise<bigint>, `nonce() of Safe ${safe}`),
  );
  const proposals: PendingProposal[] = [];
  const files =
    dir && fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith(".json"))
          .sort()
      : [];
  for (const f of files) {
    const file = path.join(dir as string, f);
    const raw = fs.readFileSync(file, "utf8");
    if (!isSafeProposalJson(raw) || raw.includes('"safe-tx-signature"')) continue;
    let p: Proposal;
    try {
      p = readProposal(file);
      verifyProposalHash(p, file);
    } catch (e) {
      proposals.push({
        file,
        nonce: -1n,
        safeTxHash: "",
        signedBy: [],
        forged: [],
        signatureFiles: [],
        state: "invalid",
        note: (e as Error).message,
      });
      continue;
    }
    if (getAddress(p.safe) !== getAddress(safe) || p.chainId !== chainId) continue;
    const signedBy: string[] = [];
    const forged: string[] = [];
    let withDetached: Proposal = { ...p, signatures: [] };
    for (const s of p.signatures) {
      let recovered: string | undefined;
      try {
        recovered = recoverSafeTxSigner(p.safeTxHash, s.signature);
      } catch {
        recovered = undefined;
      }
      if (
        recovered &&
        recovered === getAddress(s.signer) &&
        owners.includes(recovered) &&
        !signedBy.includes(recovered)
      ) {
        signedBy.push(recovered);
        withDetached = { ...withDetached, signatures: [...withDetached.signatures, s] };
      } else {
        forged.push(getAddress(s.signer));
      }
    }
    const { merged, used } = detachedSignatures(dir as string, files, withDetached);
    for (const s of merged.signatures) {
      const a = getAddress(s.signer);
      if (owners.includes(a) && !signedBy.includes(a)) signedBy.push(a);
    }
    let state: PendingProposal["state"];
    if (p.nonce < nonce) {
      const executed = await executionOf(provider, safe, p.safeTxHash, fromBlock);
      state = executed === "success" ? "executed" : executed === "failure" ? "failed" : "stale";
    } else {
      state = p.nonce === nonce && signedBy.length >= threshold ? "ready" : "waiting";
    }
    proposals.push({ file, nonce: p.nonce, safeTxHash: p.safeTxHash, signedBy, forged, signatureFiles: used, state });
  }
  return { chainId, safe: getAddress(safe), owners, threshold, nonce, proposals };
}

const STATE_WORDS: Record<PendingProposal["state"], string> = {
  ready: "READY",
  waiting: "WAITING",
  executed: "EXECUTED",
  failed: "EXECUTED WITH FAILURE (nonce consumed, inner call reverted)",
  stale: "STALE (its nonce was used by another transaction: it can never run)",
  invalid: "INVALID",
};

/** Terminal lines for a status; `labels` names owners from the records. */
export function describeStatus(s: SafeStatus, labels: (a: string) => string | undefined = () => undefined): string[] {
  const lines = [
    `Chain ${s.chainId}`,
    `Safe ${s.safe}`,
    `  threshold ${s.threshold} of ${s.owners.length}, nonce ${s.nonce}`,
    "  owners:",
  ];
  s.owners.forEach((o, i) => lines.push(`    #${i + 1} ${o}${labels(o) ? ` (${labels(o)})` : ""}`));
  lines.push(s.proposals.length === 0 ? "  no proposal files" : "  proposals:");
  for (const p of s.proposals) {
    if (p.state === "invalid") {
      lines.push(`    ${p.file}: INVALID (${p.note ?? ""})`);
      continue;
    }
    lines.push(
      `    ${p.file}: nonce ${p.nonce} ${STATE_WORDS[p.state]}, ` +
        `${p.signedBy.length}/${s.threshold} verified signatures`,
    );
    lines.push(`      SafeTx hash ${p.safeTxHash}`);
    for (const signer of p.signedBy)
      lines.push(`      signed by ${signer}${labels(signer) ? ` (${labels(signer)})` : ""}`);
    for (const f of p.signatureFiles) lines.push(`      counted detached signature ${f}`);
    for (const f of p.forged) lines.push(`      FORGED or non-owner signature claimed by ${f} (not counted)`);
  }
  return lines;
}
