/**
 * What every rule reads: the deployment (records, the reserve Safe, its guard, the stablecoin), the custodian
 * decoder's environment (names from the records), the explorer of the network and the settings.
 */
import { Interface, getAddress } from "ethers";
import type { Provider } from "ethers";
import type { ContractRecord } from "../chain/records";
import { UserError } from "../chain/errors";
import { withTimeout } from "../chain/timeout";
import { loadProposalContext } from "../custody/assemble";
import type { DecodeEnv, TokenInfo } from "../custody/decode";
import { deploymentForChain, loadSafeArtifact } from "../safe/artifacts";
import { RESERVE_GUARD_RECORD } from "../report/governance";
import { explorerFor } from "../report/explorer";
import type { Explorer } from "../report/explorer";
import type { WatchSettings } from "./config";

export interface WatchContext {
  provider: Provider;
  network: string;
  chainId: number;
  records: readonly ContractRecord[];
  safe: string;
  guard: string | undefined;
  coin: ContractRecord;
  coinToken: TokenInfo;
  env: DecodeEnv;
  explorer: Explorer | null;
  settings: WatchSettings;
  /** An RPC call under the settings' timeout. */
  t: <T>(p: Promise<T>, what: string) => Promise<T>;
}

export const SAFE_EVENTS = new Interface(loadSafeArtifact("SafeL2").abi);

function need(records: readonly ContractRecord[], name: string, network: string): ContractRecord {
  const r = records.find((x) => x.name === name);
  if (!r) throw new UserError(`deployments/${network}/${name}.json: no such record (deploy first)`);
  return r;
}

/** The context of a network's records (reads token metadata and the Safe's owners once, under timeouts). */
export async function watchContext(o: {
  provider: Provider;
  network: string;
  chainId: number;
  records: readonly ContractRecord[];
  settings: WatchSettings;
}): Promise<WatchContext> {
  const t = <T>(p: Promise<T>, what: string): Promise<T> => withTimeout(p, what, o.settings.rpcTimeoutMs);
  const safe = getAddress(need(o.records, "ReserveSafe", o.network).address);
  const coin = need(o.records, "SomStablecoin", o.network);
  const guardRec = o.records.find((r) => r.name === RESERVE_GUARD_RECORD);
  const context = await t(loadProposalContext(o.provider, o.records, safe), "reading the records' token metadata");
  const coinToken = context.records.find((r) => r.name === coin.name)?.token ?? { decimals: 2, symbol: "KGSC" };
  return {
    ...o,
    safe,
    guard: guardRec ? getAddress(guardRec.address) : undefined,
    coin,
    coinToken,
    env: {
      chainId: o.chainId,
      safe,
      multiSendCallOnly: deploymentForChain("MultiSendCallOnly", o.chainId)?.address,
      context,
    },
    explorer: explorerFor(o.chainId),
    t,
  };
}

/** The record name of `address`, if any. */
export function recordName(c: WatchContext, address: string): string | null {
  const a = address.toLowerCase();
  if (a === c.safe.toLowerCase()) return "ReserveSafe";
  return c.records.find((r) => r.address.toLowerCase() === a)?.name ?? null;
}
