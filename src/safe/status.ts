/** Safe status: owners, threshold, nonce, and the pending proposal files with who signed. */
import fs from "node:fs";
import path from "node:path";
import { getAddress } from "ethers";
import type { Provider } from "ethers";
import { safeContract } from "./execute";
import { readProposal } from "./proposal";

export interface PendingProposal {
  file: string;
  nonce: bigint;
  safeTxHash: string;
  description: string;
  signedBy: string[];
  /** "ready" (enough owner signatures, nonce current), "waiting" (needs signatures or earlier nonce), "stale" (nonce used). */
  state: "ready" | "waiting" | "stale" | "invalid";
  note?: string;
}

export interface SafeStatus {
  safe: string;
  owners: string[];
  threshold: number;
  nonce: bigint;
  proposals: PendingProposal[];
}

/** Reads the Safe and every `*.json` proposal for it under `dir` (non-proposal files are skipped). */
export async function safeStatus(provider: Provider, safe: string, dir?: string): Promise<SafeStatus> {
  const c = safeContract(safe, provider);
  const owners = ((await c.getFunction("getOwners").staticCall()) as string[]).map((o) => getAddress(o));
  const threshold = Number(await c.getFunction("getThreshold").staticCall());
  const nonce = BigInt(await c.getFunction("nonce").staticCall());
  const proposals: PendingProposal[] = [];
  const files = dir && fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : [];
  for (const f of files) {
    const file = path.join(dir as string, f);
    let p;
    try {
      p = readProposal(file);
    } catch (e) {
      const raw = fs.readFileSync(file, "utf8");
      if (raw.includes('"safeTxHash"') && raw.includes('"safeTx"')) {
        proposals.push({ file, nonce: -1n, safeTxHash: "", description: "", signedBy: [], state: "invalid", note: (e as Error).message });
      }
      continue;
    }
    if (getAddress(p.safe) !== getAddress(safe)) continue;
    const signedBy = p.signatures.map((s) => getAddress(s.signer));
    const ownerSigs = signedBy.filter((s) => owners.includes(s)).length;
    const state = p.nonce < nonce ? "stale" : p.nonce === nonce && ownerSigs >= threshold ? "ready" : "waiting";
    proposals.push({ file, nonce: p.nonce, safeTxHash: p.safeTxHash, description: p.description, signedBy, state });
  }
  return { safe: getAddress(safe), owners, threshold, nonce, proposals };
}

/** Terminal lines for a status. */
export function describeStatus(s: SafeStatus): string[] {
  const lines = [`Safe ${s.safe}`, `  threshold ${s.threshold} of ${s.owners.length}, nonce ${s.nonce}`, "  owners:"];
  s.owners.forEach((o, i) => lines.push(`    #${i + 1} ${o}`));
  lines.push(s.proposals.length === 0 ? "  no proposal files" : "  proposals:");
  for (const p of s.proposals) {
    if (p.state === "invalid") {
      lines.push(`    ${p.file}: INVALID (${p.note ?? ""})`);
      continue;
    }
    lines.push(`    ${p.file}: nonce ${p.nonce} ${p.state.toUpperCase()} ${p.signedBy.length}/${s.threshold} signed: ${p.description}`);
    for (const signer of p.signedBy) lines.push(`      signed by ${signer}${s.owners.includes(signer) ? "" : " (NOT AN OWNER)"}`);
  }
  return lines;
}
