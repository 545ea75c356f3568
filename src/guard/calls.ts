/**
 * ReserveGuard call facts, pure and offline: the call hash (the same as the guard's `callHash`), which
 * calls of a Safe transaction need an announcement, and the calldata of the guard's own functions.
 * Used by propose/sign (offline), status, announce and the deployment alike.
 */
import { AbiCoder, Interface, getAddress, keccak256 } from "ethers";
import type { ReserveGuardInterface } from "../../typechain-types/contracts/guard/ReserveGuard";
import { decodeMultiSendCall, isMultiSendCall } from "../safe/multisend";
import type { InnerCall } from "../safe/multisend";
import type { SafeTx } from "../safe/safeTx";
import { UserError } from "../chain/errors";
import { delayedSelectors, isDelayedCalldata } from "./classification";
import { reserveGuardInterface } from "./contract";

export { SAFE_GUARD_SLOT } from "../safe/slots";

/** ERC-165 id of Safe v1.4.1's `Guard` interface (what `setGuard` requires the guard to support). */
export const SAFE_GUARD_INTERFACE_ID = "0xe6d7a83a";
/** Public networks: 48 hours. */
export const PUBLIC_DEFAULT_DELAY_SECONDS = 48 * 3600;
/** Default expiry window: 7 days after the call becomes executable. */
export const DEFAULT_EXPIRY_WINDOW_SECONDS = 7 * 24 * 3600;

export class GuardError extends UserError {}

/** The guard's ABI interface (the owned fragments of ./contract.ts, typed as TypeChain's). */
export function guardInterface(): ReserveGuardInterface {
  return reserveGuardInterface();
}

/** keccak256(abi.encode(safe, to, value, keccak256(data), operation)): equals ReserveGuard.callHash. */
export function guardCallHash(
  safe: string,
  call: { to: string; value: bigint; data: string; operation?: number },
): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ["address", "address", "uint256", "bytes32", "uint8"],
      [getAddress(safe), getAddress(call.to), call.value, keccak256(call.data), call.operation ?? 0],
    ),
  );
}

/** A call the guard lets execute only after an announcement. */
export interface AnnouncedCall extends InnerCall {
  /** Guard call hash of the call. */
  hash: string;
  /**
   * "self-call" (the Safe calls itself), "guard-config" (setDelay / setExpiryWindow / setCallRule /
   * undelaySelectors) or "delayed" (a selector on the delayed set: upgrades, role grants, reserve and minter
   * settings, ...; src/guard/classification.ts).
   */
  kind: "self-call" | "guard-config" | "delayed";
}

const CONFIG_FUNCTIONS = ["setDelay", "setExpiryWindow", "setCallRule", "undelaySelectors"] as const;

function classify(safe: string, guard: string | undefined, call: InnerCall): AnnouncedCall["kind"] | undefined {
  const to = getAddress(call.to);
  if (to === getAddress(safe)) return "self-call";
  if (guard && to === getAddress(guard)) {
    const iface = guardInterface();
    const selector = call.data.slice(0, 10).toLowerCase();
    if (CONFIG_FUNCTIONS.some((fn) => iface.getFunction(fn).selector === selector)) return "guard-config";
    return undefined;
  }
  if (guard && isDelayedCalldata(call.data)) return "delayed";
  return undefined;
}

/**
 * The calls of `tx` (one call, or the entries of a MultiSendCallOnly batch) that the guard executes only
 * after an announcement: calls of the Safe to itself, changes of its guard configuration, and calls with a
 * selector on the delayed set (the classification's; installed with the Safe).
 */
export function callsNeedingAnnouncement(
  safe: string,
  guard: string | undefined,
  tx: Pick<SafeTx, "to" | "value" | "data" | "operation">,
): AnnouncedCall[] {
  const calls: InnerCall[] =
    tx.operation === 1 && isMultiSendCall(tx.data)
      ? decodeMultiSendCall(tx.data)
      : tx.operation === 0
        ? [{ to: tx.to, value: tx.value, data: tx.data, operation: 0 }]
        : [];
  const out: AnnouncedCall[] = [];
  for (const call of calls) {
    const kind = classify(safe, guard, call);
    if (kind) out.push({ ...call, operation: 0, kind, hash: guardCallHash(safe, call) });
  }
  return out;
}

const SAFE_SELF_ABI = new Interface([
  "function setGuard(address guard)",
  "function setFallbackHandler(address handler)",
  "function disableModule(address prevModule, address module)",
]);

/** A plain call (no value, operation CALL) of `to` with `data`: what every call built below is. */
function callTo(to: string, data: string): InnerCall {
  return { to: getAddress(to), value: 0n, operation: 0, data };
}

/** The Safe's own `setGuard(guard)` (a self-call; the zero address removes the guard). */
export function setGuardCall(safe: string, guard: string): InnerCall {
  return callTo(safe, SAFE_SELF_ABI.encodeFunctionData("setGuard", [getAddress(guard)]));
}

/**
 * The Safe's own `setFallbackHandler(handler)` (a self-call). A reserve Safe has no fallback handler
 * (`handler` = the zero address): see `safeSetupData` in src/safe/deploy.ts.
 */
export function setFallbackHandlerCall(safe: string, handler: string): InnerCall {
  return callTo(safe, SAFE_SELF_ABI.encodeFunctionData("setFallbackHandler", [getAddress(handler)]));
}

/**
 * The Safe's own `disableModule(prevModule, module)` (a self-call; `prevModule` is the one listed before it, or the
 * sentinel 0x…01 for the first).
 */
export function disableModuleCall(safe: string, prevModule: string, module: string): InnerCall {
  return callTo(safe, SAFE_SELF_ABI.encodeFunctionData("disableModule", [getAddress(prevModule), getAddress(module)]));
}

/** The Safe cancels one of its announcements (a call to the guard; needs the threshold, no delay). */
export function cancelCall(guard: string, hash: string): InnerCall {
  return callTo(guard, guardInterface().encodeFunctionData("cancel", [hash]));
}

/** The Safe puts selectors on its delayed set (instant: it only slows the Safe down). Default: the classification's. */
export function delaySelectorsCall(guard: string, selectors: readonly string[] = delayedSelectors()): InnerCall {
  return callTo(guard, guardInterface().encodeFunctionData("delaySelectors", [[...selectors]]));
}

/** The Safe takes selectors off its delayed set (must itself be announced). */
export function undelaySelectorsCall(guard: string, selectors: readonly string[]): InnerCall {
  return callTo(guard, guardInterface().encodeFunctionData("undelaySelectors", [[...selectors]]));
}

/** The Safe changes its delay (must itself be announced). */
export function setDelayCall(guard: string, seconds: bigint): InnerCall {
  return callTo(guard, guardInterface().encodeFunctionData("setDelay", [seconds]));
}

/** The Safe changes its expiry window (must itself be announced). */
export function setExpiryWindowCall(guard: string, seconds: bigint): InnerCall {
  return callTo(guard, guardInterface().encodeFunctionData("setExpiryWindow", [seconds]));
}

/** The Safe installs, replaces or (zero) removes its call rule (must itself be announced). */
export function setCallRuleCall(guard: string, rule: string): InnerCall {
  return callTo(guard, guardInterface().encodeFunctionData("setCallRule", [rule]));
}

/** "2026-11-29 14:20:10 UTC" for a unix time in seconds. */
export function formatTime(seconds: bigint | number): string {
  return `${new Date(Number(seconds) * 1000)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "")} UTC`;
}
