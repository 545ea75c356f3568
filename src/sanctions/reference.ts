/**
 * The legal reference a sanctions freeze carries on chain. `freezeBatch(address[])` takes no reference, so the
 * screening appends one to its calldata, after the ABI-encoded arguments (the token never reads it; it stays in the
 * transaction's input, on chain for good):
 *
 *   abi.encode(bytes32 MAGIC, bytes32 listHash, string lists, string date, string[] entryIds)
 *
 * with MAGIC = keccak256("som.sanctions-reference.v1"), `listHash` the sha256 of the list file (of the list files'
 * hashes, concatenated in order, when several), `lists` their names, `date` the lists' date and `entryIds` the
 * entries ("<list>:<id>") of the chunk's addresses. The custodian tooling shows it in every review (src/custody/
 * decode.ts): trailing bytes that are not exactly this encoding stay an error ("signed but never shown").
 */
import { AbiCoder, keccak256, toUtf8Bytes } from "ethers";
import { createHash } from "node:crypto";
import type { SanctionsList } from "./lists";

export const REFERENCE_MAGIC = keccak256(toUtf8Bytes("som.sanctions-reference.v1"));

const TYPES = ["bytes32", "bytes32", "string", "string", "string[]"] as const;

export interface SanctionsReference {
  /** bytes32: the list file's sha256, or the sha256 of the files' hashes concatenated. */
  listHash: string;
  /** Names of the lists ("OFAC SDN + KG national list"). */
  lists: string;
  /** Date of the lists (the latest), YYYY-MM-DD. */
  date: string;
  /** "<list>:<entry id>" of the entries behind this transaction's addresses. */
  entryIds: string[];
}

/** The combined hash of the lists screened together (one list: its own hash). */
export function combinedListHash(lists: readonly Pick<SanctionsList, "hash">[]): string {
  if (lists.length === 1) return lists[0].hash;
  const h = createHash("sha256");
  for (const l of lists) h.update(Buffer.from(l.hash.slice(2), "hex"));
  return `0x${h.digest("hex")}`;
}

/** The reference as calldata bytes (0x-hex). */
export function encodeReference(r: SanctionsReference): string {
  return AbiCoder.defaultAbiCoder().encode(TYPES, [REFERENCE_MAGIC, r.listHash, r.lists, r.date, r.entryIds]);
}

/** `calldata` with the reference appended. */
export function withReference(calldata: string, r: SanctionsReference): string {
  return `${calldata}${encodeReference(r).slice(2)}`;
}

/** The reference `suffix` (0x-hex) encodes, or undefined when it is not exactly one. */
export function decodeReference(suffix: string): SanctionsReference | undefined {
  if (!suffix.toLowerCase().startsWith(REFERENCE_MAGIC.toLowerCase())) return undefined;
  try {
    const [, listHash, lists, date, entryIds] = AbiCoder.defaultAbiCoder().decode(TYPES, suffix);
    const r: SanctionsReference = {
      listHash: String(listHash),
      lists: String(lists),
      date: String(date),
      entryIds: (entryIds as string[]).map(String),
    };
    return encodeReference(r).toLowerCase() === suffix.toLowerCase() ? r : undefined;
  } catch {
    return undefined;
  }
}

/** One line for reviews and reports. */
export function describeReference(r: SanctionsReference): string {
  const shown = r.entryIds.length <= 5 ? r.entryIds.join(", ") : `${r.entryIds.slice(0, 5).join(", ")}, …`;
  return (
    `legal reference: sanctions list ${r.lists} of ${r.date}, sha256 ${r.listHash}, ` +
    `${r.entryIds.length} entr${r.entryIds.length === 1 ? "y" : "ies"} (${shown})`
  );
}
