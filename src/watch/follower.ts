/**
 * The follower: reads the chain after the persisted cursor up to the head minus the confirmations, in bounded
 * ranges (the report's log scanner, src/chain/scan.ts, without its cache), turns the events and the conditions at
 * the last confirmed block into alerts, delivers each, then records it (deliver, then advance: ./state.ts).
 * Every RPC call has a timeout; an unreachable node is retried with exponential backoff and raises one alert once
 * unreachable longer than the configured threshold (and one when it answers again).
 */
import { getAddress, zeroPadValue } from "ethers";
import { unreachableNodeError } from "../chain/chainErrors";
import { RpcTimeoutError } from "../chain/timeout";
import { scanLogs } from "../chain/scan";
import type { ScannedLog } from "../chain/scan";
import type { Alert, AlertDraft } from "./alert";
import { ALERT_SCHEMA, isoTime } from "./alert";
import type { WatchContext } from "./context";
import { conditionsAt } from "./conditions";
import { deliverTo, sinkNames } from "./deliver";
import type { Sinks } from "./deliver";
import { eventAlert } from "./eventRules";
import { WATCHED_TOPICS, parseLog, topicOf } from "./events";
import { sanctionsAlert } from "./sanctionsRule";
import { recordCondition, recordDelivery, saveState } from "./state";
import type { WatchState } from "./state";

export interface FollowOptions {
  c: WatchContext;
  state: WatchState;
  sinks: Sinks;
  /** First block to read when the state has no cursor. */
  fromBlock: number;
  once: boolean;
  /** Aborted by SIGINT / SIGTERM: the follower stops between two alerts. */
  signal: AbortSignal;
}

const TRANSFER = topicOf("Transfer(address,address,uint256)");

/** A node that does not answer (timeout, refused connection, an RPC transport error): retried, not fatal. */
export function nodeDown(err: unknown): boolean {
  if (err instanceof RpcTimeoutError || unreachableNodeError(err) !== undefined) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && ["SERVER_ERROR", "NETWORK_ERROR", "TIMEOUT", "UNKNOWN_ERROR"].includes(code);
}

/** Abortable sleep. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}

class Follower {
  private unreachableSince: number | undefined;
  private outageAlerted = false;
  private failures = 0;

  constructor(private readonly o: FollowOptions) {}

  private complete(d: AlertDraft, time: number | undefined): Alert {
    const { c } = this.o;
    const link = c.explorer
      ? d.transaction
        ? c.explorer.tx(d.transaction)
        : d.block !== null
          ? c.explorer.block(d.block)
          : null
      : null;
    return {
      schema: ALERT_SCHEMA,
      network: c.network,
      chainId: c.chainId,
      link,
      time: time === undefined ? null : isoTime(time),
      ...d,
    };
  }

  /** Delivers `d` to every sink that has not had its key, recording each sink's delivery at once. */
  private async emit(d: AlertDraft, time: number | undefined, conditionId?: string): Promise<void> {
    const { state, c } = this.o;
    const alert = this.complete(d, time);
    for (const sink of sinkNames(c.settings)) {
      const done = `${d.key}|${sink}`;
      if (state.delivered.includes(done)) continue;
      await deliverTo(alert, sink, c.settings, this.o.sinks);
      recordDelivery(c.settings.stateFile, state, done);
    }
    if (conditionId) recordCondition(c.settings.stateFile, state, conditionId);
  }

  /** Learns the minters and the open redemption requests the conditions follow. */
  private learn(l: ScannedLog, name: string, args: readonly unknown[]): void {
    const s = this.o.state;
    if (name === "Minted" || name === "MinterConfigured") {
      const m = getAddress(args[0] as string);
      if (!s.minters.includes(m)) s.minters.push(m);
    } else if (name === "RedemptionRequested") s.openRedemptions[String(args[0])] = Number(args[4]);
    else if (name === "RedemptionSettled" || name === "RedemptionRejected") {
      delete s.openRedemptions[String(args[0])];
      s.conditions = s.conditions.filter((x) => x !== `redemption-overdue:${String(args[0])}`);
    }
    void l;
  }

  /** Reads blocks from..to, delivers their alerts, moves the cursor to `to`. */
  private async range(from: number, to: number, last: boolean): Promise<void> {
    const { c, state } = this.o;
    const safeTopic = zeroPadValue(c.safe, 32).toLowerCase();
    const coin = c.coin.address.toLowerCase();
    const addresses = [...new Set([...c.records.map((r) => getAddress(r.address)), c.safe])];
    const scan = await scanLogs({
      provider: c.provider,
      chainId: c.chainId,
      addresses,
      topics: WATCHED_TOPICS,
      fromBlock: from,
      toBlock: to,
      rangeSize: c.settings.rangeSize,
      reorgDepth: 0,
      timeoutMs: c.settings.rpcTimeoutMs,
      filter: (l) =>
        l.topics[0] !== TRANSFER || (l.address.toLowerCase() === coin && l.topics[1]?.toLowerCase() === safeTopic),
    });
    const parsed = scan.logs.map((l) => ({ l, ev: parseLog(l) }));
    const execs = parsed.filter((p) => p.ev?.name === "ExecutionSuccess" || p.ev?.name === "ExecutionFailure");
    const frozen = parsed.filter((p) => p.ev?.signature === "Frozen(address)" && p.l.address.toLowerCase() === coin);
    const txs = await scan.transactions([...execs, ...frozen].map((p) => p.l.transactionHash));
    const referenced = new Set<string>(); // transactions whose sanctions alert is out
    for (const { l, ev } of parsed) {
      if (this.o.signal.aborted) return;
      if (!ev) continue;
      this.learn(l, ev.name, ev.args);
      const time = scan.timestamps.get(l.blockNumber);
      const d = eventAlert(c, l, ev, scan.logs, txs);
      if (d) await this.emit(d, time);
      if (ev.signature === "Frozen(address)" && l.address.toLowerCase() === coin) {
        if (referenced.has(l.transactionHash)) continue;
        referenced.add(l.transactionHash);
        const s = sanctionsAlert(c, l, txs.get(l.transactionHash));
        if (s) await this.emit(s, time);
      }
    }
    if (last) await this.conditions(to, scan.timestamps.get(to) ?? 0);
    if (this.o.signal.aborted) return;
    const b = await c.t(c.provider.getBlock(to), `reading block ${to}`);
    if (!b?.hash) throw new Error(`block ${to} not found`);
    state.cursor = { block: to, hash: b.hash };
    state.delivered = [];
    saveState(c.settings.stateFile, state);
  }

  private async conditions(block: number, now: number): Promise<void> {
    const { c, state } = this.o;
    const now_ = await conditionsAt(c, state, block, now);
    const ids = new Set(now_.map((x) => x.id));
    state.conditions = state.conditions.filter((id) => ids.has(id) || id.startsWith("node-"));
    for (const x of now_) {
      if (this.o.signal.aborted) return;
      if (!state.conditions.includes(x.id)) await this.emit(x.alert, now, x.id);
    }
  }

  /** One pass: from the cursor to the head minus the confirmations. */
  private async pass(): Promise<void> {
    const { c, state } = this.o;
    const head = await c.t(c.provider.getBlockNumber(), "reading the head block number");
    const target = head - c.settings.confirmations;
    if (state.cursor) {
      const b = await c.t(c.provider.getBlock(state.cursor.block), `reading block ${state.cursor.block}`);
      if (!b || b.hash !== state.cursor.hash) await this.reorganised(b?.hash ?? null);
    }
    let next = state.cursor ? state.cursor.block + 1 : this.o.fromBlock;
    while (next <= target && !this.o.signal.aborted) {
      const to = Math.min(target, next + c.settings.rangeSize - 1);
      await this.range(next, to, to === target);
      next = to + 1;
    }
  }

  /** The cursor block is no longer on the chain: alert, and read again from before the confirmations. */
  private async reorganised(hash: string | null): Promise<void> {
    const { c, state } = this.o;
    const cursor = state.cursor as { block: number; hash: string };
    const back = Math.max(0, cursor.block - 2 * c.settings.confirmations - 1);
    await this.emit(
      {
        key: `chain.reorg:${cursor.block}:${cursor.hash}`,
        rule: "chain.reorg",
        severity: "critical",
        line:
          `Block ${cursor.block} already read is no longer on the chain (${hash ?? "missing"}): a reorganisation ` +
          `deeper than ${c.settings.confirmations} confirmation(s); reading again from block ${back}`,
        block: cursor.block,
        transaction: null,
        logIndex: null,
        contract: null,
        details: { oldHash: cursor.hash, newHash: hash },
      },
      undefined,
    );
    const b = await c.t(c.provider.getBlock(back), `reading block ${back}`);
    state.cursor = b?.hash ? { block: back, hash: b.hash } : null;
    saveState(c.settings.stateFile, state);
  }

  private async outage(err: unknown): Promise<void> {
    const { c } = this.o;
    const now = Date.now();
    this.unreachableSince ??= now;
    this.failures += 1;
    const msg = err instanceof Error ? err.message.split("\n")[0] : String(err);
    this.o.sinks.err(`[WATCH] node unreachable (attempt ${this.failures}): ${msg}`);
    if (!this.outageAlerted && now - this.unreachableSince >= c.settings.outageAlertMs) {
      this.outageAlerted = true;
      await this.emit(
        this.nodeAlert(
          "node.unreachable",
          "critical",
          `The node has not answered for ${Math.round((now - this.unreachableSince) / 1000)} s ` +
            `(since ${new Date(this.unreachableSince).toISOString()}): nothing is watched meanwhile`,
        ),
        undefined,
      );
    }
  }

  private async recovered(): Promise<void> {
    if (this.unreachableSince !== undefined && this.outageAlerted) {
      const s = Math.round((Date.now() - this.unreachableSince) / 1000);
      await this.emit(
        this.nodeAlert(
          "node.reachable",
          "info",
          `The node answers again after ${s} s; the blocks of the outage are read now`,
        ),
        undefined,
      );
    }
    this.unreachableSince = undefined;
    this.outageAlerted = false;
    this.failures = 0;
  }

  private nodeAlert(rule: string, severity: AlertDraft["severity"], line: string): AlertDraft {
    return {
      key: `${rule}:${this.unreachableSince}`,
      rule,
      severity,
      line,
      block: null,
      transaction: null,
      logIndex: null,
      contract: null,
      details: { since: new Date(this.unreachableSince ?? 0).toISOString() },
    };
  }

  async run(): Promise<void> {
    const { c, signal } = this.o;
    while (!signal.aborted) {
      try {
        await this.pass();
        await this.recovered();
        if (this.o.once) return;
        await pause(c.settings.pollMs, signal);
      } catch (err) {
        if (this.o.once || !nodeDown(err)) throw err;
        await this.outage(err);
        await pause(Math.min(c.settings.maxBackoffMs, 1000 * 2 ** Math.min(this.failures - 1, 10)), signal);
      }
    }
  }
}

/** Follows the chain until `o.signal` aborts (or one pass with `o.once`). */
export async function follow(o: FollowOptions): Promise<void> {
  await new Follower(o).run();
}
