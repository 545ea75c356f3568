/**
 * Accepted attestation reports from the registry's events, each with VERIFIED signers:
 *   - a report submitted with signatures (`submitReport` called directly on the registry): the report,
 *     signers and signatures are decoded from the transaction's calldata, the EIP-712 digest is
 *     recomputed and must equal the event's digest, and each ECDSA signature must recover to its
 *     claimed signer; a contract attestor (ERC-1271) is named as such (the registry checked it);
 *   - a report that reached its threshold through on-chain approvals: the `ReportApproved` events of
 *     its digest name the approvers (msg.sender, so verified by the chain itself).
 * Anything else (a submission through another contract) is listed as "unverified" with the reason.
 */
import { getAddress } from "ethers";
import type { Provider } from "ethers";
import { recoverReportSigner } from "../attestation/sign";
import { reportDigest } from "../attestation/report";
import { withTimeout } from "../chain/timeout";
import { AttestationRegistry__factory } from "../../typechain-types/factories/contracts/attestation/AttestationRegistry__factory";
import type { Explorer } from "./explorer";
import { amount, blockRef } from "./format";
import { labelOf } from "./labels";
import type { Labels } from "./labels";
import type { AttestedReport, ReportSigner } from "./model";
import type { ScannedLog, ScannedTx } from "../chain/scan";

const REGISTRY = AttestationRegistry__factory.createInterface();
export const REPORT_ACCEPTED = REGISTRY.getEvent("ReportAccepted").topicHash;
export const REPORT_APPROVED = REGISTRY.getEvent("ReportApproved").topicHash;

export interface AcceptedReportLog {
  log: ScannedLog;
  subject: string;
  roundId: bigint;
  newValue: bigint;
  asOf: bigint;
  docHash: string;
  digest: string;
  uri: string;
}

/** The ReportAccepted events of `registry` in `logs` (optionally of one subject), oldest first. */
export function acceptedReports(logs: readonly ScannedLog[], registry: string, subject?: string): AcceptedReportLog[] {
  const out: AcceptedReportLog[] = [];
  for (const log of logs) {
    if (log.topics[0] !== REPORT_ACCEPTED || log.address.toLowerCase() !== registry.toLowerCase()) continue;
    const ev = REGISTRY.decodeEventLog("ReportAccepted", log.data, log.topics);
    if (subject && ev.subject.toLowerCase() !== subject.toLowerCase()) continue;
    out.push({
      log,
      subject: ev.subject,
      roundId: ev.roundId,
      newValue: ev.newValue,
      asOf: ev.asOf,
      docHash: ev.docHash,
      digest: ev.digest,
      uri: ev.uri,
    });
  }
  return out;
}

export interface SignerContext {
  provider: Provider;
  chainId: number;
  registry: string;
  labels: Labels;
  explorer: Explorer | null;
  valueDecimals: number;
  timestamps: Map<number, number>;
  logs: readonly ScannedLog[];
  txs: Map<string, ScannedTx>;
  /** Addresses known to have code (contract attestors), filled lazily. */
  codeCache: Map<string, boolean>;
  /** Keeps derived values (verified signers) across runs (the scan cache's memo). */
  memo?: <T>(key: string, blockNumber: number, compute: () => Promise<T>) => Promise<T>;
  timeoutMs?: number;
}

async function hasCode(ctx: SignerContext, address: string): Promise<boolean> {
  const k = address.toLowerCase();
  const known = ctx.codeCache.get(k);
  if (known !== undefined) return known;
  const code = await withTimeout(ctx.provider.getCode(address), `reading the code of ${address}`, ctx.timeoutMs);
  ctx.codeCache.set(k, code !== "0x");
  return code !== "0x";
}

async function signersOf(ctx: SignerContext, r: AcceptedReportLog): Promise<ReportSigner[]> {
  const compute = (): Promise<ReportSigner[]> => verifySigners(ctx, r);
  const raw = ctx.memo
    ? await ctx.memo(`signers:${r.log.transactionHash}:${r.log.logIndex}`, r.log.blockNumber, compute)
    : await compute();
  // Labels come from the user's config on every run (never cached).
  return raw.map((s) => ({ ...s, label: s.address ? labelOf(ctx.labels, s.address) : null }));
}

async function verifySigners(ctx: SignerContext, r: AcceptedReportLog): Promise<ReportSigner[]> {
  const named = (address: string, method: ReportSigner["method"], note?: string): ReportSigner => ({
    address: getAddress(address),
    label: null,
    method,
    ...(note ? { note } : {}),
  });
  const tx = ctx.txs.get(r.log.transactionHash);
  const submit = REGISTRY.getFunction("submitReport");
  if (tx && tx.to && tx.to.toLowerCase() === ctx.registry.toLowerCase() && tx.input.startsWith(submit.selector)) {
    const [report, signers, signatures] = REGISTRY.decodeFunctionData(submit, tx.input) as unknown as [
      { subject: string; value: bigint; asOf: bigint; docHash: string; uri: string },
      string[],
      string[],
    ];
    const digest = reportDigest({
      chainId: BigInt(ctx.chainId),
      registry: ctx.registry,
      report: {
        subject: report.subject,
        value: report.value,
        asOf: report.asOf,
        docHash: report.docHash,
        uri: report.uri,
      },
    });
    if (digest !== r.digest)
      return signers.map((s) => named(s, "unverified", "the calldata's report does not hash to the event's digest"));
    const out: ReportSigner[] = [];
    for (let i = 0; i < signers.length; i++) {
      let recovered: string | undefined;
      try {
        recovered = recoverReportSigner(
          { chainId: BigInt(ctx.chainId), registry: ctx.registry, report },
          signatures[i],
        );
      } catch {
        recovered = undefined;
      }
      if (recovered && getAddress(recovered) === getAddress(signers[i]))
        out.push(named(signers[i], "eip712-signature"));
      else if (await hasCode(ctx, signers[i]))
        out.push(
          named(
            signers[i],
            "erc1271-contract",
            "contract attestor: its signature was checked by the registry (ERC-1271)",
          ),
        );
      else out.push(named(signers[i], "unverified", "the signature does not recover to this signer"));
    }
    return out;
  }
  // On-chain approvals of the digest, up to the acceptance.
  const approvals = ctx.logs.filter(
    (l) =>
      l.topics[0] === REPORT_APPROVED &&
      l.address.toLowerCase() === ctx.registry.toLowerCase() &&
      l.topics[1] === r.digest &&
      (l.blockNumber < r.log.blockNumber || (l.blockNumber === r.log.blockNumber && l.logIndex <= r.log.logIndex)),
  );
  if (approvals.length > 0) {
    const seen = new Set<string>();
    const out: ReportSigner[] = [];
    for (const l of approvals) {
      const ev = REGISTRY.decodeEventLog("ReportApproved", l.data, l.topics);
      const a = getAddress(ev.attestor);
      if (seen.has(a)) continue;
      seen.add(a);
      out.push(named(a, "onchain-approval"));
    }
    return out;
  }
  const via = tx?.to ? getAddress(tx.to) : "an unknown transaction";
  return [
    {
      address: "",
      label: null,
      method: "unverified",
      note: `submitted through ${via}: signers not recoverable from the calldata`,
    },
  ];
}

/** Accepted reports with verified signers, newest first. */
export async function attestedReports(
  ctx: SignerContext,
  accepted: readonly AcceptedReportLog[],
): Promise<AttestedReport[]> {
  const out: AttestedReport[] = [];
  for (const r of accepted) {
    out.push({
      subject: r.subject,
      roundId: Number(r.roundId),
      value: amount(r.newValue, ctx.valueDecimals, "som"),
      asOf: Number(r.asOf),
      docHash: r.docHash,
      uri: r.uri,
      digest: r.digest,
      block: blockRef(r.log.blockNumber, ctx.timestamps.get(r.log.blockNumber) ?? 0, ctx.explorer),
      transactionHash: r.log.transactionHash,
      transactionUrl: ctx.explorer ? ctx.explorer.tx(r.log.transactionHash) : null,
      signers: await signersOf(ctx, r),
    });
  }
  return out.reverse();
}
