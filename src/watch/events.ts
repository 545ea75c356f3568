/**
 * The events the watcher reads: one interface holding every alerting event of the system's contracts (taken from
 * their TypeChain interfaces and the Safe's artifact), the topics to scan, and the decoded call of a Safe execution.
 */
import { EventFragment, Interface, LogDescription } from "ethers";
import type { ScannedLog, ScannedTx } from "../chain/scan";
import type { Operation } from "../safe/safeTx";
import { AssetToken__factory } from "../../typechain-types/factories/contracts/assets/AssetToken__factory";
import { RedemptionDesk__factory } from "../../typechain-types/factories/contracts/market/RedemptionDesk__factory";
import { ReserveGuard__factory } from "../../typechain-types/factories/contracts/guard/ReserveGuard__factory";
import { SomStablecoin__factory } from "../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory";
import { SomSupplyController__factory } from "../../typechain-types/factories/contracts/stablecoin/SomSupplyController__factory";
import { UpgradeableBeacon__factory } from "../../typechain-types/factories/@openzeppelin/contracts/proxy/beacon/UpgradeableBeacon__factory";
import { SAFE_EVENTS } from "./context";

const EXTRA = new Interface(["event BeaconUpgraded(address indexed beacon)"]);

/** Every event of these interfaces, one per topic. */
function combined(ifaces: readonly Interface[]): Interface {
  const byTopic = new Map<string, EventFragment>();
  for (const i of ifaces) i.forEachEvent((e) => byTopic.set(e.topicHash, e));
  return new Interface([...byTopic.values()]);
}

export const EVENTS = combined([
  ReserveGuard__factory.createInterface(),
  SAFE_EVENTS,
  SomStablecoin__factory.createInterface(),
  SomSupplyController__factory.createInterface(),
  AssetToken__factory.createInterface(),
  RedemptionDesk__factory.createInterface(),
  UpgradeableBeacon__factory.createInterface(),
  EXTRA,
]);

export const topicOf = (signature: string): string => EVENTS.getEvent(signature)?.topicHash ?? "";

/** The events the watcher scans (by full signature: two `Frozen` events differ). */
export const WATCHED_SIGNATURES: readonly string[] = [
  "CallAnnounced(address,bytes32,address,uint256,bytes,uint8,uint64,uint64,address)",
  "AnnouncementCancelled(address,bytes32)",
  "AnnouncedCallExecuted(address,bytes32)",
  "DelayChanged(address,uint64)",
  "ExpiryWindowChanged(address,uint64)",
  "CallRuleChanged(address,address)",
  "SelectorUndelayed(address,bytes4)",
  "ExecutionSuccess(bytes32,uint256)",
  "ExecutionFailure(bytes32,uint256)",
  "SafeMultiSigTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes,bytes)",
  "AddedOwner(address)",
  "RemovedOwner(address)",
  "ChangedThreshold(uint256)",
  "ChangedGuard(address)",
  "EnabledModule(address)",
  "DisabledModule(address)",
  "ChangedFallbackHandler(address)",
  "Upgraded(address)",
  "BeaconUpgraded(address)",
  "RoleGranted(bytes32,address,address)",
  "RoleRevoked(bytes32,address,address)",
  "DefaultAdminTransferScheduled(address,uint48)",
  "DefaultAdminTransferCanceled()",
  "OwnershipTransferred(address,address)",
  "Minted(address,uint256)",
  "MinterConfigured(address,uint256,uint256,uint256)",
  "MinterRemoved(address,uint256)",
  "Burned(address,uint256,bytes32)",
  "FrozenBalanceWiped(address,uint256,bytes32)",
  "Frozen(address)",
  "Unfrozen(address)",
  "Frozen(address,uint256)",
  "FullFreezeUpdated(address,bool)",
  "Paused(address)",
  "Unpaused(address)",
  "Transfer(address,address,uint256)",
  "RedemptionRequested(uint256,address,uint256,bytes32,uint64)",
  "RedemptionSettled(uint256,uint256)",
  "RedemptionRejected(uint256,uint256,uint16)",
];

export const WATCHED_TOPICS: readonly string[] = WATCHED_SIGNATURES.map((s) => {
  const t = topicOf(s);
  if (!t) throw new Error(`event ${s} is in none of the watched interfaces`);
  return t;
});

/** topic0 -> event, computed once (Interface.parseLog hashes every fragment's signature on every call). */
const BY_TOPIC = new Map<string, EventFragment>();
EVENTS.forEachEvent((e) => BY_TOPIC.set(e.topicHash, e));

/** A scanned log decoded with {@link EVENTS}; undefined when it is not one of them. */
export function parseLog(l: ScannedLog): LogDescription | undefined {
  const fragment = BY_TOPIC.get(l.topics[0] ?? "");
  if (!fragment) return undefined;
  try {
    return new LogDescription(fragment, fragment.topicHash, EVENTS.decodeEventLog(fragment, l.data, l.topics));
  } catch {
    return undefined;
  }
}

export interface SafeCall {
  to: string;
  value: bigint;
  data: string;
  operation: Operation;
}

const EXEC = SAFE_EVENTS.getFunction("execTransaction");
const MULTISIG_TOPIC = topicOf(WATCHED_SIGNATURES[9]);

/**
 * The call a Safe execution made: from the SafeL2 event before it in the same transaction, else from the
 * execTransaction calldata; undefined when the Safe was called through another contract.
 */
export function executedCall(
  l: ScannedLog,
  logs: readonly ScannedLog[],
  tx: ScannedTx | undefined,
  safe: string,
): SafeCall | undefined {
  const s = safe.toLowerCase();
  const multisig = MULTISIG_TOPIC;
  const l2 = [...logs]
    .reverse()
    .find(
      (x) =>
        x.transactionHash === l.transactionHash &&
        x.topics[0] === multisig &&
        x.address.toLowerCase() === s &&
        x.logIndex < l.logIndex,
    );
  if (l2) {
    const m = EVENTS.decodeEventLog(WATCHED_SIGNATURES[9], l2.data, l2.topics);
    return {
      to: m.to as string,
      value: m.value as bigint,
      data: m.data as string,
      operation: Number(m.operation) as Operation,
    };
  }
  if (tx && tx.to && EXEC && tx.to.toLowerCase() === s && tx.input.startsWith(EXEC.selector)) {
    const a = SAFE_EVENTS.decodeFunctionData(EXEC, tx.input);
    return { to: a[0] as string, value: a[1] as bigint, data: a[2] as string, operation: Number(a[3]) as Operation };
  }
  return undefined;
}
