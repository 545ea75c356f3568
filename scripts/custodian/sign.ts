/**
 * `npm run safe:sign -- --proposal <file> --records deployments/<network> [--keystore <file>] [options]`
 *
 * OFFLINE (never loads Hardhat, never touches a network): reviews a proposal against YOUR records and
 * signs it with an encrypted keystore, or exports the EIP-712 typed data for an external signer
 * (hardware wallet) and imports its signature back. Password: CUSTODIAN_KEYSTORE_PASSWORD, else a hidden
 * prompt. See docs/custodian.md.
 */
import fs from "node:fs";
import path from "node:path";
import { getAddress, isHexString } from "ethers";
import { UsageError, requireOption, runCommand } from "../../src/chain";
import { decryptKeystore, promptHidden, readPassword } from "../../src/chain/keystore";
import { allowedRisks } from "../../src/custody/commands";
import { safeTxTypedData } from "../../src/safe/hashes";
import { fromTxServiceJson, toTxBuilderBatch, toTxServiceBody } from "../../src/custody/interop";
import { enforcePolicy } from "../../src/custody/policy";
import { ProposalError, readProposal, signatureFileFor, writeProposal } from "../../src/custody/proposal";
import type { SignatureEntry } from "../../src/custody/proposal";
import { checkSigner, describeReview, reviewProposal, signProposal, withVerifiedSignatures } from "../../src/custody/review";
import { recoverSafeTxSigner } from "../../src/safe/safeTx";
import { readRecordsFolder, trustedView } from "../../src/custody/trusted";
import { guardFromRecords, guardSignReview, readAnnouncementRecordsFor } from "../../src/custody/announcements";
import { describeFindings } from "../../src/custody/review";

const USAGE =
  "npm run safe:sign -- --proposal <file> --records deployments/<network> [--keystore <file>] [--out <sig.json>] [--allow-risk <code>]... " +
  "[--review-only] [--export-typed-data <file>] [--import-signature <0x65 bytes|file>] [--ledger] " +
  "[--from-tx-service <tx.json>] [--export-tx-builder <file>] [--export-tx-service <file>] [--announcements <file|dir>]";

const HELP = `Reviews the proposal against your own deployment records (token units, owner labels, the reserve Safe,
the chain) and signs it offline. Prints the EIP-712 domain hash, message hash and SafeTx hash a hardware
wallet shows. Refuses risky transactions unless each risk code is allowed with --allow-risk.

  --records <dir>             your deployments/<network> folder (required)
  --keystore <file>           encrypted JSON keystore (password: CUSTODIAN_KEYSTORE_PASSWORD or prompt)
  --out <file>                write a detached signature file instead of adding to the proposal
  --review-only               print the review and stop
  --export-typed-data <file>  write the eth_signTypedData_v4 JSON for an external signer
  --import-signature <sig>    add a 65-byte signature (hex or a file holding it) made by an external signer
  --ledger                    print the command that signs with a Ledger
  --from-tx-service <json>    import a Safe Transaction Service transaction (made in Safe{Wallet}) into --proposal, then review it
  --export-tx-builder <file>  write the calls as a Safe Transaction Builder batch (version 1.0, with its checksum)
  --export-tx-service <file>  write the Transaction Service multisig-transaction body with the verified signatures
  --announcements <file|dir>  your ReserveGuard announcement records (written by safe:status; a folder: its
                              announcements-<safe>.json): a call the guard delays (self-call, guard setting,
                              upgrade, role grant, ...) is signed only if they show it announced (docs/guard.md)`;

void runCommand(
  {
    usage: USAGE,
    help: HELP,
    options: {
      proposal: { type: "string" },
      records: { type: "string" },
      keystore: { type: "string" },
      out: { type: "string" },
      "allow-risk": { type: "string", multiple: true },
      "review-only": { type: "boolean" },
      "export-typed-data": { type: "string" },
      "import-signature": { type: "string" },
      ledger: { type: "boolean" },
      "from-tx-service": { type: "string" },
      "export-tx-builder": { type: "string" },
      "export-tx-service": { type: "string" },
      announcements: { type: "string" },
    },
  },
  async (o) => {
    const file = requireOption(o, "proposal", USAGE);
    const allow = allowedRisks(o);
    const view = trustedView(readRecordsFolder(requireOption(o, "records", USAGE)));
    const fromService = typeof o["from-tx-service"] === "string" ? o["from-tx-service"] : undefined;
    if (fromService) {
      if (fs.existsSync(file)) throw new UsageError(`${file} exists; --from-tx-service writes a new proposal file there`);
      if (!fs.existsSync(fromService)) throw new UsageError(`${fromService} not found`);
      let json: unknown;
      try {
        json = JSON.parse(fs.readFileSync(fromService, "utf8"));
      } catch {
        throw new UsageError(`${fromService}: not JSON`);
      }
      writeProposal(file, fromTxServiceJson(json, view.chainId));
      console.log(`Imported the Transaction Service transaction into ${file} (only its SafeTx fields and signatures; reviewed below)`);
    }
    const proposal = readProposal(file);
    const review = reviewProposal(proposal, view, file);
    console.log(["", ...describeReview(review), ""].join("\n"));
    // ReserveGuard (docs/guard.md): the guard's address from YOUR records; announcement facts only from
    // your announcement records (safe:status writes them), never from the proposal file.
    const announcements = typeof o.announcements === "string" ? readAnnouncementRecordsFor(o.announcements, proposal.safe) : undefined;
    const guardReview = guardSignReview(proposal, guardFromRecords(view.records), announcements);
    if (guardReview.lines.length > 0) console.log(guardReview.lines.join("\n"));
    if (guardReview.findings.length > 0) console.log(describeFindings(guardReview.findings).join("\n"));
    if (o["review-only"]) return;
    enforcePolicy([...review.findings, ...guardReview.findings], allow);

    const builderOut = typeof o["export-tx-builder"] === "string" ? o["export-tx-builder"] : undefined;
    const serviceOut = typeof o["export-tx-service"] === "string" ? o["export-tx-service"] : undefined;
    if (builderOut || serviceOut) {
      if (builderOut) {
        const batch = toTxBuilderBatch(proposal, { name: path.basename(file), description: review.summary[2] ?? "", owner: review.verified[0]?.signer });
        fs.writeFileSync(builderOut, `${JSON.stringify(batch, null, 2)}\n`);
        console.log(`Wrote the Transaction Builder batch (checksum ${batch.meta.checksum ?? ""}) to ${builderOut}`);
      }
      if (serviceOut) {
        fs.writeFileSync(serviceOut, `${JSON.stringify(toTxServiceBody(proposal, review.verified), null, 2)}\n`);
        console.log(`Wrote the Transaction Service multisig-transaction body (${review.verified.length} verified signature(s)) to ${serviceOut}`);
      }
      return;
    }

    const typedOut = typeof o["export-typed-data"] === "string" ? o["export-typed-data"] : undefined;
    if (typedOut || o.ledger) {
      const target = typedOut ?? `${file.replace(/\.json$/, "")}.typed-data.json`;
      fs.writeFileSync(target, `${JSON.stringify(safeTxTypedData(proposal.chainId, proposal.safe, proposal.safeTx), null, 2)}\n`);
      console.log(`Wrote the eth_signTypedData_v4 JSON to ${target}. Check that your device shows SafeTx hash ${review.hashes.safeTxHash}.`);
      if (o.ledger) {
        console.log(
          "Direct Ledger signing is not built in (its USB modules need native builds). Run instead:\n" +
            `  cast wallet sign --ledger --data --from-file ${target}\n` +
            `then: npm run safe:sign -- --proposal ${file} --records ${String(o.records)} --import-signature <the printed 0x signature>`,
        );
      }
      return;
    }

    let entry: SignatureEntry;
    let signed;
    const imported = typeof o["import-signature"] === "string" ? o["import-signature"] : undefined;
    if (imported !== undefined) {
      const raw = fs.existsSync(imported) ? fs.readFileSync(imported, "utf8").trim().replace(/^"|"$/g, "") : imported.trim();
      if (!isHexString(raw, 65)) throw new UsageError("--import-signature: expected a 65-byte 0x-hex signature (or a file holding one)");
      const signer = recoverSafeTxSigner(review.hashes.safeTxHash, raw);
      checkSigner(review, view, signer, file);
      entry = { signer: getAddress(signer), signature: raw.toLowerCase(), signedAt: new Date().toISOString() };
      signed = withVerifiedSignatures(proposal, review, entry);
    } else {
      const keystore = requireOption(o, "keystore", USAGE);
      const password = await readPassword({ envVar: "CUSTODIAN_KEYSTORE_PASSWORD", prompt: promptHidden }, keystore);
      const wallet = await decryptKeystore(keystore, password);
      const result = await signProposal(proposal, wallet, view, { allow }, file);
      entry = result.entry;
      signed = result.proposal;
    }
    const out = typeof o.out === "string" ? o.out : undefined;
    if (out) fs.writeFileSync(out, `${JSON.stringify(signatureFileFor(proposal, entry), null, 2)}\n`);
    else writeProposal(file, signed);
    if (!signed.signatures.some((s) => s.signer === entry.signer)) throw new ProposalError("internal: signature not added");
    console.log(`Signed by ${entry.signer} -> ${out ?? file} (${review.verified.length + 1} of threshold ${view.threshold})`);
  },
);
