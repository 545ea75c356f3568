/**
 * The history of the stablecoin and its reserves, computed from scanned events only:
 *   - total supply from the token's Transfer events from / to the zero address (mints may come from
 *     any minter or controller: the token's own Transfer from 0x0 is the one source);
 *   - the reserve Safe's balance from Transfer events from / to the Safe (circulating = supply − that);
 *   - attested som reserves from the registry's ReportAccepted events of SOM_RESERVES;
 *   - burned from the token's Burned events, wiped from its FrozenBalanceWiped events.
 */
import { ZeroAddress, getAddress } from "ethers";
import { SomStablecoin__factory } from "../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory";
import { acceptedReports } from "./attestations";
import { amount } from "./format";
import type { FlowWindow, MonthRow, SeriesPoint } from "./model";
import type { ScannedLog } from "../chain/scan";

const TOKEN = SomStablecoin__factory.createInterface();
export const TRANSFER = TOKEN.getEvent("Transfer").topicHash;
export const BURNED = TOKEN.getEvent("Burned").topicHash;
export const WIPED = TOKEN.getEvent("FrozenBalanceWiped").topicHash;

export const FLOW_WINDOWS_DAYS = [7, 30, 365] as const;

/** One state-changing event, with its time. */
interface Movement {
  blockNumber: number;
  timestamp: number;
  minted: bigint;
  burned: bigint;
  wiped: bigint;
  report: boolean;
}

export interface HistoryInput {
  logs: readonly ScannedLog[];
  timestamps: Map<number, number>;
  token: string;
  safe: string;
  registry: string;
  somReserves: string;
  tokenDecimals: number;
  tokenSymbol: string;
  valueDecimals: number;
  fromBlock: number;
  /** Creation block of the stablecoin: a scan from there on misses no flow. */
  tokenCreationBlock: number;
  /** The report's block and time. */
  toBlock: number;
  toTimestamp: number;
}

export interface History {
  series: SeriesPoint[];
  flows: FlowWindow[];
  monthly: MonthRow[];
  /** Total supply and Safe balance as computed from the events (checked against the chain). */
  finalSupply: bigint;
  finalSafeBalance: bigint;
}

function topicAddress(topic: string): string {
  return getAddress(`0x${topic.slice(26)}`);
}

/**
 * The scan keeps the token's Transfer events only when they touch the zero address (mint, burn,
 * wipe) or the reserve Safe: holder-to-holder transfers change neither supply nor circulation.
 */
export function transferFilter(token: string, safe: string): (log: ScannedLog) => boolean {
  const t = token.toLowerCase();
  const keep = new Set([ZeroAddress, getAddress(safe)]);
  return (log) => {
    if (log.address.toLowerCase() !== t || log.topics[0] !== TRANSFER || log.topics.length !== 3) return true;
    return keep.has(topicAddress(log.topics[1])) || keep.has(topicAddress(log.topics[2]));
  };
}

function monthOf(ts: number): string {
  return new Date(ts * 1000).toISOString().slice(0, 7);
}

function sum(xs: readonly Movement[], k: "minted" | "burned" | "wiped"): bigint {
  return xs.reduce((a, x) => a + x[k], 0n);
}

/** The state after replaying the events: the series, the movements, the final supply and Safe balance. */
interface Replay {
  series: SeriesPoint[];
  moves: Movement[];
  supply: bigint;
  safeBal: bigint;
}

/** Replays the scanned events in order into the supply / reserves series and the list of movements. */
function replayEvents(h: HistoryInput): Replay {
  const token = h.token.toLowerCase();
  const safe = getAddress(h.safe);
  const reports = new Map(
    acceptedReports(h.logs, h.registry, h.somReserves).map((r) => [`${r.log.transactionHash}:${r.log.logIndex}`, r]),
  );
  let supply = 0n;
  let safeBal = 0n;
  let reserves = 0n;
  const series: SeriesPoint[] = [];
  const moves: Movement[] = [];
  const ts = (n: number): number => h.timestamps.get(n) ?? 0;
  const pushPoint = (blockNumber: number, force = false): void => {
    const p: SeriesPoint = {
      blockNumber,
      timestamp: ts(blockNumber),
      reserves: reserves.toString(),
      totalSupply: supply.toString(),
      circulating: (supply - safeBal).toString(),
    };
    const last = series[series.length - 1];
    if (last && last.blockNumber === blockNumber) series[series.length - 1] = p;
    else if (
      force ||
      !last ||
      last.reserves !== p.reserves ||
      last.totalSupply !== p.totalSupply ||
      last.circulating !== p.circulating
    )
      series.push(p);
  };
  for (const log of h.logs) {
    const m: Movement = {
      blockNumber: log.blockNumber,
      timestamp: ts(log.blockNumber),
      minted: 0n,
      burned: 0n,
      wiped: 0n,
      report: false,
    };
    let changed = false;
    if (log.address.toLowerCase() === token) {
      if (log.topics[0] === TRANSFER && log.topics.length === 3) {
        const from = topicAddress(log.topics[1]);
        const to = topicAddress(log.topics[2]);
        const value = BigInt(log.data);
        if (from === ZeroAddress) {
          supply += value;
          m.minted = value;
        }
        if (to === ZeroAddress) supply -= value;
        if (from === safe) safeBal -= value;
        if (to === safe) safeBal += value;
        changed = true;
      } else if (log.topics[0] === BURNED) {
        m.burned = TOKEN.decodeEventLog("Burned", log.data, log.topics).amount;
      } else if (log.topics[0] === WIPED) {
        m.wiped = TOKEN.decodeEventLog("FrozenBalanceWiped", log.data, log.topics).amount;
      }
    } else {
      const r = reports.get(`${log.transactionHash}:${log.logIndex}`);
      if (r) {
        reserves = r.newValue;
        m.report = true;
        changed = true;
      }
    }
    if (m.minted !== 0n || m.burned !== 0n || m.wiped !== 0n || m.report) moves.push(m);
    if (changed) pushPoint(log.blockNumber);
  }
  // The last point: the state as of the report's block (the chart reaches "now").
  pushPoint(h.toBlock, true);
  return { series, moves, supply, safeBal };
}

/** Minted, burned and wiped over each of FLOW_WINDOWS_DAYS before the report's time. */
function flowWindows(h: HistoryInput, moves: readonly Movement[]): FlowWindow[] {
  const fromTs = h.timestamps.get(h.fromBlock) ?? 0;
  return FLOW_WINDOWS_DAYS.map((days) => {
    const start = h.toTimestamp - days * 86400;
    const inWindow = moves.filter((x) => x.timestamp > start);
    return {
      days,
      fromTimestamp: start,
      toBlock: h.toBlock,
      minted: amount(sum(inWindow, "minted"), h.tokenDecimals, h.tokenSymbol),
      burned: amount(sum(inWindow, "burned"), h.tokenDecimals, h.tokenSymbol),
      wiped: amount(sum(inWindow, "wiped"), h.tokenDecimals, h.tokenSymbol),
      complete: h.fromBlock <= h.tokenCreationBlock || fromTs <= start,
    };
  });
}

/** Every month ("YYYY-MM") from the month of `first` to `last` (at most 1201). */
function monthsFrom(first: Date, last: string): string[] {
  const months: string[] = [];
  for (let y = first.getUTCFullYear(), mo = first.getUTCMonth(); ; mo++) {
    if (mo === 12) {
      mo = 0;
      y++;
    }
    const key = `${y}-${String(mo + 1).padStart(2, "0")}`;
    months.push(key);
    if (key >= last || months.length > 1200) break;
  }
  return months;
}

/** Monthly table: every month from the first movement to the report's month, oldest first. */
function monthlyTable(h: HistoryInput, series: readonly SeriesPoint[], moves: readonly Movement[]): MonthRow[] {
  const monthly: MonthRow[] = [];
  if (series.length > 0) {
    const months = monthsFrom(new Date((moves[0]?.timestamp ?? h.toTimestamp) * 1000), monthOf(h.toTimestamp));
    for (const month of months) {
      const inMonth = moves.filter((x) => monthOf(x.timestamp) === month);
      const upTo = series.filter((p) => monthOf(p.timestamp) <= month);
      const state = upTo[upTo.length - 1];
      monthly.push({
        month,
        minted: amount(sum(inMonth, "minted"), h.tokenDecimals, h.tokenSymbol),
        burned: amount(sum(inMonth, "burned"), h.tokenDecimals, h.tokenSymbol),
        wiped: amount(sum(inMonth, "wiped"), h.tokenDecimals, h.tokenSymbol),
        reserveReports: inMonth.filter((x) => x.report).length,
        lastBlock: state ? state.blockNumber : h.fromBlock,
        reserves: amount(BigInt(state?.reserves ?? "0"), h.valueDecimals, "som"),
        circulating: amount(BigInt(state?.circulating ?? "0"), h.tokenDecimals, h.tokenSymbol),
      });
    }
  }
  return monthly;
}

export function buildHistory(h: HistoryInput): History {
  const { series, moves, supply, safeBal } = replayEvents(h);
  const flows = flowWindows(h, moves);
  const monthly = monthlyTable(h, series, moves);
  return { series, flows, monthly: monthly.reverse(), finalSupply: supply, finalSafeBalance: safeBal };
}
