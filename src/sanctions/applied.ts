/**
 * The sanctions lists a records holder applied (or recorded) last, kept on their SomStablecoin record
 * (`sanctions`, src/chain/records.ts): what the offline `sign` marks SANCTIONS-LISTED with, what the next screening
 * compares against for delisted addresses, and what the reserve report shows (with the addresses' frozen state read
 * from chain beside it).
 */
import type { ContractRecord, RecordSanctions } from "../chain/records";
import { writeRecord } from "../chain/records";
import type { ScreeningDiff } from "./diff";

export type AppliedList = RecordSanctions & { addresses: string[] };

/** The record's last applied list, with its addresses listed. */
export function appliedListOf(record: Pick<ContractRecord, "sanctions"> | undefined): AppliedList | undefined {
  const s = record?.sanctions;
  return s ? { ...s, addresses: Object.keys(s.entries) } : undefined;
}

/** The record entry for a screening `diff`. */
export function sanctionsRecord(diff: ScreeningDiff, how: RecordSanctions["how"], at: Date): RecordSanctions {
  const entries: Record<string, string[]> = {};
  for (const s of [...diff.toFreeze, ...diff.alreadyFrozen]) entries[s.address] = s.entries;
  return {
    listHash: diff.listHash,
    lists: diff.listNames,
    date: diff.date,
    files: diff.lists.map((l) => ({ file: l.file, name: l.name, hash: l.hash, entries: l.entries })),
    how,
    block: diff.block,
    at: at.toISOString(),
    entries,
  };
}

/** Writes `sanctions` onto the SomStablecoin record of `root`/`network`. */
export function recordSanctions(root: string, network: string, stablecoin: ContractRecord, s: RecordSanctions): void {
  writeRecord(root, network, { ...stablecoin, sanctions: s });
}

/** "SANCTIONS-LISTED (<list>:<id>, …; OFAC SDN of 2025-08-14, applied at block 12)" or undefined. */
export function sanctionsMark(s: RecordSanctions | undefined, address: string): string | undefined {
  const hit = s ? Object.entries(s.entries).find(([a]) => a.toLowerCase() === address.toLowerCase()) : undefined;
  if (!s || !hit) return undefined;
  return `SANCTIONS-LISTED (${hit[1].join(", ")}; ${s.lists} of ${s.date}, ${s.how} at block ${s.block})`;
}
