/**
 * `safe:sign`: OFFLINE (never loads Hardhat, never touches a network). One review of the proposal against
 * YOUR records ({@link reviewForSigning}: hash, decoding, policy findings, signatures, the ReserveGuard's
 * announcements from your announcement records), printed once; then, from that same review, an export for
 * Safe{Wallet} tools, the EIP-712 typed data for an external signer, an imported signature, or a keystore signature.
 */
import { options } from "../../chain/cli";
import fs from "node:fs";
import path from "node:path";
import { Signature, getAddress, isHexString } from "ethers";
import {
  UsageError,
  keystoreFileOption,
  outputFileOption,
  readOptionFile,
  requireOption,
  stringOption,
} from "../../chain";
import { z } from "../../chain/schema";
import type { CommandSpec, ParsedOptions } from "../../chain";
import { decryptKeystore, promptHidden, readPassword } from "../../chain/keystore";
import { safeTxTypedData } from "../../safe/hashes";
import { recoverSafeTxSigner } from "../../safe/safeTx";
import { guardFromRecords, guardSignReview, readAnnouncementRecordsFor } from "../announcements";
import type { GuardSignReview } from "../announcements";
import { fromTxServiceJson, toTxBuilderBatch, toTxServiceBody } from "../interop";
import { enforcePolicy } from "../policy";
import type { RiskCode } from "../policy";
import { ProposalError, readProposal, signatureFileFor, writeProposal } from "../proposal";
import type { Proposal, SignatureEntry } from "../proposal";
import {
  checkSigner,
  describeFindings,
  describeReview,
  reviewProposal,
  signReviewed,
  withVerifiedSignatures,
} from "../review";
import type { Review } from "../review";
import { readRecordsFolder, trustedView } from "../trusted";
import type { TrustedView } from "../trusted";
import { allowedRisks } from "./options";

const USAGE =
  "npm run safe:sign -- --proposal <file> --records deployments/<network> [--keystore <file>] " +
  "[--out <sig.json>] [--allow-risk <code>]... " +
  "[--review-only] [--export-typed-data <file>] [--import-signature <0x65 bytes|file>] [--ledger] " +
  "[--from-tx-service <tx.json>] [--export-tx-builder <file>] [--export-tx-service <file>] " +
  "[--announcements <file|dir>]";

const HELP =
  `Reviews the proposal against your own deployment records (token units, owner labels, the reserve Safe,
the chain) and signs it offline. Prints the EIP-712 domain hash, message hash and SafeTx hash a hardware
wallet shows. Refuses risky transactions unless each risk code is allowed with --allow-risk.

  --records <dir>             your deployments/<network> folder (required)
  --keystore <file>           encrypted JSON keystore (password: CUSTODIAN_KEYSTORE_PASSWORD or prompt)
  --out <file>                write a detached signature file instead of adding to the proposal
  --review-only               print the review and stop
  --export-typed-data <file>  write the eth_signTypedData_v4 JSON for an external signer
  --import-signature <sig>    add a 65-byte signature (hex or a file holding it) made by an external signer
  --ledger                    print the command that signs with a Ledger
  --from-tx-service <json>    import a Safe Transaction Service transaction (made in Safe{Wallet}) into --proposal, ` +
  `then review it
  --export-tx-builder <file>  write the calls as a Safe Transaction Builder batch (version 1.0, with its checksum)
  --export-tx-service <file>  write the Transaction Service multisig-transaction body with the verified signatures
  --announcements <file|dir>  your ReserveGuard announcement records (written by safe:status; a folder: its
                              announcements-<safe>.json): a call the guard delays (self-call, guard setting,
                              upgrade, role grant, ...) is signed only if they show it announced (docs/guard.md)`;

export const SIGN_COMMAND: CommandSpec = {
  usage: USAGE,
  help: HELP,
  options: options(
    "proposal",
    "records",
    "keystore",
    "out",
    "allow-risk[]",
    "review-only?",
    "export-typed-data",
    "import-signature",
    "ledger?",
    "from-tx-service",
    "export-tx-builder",
    "export-tx-service",
    "announcements",
  ),
};

type Print = (text: string) => void;

/** The one review of `sign`: the proposal's review and the guard's, with the lines to print. */
export interface SignReview {
  review: Review;
  guard: GuardSignReview;
  lines: string[];
}

/** Reviews `proposal` once against the custodian's records and announcement records (offline). */
export function reviewForSigning(
  proposal: Proposal,
  view: TrustedView,
  file: string,
  announcementsPath?: string,
): SignReview {
  const review = reviewProposal(proposal, view, file);
  // ReserveGuard (docs/guard.md): the guard's address from YOUR records; announcement facts only from
  // your announcement records (safe:status writes them), never from the proposal file.
  const announcements =
    announcementsPath !== undefined ? readAnnouncementRecordsFor(announcementsPath, proposal.safe) : undefined;
  const guard = guardSignReview(proposal, guardFromRecords(view.records), announcements);
  const lines = [["", ...describeReview(review), ""].join("\n")];
  if (guard.lines.length > 0) lines.push(guard.lines.join("\n"));
  if (guard.findings.length > 0) lines.push(describeFindings(guard.findings).join("\n"));
  return { review, guard, lines };
}

/** --from-tx-service: a Transaction Service transaction written as a new proposal file. */
function importFromTxService(file: string, fromService: string, chainId: number, print: Print): void {
  if (fs.existsSync(file)) throw new UsageError(`${file} exists; --from-tx-service writes a new proposal file there`);
  writeProposal(file, fromTxServiceJson(readOptionFile(fromService, "from-tx-service", z.unknown()), chainId));
  print(
    `Imported the Transaction Service transaction into ${file} (only its SafeTx fields and signatures; reviewed below)`,
  );
}

/** --export-tx-builder / --export-tx-service / --export-typed-data / --ledger; true when one of them ran. */
function exportReviewed(o: ParsedOptions, file: string, review: Review, print: Print): boolean {
  const proposal = review.proposal;
  const builderOut = stringOption(o, "export-tx-builder");
  const serviceOut = stringOption(o, "export-tx-service");
  if (builderOut || serviceOut) {
    if (builderOut) {
      const batch = toTxBuilderBatch(proposal, {
        name: path.basename(file),
        description: review.summary[2] ?? "",
        owner: review.verified[0]?.signer,
      });
      fs.writeFileSync(builderOut, `${JSON.stringify(batch, null, 2)}\n`);
      print(`Wrote the Transaction Builder batch (checksum ${batch.meta.checksum ?? ""}) to ${builderOut}`);
    }
    if (serviceOut) {
      fs.writeFileSync(serviceOut, `${JSON.stringify(toTxServiceBody(proposal, review.verified), null, 2)}\n`);
      print(
        `Wrote the Transaction Service multisig-transaction body (${review.verified.length} verified signature(s)) ` +
          `to ${serviceOut}`,
      );
    }
    return true;
  }
  const typedOut = stringOption(o, "export-typed-data");
  if (!typedOut && !o.ledger) return false;
  const target = typedOut ?? `${file.replace(/\.json$/, "")}.typed-data.json`;
  fs.writeFileSync(
    target,
    `${JSON.stringify(safeTxTypedData(proposal.chainId, proposal.safe, proposal.safeTx), null, 2)}\n`,
  );
  print(
    `Wrote the eth_signTypedData_v4 JSON to ${target}. ` +
      `Check that your device shows SafeTx hash ${review.hashes.safeTxHash}.`,
  );
  if (o.ledger) {
    print(
      "Direct Ledger signing is not built in (its USB modules need native builds). Run instead:\n" +
        `  cast wallet sign --ledger --data --from-file ${target}\n` +
        `then: npm run safe:sign -- --proposal ${file} --records ${String(o.records)} ` +
        `--import-signature <the printed 0x signature>`,
    );
  }
  return true;
}

/** --import-signature: the 65-byte signature it gives (hex, or a file holding it); undefined when not given. */
function importedSignature(o: ParsedOptions): string | undefined {
  const imported = stringOption(o, "import-signature");
  if (imported === undefined) return undefined;
  const raw = fs.existsSync(imported)
    ? fs.readFileSync(imported, "utf8").trim().replace(/^"|"$/g, "")
    : imported.trim();
  if (!isHexString(raw, 65))
    throw new UsageError("--import-signature: expected a 65-byte 0x-hex signature (or a file holding one)");
  try {
    Signature.from(raw);
  } catch {
    throw new UsageError("--import-signature: not a valid ECDSA signature (its v or s is out of range)");
  }
  return raw;
}

/** The imported signature (--import-signature), else the keystore's: the signature over the reviewed proposal. */
async function signatureFor(
  o: ParsedOptions,
  raw: string | undefined,
  review: Review,
  view: TrustedView,
  allow: readonly RiskCode[],
): Promise<{ entry: SignatureEntry; signed: Proposal }> {
  if (raw !== undefined) {
    const signer = recoverSafeTxSigner(review.hashes.safeTxHash, raw);
    checkSigner(review, view, signer, review.source);
    const entry = { signer: getAddress(signer), signature: raw.toLowerCase(), signedAt: new Date().toISOString() };
    return { entry, signed: withVerifiedSignatures(review.proposal, review, entry) };
  }
  const keystore = requireOption(o, "keystore", USAGE);
  const password = await readPassword({ envVar: "CUSTODIAN_KEYSTORE_PASSWORD", prompt: promptHidden }, keystore);
  const wallet = await decryptKeystore(keystore, password);
  const result = await signReviewed(review, wallet, view, { allow });
  return { entry: result.entry, signed: result.proposal };
}

/** The whole `safe:sign` command: one review, printed, then the step the options ask for. */
export async function sign(o: ParsedOptions, print: Print): Promise<void> {
  const file = requireOption(o, "proposal", USAGE);
  const allow = allowedRisks(o);
  // the files this run may write: their folders exist (checked before the review, not after the signature)
  for (const name of ["out", "export-typed-data", "export-tx-builder", "export-tx-service"]) outputFileOption(o, name);
  const imported = importedSignature(o);
  keystoreFileOption(o);
  const view = trustedView(readRecordsFolder(requireOption(o, "records", USAGE)));
  const fromService = stringOption(o, "from-tx-service");
  if (fromService) importFromTxService(file, fromService, view.chainId, print);
  const { review, guard, lines } = reviewForSigning(readProposal(file), view, file, stringOption(o, "announcements"));
  for (const l of lines) print(l);
  if (o["review-only"]) return;
  enforcePolicy([...review.findings, ...guard.findings], allow);
  if (exportReviewed(o, file, review, print)) return;
  const { entry, signed } = await signatureFor(o, imported, review, view, allow);
  const out = stringOption(o, "out");
  if (out) fs.writeFileSync(out, `${JSON.stringify(signatureFileFor(review.proposal, entry), null, 2)}\n`);
  else writeProposal(file, signed);
  if (!signed.signatures.some((s) => s.signer === entry.signer))
    throw new ProposalError("internal: signature not added");
  print(`Signed by ${entry.signer} -> ${out ?? file} (${review.verified.length + 1} of threshold ${view.threshold})`);
}
