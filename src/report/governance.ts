/**
 * Who governs the reserve: the Safe's owners (labelled), threshold, guard and modules; the pending
 * announcements of the ReserveGuard when the records hold one; recent executed Safe transactions,
 * decoded with the custodian tooling's decoder (src/custody/decode.ts); and the implementation history
 * of every proxy and beacon in the records (ERC-1967 `Upgraded` events).
 */
import { Contract, Interface, ZeroAddress, getAddress, zeroPadValue } from "ethers";
import { withTimeout } from "../chain/timeout";
import type { ContractRecord } from "../chain/records";
import { loadProposalContext } from "../custody/assemble";
import { deploymentForChain, loadSafeArtifact } from "../safe/artifacts";
import { decodeCall } from "../custody/decode";
import { describeCall } from "../custody/describe";
import type { DecodeEnv } from "../custody/decode";
import type { Operation } from "../safe/safeTx";
import { IERC1967__factory } from "../../typechain-types/factories/@openzeppelin/contracts/interfaces/IERC1967__factory";
import { ReserveGuard__factory } from "../../typechain-types/factories/contracts/guard/ReserveGuard__factory";
import { SAFE_GUARD_SLOT } from "../guard/calls";
import { GUARD_RECORDS } from "../guard/deploy";
import { blockRef } from "./format";
import { labelled } from "./labels";
import type { Announcement, GovernanceSection, GuardSection, SafeExecution, UpgradeEntry } from "./model";
import type { SectionContext } from "./sections";
import type { ScannedLog, ScannedTx } from "../chain/scan";

/** Record name of the guard (agreed between engineers; src/guard's GUARD_RECORDS.guard). */
export const RESERVE_GUARD_RECORD = GUARD_RECORDS.guard;

/** The ReserveGuard's TypeChain interface: the agreed events and views the report reads. */
const GUARD = ReserveGuard__factory.createInterface();
export const CALL_ANNOUNCED = GUARD.getEvent("CallAnnounced").topicHash;
export const ANNOUNCEMENT_CANCELLED = GUARD.getEvent("AnnouncementCancelled").topicHash;
export const ANNOUNCED_CALL_EXECUTED = GUARD.getEvent("AnnouncedCallExecuted").topicHash;

const SAFE = new Interface(loadSafeArtifact("Safe").abi);
const SAFE_L2 = new Interface(loadSafeArtifact("SafeL2").abi);
export const EXECUTION_SUCCESS = SAFE.getEvent("ExecutionSuccess")?.topicHash as string;
export const EXECUTION_FAILURE = SAFE.getEvent("ExecutionFailure")?.topicHash as string;
export const SAFE_MULTISIG_TX = SAFE_L2.getEvent("SafeMultiSigTransaction")?.topicHash as string;

const ERC1967 = IERC1967__factory.createInterface();
export const UPGRADED = ERC1967.getEvent("Upgraded").topicHash;

/** Safe v1.4.1 guard storage slot: keccak256("guard_manager.guard.address") (src/guard). */
export { SAFE_GUARD_SLOT };
const SENTINEL = "0x0000000000000000000000000000000000000001";

/** How many executed Safe transactions the report lists. */
export const RECENT_EXECUTIONS = 20;

/** Topics the governance section needs scanned. */
export const GOVERNANCE_TOPICS = [
  CALL_ANNOUNCED,
  ANNOUNCEMENT_CANCELLED,
  ANNOUNCED_CALL_EXECUTED,
  EXECUTION_SUCCESS,
  EXECUTION_FAILURE,
  SAFE_MULTISIG_TX,
  UPGRADED,
];

/** Proxies (UUPS) and beacons of the records, whose Upgraded events make the implementation history. */
export function upgradeableRecords(records: readonly ContractRecord[]): ContractRecord[] {
  return records.filter((r) => r.proxy?.kind === "uups" || r.proxy?.kind === "beacon");
}

/** What the governance section reads: what every report section gets (./sections.ts) but the network and tokens. */
export type GovernanceInput = Omit<SectionContext, "network" | "otherTokens">;

function describe(
  env: DecodeEnv,
  call: { to: string; value: bigint; data: string; operation: Operation },
): { headline: string; details: string[] } {
  try {
    const lines = describeCall(decodeCall(env, call));
    return { headline: lines[0]?.trim() ?? "(empty)", details: lines };
  } catch (e) {
    return { headline: `(cannot decode: ${(e as Error).message.split("\n")[0]})`, details: [] };
  }
}

/** The transactions to fetch for the governance section (recent Safe executions). */
export function executionLogs(logs: readonly ScannedLog[], safe: string): ScannedLog[] {
  const s = safe.toLowerCase();
  return logs
    .filter(
      (l) => l.address.toLowerCase() === s && (l.topics[0] === EXECUTION_SUCCESS || l.topics[0] === EXECUTION_FAILURE),
    )
    .slice(-RECENT_EXECUTIONS);
}

type SafeCall = { to: string; value: bigint; data: string; operation: Operation };

/** What the governance steps share: the input, the timeout wrapper, the decoder and the formatters. */
interface GovernanceContext {
  g: GovernanceInput;
  t: <T>(p: Promise<T>, what: string) => Promise<T>;
  env: DecodeEnv;
  L: (a: string) => ReturnType<typeof labelled>;
  ref: (n: number) => ReturnType<typeof blockRef>;
  txUrl: (h: string) => string | null;
}

/** The Safe's owners, threshold, nonce, guard and modules at the report's block. */
async function readSafeState(
  g: GovernanceInput,
  t: GovernanceContext["t"],
): Promise<{ owners: string[]; threshold: bigint; nonce: bigint; guardAddress: string; modules: string[] }> {
  const { provider } = g;
  const blockTag = g.blockNumber;
  const safe = new Contract(g.safe, loadSafeArtifact("Safe").abi, provider);
  const [owners, threshold, nonce, guardWord, modulesPage] = (await Promise.all([
    t(safe.getFunction("getOwners").staticCall({ blockTag }), "reading the Safe's owners"),
    t(safe.getFunction("getThreshold").staticCall({ blockTag }), "reading the Safe's threshold"),
    t(safe.getFunction("nonce").staticCall({ blockTag }), "reading the Safe's nonce"),
    t(provider.getStorage(g.safe, SAFE_GUARD_SLOT, blockTag), "reading the Safe's guard"),
    t(safe.getFunction("getModulesPaginated").staticCall(SENTINEL, 20, { blockTag }), "reading the Safe's modules"),
  ])) as [string[], bigint, bigint, string, [string[], string]];
  const guardAddress = getAddress(`0x${guardWord.slice(26)}`);
  return { owners, threshold, nonce, guardAddress, modules: modulesPage[0] };
}

/**
 * The call a Safe execution made: from the SafeL2 event before it, else from the execTransaction calldata;
 * undefined when the Safe was called through another contract.
 */
function executedCall(g: GovernanceInput, l: ScannedLog, txs: Map<string, ScannedTx>): SafeCall | undefined {
  let call: SafeCall | undefined;
  const l2 = g.logs.find(
    (x) =>
      x.transactionHash === l.transactionHash &&
      x.topics[0] === SAFE_MULTISIG_TX &&
      x.address.toLowerCase() === g.safe.toLowerCase() &&
      x.logIndex < l.logIndex,
  );
  if (l2) {
    const m = SAFE_L2.decodeEventLog("SafeMultiSigTransaction", l2.data, l2.topics);
    call = {
      to: m.to as string,
      value: m.value as bigint,
      data: m.data as string,
      operation: Number(m.operation) as Operation,
    };
  } else {
    const tx = txs.get(l.transactionHash);
    const exec = SAFE.getFunction("execTransaction");
    if (tx && tx.to && exec && tx.to.toLowerCase() === g.safe.toLowerCase() && tx.input.startsWith(exec.selector)) {
      const a = SAFE.decodeFunctionData(exec, tx.input);
      call = {
        to: a[0] as string,
        value: a[1] as bigint,
        data: a[2] as string,
        operation: Number(a[3]) as Operation,
      };
    }
  }
  return call;
}

/** Recent executions, newest first. */
async function collectExecutions(c: GovernanceContext): Promise<SafeExecution[]> {
  const { g, env, ref, txUrl } = c;
  const execLogs = executionLogs(g.logs, g.safe);
  const txs = await g.transactions(execLogs.map((l) => l.transactionHash));
  const executed: SafeExecution[] = [];
  for (const l of [...execLogs].reverse()) {
    const success = l.topics[0] === EXECUTION_SUCCESS;
    const ev = SAFE.decodeEventLog(success ? "ExecutionSuccess" : "ExecutionFailure", l.data, l.topics);
    const call = executedCall(g, l, txs);
    const d = call
      ? describe(env, call)
      : {
          headline: "(executed through another contract: the call is not in this transaction's calldata)",
          details: [],
        };
    executed.push({
      block: ref(l.blockNumber),
      transactionHash: l.transactionHash,
      transactionUrl: txUrl(l.transactionHash),
      safeTxHash: ev[0] as string,
      success,
      ...d,
    });
  }
  return executed;
}

/** Implementation history. */
function collectUpgrades(c: GovernanceContext): UpgradeEntry[] {
  const { g, L, ref, txUrl } = c;
  const upgradeable = upgradeableRecords(g.records);
  const upgrades: UpgradeEntry[] = [];
  for (const r of upgradeable) {
    const logs = g.logs.filter((l) => l.address.toLowerCase() === r.address.toLowerCase() && l.topics[0] === UPGRADED);
    logs.forEach((l, i) => {
      const ev = ERC1967.decodeEventLog("Upgraded", l.data, l.topics);
      upgrades.push({
        contract: r.name,
        address: getAddress(r.address),
        kind: r.proxy?.kind === "beacon" ? "beacon" : "proxy",
        implementation: L(ev.implementation),
        block: ref(l.blockNumber),
        transactionHash: l.transactionHash,
        transactionUrl: txUrl(l.transactionHash),
        initial: i === 0 && l.blockNumber <= r.blockNumber,
      });
    });
  }
  upgrades.sort((a, b) => a.block.blockNumber - b.block.blockNumber);
  return upgrades;
}

/** The last CallAnnounced event of every call hash still announced by the events of `guardAddress` for the Safe. */
function announcedCandidates(
  g: GovernanceInput,
  guardAddress: string,
): Map<string, { log: ScannedLog; ev: ReturnType<typeof decodeAnnounced> }> {
  const safeTopic = zeroPadValue(g.safe, 32).toLowerCase();
  const mine = g.logs.filter(
    (l) =>
      l.address.toLowerCase() === guardAddress.toLowerCase() &&
      l.topics[1]?.toLowerCase() === safeTopic &&
      l.blockNumber <= g.blockNumber,
  );
  const latest = new Map<string, { log: ScannedLog; ev: ReturnType<typeof decodeAnnounced> }>();
  for (const l of mine) {
    if (l.topics[0] === CALL_ANNOUNCED) {
      const ev = decodeAnnounced(l);
      latest.set(ev.callHash, { log: l, ev });
    } else if (l.topics[0] === ANNOUNCEMENT_CANCELLED || l.topics[0] === ANNOUNCED_CALL_EXECUTED) {
      latest.delete(l.topics[2]);
    }
  }
  return latest;
}

// ReserveGuard: candidates from the scanned CallAnnounced events (cached with the rest), each kept only while
// the guard's storage at the report's block still holds that announcement with the event's expiry (the rule
// of src/guard's pendingAnnouncements: storage is authoritative; executed and cancelled ones are gone,
// a re-announcement replaces the earlier event).
async function collectReserveGuard(c: GovernanceContext, guardAddress: string): Promise<GuardSection | null> {
  const { g, t, env, L, ref } = c;
  const blockTag = g.blockNumber;
  let reserveGuard: GuardSection | null = null;
  const guardRec = g.records.find((r) => r.name === RESERVE_GUARD_RECORD);
  if (guardRec) {
    const guard = ReserveGuard__factory.connect(guardRec.address, g.provider);
    const [delay, rule] = await Promise.all([
      t(guard.delayOf(g.safe, { blockTag }), "reading the guard's delay").catch(() => null),
      t(guard.callRuleOf(g.safe, { blockTag }), "reading the guard's call rule").catch(() => null),
    ]);
    const latest = announcedCandidates(g, guardRec.address);
    const pending: Announcement[] = [];
    for (const [hash, { log, ev }] of latest) {
      const [executableAt, expiresAt] = await t(
        guard.announcement(g.safe, hash, { blockTag }),
        "reading a guard announcement",
      );
      if (expiresAt === 0n || expiresAt !== ev.expiresAt) continue;
      const call = { to: ev.to, value: ev.value, data: ev.data, operation: Number(ev.operation) as Operation };
      pending.push({
        callHash: hash,
        to: getAddress(call.to),
        value: call.value.toString(),
        data: call.data,
        operation: call.operation,
        executableAt: Number(executableAt),
        expiresAt: Number(expiresAt),
        announcer: L(ev.announcer),
        block: ref(log.blockNumber),
        status: announcementStatus(BigInt(g.blockTimestamp), executableAt, expiresAt),
        ...describe(env, call),
      });
    }
    reserveGuard = {
      address: L(guardRec.address),
      installed: guardAddress === getAddress(guardRec.address),
      delaySeconds: delay === null ? null : Number(delay),
      callRule: rule === null || rule === ZeroAddress ? null : getAddress(rule),
      pending: pending.sort((a, b) => a.block.blockNumber - b.block.blockNumber),
    };
  }
  return reserveGuard;
}

export async function collectGovernance(g: GovernanceInput): Promise<GovernanceSection> {
  const { provider, explorer, labels } = g;
  const t = <T>(p: Promise<T>, what: string): Promise<T> => withTimeout(p, what, g.timeoutMs);
  const { owners, threshold, nonce, guardAddress, modules } = await readSafeState(g, t);
  const L = (a: string) => labelled(labels, explorer, a);
  const ref = (n: number) => blockRef(n, g.timestamps.get(n) ?? 0, explorer);
  const txUrl = (h: string) => (explorer ? explorer.tx(h) : null);

  const context = await t(loadProposalContext(provider, g.records, g.safe), "reading the records' token metadata");
  const env: DecodeEnv = {
    chainId: g.chainId,
    safe: g.safe,
    multiSendCallOnly: deploymentForChain("MultiSendCallOnly", g.chainId)?.address,
    context,
  };
  const c: GovernanceContext = { g, t, env, L, ref, txUrl };

  const executed = await collectExecutions(c);
  const upgrades = collectUpgrades(c);
  const reserveGuard = await collectReserveGuard(c, guardAddress);

  return {
    blockNumber: g.blockNumber,
    safe: {
      address: L(g.safe),
      threshold: Number(threshold),
      nonce: Number(nonce),
      owners: owners.map(L),
      guard: guardAddress === ZeroAddress ? null : L(guardAddress),
      modules: modules.map(L),
    },
    reserveGuard,
    executed,
    upgrades,
  };
}

/** A scanned CallAnnounced log, decoded with the guard's TypeChain interface. */
function decodeAnnounced(l: ScannedLog): {
  callHash: string;
  to: string;
  value: bigint;
  data: string;
  operation: bigint;
  executableAt: bigint;
  expiresAt: bigint;
  announcer: string;
} {
  const ev = GUARD.decodeEventLog("CallAnnounced", l.data, l.topics);
  return {
    callHash: ev.callHash as string,
    to: ev.to as string,
    value: ev.value as bigint,
    data: ev.data as string,
    operation: ev.operation as bigint,
    executableAt: ev.executableAt as bigint,
    expiresAt: ev.expiresAt as bigint,
    announcer: ev.announcer as string,
  };
}

/**
 * As the guard decides: waiting before `executableAt`, executable up to and including `expiresAt` (its last second),
 * then expired.
 */
export function announcementStatus(now: bigint, executableAt: bigint, expiresAt: bigint): Announcement["status"] {
  if (now < executableAt) return "waiting";
  return now <= expiresAt ? "executable" : "expired";
}
