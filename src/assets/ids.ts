/**
 * Asset ids, document names and document hashes as the asset contracts expect them.
 */
import { encodeBytes32String, isHexString, keccak256, toUtf8Bytes } from "ethers";
import { AssetsError } from "./errors";

/**
 * The asset id of `key` (keccak256 of its UTF-8 bytes), e.g. `assetIdFrom("cadastral:1-01-01-0001-0001")`
 * or `assetIdFrom("isin:KG0000000001")`. The same id is the asset's subject in the attestation registry.
 */
export function assetIdFrom(key: string): string {
  if (key.trim() === "") throw new AssetsError('asset key is empty (expected e.g. "cadastral:<number>")');
  return keccak256(toUtf8Bytes(key));
}

/** keccak256 of a document's content (bytes, or a string taken as UTF-8), for `setDocument`. */
export function documentHashOf(content: Uint8Array | string): string {
  return keccak256(typeof content === "string" ? toUtf8Bytes(content) : content);
}

/** A document name as bytes32: a short label (at most 31 bytes of UTF-8), or a 32-byte hex string as is. */
export function documentName(label: string): string {
  if (isHexString(label, 32)) return label;
  if (label === "") throw new AssetsError("document name is empty");
  try {
    return encodeBytes32String(label);
  } catch {
    throw new AssetsError(`document name "${label}" is longer than 31 bytes`);
  }
}
