/**
 * The rules closest to the guard: every announcement (decoded with the custodian decoder, its class, earliest
 * execution, UNEXPECTED when no proposal of the custodians' folder has that call), cancellations, executions of
 * announced calls, changes of the guard's settings, and every Safe execution (decoded) and failure.
 */
import type { LogDescription } from "ethers";
import type { ScannedLog, ScannedTx } from "../chain/scan";
import { decodeCall } from "../custody/decode";
import { describeCall } from "../custody/describe";
import { callsNeedingAnnouncement, formatTime } from "../guard/calls";
import type { AlertDraft } from "./alert";
import { isoTime } from "./alert";
import type { WatchContext } from "./context";
import { executedCall } from "./events";
import type { SafeCall } from "./events";
import { proposedCallHashes } from "./proposals";

/**
 * The first plain-words line of a call, as a custodian reviewing it reads it; a function without plain words is
 * named with its target and arguments ("Call cancel on ReserveGuard (0x…): hash = 0x…").
 */
export function callLine(c: WatchContext, call: SafeCall): string {
  try {
    const d = decodeCall(c.env, call);
    const first = describeCall(d)[0]?.trim() ?? "(empty call)";
    if (!first.startsWith("Call ") || !d.functionName) return first;
    const args = d.args.map((a) => `${a.name} = ${a.text}`).join(", ");
    return `Call ${d.functionName} on ${d.target}${args ? `: ${args}` : ""}`;
  } catch (e) {
    return `(cannot decode: ${(e as Error).message.split("\n")[0]})`;
  }
}

const CLASS_WORDS: Record<string, string> = {
  "self-call": "self-call of the Safe",
  "guard-config": "guard setting",
  delayed: "delayed call (changes code or widens a power)",
};

/** The class of an announced call, as the guard's classification has it. */
export function announcedClass(c: WatchContext, call: SafeCall): string {
  const kind = callsNeedingAnnouncement(c.safe, c.guard, { ...call, operation: 0 })[0]?.kind;
  return kind ? CLASS_WORDS[kind] : "needs no announcement";
}

function base(l: ScannedLog, rule: string, severity: AlertDraft["severity"], line: string): AlertDraft {
  return {
    key: `${rule}:${l.transactionHash}:${l.logIndex}`,
    rule,
    severity,
    line,
    block: l.blockNumber,
    transaction: l.transactionHash,
    logIndex: l.logIndex,
    contract: null,
    details: {},
  };
}

/** An alert for a ReserveGuard event of the reserve Safe, or undefined for events of other Safes. */
export function guardAlert(c: WatchContext, l: ScannedLog, ev: LogDescription): AlertDraft | undefined {
  if (!c.guard || l.address.toLowerCase() !== c.guard.toLowerCase()) return undefined;
  if ((ev.args[0] as string).toLowerCase() !== c.safe.toLowerCase()) return undefined;
  const hash = ev.name === "CallAnnounced" || ev.name.startsWith("Announce") ? (ev.args[1] as string) : undefined;
  switch (ev.name) {
    case "CallAnnounced": {
      const call: SafeCall = {
        to: ev.args.to as string,
        value: ev.args.value as bigint,
        data: ev.args.data as string,
        operation: 0,
      };
      const expected = proposedCallHashes(c.settings.proposalsDir, c.safe).has((hash ?? "").toLowerCase());
      const cls = announcedClass(c, call);
      const executableAt = ev.args.executableAt as bigint;
      const line =
        `${expected ? "" : "UNEXPECTED "}ANNOUNCED: ${callLine(c, call)} — ${cls}; ` +
        `earliest execution ${formatTime(executableAt)}` +
        (expected ? "" : " — no proposal in the custodians' folder has this call: cancel it unless you know it");
      const a = base(l, "guard.announced", expected ? "warning" : "critical", line);
      a.details = {
        callHash: hash ?? null,
        unexpected: !expected,
        class: cls,
        to: call.to,
        data: call.data,
        executableAt: isoTime(executableAt),
        expiresAt: isoTime(ev.args.expiresAt as bigint),
        announcer: ev.args.announcer as string,
      };
      return a;
    }
    case "AnnouncementCancelled":
      return {
        ...base(l, "guard.cancelled", "info", `Announcement ${hash} cancelled`),
        details: { callHash: hash ?? null },
      };
    case "AnnouncedCallExecuted":
      return {
        ...base(l, "guard.executed", "info", `Announced call ${hash} executed`),
        details: { callHash: hash ?? null },
      };
    case "DelayChanged":
    case "ExpiryWindowChanged":
    case "CallRuleChanged":
    case "SelectorUndelayed":
      return base(l, "guard.setting", "critical", `Guard setting changed: ${ev.name}(${String(ev.args[1])})`);
    default:
      return undefined;
  }
}

/** An alert for a Safe execution (success or failure), with the call decoded. */
export function executionAlert(
  c: WatchContext,
  l: ScannedLog,
  ev: LogDescription,
  logs: readonly ScannedLog[],
  tx: ScannedTx | undefined,
): AlertDraft {
  const call = executedCall(l, logs, tx, c.safe);
  const words = call ? callLine(c, call) : "(executed through another contract: the call is not in the calldata)";
  const ok = ev.name === "ExecutionSuccess";
  const a = base(
    l,
    ok ? "safe.executed" : "safe.failed",
    ok ? "info" : "critical",
    `${ok ? "Safe executed" : "Safe execution FAILED"}: ${words}`,
  );
  a.contract = "ReserveSafe";
  a.details = { safeTxHash: ev.args[0] as string, to: call?.to ?? null, operation: call?.operation ?? null };
  return a;
}
