/**
 * History from chain events without an indexer: `eth_getLogs` over bounded block ranges, every call
 * under a timeout, with the logs, the block times and the transactions the report needs cached in
 * reports/<network>/history-cache.json. A rerun reads only the blocks after the cached cursor.
 *
 * The cache is keyed to the chain id, the scanned addresses and event topics and the first block;
 * a different key discards it. Blocks within `reorgDepth` of the head are read on every run and
 * never cached; the cursor block's hash is checked on every run, so a reorganised or restarted local
 * chain (same chain id, other blocks) discards the cache instead of mixing two histories.
 */
import fs from "node:fs";
import path from "node:path";
import { id as keccakId } from "ethers";
import type { Provider } from "ethers";
import { withTimeout } from "./timeout";
import { UserError } from "./errors";

/**
 * The node does not have a block the scan needs (a pruned or re-synced node, or a reorg): another RPC or a rerun fixes
 * it.
 */
export class BlockNotFoundError extends UserError {}

export const CACHE_FORMAT = 1;
/** Default size of one eth_getLogs range (public RPCs commonly accept 1,000-10,000 blocks). */
export const DEFAULT_RANGE_SIZE = 2_000;
const LOCAL_CHAIN_IDS = [31337, 1337];

/** A log as cached (the fields the report decodes). */
export interface ScannedLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: number;
  transactionHash: string;
  logIndex: number;
}

/** A transaction as cached (what signer recovery and Safe decoding need). */
export interface ScannedTx {
  from: string;
  to: string | null;
  input: string;
}

export interface ScanRequest {
  provider: Provider;
  chainId: number;
  /** Contracts whose events are read. */
  addresses: readonly string[];
  /** topic0 of every event read (any of them, from any of the addresses). */
  topics: readonly string[];
  fromBlock: number;
  /** Last block (the report's block). */
  toBlock: number;
  /** File of the cache; undefined: no cache. */
  cacheFile?: string;
  rangeSize?: number;
  /** Blocks below the head kept out of the cache; default 0 on local chains, 12 elsewhere. */
  reorgDepth?: number;
  timeoutMs?: number;
  /**
   * Keeps only the logs the report uses (e.g. the token's transfers that touch the zero address or
   * the Safe); `filterId` names the filter in the cache key, so a changed filter discards the cache.
   */
  filter?: (log: ScannedLog) => boolean;
  filterId?: string;
}

export interface ScanResult {
  logs: ScannedLog[];
  /** Block number -> unix time, for every block that has a log, the first block and the report's block. */
  timestamps: Map<number, number>;
  cachedToBlock: number;
  blocksScanned: number;
  rpcCalls: number;
  rangeSize: number;
  reorgDepth: number;
  /** Fetches (and caches) transactions by hash, under timeouts. */
  transactions: (hashes: readonly string[]) => Promise<Map<string, ScannedTx>>;
  /**
   * A value derived from immutable chain data of `blockNumber` (e.g. the verified signers of a
   * report), computed once and kept in the cache when the block is below the reorg depth.
   */
  memo: <T>(key: string, blockNumber: number, compute: () => Promise<T>) => Promise<T>;
  /** Writes the cache (call after {@link ScanResult.transactions}, so they are cached too). */
  save: () => void;
}

interface CacheFile {
  format: number;
  key: string;
  /** Last block whose logs are complete in `logs`, and its hash. */
  cursor: { block: number; hash: string };
  logs: ScannedLog[];
  timestamps: Record<string, number>;
  transactions: Record<string, ScannedTx>;
  memo: Record<string, { block: number; value: unknown }>;
}

/** The cache key: chain id, addresses, topics, first block. */
export function cacheKey(
  chainId: number,
  addresses: readonly string[],
  topics: readonly string[],
  fromBlock: number,
  filterId = "",
): string {
  const a = [...addresses]
    .map((x) => x.toLowerCase())
    .sort()
    .join(",");
  const t = [...topics]
    .map((x) => x.toLowerCase())
    .sort()
    .join(",");
  return keccakId(`${CACHE_FORMAT}|${chainId}|${fromBlock}|${a}|${t}|${filterId}`);
}

function readCache(file: string | undefined, key: string): CacheFile | undefined {
  if (!file || !fs.existsSync(file)) return undefined;
  try {
    const c = JSON.parse(fs.readFileSync(file, "utf8")) as CacheFile;
    return c.format === CACHE_FORMAT && c.key === key ? c : undefined;
  } catch {
    return undefined; // unreadable cache: rebuilt
  }
}

/** `fn` over `items` with at most `limit` calls in flight; results in the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** An RPC call under the scan's timeout, counted in `rpcCalls`. */
type RpcCall = <T>(p: Promise<T>, what: string) => Promise<T>;

/** The cache of `key`, unless the chain is behind it or its cursor block was reorganised away. */
async function readValidCache(req: ScanRequest, key: string, call: RpcCall): Promise<CacheFile | undefined> {
  let cache = readCache(req.cacheFile, key);
  if (cache && cache.cursor.block > req.toBlock) cache = undefined; // the chain is behind the cache: start over
  if (cache && cache.cursor.block >= req.fromBlock) {
    const b = await call(req.provider.getBlock(cache.cursor.block), `reading block ${cache.cursor.block}`);
    if (!b || b.hash !== cache.cursor.hash) cache = undefined; // reorganised or another chain with the same id
  }
  return cache;
}

/**
 * Reads the logs of `cachedToBlock + 1..toBlock` in ranges of at most `rangeSize` blocks: `fresh` up to
 * `stableTo` (cached), `volatile` after it (read on every run).
 */
async function readLogRanges(
  req: ScanRequest,
  call: RpcCall,
  cachedToBlock: number,
  stableTo: number,
  rangeSize: number,
): Promise<{ fresh: ScannedLog[]; volatile: ScannedLog[] }> {
  const fresh: ScannedLog[] = [];
  const volatile: ScannedLog[] = [];
  const addresses = [...req.addresses];
  const topics = [...req.topics];
  let from = cachedToBlock + 1;
  let size = rangeSize;
  while (from <= req.toBlock) {
    const to = Math.min(req.toBlock, from + size - 1, from <= stableTo ? stableTo : req.toBlock);
    let got;
    try {
      got = await call(
        req.provider.getLogs({ address: addresses, topics: [topics], fromBlock: from, toBlock: to }),
        `reading events of blocks ${from}-${to}`,
      );
    } catch (err) {
      // Some RPCs refuse large ranges or many results: halve the range and retry; give up at one block.
      if (size > 1 && !(err instanceof Error && err.name === "RpcTimeoutError")) {
        size = Math.max(1, Math.floor(size / 2));
        continue;
      }
      throw err;
    }
    for (const l of got) {
      const entry: ScannedLog = {
        address: l.address,
        topics: [...l.topics],
        data: l.data,
        blockNumber: l.blockNumber,
        transactionHash: l.transactionHash,
        logIndex: l.index,
      };
      if (req.filter && !req.filter(entry)) continue;
      (to <= stableTo ? fresh : volatile).push(entry);
    }
    from = to + 1;
  }
  return { fresh, volatile };
}

/**
 * Reads the block times of every block with a log, plus the first and the report's block, that `timestamps` lacks:
 * those up to `stableTo` go into `timestamps` (cached), the others only into the returned map of all times.
 */
async function readBlockTimes(
  req: ScanRequest,
  call: RpcCall,
  all: readonly ScannedLog[],
  timestamps: Map<number, number>,
  stableTo: number,
): Promise<Map<number, number>> {
  const needed = [...new Set([...all.map((l) => l.blockNumber), req.fromBlock, req.toBlock])].filter(
    (n) => !timestamps.has(n),
  );
  const volatileTimes = new Map<number, number>();
  await mapLimit(needed, 8, async (n) => {
    const b = await call(req.provider.getBlock(n), `reading block ${n}`);
    if (!b) throw new BlockNotFoundError(`block ${n} not found`);
    (n <= stableTo ? timestamps : volatileTimes).set(n, b.timestamp);
  });
  return new Map([...timestamps, ...volatileTimes]);
}

/** The hash of the new cursor block `stableTo`, or undefined when there is nothing to cache. */
async function readCursorHash(
  req: ScanRequest,
  call: RpcCall,
  stableTo: number,
  cachedToBlock: number,
  hadCache: boolean,
): Promise<string | undefined> {
  let cursorHash: string | undefined;
  if (stableTo > cachedToBlock || hadCache) {
    const cursorBlock = stableTo;
    if (cursorBlock >= req.fromBlock) {
      const b = await call(req.provider.getBlock(cursorBlock), `reading block ${cursorBlock}`);
      cursorHash = b?.hash ?? undefined;
    }
  }
  return cursorHash;
}

/** Fetches (and caches in `txs`) transactions by hash. */
function transactionReader(
  provider: Provider,
  call: RpcCall,
  txs: Map<string, ScannedTx>,
): (hashes: readonly string[]) => Promise<Map<string, ScannedTx>> {
  return async (hashes: readonly string[]): Promise<Map<string, ScannedTx>> => {
    const missing = [...new Set(hashes)].filter((h) => !txs.has(h));
    await mapLimit(missing, 8, async (h) => {
      const tx = await call(provider.getTransaction(h), `reading transaction ${h}`);
      if (tx) txs.set(h, { from: tx.from, to: tx.to, input: tx.data });
    });
    return new Map([...hashes].filter((h) => txs.has(h)).map((h) => [h, txs.get(h) as ScannedTx]));
  };
}

/** Memoises values derived from blocks up to `stableTo` in `memos`. */
function memoizer(memos: Map<string, { block: number; value: unknown }>, stableTo: number): ScanResult["memo"] {
  return async <T>(k: string, blockNumber: number, compute: () => Promise<T>): Promise<T> => {
    const hit = memos.get(k);
    if (hit && hit.block === blockNumber) return hit.value as T;
    const value = await compute();
    if (blockNumber <= stableTo) memos.set(k, { block: blockNumber, value });
    return value;
  };
}

/** What the cache file keeps. */
interface CacheState {
  key: string;
  stableTo: number;
  cursorHash: string | undefined;
  logs: ScannedLog[];
  timestamps: Map<number, number>;
  txs: Map<string, ScannedTx>;
  memos: Map<string, { block: number; value: unknown }>;
}

/** Writes the cache atomically (nothing without a cache file or a cursor hash). */
function saveCache(cacheFile: string | undefined, s: CacheState): void {
  if (!cacheFile || s.cursorHash === undefined) return;
  const keepTx = new Set(s.logs.map((l) => l.transactionHash));
  const file: CacheFile = {
    format: CACHE_FORMAT,
    key: s.key,
    cursor: { block: s.stableTo, hash: s.cursorHash },
    logs: s.logs,
    timestamps: Object.fromEntries(s.timestamps),
    transactions: Object.fromEntries([...s.txs].filter(([h]) => keepTx.has(h))),
    memo: Object.fromEntries([...s.memos].filter(([, m]) => m.block <= s.stableTo)),
  };
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
  const tmp = `${cacheFile}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(file));
  fs.renameSync(tmp, cacheFile);
}

/** Scans `fromBlock..toBlock`, reusing and extending the cache. */
export async function scanLogs(req: ScanRequest): Promise<ScanResult> {
  const { provider } = req;
  const rangeSize = Math.max(1, req.rangeSize ?? DEFAULT_RANGE_SIZE);
  const reorgDepth = req.reorgDepth ?? (LOCAL_CHAIN_IDS.includes(req.chainId) ? 0 : 12);
  const timeoutMs = req.timeoutMs;
  const key = cacheKey(req.chainId, req.addresses, req.topics, req.fromBlock, req.filterId);
  let rpcCalls = 0;
  const call: RpcCall = <T>(p: Promise<T>, what: string): Promise<T> => {
    rpcCalls++;
    return withTimeout(p, what, timeoutMs);
  };

  const cache = await readValidCache(req, key, call);
  const logs: ScannedLog[] = cache ? [...cache.logs] : [];
  const timestamps = new Map<number, number>(
    cache ? Object.entries(cache.timestamps).map(([k, v]) => [Number(k), v]) : [],
  );
  const txs = new Map<string, ScannedTx>(cache ? Object.entries(cache.transactions) : []);
  const memos = new Map<string, { block: number; value: unknown }>(cache ? Object.entries(cache.memo ?? {}) : []);
  const cachedToBlock = cache ? cache.cursor.block : req.fromBlock - 1;

  // Blocks up to `stableTo` go into the cache; the last `reorgDepth` blocks are read but not kept.
  const stableTo = Math.max(cachedToBlock, req.toBlock - reorgDepth);
  const { fresh, volatile } = await readLogRanges(req, call, cachedToBlock, stableTo, rangeSize);
  logs.push(...fresh);
  const all = [...logs, ...volatile].sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);

  // Block times of every block with a log, plus the report's block.
  const allTimes = await readBlockTimes(req, call, all, timestamps, stableTo);
  const cursorHash = await readCursorHash(req, call, stableTo, cachedToBlock, cache !== undefined);

  return {
    logs: all,
    timestamps: allTimes,
    cachedToBlock,
    blocksScanned: Math.max(0, req.toBlock - cachedToBlock),
    get rpcCalls() {
      return rpcCalls;
    },
    rangeSize,
    reorgDepth,
    transactions: transactionReader(provider, call, txs),
    memo: memoizer(memos, stableTo),
    save: () => saveCache(req.cacheFile, { key, stableTo, cursorHash, logs, timestamps, txs, memos }),
  };
}
