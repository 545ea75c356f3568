/**
 * Offline signing of attestation reports, and the signature file format. No RPC: the chain id and the
 * registry address come from the report file.
 */
import fs from "node:fs";
import { Signature, getAddress, isHexString, verifyTypedData } from "ethers";
import type { Signer } from "ethers";
import { AttestationInputError, REPORT_TYPES, reportDigest, reportDomain, reportValue } from "./report";
import type { ReportForRegistry } from "./report";
import { readJsonFile, z } from "../chain/schema";

/** A signature file: who signed, the signature, and the digest it covers (to match against the report). */
export interface SignatureFile {
  signer: string;
  signature: string;
  digest: string;
}

/**
 * Signs `r` with `signer` (EIP-712 `eth_signTypedData_v4`). For an ERC-1271 attestor (a Safe), pass
 * `onBehalfOf`: the signature file then names the contract as signer and carries whatever signature the
 * caller's key produced (the contract decides whether it is valid).
 */
export async function signReport(r: ReportForRegistry, signer: Signer, onBehalfOf?: string): Promise<SignatureFile> {
  const signature = await signer.signTypedData(
    reportDomain(r.chainId, r.registry),
    REPORT_TYPES,
    reportValue(r.report),
  );
  const address = onBehalfOf ? getAddress(onBehalfOf) : getAddress(await signer.getAddress());
  return { signer: address, signature, digest: reportDigest(r) };
}

/** The EOA that produced an ECDSA `signature` over `r` (throws on a malformed signature). */
export function recoverReportSigner(r: ReportForRegistry, signature: string): string {
  return verifyTypedData(reportDomain(r.chainId, r.registry), REPORT_TYPES, reportValue(r.report), signature);
}

/** Validates a parsed signature JSON object; errors name `source` and the field. */
export function parseSignatureJson(json: unknown, source = "signature"): SignatureFile {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new AttestationInputError(`${source}: expected a JSON object`);
  }
  const obj = json as Record<string, unknown>;
  let signer: string;
  try {
    signer = getAddress(String(obj.signer));
  } catch {
    throw new AttestationInputError(`${source}: field "signer" is not a valid address`);
  }
  if (typeof obj.signature !== "string" || !isHexString(obj.signature) || obj.signature.length < 4) {
    throw new AttestationInputError(`${source}: field "signature" must be 0x-prefixed hex`);
  }
  if (typeof obj.digest !== "string" || !isHexString(obj.digest, 32)) {
    throw new AttestationInputError(`${source}: field "digest" must be a 0x-prefixed 32-byte hex string`);
  }
  return { signer, signature: obj.signature.toLowerCase(), digest: obj.digest.toLowerCase() };
}

/** Reads and validates a signature file. */
export function readSignatureFile(file: string): SignatureFile {
  if (!fs.existsSync(file)) throw new AttestationInputError(`signature file ${file} not found`);
  return parseSignatureJson(readJsonFile(file, z.unknown()), file);
}

/** Writes a signature file (refuses to overwrite an existing file). */
export function writeSignatureFile(file: string, sig: SignatureFile): void {
  if (fs.existsSync(file)) throw new AttestationInputError(`${file} already exists; refusing to overwrite`);
  fs.writeFileSync(file, `${JSON.stringify(sig, null, 2)}\n`);
}

/** True when `signature` is a 65-byte ECDSA signature (else it can only be checked by an ERC-1271 contract). */
export function isEcdsaSignature(signature: string): boolean {
  try {
    Signature.from(signature);
    return true;
  } catch {
    return false;
  }
}
