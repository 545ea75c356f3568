/**
 * Attestation reports: the EIP-712 domain and types of AttestationRegistry, digests, and the JSON file
 * format of an unsigned report (what attestors sign offline). Used by the tests, the CLIs and the gas suite.
 */
import fs from "node:fs";
import { TypedDataEncoder, decodeBytes32String, encodeBytes32String, getAddress, isHexString } from "ethers";
import type { TypedDataDomain, TypedDataField } from "ethers";
import { typedDataFields } from "../chain/eip712";
import { UserError } from "../chain/errors";
import { readJsonFile, z } from "../chain/schema";

/** A user mistake in a report, a signature file or a command line; the message names the field and file. */
export class AttestationInputError extends UserError {}

/** The registry's report (same fields and order as the Solidity struct). */
export interface Report {
  subject: string; // 0x bytes32
  value: bigint;
  asOf: bigint;
  docHash: string; // 0x bytes32
  uri: string;
}

/** A report together with the registry it is meant for. */
export interface ReportForRegistry {
  chainId: bigint;
  registry: string;
  report: Report;
}

/** The JSON file of an unsigned report, as written by humans. */
export interface ReportFile {
  chainId: number | string;
  registry: string;
  subject: string;
  value: string;
  asOf: number | string;
  docHash: string;
  uri?: string;
}

export const DOMAIN_NAME = "SomReserveAttestation";
export const DOMAIN_VERSION = "1";
export { SOM_RESERVES } from "../chain/constants";

export const REPORT_TYPES: Record<string, TypedDataField[]> = {
  Report: typedDataFields("bytes32 subject, uint256 value, uint64 asOf, bytes32 docHash, string uri"),
};

const UINT64_MAX = (1n << 64n) - 1n;
const UINT256_MAX = (1n << 256n) - 1n;

/** The EIP-712 domain of the registry at `registry` on chain `chainId`. */
export function reportDomain(chainId: bigint, registry: string): TypedDataDomain {
  return { name: DOMAIN_NAME, version: DOMAIN_VERSION, chainId, verifyingContract: getAddress(registry) };
}

/** The EIP-712 digest the registry computes in `reportDigest` (what attestors sign). */
export function reportDigest(r: ReportForRegistry): string {
  return TypedDataEncoder.hash(reportDomain(r.chainId, r.registry), REPORT_TYPES, reportValue(r.report));
}

/** The report as the plain object ethers' typed-data functions and the contract calls take. */
export function reportValue(report: Report): Record<string, string | bigint> {
  return { subject: report.subject, value: report.value, asOf: report.asOf, docHash: report.docHash, uri: report.uri };
}

/** A subject given as a name ("SOM_RESERVES", at most 31 bytes) or as a 0x-prefixed bytes32. */
export function parseSubject(subject: string, where = "subject"): string {
  if (isHexString(subject)) {
    if (!isHexString(subject, 32))
      throw new AttestationInputError(`${where}: a 0x subject must be 32 bytes, got "${subject}"`);
    if (/^0x0{64}$/.test(subject)) throw new AttestationInputError(`${where}: the zero subject is reserved`);
    return subject.toLowerCase();
  }
  if (subject.length === 0) throw new AttestationInputError(`${where}: empty subject`);
  try {
    return encodeBytes32String(subject);
  } catch {
    throw new AttestationInputError(`${where}: subject name "${subject}" is longer than 31 bytes`);
  }
}

/** A readable name for a subject: its string if it decodes to printable text, else the hex. */
export function subjectLabel(subject: string): string {
  try {
    const text = decodeBytes32String(subject);
    if (/^[\x20-\x7e]+$/.test(text)) return text;
  } catch {
    // not a short string: fall through
  }
  return subject;
}

function field(obj: Record<string, unknown>, name: string, source: string): unknown {
  if (!(name in obj) || obj[name] === undefined || obj[name] === null) {
    throw new AttestationInputError(`${source}: missing field "${name}"`);
  }
  return obj[name];
}

function parseUint(raw: unknown, name: string, source: string, max: bigint): bigint {
  const text =
    typeof raw === "number" ? (Number.isSafeInteger(raw) ? String(raw) : "") : typeof raw === "string" ? raw : "";
  if (!/^[0-9]+$/.test(text)) {
    throw new AttestationInputError(
      `${source}: field "${name}" must be a non-negative integer (decimal string), got ${JSON.stringify(raw)}`,
    );
  }
  const n = BigInt(text);
  if (n > max) throw new AttestationInputError(`${source}: field "${name}" is too large`);
  return n;
}

function parseBytes32(raw: unknown, name: string, source: string): string {
  if (typeof raw !== "string" || !isHexString(raw, 32)) {
    throw new AttestationInputError(`${source}: field "${name}" must be a 0x-prefixed 32-byte hex string`);
  }
  return raw.toLowerCase();
}

function parseAddress(raw: unknown, name: string, source: string): string {
  if (typeof raw !== "string") throw new AttestationInputError(`${source}: field "${name}" must be an address`);
  try {
    return getAddress(raw);
  } catch {
    throw new AttestationInputError(`${source}: field "${name}" is not a valid address (check its checksum): ${raw}`);
  }
}

/** Validates a parsed report JSON object; every error names `source` and the field. */
export function parseReportJson(json: unknown, source = "report"): ReportForRegistry {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new AttestationInputError(`${source}: expected a JSON object`);
  }
  const obj = json as Record<string, unknown>;
  const known = new Set(["chainId", "registry", "subject", "value", "asOf", "docHash", "uri"]);
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) throw new AttestationInputError(`${source}: unknown field "${key}"`);
  }
  const chainId = parseUint(field(obj, "chainId", source), "chainId", source, UINT256_MAX);
  if (chainId === 0n) throw new AttestationInputError(`${source}: field "chainId" must be nonzero`);
  const registry = parseAddress(field(obj, "registry", source), "registry", source);
  const rawSubject = field(obj, "subject", source);
  if (typeof rawSubject !== "string") throw new AttestationInputError(`${source}: field "subject" must be a string`);
  const subject = parseSubject(rawSubject, `${source}: field "subject"`);
  const value = parseUint(field(obj, "value", source), "value", source, UINT256_MAX);
  const asOf = parseUint(field(obj, "asOf", source), "asOf", source, UINT64_MAX);
  const docHash = parseBytes32(field(obj, "docHash", source), "docHash", source);
  const uri = obj.uri ?? "";
  if (typeof uri !== "string") throw new AttestationInputError(`${source}: field "uri" must be a string`);
  return { chainId, registry, report: { subject, value, asOf, docHash, uri } };
}

/**
 * The fields of a report file, read with the project's schema reader (src/chain/schema.ts): invalid
 * JSON by line:column, unknown fields with "did you mean …?", each message with the file and line.
 * Their contents are then checked by {@link parseReportJson}.
 */
const reportFileSchema = z.strictObject({
  chainId: z.unknown(),
  registry: z.unknown(),
  subject: z.unknown(),
  value: z.unknown(),
  asOf: z.unknown(),
  docHash: z.unknown(),
  uri: z.unknown().optional(),
});

/** Reads and validates an unsigned report file. */
export function readReportFile(file: string): ReportForRegistry {
  if (!fs.existsSync(file)) throw new AttestationInputError(`report file ${file} not found`);
  return parseReportJson(readJsonFile(file, reportFileSchema), file);
}

/** The JSON file form of a report (inverse of {@link parseReportJson}; subject kept as bytes32 hex). */
export function toReportFile(r: ReportForRegistry): ReportFile {
  return {
    chainId: r.chainId.toString(),
    registry: getAddress(r.registry),
    subject: r.report.subject,
    value: r.report.value.toString(),
    asOf: r.report.asOf.toString(),
    docHash: r.report.docHash,
    uri: r.report.uri,
  };
}
