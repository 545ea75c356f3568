/**
 * Signature checks before execution: each signature recovers to a current owner, no owner twice, at least
 * `threshold` of them, packed as Safe requires (65 bytes each, strictly ascending signer address, GS026).
 */
import { concat, getAddress } from "ethers";
import { recoverSafeTxSigner } from "./safeTx";
import { UserError } from "../chain";

export type SignatureProblem = "signer-mismatch" | "not-owner" | "duplicate" | "below-threshold";

export class SignatureError extends UserError {
  constructor(
    readonly problem: SignatureProblem,
    message: string,
  ) {
    super(message);
    this.name = "SignatureError";
  }
}

export interface SignedBy {
  signer: string;
  signature: string;
}

/** Sorts by signer address ascending (numeric order, as Safe compares addresses). */
export function sortBySigner<T extends SignedBy>(sigs: readonly T[]): T[] {
  return [...sigs].sort((a, b) => {
    const x = BigInt(a.signer);
    const y = BigInt(b.signer);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Concatenates 65-byte signatures in ascending signer order. */
export function packSignatures(sigs: readonly SignedBy[]): string {
  return concat(sortBySigner(sigs).map((s) => s.signature));
}

/**
 * Checks `sigs` against the Safe's current owners and threshold; returns them sorted.
 * Every signature must be an EIP-712 signature over `hash` by the signer it claims.
 */
export function validateSignatures(
  hash: string,
  sigs: readonly SignedBy[],
  owners: readonly string[],
  threshold: number,
): SignedBy[] {
  const ownerSet = new Set(owners.map((o) => getAddress(o)));
  const seen = new Set<string>();
  const checked: SignedBy[] = [];
  for (const s of sigs) {
    const recovered = recoverSafeTxSigner(hash, s.signature);
    if (recovered !== getAddress(s.signer)) {
      throw new SignatureError(
        "signer-mismatch",
        `signature listed for ${s.signer} recovers to ${recovered}: it does not sign this transaction`,
      );
    }
    if (!ownerSet.has(recovered))
      throw new SignatureError("not-owner", `${recovered} is not a current owner of the Safe`);
    if (seen.has(recovered)) throw new SignatureError("duplicate", `${recovered} signed twice; each owner counts once`);
    seen.add(recovered);
    checked.push({ signer: recovered, signature: s.signature });
  }
  if (checked.length < threshold) {
    throw new SignatureError(
      "below-threshold",
      `${checked.length} valid owner signature(s), the Safe's threshold is ${threshold}`,
    );
  }
  return sortBySigner(checked);
}
