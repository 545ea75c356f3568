/** Reusable field schemas and the helper for cross-field checks. */
import { z } from "zod";

/** Adds a custom issue at `path` (relative to the value being refined), for cross-field checks. */
export function addIssue(ctx: z.RefinementCtx, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: "custom", path, message });
}

/** A 0x-prefixed 20-byte hex address (any case; checksums are checked by ethers where needed). */
export const hexAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "expected a 0x address (40 hex digits)");
/** 0x-prefixed hex bytes of any even length. */
export const hexBytes = z.string().regex(/^0x([0-9a-fA-F]{2})*$/, "expected 0x-prefixed hex bytes");
/** A 32-byte hex value (hashes). */
export const hexBytes32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "expected a 0x-prefixed 32-byte hex value");
/** A non-negative integer written as a decimal string (token amounts in base units, uint256 values). */
export const decimalString = z
  .string()
  .regex(/^(0|[1-9][0-9]*)$/, "expected a non-negative whole number written as a decimal string");
/** A non-negative safe integer. */
export const nonNegativeInt = z.number().int("expected a whole number").nonnegative("expected a number ≥ 0");
