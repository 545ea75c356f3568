/**
 * The custodians' proposals folder as the guard sees it: the guard call hash of every call of every proposal
 * (a MultiSendCallOnly batch counts entry by entry). An announcement whose hash is not among them is UNEXPECTED.
 * The folder is read afresh for every announcement, so a proposal written after the watcher started counts.
 */
import fs from "node:fs";
import path from "node:path";
import { readProposal } from "../custody/proposal";
import { guardCallHash } from "../guard/calls";
import { decodeMultiSendCall, isMultiSendCall } from "../safe/multisend";

/** Guard call hashes of the calls of the proposals (`*.json` that read as proposals; others are skipped). */
export function proposedCallHashes(dir: string, safe: string): Set<string> {
  const hashes = new Set<string>();
  if (!fs.existsSync(dir)) return hashes;
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".json"))) {
    let p;
    try {
      p = readProposal(path.join(dir, f));
    } catch {
      continue; // signature files and other JSON: not proposals
    }
    if (p.safe.toLowerCase() !== safe.toLowerCase()) continue;
    const tx = p.safeTx;
    const calls =
      tx.operation === 1 && isMultiSendCall(tx.data)
        ? decodeMultiSendCall(tx.data)
        : [{ to: tx.to, value: tx.value, data: tx.data, operation: 0 as const }];
    for (const c of calls) hashes.add(guardCallHash(safe, c).toLowerCase());
  }
  return hashes;
}
