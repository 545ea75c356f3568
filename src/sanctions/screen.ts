/**
 * Screening: the listed addresses against the chain. The stablecoin's frozen set and the addresses that ever held
 * it come from its Frozen, Unfrozen and Transfer events through the kernel's log scanner and its cursor
 * (src/chain/scan.ts: a rerun reads only new blocks); the counterparties from the CounterpartyRegistry. The diff is
 * deterministic (sorted by address): what to freeze, what is frozen already, which licensed counterparties are
 * listed, which balances are affected, and which addresses a previous application froze that these lists no longer
 * name (never unfrozen automatically: unfreezing is the Safe's delayed call).
 */
import type { Provider } from "ethers";
import { getAddress, id as topicOf } from "ethers";
import { SomStablecoin__factory } from "../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory";
import { CounterpartyRegistry__factory } from "../../typechain-types/factories/contracts/market/CounterpartyRegistry__factory";
import { mapLimit, scanLogs } from "../chain/scan";
import { withTimeout } from "../chain/timeout";
import { listCounterparties } from "../market/counterparties";
import type { AppliedList } from "./applied";
import type { ListedCounterparty, ScreenedAddress, ScreeningDiff } from "./diff";
import type { ListedAddress, SanctionsList } from "./lists";
import { combinedListHash } from "./reference";
import { FROZEN_TOPIC, UNFROZEN_TOPIC, frozenAccounts } from "./frozen";

const TRANSFER = topicOf("Transfer(address,address,uint256)");

export interface ScreenOptions {
  provider: Provider;
  stablecoin: { address: string; blockNumber: number };
  registry?: string;
  lists: readonly SanctionsList[];
  /** The application recorded last (./applied.ts), for the delisted addresses. */
  previous?: AppliedList;
  /** The scanner's cache (its cursor): a rerun reads only newer blocks. */
  cacheFile?: string;
  timeoutMs?: number;
}

/** Every entry by address (checksummed), entries sorted. */
export function entriesByAddress(lists: readonly SanctionsList[]): Map<string, ListedAddress[]> {
  const by = new Map<string, ListedAddress[]>();
  for (const l of lists) for (const e of l.entries) by.set(e.address, [...(by.get(e.address) ?? []), e]);
  return new Map([...by.entries()].sort(([a], [b]) => byAddress(a, b)));
}

/** Addresses in one order whatever their checksum case. */
function byAddress(a: string, b: string): number {
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
}

const entryLabel = (e: ListedAddress) => `${e.list}:${e.entryId}`;

/** The diff of `lists` against the chain at its latest block. */
export async function screen(o: ScreenOptions): Promise<ScreeningDiff> {
  const t = <T>(p: Promise<T>, what: string) => withTimeout(p, what, o.timeoutMs);
  const { provider } = o;
  const chainId = Number((await t(provider.getNetwork(), "eth_chainId")).chainId);
  const block = await t(provider.getBlockNumber(), "eth_blockNumber");
  const coin = SomStablecoin__factory.connect(o.stablecoin.address, provider);
  const scan = await scanLogs({
    provider,
    chainId,
    addresses: [o.stablecoin.address],
    topics: [FROZEN_TOPIC, UNFROZEN_TOPIC, TRANSFER],
    fromBlock: Math.max(o.stablecoin.blockNumber, 0),
    toBlock: block,
    cacheFile: o.cacheFile,
    timeoutMs: o.timeoutMs,
    filterId: "sanctions-screen/1",
  });
  scan.save();
  const frozen = frozenAccounts(scan.logs, o.stablecoin.address);
  // every account that ever received the token (a balance is read only for these)
  const held = new Set(
    scan.logs.filter((l) => l.topics[0] === TRANSFER).map((l) => getAddress(`0x${l.topics[2].slice(26)}`)),
  );
  const listed = entriesByAddress(o.lists);
  const addresses = [...listed.keys()];
  const screened = await mapLimit(addresses, 16, async (address): Promise<ScreenedAddress> => {
    const balance = held.has(address) ? await t(coin.balanceOf(address, { blockTag: block }), "balanceOf") : 0n;
    const code = frozen.has(address) ? "0x" : await t(provider.getCode(address, block), "eth_getCode");
    return {
      address,
      entries: (listed.get(address) ?? []).map(entryLabel),
      balance: balance.toString(),
      contract: code !== "0x",
    };
  });
  const counterparties: ListedCounterparty[] = [];
  if (o.registry) {
    const registry = CounterpartyRegistry__factory.connect(o.registry, provider);
    for (const c of await listCounterparties(registry, block)) {
      const entries = listed.get(getAddress(c.address));
      if (entries)
        counterparties.push({
          address: c.address,
          name: c.name,
          status: c.status,
          eligible: c.eligible,
          entries: entries.map(entryLabel),
        });
    }
  }
  const delisted = (o.previous?.addresses ?? []).filter((a) => !listed.has(getAddress(a)) && frozen.has(getAddress(a)));
  return {
    format: "som-sanctions-diff/1",
    chainId,
    block,
    stablecoin: o.stablecoin.address,
    lists: o.lists.map((l) => ({
      file: l.file,
      name: l.name,
      format: l.format,
      hash: l.hash,
      date: l.date,
      entries: l.entries.length,
    })),
    listHash: combinedListHash(o.lists),
    listNames: [...new Set(o.lists.map((l) => l.name))].join(" + "),
    date: o.lists.reduce((d, l) => (l.date > d ? l.date : d), ""),
    toFreeze: screened.filter((s) => !frozen.has(s.address)),
    alreadyFrozen: screened.filter((s) => frozen.has(s.address)),
    counterparties: counterparties.sort((a, b) => byAddress(a.address, b.address)),
    delisted: delisted.sort(byAddress),
    affectedBalance: screened.reduce((sum, s) => sum + BigInt(s.balance), 0n).toString(),
  };
}
