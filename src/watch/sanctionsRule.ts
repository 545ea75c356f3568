/**
 * `sanctions.applied`: a transaction that froze accounts with a `freezeBatch` carrying a sanctions legal reference
 * after its arguments (src/sanctions/reference.ts, written by `npm run sanctions:screen -- --apply`), sent directly
 * to the stablecoin or executed by the reserve Safe (execTransaction, possibly a MultiSendCallOnly batch). One alert
 * per transaction naming the list, its hash, its date and the number of entries.
 */
import { Interface, getAddress } from "ethers";
import type { ScannedLog, ScannedTx } from "../chain/scan";
import { decodeMultiSendCall, isMultiSendCall } from "../safe/multisend";
import { decodeReference } from "../sanctions/reference";
import type { SanctionsReference } from "../sanctions/reference";
import type { AlertDraft } from "./alert";
import type { WatchContext } from "./context";
import { SAFE_EVENTS } from "./context";

const FREEZE_BATCH = new Interface(["function freezeBatch(address[] accounts)"]);
const FREEZE_SELECTOR = FREEZE_BATCH.getFunction("freezeBatch")?.selector ?? "";
const EXEC = SAFE_EVENTS.getFunction("execTransaction");

/** The reference a freezeBatch calldata carries after its arguments, if exactly one. */
function referenceOf(data: string): { reference: SanctionsReference; accounts: number } | undefined {
  if (!data.startsWith(FREEZE_SELECTOR)) return undefined;
  try {
    const args = FREEZE_BATCH.decodeFunctionData("freezeBatch", data);
    const encoded = FREEZE_BATCH.encodeFunctionData("freezeBatch", args);
    if (!data.toLowerCase().startsWith(encoded.toLowerCase())) return undefined;
    const reference = decodeReference(`0x${data.slice(encoded.length)}`);
    return reference ? { reference, accounts: (args[0] as string[]).length } : undefined;
  } catch {
    return undefined;
  }
}

/** The calls to the stablecoin a transaction made: directly, or through the reserve Safe (and its MultiSend batch). */
function coinCalls(c: WatchContext, tx: ScannedTx): string[] {
  const coin = c.coin.address.toLowerCase();
  if (!tx.to) return [];
  const to = tx.to.toLowerCase();
  if (to === coin) return [tx.input];
  if (to !== c.safe.toLowerCase() || !EXEC || !tx.input.startsWith(EXEC.selector)) return [];
  const a = SAFE_EVENTS.decodeFunctionData(EXEC, tx.input);
  const [target, data, operation] = [String(a[0]).toLowerCase(), String(a[2]), Number(a[3])];
  if (target === coin && operation === 0) return [data];
  const multiSend = c.env.multiSendCallOnly?.toLowerCase();
  if (operation === 1 && target === multiSend && isMultiSendCall(data)) {
    return decodeMultiSendCall(data)
      .filter((x) => x.to.toLowerCase() === coin && x.operation === 0)
      .map((x) => x.data);
  }
  return [];
}

/**
 * The `sanctions.applied` alert of the transaction of `l` (a stablecoin `Frozen(address)`), or undefined when the
 * transaction carries no reference. `l` should be the transaction's first Frozen log: the key is the transaction's.
 */
export function sanctionsAlert(c: WatchContext, l: ScannedLog, tx: ScannedTx | undefined): AlertDraft | undefined {
  if (!tx) return undefined;
  const found = coinCalls(c, tx)
    .map(referenceOf)
    .filter((x) => x !== undefined);
  if (found.length === 0) return undefined;
  const r = found[0].reference;
  const entries = found.reduce((n, x) => n + x.reference.entryIds.length, 0);
  const accounts = found.reduce((n, x) => n + x.accounts, 0);
  const via = tx.to && getAddress(tx.to) === c.safe ? "the reserve Safe" : "the compliance key";
  return {
    key: `sanctions.applied:${l.transactionHash}`,
    rule: "sanctions.applied",
    severity: "warning",
    line:
      `Sanctions list ${r.lists} of ${r.date} (sha256 ${r.listHash}) applied by ${via}: ` +
      `${accounts} account(s) frozen for ${entries} entr${entries === 1 ? "y" : "ies"}`,
    block: l.blockNumber,
    transaction: l.transactionHash,
    logIndex: l.logIndex,
    contract: c.coin.name,
    details: {
      lists: r.lists,
      listHash: r.listHash,
      date: r.date,
      entries,
      accounts,
      entryIds: found.flatMap((x) => x.reference.entryIds).join(","),
    },
  };
}
