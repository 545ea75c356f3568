/**
 * Offline signing (no Hardhat, no RPC):
 *   npx ts-node scripts/custodian/sign.ts --proposal p.json --keystore k.json [--records deployments/<network>]
 *     [--allow-risk <code>]... [--out sig.json] [--review-only] [--announcements <records/announcements-<safe>.json>]
 * Password: CUSTODIAN_KEYSTORE_PASSWORD, else a hidden prompt. See docs/custodian.md.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { readRecords } from "../../src/deploy/records";
import { decryptKeystore, promptHidden, readPassword } from "../../src/keys/keystore";
import { enforcePolicy, isRiskCode } from "../../src/safe/policy";
import { guardFromRecords, guardSignReview, readAnnouncementRecords } from "../../src/guard";
import { readProposal, signatureFileFor, writeProposal } from "../../src/safe/proposal";
import { describeFindings, reviewProposal, signProposal } from "../../src/safe/review";
import fs from "node:fs";

async function main(): Promise<void> {
  const { values: o } = parseArgs({
    options: {
      proposal: { type: "string" }, keystore: { type: "string" }, records: { type: "string" }, out: { type: "string" },
      "allow-risk": { type: "string", multiple: true }, ledger: { type: "boolean" }, "review-only": { type: "boolean" },
      announcements: { type: "string" },
    },
  });
  if (!o.proposal) throw new Error("--proposal <file> is required");
  const allow = (o["allow-risk"] ?? []).map((c) => (isRiskCode(c) ? c : fail(`--allow-risk ${c}: unknown risk code`)));
  const local = o.records ? readRecords(path.resolve(o.records, "..", ".."), path.basename(o.records)) : undefined;
  const proposal = readProposal(o.proposal);
  const review = reviewProposal(proposal, o.proposal, local);
  console.log(["", "=== WHAT YOU ARE SIGNING (decoded here from the calldata) ===", ...review.summary, ""].join("\n"));
  console.log([...describeFindings(review.findings), `SafeTx hash: ${proposal.safeTxHash}`, `Already signed by: ${review.signedBy.join(", ") || "nobody"}`].join("\n"));
  // ReserveGuard (docs/guard.md): announcement facts only from the custodian's own records, never from the file.
  // The guard's address comes from the local records; without them the file's record may only make sign refuse.
  const guardReview = guardSignReview(proposal, guardFromRecords(local ?? proposal.context.records), o.announcements ? readAnnouncementRecords(o.announcements) : undefined);
  if (guardReview.lines.length > 0) console.log(guardReview.lines.join("\n"));
  if (guardReview.findings.length > 0) console.log(describeFindings(guardReview.findings).join("\n"));
  if (o["review-only"]) return;
  enforcePolicy(guardReview.findings, allow);
  if (o.ledger) throw new Error("--ledger: Ledger signing is not available in this build (@nomicfoundation/hardhat-ledger needs native USB modules); use a keystore on an offline machine");
  if (!o.keystore) throw new Error("--keystore <file> is required to sign");
  const password = await readPassword({ envVar: "CUSTODIAN_KEYSTORE_PASSWORD", prompt: promptHidden }, o.keystore);
  const wallet = await decryptKeystore(o.keystore, password);
  const signed = await signProposal(proposal, wallet, { allow }, o.proposal, local);
  if (o.out) fs.writeFileSync(o.out, `${JSON.stringify(signatureFileFor(proposal, signed.entry), null, 2)}\n`);
  else writeProposal(o.proposal, signed.proposal);
  console.log(`Signed by ${signed.entry.signer} -> ${o.out ?? o.proposal} (${signed.proposal.signatures.length} of threshold ${proposal.context.threshold})`);
}

function fail(msg: string): never {
  throw new Error(msg);
}

main().catch((e: unknown) => {
  console.error(`sign: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
