/**
 * The rules of the system's events: Safe owner/threshold/guard/module/fallback changes, upgrades, role grants and
 * revocations and admin transfers anywhere in the records, mints, burns, wipes, freezes, pauses, minter changes,
 * stablecoin leaving the reserve Safe above the configured amount. The guard's and the Safe executions' rules are in
 * ./guardRules.ts. Every line names addresses the way the custodian decoder does (records, the Safe, its owners).
 */
import { ZeroAddress } from "ethers";
import type { LogDescription } from "ethers";
import type { ScannedLog, ScannedTx } from "../chain/scan";
import { formatTokenAmount, nameAddress, roleName } from "../custody/decode";
import type { AlertDraft, Severity } from "./alert";
import type { WatchContext } from "./context";
import { recordName } from "./context";
import { executionAlert, guardAlert } from "./guardRules";

type Rule = { rule: string; severity: Severity; line: (c: WatchContext, ev: LogDescription, l: ScannedLog) => string };

const name = (c: WatchContext, a: unknown): string => nameAddress(c.env, a as string);
const coin = (c: WatchContext, v: unknown): string => formatTokenAmount(v as bigint, c.coinToken);
const role = (c: WatchContext, r: unknown): string => roleName(r as string, c.env.context) ?? (r as string);
const where = (c: WatchContext, l: ScannedLog): string => recordName(c, l.address) ?? l.address;

/** Rules by event signature (the Safe's events only from the reserve Safe). */
const RULES: Record<string, Rule> = {
  "AddedOwner(address)": {
    rule: "safe.owners",
    severity: "critical",
    line: (c, e) => `Safe owner ADDED: ${name(c, e.args[0])}`,
  },
  "RemovedOwner(address)": {
    rule: "safe.owners",
    severity: "critical",
    line: (c, e) => `Safe owner REMOVED: ${name(c, e.args[0])}`,
  },
  "ChangedThreshold(uint256)": {
    rule: "safe.threshold",
    severity: "critical",
    line: (_c, e) => `Safe threshold changed to ${e.args[0]}`,
  },
  "ChangedGuard(address)": {
    rule: "safe.guard",
    severity: "critical",
    line: (c, e) => `Safe GUARD changed to ${name(c, e.args[0])}`,
  },
  "EnabledModule(address)": {
    rule: "safe.module",
    severity: "critical",
    line: (c, e) => `Safe MODULE ENABLED: ${name(c, e.args[0])} (it can move everything without signatures)`,
  },
  "DisabledModule(address)": {
    rule: "safe.module",
    severity: "warning",
    line: (c, e) => `Safe module disabled: ${name(c, e.args[0])}`,
  },
  "ChangedFallbackHandler(address)": {
    rule: "safe.fallback",
    severity: "critical",
    line: (c, e) => `Safe FALLBACK HANDLER changed to ${name(c, e.args[0])}`,
  },
  "Upgraded(address)": {
    rule: "upgrade",
    severity: "critical",
    line: (c, e, l) => `UPGRADED ${where(c, l)} to implementation ${name(c, e.args[0])}`,
  },
  "BeaconUpgraded(address)": {
    rule: "upgrade",
    severity: "critical",
    line: (c, e, l) => `${where(c, l)} now follows BEACON ${name(c, e.args[0])}`,
  },
  "RoleGranted(bytes32,address,address)": {
    rule: "role.granted",
    severity: "warning",
    line: (c, e, l) =>
      `${where(c, l)}: ${role(c, e.args[0])} GRANTED to ${name(c, e.args[1])} by ${name(c, e.args[2])}`,
  },
  "RoleRevoked(bytes32,address,address)": {
    rule: "role.revoked",
    severity: "warning",
    line: (c, e, l) =>
      `${where(c, l)}: ${role(c, e.args[0])} revoked from ${name(c, e.args[1])} by ${name(c, e.args[2])}`,
  },
  "DefaultAdminTransferScheduled(address,uint48)": {
    rule: "admin.transfer",
    severity: "critical",
    line: (c, e, l) => `${where(c, l)}: DEFAULT ADMIN hand-over to ${name(c, e.args[0])} scheduled`,
  },
  "DefaultAdminTransferCanceled()": {
    rule: "admin.transfer",
    severity: "info",
    line: (c, _e, l) => `${where(c, l)}: admin hand-over cancelled`,
  },
  "OwnershipTransferred(address,address)": {
    rule: "admin.transfer",
    severity: "critical",
    line: (c, e, l) => `${where(c, l)}: ownership transferred from ${name(c, e.args[0])} to ${name(c, e.args[1])}`,
  },
  "Minted(address,uint256)": {
    rule: "mint",
    severity: "info",
    line: (c, e) => `Minted ${coin(c, e.args[1])} into the reserve by minter ${name(c, e.args[0])}`,
  },
  "MinterConfigured(address,uint256,uint256,uint256)": {
    rule: "minter.configured",
    severity: "warning",
    line: (c, e) =>
      `Minter ${name(c, e.args[0])} configured: allowance ${coin(c, e.args[1])}, bucket ${coin(c, e.args[2])}`,
  },
  "MinterRemoved(address,uint256)": {
    rule: "minter.removed",
    severity: "warning",
    line: (c, e) => `Minter ${name(c, e.args[0])} removed`,
  },
  "Burned(address,uint256,bytes32)": {
    rule: "burn",
    severity: "info",
    line: (c, e) => `Burned ${coin(c, e.args[1])} by ${name(c, e.args[0])}, reference ${e.args[2]}`,
  },
  "FrozenBalanceWiped(address,uint256,bytes32)": {
    rule: "wipe",
    severity: "critical",
    line: (c, e) => `WIPED ${coin(c, e.args[1])} of frozen ${name(c, e.args[0])}, legal order ${e.args[2]}`,
  },
  "Frozen(address)": {
    rule: "freeze",
    severity: "warning",
    line: (c, e, l) => `${where(c, l)}: FROZEN ${name(c, e.args[0])}`,
  },
  "Unfrozen(address)": {
    rule: "unfreeze",
    severity: "warning",
    line: (c, e, l) => `${where(c, l)}: unfrozen ${name(c, e.args[0])}`,
  },
  "Frozen(address,uint256)": {
    rule: "freeze",
    severity: "warning",
    line: (c, e, l) => `${where(c, l)}: ${e.args[1]} shares of ${name(c, e.args[0])} frozen`,
  },
  "FullFreezeUpdated(address,bool)": {
    rule: "freeze",
    severity: "warning",
    line: (c, e, l) => `${where(c, l)}: ${name(c, e.args[0])} ${e.args[1] ? "FROZEN" : "unfrozen"}`,
  },
  "Paused(address)": {
    rule: "pause",
    severity: "critical",
    line: (c, e, l) => `${where(c, l)} PAUSED by ${name(c, e.args[0])}`,
  },
  "Unpaused(address)": {
    rule: "unpause",
    severity: "warning",
    line: (c, e, l) => `${where(c, l)} unpaused by ${name(c, e.args[0])}`,
  },
};

const SAFE_ONLY = new Set(["safe.owners", "safe.threshold", "safe.guard", "safe.module", "safe.fallback"]);

/** The alert of one decoded log, or undefined when no rule fires. */
export function eventAlert(
  c: WatchContext,
  l: ScannedLog,
  ev: LogDescription,
  logs: readonly ScannedLog[],
  txs: Map<string, ScannedTx>,
): AlertDraft | undefined {
  const fromSafe = l.address.toLowerCase() === c.safe.toLowerCase();
  if (ev.name === "ExecutionSuccess" || ev.name === "ExecutionFailure") {
    return fromSafe ? executionAlert(c, l, ev, logs, txs.get(l.transactionHash)) : undefined;
  }
  const guarded = guardAlert(c, l, ev);
  if (guarded) return guarded;
  if (ev.signature === "Transfer(address,address,uint256)") return outflowAlert(c, l, ev);
  const r = RULES[ev.signature];
  if (!r || (SAFE_ONLY.has(r.rule) && !fromSafe)) return undefined;
  return {
    key: `${r.rule}:${l.transactionHash}:${l.logIndex}`,
    rule: r.rule,
    severity: r.severity,
    line: r.line(c, ev, l),
    block: l.blockNumber,
    transaction: l.transactionHash,
    logIndex: l.logIndex,
    contract: recordName(c, l.address),
    details: Object.fromEntries(ev.fragment.inputs.map((p, i) => [p.name || `arg${i}`, String(ev.args[i])])),
  };
}

/** Stablecoin leaving the reserve Safe, at or above the configured amount. */
function outflowAlert(c: WatchContext, l: ScannedLog, ev: LogDescription): AlertDraft | undefined {
  const [from, to, value] = [ev.args[0] as string, ev.args[1] as string, ev.args[2] as bigint];
  if (l.address.toLowerCase() !== c.coin.address.toLowerCase()) return undefined;
  if (from.toLowerCase() !== c.safe.toLowerCase() || to === ZeroAddress) return undefined;
  if (value < c.settings.outflowAlertAmount) return undefined;
  return {
    key: `reserve.outflow:${l.transactionHash}:${l.logIndex}`,
    rule: "reserve.outflow",
    severity: "warning",
    line:
      `${coin(c, value)} LEFT the reserve Safe to ${name(c, to)} ` +
      `(alert threshold ${coin(c, c.settings.outflowAlertAmount)})`,
    block: l.blockNumber,
    transaction: l.transactionHash,
    logIndex: l.logIndex,
    contract: recordName(c, l.address),
    details: { to, amount: value.toString() },
  };
}
