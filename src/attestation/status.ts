/**
 * Current reports and their ages: reading them (needs an RPC) and formatting them (pure, unit-tested).
 */
import { formatAmount } from "../chain/amounts";
import { getAddress } from "ethers";
import type { ContractRunner } from "ethers";
import { withTimeout } from "../chain";
import { registryAt } from "./abi";
import { AttestationInputError, subjectLabel } from "./report";

/** One subject's current report as read from the registry. */
export interface SubjectStatus {
  subject: string;
  roundId: bigint;
  value: bigint;
  asOf: bigint;
  docHash: string;
  uri: string;
  maxAge: bigint;
  fresh: boolean;
}

/** Reads the current report of every subject in `subjects` (bytes32 hex). */
export async function readStatus(
  registryAddress: string,
  subjects: string[],
  runner: ContractRunner,
): Promise<{ decimals: number; statuses: SubjectStatus[] }> {
  let address: string;
  try {
    address = getAddress(registryAddress);
  } catch {
    throw new AttestationInputError(`registry: not a valid address (check its checksum): ${registryAddress}`);
  }
  const registry = registryAt(address, runner);
  const decimals = Number(await withTimeout(registry.valueDecimals(), `valueDecimals() of registry ${address}`));
  const statuses: SubjectStatus[] = [];
  for (const subject of subjects) {
    const [report, round, config, fresh] = await withTimeout(
      Promise.all([
        registry.currentReport(subject),
        registry.latestRound(subject),
        registry.subjectConfig(subject),
        registry.isFresh(subject),
      ]),
      `report of subject ${subject}`,
    );
    statuses.push({
      subject,
      roundId: BigInt(round.roundId),
      value: BigInt(report.value),
      asOf: BigInt(report.asOf),
      docHash: String(report.docHash),
      uri: String(report.uri),
      maxAge: BigInt(config.maxAge),
      fresh: Boolean(fresh),
    });
  }
  return { decimals, statuses };
}

/** "3d 4h", "5h 2m", "42s": the two largest units of a duration in seconds (negative: "in the future"). */
export function formatAge(seconds: bigint): string {
  if (seconds < 0n) return `${formatAge(-seconds)} in the future`;
  const units: [string, bigint][] = [
    ["d", 86_400n],
    ["h", 3_600n],
    ["m", 60n],
    ["s", 1n],
  ];
  const parts: string[] = [];
  let rest = seconds;
  for (const [name, size] of units) {
    if (rest >= size || (name === "s" && parts.length === 0)) {
      parts.push(`${rest / size}${name}`);
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

/** A value in minor units with `decimals`, grouped by thousands: 123456789 with 2 -> "1,234,567.89". */
export function formatValue(value: bigint, decimals: number): string {
  return formatAmount(value, { decimals, symbol: "" });
}

/** One line per subject: name, value, as-of (ISO), age, freshness, round, document hash and URI. */
export function formatStatusLine(s: SubjectStatus, decimals: number, now: bigint): string {
  const name = subjectLabel(s.subject);
  if (s.roundId === 0n) return `${name}: no report yet`;
  const asOf = new Date(Number(s.asOf) * 1000).toISOString();
  const state = s.fresh ? "fresh" : "STALE";
  const limit = s.maxAge === 0n ? "not configured" : `max ${formatAge(s.maxAge)}`;
  const uri = s.uri === "" ? "" : ` uri ${s.uri}`;
  return (
    `${name}: ${formatValue(s.value, decimals)} som as of ${asOf} ` +
    `(age ${formatAge(now - s.asOf)}, ${state}, ${limit}) round ${s.roundId} doc ${s.docHash}${uri}`
  );
}

/** The whole status report. */
export function formatStatus(statuses: SubjectStatus[], decimals: number, now: bigint): string {
  return statuses.map((s) => formatStatusLine(s, decimals, now)).join("\n");
}
