/**
 * What the custodian tooling says about the ReserveGuard:
 * - propose: the announcement plan of a proposal (which calls need an announcement, earliest execution);
 * - status (online): the pending announcements of the Safe, and the custodian's announcement records, a file
 *   the custodian's own status run writes from the chain (`announcements-<safe>.json` in their records);
 * - sign (offline): for each call needing an announcement, "announced at …, executable from …" from those
 *   records, or the risk code `unannounced-call`.
 * "A file is not a witness": sign never believes announcement facts carried by the proposal file; it relies
 * only on the records the custodian's own status run wrote from the chain (and the guard then re-checks on chain).
 */
import fs from "node:fs";
import path from "node:path";
import { getAddress } from "ethers";
import type { Provider } from "ethers";
import { decimalString, hexAddress, hexBytes, hexBytes32, nonNegativeInt, readJsonFile, z } from "../chain/schema";
import type { ContractRecord } from "../chain/records";
import type { Proposal } from "./proposal";
import type { InnerCall } from "../safe/multisend";
import { GuardError, callsNeedingAnnouncement, formatTime } from "../guard/calls";
import type { AnnouncedCall } from "../guard/calls";
import { pendingAnnouncements } from "../guard/announcements";
import type { PendingAnnouncement } from "../guard/announcements";
import { GUARD_RECORDS, guardOf, reserveGuardAt } from "../guard/contract";
import { withTimeout } from "../chain/timeout";

/** Risk code of `sign` for a call the custodian's records do not show as announced. */
export const UNANNOUNCED_RISK_CODE = "unannounced-call";

/** The guard of a deployment (record "ReserveGuard"), or undefined. */
export function guardFromRecords(records: readonly Pick<ContractRecord, "name" | "address">[]): string | undefined {
  const r = records.find((x) => x.name === GUARD_RECORDS.guard);
  return r ? getAddress(r.address) : undefined;
}

/** propose: lines describing the announcement step of `p` (empty when no call needs one). */
export function announcementPlan(
  p: Proposal,
  guard: string | undefined,
  delaySeconds: bigint,
  nowSeconds: bigint,
  network: string,
  file: string,
): string[] {
  if (!guard) return [];
  return announcementLines(
    callsNeedingAnnouncement(p.safe, guard, p.safeTx),
    guard,
    delaySeconds,
    nowSeconds,
    network,
    file,
  );
}

/** The lines of {@link announcementPlan} for calls already classified (none: no lines). */
function announcementLines(
  calls: readonly AnnouncedCall[],
  guard: string,
  delaySeconds: bigint,
  nowSeconds: bigint,
  network: string,
  file: string,
): string[] {
  if (calls.length === 0) return [];
  return [
    `ReserveGuard ${guard}: ${calls.length} call(s) of this proposal execute only after an announcement by an owner:`,
    ...calls.map(
      (c, i) =>
        `  #${i + 1} ${c.kind === "delayed" ? "delayed call (changes code or widens a power)" : c.kind}` +
        ` to ${c.to}, function ${c.data.slice(0, 10)}: call hash ${c.hash}`,
    ),
    `Announce now: npm run safe:announce -- --network ${network} --proposal ${file} --keystore <owner keystore>`,
    `Earliest execution if announced now: ${formatTime(nowSeconds + delaySeconds)} (delay ${delaySeconds} s)`,
  ];
}

/**
 * propose and upgrade: the announcement step of a proposal just written (empty without a guard record or when no
 * call needs one): which calls, the `safe:announce` command and the earliest execution if announced now.
 */
export async function announcementStep(
  provider: Provider,
  records: readonly Pick<ContractRecord, "name" | "address">[],
  p: Proposal,
  network: string,
  file: string,
): Promise<string[]> {
  const guard = guardFromRecords(records);
  const calls = guard ? callsNeedingAnnouncement(p.safe, guard, p.safeTx) : [];
  if (!guard || calls.length === 0) return [];
  const block = await withTimeout(provider.getBlock("latest"), "latest block");
  return announcementLines(
    calls,
    guard,
    await guardDelayOf(provider, guard, p.safe),
    BigInt(block?.timestamp ?? 0),
    network,
    file,
  );
}

/**
 * execute: the guard's condition for `p` on chain before anything is sent. Throws a one-line error when a call
 * that needs an announcement was never announced (or expired); returns the time from which every such call is
 * due (0n when none needs one), which the caller waits for ({@link waitForChainTime}) or reports.
 */
export async function announcementsDueAt(provider: Provider, guard: string | undefined, p: Proposal): Promise<bigint> {
  if (!guard) return 0n;
  const calls = callsNeedingAnnouncement(p.safe, guard, p.safeTx);
  if (calls.length === 0) return 0n;
  const g = reserveGuardAt(guard, provider);
  let due = 0n;
  const block = await withTimeout(provider.getBlock("latest"), "latest block");
  const now = BigInt(block?.timestamp ?? 0);
  for (const [i, c] of calls.entries()) {
    const [executableAt, expiresAt] = await withTimeout(g.announcement(p.safe, c.hash), "guard announcement");
    const where = calls.length === 1 ? "the call" : `call #${i + 1}`;
    if (expiresAt === 0n)
      throw new GuardError(
        `${where} (${c.kind} to ${c.to}, call hash ${c.hash}) is not announced: the guard would refuse it; ` +
          `announce it (npm run safe:announce) and wait the delay`,
      );
    if (now > expiresAt)
      throw new GuardError(
        `${where} (call hash ${c.hash}): its announcement expired at ${formatTime(expiresAt)}; announce it again`,
      );
    if (executableAt > due) due = executableAt;
  }
  return due;
}

/** One announcement as the custodian's records keep it (written by status from the chain). */
export interface RecordedAnnouncement {
  hash: string;
  to: string;
  value: string;
  data: string;
  announcer: string;
  announcedAt: number;
  executableAt: number;
  expiresAt: number;
  transactionHash: string;
}

/** The custodian's announcement records of one Safe (a snapshot of the chain taken by status). */
export interface AnnouncementRecords {
  version: 1;
  chainId: number;
  guard: string;
  safe: string;
  /** Block time of the snapshot. */
  checkedAt: number;
  announcements: RecordedAnnouncement[];
}

export function announcementRecordsFile(dir: string, safe: string): string {
  return path.join(dir, `announcements-${getAddress(safe)}.json`);
}

/** status: reads the pending announcements from the chain and writes them into the custodian's records. */
export async function recordAnnouncements(
  provider: Provider,
  guard: string,
  safe: string,
  dir: string,
): Promise<{ file: string; records: AnnouncementRecords; pending: PendingAnnouncement[] }> {
  const pending = await pendingAnnouncements(provider, guard, safe);
  const chainId = Number((await withTimeout(provider.getNetwork(), "network")).chainId);
  const block = await withTimeout(provider.getBlock("latest"), "latest block");
  const records: AnnouncementRecords = {
    version: 1,
    chainId,
    guard: getAddress(guard),
    safe: getAddress(safe),
    checkedAt: block?.timestamp ?? 0,
    announcements: pending.map((a) => ({
      hash: a.hash,
      to: a.to,
      value: a.value.toString(),
      data: a.data,
      announcer: a.announcer ?? "",
      announcedAt: Number(a.announcedAt ?? 0n),
      executableAt: Number(a.executableAt ?? 0n),
      expiresAt: Number(a.expiresAt ?? 0n),
      transactionHash: a.transactionHash,
    })),
  };
  fs.mkdirSync(dir, { recursive: true });
  const file = announcementRecordsFile(dir, safe);
  fs.writeFileSync(file, `${JSON.stringify(records, null, 2)}\n`);
  return { file, records, pending };
}

/** sign: `--announcements <file or folder>`; a folder (the one safe:status wrote to) holds one file per Safe. */
export function readAnnouncementRecordsFor(fileOrDir: string, safe: string): AnnouncementRecords {
  const isDir = fs.existsSync(fileOrDir) && fs.statSync(fileOrDir).isDirectory();
  return readAnnouncementRecords(isDir ? announcementRecordsFile(fileOrDir, safe) : fileOrDir);
}

export function readAnnouncementRecords(file: string): AnnouncementRecords {
  try {
    return readJsonFile(file, announcementRecordsSchema);
  } catch (e) {
    throw new GuardError(`not readable announcement records: ${(e as Error).message}`);
  }
}

/** What status writes ({@link AnnouncementRecords}); addresses kept lowercase (a hand-edited checksum never throws). */
const announcementRecordsSchema = z.object({
  version: z.literal(1),
  chainId: nonNegativeInt,
  guard: hexAddress.transform((a) => a.toLowerCase()),
  safe: hexAddress.transform((a) => a.toLowerCase()),
  checkedAt: nonNegativeInt,
  announcements: z.array(
    z.object({
      hash: hexBytes32,
      to: hexAddress,
      value: decimalString,
      data: hexBytes,
      announcer: z.string(),
      announcedAt: nonNegativeInt,
      executableAt: nonNegativeInt,
      expiresAt: nonNegativeInt,
      transactionHash: z.string(),
    }),
  ),
}) satisfies z.ZodType<AnnouncementRecords>;

/**
 * status: terminal lines for the pending announcements. `decode` (the custodian decoder over their own records)
 * renders each call as contract, function and arguments; an announcement it cannot decode says so.
 */
export function describeAnnouncements(
  guard: string,
  pending: readonly PendingAnnouncement[],
  decode?: (call: InnerCall) => string[],
): string[] {
  const lines = [
    `  ReserveGuard ${guard}: ` +
      `${pending.length === 0 ? "no pending announcement" : `${pending.length} pending announcement(s)`}`,
  ];
  for (const a of pending) {
    lines.push(
      `    ${a.hash} ${a.state.toUpperCase()}: to ${a.to}, ` +
        `announced at ${formatTime(a.announcedAt ?? 0n)} by ${a.announcer ?? "?"}, ` +
        `executable from ${formatTime(a.executableAt ?? 0n)} until ${formatTime(a.expiresAt ?? 0n)}`,
    );
    if (decode) {
      let decoded: string[];
      try {
        decoded = decode({ to: a.to, value: a.value, data: a.data, operation: 0 });
      } catch (e) {
        decoded = [
          `CANNOT DECODE with your records (${(e as Error).message.split("\n")[0]}): ` +
            `check this announcement; cancel it if nobody expected it`,
        ];
      }
      for (const line of decoded) lines.push(`      ${line}`);
    }
  }
  return lines;
}

export interface GuardSignFinding {
  code: typeof UNANNOUNCED_RISK_CODE;
  where: string;
  message: string;
}

export interface GuardSignReview {
  /** "announced at …, executable from …" per call needing an announcement. */
  lines: string[];
  findings: GuardSignFinding[];
}

/**
 * sign (offline): the guard view of `p` from the custodian's own records. `records` must be the custodian's
 * announcement records for this chain, guard and Safe (written by their status run); anything else is refused.
 */
export function guardSignReview(
  p: Proposal,
  guard: string | undefined,
  records: AnnouncementRecords | undefined,
): GuardSignReview {
  if (!guard) return { lines: [], findings: [] };
  const calls: AnnouncedCall[] = callsNeedingAnnouncement(p.safe, guard, p.safeTx);
  if (calls.length === 0) return { lines: [], findings: [] };
  if (
    records &&
    (records.chainId !== p.chainId ||
      getAddress(records.guard) !== getAddress(guard) ||
      getAddress(records.safe) !== getAddress(p.safe))
  ) {
    throw new GuardError(
      `announcement records are for chain ${records.chainId}, guard ${records.guard}, Safe ${records.safe}; ` +
        `the proposal is for chain ${p.chainId}, guard ${guard}, Safe ${p.safe}`,
    );
  }
  const lines: string[] = [];
  const findings: GuardSignFinding[] = [];
  calls.forEach((c, i) => {
    const where = calls.length === 1 ? "transaction" : `announced call #${i + 1}`;
    const a = records?.announcements.find((x) => x.hash === c.hash);
    if (!a) {
      findings.push({
        code: UNANNOUNCED_RISK_CODE,
        where,
        message:
          `${c.kind} to ${c.to} (call hash ${c.hash}) is not announced in your records` +
          (records
            ? ` (status run at ${formatTime(records.checkedAt)})`
            : " (no announcement records: run safe:status first)") +
          `; the guard will refuse it until it is announced and the delay has passed`,
      });
      return;
    }
    lines.push(
      `${where}: ${c.kind} to ${c.to} announced at ${formatTime(a.announcedAt)} by ${a.announcer}, ` +
        `executable from ${formatTime(a.executableAt)} until ${formatTime(a.expiresAt)} ` +
        `(your records of ${formatTime(records?.checkedAt ?? 0)})`,
    );
  });
  return { lines, findings };
}

/** The guard's delay for `safe` (to print the earliest execution time at propose). */
export async function guardDelayOf(provider: Provider, guard: string, safe: string): Promise<bigint> {
  return withTimeout(reserveGuardAt(guard, provider).delayOf(safe), "guard delay");
}

/** Deploy output and the roles view: the Safe's guard, its timing, its call rule and pending announcements. */
export async function describeSafeGuard(provider: Provider, safe: string, expectedGuard?: string): Promise<string[]> {
  const installed = await guardOf(provider, safe);
  if (installed === "0x0000000000000000000000000000000000000000") {
    return [
      `ReserveSafe ${getAddress(safe)}: no transaction guard` +
        `${expectedGuard ? ` (EXPECTED ReserveGuard ${expectedGuard})` : ""}`,
    ];
  }
  const g = reserveGuardAt(installed, provider);
  const [delay, window, rule] = await Promise.all([
    withTimeout(g.delayOf(safe), "guard delay"),
    withTimeout(g.expiryWindowOf(safe), "guard expiry window"),
    withTimeout(g.callRuleOf(safe), "guard call rule"),
  ]);
  const pending = await pendingAnnouncements(provider, installed, safe);
  return [
    `ReserveSafe ${getAddress(safe)}: guard ReserveGuard ${installed}` +
      `${expectedGuard && getAddress(expectedGuard) !== installed ? ` (EXPECTED ${expectedGuard})` : ""}`,
    `  delay ${delay} s, expiry window ${window} s, ` +
      `call rule ${rule === "0x0000000000000000000000000000000000000000" ? "none" : rule}`,
    ...describeAnnouncements(installed, pending),
  ];
}
